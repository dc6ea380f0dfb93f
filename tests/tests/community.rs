//! Creating a co-op: its token, treasury, founders and rules, and every way creation is refused.
#![allow(deprecated)]

use ampled::events::CommunityCreated;
use ampled::instructions::{CreateCommunityArgs, Founder};
use ampled::state::*;
use ampled_tests::*;
use anchor_spl::token::{Mint, TokenAccount};
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
