//! Bounties: posted by the co-op (by vote) or by a member (escrowed), claimed from any wallet,
//! evidence submitted, decided, paid once into the claimant's own token account.
#![allow(deprecated)]

use ampled::events::{
    BountyCancelled, BountyClaimPaid, BountyClaimRejected, BountyClaimed, BountyClosed,
    BountyExpired, BountyPosted, CategoryBudgetSet, ClaimClosed, ClaimWithdrawn, EvidenceSubmitted,
};
use ampled::state::*;
use ampled_tests::*;
use anchor_lang::prelude::Pubkey;
use solana_keypair::Keypair;
use solana_signer::Signer;

// ---------------------------------------------------------------------------------------------
// Local helpers
// ---------------------------------------------------------------------------------------------

/// The default terms with a deadline.
fn terms_due(reward: u64, max_claims: u32, deadline: i64) -> BountyTerms {
    BountyTerms {
        deadline: Some(deadline),
        ..bounty_terms(reward, max_claims)
    }
}

/// The default terms in another category.
fn terms_in(category: BountyCategory, reward: u64, max_claims: u32) -> BountyTerms {
    BountyTerms {
        category,
        ..bounty_terms(reward, max_claims)
    }
}

fn pay(claim: Pubkey, claimant: &Pubkey) -> ProposalAction {
    ProposalAction::PayBountyClaim {
        claim,
        claimant: *claimant,
    }
}

fn reject(claim: Pubkey, reason: &str) -> ProposalAction {
    ProposalAction::RejectBountyClaim {
        claim,
        reason: reason.to_string(),
    }
}

fn budget(category: BountyCategory, amount_per_period: u64, period_secs: i64) -> ProposalAction {
    ProposalAction::SetCategoryBudget {
        category,
        amount_per_period,
        period_secs,
    }
}

/// A co-op bounty on `terms`, with a fresh non-member wallet's claim on it, evidence submitted.
async fn bounty_with_submitted_claim(
    chain: &mut Chain,
    community: &CommunityFixture,
    terms: BountyTerms,
) -> (BountyFixture, Keypair, Pubkey) {
    let bounty = chain.post_coop_bounty(community, terms, &[0, 1]).await;
    let fan = chain.wallet().await;
    let claim = chain.claim_and_submit(&bounty.address, &fan).await;
    (bounty, fan, claim)
}

/// Members 0 and 1 pass a proposal paying `claimant`'s claim on `bounty`, and it is executed.
async fn pay_by_vote(
    chain: &mut Chain,
    community: &CommunityFixture,
    bounty: &Pubkey,
    claimant: &Pubkey,
) -> Result<Emitted, Failure> {
    let claim = ix::claim_address(bounty, claimant);
    let proposal = chain
        .passed_proposal(community, pay(claim, claimant), &[0, 1])
        .await;
    chain.execute(community, &proposal).await
}

// ---------------------------------------------------------------------------------------------
// Happy paths (the two original end-to-end tests)
// ---------------------------------------------------------------------------------------------
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
    let emitted = chain
        .approve_bounty_claim(&community, &bounty.address, &helper.pubkey(), &poster)
        .await
        .unwrap();
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

    chain
        .end_bounty(&community, &bounty.address, &poster)
        .await
        .unwrap();
    assert_eq!(
        chain.wallet_balance(&community, &poster.pubkey()).await,
        90 * TOKEN
    );
    assert!(!chain.exists(&vault).await);
    let stored: Bounty = chain.account(&bounty.address).await;
    assert_eq!(stored.status, BountyStatus::Cancelled);
}

// ---------------------------------------------------------------------------------------------
// Posting a co-op bounty
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn coop_bounty_is_posted_by_its_passed_proposal_with_the_executor_paying_the_rent() {
    let mut chain = Chain::start().await;
    let community = chain.community(3).await;
    let alice = community.member(0).pubkey();
    let terms = terms_due(25 * TOKEN, 2, chain.now() + 30 * DAY);
    let proposal = chain
        .passed_proposal(
            &community,
            ProposalAction::PostBounty {
                terms: terms.clone(),
            },
            &[0, 1],
        )
        .await;
    let address = ix::bounty_address(&community.address, &alice, 0);
    assert!(!chain.exists(&address).await);
    // Anyone may execute a passed proposal; a non-member does here, so the rent payer is visible.
    let executor = chain.wallet().await;
    let executor_before = chain.lamports(&executor.pubkey()).await;
    let execute =
        ix::execute_post_bounty(&community.address, &proposal, &alice, 0, &executor.pubkey());

    let emitted = chain.send(&[execute], &[&executor]).await.unwrap();

    let posted: BountyPosted = emitted.one();
    assert_eq!(posted.community, community.address);
    assert_eq!(posted.bounty, address);
    assert_eq!(posted.poster, alice, "the poster is the proposer");
    assert_eq!(posted.funding, BountyFunding::Coop);
    assert_eq!(posted.terms, terms);
    assert_eq!(posted.escrowed, 0);
    assert_eq!(posted.proposal, Some(proposal));
    assert_eq!(posted.timestamp, chain.now());
    let bounty: Bounty = chain.account(&address).await;
    assert_eq!(bounty.vault_bump, 0);
    assert_eq!(bounty.community, community.address);
    assert_eq!(bounty.poster, alice);
    assert_eq!(bounty.rent_payer, executor.pubkey());
    assert_eq!(bounty.nonce, 0);
    assert_eq!(bounty.funding, BountyFunding::Coop);
    assert_eq!(bounty.category, terms.category);
    assert_eq!(bounty.title, terms.title);
    assert_eq!(bounty.uri, terms.uri);
    assert_eq!(bounty.reward, 25 * TOKEN);
    assert_eq!(bounty.max_claims, 2);
    assert_eq!(bounty.deadline, terms.deadline);
    assert_eq!(bounty.status, BountyStatus::Open);
    assert_eq!(
        (
            bounty.open_claims,
            bounty.submitted_claims,
            bounty.paid_claims
        ),
        (0, 0, 0)
    );
    assert_eq!(bounty.created_at, chain.now());
    assert_eq!(bounty.ended_at, None);
    let rent = chain.lamports(&address).await;
    assert_eq!(
        chain.lamports(&executor.pubkey()).await,
        executor_before - rent
    );
    let member: Member = chain.account(&community.member_address(&alice)).await;
    assert_eq!(member.bounties_posted, 1);
    let stored: Proposal = chain.account(&proposal).await;
    assert_eq!(stored.status, ProposalStatus::Executed);
    assert_eq!(chain.supply(&community).await, 0, "nothing is escrowed");
}

#[tokio::test]
async fn posting_a_coop_bounty_before_its_proposal_passes_is_refused() {
    let mut chain = Chain::start().await;
    let community = chain.community(3).await;
    let alice = community.member(0).insecure_clone();
    let proposal = chain
        .propose(
            &community,
            &alice,
            ProposalAction::PostBounty {
                terms: bounty_terms(TOKEN, 1),
            },
        )
        .await
        .unwrap();
    chain.approve_by(&community, &proposal, &[&alice]).await;
    let address = ix::bounty_address(&community.address, &alice.pubkey(), 0);
    let watched = [address, proposal, community.member_address(&alice.pubkey())];
    let before = chain.snapshot(&watched).await;

    let result = chain.execute(&community, &proposal).await;

    assert_error(result, AmpledError::ThresholdNotReached);
    assert_eq!(chain.snapshot(&watched).await, before);
    assert!(!chain.exists(&address).await);
}

#[tokio::test]
async fn executing_a_reward_proposal_as_a_bounty_posting_is_refused() {
    let mut chain = Chain::start().await;
    let community = chain.community(3).await;
    let alice = community.member(0).pubkey();
    let proposal = chain
        .passed_proposal(
            &community,
            reward(community.member(2).pubkey(), TOKEN, "work"),
            &[0, 1],
        )
        .await;
    let payer = chain.payer().pubkey();
    let execute = ix::execute_post_bounty(&community.address, &proposal, &alice, 0, &payer);
    let address = ix::bounty_address(&community.address, &alice, 0);
    let watched = [address, proposal, community.member_address(&alice)];
    let before = chain.snapshot(&watched).await;

    let result = chain.send(&[execute], &[]).await;

    assert_error(result, AmpledError::WrongProposalAction);
    assert_eq!(chain.snapshot(&watched).await, before);
}

#[tokio::test]
async fn invalid_bounty_terms_are_refused_when_proposed() {
    let mut chain = Chain::start().await;
    let community = chain.community(3).await;
    let alice = community.member(0).insecure_clone();
    let now = chain.now();
    let base = bounty_terms(TOKEN, 1);
    let cases: Vec<(BountyTerms, AmpledError)> = vec![
        (
            BountyTerms {
                title: String::new(),
                ..base.clone()
            },
            AmpledError::InvalidBountyTitle,
        ),
        (
            BountyTerms {
                title: "t".repeat(65),
                ..base.clone()
            },
            AmpledError::InvalidBountyTitle,
        ),
        (
            BountyTerms {
                uri: "u".repeat(201),
                ..base.clone()
            },
            AmpledError::UriTooLong,
        ),
        (
            BountyTerms {
                reward: 0,
                ..base.clone()
            },
            AmpledError::ZeroAmount,
        ),
        (
            BountyTerms {
                max_claims: 0,
                ..base.clone()
            },
            AmpledError::InvalidMaxClaims,
        ),
        (
            BountyTerms {
                max_claims: 1_001,
                ..base.clone()
            },
            AmpledError::InvalidMaxClaims,
        ),
        (
            BountyTerms {
                deadline: Some(now),
                ..base.clone()
            },
            AmpledError::DeadlineInPast,
        ),
        (
            BountyTerms {
                deadline: Some(now - DAY),
                ..base.clone()
            },
            AmpledError::DeadlineInPast,
        ),
        (
            BountyTerms {
                reward: u64::MAX,
                max_claims: 2,
                ..base.clone()
            },
            AmpledError::MathOverflow,
        ),
    ];
    let member_address = community.member_address(&alice.pubkey());

    for (terms, expected) in cases {
        let result = chain
            .propose(&community, &alice, ProposalAction::PostBounty { terms })
            .await;

        assert_error(result, expected);
    }

    let member: Member = chain.account(&member_address).await;
    assert_eq!(member.proposals_created, 0, "no proposal was created");
    assert!(
        !chain
            .exists(&ix::proposal_address(
                &community.address,
                &alice.pubkey(),
                0
            ))
            .await
    );
}

#[tokio::test]
async fn bounty_terms_at_their_limits_are_accepted() {
    let mut chain = Chain::start().await;
    let community = chain.community(3).await;
    let terms = BountyTerms {
        category: BountyCategory::Code,
        title: "t".repeat(64),
        uri: "u".repeat(200),
        reward: u64::MAX / 1_000,
        max_claims: 1_000,
        deadline: Some(chain.now() + 1),
    };

    let bounty = chain
        .post_coop_bounty(&community, terms.clone(), &[0, 1])
        .await;

    let stored: Bounty = chain.account(&bounty.address).await;
    assert_eq!(stored.title, terms.title);
    assert_eq!(stored.uri, terms.uri);
    assert_eq!(stored.max_claims, 1_000);
    assert_eq!(stored.reward, u64::MAX / 1_000);
}

