//! One member, one vote: creating, voting on, executing, cancelling and closing proposals, and
//! every way each of those is refused.
#![allow(deprecated)]

use ampled::events::{ProposalCancelled, ProposalClosed, ProposalCreated, RulesUpdated, VoteCast};
use ampled::state::*;
use ampled_tests::*;
use anchor_lang::prelude::{AccountMeta, Pubkey};
use solana_keypair::Keypair;
use solana_signer::Signer;

// ---------------------------------------------------------------------------------------------
// Local helpers
// ---------------------------------------------------------------------------------------------

/// A reward to a wallet outside the community, so that any member may approve it.
async fn outsider_reward(chain: &mut Chain) -> ProposalAction {
    let outsider = chain.wallet().await;
    reward(outsider.pubkey(), 10 * TOKEN, "mixed the live album")
}

/// Member `proposer` of `community` proposes a reward to an outsider.
async fn propose_outsider_reward(
    chain: &mut Chain,
    community: &CommunityFixture,
    proposer: usize,
) -> Pubkey {
    let action = outsider_reward(chain).await;
    let proposer = community.member(proposer).insecure_clone();
    chain
        .propose(community, &proposer, action)
        .await
        .expect("propose")
}

/// Member 0 proposes a reward to an outsider and members `approvers` approve it.
async fn passed_outsider_reward(
    chain: &mut Chain,
    community: &CommunityFixture,
    approvers: &[usize],
) -> Pubkey {
    let action = outsider_reward(chain).await;
    chain.passed_proposal(community, action, approvers).await
}

async fn member_record(chain: &mut Chain, community: &CommunityFixture, wallet: &Pubkey) -> Member {
    chain.account(&community.member_address(wallet)).await
}

/// Closes a finished proposal and checks that the account is gone, that its proposer got back
/// exactly the lamports it held, and that `ProposalClosed` reports `status`.
async fn assert_closes_and_refunds_proposer(
    chain: &mut Chain,
    community: &CommunityFixture,
    proposal: &Pubkey,
    status: ProposalStatus,
) {
    let record: Proposal = chain.account(proposal).await;
    let rent = chain.lamports(proposal).await;
    let proposer_before = chain.lamports(&record.proposer).await;
    assert!(rent > 0);

    let emitted = chain
        .close_proposal(community, proposal)
        .await
        .expect("close");

    assert!(
        !chain.exists(proposal).await,
        "the proposal account is gone"
    );
    assert_eq!(
        chain.lamports(&record.proposer).await,
        proposer_before + rent,
        "all of the proposal's lamports go back to the proposer"
    );
    let event: ProposalClosed = emitted.one();
    assert_eq!(event.community, community.address);
    assert_eq!(event.proposal, *proposal);
    assert_eq!(event.status, status);
    assert_eq!(event.rent_returned_to, record.proposer);
    assert_eq!(event.timestamp, chain.now());
}

fn rules_with(approval_threshold_bps: u16, min_approvals: u32) -> CommunityRules {
    CommunityRules {
        approval_threshold_bps,
        min_approvals,
        ..default_rules()
    }
}

// ---------------------------------------------------------------------------------------------
// create_proposal
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn create_proposal_opens_voting_for_current_members_until_the_period_ends() {
    let mut chain = Chain::start().await;
    let community = chain.community(3).await;
    let proposer = community.member(0).insecure_clone();
    let action = outsider_reward(&mut chain).await;
    let address = ix::proposal_address(&community.address, &proposer.pubkey(), 0);
    let proposer_lamports = chain.lamports(&proposer.pubkey()).await;

    let create = ix::create_proposal(
        &community.address,
        &proposer.pubkey(),
        address,
        action.clone(),
    );
    let emitted = chain.send(&[create], &[&proposer]).await.unwrap();

    let proposal: Proposal = chain.account(&address).await;
    let now = chain.now();
    assert_eq!(proposal.community, community.address);
    assert_eq!(proposal.proposer, proposer.pubkey());
    assert_eq!(proposal.nonce, 0);
    assert_eq!(proposal.status, ProposalStatus::Voting);
    assert_eq!(proposal.rules_version, 0);
    let record: Community = chain.account(&community.address).await;
    assert_eq!(proposal.voter_slot_limit, record.member_slots);
    assert_eq!(proposal.voter_slot_limit, 3);
    assert_eq!(proposal.created_at, now);
    assert_eq!(
        proposal.voting_ends_at,
        now + default_rules().voting_period_secs
    );
    assert_eq!(proposal.decided_at, None);
    assert_eq!(proposal.action, action);
    assert_eq!(proposal.approvals, vec![0u8], "one byte of empty votes");
    assert_eq!(proposal.rejections, vec![0u8]);
    assert_eq!(
        chain.data_len(&address).await,
        Proposal::space(&action, 3),
        "allocated exactly"
    );
    let rent = chain.lamports(&address).await;
    assert_eq!(
        chain.lamports(&proposer.pubkey()).await,
        proposer_lamports - rent,
        "the proposer pays the rent"
    );

    let member = member_record(&mut chain, &community, &proposer.pubkey()).await;
    assert_eq!(member.proposals_created, 1);

    let event: ProposalCreated = emitted.one();
    assert_eq!(event.community, community.address);
    assert_eq!(event.proposal, address);
    assert_eq!(event.proposer, proposer.pubkey());
    assert_eq!(event.action, action);
    assert_eq!(event.voter_slot_limit, 3);
    assert_eq!(event.voting_ends_at, proposal.voting_ends_at);
    assert_eq!(event.timestamp, now);
}

#[tokio::test]
async fn second_proposal_by_the_same_member_gets_a_new_address() {
    let mut chain = Chain::start().await;
    let community = chain.community(2).await;
    let proposer = community.member(1).insecure_clone();

    let first = propose_outsider_reward(&mut chain, &community, 1).await;
    let second = propose_outsider_reward(&mut chain, &community, 1).await;

    assert_ne!(first, second);
    assert_eq!(
        first,
        ix::proposal_address(&community.address, &proposer.pubkey(), 0)
    );
    assert_eq!(
        second,
        ix::proposal_address(&community.address, &proposer.pubkey(), 1)
    );
    assert_eq!(chain.account::<Proposal>(&first).await.nonce, 0);
    assert_eq!(chain.account::<Proposal>(&second).await.nonce, 1);
    let member = member_record(&mut chain, &community, &proposer.pubkey()).await;
    assert_eq!(member.proposals_created, 2);
}

