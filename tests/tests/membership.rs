//! Membership (joining and leaving only by approved proposal), roles and rule changes.
#![allow(deprecated)]

use ampled::events::{MemberAdded, MemberRemoved, MemberRoleChanged, RulesUpdated, VoteCast};
use ampled::state::*;
use ampled_tests::*;
use anchor_lang::prelude::Pubkey;
use solana_keypair::Keypair;
use solana_signer::Signer;

// ---------------------------------------------------------------------------------------------
// Local helpers
// ---------------------------------------------------------------------------------------------

/// Default rules with another approval threshold and minimum.
fn rules(approval_threshold_bps: u16, min_approvals: u32) -> CommunityRules {
    CommunityRules {
        approval_threshold_bps,
        min_approvals,
        ..default_rules()
    }
}

fn add(wallet: &Pubkey, role: MemberRole) -> ProposalAction {
    ProposalAction::AddMember {
        wallet: *wallet,
        role,
    }
}

fn remove(wallet: &Pubkey) -> ProposalAction {
    ProposalAction::RemoveMember { wallet: *wallet }
}

fn change_role(wallet: &Pubkey, role: MemberRole) -> ProposalAction {
    ProposalAction::ChangeRole {
        wallet: *wallet,
        role,
    }
}

fn update_rules(rules: CommunityRules) -> ProposalAction {
    ProposalAction::UpdateRules { rules }
}

async fn member(chain: &mut Chain, community: &CommunityFixture, wallet: &Pubkey) -> Member {
    chain.account(&community.member_address(wallet)).await
}

async fn community_state(chain: &mut Chain, community: &CommunityFixture) -> Community {
    chain.account(&community.address).await
}

async fn proposal_state(chain: &mut Chain, proposal: &Pubkey) -> Proposal {
    chain.account(proposal).await
}

/// Passes and executes `action` (proposed by member 0, approved by `approvers`).
async fn enact(
    chain: &mut Chain,
    community: &CommunityFixture,
    action: ProposalAction,
    approvers: &[usize],
) {
    let proposal = chain.passed_proposal(community, action, approvers).await;
    chain.execute(community, &proposal).await.expect("execute");
}

/// Proposes `rules` as member 0 of a 3-member community and asserts it is refused with
/// `expected`, creating no proposal and touching neither the proposer nor the community.
async fn assert_rules_refused_at_proposal(rules: CommunityRules, expected: AmpledError) {
    let mut chain = Chain::start().await;
    let community = chain.community(3).await;
    let proposer = community.member(0).insecure_clone();
    let proposer_member = community.member_address(&proposer.pubkey());
    let proposal = ix::proposal_address(&community.address, &proposer.pubkey(), 0);
    let before = chain.snapshot(&[community.address, proposer_member]).await;

    let result = chain
        .propose(&community, &proposer, update_rules(rules))
        .await;

    assert_error(result, expected);
    assert!(!chain.exists(&proposal).await, "no proposal was created");
    let after = chain.snapshot(&[community.address, proposer_member]).await;
    assert_eq!(before, after, "community and proposer unchanged");
}

// ---------------------------------------------------------------------------------------------
// Joining
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn add_member_proposal_admits_the_wallet_in_the_next_slot_and_emits_member_added() {
    let mut chain = Chain::start().await;
    let community = chain.community(3).await;
    let newcomer = chain.wallet().await;
    let before = community_state(&mut chain, &community).await;
    let proposal = chain
        .passed_proposal(
            &community,
            add(&newcomer.pubkey(), MemberRole::Artist),
            &[0, 1],
        )
        .await;

    let emitted = chain.execute(&community, &proposal).await.unwrap();

    let joined = member(&mut chain, &community, &newcomer.pubkey()).await;
    assert_eq!(joined.community, community.address);
    assert_eq!(joined.wallet, newcomer.pubkey());
    assert_eq!(joined.role, MemberRole::Artist);
    assert_eq!(joined.status, MemberStatus::Active);
    assert_eq!(joined.index, before.member_slots, "gets the next slot");
    assert_eq!(joined.joined_at, chain.now());
    assert_eq!(joined.admitted_by, Some(proposal));
    assert_eq!(joined.removed_at, None);
    assert_eq!(joined.total_earned, 0);
    assert_eq!(joined.rewards_received, 0);
    assert_eq!(joined.proposals_created, 0);
    assert_eq!(
        joined.bump,
        Pubkey::find_program_address(
            &[
                MEMBER_SEED,
                community.address.as_ref(),
                newcomer.pubkey().as_ref()
            ],
            &ampled::ID
        )
        .1
    );

    let after = community_state(&mut chain, &community).await;
    assert_eq!(after.member_slots, before.member_slots + 1);
    assert_eq!(after.active_member_count, before.active_member_count + 1);
    assert!(after.is_active(joined.index));

    let executed = proposal_state(&mut chain, &proposal).await;
    assert_eq!(executed.status, ProposalStatus::Executed);
    assert_eq!(executed.decided_at, Some(chain.now()));

    let event: MemberAdded = emitted.one();
    assert_eq!(event.community, community.address);
    assert_eq!(event.proposal, proposal);
    assert_eq!(event.wallet, newcomer.pubkey());
    assert_eq!(event.role, MemberRole::Artist);
    assert_eq!(event.index, before.member_slots);
    assert_eq!(event.active_member_count, before.active_member_count + 1);
    assert_eq!(event.timestamp, chain.now());
}