#[tokio::test]
async fn a_bounty_whose_deadline_passed_during_the_vote_is_not_posted() {
    let mut chain = Chain::start().await;
    let community = chain.community(3).await;
    let alice = community.member(0).pubkey();
    let deadline = chain.now() + DAY;
    let proposal = chain
        .passed_proposal(
            &community,
            ProposalAction::PostBounty {
                terms: terms_due(TOKEN, 1, deadline),
            },
            &[0, 1],
        )
        .await;
    chain.set_time(deadline).await;
    let address = ix::bounty_address(&community.address, &alice, 0);
    let watched = [address, proposal, community.member_address(&alice)];
    let before = chain.snapshot(&watched).await;

    let result = chain.execute(&community, &proposal).await;

    assert_error(result, AmpledError::DeadlineInPast);
    assert_eq!(chain.snapshot(&watched).await, before);
}

// ---------------------------------------------------------------------------------------------
// Claims and evidence
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn any_wallet_can_claim_a_coop_bounty_and_pays_its_claims_rent() {
    let mut chain = Chain::start().await;
    let community = chain.community(3).await;
    let bounty = chain
        .post_coop_bounty(&community, bounty_terms(TOKEN, 3), &[0, 1])
        .await;
    let fan = chain.wallet().await;
    assert!(!chain.exists(&community.member_address(&fan.pubkey())).await);
    let fan_before = chain.lamports(&fan.pubkey()).await;
    let address = ix::claim_address(&bounty.address, &fan.pubkey());

    let emitted = chain.claim_bounty(&bounty.address, &fan).await.unwrap();

    let stored: Claim = chain.account(&address).await;
    assert_eq!(stored.community, community.address);
    assert_eq!(stored.bounty, bounty.address);
    assert_eq!(stored.claimant, fan.pubkey());
    assert_eq!(stored.status, ClaimStatus::Claimed);
    assert_eq!(stored.evidence_uri, "");
    assert_eq!(stored.rejection_reason, "");
    assert_eq!(stored.claimed_at, chain.now());
    assert_eq!(stored.submitted_at, None);
    assert_eq!(stored.settled_at, None);
    assert_eq!(stored.decided_by, None);
    let event: BountyClaimed = emitted.one();
    assert_eq!(event.community, community.address);
    assert_eq!(event.bounty, bounty.address);
    assert_eq!(event.claim, address);
    assert_eq!(event.claimant, fan.pubkey());
    assert_eq!(event.timestamp, chain.now());
    let stored: Bounty = chain.account(&bounty.address).await;
    assert_eq!(stored.open_claims, 1);
    assert_eq!(stored.submitted_claims, 0);
    let rent = chain.lamports(&address).await;
    assert_eq!(chain.lamports(&fan.pubkey()).await, fan_before - rent);
}

#[tokio::test]
async fn claiming_the_same_bounty_twice_is_refused() {
    let mut chain = Chain::start().await;
    let community = chain.community(3).await;
    let bounty = chain
        .post_coop_bounty(&community, bounty_terms(TOKEN, 3), &[0, 1])
        .await;
    let fan = chain.wallet().await;
    chain.claim_bounty(&bounty.address, &fan).await.unwrap();
    let address = ix::claim_address(&bounty.address, &fan.pubkey());
    let watched = [bounty.address, address, fan.pubkey()];
    let before = chain.snapshot(&watched).await;

    let result = chain.claim_bounty(&bounty.address, &fan).await;

    assert_error(result, AmpledError::AlreadyClaimed);
    assert_eq!(chain.snapshot(&watched).await, before);
}

#[tokio::test]
async fn claiming_again_after_submitting_evidence_is_refused() {
    let mut chain = Chain::start().await;
    let community = chain.community(3).await;
    let (bounty, fan, address) =
        bounty_with_submitted_claim(&mut chain, &community, bounty_terms(TOKEN, 3)).await;
    let watched = [bounty.address, address];
    let before = chain.snapshot(&watched).await;

    // Claiming again would reset the claim to Claimed and wipe the evidence under review.
    let result = chain.claim_bounty(&bounty.address, &fan).await;

    assert_error(result, AmpledError::AlreadyClaimed);
    assert_eq!(chain.snapshot(&watched).await, before);
}

#[tokio::test]
async fn a_withdrawn_claim_can_be_claimed_again() {
    let mut chain = Chain::start().await;
    let community = chain.community(3).await;
    let (bounty, fan, address) =
        bounty_with_submitted_claim(&mut chain, &community, bounty_terms(TOKEN, 3)).await;
    let rent = chain.lamports(&address).await;

    let emitted = chain.withdraw_claim(&bounty.address, &fan).await.unwrap();

    let withdrawn: Claim = chain.account(&address).await;
    assert_eq!(withdrawn.status, ClaimStatus::Withdrawn);
    assert_eq!(withdrawn.settled_at, Some(chain.now()));
    assert_eq!(withdrawn.decided_by, None);
    let event: ClaimWithdrawn = emitted.one();
    assert_eq!(event.bounty, bounty.address);
    assert_eq!(event.claim, address);
    assert_eq!(event.claimant, fan.pubkey());
    let stored: Bounty = chain.account(&bounty.address).await;
    assert_eq!((stored.open_claims, stored.submitted_claims), (0, 0));

    chain.advance(60).await;
    let emitted = chain.claim_bounty(&bounty.address, &fan).await.unwrap();

    let renewed: Claim = chain.account(&address).await;
    assert_eq!(renewed.status, ClaimStatus::Claimed);
    assert_eq!(renewed.evidence_uri, "", "the old evidence is gone");
    assert_eq!(renewed.claimed_at, chain.now());
    assert_eq!(renewed.submitted_at, None);
    assert_eq!(renewed.settled_at, None);
    assert_eq!(emitted.one::<BountyClaimed>().claim, address);
    let stored: Bounty = chain.account(&bounty.address).await;
    assert_eq!((stored.open_claims, stored.submitted_claims), (1, 0));
    assert_eq!(chain.lamports(&address).await, rent, "the record is reused");
}

#[tokio::test]
async fn withdrawing_a_settled_claim_is_refused() {
    let mut chain = Chain::start().await;
    let community = chain.community(3).await;
    let bounty = chain
        .post_coop_bounty(&community, bounty_terms(TOKEN, 3), &[0, 1])
        .await;
    let quitter = chain.wallet().await;
    chain.claim_bounty(&bounty.address, &quitter).await.unwrap();
    chain
        .withdraw_claim(&bounty.address, &quitter)
        .await
        .unwrap();
    let paid = chain.wallet().await;
    chain.claim_and_submit(&bounty.address, &paid).await;
    pay_by_vote(&mut chain, &community, &bounty.address, &paid.pubkey())
        .await
        .unwrap();
    let watched = [
        bounty.address,
        ix::claim_address(&bounty.address, &quitter.pubkey()),
        ix::claim_address(&bounty.address, &paid.pubkey()),
    ];
    let before = chain.snapshot(&watched).await;

    let withdrawn_again = chain.withdraw_claim(&bounty.address, &quitter).await;
    let paid_then_withdrawn = chain.withdraw_claim(&bounty.address, &paid).await;

    assert_error(withdrawn_again, AmpledError::ClaimSettled);
    assert_error(paid_then_withdrawn, AmpledError::ClaimAlreadyPaid);
    assert_eq!(chain.snapshot(&watched).await, before);
}

#[tokio::test]
async fn submitting_evidence_puts_the_claim_up_for_review() {
    let mut chain = Chain::start().await;
    let community = chain.community(3).await;
    let bounty = chain
        .post_coop_bounty(&community, bounty_terms(TOKEN, 3), &[0, 1])
        .await;
    let fan = chain.wallet().await;
    chain.claim_bounty(&bounty.address, &fan).await.unwrap();
    let address = ix::claim_address(&bounty.address, &fan.pubkey());
    chain.advance(3_600).await;

    let emitted = chain
        .submit_evidence(&bounty.address, &fan, PROOF)
        .await
        .unwrap();

    let stored: Claim = chain.account(&address).await;
    assert_eq!(stored.status, ClaimStatus::Submitted);
    assert_eq!(stored.evidence_uri, PROOF);
    assert_eq!(stored.submitted_at, Some(chain.now()));
    let event: EvidenceSubmitted = emitted.one();
    assert_eq!(event.community, community.address);
    assert_eq!(event.bounty, bounty.address);
    assert_eq!(event.claim, address);
    assert_eq!(event.claimant, fan.pubkey());
    assert_eq!(event.evidence_uri, PROOF);
    assert_eq!(event.timestamp, chain.now());
    let stored: Bounty = chain.account(&bounty.address).await;
    assert_eq!((stored.open_claims, stored.submitted_claims), (1, 1));
}

#[tokio::test]
async fn resubmitting_evidence_replaces_the_link_without_counting_the_claim_twice() {
    let mut chain = Chain::start().await;
    let community = chain.community(3).await;
    let (bounty, fan, address) =
        bounty_with_submitted_claim(&mut chain, &community, bounty_terms(TOKEN, 3)).await;
    chain.advance(60).await;
    let better = "ipfs://bafy-better-photos";

    let emitted = chain
        .submit_evidence(&bounty.address, &fan, better)
        .await
        .unwrap();

    let stored: Claim = chain.account(&address).await;
    assert_eq!(stored.status, ClaimStatus::Submitted);
    assert_eq!(stored.evidence_uri, better);
    assert_eq!(stored.submitted_at, Some(chain.now()));
    assert_eq!(emitted.one::<EvidenceSubmitted>().evidence_uri, better);
    let stored: Bounty = chain.account(&bounty.address).await;
    assert_eq!((stored.open_claims, stored.submitted_claims), (1, 1));
}

#[tokio::test]
async fn empty_evidence_is_refused() {
    let mut chain = Chain::start().await;
    let community = chain.community(3).await;
    let bounty = chain
        .post_coop_bounty(&community, bounty_terms(TOKEN, 3), &[0, 1])
        .await;
    let fan = chain.wallet().await;
    chain.claim_bounty(&bounty.address, &fan).await.unwrap();
    let watched = [
        bounty.address,
        ix::claim_address(&bounty.address, &fan.pubkey()),
    ];
    let before = chain.snapshot(&watched).await;

    let result = chain.submit_evidence(&bounty.address, &fan, "").await;

    assert_error(result, AmpledError::EvidenceRequired);
    assert_eq!(chain.snapshot(&watched).await, before);
}