#[tokio::test]
async fn non_member_cannot_propose() {
    let mut chain = Chain::start().await;
    let community = chain.community(2).await;
    let outsider = chain.wallet().await;
    let address = ix::proposal_address(&community.address, &outsider.pubkey(), 0);
    let watched = [
        community.address,
        address,
        outsider.pubkey(),
        community.member_address(&outsider.pubkey()),
    ];
    let before = chain.snapshot(&watched).await;

    let action = reward(outsider.pubkey(), 10 * TOKEN, "pay me");
    let result = chain.propose(&community, &outsider, action).await;

    assert_error(result, AnchorError::AccountNotInitialized);
    assert_eq!(chain.snapshot(&watched).await, before);
    assert!(!chain.exists(&address).await);
}

#[tokio::test]
async fn zero_amount_reward_or_transfer_cannot_be_proposed() {
    let mut chain = Chain::start().await;
    let community = chain.community(2).await;
    let proposer = community.member(0).insecure_clone();
    let recipient = community.member(1).pubkey();
    let address = ix::proposal_address(&community.address, &proposer.pubkey(), 0);
    let watched = [
        community.address,
        address,
        proposer.pubkey(),
        community.member_address(&proposer.pubkey()),
    ];
    let before = chain.snapshot(&watched).await;

    for action in [
        reward(recipient, 0, "nothing"),
        ProposalAction::TreasuryTransfer {
            recipient,
            amount: 0,
            reason: "nothing".into(),
        },
    ] {
        let result = chain.propose(&community, &proposer, action).await;
        assert_error(result, AmpledError::ZeroAmount);
    }

    assert_eq!(chain.snapshot(&watched).await, before);
}

#[tokio::test]
async fn reason_over_128_bytes_is_refused_even_when_under_128_characters() {
    let mut chain = Chain::start().await;
    let community = chain.community(2).await;
    let proposer = community.member(0).insecure_clone();
    let recipient = community.member(1).pubkey();
    let address = ix::proposal_address(&community.address, &proposer.pubkey(), 0);
    let watched = [
        community.address,
        address,
        proposer.pubkey(),
        community.member_address(&proposer.pubkey()),
    ];
    let before = chain.snapshot(&watched).await;
    let ascii = "x".repeat(129);
    // 65 characters, 130 bytes: the limit is on bytes stored, not characters shown.
    let accented = "é".repeat(65);
    assert!(accented.chars().count() < 128 && accented.len() > 128);

    for reason in [ascii, accented] {
        let result = chain
            .propose(&community, &proposer, reward(recipient, TOKEN, &reason))
            .await;
        assert_error(result, AmpledError::ReasonTooLong);
    }

    assert_eq!(chain.snapshot(&watched).await, before);
}

#[tokio::test]
async fn reason_of_exactly_128_bytes_is_accepted() {
    let mut chain = Chain::start().await;
    let community = chain.community(2).await;
    let proposer = community.member(0).insecure_clone();
    let recipient = community.member(1).pubkey();
    let reason = "x".repeat(128);

    let address = chain
        .propose(&community, &proposer, reward(recipient, TOKEN, &reason))
        .await
        .unwrap();

    let proposal: Proposal = chain.account(&address).await;
    assert_eq!(proposal.action, reward(recipient, TOKEN, &reason));
}

#[tokio::test]
async fn removed_member_cannot_propose() {
    let mut chain = Chain::start().await;
    let community = chain.community(3).await;
    let removed = community.member(2).insecure_clone();
    let removal = chain
        .passed_proposal(
            &community,
            ProposalAction::RemoveMember {
                wallet: removed.pubkey(),
            },
            &[0, 1],
        )
        .await;
    chain.execute(&community, &removal).await.expect("remove");
    let record = member_record(&mut chain, &community, &removed.pubkey()).await;
    assert_eq!(record.status, MemberStatus::Removed);
    let address = ix::proposal_address(&community.address, &removed.pubkey(), 0);
    let watched = [
        community.address,
        address,
        removed.pubkey(),
        community.member_address(&removed.pubkey()),
    ];
    let before = chain.snapshot(&watched).await;

    let action = reward(removed.pubkey(), TOKEN, "severance");
    let result = chain.propose(&community, &removed, action).await;

    assert_error(result, AmpledError::NotActiveMember);
    assert_eq!(chain.snapshot(&watched).await, before);
}

// ---------------------------------------------------------------------------------------------
// cast_vote: counting and outcome
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn approval_is_recorded_in_the_voters_slot_and_reported_in_vote_cast() {
    let mut chain = Chain::start().await;
    let community = chain.community(5).await;
    let proposal = propose_outsider_reward(&mut chain, &community, 0).await;
    let voter = community.member(3).insecure_clone();

    let emitted = chain
        .vote(&community, &proposal, &voter, true)
        .await
        .unwrap();

    let record: Proposal = chain.account(&proposal).await;
    assert_eq!(record.approvals, vec![0b0000_1000], "bit 3: member slot 3");
    assert_eq!(record.rejections, vec![0]);
    assert_eq!(record.status, ProposalStatus::Voting);
    assert_eq!(record.decided_at, None);

    let event: VoteCast = emitted.one();
    assert_eq!(event.community, community.address);
    assert_eq!(event.proposal, proposal);
    assert_eq!(event.voter, voter.pubkey());
    assert!(event.approve);
    assert_eq!(event.approvals, 1);
    assert_eq!(event.rejections, 0);
    assert_eq!(event.required, 3, "half of 5 rounds up to 3");
    assert_eq!(event.status, ProposalStatus::Voting);
    assert_eq!(event.timestamp, chain.now());
}

#[tokio::test]
async fn reaching_the_threshold_approves_the_proposal() {
    let mut chain = Chain::start().await;
    let community = chain.community(5).await;
    let proposal = propose_outsider_reward(&mut chain, &community, 0).await;
    chain
        .approve_by(
            &community,
            &proposal,
            &[community.member(1), community.member(2)],
        )
        .await;
    assert_eq!(
        chain.account::<Proposal>(&proposal).await.status,
        ProposalStatus::Voting
    );

    let emitted = chain
        .vote(&community, &proposal, community.member(4), true)
        .await
        .unwrap();

    let record: Proposal = chain.account(&proposal).await;
    assert_eq!(record.status, ProposalStatus::Approved);
    assert_eq!(
        record.decided_at, None,
        "approved is not final until executed"
    );
    assert_eq!(record.approvals, vec![0b0001_0110]);
    let event: VoteCast = emitted.one();
    assert_eq!(event.approvals, 3);
    assert_eq!(event.required, 3);
    assert_eq!(event.status, ProposalStatus::Approved);
}