#[tokio::test]
async fn community_account_grows_by_one_byte_for_every_eight_membership_slots() {
    let mut chain = Chain::start().await;
    // 0.01% threshold: the lone founder's approval always suffices, however many join.
    let community = chain.community_named("growing", 1, rules(1, 1)).await;
    let rent = chain.ctx.banks_client.get_rent().await.unwrap();
    assert_eq!(
        chain.data_len(&community.address).await,
        Community::space(1)
    );

    for _ in 0..16 {
        let slots_before = community_state(&mut chain, &community).await.member_slots;
        let len_before = chain.data_len(&community.address).await;

        chain.admit_member(&community, MemberRole::Worker).await;

        let state = community_state(&mut chain, &community).await;
        let len_after = chain.data_len(&community.address).await;
        let new_index = slots_before;
        let expected_growth = usize::from(new_index % 8 == 0);
        assert_eq!(state.member_slots, slots_before + 1);
        assert_eq!(
            len_after - len_before,
            expected_growth,
            "admitting slot {new_index}"
        );
        assert_eq!(len_after, Community::space(state.member_slots));
        assert_eq!(
            state.active_members.len(),
            state.member_slots.div_ceil(8) as usize
        );
        assert_eq!(
            chain.lamports(&community.address).await,
            rent.minimum_balance(len_after),
            "the executor paid exactly the rent of the extra byte"
        );
    }
    assert_eq!(
        chain.data_len(&community.address).await,
        Community::space(1) + 2,
        "17 slots take 3 bytes of bitmap where 1 slot took 1"
    );
}

/// Squatting attack: anyone can send lamports to the member address of a wallet the members are
/// about to admit. Admission must still go through.
#[tokio::test]
async fn add_member_still_works_when_the_newcomers_member_address_was_prefunded() {
    let mut chain = Chain::start().await;
    let community = chain.community(3).await;
    let newcomer = chain.wallet().await;
    let member_address = community.member_address(&newcomer.pubkey());
    chain.airdrop(&member_address, SOL).await;
    let proposal = chain
        .passed_proposal(
            &community,
            add(&newcomer.pubkey(), MemberRole::Worker),
            &[0, 1],
        )
        .await;

    let emitted = chain.execute(&community, &proposal).await.unwrap();

    let joined = member(&mut chain, &community, &newcomer.pubkey()).await;
    assert_eq!(joined.wallet, newcomer.pubkey());
    assert_eq!(joined.status, MemberStatus::Active);
    assert_eq!(joined.index, 3);
    assert_eq!(emitted.one::<MemberAdded>().wallet, newcomer.pubkey());
    assert_eq!(
        community_state(&mut chain, &community)
            .await
            .active_member_count,
        4
    );
}

#[tokio::test]
async fn wallet_being_admitted_cannot_approve_its_own_admission() {
    let mut chain = Chain::start().await;
    let community = chain.community(3).await;
    let newcomer = chain.wallet().await;
    let proposer = community.member(0).insecure_clone();
    let proposal = chain
        .propose(
            &community,
            &proposer,
            add(&newcomer.pubkey(), MemberRole::Worker),
        )
        .await
        .unwrap();
    let watched = [proposal, community.address];
    let before = chain.snapshot(&watched).await;

    let result = chain.vote(&community, &proposal, &newcomer, true).await;

    assert_error(result, AnchorError::AccountNotInitialized);
    assert_eq!(chain.snapshot(&watched).await, before);
    assert!(
        !chain
            .exists(&community.member_address(&newcomer.pubkey()))
            .await
    );
}

#[tokio::test]
async fn member_cannot_approve_a_role_change_for_themselves() {
    let mut chain = Chain::start().await;
    let community = chain.community(3).await;
    let promoted = community.member(1).insecure_clone();
    let proposer = community.member(0).insecure_clone();
    let proposal = chain
        .propose(
            &community,
            &proposer,
            change_role(&promoted.pubkey(), MemberRole::Artist),
        )
        .await
        .unwrap();
    let before = chain.snapshot(&[proposal]).await;

    let result = chain.vote(&community, &proposal, &promoted, true).await;

    assert_error(result, AmpledError::CannotApproveOwnBenefit);
    assert_eq!(chain.snapshot(&[proposal]).await, before);
}

#[tokio::test]
async fn member_admitted_after_a_proposal_cannot_vote_on_it() {
    let mut chain = Chain::start().await;
    let community = chain.community(2).await;
    let proposer = community.member(0).insecure_clone();
    let earlier = chain
        .propose(
            &community,
            &proposer,
            change_role(&community.member(1).pubkey(), MemberRole::Artist),
        )
        .await
        .unwrap();
    let latecomer = chain.admit_member(&community, MemberRole::Worker).await;
    let before = chain.snapshot(&[earlier]).await;

    let result = chain.vote(&community, &earlier, &latecomer, true).await;

    assert_error(result, AmpledError::VoterJoinedAfterProposal);
    assert_eq!(chain.snapshot(&[earlier]).await, before);
}

