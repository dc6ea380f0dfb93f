//! Distributions: a batch (the old time bank, batch rewards) approved by one vote, each share
//! claimed once from its wallet with a Merkle proof, the total reserved under the caps, and what
//! is never claimed released after the deadline.
#![allow(deprecated)]

use ampled::errors::AmpledError;
use ampled::events::{DistributionClosed, DistributionOpened, ShareClaimed};
use ampled::state::*;
use ampled_tests::*;
use anchor_lang::prelude::Pubkey;
use solana_keypair::Keypair;
use solana_signer::Signer;

const WEEK: i64 = 7 * DAY;

async fn claim_until(chain: &Chain) -> i64 {
    chain.now() + 30 * DAY
}

#[tokio::test]
async fn three_recipients_each_claim_their_share_once_and_members_time_banks_grow() {
    let mut chain = Chain::start().await;
    let community = chain.community(3).await;
    let carol = community.member(2).pubkey();
    let outsider = chain.wallet().await;
    let list = ShareList::new(vec![
        (carol, 12 * TOKEN),
        (outsider.pubkey(), 30 * TOKEN),
        (community.member(1).pubkey(), 5 * TOKEN),
    ]);
    let terms = list.terms(claim_until(&chain).await);

    let distribution = chain
        .open_distribution(&community, terms.clone())
        .await
        .unwrap();
    let mut emitted = Vec::new();
    for (index, sender) in [
        (0, community.member(2).insecure_clone()),
        (1, outsider.insecure_clone()),
        (2, community.member(1).insecure_clone()),
    ] {
        emitted.push(
            chain
                .claim_share(&community, &distribution, &list, index, &sender)
                .await
                .unwrap(),
        );
    }

    assert_eq!(chain.wallet_balance(&community, &carol).await, 12 * TOKEN);
    assert_eq!(
        chain.wallet_balance(&community, &outsider.pubkey()).await,
        30 * TOKEN
    );
    assert_eq!(chain.supply(&community).await, 47 * TOKEN);
    let member: Member = chain.account(&community.member_address(&carol)).await;
    assert_eq!(member.total_earned, 12 * TOKEN);
    let stored: Distribution = chain.account(&distribution).await;
    assert_eq!(stored.terms, terms);
    assert_eq!(stored.claimed_total, 47 * TOKEN);
    assert_eq!(stored.claimed_count, 3);
    assert!((0..3).all(|i| stored.is_claimed(i)));
    let carol_claim: ShareClaimed = emitted[0].one();
    assert_eq!(carol_claim.wallet, carol);
    assert_eq!(carol_claim.amount, 12 * TOKEN);
    assert_eq!(carol_claim.member_total_earned, Some(12 * TOKEN));
    let outsider_claim: ShareClaimed = emitted[1].one();
    assert_eq!(outsider_claim.member_total_earned, None, "not a member");
}

#[tokio::test]
async fn opening_reserves_the_whole_total_under_the_supply_cap() {
    let mut chain = Chain::start().await;
    let community = chain
        .community_named(
            "ampled",
            3,
            CommunityRules {
                supply_cap: Some(100 * TOKEN),
                ..default_rules()
            },
        )
        .await;
    let list = ShareList::of_new_wallets(4, 10 * TOKEN);
    let proposal_terms = list.terms(claim_until(&chain).await);

    let approvers = [0, 1, 2];
    let proposal = chain
        .passed_proposal(
            &community,
            ProposalAction::Distribute {
                terms: proposal_terms.clone(),
            },
            &approvers,
        )
        .await;
    let emitted = chain.execute(&community, &proposal).await.unwrap();

    let opened: DistributionOpened = emitted.one();
    assert_eq!(opened.total_minted_after, list.total());
    let state: Community = chain.account(&community.address).await;
    assert_eq!(
        state.total_minted,
        list.total(),
        "reserved before any claim"
    );
    assert_eq!(chain.supply(&community).await, 0, "nothing minted yet");
    // The room left under the cap is what the reservation did not take.
    let room = 100 * TOKEN - list.total();
    let too_much = reward(Keypair::new().pubkey(), room + 1, "over");
    let over = chain
        .passed_proposal(&community, too_much, &approvers)
        .await;
    assert_error(
        chain.execute(&community, &over).await,
        AmpledError::SupplyCapExceeded,
    );
}