#[tokio::test]
async fn rejections_that_make_passing_impossible_defeat_the_proposal() {
    let mut chain = Chain::start().await;
    let community = chain.community(3).await;
    let proposal = propose_outsider_reward(&mut chain, &community, 0).await;

    let first = chain
        .vote(&community, &proposal, community.member(1), false)
        .await
        .unwrap();
    let first: VoteCast = first.one();
    assert_eq!(
        first.status,
        ProposalStatus::Voting,
        "2 of 3 could still approve"
    );
    assert_eq!(first.rejections, 1);

    let second = chain
        .vote(&community, &proposal, community.member(2), false)
        .await
        .unwrap();

    let record: Proposal = chain.account(&proposal).await;
    assert_eq!(record.status, ProposalStatus::Defeated);
    assert_eq!(record.decided_at, Some(chain.now()));
    assert_eq!(record.rejections, vec![0b0000_0110]);
    assert_eq!(record.approvals, vec![0]);
    let event: VoteCast = second.one();
    assert!(!event.approve);
    assert_eq!(event.approvals, 0);
    assert_eq!(event.rejections, 2);
    assert_eq!(event.required, 2);
    assert_eq!(event.status, ProposalStatus::Defeated);
}

#[tokio::test]
async fn defeated_proposal_can_no_longer_be_voted_on_or_executed() {
    let mut chain = Chain::start().await;
    let community = chain.community(3).await;
    let proposal = propose_outsider_reward(&mut chain, &community, 0).await;
    for voter in [1, 2] {
        chain
            .vote(&community, &proposal, community.member(voter), false)
            .await
            .unwrap();
    }
    let watched = [community.address, proposal, community.mint];
    let before = chain.snapshot(&watched).await;

    let vote = chain
        .vote(&community, &proposal, community.member(0), true)
        .await;
    assert_error(vote, AmpledError::ProposalDefeated);
    let execute = chain.execute(&community, &proposal).await;
    assert_error(execute, AmpledError::ProposalDefeated);

    assert_eq!(chain.snapshot(&watched).await, before);
    assert_eq!(chain.supply(&community).await, 0);
}

#[tokio::test]
async fn five_members_at_6000_bps_need_three_approvals() {
    let mut chain = Chain::start().await;
    let community = chain
        .community_named("sixty", 5, rules_with(6_000, 1))
        .await;
    let proposal = propose_outsider_reward(&mut chain, &community, 0).await;

    let mut events = Vec::new();
    for voter in [0, 1, 2] {
        let emitted = chain
            .vote(&community, &proposal, community.member(voter), true)
            .await
            .unwrap();
        events.push(emitted.one::<VoteCast>());
    }

    assert!(events.iter().all(|e| e.required == 3), "ceil(5 * 60%) = 3");
    assert_eq!(events[1].approvals, 2);
    assert_eq!(events[1].status, ProposalStatus::Voting);
    assert_eq!(events[2].approvals, 3);
    assert_eq!(events[2].status, ProposalStatus::Approved);
    assert_eq!(
        chain.account::<Proposal>(&proposal).await.status,
        ProposalStatus::Approved
    );
}

#[tokio::test]
async fn min_approvals_dominates_the_share_in_small_groups() {
    let mut chain = Chain::start().await;
    // 10% of 3 members rounds up to 1 approval, but the rules ask for at least 2.
    let community = chain
        .community_named("small", 3, rules_with(1_000, 2))
        .await;
    let proposal = propose_outsider_reward(&mut chain, &community, 0).await;

    let first = chain
        .vote(&community, &proposal, community.member(1), true)
        .await
        .unwrap()
        .one::<VoteCast>();
    let second = chain
        .vote(&community, &proposal, community.member(2), true)
        .await
        .unwrap()
        .one::<VoteCast>();

    assert_eq!(first.required, 2);
    assert_eq!(first.approvals, 1);
    assert_eq!(first.status, ProposalStatus::Voting);
    assert_eq!(second.approvals, 2);
    assert_eq!(second.status, ProposalStatus::Approved);
}

// ---------------------------------------------------------------------------------------------
// cast_vote: refusals
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn non_member_cannot_vote() {
    let mut chain = Chain::start().await;
    let community = chain.community(3).await;
    let proposal = propose_outsider_reward(&mut chain, &community, 0).await;
    let outsider = chain.wallet().await;
    let before = chain.snapshot(&[proposal]).await;

    let result = chain.vote(&community, &proposal, &outsider, true).await;

    assert_error(result, AnchorError::AccountNotInitialized);
    assert_eq!(chain.snapshot(&[proposal]).await, before);
}

#[tokio::test]
async fn removed_member_cannot_vote_on_a_proposal_made_before_removal() {
    let mut chain = Chain::start().await;
    let community = chain.community(3).await;
    let proposal = propose_outsider_reward(&mut chain, &community, 1).await;
    let removed = community.member(2).insecure_clone();
    let removal = chain
        .passed_proposal(
            &community,
            ProposalAction::RemoveMember {
                wallet: removed.pubkey(),
            },
            &[0, 1],
        )
        .await;
    chain.execute(&community, &removal).await.expect("remove");
    let before = chain.snapshot(&[proposal]).await;

    let result = chain.vote(&community, &proposal, &removed, true).await;

    assert_error(result, AmpledError::NotActiveMember);
    assert_eq!(chain.snapshot(&[proposal]).await, before);
}

#[tokio::test]
async fn member_admitted_after_proposal_cannot_vote_on_it() {
    let mut chain = Chain::start().await;
    let community = chain.community(2).await;
    let proposal = propose_outsider_reward(&mut chain, &community, 1).await;
    let newcomer = chain.admit_member(&community, MemberRole::Artist).await;
    let before = chain.snapshot(&[proposal]).await;

    let result = chain.vote(&community, &proposal, &newcomer, true).await;

    assert_error(result, AmpledError::VoterJoinedAfterProposal);
    assert_eq!(chain.snapshot(&[proposal]).await, before);
}