#[tokio::test]
async fn member_admitted_after_a_proposal_is_left_out_of_its_threshold_but_votes_on_later_ones() {
    let mut chain = Chain::start().await;
    let community = chain.community(2).await;
    let first = community.member(0).insecure_clone();
    let second = community.member(1).insecure_clone();
    let earlier = chain
        .propose(
            &community,
            &first,
            change_role(&second.pubkey(), MemberRole::Artist),
        )
        .await
        .unwrap();
    let latecomer = chain.admit_member(&community, MemberRole::Worker).await;
    assert_eq!(
        community_state(&mut chain, &community)
            .await
            .active_member_count,
        3
    );

    // The earlier proposal counts only the two members who existed: 50% of 2 is one approval.
    let vote = chain
        .vote(&community, &earlier, &first, true)
        .await
        .unwrap();
    let cast: VoteCast = vote.one();
    assert_eq!((cast.approvals, cast.required), (1, 1));
    assert_eq!(cast.status, ProposalStatus::Approved);
    let executed = chain.execute(&community, &earlier).await.unwrap();
    assert_eq!(
        executed.one::<MemberRoleChanged>().new_role,
        MemberRole::Artist
    );

    // A later proposal counts all three: 50% of 3 is two approvals, and the latecomer votes.
    let later = chain
        .propose(
            &community,
            &second,
            change_role(&first.pubkey(), MemberRole::Artist),
        )
        .await
        .unwrap();
    let by_latecomer: VoteCast = chain
        .vote(&community, &later, &latecomer, true)
        .await
        .unwrap()
        .one();
    assert_eq!((by_latecomer.approvals, by_latecomer.required), (1, 2));
    assert_eq!(by_latecomer.status, ProposalStatus::Voting);
    let by_second: VoteCast = chain
        .vote(&community, &later, &second, true)
        .await
        .unwrap()
        .one();
    assert_eq!((by_second.approvals, by_second.required), (2, 2));
    assert_eq!(by_second.status, ProposalStatus::Approved);
}

#[tokio::test]
async fn proposing_to_admit_an_active_member_is_refused_with_already_member() {
    let mut chain = Chain::start().await;
    let community = chain.community(3).await;
    let existing = community.member(1).pubkey();
    let proposer = community.member(0).insecure_clone();
    let watched = [
        community.member_address(&proposer.pubkey()),
        community.member_address(&existing),
    ];
    let before = chain.snapshot(&watched).await;

    let result = chain
        .propose(&community, &proposer, add(&existing, MemberRole::Artist))
        .await;

    assert_error(result, AmpledError::AlreadyMember);
    assert_eq!(chain.snapshot(&watched).await, before);
}

#[tokio::test]
async fn executing_add_member_for_a_different_wallet_than_proposed_is_refused() {
    let mut chain = Chain::start().await;
    let community = chain.community(3).await;
    let newcomer = chain.wallet().await;
    let impostor = chain.wallet().await;
    let proposal = chain
        .passed_proposal(
            &community,
            add(&newcomer.pubkey(), MemberRole::Worker),
            &[0, 1],
        )
        .await;
    let impostor_member = community.member_address(&impostor.pubkey());
    let newcomer_member = community.member_address(&newcomer.pubkey());
    let watched = [community.address, proposal];
    let before = chain.snapshot(&watched).await;

    let result = chain
        .execute_with(&community, &proposal, |ix| {
            redirect(ix, &newcomer.pubkey(), impostor.pubkey());
            redirect(ix, &newcomer_member, impostor_member);
        })
        .await;

    assert_error(result, AmpledError::WalletMismatch);
    assert_eq!(chain.snapshot(&watched).await, before);
    assert!(!chain.exists(&impostor_member).await);
    assert!(!chain.exists(&newcomer_member).await);
}

#[tokio::test]
async fn executing_add_member_with_another_wallets_member_account_is_refused() {
    let mut chain = Chain::start().await;
    let community = chain.community(3).await;
    let newcomer = chain.wallet().await;
    let impostor = chain.wallet().await;
    let proposal = chain
        .passed_proposal(
            &community,
            add(&newcomer.pubkey(), MemberRole::Worker),
            &[0, 1],
        )
        .await;
    let impostor_member = community.member_address(&impostor.pubkey());
    let watched = [community.address, proposal];
    let before = chain.snapshot(&watched).await;

    let newcomer_member = community.member_address(&newcomer.pubkey());
    let result = chain
        .execute_with(&community, &proposal, |ix| {
            redirect(ix, &newcomer_member, impostor_member)
        })
        .await;

    assert_error(result, AnchorError::ConstraintSeeds);
    assert_eq!(chain.snapshot(&watched).await, before);
    assert!(!chain.exists(&impostor_member).await);
}