#[tokio::test]
async fn an_evidence_link_over_200_bytes_is_refused() {
    let mut chain = Chain::start().await;
    let community = chain.community(3).await;
    let bounty = chain
        .post_coop_bounty(&community, bounty_terms(TOKEN, 3), &[0, 1])
        .await;
    let fan = chain.wallet().await;
    chain.claim_bounty(&bounty.address, &fan).await.unwrap();
    let watched = [
        bounty.address,
        ix::claim_address(&bounty.address, &fan.pubkey()),
    ];
    let before = chain.snapshot(&watched).await;

    let result = chain
        .submit_evidence(&bounty.address, &fan, &"u".repeat(201))
        .await;

    assert_error(result, AmpledError::UriTooLong);
    assert_eq!(chain.snapshot(&watched).await, before);
}

#[tokio::test]
async fn a_stranger_cannot_submit_evidence_on_someone_elses_claim() {
    let mut chain = Chain::start().await;
    let community = chain.community(3).await;
    let bounty = chain
        .post_coop_bounty(&community, bounty_terms(TOKEN, 3), &[0, 1])
        .await;
    let fan = chain.wallet().await;
    chain.claim_bounty(&bounty.address, &fan).await.unwrap();
    let victim_claim = ix::claim_address(&bounty.address, &fan.pubkey());
    let mallory = chain.wallet().await;
    let watched = [bounty.address, victim_claim];
    let before = chain.snapshot(&watched).await;

    // Signing as herself, Mallory's claim address is her own, which holds nothing...
    let own_address = chain
        .submit_evidence(&bounty.address, &mallory, "https://spam")
        .await;
    // ...and the fan's claim does not derive from her key.
    let own_claim = ix::claim_address(&bounty.address, &mallory.pubkey());
    let victims_address = chain
        .submit_evidence_with(&bounty.address, &mallory, "https://spam", |ix| {
            redirect(ix, &own_claim, victim_claim)
        })
        .await;

    assert_error(own_address, AnchorError::AccountNotInitialized);
    assert_error(victims_address, AnchorError::ConstraintSeeds);
    assert_eq!(chain.snapshot(&watched).await, before);
}

#[tokio::test]
async fn a_stranger_cannot_withdraw_someone_elses_claim() {
    let mut chain = Chain::start().await;
    let community = chain.community(3).await;
    let (bounty, _fan, victim_claim) =
        bounty_with_submitted_claim(&mut chain, &community, bounty_terms(TOKEN, 3)).await;
    let mallory = chain.wallet().await;
    let own_claim = ix::claim_address(&bounty.address, &mallory.pubkey());
    let watched = [bounty.address, victim_claim];
    let before = chain.snapshot(&watched).await;

    let result = chain
        .withdraw_claim_with(&bounty.address, &mallory, |ix| {
            redirect(ix, &own_claim, victim_claim)
        })
        .await;

    assert_error(result, AnchorError::ConstraintSeeds);
    assert_eq!(chain.snapshot(&watched).await, before);
}

#[tokio::test]
async fn claims_and_evidence_are_accepted_strictly_before_the_deadline() {
    let mut chain = Chain::start().await;
    let community = chain.community(3).await;
    let deadline = chain.now() + DAY;
    let bounty = chain
        .post_coop_bounty(&community, terms_due(TOKEN, 5, deadline), &[0, 1])
        .await;
    let early = chain.wallet().await;
    let late = chain.wallet().await;
    let last_minute = chain.wallet().await;

    chain.set_time(deadline - 1).await;
    chain.claim_bounty(&bounty.address, &early).await.unwrap();
    chain.claim_and_submit(&bounty.address, &last_minute).await;

    chain.set_time(deadline).await;
    let early_claim = ix::claim_address(&bounty.address, &early.pubkey());
    let watched = [
        bounty.address,
        early_claim,
        ix::claim_address(&bounty.address, &late.pubkey()),
        ix::claim_address(&bounty.address, &last_minute.pubkey()),
    ];
    let before = chain.snapshot(&watched).await;
    let late_claim = chain.claim_bounty(&bounty.address, &late).await;
    let late_evidence = chain.submit_evidence(&bounty.address, &early, PROOF).await;
    let late_resubmission = chain
        .submit_evidence(&bounty.address, &last_minute, "https://v2")
        .await;

    assert_error(late_claim, AmpledError::BountyExpired);
    assert_error(late_evidence, AmpledError::BountyExpired);
    assert_error(late_resubmission, AmpledError::BountyExpired);
    assert_eq!(chain.snapshot(&watched).await, before);
    let stored: Bounty = chain.account(&bounty.address).await;
    assert_eq!((stored.open_claims, stored.submitted_claims), (2, 1));
}

#[tokio::test]
async fn claiming_an_expired_coop_bounty_is_refused() {
    let mut chain = Chain::start().await;
    let community = chain.community(3).await;
    let deadline = chain.now() + DAY;
    let bounty = chain
        .post_coop_bounty(&community, terms_due(TOKEN, 3, deadline), &[0, 1])
        .await;
    chain.set_time(deadline).await;
    let fan = chain.wallet().await;
    chain
        .end_bounty(&community, &bounty.address, &fan)
        .await
        .unwrap();
    let address = ix::claim_address(&bounty.address, &fan.pubkey());
    let watched = [bounty.address, address];
    let before = chain.snapshot(&watched).await;

    let result = chain.claim_bounty(&bounty.address, &fan).await;

    assert_error(result, AmpledError::BountyExpired);
    assert_eq!(chain.snapshot(&watched).await, before);
}

#[tokio::test]
async fn claiming_a_fully_paid_bounty_is_refused() {
    let mut chain = Chain::start().await;
    let community = chain.community(3).await;
    let (bounty, fan, _) =
        bounty_with_submitted_claim(&mut chain, &community, bounty_terms(TOKEN, 1)).await;
    pay_by_vote(&mut chain, &community, &bounty.address, &fan.pubkey())
        .await
        .unwrap();
    let latecomer = chain.wallet().await;
    let address = ix::claim_address(&bounty.address, &latecomer.pubkey());
    let watched = [bounty.address, address];
    let before = chain.snapshot(&watched).await;

    let result = chain.claim_bounty(&bounty.address, &latecomer).await;

    assert_error(result, AmpledError::BountyFullyPaid);
    assert_eq!(chain.snapshot(&watched).await, before);
}

// ---------------------------------------------------------------------------------------------
// Paying a claim by vote
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn a_member_claimant_cannot_approve_their_own_payment() {
    let mut chain = Chain::start().await;
    let community = chain.community(3).await;
    let bounty = chain
        .post_coop_bounty(&community, bounty_terms(TOKEN, 3), &[0, 1])
        .await;
    let carol = community.member(2).insecure_clone();
    let claim = chain.claim_and_submit(&bounty.address, &carol).await;
    let alice = community.member(0).insecure_clone();
    let proposal = chain
        .propose(&community, &alice, pay(claim, &carol.pubkey()))
        .await
        .unwrap();
    chain.approve_by(&community, &proposal, &[&alice]).await;
    let before = chain.snapshot(&[proposal]).await;

    let result = chain.vote(&community, &proposal, &carol, true).await;

    assert_error(result, AmpledError::CannotApproveOwnBenefit);
    assert_eq!(chain.snapshot(&[proposal]).await, before);
    let stored: Proposal = chain.account(&proposal).await;
    assert_eq!(stored.status, ProposalStatus::Voting);
}

#[tokio::test]
async fn a_non_member_cannot_vote_on_a_payment() {
    let mut chain = Chain::start().await;
    let community = chain.community(3).await;
    let (_bounty, fan, claim) =
        bounty_with_submitted_claim(&mut chain, &community, bounty_terms(TOKEN, 3)).await;
    let alice = community.member(0).insecure_clone();
    let proposal = chain
        .propose(&community, &alice, pay(claim, &fan.pubkey()))
        .await
        .unwrap();
    let friend = chain.wallet().await;
    let before = chain.snapshot(&[proposal]).await;

    let by_the_claimant = chain.vote(&community, &proposal, &fan, true).await;
    let by_a_friend = chain.vote(&community, &proposal, &friend, true).await;

    assert_error(by_the_claimant, AnchorError::AccountNotInitialized);
    assert_error(by_a_friend, AnchorError::AccountNotInitialized);
    assert_eq!(chain.snapshot(&[proposal]).await, before);
}

#[tokio::test]
async fn naming_another_claimant_to_approve_ones_own_payment_is_refused_when_proposed() {
    let mut chain = Chain::start().await;
    let community = chain.community(3).await;
    let bounty = chain
        .post_coop_bounty(&community, bounty_terms(TOKEN, 3), &[0, 1])
        .await;
    let carol = community.member(2).insecure_clone();
    let claim = chain.claim_and_submit(&bounty.address, &carol).await;
    let watched = [
        bounty.address,
        claim,
        community.member_address(&carol.pubkey()),
    ];
    let before = chain.snapshot(&watched).await;

    // Carol proposes paying her own claim but names Alice as the claimant, so she may approve it.
    let alice = community.member(0).pubkey();
    let result = chain.propose(&community, &carol, pay(claim, &alice)).await;

    assert_error(result, AmpledError::WalletMismatch);
    assert_eq!(chain.snapshot(&watched).await, before);
}

#[tokio::test]
async fn a_payment_cannot_be_executed_before_it_reaches_the_threshold() {
    let mut chain = Chain::start().await;
    let community = chain.community(3).await;
    let (bounty, fan, claim) =
        bounty_with_submitted_claim(&mut chain, &community, bounty_terms(TOKEN, 3)).await;
    let alice = community.member(0).insecure_clone();
    let proposal = chain
        .propose(&community, &alice, pay(claim, &fan.pubkey()))
        .await
        .unwrap();
    chain.approve_by(&community, &proposal, &[&alice]).await;
    let watched = [
        community.mint,
        community.address,
        bounty.address,
        claim,
        proposal,
        community.ata(&fan.pubkey()),
    ];
    let before = chain.snapshot(&watched).await;

    let result = chain.execute(&community, &proposal).await;

    assert_error(result, AmpledError::ThresholdNotReached);
    assert_eq!(chain.snapshot(&watched).await, before);
}

#[tokio::test]
async fn proposing_to_pay_a_claim_without_evidence_is_refused() {
    let mut chain = Chain::start().await;
    let community = chain.community(3).await;
    let bounty = chain
        .post_coop_bounty(&community, bounty_terms(TOKEN, 3), &[0, 1])
        .await;
    let fan = chain.wallet().await;
    chain.claim_bounty(&bounty.address, &fan).await.unwrap();
    let address = ix::claim_address(&bounty.address, &fan.pubkey());
    let proposer = community.member(0).insecure_clone();
    let watched = [
        bounty.address,
        address,
        community.member_address(&proposer.pubkey()),
    ];
    let before = chain.snapshot(&watched).await;

    let result = chain
        .propose(&community, &proposer, pay(address, &fan.pubkey()))
        .await;

    assert_error(result, AmpledError::ClaimNotSubmitted);
    assert_eq!(chain.snapshot(&watched).await, before);
}