#[tokio::test]
async fn member_cannot_vote_twice() {
    let mut chain = Chain::start().await;
    let community = chain.community(5).await;
    let proposal = propose_outsider_reward(&mut chain, &community, 0).await;
    chain
        .vote(&community, &proposal, community.member(1), true)
        .await
        .unwrap();
    let before = chain.snapshot(&[proposal]).await;

    let result = chain
        .vote(&community, &proposal, community.member(1), true)
        .await;

    assert_error(result, AmpledError::AlreadyVoted);
    assert_eq!(chain.snapshot(&[proposal]).await, before);
    let record: Proposal = chain.account(&proposal).await;
    assert_eq!(record.approvals, vec![0b0000_0010], "still one approval");
}

#[tokio::test]
async fn member_cannot_vote_twice_even_by_flipping() {
    let mut chain = Chain::start().await;
    let community = chain.community(5).await;
    let proposal = propose_outsider_reward(&mut chain, &community, 0).await;
    chain
        .vote(&community, &proposal, community.member(1), true)
        .await
        .unwrap();
    chain
        .vote(&community, &proposal, community.member(2), false)
        .await
        .unwrap();
    let before = chain.snapshot(&[proposal]).await;

    let approve_then_reject = chain
        .vote(&community, &proposal, community.member(1), false)
        .await;
    let reject_then_approve = chain
        .vote(&community, &proposal, community.member(2), true)
        .await;

    assert_error(approve_then_reject, AmpledError::AlreadyVoted);
    assert_error(reject_then_approve, AmpledError::AlreadyVoted);
    assert_eq!(chain.snapshot(&[proposal]).await, before);
}

#[tokio::test]
async fn recipient_cannot_approve_own_reward() {
    let mut chain = Chain::start().await;
    let community = chain.community(3).await;
    let recipient = community.member(1).insecure_clone();
    let to_other = chain
        .propose(
            &community,
            community.member(0),
            reward(recipient.pubkey(), 50 * TOKEN, "tour"),
        )
        .await
        .unwrap();
    // A proposer rewarding themselves cannot approve it either.
    let to_self = chain
        .propose(
            &community,
            &recipient,
            reward(recipient.pubkey(), 50 * TOKEN, "tour"),
        )
        .await
        .unwrap();
    let before = chain.snapshot(&[to_other, to_self]).await;

    for proposal in [to_other, to_self] {
        let result = chain.vote(&community, &proposal, &recipient, true).await;
        assert_error(result, AmpledError::CannotApproveOwnBenefit);
    }

    assert_eq!(chain.snapshot(&[to_other, to_self]).await, before);
}

#[tokio::test]
async fn recipient_cannot_approve_own_treasury_payment_or_promotion() {
    let mut chain = Chain::start().await;
    let community = chain.community(3).await;
    let beneficiary = community.member(2).insecure_clone();
    let payment = chain
        .propose(
            &community,
            community.member(0),
            ProposalAction::TreasuryTransfer {
                recipient: beneficiary.pubkey(),
                amount: TOKEN,
                reason: "gas money".into(),
            },
        )
        .await
        .unwrap();
    let promotion = chain
        .propose(
            &community,
            community.member(0),
            ProposalAction::ChangeRole {
                wallet: beneficiary.pubkey(),
                role: MemberRole::Artist,
            },
        )
        .await
        .unwrap();
    let before = chain.snapshot(&[payment, promotion]).await;

    for proposal in [payment, promotion] {
        let result = chain.vote(&community, &proposal, &beneficiary, true).await;
        assert_error(result, AmpledError::CannotApproveOwnBenefit);
    }

    assert_eq!(chain.snapshot(&[payment, promotion]).await, before);
}

#[tokio::test]
async fn recipient_may_reject_own_reward() {
    let mut chain = Chain::start().await;
    let community = chain.community(3).await;
    let recipient = community.member(1).insecure_clone();
    let proposal = chain
        .propose(
            &community,
            community.member(0),
            reward(recipient.pubkey(), 50 * TOKEN, "tour"),
        )
        .await
        .unwrap();

    let emitted = chain
        .vote(&community, &proposal, &recipient, false)
        .await
        .unwrap();

    let record: Proposal = chain.account(&proposal).await;
    assert_eq!(record.rejections, vec![0b0000_0010]);
    assert_eq!(record.approvals, vec![0]);
    let event: VoteCast = emitted.one();
    assert_eq!(event.voter, recipient.pubkey());
    assert!(!event.approve);
    assert_eq!(event.rejections, 1);
}

#[tokio::test]
async fn signer_cannot_vote_with_another_members_record() {
    let mut chain = Chain::start().await;
    let community = chain.community(3).await;
    let proposal = propose_outsider_reward(&mut chain, &community, 0).await;
    let outsider = chain.wallet().await;
    let impersonated = community.member(2).pubkey();
    let before = chain.snapshot(&[proposal]).await;

    // A member voting a second time through a colleague's record, and an outsider borrowing one.
    for signer in [community.member(1), &outsider] {
        let own_record = community.member_address(&signer.pubkey());
        let result = chain
            .vote_with(&community, &proposal, signer, true, |ix| {
                redirect(ix, &own_record, community.member_address(&impersonated))
            })
            .await;
        assert_error(result, AnchorError::ConstraintSeeds);
    }

    assert_eq!(chain.snapshot(&[proposal]).await, before);
}

#[tokio::test]
async fn proposal_of_another_community_cannot_be_voted_through_this_one() {
    let mut chain = Chain::start().await;
    let ours = chain.community_named("ampled", 3, default_rules()).await;
    let theirs = chain
        .community_named("riot-grrrl", 3, default_rules())
        .await;
    let proposal = propose_outsider_reward(&mut chain, &ours, 0).await;
    let before = chain
        .snapshot(&[proposal, ours.address, theirs.address])
        .await;

    // Their member, with their valid membership record, points at our proposal.
    let result = chain.vote(&theirs, &proposal, theirs.member(0), true).await;

    assert_error(result, AmpledError::WrongCommunity);
    assert_eq!(
        chain
            .snapshot(&[proposal, ours.address, theirs.address])
            .await,
        before
    );
}

#[tokio::test]
async fn vote_after_the_voting_period_is_refused() {
    let mut chain = Chain::start().await;
    let community = chain.community(3).await;
    let proposal = propose_outsider_reward(&mut chain, &community, 0).await;
    chain
        .advance(default_rules().voting_period_secs + DAY)
        .await;
    let before = chain.snapshot(&[proposal]).await;

    let result = chain
        .vote(&community, &proposal, community.member(1), true)
        .await;

    assert_error(result, AmpledError::ProposalExpired);
    assert_eq!(chain.snapshot(&[proposal]).await, before);
}