// ---------------------------------------------------------------------------------------------
// Leaving
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn remove_member_proposal_marks_the_member_removed_and_emits_member_removed() {
    let mut chain = Chain::start().await;
    let community = chain.community(3).await;
    let leaving = community.member(2).pubkey();
    let before = member(&mut chain, &community, &leaving).await;
    let proposal = chain
        .passed_proposal(&community, remove(&leaving), &[0, 1])
        .await;

    let emitted = chain.execute(&community, &proposal).await.unwrap();

    let removed = member(&mut chain, &community, &leaving).await;
    assert_eq!(removed.status, MemberStatus::Removed);
    assert_eq!(removed.removed_at, Some(chain.now()));
    assert_eq!(removed.index, before.index, "the record is kept as it was");
    assert_eq!(removed.role, before.role);
    assert_eq!(removed.joined_at, before.joined_at);

    let state = community_state(&mut chain, &community).await;
    assert_eq!(state.active_member_count, 2);
    assert_eq!(state.member_slots, 3, "slots are never handed back");
    assert!(!state.is_active(before.index));

    let event: MemberRemoved = emitted.one();
    assert_eq!(event.community, community.address);
    assert_eq!(event.proposal, proposal);
    assert_eq!(event.wallet, leaving);
    assert_eq!(event.active_member_count, 2);
    assert_eq!(event.timestamp, chain.now());
}

#[tokio::test]
async fn removed_members_approval_stops_counting_on_open_proposals() {
    let mut chain = Chain::start().await;
    // 60%: two approvals out of three eligible, and still two out of two.
    let community = chain.community_named("ampled", 3, rules(6_000, 1)).await;
    let third = community.member(2).insecure_clone();
    let new_rules = CommunityRules {
        voting_period_secs: 3 * DAY,
        ..rules(6_000, 1)
    };
    let open = chain
        .passed_proposal(&community, update_rules(new_rules), &[0, 1])
        .await;
    assert_eq!(
        proposal_state(&mut chain, &open).await.status,
        ProposalStatus::Approved
    );
    enact(
        &mut chain,
        &community,
        remove(&community.member(1).pubkey()),
        &[0, 2],
    )
    .await;
    let watched = [open, community.address];
    let before = chain.snapshot(&watched).await;

    let result = chain.execute(&community, &open).await;

    assert_error(result, AmpledError::ThresholdNotReached);
    assert_eq!(chain.snapshot(&watched).await, before);

    // Another active member's approval brings it back to two of the two still eligible.
    let cast: VoteCast = chain
        .vote(&community, &open, &third, true)
        .await
        .unwrap()
        .one();
    assert_eq!((cast.approvals, cast.required), (2, 2));
    assert_eq!(cast.status, ProposalStatus::Approved);
    let executed = chain.execute(&community, &open).await.unwrap();
    assert_eq!(executed.one::<RulesUpdated>().new_rules, new_rules);
}

#[tokio::test]
async fn removed_member_voting_is_refused_with_not_active_member() {
    let mut chain = Chain::start().await;
    let community = chain.community(3).await;
    let removed = community.member(2).insecure_clone();
    let proposer = community.member(0).insecure_clone();
    let open = chain
        .propose(
            &community,
            &proposer,
            change_role(&proposer.pubkey(), MemberRole::Artist),
        )
        .await
        .unwrap();
    enact(&mut chain, &community, remove(&removed.pubkey()), &[0, 1]).await;
    let before = chain.snapshot(&[open]).await;

    let result = chain.vote(&community, &open, &removed, true).await;

    assert_error(result, AmpledError::NotActiveMember);
    assert_eq!(chain.snapshot(&[open]).await, before);
}

#[tokio::test]
async fn removed_member_proposing_is_refused_with_not_active_member() {
    let mut chain = Chain::start().await;
    let community = chain.community(3).await;
    let removed = community.member(2).insecure_clone();
    enact(&mut chain, &community, remove(&removed.pubkey()), &[0, 1]).await;
    let removed_member = community.member_address(&removed.pubkey());
    let proposal = ix::proposal_address(&community.address, &removed.pubkey(), 0);
    let before = chain.snapshot(&[removed_member, community.address]).await;

    let result = chain
        .propose(
            &community,
            &removed,
            change_role(&removed.pubkey(), MemberRole::Artist),
        )
        .await;

    assert_error(result, AmpledError::NotActiveMember);
    assert!(!chain.exists(&proposal).await);
    assert_eq!(
        chain.snapshot(&[removed_member, community.address]).await,
        before
    );
}

#[tokio::test]
async fn removing_below_min_approvals_is_refused_with_too_few_members_left() {
    let mut chain = Chain::start().await;
    let community = chain.community_named("ampled", 2, rules(5_000, 2)).await;
    let leaving = community.member(1).pubkey();
    let proposal = chain
        .passed_proposal(&community, remove(&leaving), &[0, 1])
        .await;
    let watched = [
        community.address,
        community.member_address(&leaving),
        proposal,
    ];
    let before = chain.snapshot(&watched).await;

    let result = chain.execute(&community, &proposal).await;

    assert_error(result, AmpledError::TooFewMembersLeft);
    assert_eq!(chain.snapshot(&watched).await, before);
    assert_eq!(
        member(&mut chain, &community, &leaving).await.status,
        MemberStatus::Active
    );
}

