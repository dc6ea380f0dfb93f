//! Creating a co-op: its token, treasury, founders and rules, and every way creation is refused.
#![allow(deprecated)]

use ampled::events::CommunityCreated;
use ampled::instructions::{CreateCommunityArgs, Founder};
use ampled::state::*;
use ampled_tests::*;
use anchor_lang::prelude::Pubkey;
use anchor_spl::token::{Mint, TokenAccount};
use solana_keypair::Keypair;
use solana_signer::Signer;

fn founders(wallets: &[&solana_keypair::Keypair]) -> Vec<Founder> {
    wallets
        .iter()
        .map(|w| Founder {
            wallet: w.pubkey(),
            role: MemberRole::Artist,
        })
        .collect()
}

#[tokio::test]
async fn create_community_mints_nothing_and_gives_the_mint_to_the_community_pda() {
    let mut chain = Chain::start().await;
    let alice = chain.wallet().await;
    let bob = chain.wallet().await;
    let args = CreateCommunityArgs {
        name: "ampled".into(),
        decimals: 6,
        rules: default_rules(),
        founders: founders(&[&alice, &bob]),
    };

    let emitted = chain
        .send(&[ix::create_community(&chain.payer().pubkey(), &args)], &[])
        .await
        .unwrap();

    let address = ix::community_address("ampled");
    let community: Community = chain.account(&address).await;
    assert_eq!(community.name, "ampled");
    assert_eq!(community.rules, default_rules());
    assert_eq!(community.active_member_count, 2);
    assert_eq!(community.member_slots, 2);
    assert_eq!(community.mint, ix::mint_address(&address));
    assert_eq!(community.treasury, ix::treasury_address(&address));

    let mint: Mint = chain.account(&community.mint).await;
    assert_eq!(
        mint.mint_authority.unwrap(),
        address,
        "only the PDA can mint"
    );
    assert!(mint.freeze_authority.is_none(), "nobody can freeze holders");
    assert_eq!(mint.supply, 0, "nothing is minted before members approve");
    assert_eq!(mint.decimals, 6);

    let treasury: TokenAccount = chain.account(&community.treasury).await;
    assert_eq!(treasury.owner, address);
    assert_eq!(treasury.mint, community.mint);

    for (i, wallet) in [&alice, &bob].iter().enumerate() {
        let member: Member = chain
            .account(&ix::member_address(&address, &wallet.pubkey()))
            .await;
        assert_eq!(member.wallet, wallet.pubkey());
        assert_eq!(member.role, MemberRole::Artist);
        assert_eq!(member.status, MemberStatus::Active);
        assert_eq!(member.index, i as u32);
        assert_eq!(member.admitted_by, None);
        assert_eq!(member.joined_at, chain.now());
        assert_eq!(member.total_earned, 0);
    }

    let event: CommunityCreated = emitted.one();
    assert_eq!(event.community, address);
    assert_eq!(event.mint, community.mint);
    assert_eq!(event.founders.len(), 2);
    assert_eq!(event.founders[1].wallet, bob.pubkey());
    assert_eq!(event.rules, default_rules());
}

#[tokio::test]
async fn one_program_hosts_many_communities_with_separate_tokens() {
    let mut chain = Chain::start().await;
    let first = chain.community_named("ampled", 1, default_rules()).await;
    let second = chain
        .community_named("riot-grrrl", 1, default_rules())
        .await;
    assert_ne!(first.address, second.address);
    assert_ne!(first.mint, second.mint);
}

// ---------------------------------------------------------------------------------------------
// Names that cannot impersonate
// ---------------------------------------------------------------------------------------------

/// The address `create_community` derives for `name` (the seed is cut at 32 bytes, so even a name
/// too long to be valid has an address to check).
fn address_for(name: &str) -> Pubkey {
    let args = CreateCommunityArgs {
        name: name.into(),
        decimals: 6,
        rules: default_rules(),
        founders: Vec::new(),
    };
    Pubkey::find_program_address(&[COMMUNITY_SEED, args.name_seed()], &ampled::ID).0
}

/// Everything a creation would make or pay for: the community, its mint, its treasury, the
/// founders' records, and the payer.
fn creation_footprint(chain: &Chain, address: &Pubkey, founders: &[Founder]) -> Vec<Pubkey> {
    let mut watched = vec![
        *address,
        ix::mint_address(address),
        ix::treasury_address(address),
        chain.payer().pubkey(),
    ];
    watched.extend(
        founders
            .iter()
            .map(|f| ix::member_address(address, &f.wallet)),
    );
    watched
}

