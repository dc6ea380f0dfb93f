//! Creating a co-op: its token, treasury, founders and rules, and every way creation is refused.
#![allow(deprecated)]

use ampled::events::CommunityCreated;
use ampled::instructions::{CreateCommunityArgs, Founder};
use ampled::state::*;
use ampled_tests::*;
use anchor_lang::prelude::{AccountMeta, Pubkey};
use anchor_lang::solana_program::system_program;
use anchor_spl::token_2022 as token;
use anchor_spl::token_interface::{Mint, TokenAccount};
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
        token: token_metadata(),
        rules: default_rules(),
        founders: founders(&[&alice, &bob]),
    };

    let emitted = chain.create_community(&args).await.unwrap();

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
        token: token_metadata(),
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
        token: token_metadata(),
        rules: default_rules(),
        founders: founders(&[founder]),
    };
    let watched = creation_footprint(chain, &address_for(name), &args.founders);
    let before = chain.snapshot(&watched).await;

    let result = chain.create_community(&args).await;

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
            token: token_metadata(),
            rules: default_rules(),
            founders: founders(&[&alice]),
        };
        args.founders.push(Founder {
            wallet: founder,
            role: MemberRole::Worker,
        });
        let watched = creation_footprint(&chain, &address, &args.founders);
        let before = chain.snapshot(&watched).await;

        let result = chain.create_community(&args).await;

        assert_error(result, AmpledError::NotAWallet);
        assert_eq!(chain.snapshot(&watched).await, before, "founder {founder}");
    }
}

// ---------------------------------------------------------------------------------------------
// Founding: every way create_community is refused, and what cannot block it
// ---------------------------------------------------------------------------------------------

fn fresh_keys(n: usize) -> Vec<Pubkey> {
    (0..n).map(|_| Keypair::new().pubkey()).collect()
}

fn founders_of(wallets: &[Pubkey]) -> Vec<Founder> {
    wallets
        .iter()
        .map(|wallet| Founder {
            wallet: *wallet,
            role: MemberRole::Worker,
        })
        .collect()
}

fn community_args(name: &str, wallets: &[Pubkey]) -> CreateCommunityArgs {
    CreateCommunityArgs {
        name: name.to_string(),
        decimals: DECIMALS,
        token: token_metadata(),
        rules: default_rules(),
        founders: founders_of(wallets),
    }
}

/// The address `create_community` derives for `args`.
fn community_address_for(args: &CreateCommunityArgs) -> Pubkey {
    Pubkey::find_program_address(&[COMMUNITY_SEED, args.name_seed()], &ampled::ID).0
}

/// Asserts that no account of the refused community exists: not it, its mint, its treasury, nor
/// any of its founders' membership records.
async fn assert_nothing_created(chain: &mut Chain, args: &CreateCommunityArgs) {
    let community = community_address_for(args);
    assert!(!chain.exists(&community).await, "community account exists");
    assert!(
        !chain.exists(&ix::mint_address(&community)).await,
        "mint exists"
    );
    assert!(
        !chain.exists(&ix::treasury_address(&community)).await,
        "treasury exists"
    );
    for founder in &args.founders {
        let member = ix::member_address(&community, &founder.wallet);
        assert!(!chain.exists(&member).await, "member record exists");
    }
}

#[tokio::test]
async fn create_community_with_an_empty_name_is_refused() {
    let mut chain = Chain::start().await;
    let args = community_args("", &fresh_keys(2));

    let result = chain.create_community(&args).await;

    assert_error(result, AmpledError::InvalidCommunityName);
    assert_nothing_created(&mut chain, &args).await;
}

#[tokio::test]
async fn create_community_with_a_33_byte_name_is_refused() {
    let mut chain = Chain::start().await;
    let args = community_args(&"a".repeat(33), &fresh_keys(2));

    let result = chain.create_community(&args).await;

    assert_error(result, AmpledError::InvalidCommunityName);
    assert_nothing_created(&mut chain, &args).await;
    assert!(!chain.exists(&ix::community_address(&"a".repeat(32))).await);
}