#[tokio::test]
async fn vote_one_second_before_voting_ends_counts_but_not_at_voting_end() {
    let mut chain = Chain::start().await;
    let community = chain.community(5).await;
    let proposal = propose_outsider_reward(&mut chain, &community, 0).await;
    let ends_at = chain.account::<Proposal>(&proposal).await.voting_ends_at;

    chain.set_time(ends_at - 1).await;
    let last_second = chain
        .vote(&community, &proposal, community.member(1), true)
        .await
        .unwrap();
    assert_eq!(last_second.one::<VoteCast>().timestamp, ends_at - 1);
    let before = chain.snapshot(&[proposal]).await;

    chain.set_time(ends_at).await;
    let at_end = chain
        .vote(&community, &proposal, community.member(2), true)
        .await;

    assert_error(at_end, AmpledError::ProposalExpired);
    assert_eq!(chain.snapshot(&[proposal]).await, before);
    let record: Proposal = chain.account(&proposal).await;
    assert_eq!(
        record.approvals,
        vec![0b0000_0010],
        "only the in-time vote counts"
    );
}

#[tokio::test]
async fn cast_vote_with_an_unexpected_extra_account_is_refused() {
    let mut chain = Chain::start().await;
    let community = chain.community(3).await;
    let proposal = propose_outsider_reward(&mut chain, &community, 0).await;
    let voter = community.member(1).insecure_clone();
    let stowaway = chain.wallet().await;
    let before = chain.snapshot(&[proposal, stowaway.pubkey()]).await;

    let result = chain
        .vote_with(&community, &proposal, &voter, true, |ix| {
            ix.accounts.push(AccountMeta::new(stowaway.pubkey(), false))
        })
        .await;

    assert_error(result, AmpledError::UnexpectedRemainingAccounts);
    assert_eq!(chain.snapshot(&[proposal, stowaway.pubkey()]).await, before);
}

// ---------------------------------------------------------------------------------------------
// Size and cost of a proposal
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn vote_creates_no_account_and_does_not_grow_the_proposal() {
    let mut chain = Chain::start().await;
    let community = chain.community(3).await;
    let proposal = propose_outsider_reward(&mut chain, &community, 0).await;
    let voter = community.member(1).insecure_clone();
    let vote = ix::cast_vote(&community.address, &proposal, &voter.pubkey(), true);
    let writable: Vec<Pubkey> = vote
        .accounts
        .iter()
        .filter(|meta| meta.is_writable)
        .map(|meta| meta.pubkey)
        .collect();
    assert_eq!(
        writable,
        vec![proposal],
        "a vote may write only the proposal"
    );
    let payer = chain.payer().pubkey();
    let payer_before = chain.lamports(&payer).await;
    let watched = [proposal, voter.pubkey(), community.address];
    let (proposal_len, proposal_lamports) = (
        chain.data_len(&proposal).await,
        chain.lamports(&proposal).await,
    );
    let before = chain.snapshot(&watched[1..]).await;

    chain.send(&[vote], &[&voter]).await.unwrap();

    assert_eq!(chain.data_len(&proposal).await, proposal_len);
    assert_eq!(chain.lamports(&proposal).await, proposal_lamports);
    assert_eq!(
        chain.snapshot(&watched[1..]).await,
        before,
        "the voter pays nothing and the community is not written"
    );
    let spent = payer_before - chain.lamports(&payer).await;
    let smallest_account = chain
        .ctx
        .banks_client
        .get_rent()
        .await
        .unwrap()
        .minimum_balance(0);
    assert!(
        spent < smallest_account,
        "only the fee was paid ({spent} lamports), no rent for any account"
    );
}

#[tokio::test]
async fn proposal_holds_two_bits_per_member_slot() {
    let mut chain = Chain::start().await;
    let recipient = chain.wallet().await.pubkey();
    let action = reward(recipient, TOKEN, "same action everywhere");

    let mut lens = Vec::new();
    let mut proposals = Vec::new();
    for (name, members) in [("one", 1), ("eight", 8), ("nine", 9)] {
        let community = chain.community_named(name, members, default_rules()).await;
        let proposer = community.member(0).insecure_clone();
        let proposal = chain
            .propose(&community, &proposer, action.clone())
            .await
            .unwrap();
        let len = chain.data_len(&proposal).await;
        assert_eq!(len, Proposal::space(&action, members as u32));
        let record: Proposal = chain.account(&proposal).await;
        assert_eq!(record.approvals.len(), members.div_ceil(8));
        assert_eq!(record.rejections.len(), members.div_ceil(8));
        lens.push(len);
        proposals.push((community, proposal));
    }

    assert_eq!(
        lens[0], lens[1],
        "1 to 8 members fit in one byte per bitmap"
    );
    assert_eq!(
        lens[2],
        lens[1] + 2,
        "the 9th member adds one byte to each of the two bitmaps"
    );

    // The ninth member's vote lands in the second byte.
    let (nine, proposal) = &proposals[2];
    chain
        .vote(nine, proposal, nine.member(8), true)
        .await
        .unwrap();
    let record: Proposal = chain.account(proposal).await;
    assert_eq!(record.approvals, vec![0, 1]);
    assert_eq!(chain.data_len(proposal).await, lens[2]);
}

// ---------------------------------------------------------------------------------------------
// execute
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn execute_before_the_threshold_is_refused() {
    let mut chain = Chain::start().await;
    let community = chain.community(3).await;
    let proposal = passed_outsider_reward(&mut chain, &community, &[1]).await;
    let watched = [community.address, proposal, community.mint];
    let before = chain.snapshot(&watched).await;

    let result = chain.execute(&community, &proposal).await;

    assert_error(result, AmpledError::ThresholdNotReached);
    assert_eq!(chain.snapshot(&watched).await, before);
    assert_eq!(chain.supply(&community).await, 0);
}