#[tokio::test]
async fn a_second_removal_cannot_execute_once_the_first_removed_the_member_and_closes_at_once() {
    let mut chain = Chain::start().await;
    let community = chain.community(3).await;
    let leaving = community.member(2).pubkey();
    let first = chain
        .passed_proposal(&community, remove(&leaving), &[0, 1])
        .await;
    let second = chain
        .passed_proposal(&community, remove(&leaving), &[0, 1])
        .await;
    chain.execute(&community, &first).await.unwrap();
    let watched = [
        community.address,
        community.member_address(&leaving),
        second,
    ];
    let before = chain.snapshot(&watched).await;

    let result = chain.execute(&community, &second).await;

    assert_error(result, AmpledError::ProposalTargetChanged);
    assert_eq!(chain.snapshot(&watched).await, before);
    chain
        .close_proposal(&community, &second)
        .await
        .expect("a stale proposal closes at once");
    assert!(!chain.exists(&second).await);
}

#[tokio::test]
async fn proposing_a_role_for_a_removed_member_is_refused_with_not_active_member() {
    let mut chain = Chain::start().await;
    let community = chain.community(3).await;
    let removed = community.member(2).pubkey();
    enact(&mut chain, &community, remove(&removed), &[0, 1]).await;
    let proposer = community.member(0).insecure_clone();
    let watched = [
        community.member_address(&proposer.pubkey()),
        community.member_address(&removed),
    ];
    let before = chain.snapshot(&watched).await;

    let result = chain
        .propose(
            &community,
            &proposer,
            change_role(&removed, MemberRole::Artist),
        )
        .await;

    assert_error(result, AmpledError::NotActiveMember);
    assert_eq!(chain.snapshot(&watched).await, before);
}

#[tokio::test]
async fn readmitted_member_gets_a_fresh_slot_and_keeps_its_time_bank() {
    let mut chain = Chain::start().await;
    let community = chain.community(3).await;
    let first = community.member(0).insecure_clone();
    let returning = community.member(1).insecure_clone();
    chain
        .reward_member(&community, &returning.pubkey(), 40 * TOKEN)
        .await;
    chain
        .propose(
            &community,
            &returning,
            change_role(&community.member(2).pubkey(), MemberRole::Artist),
        )
        .await
        .unwrap();
    let before = member(&mut chain, &community, &returning.pubkey()).await;
    assert_eq!(before.total_earned, 40 * TOKEN);
    assert_eq!(before.proposals_created, 1);
    enact(&mut chain, &community, remove(&returning.pubkey()), &[0, 2]).await;
    let made_while_out = chain
        .propose(
            &community,
            &first,
            change_role(&first.pubkey(), MemberRole::Artist),
        )
        .await
        .unwrap();
    let readmission = chain
        .passed_proposal(
            &community,
            add(&returning.pubkey(), MemberRole::Artist),
            &[0, 2],
        )
        .await;

    let emitted = chain.execute(&community, &readmission).await.unwrap();

    let back = member(&mut chain, &community, &returning.pubkey()).await;
    assert_eq!(back.status, MemberStatus::Active);
    assert_eq!(back.removed_at, None);
    assert_eq!(back.index, 3, "a fresh slot, not the old one");
    assert_ne!(back.index, before.index);
    assert_eq!(back.role, MemberRole::Artist);
    assert_eq!(back.admitted_by, Some(readmission));
    assert_eq!(back.joined_at, chain.now());
    assert_eq!(back.total_earned, 40 * TOKEN, "time bank kept");
    assert_eq!(back.rewards_received, before.rewards_received);
    assert_eq!(back.proposals_created, 1, "proposal nonce kept");
    assert_eq!(
        chain.wallet_balance(&community, &returning.pubkey()).await,
        40 * TOKEN
    );

    let state = community_state(&mut chain, &community).await;
    assert_eq!(state.member_slots, 4);
    assert_eq!(state.active_member_count, 3);
    assert!(!state.is_active(before.index), "old slot stays free");
    assert!(state.is_active(3));

    let event: MemberAdded = emitted.one();
    assert_eq!((event.wallet, event.index), (returning.pubkey(), 3));

    // Its fresh slot keeps it out of what was decided while it was away.
    let vote = chain
        .vote(&community, &made_while_out, &returning, true)
        .await;
    assert_error(vote, AmpledError::VoterJoinedAfterProposal);
}

// ---------------------------------------------------------------------------------------------
// Roles
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn change_role_proposal_changes_the_role_and_emits_member_role_changed() {
    let mut chain = Chain::start().await;
    let community = chain.community(3).await;
    let promoted = community.member(2).pubkey();
    let before = member(&mut chain, &community, &promoted).await;
    let proposal = chain
        .passed_proposal(
            &community,
            change_role(&promoted, MemberRole::Artist),
            &[0, 1],
        )
        .await;

    let emitted = chain.execute(&community, &proposal).await.unwrap();

    let after = member(&mut chain, &community, &promoted).await;
    assert_eq!(after.role, MemberRole::Artist);
    assert_eq!(after.status, MemberStatus::Active);
    assert_eq!(after.index, before.index);
    assert_eq!(after.joined_at, before.joined_at);
    let event: MemberRoleChanged = emitted.one();
    assert_eq!(event.community, community.address);
    assert_eq!(event.proposal, proposal);
    assert_eq!(event.wallet, promoted);
    assert_eq!(event.old_role, MemberRole::Worker);
    assert_eq!(event.new_role, MemberRole::Artist);
    assert_eq!(event.timestamp, chain.now());
    assert_eq!(
        proposal_state(&mut chain, &proposal).await.status,
        ProposalStatus::Executed
    );
}