#[tokio::test]
async fn a_claim_cannot_be_paid_twice() {
    let mut chain = Chain::start().await;
    let community = chain.community(3).await;
    let (bounty, fan, claim) =
        bounty_with_submitted_claim(&mut chain, &community, bounty_terms(10 * TOKEN, 2)).await;
    let first = chain
        .passed_proposal(&community, pay(claim, &fan.pubkey()), &[0, 1])
        .await;
    let second = chain
        .passed_proposal(&community, pay(claim, &fan.pubkey()), &[0, 1])
        .await;
    chain.execute(&community, &first).await.unwrap();
    let watched = [
        community.mint,
        community.address,
        bounty.address,
        claim,
        second,
        community.ata(&fan.pubkey()),
    ];
    let before = chain.snapshot(&watched).await;

    let result = chain.execute(&community, &second).await;

    assert_error(result, AmpledError::ClaimAlreadyPaid);
    assert_eq!(chain.snapshot(&watched).await, before);
    assert_eq!(chain.supply(&community).await, 10 * TOKEN);
    assert_eq!(
        chain.wallet_balance(&community, &fan.pubkey()).await,
        10 * TOKEN
    );
    let stored: Bounty = chain.account(&bounty.address).await;
    assert_eq!(stored.paid_claims, 1);
}

/// Two co-op bounties: a small one with the fan's claim, a big one with Mallory's; both submitted.
async fn small_and_big_bounty(
    chain: &mut Chain,
    community: &CommunityFixture,
) -> (
    BountyFixture,
    Keypair,
    Pubkey,
    BountyFixture,
    Keypair,
    Pubkey,
) {
    let (small, fan, fan_claim) =
        bounty_with_submitted_claim(chain, community, bounty_terms(5 * TOKEN, 3)).await;
    let (big, mallory, mallory_claim) =
        bounty_with_submitted_claim(chain, community, bounty_terms(500 * TOKEN, 3)).await;
    (small, fan, fan_claim, big, mallory, mallory_claim)
}

#[tokio::test]
async fn executing_a_payment_with_a_claim_of_another_bounty_is_refused() {
    let mut chain = Chain::start().await;
    let community = chain.community(3).await;
    let (small, fan, fan_claim, big, mallory, mallory_claim) =
        small_and_big_bounty(&mut chain, &community).await;
    let proposal = chain
        .passed_proposal(&community, pay(fan_claim, &fan.pubkey()), &[0, 1])
        .await;
    let watched = [
        community.mint,
        small.address,
        big.address,
        fan_claim,
        mallory_claim,
        proposal,
        community.ata(&fan.pubkey()),
        community.ata(&mallory.pubkey()),
    ];
    let before = chain.snapshot(&watched).await;

    let result = chain
        .execute_pay_bounty_claim_with(
            &community,
            &proposal,
            &small.address,
            &fan.pubkey(),
            |accounts| accounts.claim = mallory_claim,
        )
        .await;

    assert_error(result, AmpledError::ClaimOfOtherBounty);
    assert_eq!(chain.snapshot(&watched).await, before);
}

#[tokio::test]
async fn executing_a_payment_for_a_claim_the_proposal_does_not_name_is_refused() {
    let mut chain = Chain::start().await;
    let community = chain.community(3).await;
    let (small, fan, fan_claim, big, mallory, mallory_claim) =
        small_and_big_bounty(&mut chain, &community).await;
    // Members approved 5 tokens for the fan; Mallory executes it with her own 500-token claim.
    let proposal = chain
        .passed_proposal(&community, pay(fan_claim, &fan.pubkey()), &[0, 1])
        .await;
    let watched = [
        community.mint,
        small.address,
        big.address,
        fan_claim,
        mallory_claim,
        proposal,
        community.ata(&fan.pubkey()),
        community.ata(&mallory.pubkey()),
    ];
    let before = chain.snapshot(&watched).await;

    let result = chain
        .execute_pay_bounty_claim_with(
            &community,
            &proposal,
            &big.address,
            &mallory.pubkey(),
            |_| {},
        )
        .await;

    assert_error(result, AmpledError::ProposalTargetsOtherClaim);
    assert_eq!(chain.snapshot(&watched).await, before);
}

#[tokio::test]
async fn paying_a_wallet_other_than_the_claimant_is_refused() {
    let mut chain = Chain::start().await;
    let community = chain.community(3).await;
    let (bounty, fan, claim) =
        bounty_with_submitted_claim(&mut chain, &community, bounty_terms(TOKEN, 3)).await;
    let proposal = chain
        .passed_proposal(&community, pay(claim, &fan.pubkey()), &[0, 1])
        .await;
    let mallory = chain.wallet().await.pubkey();
    let watched = [
        community.mint,
        bounty.address,
        claim,
        proposal,
        community.ata(&fan.pubkey()),
        community.ata(&mallory),
    ];
    let before = chain.snapshot(&watched).await;

    let result = chain
        .execute_pay_bounty_claim_with(
            &community,
            &proposal,
            &bounty.address,
            &fan.pubkey(),
            |accounts| {
                accounts.payout.recipient = mallory;
                accounts.payout.recipient_tokens = community.ata(&mallory);
                accounts.claimant_member = community.member_address(&mallory);
            },
        )
        .await;

    assert_error(result, AmpledError::WalletMismatch);
    assert_eq!(chain.snapshot(&watched).await, before);
}

#[tokio::test]
async fn skipping_the_category_budget_with_another_categorys_address_is_refused() {
    let mut chain = Chain::start().await;
    let community = chain.community(3).await;
    let tight = chain
        .passed_proposal(
            &community,
            budget(BountyCategory::StreetTeam, TOKEN, 30 * DAY),
            &[0, 1],
        )
        .await;
    chain.execute(&community, &tight).await.unwrap();
    let (bounty, fan, claim) =
        bounty_with_submitted_claim(&mut chain, &community, bounty_terms(5 * TOKEN, 3)).await;
    let proposal = chain
        .passed_proposal(&community, pay(claim, &fan.pubkey()), &[0, 1])
        .await;
    let street_budget = ix::budget_address(&community.address, BountyCategory::StreetTeam);
    let watched = [
        community.mint,
        bounty.address,
        claim,
        proposal,
        street_budget,
        community.ata(&fan.pubkey()),
    ];
    let before = chain.snapshot(&watched).await;

    let result = chain
        .execute_pay_bounty_claim_with(
            &community,
            &proposal,
            &bounty.address,
            &fan.pubkey(),
            |accounts| {
                accounts.category_budget =
                    ix::budget_address(&community.address, BountyCategory::Code)
            },
        )
        .await;

    assert_error(result, AnchorError::ConstraintSeeds);
    assert_eq!(chain.snapshot(&watched).await, before);
}

#[tokio::test]
async fn a_member_claimants_time_bank_grows_with_the_payout() {
    let mut chain = Chain::start().await;
    let community = chain.community(3).await;
    let carol = community.member(2).insecure_clone();
    chain
        .reward_member(&community, &carol.pubkey(), 5 * TOKEN)
        .await;
    let bounty = chain
        .post_coop_bounty(&community, bounty_terms(25 * TOKEN, 3), &[0, 1])
        .await;
    let claim = chain.claim_and_submit(&bounty.address, &carol).await;
    let proposal = chain
        .passed_proposal(&community, pay(claim, &carol.pubkey()), &[0, 1])
        .await;

    let emitted = chain.execute(&community, &proposal).await.unwrap();

    let member: Member = chain
        .account(&community.member_address(&carol.pubkey()))
        .await;
    assert_eq!(member.total_earned, 30 * TOKEN);
    assert_eq!(member.rewards_received, 2);
    assert_eq!(
        chain.wallet_balance(&community, &carol.pubkey()).await,
        30 * TOKEN
    );
    let paid: BountyClaimPaid = emitted.one();
    assert_eq!(paid.community, community.address);
    assert_eq!(paid.bounty, bounty.address);
    assert_eq!(paid.claim, claim);
    assert_eq!(paid.claimant, carol.pubkey());
    assert_eq!(paid.category, BountyCategory::StreetTeam);
    assert_eq!(paid.funding, BountyFunding::Coop);
    assert_eq!(paid.amount, 25 * TOKEN);
    assert_eq!(paid.approved_by, proposal);
    assert_eq!(paid.member_total_earned, Some(30 * TOKEN));
    assert_eq!(paid.timestamp, chain.now());
    let stored: Claim = chain.account(&claim).await;
    assert_eq!(stored.status, ClaimStatus::Paid);
    assert_eq!(stored.settled_at, Some(chain.now()));
    assert_eq!(stored.decided_by, Some(proposal));
    let state: Community = chain.account(&community.address).await;
    assert_eq!(state.total_minted, 30 * TOKEN);
}

#[tokio::test]
async fn the_poster_cannot_pay_a_coop_claim_without_a_vote() {
    let mut chain = Chain::start().await;
    let community = chain.community(3).await;
    let (bounty, fan, claim) =
        bounty_with_submitted_claim(&mut chain, &community, bounty_terms(TOKEN, 3)).await;
    let watched = [
        community.mint,
        bounty.address,
        claim,
        community.ata(&fan.pubkey()),
    ];
    let before = chain.snapshot(&watched).await;

    // A co-op bounty has no escrow vault: its claims are paid only by a members' vote.
    let result = chain
        .approve_bounty_claim(&community, &bounty.address, &fan.pubkey(), &bounty.poster)
        .await;

    assert_error(result, AmpledError::WrongBountyFunding);
    assert_eq!(chain.snapshot(&watched).await, before);
}

#[tokio::test]
async fn the_poster_cannot_reject_a_coop_claim_without_a_vote() {
    let mut chain = Chain::start().await;
    let community = chain.community(3).await;
    let (bounty, fan, claim) =
        bounty_with_submitted_claim(&mut chain, &community, bounty_terms(TOKEN, 3)).await;
    let watched = [bounty.address, claim];
    let before = chain.snapshot(&watched).await;

    let result = chain
        .reject_bounty_claim(
            &bounty.address,
            &fan.pubkey(),
            &bounty.poster,
            "not good enough",
        )
        .await;

    assert_error(result, AmpledError::WrongBountyFunding);
    assert_eq!(chain.snapshot(&watched).await, before);
}

#[tokio::test]
async fn a_vote_cannot_mint_for_a_claim_on_a_member_funded_bounty() {
    let mut chain = Chain::start().await;
    let community = chain.community(3).await;
    let alice = community.member(0).insecure_clone();
    chain
        .reward_member(&community, &alice.pubkey(), 30 * TOKEN)
        .await;
    let bounty = chain
        .post_member_bounty(&community, &alice, bounty_terms(10 * TOKEN, 3))
        .await
        .unwrap();
    let fan = chain.wallet().await;
    let claim = chain.claim_and_submit(&bounty.address, &fan).await;
    let proposal = chain
        .passed_proposal(&community, pay(claim, &fan.pubkey()), &[0, 1])
        .await;
    let watched = [
        community.mint,
        bounty.address,
        claim,
        proposal,
        ix::bounty_vault_address(&bounty.address),
        community.ata(&fan.pubkey()),
    ];
    let before = chain.snapshot(&watched).await;

    let result = chain.execute(&community, &proposal).await;

    assert_error(result, AmpledError::WrongBountyFunding);
    assert_eq!(chain.snapshot(&watched).await, before);
}