#[tokio::test]
async fn executing_twice_is_refused() {
    let mut chain = Chain::start().await;
    let community = chain.community(3).await;
    let action = outsider_reward(&mut chain).await;
    let ProposalAction::MintReward {
        recipient, amount, ..
    } = action.clone()
    else {
        unreachable!()
    };
    let proposal = chain.passed_proposal(&community, action, &[1, 2]).await;
    chain.execute(&community, &proposal).await.unwrap();
    let record: Proposal = chain.account(&proposal).await;
    assert_eq!(record.status, ProposalStatus::Executed);
    assert_eq!(record.decided_at, Some(chain.now()));
    let watched = [
        community.address,
        proposal,
        community.mint,
        community.ata(&recipient),
    ];
    let before = chain.snapshot(&watched).await;

    let result = chain.execute(&community, &proposal).await;

    assert_error(result, AmpledError::ProposalAlreadyExecuted);
    assert_eq!(chain.snapshot(&watched).await, before);
    assert_eq!(chain.supply(&community).await, amount, "minted once");
    assert_eq!(chain.wallet_balance(&community, &recipient).await, amount);
}

#[tokio::test]
async fn execute_after_the_voting_period_is_refused() {
    let mut chain = Chain::start().await;
    let community = chain.community(3).await;
    let proposal = passed_outsider_reward(&mut chain, &community, &[1, 2]).await;
    let ends_at = chain.account::<Proposal>(&proposal).await.voting_ends_at;
    chain.set_time(ends_at).await;
    let watched = [community.address, proposal, community.mint];
    let before = chain.snapshot(&watched).await;

    let result = chain.execute(&community, &proposal).await;

    assert_error(result, AmpledError::ProposalExpired);
    assert_eq!(chain.snapshot(&watched).await, before);
    assert_eq!(chain.supply(&community).await, 0);
}

#[tokio::test]
async fn execute_after_cancel_is_refused() {
    let mut chain = Chain::start().await;
    let community = chain.community(3).await;
    let proposal = passed_outsider_reward(&mut chain, &community, &[1]).await;
    chain
        .cancel_proposal(&community, &proposal, community.member(0))
        .await
        .unwrap();
    // Approvals arriving after the cancellation change nothing.
    let late = chain
        .vote(&community, &proposal, community.member(2), true)
        .await;
    assert_error(late, AmpledError::ProposalCancelled);
    let watched = [community.address, proposal, community.mint];
    let before = chain.snapshot(&watched).await;

    let result = chain.execute(&community, &proposal).await;

    assert_error(result, AmpledError::ProposalCancelled);
    assert_eq!(chain.snapshot(&watched).await, before);
    assert_eq!(chain.supply(&community).await, 0);
}

// ---------------------------------------------------------------------------------------------
// cancel_proposal
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn proposer_can_cancel_a_proposal_that_has_not_passed() {
    let mut chain = Chain::start().await;
    let community = chain.community(3).await;
    let proposer = community.member(0).insecure_clone();
    let proposal = passed_outsider_reward(&mut chain, &community, &[1]).await;

    let emitted = chain
        .cancel_proposal(&community, &proposal, &proposer)
        .await
        .unwrap();

    let record: Proposal = chain.account(&proposal).await;
    assert_eq!(record.status, ProposalStatus::Cancelled);
    assert_eq!(record.decided_at, Some(chain.now()));
    let event: ProposalCancelled = emitted.one();
    assert_eq!(event.community, community.address);
    assert_eq!(event.proposal, proposal);
    assert_eq!(event.proposer, proposer.pubkey());
    assert_eq!(event.timestamp, chain.now());
}

#[tokio::test]
async fn member_cannot_cancel_someone_elses_proposal() {
    let mut chain = Chain::start().await;
    let community = chain.community(3).await;
    let proposal = propose_outsider_reward(&mut chain, &community, 0).await;
    let before = chain.snapshot(&[proposal]).await;

    let result = chain
        .cancel_proposal(&community, &proposal, community.member(1))
        .await;

    assert_error(result, AmpledError::NotProposer);
    assert_eq!(chain.snapshot(&[proposal]).await, before);
}

#[tokio::test]
async fn proposer_cannot_cancel_a_proposal_that_already_passed() {
    let mut chain = Chain::start().await;
    let community = chain.community(3).await;
    let proposal = passed_outsider_reward(&mut chain, &community, &[1, 2]).await;
    let before = chain.snapshot(&[proposal]).await;

    let result = chain
        .cancel_proposal(&community, &proposal, community.member(0))
        .await;

    assert_error(result, AmpledError::ProposalAlreadyApproved);
    assert_eq!(chain.snapshot(&[proposal]).await, before);
    assert_eq!(
        chain.account::<Proposal>(&proposal).await.status,
        ProposalStatus::Approved
    );
}

// ---------------------------------------------------------------------------------------------
// close_proposal
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn executed_proposal_closes_and_returns_rent_to_proposer() {
    let mut chain = Chain::start().await;
    let community = chain.community(3).await;
    let proposal = passed_outsider_reward(&mut chain, &community, &[1, 2]).await;
    chain.execute(&community, &proposal).await.unwrap();

    assert_closes_and_refunds_proposer(&mut chain, &community, &proposal, ProposalStatus::Executed)
        .await;
}

#[tokio::test]
async fn cancelled_proposal_closes_and_returns_rent_to_proposer() {
    let mut chain = Chain::start().await;
    let community = chain.community(3).await;
    let proposal = propose_outsider_reward(&mut chain, &community, 1).await;
    chain
        .cancel_proposal(&community, &proposal, community.member(1))
        .await
        .unwrap();

    assert_closes_and_refunds_proposer(
        &mut chain,
        &community,
        &proposal,
        ProposalStatus::Cancelled,
    )
    .await;
}

#[tokio::test]
async fn defeated_proposal_closes_and_returns_rent_to_proposer() {
    let mut chain = Chain::start().await;
    let community = chain.community(3).await;
    let proposal = propose_outsider_reward(&mut chain, &community, 2).await;
    for voter in [0, 1] {
        chain
            .vote(&community, &proposal, community.member(voter), false)
            .await
            .unwrap();
    }

    assert_closes_and_refunds_proposer(&mut chain, &community, &proposal, ProposalStatus::Defeated)
        .await;
}

#[tokio::test]
async fn expired_proposal_closes_and_returns_rent_to_proposer() {
    let mut chain = Chain::start().await;
    let community = chain.community(3).await;
    // Even one that had passed but was never executed.
    let proposal = passed_outsider_reward(&mut chain, &community, &[1, 2]).await;
    let ends_at = chain.account::<Proposal>(&proposal).await.voting_ends_at;
    chain.set_time(ends_at).await;

    assert_closes_and_refunds_proposer(&mut chain, &community, &proposal, ProposalStatus::Approved)
        .await;
    assert_eq!(chain.supply(&community).await, 0);
}