#[tokio::test]
async fn proposing_the_role_a_member_already_has_is_refused_with_role_unchanged() {
    let mut chain = Chain::start().await;
    let community = chain.community(3).await;
    let target = community.member(2).pubkey();
    let proposer = community.member(0).insecure_clone();
    let watched = [
        community.member_address(&proposer.pubkey()),
        community.member_address(&target),
    ];
    let before = chain.snapshot(&watched).await;

    let result = chain
        .propose(
            &community,
            &proposer,
            change_role(&target, MemberRole::Worker),
        )
        .await;

    assert_error(result, AmpledError::RoleUnchanged);
    assert_eq!(chain.snapshot(&watched).await, before);
}

// ---------------------------------------------------------------------------------------------
// Rules
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn update_rules_proposal_replaces_the_rules_bumps_the_version_and_emits_rules_updated() {
    let mut chain = Chain::start().await;
    let community = chain.community(3).await;
    let new_rules = CommunityRules {
        approval_threshold_bps: 7_500,
        min_approvals: 2,
        voting_period_secs: 3 * DAY,
        supply_cap: Some(1_000_000 * TOKEN),
        issuance_cap: Some(IssuanceCap {
            amount: 1_000 * TOKEN,
            period_secs: 30 * DAY,
        }),
    };
    let proposer = community.member(0).insecure_clone();
    let other_open = chain
        .propose(
            &community,
            &proposer,
            change_role(&proposer.pubkey(), MemberRole::Artist),
        )
        .await
        .unwrap();
    let proposal = chain
        .passed_proposal(&community, update_rules(new_rules), &[0, 1])
        .await;

    let emitted = chain.execute(&community, &proposal).await.unwrap();

    let state = community_state(&mut chain, &community).await;
    assert_eq!(state.rules, new_rules);
    assert_eq!(state.rules_version, 1);
    let event: RulesUpdated = emitted.one();
    assert_eq!(event.community, community.address);
    assert_eq!(event.proposal, proposal);
    assert_eq!(event.old_rules, default_rules());
    assert_eq!(event.new_rules, new_rules);
    assert_eq!(event.rules_version, 1);
    assert_eq!(event.timestamp, chain.now());

    // Proposals made under the old rules can no longer be voted on.
    let vote = chain
        .vote(&community, &other_open, community.member(1), true)
        .await;
    assert_error(vote, AmpledError::ProposalStale);
}

#[tokio::test]
async fn rules_with_zero_approval_threshold_are_refused_at_proposal() {
    assert_rules_refused_at_proposal(rules(0, 1), AmpledError::InvalidApprovalThreshold).await;
}

#[tokio::test]
async fn rules_with_approval_threshold_above_100_percent_are_refused_at_proposal() {
    assert_rules_refused_at_proposal(rules(10_001, 1), AmpledError::InvalidApprovalThreshold).await;
}

#[tokio::test]
async fn rules_with_zero_min_approvals_are_refused_at_proposal() {
    assert_rules_refused_at_proposal(rules(5_000, 0), AmpledError::InvalidMinApprovals).await;
}

#[tokio::test]
async fn rules_with_min_approvals_above_active_members_are_refused_at_proposal() {
    assert_rules_refused_at_proposal(rules(5_000, 4), AmpledError::InvalidMinApprovals).await;
}

#[tokio::test]
async fn rules_with_voting_period_under_a_minute_are_refused_at_proposal() {
    let too_short = CommunityRules {
        voting_period_secs: 59,
        ..default_rules()
    };
    assert_rules_refused_at_proposal(too_short, AmpledError::InvalidVotingPeriod).await;
}

#[tokio::test]
async fn rules_with_zero_amount_issuance_cap_are_refused_at_proposal() {
    let zero_cap = CommunityRules {
        issuance_cap: Some(IssuanceCap {
            amount: 0,
            period_secs: DAY,
        }),
        ..default_rules()
    };
    assert_rules_refused_at_proposal(zero_cap, AmpledError::InvalidIssuanceCap).await;
}

#[tokio::test]
async fn rules_with_zero_supply_cap_are_refused_at_proposal() {
    let zero_cap = CommunityRules {
        supply_cap: Some(0),
        ..default_rules()
    };
    assert_rules_refused_at_proposal(zero_cap, AmpledError::InvalidSupplyCap).await;
}

#[tokio::test]
async fn supply_cap_below_what_was_minted_is_refused_when_proposed() {
    let mut chain = Chain::start().await;
    let community = chain.community(3).await;
    chain
        .reward_member(&community, &community.member(2).pubkey(), 100 * TOKEN)
        .await;
    let below_minted = CommunityRules {
        supply_cap: Some(100 * TOKEN - 1),
        ..default_rules()
    };
    let proposer = community.member(0).insecure_clone();

    let result = chain
        .propose(&community, &proposer, update_rules(below_minted))
        .await;

    assert_error(result, AmpledError::InvalidSupplyCap);
}