#[tokio::test]
async fn create_community_without_founders_is_refused() {
    let mut chain = Chain::start().await;
    let args = community_args("ampled", &[]);

    let result = chain.create_community(&args).await;

    assert_error(result, AmpledError::NoFounders);
    assert_nothing_created(&mut chain, &args).await;
}

#[tokio::test]
async fn create_community_with_eleven_founders_is_refused() {
    let mut chain = Chain::start().await;
    let args = community_args("ampled", &fresh_keys(11));

    let result = chain.create_community(&args).await;

    assert_error(result, AmpledError::TooManyFounders);
    assert_nothing_created(&mut chain, &args).await;
}

#[tokio::test]
async fn create_community_listing_a_founder_twice_is_refused() {
    let mut chain = Chain::start().await;
    let keys = fresh_keys(2);
    let args = community_args("ampled", &[keys[0], keys[1], keys[0]]);

    let result = chain.create_community(&args).await;

    assert_error(result, AmpledError::DuplicateFounder);
    assert_nothing_created(&mut chain, &args).await;
}

#[tokio::test]
async fn create_community_with_ten_decimals_is_refused() {
    let mut chain = Chain::start().await;
    let args = CreateCommunityArgs {
        decimals: 10,
        token: token_metadata(),
        ..community_args("ampled", &fresh_keys(2))
    };

    let result = chain.create_community(&args).await;

    assert_error(result, AmpledError::InvalidDecimals);
    assert_nothing_created(&mut chain, &args).await;
}

#[tokio::test]
async fn create_community_with_min_approvals_above_founder_count_is_refused() {
    let mut chain = Chain::start().await;
    let args = CreateCommunityArgs {
        rules: CommunityRules {
            min_approvals: 3,
            ..default_rules()
        },
        ..community_args("ampled", &fresh_keys(2))
    };

    let result = chain.create_community(&args).await;

    assert_error(result, AmpledError::InvalidMinApprovals);
    assert_nothing_created(&mut chain, &args).await;
}

#[tokio::test]
async fn create_community_with_a_founder_member_account_missing_is_refused() {
    let mut chain = Chain::start().await;
    let args = community_args("ampled", &fresh_keys(2));
    let result = chain
        .create_community_with(&args, |create_ix| {
            create_ix.accounts.pop();
        })
        .await;

    assert_error(result, AmpledError::FounderAccountMismatch);
    assert_nothing_created(&mut chain, &args).await;
}

#[tokio::test]
async fn create_community_with_founder_member_accounts_out_of_order_is_refused() {
    let mut chain = Chain::start().await;
    let args = community_args("ampled", &fresh_keys(2));
    let result = chain
        .create_community_with(&args, |create_ix| {
            let last = create_ix.accounts.len() - 1;
            create_ix.accounts.swap(last - 1, last);
        })
        .await;

    assert_error(result, AmpledError::FounderAccountMismatch);
    assert_nothing_created(&mut chain, &args).await;
}

#[tokio::test]
async fn create_community_with_a_read_only_founder_member_account_is_refused() {
    let mut chain = Chain::start().await;
    let args = community_args("ampled", &fresh_keys(2));
    let result = chain
        .create_community_with(&args, |create_ix| {
            let last = create_ix.accounts.len() - 1;
            create_ix.accounts[last].is_writable = false;
        })
        .await;

    assert_error(result, AmpledError::FounderAccountMismatch);
    assert_nothing_created(&mut chain, &args).await;
}

#[tokio::test]
async fn create_community_with_an_extra_trailing_account_is_refused() {
    let mut chain = Chain::start().await;
    let args = community_args("ampled", &fresh_keys(2));
    let result = chain
        .create_community_with(&args, |create_ix| {
            create_ix
                .accounts
                .push(AccountMeta::new(Keypair::new().pubkey(), false));
        })
        .await;

    assert_error(result, AmpledError::FounderAccountMismatch);
    assert_nothing_created(&mut chain, &args).await;
}