#[tokio::test]
async fn open_proposal_cannot_be_closed() {
    let mut chain = Chain::start().await;
    let community = chain.community(3).await;
    let voting = propose_outsider_reward(&mut chain, &community, 0).await;
    let approved = passed_outsider_reward(&mut chain, &community, &[1, 2]).await;
    let proposer = community.member(0).pubkey();
    let ends_at = chain.account::<Proposal>(&voting).await.voting_ends_at;
    chain.set_time(ends_at - 1).await;
    let watched = [voting, approved, proposer];
    let before = chain.snapshot(&watched).await;

    for proposal in [voting, approved] {
        let result = chain.close_proposal(&community, &proposal).await;
        assert_error(result, AmpledError::ProposalStillOpen);
    }

    assert_eq!(chain.snapshot(&watched).await, before);
}

#[tokio::test]
async fn closing_cannot_send_the_rent_to_another_wallet() {
    let mut chain = Chain::start().await;
    let community = chain.community(3).await;
    let proposal = propose_outsider_reward(&mut chain, &community, 0).await;
    chain
        .cancel_proposal(&community, &proposal, community.member(0))
        .await
        .unwrap();
    let thief = community.member(1).pubkey();
    let watched = [proposal, thief, community.member(0).pubkey()];
    let before = chain.snapshot(&watched).await;

    let proposer = community.member(0).pubkey();
    let result = chain
        .close_proposal_with(&community, &proposal, |ix| redirect(ix, &proposer, thief))
        .await;

    assert_error(result, AmpledError::WalletMismatch);
    assert_eq!(chain.snapshot(&watched).await, before);
}

// ---------------------------------------------------------------------------------------------
// Rules changes
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn rules_change_makes_other_open_proposals_stale() {
    let mut chain = Chain::start().await;
    let community = chain.community(3).await;
    // Member 1's reward proposal has passed (0 and 2 approved) but is not executed yet.
    let pending = propose_outsider_reward(&mut chain, &community, 1).await;
    chain
        .approve_by(
            &community,
            &pending,
            &[community.member(0), community.member(2)],
        )
        .await;
    let new_rules = rules_with(6_000, 2);
    let update = chain
        .passed_proposal(
            &community,
            ProposalAction::UpdateRules { rules: new_rules },
            &[1, 2],
        )
        .await;
    let updated = chain.execute(&community, &update).await.unwrap();
    let event: RulesUpdated = updated.one();
    assert_eq!(event.rules_version, 1);
    assert_eq!(event.new_rules, new_rules);
    let record: Community = chain.account(&community.address).await;
    assert_eq!(record.rules, new_rules);
    assert_eq!(record.rules_version, 1);
    assert_eq!(chain.account::<Proposal>(&pending).await.rules_version, 0);
    let watched = [community.address, pending, community.mint];
    let before = chain.snapshot(&watched).await;

    let vote = chain
        .vote(&community, &pending, community.member(1), false)
        .await;
    let execute = chain.execute(&community, &pending).await;
    let cancelled = chain
        .cancel_proposal(&community, &pending, community.member(1))
        .await;

    assert_error(vote, AmpledError::ProposalStale);
    assert_error(execute, AmpledError::ProposalStale);
    assert_error(cancelled, AmpledError::ProposalStale);
    assert_eq!(chain.snapshot(&watched).await, before);
    assert_eq!(chain.supply(&community).await, 0);
    // Stale counts as finished: its proposer can get the rent back at once.
    assert_closes_and_refunds_proposer(&mut chain, &community, &pending, ProposalStatus::Approved)
        .await;
}

#[tokio::test]
async fn prefunding_a_members_next_proposal_address_does_not_block_it() {
    let mut chain = Chain::start().await;
    let community = chain.community(2).await;
    let alice = community.member(0).insecure_clone();
    let next = ix::proposal_address(&community.address, &alice.pubkey(), 0);
    // A griefer sends lamports to the address Alice's next proposal will use.
    chain.airdrop(&next, 1_000_000).await;

    let proposal = chain
        .propose(
            &community,
            &alice,
            reward(community.member(1).pubkey(), TOKEN, "work"),
        )
        .await
        .unwrap();

    assert_eq!(proposal, next);
    let stored: Proposal = chain.account(&proposal).await;
    assert_eq!(stored.status, ProposalStatus::Voting);
    let rent = chain
        .ctx
        .banks_client
        .get_rent()
        .await
        .unwrap()
        .minimum_balance(chain.data_len(&proposal).await);
    assert_eq!(
        chain.lamports(&proposal).await,
        rent,
        "topped up to exactly rent-exempt"
    );
}

// ---------------------------------------------------------------------------------------------
// Proposals that can no longer pass
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn a_reward_only_its_beneficiary_could_carry_over_the_minimum_is_refused_when_proposed() {
    let mut chain = Chain::start().await;
    let community = chain.community_named("duo", 2, rules_with(5_000, 2)).await;
    let proposer = community.member(0).insecure_clone();
    let beneficiary = community.member(1).pubkey();
    let proposer_member = community.member_address(&proposer.pubkey());
    let watched = [community.address, proposer_member];
    let before = chain.snapshot(&watched).await;

    // Two approvals are needed and Bob may not approve his own reward: only Alice is left.
    let result = chain
        .propose(&community, &proposer, reward(beneficiary, TOKEN, "work"))
        .await;

    assert_error(result, AmpledError::ProposalCannotPass);
    assert_eq!(chain.snapshot(&watched).await, before);
    assert_eq!(
        member_record(&mut chain, &community, &proposer.pubkey())
            .await
            .proposals_created,
        0
    );
    let unused = ix::proposal_address(&community.address, &proposer.pubkey(), 0);
    assert!(!chain.exists(&unused).await);
}

#[tokio::test]
async fn a_rejection_that_leaves_only_the_beneficiary_to_approve_defeats_the_proposal_at_once() {
    let mut chain = Chain::start().await;
    let community = chain.community_named("trio", 3, rules_with(5_000, 2)).await;
    let beneficiary = community.member(2).pubkey();
    let proposal = chain
        .propose(
            &community,
            community.member(0),
            reward(beneficiary, TOKEN, "work"),
        )
        .await
        .unwrap();

    // Only Alice could still approve, and two approvals are needed.
    let emitted = chain
        .vote(&community, &proposal, community.member(1), false)
        .await
        .unwrap();

    let stored: Proposal = chain.account(&proposal).await;
    assert_eq!(stored.status, ProposalStatus::Defeated);
    assert_eq!(stored.decided_at, Some(chain.now()));
    assert_eq!(emitted.one::<VoteCast>().status, ProposalStatus::Defeated);
    assert_error(
        chain
            .vote(&community, &proposal, community.member(0), true)
            .await,
        AmpledError::ProposalDefeated,
    );
    assert_closes_and_refunds_proposer(&mut chain, &community, &proposal, ProposalStatus::Defeated)
        .await;
}