/// Tries to create a community named `name` with `founder` and asserts it is refused with
/// `InvalidCommunityName`, leaving no account behind and charging nobody.
async fn assert_name_refused(chain: &mut Chain, founder: &Keypair, name: &str) {
    let args = CreateCommunityArgs {
        name: name.into(),
        decimals: 6,
        rules: default_rules(),
        founders: founders(&[founder]),
    };
    let watched = creation_footprint(chain, &address_for(name), &args.founders);
    let before = chain.snapshot(&watched).await;

    let result = chain
        .send(&[ix::create_community(&chain.payer().pubkey(), &args)], &[])
        .await;

    assert_error(result, AmpledError::InvalidCommunityName);
    assert_eq!(chain.snapshot(&watched).await, before, "name {name:?}");
}

#[tokio::test]
async fn a_capitalised_copy_of_an_existing_name_is_refused() {
    let mut chain = Chain::start().await;
    chain.community_named("ampled", 1, default_rules()).await;
    let impostor = chain.wallet().await;

    // "Ampled" would be a different address that reads as the same co-op.
    assert_name_refused(&mut chain, &impostor, "Ampled").await;
    assert_name_refused(&mut chain, &impostor, "AMPLED").await;
}

#[tokio::test]
async fn a_lookalike_name_with_a_non_ascii_letter_is_refused() {
    let mut chain = Chain::start().await;
    let impostor = chain.wallet().await;

    assert_name_refused(&mut chain, &impostor, "ampléd").await;
    // A Cyrillic "а" looks exactly like the Latin one.
    assert_name_refused(&mut chain, &impostor, "\u{430}mpled").await;
}

#[tokio::test]
async fn names_shorter_than_3_or_longer_than_32_characters_are_refused() {
    let mut chain = Chain::start().await;
    let founder = chain.wallet().await;

    assert_name_refused(&mut chain, &founder, "ab").await;
    assert_name_refused(&mut chain, &founder, &"a".repeat(33)).await;
}

#[tokio::test]
async fn hyphens_at_either_end_or_doubled_are_refused() {
    let mut chain = Chain::start().await;
    let founder = chain.wallet().await;

    for name in ["-ampled", "ampled-", "amp--led"] {
        assert_name_refused(&mut chain, &founder, name).await;
    }
}

#[tokio::test]
async fn spaces_underscores_and_other_punctuation_in_a_name_are_refused() {
    let mut chain = Chain::start().await;
    let founder = chain.wallet().await;

    for name in ["amp led", "ampled_east", "ampled.east", " ampled"] {
        assert_name_refused(&mut chain, &founder, name).await;
    }
}

#[tokio::test]
async fn lowercase_names_with_digits_and_single_hyphens_from_3_to_32_characters_are_accepted() {
    let mut chain = Chain::start().await;
    let longest = "a".repeat(32);

    for name in ["ampled-east-2", "abc", "2024", longest.as_str()] {
        let fixture = chain.community_named(name, 1, default_rules()).await;

        assert_eq!(fixture.address, ix::community_address(name));
        let community: Community = chain.account(&fixture.address).await;
        assert_eq!(community.name, name);
    }
}

// ---------------------------------------------------------------------------------------------
// Founders are wallets
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn a_founder_that_is_a_program_address_is_refused() {
    let mut chain = Chain::start().await;
    let alice = chain.wallet().await;
    let other = chain
        .community_named("riot-grrrl", 1, default_rules())
        .await;
    let address = ix::community_address("ampled");
    // Addresses no key controls: the new community itself, its mint and treasury, another
    // co-op's treasury, and Alice's token account (pasted by mistake for her wallet).
    let keyless = [
        address,
        ix::mint_address(&address),
        ix::treasury_address(&address),
        other.treasury,
        other.ata(&alice.pubkey()),
    ];

    for founder in keyless {
        let mut args = CreateCommunityArgs {
            name: "ampled".into(),
            decimals: 6,
            rules: default_rules(),
            founders: founders(&[&alice]),
        };
        args.founders.push(Founder {
            wallet: founder,
            role: MemberRole::Worker,
        });
        let watched = creation_footprint(&chain, &address, &args.founders);
        let before = chain.snapshot(&watched).await;

        let result = chain
            .send(&[ix::create_community(&chain.payer().pubkey(), &args)], &[])
            .await;

        assert_error(result, AmpledError::NotAWallet);
        assert_eq!(chain.snapshot(&watched).await, before, "founder {founder}");
    }
}