#[tokio::test]
async fn a_distribution_larger_than_the_room_under_the_cap_is_refused_and_nothing_opens() {
    let mut chain = Chain::start().await;
    let community = chain
        .community_named(
            "ampled",
            3,
            CommunityRules {
                supply_cap: Some(10 * TOKEN),
                ..default_rules()
            },
        )
        .await;
    let list = ShareList::of_new_wallets(3, 4 * TOKEN);
    let terms = list.terms(claim_until(&chain).await);
    let proposal = chain
        .passed_proposal(&community, ProposalAction::Distribute { terms }, &[0, 1, 2])
        .await;

    let result = chain.execute(&community, &proposal).await;

    assert_error(result, AmpledError::SupplyCapExceeded);
    assert!(!chain.exists(&ix::distribution_address(&proposal)).await);
    let state: Community = chain.account(&community.address).await;
    assert_eq!(state.total_minted, 0);
}

#[tokio::test]
async fn claiming_the_same_share_twice_is_refused() {
    let mut chain = Chain::start().await;
    let community = chain.community(3).await;
    let wallet = chain.wallet().await;
    let list = ShareList::new(vec![
        (wallet.pubkey(), 8 * TOKEN),
        (Keypair::new().pubkey(), TOKEN),
    ]);
    let distribution = chain
        .open_distribution(&community, list.terms(claim_until(&chain).await))
        .await
        .unwrap();
    chain
        .claim_share(&community, &distribution, &list, 0, &wallet)
        .await
        .unwrap();
    chain.advance(1).await;

    let again = chain
        .claim_share(&community, &distribution, &list, 0, &wallet)
        .await;

    assert_error(again, AmpledError::ShareAlreadyClaimed);
    assert_eq!(
        chain.wallet_balance(&community, &wallet.pubkey()).await,
        8 * TOKEN
    );
}

#[tokio::test]
async fn a_proof_for_another_wallet_mints_nothing() {
    let mut chain = Chain::start().await;
    let community = chain.community(3).await;
    let thief = chain.wallet().await;
    let list = ShareList::of_new_wallets(5, TOKEN);
    let distribution = chain
        .open_distribution(&community, list.terms(claim_until(&chain).await))
        .await
        .unwrap();

    let stolen = chain
        .claim_share_with(
            &community,
            &distribution,
            &thief.pubkey(),
            2,
            list.shares[2].1,
            list.proof(2),
            &thief,
        )
        .await;

    assert_error(stolen, AmpledError::InvalidShareProof);
    assert_eq!(chain.supply(&community).await, 0);
    let stored: Distribution = chain.account(&distribution).await;
    assert_eq!(stored.claimed_count, 0);
}

#[tokio::test]
async fn a_wrong_amount_is_refused() {
    let mut chain = Chain::start().await;
    let community = chain.community(3).await;
    let wallet = chain.wallet().await;
    let list = ShareList::new(vec![
        (wallet.pubkey(), 3 * TOKEN),
        (Keypair::new().pubkey(), TOKEN),
    ]);
    let distribution = chain
        .open_distribution(&community, list.terms(claim_until(&chain).await))
        .await
        .unwrap();

    let inflated = chain
        .claim_share_with(
            &community,
            &distribution,
            &wallet.pubkey(),
            0,
            30 * TOKEN,
            list.proof(0),
            &wallet,
        )
        .await;

    assert_error(inflated, AmpledError::InvalidShareProof);
    assert_eq!(chain.supply(&community).await, 0);
}