#[tokio::test]
async fn a_bounty_never_pays_more_than_its_reward_times_its_claims() {
    let mut chain = Chain::start().await;
    let community = chain.community(3).await;
    let (bounty, first, first_claim) =
        bounty_with_submitted_claim(&mut chain, &community, bounty_terms(10 * TOKEN, 1)).await;
    let second = chain.wallet().await;
    let second_claim = chain.claim_and_submit(&bounty.address, &second).await;
    let pay_first = chain
        .passed_proposal(&community, pay(first_claim, &first.pubkey()), &[0, 1])
        .await;
    let pay_second = chain
        .passed_proposal(&community, pay(second_claim, &second.pubkey()), &[0, 1])
        .await;

    chain.execute(&community, &pay_first).await.unwrap();

    let stored: Bounty = chain.account(&bounty.address).await;
    assert_eq!(stored.status, BountyStatus::Completed);
    assert_eq!(stored.paid_claims, 1);
    assert_eq!(stored.ended_at, Some(chain.now()));
    assert_eq!((stored.open_claims, stored.submitted_claims), (1, 1));
    let watched = [
        community.mint,
        community.address,
        bounty.address,
        second_claim,
        pay_second,
        community.ata(&second.pubkey()),
    ];
    let before = chain.snapshot(&watched).await;

    let result = chain.execute(&community, &pay_second).await;

    assert_error(result, AmpledError::BountyFullyPaid);
    assert_eq!(chain.snapshot(&watched).await, before);
    assert_eq!(chain.supply(&community).await, 10 * TOKEN);
}

#[tokio::test]
async fn the_supply_cap_applies_to_coop_bounty_payouts() {
    let mut chain = Chain::start().await;
    let rules = CommunityRules {
        supply_cap: Some(100 * TOKEN),
        ..default_rules()
    };
    let community = chain.community_named("capped", 3, rules).await;
    chain
        .reward_member(&community, &community.member(1).pubkey(), 90 * TOKEN)
        .await;
    let (bounty, fan, claim) =
        bounty_with_submitted_claim(&mut chain, &community, bounty_terms(11 * TOKEN, 3)).await;
    let proposal = chain
        .passed_proposal(&community, pay(claim, &fan.pubkey()), &[0, 1])
        .await;
    let watched = [
        community.mint,
        community.address,
        bounty.address,
        claim,
        proposal,
        community.ata(&fan.pubkey()),
    ];
    let before = chain.snapshot(&watched).await;

    let result = chain.execute(&community, &proposal).await;

    assert_error(result, AmpledError::SupplyCapExceeded);
    assert_eq!(chain.snapshot(&watched).await, before);
    assert_eq!(chain.supply(&community).await, 90 * TOKEN);
}

#[tokio::test]
async fn the_issuance_cap_applies_to_coop_bounty_payouts() {
    let mut chain = Chain::start().await;
    let rules = CommunityRules {
        issuance_cap: Some(IssuanceCap {
            amount: 50 * TOKEN,
            period_secs: 30 * DAY,
        }),
        ..default_rules()
    };
    let community = chain.community_named("monthly", 3, rules).await;
    chain
        .reward_member(&community, &community.member(1).pubkey(), 45 * TOKEN)
        .await;
    let (bounty, fan, claim) =
        bounty_with_submitted_claim(&mut chain, &community, bounty_terms(6 * TOKEN, 3)).await;
    let proposal = chain
        .passed_proposal(&community, pay(claim, &fan.pubkey()), &[0, 1])
        .await;
    let watched = [
        community.mint,
        community.address,
        bounty.address,
        claim,
        proposal,
        community.ata(&fan.pubkey()),
    ];
    let before = chain.snapshot(&watched).await;

    let result = chain.execute(&community, &proposal).await;

    assert_error(result, AmpledError::IssuanceCapExceeded);
    assert_eq!(chain.snapshot(&watched).await, before);
    assert_eq!(chain.supply(&community).await, 45 * TOKEN);
}

// ---------------------------------------------------------------------------------------------
// Category budgets
// ---------------------------------------------------------------------------------------------

/// A community whose street-team bounties may mint 10 tokens per 30 days, with a 6-token street
/// team bounty on which `fans` (fresh wallets) have submitted claims.
async fn street_team_on_a_budget(
    chain: &mut Chain,
    fans: usize,
) -> (CommunityFixture, BountyFixture, Vec<Keypair>) {
    let community = chain.community(3).await;
    let proposal = chain
        .passed_proposal(
            &community,
            budget(BountyCategory::StreetTeam, 10 * TOKEN, 30 * DAY),
            &[0, 1],
        )
        .await;
    chain.execute(&community, &proposal).await.unwrap();
    let bounty = chain
        .post_coop_bounty(&community, bounty_terms(6 * TOKEN, 5), &[0, 1])
        .await;
    let mut wallets = Vec::with_capacity(fans);
    for _ in 0..fans {
        let fan = chain.wallet().await;
        chain.claim_and_submit(&bounty.address, &fan).await;
        wallets.push(fan);
    }
    (community, bounty, wallets)
}

#[tokio::test]
async fn a_category_budget_is_set_by_a_passed_proposal() {
    let mut chain = Chain::start().await;
    let community = chain.community(3).await;
    let proposal = chain
        .passed_proposal(
            &community,
            budget(BountyCategory::CareWork, 40 * TOKEN, 7 * DAY),
            &[0, 1],
        )
        .await;
    let address = ix::budget_address(&community.address, BountyCategory::CareWork);
    assert!(!chain.exists(&address).await);

    let emitted = chain.execute(&community, &proposal).await.unwrap();

    let event: CategoryBudgetSet = emitted.one();
    assert_eq!(event.community, community.address);
    assert_eq!(event.proposal, proposal);
    assert_eq!(event.category, BountyCategory::CareWork);
    assert_eq!(event.amount_per_period, 40 * TOKEN);
    assert_eq!(event.period_secs, 7 * DAY);
    assert_eq!(event.timestamp, chain.now());
    let stored: CategoryBudget = chain.account(&address).await;
    assert_eq!(stored.community, community.address);
    assert_eq!(stored.category, BountyCategory::CareWork);
    assert_eq!(stored.amount_per_period, 40 * TOKEN);
    assert_eq!(stored.period_secs, 7 * DAY);
    assert_eq!(stored.period_index, 0);
    assert_eq!(stored.minted_in_period, 0);
    assert_eq!(stored.set_by, proposal);
    let stored: Proposal = chain.account(&proposal).await;
    assert_eq!(stored.status, ProposalStatus::Executed);
}

#[tokio::test]
async fn a_payout_beyond_the_category_budget_is_refused() {
    let mut chain = Chain::start().await;
    let (community, bounty, fans) = street_team_on_a_budget(&mut chain, 2).await;
    pay_by_vote(&mut chain, &community, &bounty.address, &fans[0].pubkey())
        .await
        .unwrap();
    let address = ix::budget_address(&community.address, BountyCategory::StreetTeam);
    let stored: CategoryBudget = chain.account(&address).await;
    assert_eq!(stored.minted_in_period, 6 * TOKEN);
    let second_claim = ix::claim_address(&bounty.address, &fans[1].pubkey());
    let proposal = chain
        .passed_proposal(&community, pay(second_claim, &fans[1].pubkey()), &[0, 1])
        .await;
    let watched = [
        community.mint,
        community.address,
        address,
        bounty.address,
        second_claim,
        proposal,
        community.ata(&fans[1].pubkey()),
    ];
    let before = chain.snapshot(&watched).await;

    // 6 + 6 tokens would exceed the 10 the members allowed this period.
    let result = chain.execute(&community, &proposal).await;

    assert_error(result, AmpledError::CategoryBudgetExceeded);
    assert_eq!(chain.snapshot(&watched).await, before);
    assert_eq!(chain.supply(&community).await, 6 * TOKEN);
}

#[tokio::test]
async fn a_category_budget_does_not_limit_other_categories() {
    let mut chain = Chain::start().await;
    let (community, bounty, fans) = street_team_on_a_budget(&mut chain, 1).await;
    pay_by_vote(&mut chain, &community, &bounty.address, &fans[0].pubkey())
        .await
        .unwrap();
    let (code, coder, _) = bounty_with_submitted_claim(
        &mut chain,
        &community,
        terms_in(BountyCategory::Code, 50 * TOKEN, 1),
    )
    .await;

    pay_by_vote(&mut chain, &community, &code.address, &coder.pubkey())
        .await
        .unwrap();

    assert_eq!(
        chain.wallet_balance(&community, &coder.pubkey()).await,
        50 * TOKEN
    );
    assert_eq!(chain.supply(&community).await, 56 * TOKEN);
    let street: CategoryBudget = chain
        .account(&ix::budget_address(
            &community.address,
            BountyCategory::StreetTeam,
        ))
        .await;
    assert_eq!(street.minted_in_period, 6 * TOKEN);
    assert!(
        !chain
            .exists(&ix::budget_address(
                &community.address,
                BountyCategory::Code
            ))
            .await
    );
}

#[tokio::test]
async fn a_category_budget_allows_minting_again_in_the_next_period() {
    let mut chain = Chain::start().await;
    let (community, bounty, fans) = street_team_on_a_budget(&mut chain, 2).await;
    pay_by_vote(&mut chain, &community, &bounty.address, &fans[0].pubkey())
        .await
        .unwrap();
    let created_at = chain
        .account::<Community>(&community.address)
        .await
        .created_at;

    // One second before the next period the budget is still spent...
    chain.set_time(created_at + 30 * DAY - 1).await;
    let early = pay_by_vote(&mut chain, &community, &bounty.address, &fans[1].pubkey()).await;
    assert_error(early, AmpledError::CategoryBudgetExceeded);
    // ...and from its first second it is fresh.
    chain.set_time(created_at + 30 * DAY).await;
    pay_by_vote(&mut chain, &community, &bounty.address, &fans[1].pubkey())
        .await
        .unwrap();

    let stored: CategoryBudget = chain
        .account(&ix::budget_address(
            &community.address,
            BountyCategory::StreetTeam,
        ))
        .await;
    assert_eq!(stored.period_index, 1);
    assert_eq!(stored.minted_in_period, 6 * TOKEN);
    assert_eq!(
        chain.wallet_balance(&community, &fans[1].pubkey()).await,
        6 * TOKEN
    );
    assert_eq!(chain.supply(&community).await, 12 * TOKEN);
}