#[tokio::test]
async fn create_community_reusing_a_taken_name_fails_and_leaves_the_first_untouched() {
    let mut chain = Chain::start().await;
    let first = chain.community_named("ampled", 2, default_rules()).await;
    let mut watched = vec![first.address, first.mint, first.treasury];
    watched.extend(
        first
            .members
            .iter()
            .map(|m| first.member_address(&m.pubkey())),
    );
    let before = chain.snapshot(&watched).await;
    let args = community_args("ampled", &fresh_keys(2));

    let result = chain.create_community(&args).await;

    assert_error(result, AmpledError::AccountAlreadyExists);
    assert_eq!(chain.snapshot(&watched).await, before);
    for founder in &args.founders {
        assert!(!chain.exists(&first.member_address(&founder.wallet)).await);
    }
}

#[tokio::test]
async fn create_community_with_a_fake_token_program_is_refused() {
    let mut chain = Chain::start().await;
    let args = community_args("ampled", &fresh_keys(2));
    let result = chain
        .create_community_with(&args, |create_ix| {
            let token_program = create_ix
                .accounts
                .iter_mut()
                .find(|meta| meta.pubkey == token::ID)
                .expect("token program account");
            *token_program = AccountMeta::new_readonly(system_program::ID, false);
        })
        .await;

    assert_error(result, AnchorError::InvalidProgramId);
    assert_nothing_created(&mut chain, &args).await;
}

#[tokio::test]
async fn create_community_succeeds_when_a_founder_member_address_was_prefunded() {
    let mut chain = Chain::start().await;
    let keys = fresh_keys(2);
    let args = community_args("prefunded", &keys);
    let community = ix::community_address("prefunded");
    let squatted = ix::member_address(&community, &keys[1]);
    let rent = chain.ctx.banks_client.get_rent().await.unwrap();
    let prefund = 1_000_000;
    assert!(
        prefund < rent.minimum_balance(Member::SPACE),
        "short of a record's rent"
    );
    chain.airdrop(&squatted, prefund).await;

    let emitted = chain.create_community(&args).await.unwrap();

    let founder: Member = chain.account(&squatted).await;
    assert_eq!(founder.wallet, keys[1]);
    assert_eq!(founder.status, MemberStatus::Active);
    assert_eq!(founder.index, 1);
    assert_eq!(
        chain.lamports(&squatted).await,
        rent.minimum_balance(Member::SPACE),
        "topped up to exactly rent-exempt"
    );
    let state: Community = chain.account(&community).await;
    assert_eq!(state.active_member_count, 2);
    assert_eq!(emitted.one::<CommunityCreated>().founders.len(), 2);
}

/// Creates a community after an attacker sent lamports to the address `squat` picks for it, and
/// asserts that creation still succeeds in full.
async fn assert_creation_survives_prefunding(squat: fn(&Pubkey) -> Pubkey) {
    let mut chain = Chain::start().await;
    let keys = fresh_keys(2);
    let args = community_args("squatted", &keys);
    let community = ix::community_address("squatted");
    chain.airdrop(&squat(&community), SOL).await;

    let result = chain.create_community(&args).await;

    result.expect("creation goes through despite the prefunded address");
    let state: Community = chain.account(&community).await;
    assert_eq!(state.active_member_count, 2);
    let mint: Mint = chain.account(&state.mint).await;
    assert_eq!(mint.mint_authority.unwrap(), community);
    let treasury: TokenAccount = chain.account(&state.treasury).await;
    assert_eq!(treasury.owner, community);
    for key in &keys {
        let founder: Member = chain.account(&ix::member_address(&community, key)).await;
        assert_eq!(founder.wallet, *key);
    }
}

/// Squatting attack: lamports sent to a name's community address before it is created.
#[tokio::test]
async fn create_community_succeeds_when_the_community_address_was_prefunded() {
    assert_creation_survives_prefunding(|community| *community).await;
}

/// Squatting attack: lamports sent to a name's mint address before it is created.
#[tokio::test]
async fn create_community_succeeds_when_the_mint_address_was_prefunded() {
    assert_creation_survives_prefunding(ix::mint_address).await;
}

/// Squatting attack: lamports sent to a name's treasury address before it is created.
#[tokio::test]
async fn create_community_succeeds_when_the_treasury_address_was_prefunded() {
    assert_creation_survives_prefunding(ix::treasury_address).await;
}