#[tokio::test]
async fn supply_cap_overtaken_by_minting_during_the_vote_is_refused_at_execution() {
    let mut chain = Chain::start().await;
    let community = chain.community(3).await;
    let artist = community.member(2).pubkey();
    chain.reward_member(&community, &artist, 100 * TOKEN).await;
    let cap = CommunityRules {
        supply_cap: Some(150 * TOKEN),
        ..default_rules()
    };
    let proposal = chain
        .passed_proposal(&community, update_rules(cap), &[0, 1])
        .await;
    chain.reward_member(&community, &artist, 60 * TOKEN).await;
    let watched = [community.address, proposal];
    let before = chain.snapshot(&watched).await;

    let result = chain.execute(&community, &proposal).await;

    assert_error(result, AmpledError::InvalidSupplyCap);
    assert_eq!(chain.snapshot(&watched).await, before);
}

#[tokio::test]
async fn supply_cap_equal_to_the_current_supply_is_accepted() {
    let mut chain = Chain::start().await;
    let community = chain.community(3).await;
    chain
        .reward_member(&community, &community.member(2).pubkey(), 100 * TOKEN)
        .await;
    let at_supply = CommunityRules {
        supply_cap: Some(100 * TOKEN),
        ..default_rules()
    };
    let proposal = chain
        .passed_proposal(&community, update_rules(at_supply), &[0, 1])
        .await;

    let emitted = chain.execute(&community, &proposal).await.unwrap();

    assert_eq!(
        community_state(&mut chain, &community).await.rules,
        at_supply
    );
    assert_eq!(emitted.one::<RulesUpdated>().rules_version, 1);
}

#[tokio::test]
async fn min_approvals_above_active_members_at_execution_time_is_refused() {
    let mut chain = Chain::start().await;
    let community = chain.community(3).await;
    let proposal = chain
        .passed_proposal(&community, update_rules(rules(5_000, 3)), &[0, 1])
        .await;
    enact(
        &mut chain,
        &community,
        remove(&community.member(2).pubkey()),
        &[0, 1],
    )
    .await;
    let watched = [community.address, proposal];
    let before = chain.snapshot(&watched).await;

    let result = chain.execute(&community, &proposal).await;

    assert_error(result, AmpledError::InvalidMinApprovals);
    assert_eq!(chain.snapshot(&watched).await, before);
}

// ---------------------------------------------------------------------------------------------
// create_community refusals
// ---------------------------------------------------------------------------------------------

// ---------------------------------------------------------------------------------------------
// Only wallets join, and decisions land only on what was voted on
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn admitting_removing_or_re_roling_an_address_no_key_controls_is_refused_when_proposed() {
    let mut chain = Chain::start().await;
    let community = chain.community(3).await;
    let proposer = community.member(0).insecure_clone();
    let proposer_member = community.member_address(&proposer.pubkey());
    let (other_programs_pda, _) =
        Pubkey::find_program_address(&[b"vault"], &anchor_spl::token_2022::ID);
    let keyless = [
        community.address,
        community.treasury,
        community.mint,
        proposer_member,
        other_programs_pda,
    ];
    let watched = [community.address, proposer_member];
    let before = chain.snapshot(&watched).await;

    for address in keyless {
        for action in [
            add(&address, MemberRole::Artist),
            remove(&address),
            change_role(&address, MemberRole::Artist),
        ] {
            let result = chain.propose(&community, &proposer, action.clone()).await;

            assert_error(result, AmpledError::NotAWallet);
            assert!(
                !chain.exists(&community.member_address(&address)).await,
                "{action:?}"
            );
        }
    }
    assert_eq!(chain.snapshot(&watched).await, before);
}

#[tokio::test]
async fn a_forged_admission_of_the_treasury_is_refused_at_execution() {
    let mut chain = Chain::start().await;
    let community = chain.community(3).await;
    let newcomer = Keypair::new().pubkey();
    let proposal = chain
        .passed_proposal(&community, add(&newcomer, MemberRole::Artist), &[0, 1])
        .await;
    // Only a forged record can name a keyless wallet this far: proposing one is refused.
    chain
        .forge::<Proposal>(&proposal, |stored| {
            stored.action = add(&community.treasury, MemberRole::Artist);
        })
        .await;
    let treasury_member = community.member_address(&community.treasury);
    let watched = [community.address, proposal, treasury_member];
    let before = chain.snapshot(&watched).await;

    let result = chain.execute(&community, &proposal).await;

    assert_error(result, AmpledError::NotAWallet);
    assert_eq!(chain.snapshot(&watched).await, before);
}

#[tokio::test]
async fn a_second_admission_of_a_wallet_admitted_in_between_cannot_execute_and_closes_at_once() {
    let mut chain = Chain::start().await;
    let community = chain.community(3).await;
    let newcomer = Keypair::new().pubkey();
    let first = chain
        .passed_proposal(&community, add(&newcomer, MemberRole::Artist), &[0, 1])
        .await;
    let second = chain
        .passed_proposal(&community, add(&newcomer, MemberRole::Worker), &[1, 2])
        .await;
    chain.execute(&community, &first).await.unwrap();
    let watched = [
        community.address,
        community.member_address(&newcomer),
        second,
    ];
    let before = chain.snapshot(&watched).await;

    let result = chain.execute(&community, &second).await;

    assert_error(result, AmpledError::ProposalTargetChanged);
    assert_eq!(chain.snapshot(&watched).await, before);
    let admitted = member(&mut chain, &community, &newcomer).await;
    assert_eq!(
        admitted.role,
        MemberRole::Artist,
        "as the first decision said"
    );
    assert_eq!(admitted.admitted_by, Some(first));
    assert_proposal_closes_at_once(&mut chain, &community, &second).await;
}