#[tokio::test]
async fn a_category_budget_period_under_a_minute_is_refused_when_proposed() {
    let mut chain = Chain::start().await;
    let community = chain.community(3).await;
    let alice = community.member(0).insecure_clone();

    let result = chain
        .propose(
            &community,
            &alice,
            budget(BountyCategory::Code, 10 * TOKEN, 10),
        )
        .await;

    assert_error(result, AmpledError::InvalidCategoryBudget);
    let member: Member = chain
        .account(&community.member_address(&alice.pubkey()))
        .await;
    assert_eq!(member.proposals_created, 0);
}

// ---------------------------------------------------------------------------------------------
// Rejecting a claim by vote
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn a_passed_rejection_records_its_reason_and_frees_the_bounty() {
    let mut chain = Chain::start().await;
    let community = chain.community(3).await;
    let (bounty, fan, claim) =
        bounty_with_submitted_claim(&mut chain, &community, bounty_terms(TOKEN, 3)).await;
    let reason = "the photos are from another show";
    let proposal = chain
        .passed_proposal(&community, reject(claim, reason), &[0, 1])
        .await;

    let emitted = chain.execute(&community, &proposal).await.unwrap();

    let stored: Claim = chain.account(&claim).await;
    assert_eq!(stored.status, ClaimStatus::Rejected);
    assert_eq!(stored.rejection_reason, reason);
    assert_eq!(stored.decided_by, Some(proposal));
    assert_eq!(stored.settled_at, Some(chain.now()));
    assert_eq!(stored.evidence_uri, PROOF, "the evidence stays on record");
    let event: BountyClaimRejected = emitted.one();
    assert_eq!(event.community, community.address);
    assert_eq!(event.bounty, bounty.address);
    assert_eq!(event.claim, claim);
    assert_eq!(event.claimant, fan.pubkey());
    assert_eq!(event.reason, reason);
    assert_eq!(event.rejected_by, proposal);
    assert_eq!(event.timestamp, chain.now());
    let stored: Bounty = chain.account(&bounty.address).await;
    assert_eq!(
        (
            stored.open_claims,
            stored.submitted_claims,
            stored.paid_claims
        ),
        (0, 0, 0)
    );
    assert_eq!(stored.status, BountyStatus::Open);
    assert_eq!(chain.supply(&community).await, 0);
}

#[tokio::test]
async fn a_rejection_without_a_reason_fails_at_execution() {
    let mut chain = Chain::start().await;
    let community = chain.community(3).await;
    let (bounty, _fan, claim) =
        bounty_with_submitted_claim(&mut chain, &community, bounty_terms(TOKEN, 3)).await;
    let proposal = chain
        .passed_proposal(&community, reject(claim, ""), &[0, 1])
        .await;
    let watched = [bounty.address, claim, proposal];
    let before = chain.snapshot(&watched).await;

    let result = chain.execute(&community, &proposal).await;

    assert_error(result, AmpledError::ReasonRequired);
    assert_eq!(chain.snapshot(&watched).await, before);
}

// ---------------------------------------------------------------------------------------------
// Ending a co-op bounty
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn the_poster_cannot_cancel_a_coop_bounty_the_members_posted() {
    let mut chain = Chain::start().await;
    let community = chain.community(3).await;
    let deadline = chain.now() + DAY;
    let bounty = chain
        .post_coop_bounty(&community, terms_due(TOKEN, 3, deadline), &[0, 1])
        .await;
    let fan = chain.wallet().await;
    chain.claim_bounty(&bounty.address, &fan).await.unwrap();
    let watched = [
        community.address,
        bounty.address,
        ix::claim_address(&bounty.address, &fan.pubkey()),
        community.member_address(&bounty.poster.pubkey()),
    ];
    let before = chain.snapshot(&watched).await;

    // The members voted the bounty up; its proposer alone would undo their decision, and the
    // fan's work in progress with it.
    let result = chain
        .end_bounty(&community, &bounty.address, &bounty.poster)
        .await;

    assert_error(result, AmpledError::DecidedByMembers);
    assert_eq!(chain.snapshot(&watched).await, before);
    // It ends as the members posted it: at its deadline, by anyone.
    chain.set_time(deadline).await;
    let stranger = chain.wallet().await;
    let emitted = chain
        .end_bounty(&community, &bounty.address, &stranger)
        .await
        .unwrap();
    assert_eq!(emitted.one::<BountyExpired>().closed_by, stranger.pubkey());
    assert!(emitted.all::<BountyCancelled>().is_empty());
    let stored: Bounty = chain.account(&bounty.address).await;
    assert_eq!(stored.status, BountyStatus::Expired);
    assert_eq!(stored.ended_at, Some(deadline));
}

#[tokio::test]
async fn no_member_or_stranger_can_end_a_coop_bounty_before_its_deadline() {
    let mut chain = Chain::start().await;
    let community = chain.community(3).await;
    let deadline = chain.now() + DAY;
    let bounty = chain
        .post_coop_bounty(&community, terms_due(TOKEN, 3, deadline), &[0, 1])
        .await;
    let bob = community.member(1).insecure_clone();
    let stranger = chain.wallet().await;
    chain.set_time(deadline - 1).await;
    let before = chain.snapshot(&[bounty.address]).await;

    let by_a_member = chain.end_bounty(&community, &bounty.address, &bob).await;
    let by_a_stranger = chain
        .end_bounty(&community, &bounty.address, &stranger)
        .await;

    // The members posted it by vote: before its deadline nobody alone may end it.
    assert_error(by_a_member, AmpledError::DecidedByMembers);
    assert_error(by_a_stranger, AmpledError::DecidedByMembers);
    assert_eq!(chain.snapshot(&[bounty.address]).await, before);
}

#[tokio::test]
async fn anyone_can_expire_a_bounty_once_its_deadline_is_reached() {
    let mut chain = Chain::start().await;
    let community = chain.community(3).await;
    let deadline = chain.now() + DAY;
    let bounty = chain
        .post_coop_bounty(&community, terms_due(TOKEN, 3, deadline), &[0, 1])
        .await;
    let stranger = chain.wallet().await;
    chain.set_time(deadline).await;

    let emitted = chain
        .end_bounty(&community, &bounty.address, &stranger)
        .await
        .unwrap();

    let event: BountyExpired = emitted.one();
    assert_eq!(event.community, community.address);
    assert_eq!(event.bounty, bounty.address);
    assert_eq!(event.closed_by, stranger.pubkey());
    assert_eq!(event.refunded, 0);
    assert_eq!(event.timestamp, deadline);
    assert!(emitted.all::<BountyCancelled>().is_empty());
    let stored: Bounty = chain.account(&bounty.address).await;
    assert_eq!(stored.status, BountyStatus::Expired);
    assert_eq!(stored.ended_at, Some(deadline));
}

#[tokio::test]
async fn a_bounty_with_an_approved_but_unpaid_claim_cannot_expire() {
    let mut chain = Chain::start().await;
    let community = chain.community(3).await;
    let deadline = chain.now() + DAY;
    let (bounty, fan, claim) =
        bounty_with_submitted_claim(&mut chain, &community, terms_due(TOKEN, 3, deadline)).await;
    let payment = chain
        .passed_proposal(&community, pay(claim, &fan.pubkey()), &[0, 1])
        .await;
    chain.set_time(deadline).await;
    let stranger = chain.wallet().await;
    let before = chain.snapshot(&[bounty.address, claim]).await;

    let expired = chain
        .end_bounty(&community, &bounty.address, &stranger)
        .await;

    assert_error(expired, AmpledError::ClaimsAwaitingReview);
    assert_eq!(chain.snapshot(&[bounty.address, claim]).await, before);
    // The members' decision still stands, past the deadline too; then the bounty can end.
    chain.execute(&community, &payment).await.unwrap();
    assert_eq!(chain.wallet_balance(&community, &fan.pubkey()).await, TOKEN);
    chain
        .end_bounty(&community, &bounty.address, &stranger)
        .await
        .unwrap();
    let stored: Bounty = chain.account(&bounty.address).await;
    assert_eq!(stored.status, BountyStatus::Expired);
}

#[tokio::test]
async fn ending_an_ended_bounty_again_is_refused_with_how_it_ended() {
    let mut chain = Chain::start().await;
    let community = chain.community(3).await;
    let deadline = chain.now() + DAY;
    // A co-op bounty ends at its deadline or with its last payment; only a member-funded one is
    // cancelled.
    let poster = community.member(0).insecure_clone();
    chain
        .reward_member(&community, &poster.pubkey(), 3 * TOKEN)
        .await;
    let cancelled = chain
        .post_member_bounty(&community, &poster, bounty_terms(TOKEN, 3))
        .await
        .unwrap();
    let expiring = chain
        .post_coop_bounty(&community, terms_due(TOKEN, 3, deadline), &[0, 1])
        .await;
    let (completed, fan, _) =
        bounty_with_submitted_claim(&mut chain, &community, bounty_terms(TOKEN, 1)).await;
    chain
        .end_bounty(&community, &cancelled.address, &poster)
        .await
        .unwrap();
    pay_by_vote(&mut chain, &community, &completed.address, &fan.pubkey())
        .await
        .unwrap();
    chain.set_time(deadline).await;
    chain
        .end_bounty(&community, &expiring.address, &fan)
        .await
        .unwrap();
    let watched = [
        cancelled.address,
        expiring.address,
        completed.address,
        community.ata(&poster.pubkey()),
    ];
    let before = chain.snapshot(&watched).await;

    // The cancelled bounty's vault is gone, so it is ended as a bounty without one: the program
    // then answers with how it ended rather than Anchor with a missing account.
    let again_cancelled = chain
        .end_bounty_with(&community, &cancelled.address, &poster, |accounts| {
            accounts.vault = None;
            accounts.poster_tokens = None;
            accounts.rent_payer = None;
        })
        .await;
    let again_expired = chain
        .end_bounty(&community, &expiring.address, &poster)
        .await;
    let again_completed = chain
        .end_bounty(&community, &completed.address, &poster)
        .await;

    assert_error(again_cancelled, AmpledError::BountyCancelled);
    assert_error(again_expired, AmpledError::BountyExpired);
    assert_error(again_completed, AmpledError::BountyFullyPaid);
    assert_eq!(chain.snapshot(&watched).await, before);
}