#[tokio::test]
async fn a_leaf_from_another_distribution_does_not_claim_here() {
    let mut chain = Chain::start().await;
    let community = chain.community(3).await;
    let wallet = chain.wallet().await;
    let first = ShareList::new(vec![
        (wallet.pubkey(), 2 * TOKEN),
        (Keypair::new().pubkey(), TOKEN),
    ]);
    let second = ShareList::of_new_wallets(2, 5 * TOKEN);
    chain
        .open_distribution(&community, first.terms(claim_until(&chain).await))
        .await
        .unwrap();
    let other = chain
        .open_distribution(&community, second.terms(claim_until(&chain).await))
        .await
        .unwrap();

    let result = chain
        .claim_share(&community, &other, &first, 0, &wallet)
        .await;

    assert_error(result, AmpledError::InvalidShareProof);
    assert_eq!(chain.supply(&community).await, 0);
}

#[tokio::test]
async fn an_index_outside_the_list_is_refused() {
    let mut chain = Chain::start().await;
    let community = chain.community(3).await;
    let wallet = chain.wallet().await;
    let list = ShareList::new(vec![
        (wallet.pubkey(), TOKEN),
        (Keypair::new().pubkey(), TOKEN),
    ]);
    let distribution = chain
        .open_distribution(&community, list.terms(claim_until(&chain).await))
        .await
        .unwrap();

    let result = chain
        .claim_share_with(
            &community,
            &distribution,
            &wallet.pubkey(),
            2,
            TOKEN,
            list.proof(0),
            &wallet,
        )
        .await;

    assert_error(result, AmpledError::ShareIndexOutOfRange);
}

#[tokio::test]
async fn a_claim_after_the_deadline_is_refused_and_closing_releases_the_unclaimed_rest() {
    let mut chain = Chain::start().await;
    let community = chain.community(3).await;
    let early = chain.wallet().await;
    let late = chain.wallet().await;
    let list = ShareList::new(vec![
        (early.pubkey(), 4 * TOKEN),
        (late.pubkey(), 6 * TOKEN),
    ]);
    let deadline = chain.now() + WEEK;
    let distribution = chain
        .open_distribution(&community, list.terms(deadline))
        .await
        .unwrap();
    chain
        .claim_share(&community, &distribution, &list, 0, &early)
        .await
        .unwrap();
    let premature = chain.close_distribution(&community, &distribution).await;
    assert_error(premature, AmpledError::ClaimsStillOpen);
    chain.set_time(deadline).await;
    let too_late = chain
        .claim_share(&community, &distribution, &list, 1, &late)
        .await;
    let stored: Distribution = chain.account(&distribution).await;
    let rent = chain.lamports(&distribution).await;
    let payer_before = chain.lamports(&stored.rent_payer).await;
    let closed = chain
        .close_distribution(&community, &distribution)
        .await
        .unwrap();

    assert_error(too_late, AmpledError::ClaimWindowClosed);
    assert_eq!(chain.wallet_balance(&community, &late.pubkey()).await, 0);
    let event: DistributionClosed = closed.one();
    assert_eq!(event.claimed_total, 4 * TOKEN);
    assert_eq!(event.released, 6 * TOKEN);
    let state: Community = chain.account(&community.address).await;
    assert_eq!(
        state.total_minted,
        4 * TOKEN,
        "only what was claimed stays counted"
    );
    assert!(!chain.exists(&distribution).await);
    // The executor paid the rent and, as the chain's fee payer here, the close's fee too.
    assert_eq!(
        chain.lamports(&stored.rent_payer).await,
        payer_before + rent - 5_000
    );
}

#[tokio::test]
async fn executing_a_distribution_proposal_twice_is_refused() {
    let mut chain = Chain::start().await;
    let community = chain.community(3).await;
    let list = ShareList::of_new_wallets(3, TOKEN);
    let terms = list.terms(claim_until(&chain).await);
    let proposal = chain
        .passed_proposal(&community, ProposalAction::Distribute { terms }, &[0, 1, 2])
        .await;
    chain.execute(&community, &proposal).await.unwrap();
    chain.advance(1).await;

    let again = chain.execute(&community, &proposal).await;

    assert_error(again, AmpledError::ProposalAlreadyExecuted);
    let state: Community = chain.account(&community.address).await;
    assert_eq!(state.total_minted, list.total(), "reserved once");
}