#[tokio::test]
async fn a_role_change_cannot_execute_after_other_decisions_re_roled_the_member_even_back() {
    let mut chain = Chain::start().await;
    let community = chain.community(3).await;
    let carol = community.member(2).pubkey();
    let stale = chain
        .passed_proposal(&community, change_role(&carol, MemberRole::Artist), &[0, 1])
        .await;
    // Carol becomes an artist, then a worker again: her role is what it was, but not the
    // situation the first proposal's voters saw.
    enact(
        &mut chain,
        &community,
        change_role(&carol, MemberRole::Artist),
        &[0, 1],
    )
    .await;
    enact(
        &mut chain,
        &community,
        change_role(&carol, MemberRole::Worker),
        &[0, 1],
    )
    .await;
    let carol_now = member(&mut chain, &community, &carol).await;
    assert_eq!(carol_now.role, MemberRole::Worker);
    assert_ne!(
        carol_now.revision,
        proposal_state(&mut chain, &stale).await.target_revision
    );
    let watched = [community.member_address(&carol), stale];
    let before = chain.snapshot(&watched).await;

    let result = chain.execute(&community, &stale).await;

    assert_error(result, AmpledError::ProposalTargetChanged);
    assert_eq!(chain.snapshot(&watched).await, before);
    assert_proposal_closes_at_once(&mut chain, &community, &stale).await;
}

#[tokio::test]
async fn a_removal_cannot_execute_after_the_member_was_removed_and_readmitted() {
    let mut chain = Chain::start().await;
    let community = chain.community(3).await;
    let leaving = community.member(2).pubkey();
    let stale = chain
        .passed_proposal(&community, remove(&leaving), &[0, 1])
        .await;
    enact(&mut chain, &community, remove(&leaving), &[0, 1]).await;
    enact(
        &mut chain,
        &community,
        add(&leaving, MemberRole::Worker),
        &[0, 1],
    )
    .await;
    assert!(member(&mut chain, &community, &leaving).await.is_active());
    let watched = [community.address, community.member_address(&leaving), stale];
    let before = chain.snapshot(&watched).await;

    // The members voted on removing Carol as she was then; she has since left and come back by
    // other votes.
    let result = chain.execute(&community, &stale).await;

    assert_error(result, AmpledError::ProposalTargetChanged);
    assert_eq!(chain.snapshot(&watched).await, before);
    assert_proposal_closes_at_once(&mut chain, &community, &stale).await;
}

#[tokio::test]
async fn proposing_with_another_members_record_as_the_target_or_beneficiary_is_refused() {
    let mut chain = Chain::start().await;
    let community = chain.community(3).await;
    let proposer = community.member(0).insecure_clone();
    let bob = community.member_address(&community.member(1).pubkey());
    let carol = community.member(2).pubkey();
    let watched = [
        community.address,
        community.member_address(&proposer.pubkey()),
    ];
    let before = chain.snapshot(&watched).await;
    // Bob's record stands in for Carol's: the revision recorded would be his, and the slot
    // barred from approving would be his instead of hers.
    let tampered: [fn(&mut ampled::accounts::CreateProposal, Pubkey); 4] = [
        |accounts, other| accounts.target = Some(other),
        |accounts, other| accounts.beneficiary_member = Some(other),
        |accounts, _| accounts.target = None,
        |accounts, _| accounts.beneficiary_member = None,
    ];

    for tamper in tampered {
        let result = chain
            .propose_with(
                &community,
                &proposer,
                change_role(&carol, MemberRole::Artist),
                |accounts| tamper(accounts, bob),
            )
            .await;

        assert_error(result, AmpledError::WrongProposalTarget);
    }
    assert_eq!(chain.snapshot(&watched).await, before);
}

#[tokio::test]
async fn rewards_and_proposals_by_the_member_in_between_do_not_stop_a_role_change() {
    let mut chain = Chain::start().await;
    let community = chain.community(3).await;
    let carol = community.member(2).insecure_clone();
    let promotion = chain
        .passed_proposal(
            &community,
            change_role(&carol.pubkey(), MemberRole::Artist),
            &[0, 1],
        )
        .await;
    // Her time bank and proposal counter change; her membership and role do not.
    chain
        .reward_member(&community, &carol.pubkey(), 5 * TOKEN)
        .await;
    chain
        .propose(&community, &carol, remove(&community.member(1).pubkey()))
        .await
        .unwrap();

    chain.execute(&community, &promotion).await.unwrap();

    let promoted = member(&mut chain, &community, &carol.pubkey()).await;
    assert_eq!(promoted.role, MemberRole::Artist);
    assert_eq!(promoted.total_earned, 5 * TOKEN);
}