// ---------------------------------------------------------------------------------------------
// Rent
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn closing_a_paid_rejected_or_withdrawn_claim_returns_its_rent_to_the_claimant() {
    let mut chain = Chain::start().await;
    let community = chain.community(3).await;
    let deadline = chain.now() + 30 * DAY;
    let bounty = chain
        .post_coop_bounty(&community, terms_due(TOKEN, 3, deadline), &[0, 1])
        .await;
    let paid = chain.wallet().await;
    let rejected = chain.wallet().await;
    let withdrawn = chain.wallet().await;
    chain.claim_and_submit(&bounty.address, &paid).await;
    let rejected_claim = chain.claim_and_submit(&bounty.address, &rejected).await;
    chain.claim_and_submit(&bounty.address, &withdrawn).await;
    pay_by_vote(&mut chain, &community, &bounty.address, &paid.pubkey())
        .await
        .unwrap();
    let rejection = chain
        .passed_proposal(&community, reject(rejected_claim, "off topic"), &[0, 1])
        .await;
    chain.execute(&community, &rejection).await.unwrap();
    chain
        .withdraw_claim(&bounty.address, &withdrawn)
        .await
        .unwrap();
    // Paid and rejected claims stay on record while the bounty is open; its end frees them.
    assert_error(
        chain.close_claim(&bounty.address, &rejected.pubkey()).await,
        AmpledError::ClaimStillOpen,
    );
    chain.set_time(deadline).await;
    chain
        .end_bounty(&community, &bounty.address, &withdrawn)
        .await
        .unwrap();
    let settled = [
        (&paid, ClaimStatus::Paid),
        (&rejected, ClaimStatus::Rejected),
        (&withdrawn, ClaimStatus::Withdrawn),
    ];

    for (claimant, status) in settled {
        let address = ix::claim_address(&bounty.address, &claimant.pubkey());
        let rent = chain.lamports(&address).await;
        let claimant_before = chain.lamports(&claimant.pubkey()).await;

        let emitted = chain
            .close_claim(&bounty.address, &claimant.pubkey())
            .await
            .unwrap();

        assert!(!chain.exists(&address).await);
        assert_eq!(
            chain.lamports(&claimant.pubkey()).await,
            claimant_before + rent
        );
        let event: ClaimClosed = emitted.one();
        assert_eq!(event.claim, address);
        assert_eq!(event.bounty, bounty.address);
        assert_eq!(event.status, status);
        assert_eq!(event.rent_returned_to, claimant.pubkey());
    }
    let stored: Bounty = chain.account(&bounty.address).await;
    assert_eq!((stored.open_claims, stored.submitted_claims), (0, 0));
}

#[tokio::test]
async fn an_open_claim_on_an_open_bounty_cannot_be_closed() {
    let mut chain = Chain::start().await;
    let community = chain.community(3).await;
    let bounty = chain
        .post_coop_bounty(&community, bounty_terms(TOKEN, 3), &[0, 1])
        .await;
    let working = chain.wallet().await;
    let submitted = chain.wallet().await;
    chain.claim_bounty(&bounty.address, &working).await.unwrap();
    chain.claim_and_submit(&bounty.address, &submitted).await;
    let watched = [
        bounty.address,
        ix::claim_address(&bounty.address, &working.pubkey()),
        ix::claim_address(&bounty.address, &submitted.pubkey()),
        working.pubkey(),
        submitted.pubkey(),
    ];
    let before = chain.snapshot(&watched).await;

    let while_working = chain.close_claim(&bounty.address, &working.pubkey()).await;
    let while_in_review = chain
        .close_claim(&bounty.address, &submitted.pubkey())
        .await;

    assert_error(while_working, AmpledError::ClaimStillOpen);
    assert_error(while_in_review, AmpledError::ClaimStillOpen);
    assert_eq!(chain.snapshot(&watched).await, before);
}

#[tokio::test]
async fn an_open_claim_on_an_ended_bounty_can_be_closed() {
    let mut chain = Chain::start().await;
    let community = chain.community(3).await;
    let deadline = chain.now() + DAY;
    let bounty = chain
        .post_coop_bounty(&community, terms_due(TOKEN, 3, deadline), &[0, 1])
        .await;
    let fan = chain.wallet().await;
    chain.claim_bounty(&bounty.address, &fan).await.unwrap();
    chain.set_time(deadline).await;
    chain
        .end_bounty(&community, &bounty.address, &fan)
        .await
        .unwrap();
    let address = ix::claim_address(&bounty.address, &fan.pubkey());
    let rent = chain.lamports(&address).await;
    let fan_before = chain.lamports(&fan.pubkey()).await;

    let emitted = chain
        .close_claim(&bounty.address, &fan.pubkey())
        .await
        .unwrap();

    assert!(!chain.exists(&address).await);
    assert_eq!(chain.lamports(&fan.pubkey()).await, fan_before + rent);
    assert_eq!(emitted.one::<ClaimClosed>().status, ClaimStatus::Claimed);
    let stored: Bounty = chain.account(&bounty.address).await;
    assert_eq!((stored.open_claims, stored.submitted_claims), (0, 0));
    assert_eq!(stored.status, BountyStatus::Expired);
}

#[tokio::test]
async fn a_bounty_cannot_be_closed_while_open_or_while_claims_are_unsettled() {
    let mut chain = Chain::start().await;
    let community = chain.community(3).await;
    let deadline = chain.now() + DAY;
    let bounty = chain
        .post_coop_bounty(&community, terms_due(TOKEN, 3, deadline), &[0, 1])
        .await;
    let fan = chain.wallet().await;
    chain.claim_bounty(&bounty.address, &fan).await.unwrap();
    let before = chain.snapshot(&[bounty.address]).await;

    let while_open = chain.close_bounty(&bounty.address).await;

    assert_error(while_open, AmpledError::BountyNotSettled);
    assert_eq!(chain.snapshot(&[bounty.address]).await, before);

    chain.set_time(deadline).await;
    chain
        .end_bounty(&community, &bounty.address, &fan)
        .await
        .unwrap();
    let before = chain.snapshot(&[bounty.address]).await;

    let with_an_open_claim = chain.close_bounty(&bounty.address).await;

    assert_error(with_an_open_claim, AmpledError::BountyNotSettled);
    assert_eq!(chain.snapshot(&[bounty.address]).await, before);
}

#[tokio::test]
async fn an_ended_bounty_with_every_claim_closed_returns_its_rent_to_the_executor() {
    let mut chain = Chain::start().await;
    let community = chain.community(3).await;
    let alice = community.member(0).pubkey();
    let deadline = chain.now() + DAY;
    let proposal = chain
        .passed_proposal(
            &community,
            ProposalAction::PostBounty {
                terms: terms_due(TOKEN, 3, deadline),
            },
            &[0, 1],
        )
        .await;
    let executor = chain.wallet().await;
    let execute =
        ix::execute_post_bounty(&community.address, &proposal, &alice, 0, &executor.pubkey());
    chain.send(&[execute], &[&executor]).await.unwrap();
    let address = ix::bounty_address(&community.address, &alice, 0);
    let fan = chain.wallet().await;
    chain.claim_bounty(&address, &fan).await.unwrap();
    chain.set_time(deadline).await;
    chain.end_bounty(&community, &address, &fan).await.unwrap();
    chain.close_claim(&address, &fan.pubkey()).await.unwrap();
    let rent = chain.lamports(&address).await;
    let executor_before = chain.lamports(&executor.pubkey()).await;

    let emitted = chain.close_bounty(&address).await.unwrap();

    assert!(!chain.exists(&address).await);
    assert_eq!(
        chain.lamports(&executor.pubkey()).await,
        executor_before + rent
    );
    let event: BountyClosed = emitted.one();
    assert_eq!(event.community, community.address);
    assert_eq!(event.bounty, address);
    assert_eq!(event.rent_returned_to, executor.pubkey());
}

#[tokio::test]
async fn a_bounty_posted_through_the_harness_owes_its_rent_to_the_chain_payer() {
    let mut chain = Chain::start().await;
    let community = chain.community(3).await;
    let (bounty, fan, _) =
        bounty_with_submitted_claim(&mut chain, &community, bounty_terms(TOKEN, 1)).await;
    pay_by_vote(&mut chain, &community, &bounty.address, &fan.pubkey())
        .await
        .unwrap();
    chain
        .close_claim(&bounty.address, &fan.pubkey())
        .await
        .unwrap();
    let payer = chain.payer().pubkey();
    assert_eq!(
        chain.account::<Bounty>(&bounty.address).await.rent_payer,
        payer
    );

    // A completed bounty with its claims closed is settled too.
    let emitted = chain.close_bounty(&bounty.address).await.unwrap();

    assert!(!chain.exists(&bounty.address).await);
    assert_eq!(emitted.one::<BountyClosed>().rent_returned_to, payer);
}

#[tokio::test]
async fn rent_sent_to_another_wallet_is_refused() {
    let mut chain = Chain::start().await;
    let community = chain.community(3).await;
    let deadline = chain.now() + DAY;
    let bounty = chain
        .post_coop_bounty(&community, terms_due(TOKEN, 3, deadline), &[0, 1])
        .await;
    let fan = chain.wallet().await;
    chain.claim_bounty(&bounty.address, &fan).await.unwrap();
    chain.withdraw_claim(&bounty.address, &fan).await.unwrap();
    chain.set_time(deadline).await;
    chain
        .end_bounty(&community, &bounty.address, &fan)
        .await
        .unwrap();
    let mallory = chain.wallet().await.pubkey();
    let claim = ix::claim_address(&bounty.address, &fan.pubkey());
    let rent_payer = chain.payer().pubkey();
    let watched = [bounty.address, claim, mallory, fan.pubkey()];
    let before = chain.snapshot(&watched).await;

    let claim_rent = chain
        .close_claim_with(&bounty.address, &fan.pubkey(), |ix| {
            redirect(ix, &fan.pubkey(), mallory)
        })
        .await;
    let bounty_rent = chain
        .close_bounty_with(&bounty.address, |ix| redirect(ix, &rent_payer, mallory))
        .await;

    assert_error(claim_rent, AmpledError::WalletMismatch);
    assert_error(bounty_rent, AmpledError::WalletMismatch);
    assert_eq!(chain.snapshot(&watched).await, before);
}

// ---------------------------------------------------------------------------------------------
// One claim per wallet per bounty
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn a_paid_claim_cannot_be_closed_while_its_bounty_is_open_so_it_cannot_be_claimed_again() {
    let mut chain = Chain::start().await;
    let community = chain.community(3).await;
    let (bounty, fan, claim_address) =
        bounty_with_submitted_claim(&mut chain, &community, bounty_terms(10 * TOKEN, 3)).await;
    pay_by_vote(&mut chain, &community, &bounty.address, &fan.pubkey())
        .await
        .unwrap();
    let before = chain.snapshot(&[bounty.address, claim_address]).await;

    // Closing the paid claim would erase the record that stops a second claim (and payout).
    let close = chain.close_claim(&bounty.address, &fan.pubkey()).await;
    let reclaim = chain.claim_bounty(&bounty.address, &fan).await;

    assert_error(close, AmpledError::ClaimStillOpen);
    assert_error(reclaim, AmpledError::AlreadyClaimed);
    assert_eq!(
        chain.snapshot(&[bounty.address, claim_address]).await,
        before
    );
    assert_eq!(
        chain.wallet_balance(&community, &fan.pubkey()).await,
        10 * TOKEN
    );
}

// ---------------------------------------------------------------------------------------------
// A decision lands only on the claim the members saw
// ---------------------------------------------------------------------------------------------