#[tokio::test]
async fn a_friend_may_send_the_claim_but_the_tokens_only_reach_the_leafs_wallet() {
    let mut chain = Chain::start().await;
    let community = chain.community(3).await;
    let friend = chain.wallet().await;
    // A recipient with no SOL at all: someone else pays the fees and the token account's rent.
    let penniless = Keypair::new();
    let list = ShareList::new(vec![
        (penniless.pubkey(), 9 * TOKEN),
        (Keypair::new().pubkey(), TOKEN),
    ]);
    let distribution = chain
        .open_distribution(&community, list.terms(claim_until(&chain).await))
        .await
        .unwrap();

    let emitted = chain
        .claim_share(&community, &distribution, &list, 0, &friend)
        .await
        .unwrap();

    assert_eq!(
        chain.wallet_balance(&community, &penniless.pubkey()).await,
        9 * TOKEN
    );
    assert_eq!(chain.wallet_balance(&community, &friend.pubkey()).await, 0);
    let event: ShareClaimed = emitted.one();
    assert_eq!(event.claimed_by, friend.pubkey());
    assert_eq!(event.wallet, penniless.pubkey());
}

#[tokio::test]
async fn terms_members_could_not_check_or_claim_are_refused_at_proposal() {
    let mut chain = Chain::start().await;
    let community = chain.community(3).await;
    let list = ShareList::of_new_wallets(2, TOKEN);
    let good = list.terms(claim_until(&chain).await);
    let cases = [
        (
            DistributionTerms {
                recipients: 0,
                ..good.clone()
            },
            AmpledError::InvalidDistributionSize,
        ),
        (
            DistributionTerms {
                recipients: MAX_DISTRIBUTION_RECIPIENTS + 1,
                ..good.clone()
            },
            AmpledError::InvalidDistributionSize,
        ),
        (
            DistributionTerms {
                total: 1,
                ..good.clone()
            },
            AmpledError::InvalidDistributionSize,
        ),
        (
            DistributionTerms {
                uri: "http://example.com/list.csv".into(),
                ..good.clone()
            },
            AmpledError::InvalidDistributionUri,
        ),
        (
            DistributionTerms {
                claim_until: chain.now(),
                ..good.clone()
            },
            AmpledError::InvalidClaimWindow,
        ),
        (
            DistributionTerms {
                claim_until: chain.now() + MAX_CLAIM_WINDOW_SECS + 1,
                ..good.clone()
            },
            AmpledError::InvalidClaimWindow,
        ),
    ];
    let proposer = community.member(0).insecure_clone();
    for (terms, error) in cases {
        let result = chain
            .propose(&community, &proposer, ProposalAction::Distribute { terms })
            .await;
        assert_error(result, error);
    }
}

#[tokio::test]
async fn sixty_five_thousand_recipients_fit_and_claims_at_both_ends_work() {
    let mut chain = Chain::start().await;
    let community = chain.community(3).await;
    let first = chain.wallet().await;
    let last = chain.wallet().await;
    let mut shares: Vec<(Pubkey, u64)> = (0..MAX_DISTRIBUTION_RECIPIENTS)
        .map(|i| (Keypair::new().pubkey(), TOKEN + u64::from(i)))
        .collect();
    shares[0].0 = first.pubkey();
    let end = shares.len() - 1;
    shares[end].0 = last.pubkey();
    let list = ShareList::new(shares);
    let distribution = chain
        .open_distribution(&community, list.terms(claim_until(&chain).await))
        .await
        .unwrap();

    chain
        .claim_share(&community, &distribution, &list, 0, &first)
        .await
        .unwrap();
    chain
        .claim_share(&community, &distribution, &list, end, &last)
        .await
        .unwrap();

    assert_eq!(list.proof(end).len(), 16);
    assert_eq!(
        chain.wallet_balance(&community, &first.pubkey()).await,
        TOKEN
    );
    let stored: Distribution = chain.account(&distribution).await;
    assert_eq!(stored.claimed_count, 2);
    assert!(stored.is_claimed(0) && stored.is_claimed(end as u32));
    assert_eq!(stored.claimed.len(), 8_192);
}
