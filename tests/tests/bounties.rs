//! Bounties: posted by the co-op (by vote) or by a member (escrowed), claimed from any wallet,
//! evidence submitted, decided, paid once into the claimant's own token account.
#![allow(deprecated)]

use ampled::events::BountyClaimPaid;
use ampled::state::*;
use ampled_tests::*;
use solana_signer::Signer;

#[tokio::test]
async fn coop_bounty_is_posted_by_vote_and_pays_an_approved_claim_by_minting() {
    let mut chain = Chain::start().await;
    let community = chain.community(3).await;
    let bounty = chain
        .post_coop_bounty(&community, bounty_terms(25 * TOKEN, 2), &[0, 1])
        .await;
    let stored: Bounty = chain.account(&bounty.address).await;
    assert_eq!(stored.funding, BountyFunding::Coop);
    assert_eq!(stored.status, BountyStatus::Open);
    assert_eq!(stored.poster, community.member(0).pubkey());

    let fan = chain.wallet().await;
    let claim = chain.claim_and_submit(&bounty.address, &fan).await;
    let action = ProposalAction::PayBountyClaim {
        claim,
        claimant: fan.pubkey(),
    };
    let proposal = chain.passed_proposal(&community, action, &[0, 1]).await;

    let emitted = chain.execute(&community, &proposal).await.unwrap();

    assert_eq!(
        chain.wallet_balance(&community, &fan.pubkey()).await,
        25 * TOKEN
    );
    assert_eq!(chain.supply(&community).await, 25 * TOKEN);
    let stored_claim: Claim = chain.account(&claim).await;
    assert_eq!(stored_claim.status, ClaimStatus::Paid);
    assert_eq!(stored_claim.decided_by, Some(proposal));
    let stored: Bounty = chain.account(&bounty.address).await;
    assert_eq!(stored.paid_claims, 1);
    assert_eq!(stored.open_claims, 0);
    let paid: BountyClaimPaid = emitted.one();
    assert_eq!(paid.amount, 25 * TOKEN);
    assert_eq!(paid.claimant, fan.pubkey());
    assert_eq!(paid.member_total_earned, None);
}

#[tokio::test]
async fn member_funded_bounty_escrows_pays_and_refunds_the_rest() {
    let mut chain = Chain::start().await;
    let community = chain.community(2).await;
    let poster = community.member(0).insecure_clone();
    chain
        .reward_member(&community, &poster.pubkey(), 100 * TOKEN)
        .await;

    let bounty = chain
        .post_member_bounty(&community, &poster, bounty_terms(10 * TOKEN, 3))
        .await
        .unwrap();
    let vault = ix::bounty_vault_address(&bounty.address);
    assert_eq!(chain.balance(&vault).await, 30 * TOKEN);
    assert_eq!(
        chain.wallet_balance(&community, &poster.pubkey()).await,
        70 * TOKEN
    );

    let helper = community.member(1).insecure_clone();
    chain.claim_and_submit(&bounty.address, &helper).await;
    let approve = ix::approve_bounty_claim(
        &community.address,
        &community.mint,
        &bounty.address,
        &helper.pubkey(),
        &poster.pubkey(),
    );
    let emitted = chain.send(&[approve], &[&poster]).await.unwrap();
    assert_eq!(
        chain.wallet_balance(&community, &helper.pubkey()).await,
        10 * TOKEN
    );
    assert_eq!(chain.balance(&vault).await, 20 * TOKEN);
    assert_eq!(
        emitted.one::<BountyClaimPaid>().member_total_earned,
        Some(10 * TOKEN)
    );
    let member: Member = chain
        .account(&community.member_address(&helper.pubkey()))
        .await;
    assert_eq!(member.total_earned, 10 * TOKEN);

    let end = ix::end_bounty(
        &community.address,
        &community.mint,
        &bounty.address,
        &poster.pubkey(),
        Some((poster.pubkey(), poster.pubkey())),
    );
    chain.send(&[end], &[&poster]).await.unwrap();
    assert_eq!(
        chain.wallet_balance(&community, &poster.pubkey()).await,
        90 * TOKEN
    );
    assert!(!chain.exists(&vault).await);
    let stored: Bounty = chain.account(&bounty.address).await;
    assert_eq!(stored.status, BountyStatus::Cancelled);
}