/// Everything a refused decision on `claim` must leave as it was.
fn decision_footprint(
    community: &CommunityFixture,
    bounty: &Pubkey,
    claim: Pubkey,
    claimant: &Pubkey,
    proposal: Pubkey,
) -> [Pubkey; 6] {
    [
        community.address,
        community.mint,
        *bounty,
        claim,
        community.ata(claimant),
        proposal,
    ]
}

#[tokio::test]
async fn a_payment_cannot_execute_after_the_claimant_replaced_the_evidence() {
    let mut chain = Chain::start().await;
    let community = chain.community(3).await;
    let (bounty, fan, claim) =
        bounty_with_submitted_claim(&mut chain, &community, bounty_terms(5 * TOKEN, 3)).await;
    let proposal = chain
        .passed_proposal(&community, pay(claim, &fan.pubkey()), &[0, 1])
        .await;
    // Once approved, the fan swaps the evidence the members checked for something else.
    let swapped = "https://example.org/someone-elses-flyers";
    chain
        .submit_evidence(&bounty.address, &fan, swapped)
        .await
        .unwrap();
    let watched = decision_footprint(&community, &bounty.address, claim, &fan.pubkey(), proposal);
    let before = chain.snapshot(&watched).await;

    let result = chain.execute(&community, &proposal).await;

    assert_error(result, AmpledError::ProposalTargetChanged);
    assert_eq!(chain.snapshot(&watched).await, before);
    assert_eq!(chain.supply(&community).await, 0);
    assert_proposal_closes_at_once(&mut chain, &community, &proposal).await;
}

#[tokio::test]
async fn a_payment_voted_on_replaced_evidence_pays_and_the_claim_keeps_that_evidence() {
    let mut chain = Chain::start().await;
    let community = chain.community(3).await;
    let (bounty, fan, claim) =
        bounty_with_submitted_claim(&mut chain, &community, bounty_terms(5 * TOKEN, 3)).await;
    let first_vote = chain
        .passed_proposal(&community, pay(claim, &fan.pubkey()), &[0, 1])
        .await;
    let better = "https://example.org/proof-with-photos";
    chain
        .submit_evidence(&bounty.address, &fan, better)
        .await
        .unwrap();
    assert_error(
        chain.execute(&community, &first_vote).await,
        AmpledError::ProposalTargetChanged,
    );

    // The members look again, at the new evidence, and approve it.
    let second_vote = chain
        .passed_proposal(&community, pay(claim, &fan.pubkey()), &[1, 2])
        .await;
    chain.execute(&community, &second_vote).await.unwrap();

    assert_eq!(
        chain.wallet_balance(&community, &fan.pubkey()).await,
        5 * TOKEN
    );
    let paid: Claim = chain.account(&claim).await;
    assert_eq!(paid.status, ClaimStatus::Paid);
    assert_eq!(paid.decided_by, Some(second_vote));
    assert_eq!(paid.evidence_uri, better, "the evidence that was voted on");
    assert_error(
        chain
            .submit_evidence(&bounty.address, &fan, "https://example.org/later")
            .await,
        AmpledError::ClaimAlreadyPaid,
    );
    assert_eq!(chain.account::<Claim>(&claim).await.evidence_uri, better);
    assert_error(
        chain.execute(&community, &first_vote).await,
        AmpledError::ProposalTargetChanged,
    );
    assert_eq!(
        chain.wallet_balance(&community, &fan.pubkey()).await,
        5 * TOKEN,
        "paid once"
    );
}

#[tokio::test]
async fn a_rejection_cannot_execute_after_the_claim_was_withdrawn_and_claimed_again() {
    let mut chain = Chain::start().await;
    let community = chain.community(3).await;
    let (bounty, fan, claim) =
        bounty_with_submitted_claim(&mut chain, &community, bounty_terms(TOKEN, 3)).await;
    let proposal = chain
        .passed_proposal(&community, reject(claim, "blurry photos"), &[0, 1])
        .await;
    // The fan starts over with new work; the same claim record is reused.
    chain.withdraw_claim(&bounty.address, &fan).await.unwrap();
    chain.advance(60).await;
    claim_again_with_evidence(&mut chain, &bounty.address, &fan).await;
    let watched = decision_footprint(&community, &bounty.address, claim, &fan.pubkey(), proposal);
    let before = chain.snapshot(&watched).await;

    let result = chain.execute(&community, &proposal).await;

    assert_error(result, AmpledError::ProposalTargetChanged);
    assert_eq!(chain.snapshot(&watched).await, before);
    let stored: Claim = chain.account(&claim).await;
    assert_eq!(stored.status, ClaimStatus::Submitted);
    assert_eq!(stored.rejection_reason, "");
    assert_proposal_closes_at_once(&mut chain, &community, &proposal).await;
}

/// `claimant` claims `bounty` again and submits the default evidence, in one transaction.
async fn claim_again_with_evidence(chain: &mut Chain, bounty: &Pubkey, claimant: &Keypair) {
    let claim = ix::claim_bounty(bounty, &claimant.pubkey());
    let submit = ix::submit_evidence(bounty, &claimant.pubkey(), PROOF);
    chain
        .send(&[claim, submit], &[claimant])
        .await
        .expect("claim again");
}

#[tokio::test]
async fn proposing_a_claim_decision_with_another_claim_as_its_target_is_refused() {
    let mut chain = Chain::start().await;
    let community = chain.community(3).await;
    let (bounty, fan, claim) =
        bounty_with_submitted_claim(&mut chain, &community, bounty_terms(TOKEN, 3)).await;
    let other_fan = chain.wallet().await;
    let other_claim = chain.claim_and_submit(&bounty.address, &other_fan).await;
    let proposer = community.member(0).insecure_clone();
    let watched = [
        community.address,
        community.member_address(&proposer.pubkey()),
        bounty.address,
        claim,
        other_claim,
    ];
    let before = chain.snapshot(&watched).await;

    // The recorded revision would be the other claim's, so the fan could change theirs freely.
    for action in [
        pay(claim, &fan.pubkey()),
        reject(claim, "not the venue we asked for"),
    ] {
        let result = chain
            .propose_with(&community, &proposer, action, |accounts| {
                accounts.target = Some(other_claim);
            })
            .await;

        assert_error(result, AmpledError::WrongProposalTarget);
    }
    assert_eq!(chain.snapshot(&watched).await, before);
}

#[tokio::test]
async fn proposing_to_pay_a_claim_to_an_address_no_key_controls_is_refused() {
    let mut chain = Chain::start().await;
    let community = chain.community(3).await;
    let (bounty, _fan, claim) =
        bounty_with_submitted_claim(&mut chain, &community, bounty_terms(TOKEN, 3)).await;
    let proposer = community.member(0).insecure_clone();
    let watched = [
        community.address,
        community.member_address(&proposer.pubkey()),
        bounty.address,
        claim,
    ];
    let before = chain.snapshot(&watched).await;

    for keyless in [community.treasury, bounty.address, claim] {
        let result = chain
            .propose(&community, &proposer, pay(claim, &keyless))
            .await;

        assert_error(result, AmpledError::NotAWallet);
    }
    assert_eq!(chain.snapshot(&watched).await, before);
}

#[tokio::test]
async fn another_claim_on_the_same_bounty_changing_does_not_stop_a_payment() {
    let mut chain = Chain::start().await;
    let community = chain.community(3).await;
    let (bounty, fan, claim) =
        bounty_with_submitted_claim(&mut chain, &community, bounty_terms(2 * TOKEN, 3)).await;
    let proposal = chain
        .passed_proposal(&community, pay(claim, &fan.pubkey()), &[0, 1])
        .await;
    // Someone else claims, submits, replaces evidence and withdraws meanwhile: the bounty's
    // revision counter moves, the fan's claim does not.
    let other = chain.wallet().await;
    chain.claim_and_submit(&bounty.address, &other).await;
    chain
        .submit_evidence(&bounty.address, &other, "https://example.org/v2")
        .await
        .unwrap();
    chain.withdraw_claim(&bounty.address, &other).await.unwrap();

    chain.execute(&community, &proposal).await.unwrap();

    assert_eq!(
        chain.wallet_balance(&community, &fan.pubkey()).await,
        2 * TOKEN
    );
    assert_eq!(
        chain.account::<Claim>(&claim).await.status,
        ClaimStatus::Paid
    );
}

#[tokio::test]
async fn paying_a_members_claim_that_only_they_could_carry_is_refused_when_proposed() {
    let mut chain = Chain::start().await;
    let rules = CommunityRules {
        min_approvals: 2,
        ..default_rules()
    };
    let community = chain.community_named("duo", 2, rules).await;
    let bounty = chain
        .post_coop_bounty(&community, bounty_terms(TOKEN, 3), &[0, 1])
        .await;
    let bob = community.member(1).insecure_clone();
    let claim = chain.claim_and_submit(&bounty.address, &bob).await;
    let proposer = community.member(0).insecure_clone();
    let watched = [
        community.address,
        community.member_address(&proposer.pubkey()),
        bounty.address,
        claim,
    ];
    let before = chain.snapshot(&watched).await;

    // Two approvals are needed and Bob may not approve his own payment.
    let result = chain
        .propose(&community, &proposer, pay(claim, &bob.pubkey()))
        .await;

    assert_error(result, AmpledError::ProposalCannotPass);
    assert_eq!(chain.snapshot(&watched).await, before);
}

#[tokio::test]
async fn burning_tokens_makes_no_room_for_bounty_payouts_under_the_supply_cap() {
    let mut chain = Chain::start().await;
    let rules = CommunityRules {
        supply_cap: Some(10 * TOKEN),
        ..default_rules()
    };
    let community = chain.community_named("capped", 3, rules).await;
    let (bounty, fan, claim) =
        bounty_with_submitted_claim(&mut chain, &community, bounty_terms(10 * TOKEN, 3)).await;
    let paid = chain
        .passed_proposal(&community, pay(claim, &fan.pubkey()), &[0, 1])
        .await;
    chain.execute(&community, &paid).await.unwrap();
    let burn = anchor_spl::token_2022::spl_token_2022::instruction::burn(
        &anchor_spl::token_2022::ID,
        &community.ata(&fan.pubkey()),
        &community.mint,
        &fan.pubkey(),
        &[],
        10 * TOKEN,
    )
    .unwrap();
    chain.send(&[burn], &[&fan]).await.unwrap();
    assert_eq!(chain.supply(&community).await, 0);
    let second_fan = chain.wallet().await;
    let second_claim = chain.claim_and_submit(&bounty.address, &second_fan).await;
    let proposal = chain
        .passed_proposal(&community, pay(second_claim, &second_fan.pubkey()), &[0, 1])
        .await;
    let watched = decision_footprint(
        &community,
        &bounty.address,
        second_claim,
        &second_fan.pubkey(),
        proposal,
    );
    let before = chain.snapshot(&watched).await;

    let result = chain.execute(&community, &proposal).await;

    assert_error(result, AmpledError::SupplyCapExceeded);
    assert_eq!(chain.snapshot(&watched).await, before);
    assert_eq!(chain.supply(&community).await, 0);
}