#[tokio::test]
async fn a_removal_that_leaves_a_proposal_unable_to_pass_lets_anyone_close_it() {
    let mut chain = Chain::start().await;
    let community = chain.community_named("trio", 3, rules_with(5_000, 2)).await;
    let beneficiary = community.member(2).pubkey();
    let pending = chain
        .propose(
            &community,
            community.member(0),
            reward(beneficiary, TOKEN, "work"),
        )
        .await
        .unwrap();
    assert_error(
        chain.close_proposal(&community, &pending).await,
        AmpledError::ProposalStillOpen,
    );

    // Bob leaves: Alice is the only one left who may approve, and two approvals are needed.
    let removal = chain
        .passed_proposal(
            &community,
            ProposalAction::RemoveMember {
                wallet: community.member(1).pubkey(),
            },
            &[0, 2],
        )
        .await;
    chain.execute(&community, &removal).await.unwrap();

    assert_eq!(
        chain.account::<Proposal>(&pending).await.status,
        ProposalStatus::Voting,
        "nobody voted since, so its status was not updated"
    );
    assert_closes_and_refunds_proposer(&mut chain, &community, &pending, ProposalStatus::Voting)
        .await;
}

// ---------------------------------------------------------------------------------------------
// Closing cannot be forced by naming some other record
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn an_open_proposal_whose_target_is_unchanged_cannot_be_closed() {
    let mut chain = Chain::start().await;
    let community = chain.community(3).await;
    let newcomer = Keypair::new().pubkey();
    let admission = chain
        .propose(
            &community,
            community.member(0),
            ProposalAction::AddMember {
                wallet: newcomer,
                role: MemberRole::Artist,
            },
        )
        .await
        .unwrap();
    let role_change = chain
        .passed_proposal(
            &community,
            ProposalAction::ChangeRole {
                wallet: community.member(2).pubkey(),
                role: MemberRole::Artist,
            },
            &[0, 1],
        )
        .await;
    let proposer = community.member(0).pubkey();
    let watched = [admission, role_change, proposer];
    let before = chain.snapshot(&watched).await;

    for proposal in [admission, role_change] {
        let result = chain.close_proposal(&community, &proposal).await;
        assert_error(result, AmpledError::ProposalStillOpen);
    }

    assert_eq!(chain.snapshot(&watched).await, before);
}

#[tokio::test]
async fn naming_another_record_as_the_target_does_not_close_an_open_proposal() {
    let mut chain = Chain::start().await;
    let community = chain.community(3).await;
    let role_change = chain
        .propose(
            &community,
            community.member(0),
            ProposalAction::ChangeRole {
                wallet: community.member(2).pubkey(),
                role: MemberRole::Artist,
            },
        )
        .await
        .unwrap();
    let outsider_reward = propose_outsider_reward(&mut chain, &community, 0).await;
    // Bob was re-roled, so his record's revision differs from the ones these proposals recorded:
    // passing it must not pass for "the target changed".
    chain
        .passed_proposal(
            &community,
            ProposalAction::ChangeRole {
                wallet: community.member(1).pubkey(),
                role: MemberRole::Artist,
            },
            &[0, 2],
        )
        .await;
    let re_roled = community.member_address(&community.member(1).pubkey());
    let proposer = community.member(0).pubkey();
    let watched = [role_change, outsider_reward, proposer];
    let before = chain.snapshot(&watched).await;

    for proposal in [role_change, outsider_reward] {
        let close = ix::close_proposal(&community.address, &proposal, &proposer, Some(re_roled));
        let result = chain.send(&[close], &[]).await;
        assert_error(result, AmpledError::ProposalStillOpen);
    }

    assert_eq!(chain.snapshot(&watched).await, before);
}

#[tokio::test]
async fn a_lone_member_cannot_propose_their_own_reward() {
    let mut chain = Chain::start().await;
    let community = chain.community(1).await;
    let alice = community.member(0).insecure_clone();
    let watched = [community.address, community.member_address(&alice.pubkey())];
    let before = chain.snapshot(&watched).await;

    let result = chain
        .propose(&community, &alice, reward(alice.pubkey(), TOKEN, "my work"))
        .await;

    assert_error(result, AmpledError::ProposalCannotPass);
    assert_eq!(chain.snapshot(&watched).await, before);
}

#[tokio::test]
async fn naming_a_target_or_beneficiary_record_an_action_has_no_use_for_is_refused() {
    let mut chain = Chain::start().await;
    let community = chain.community(3).await;
    let proposer = community.member(0).insecure_clone();
    let carol = community.member(2).pubkey();
    let carols_record = community.member_address(&carol);
    let watched = [
        community.address,
        community.member_address(&proposer.pubkey()),
    ];
    let before = chain.snapshot(&watched).await;

    // A reward is about no record; a removal benefits nobody; a reward to Carol must name her
    // record so that her slot cannot count as an approver.
    let reward_with_target = chain
        .propose_with(
            &community,
            &proposer,
            reward(carol, TOKEN, "work"),
            |accounts| accounts.target = Some(carols_record),
        )
        .await;
    let removal_with_beneficiary = chain
        .propose_with(
            &community,
            &proposer,
            ProposalAction::RemoveMember { wallet: carol },
            |accounts| accounts.beneficiary_member = Some(carols_record),
        )
        .await;
    let reward_hiding_its_beneficiary = chain
        .propose_with(
            &community,
            &proposer,
            reward(carol, TOKEN, "work"),
            |accounts| accounts.beneficiary_member = None,
        )
        .await;

    assert_error(reward_with_target, AmpledError::WrongProposalTarget);
    assert_error(removal_with_beneficiary, AmpledError::WrongProposalTarget);
    assert_error(
        reward_hiding_its_beneficiary,
        AmpledError::WrongProposalTarget,
    );
    assert_eq!(chain.snapshot(&watched).await, before);
}
