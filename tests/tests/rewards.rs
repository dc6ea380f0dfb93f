//! Member-approved rewards and treasury payments: tokens move only after a vote, into the
//! recipient's own token account, within the community's caps, and into the time bank.
#![allow(deprecated)]

use ampled::events::{RewardMinted, TreasuryTransferred};
use ampled::state::*;
use ampled_client::ix::associated_token_address as get_associated_token_address;
use ampled_tests::*;
use anchor_lang::prelude::{AccountMeta, Pubkey};
use solana_keypair::Keypair;
use solana_signer::Signer;

/// Funds the treasury the only way it can be funded by the co-op: a reward to the treasury owner
/// is impossible, so tests mint to a member who then pays the treasury like anyone would.
async fn fund_treasury(chain: &mut Chain, community: &CommunityFixture, amount: u64) {
    let donor = community.member(0).insecure_clone();
    chain
        .reward_member(community, &donor.pubkey(), amount)
        .await;
    chain
        .send_tokens(community, &donor, &community.treasury, amount)
        .await;
}

#[tokio::test]
async fn approved_reward_is_minted_to_the_contributor_and_recorded_in_the_time_bank() {
    let mut chain = Chain::start().await;
    let community = chain.community(3).await;
    let carol = community.member(2).pubkey();
    let proposal = chain
        .passed_proposal(
            &community,
            reward(carol, 40 * TOKEN, "40h of care work"),
            &[0, 1],
        )
        .await;

    let emitted = chain.execute(&community, &proposal).await.unwrap();

    assert_eq!(chain.wallet_balance(&community, &carol).await, 40 * TOKEN);
    assert_eq!(chain.supply(&community).await, 40 * TOKEN);
    let member: Member = chain.account(&community.member_address(&carol)).await;
    assert_eq!(member.total_earned, 40 * TOKEN);
    assert_eq!(member.rewards_received, 1);
    let state: Community = chain.account(&community.address).await;
    assert_eq!(state.total_minted, 40 * TOKEN);
    let stored: Proposal = chain.account(&proposal).await;
    assert_eq!(stored.status, ProposalStatus::Executed);
    assert_eq!(stored.decided_at, Some(chain.now()));

    let event: RewardMinted = emitted.one();
    assert_eq!(event.recipient, carol);
    assert_eq!(event.amount, 40 * TOKEN);
    assert_eq!(event.reason, "40h of care work");
    assert_eq!(event.member_total_earned, Some(40 * TOKEN));
    assert_eq!(event.supply_after, 40 * TOKEN);
    assert_eq!(event.proposal, proposal);
}

#[tokio::test]
async fn rewards_accumulate_in_the_members_lifetime_total() {
    let mut chain = Chain::start().await;
    let community = chain.community(2).await;
    let bob = community.member(1).pubkey();

    chain.reward_member(&community, &bob, 5 * TOKEN).await;
    chain.reward_member(&community, &bob, 7 * TOKEN).await;

    let member: Member = chain.account(&community.member_address(&bob)).await;
    assert_eq!(member.total_earned, 12 * TOKEN);
    assert_eq!(member.rewards_received, 2);
    assert_eq!(chain.wallet_balance(&community, &bob).await, 12 * TOKEN);
}

#[tokio::test]
async fn a_reward_to_a_non_member_wallet_creates_its_token_account_and_no_member_record() {
    let mut chain = Chain::start().await;
    let community = chain.community(1).await;
    let street_team = Keypair::new().pubkey();
    assert!(!chain.exists(&community.ata(&street_team)).await);
    let proposal = chain
        .passed_proposal(&community, reward(street_team, 3 * TOKEN, "flyers"), &[0])
        .await;

    let emitted = chain.execute(&community, &proposal).await.unwrap();

    assert_eq!(
        chain.wallet_balance(&community, &street_team).await,
        3 * TOKEN
    );
    assert!(!chain.exists(&community.member_address(&street_team)).await);
    assert_eq!(emitted.one::<RewardMinted>().member_total_earned, None);
}

#[tokio::test]
async fn a_contributor_who_closed_their_token_account_is_still_paid() {
    let mut chain = Chain::start().await;
    let community = chain.community(2).await;
    let bob = community.member(1).insecure_clone();
    chain.reward_member(&community, &bob.pubkey(), TOKEN).await;
    // Bob burns his tokens and closes his account, then earns again.
    let ata = community.ata(&bob.pubkey());
    let burn = anchor_spl::token_2022::spl_token_2022::instruction::burn(
        &anchor_spl::token_2022::ID,
        &ata,
        &community.mint,
        &bob.pubkey(),
        &[],
        TOKEN,
    )
    .unwrap();
    let close = anchor_spl::token_2022::spl_token_2022::instruction::close_account(
        &anchor_spl::token_2022::ID,
        &ata,
        &bob.pubkey(),
        &bob.pubkey(),
        &[],
    )
    .unwrap();
    chain.send(&[burn, close], &[&bob]).await.unwrap();
    assert!(!chain.exists(&ata).await);

    chain
        .reward_member(&community, &bob.pubkey(), 2 * TOKEN)
        .await;

    assert_eq!(chain.balance(&ata).await, 2 * TOKEN);
}

#[tokio::test]
async fn supply_cap_refuses_the_reward_that_would_exceed_it() {
    let mut chain = Chain::start().await;
    let rules = CommunityRules {
        supply_cap: Some(100 * TOKEN),
        ..default_rules()
    };
    let community = chain.community_named("capped", 2, rules).await;
    let bob = community.member(1).pubkey();
    chain.reward_member(&community, &bob, 90 * TOKEN).await;
    let proposal = chain
        .passed_proposal(&community, reward(bob, 11 * TOKEN, "too much"), &[0])
        .await;

    let result = chain.execute(&community, &proposal).await;

    assert_error(result, AmpledError::SupplyCapExceeded);
    assert_eq!(chain.supply(&community).await, 90 * TOKEN);
    let stored: Proposal = chain.account(&proposal).await;
    assert_eq!(
        stored.status,
        ProposalStatus::Approved,
        "it can still run if rules change"
    );
}

#[tokio::test]
async fn reward_exactly_reaching_the_supply_cap_is_allowed() {
    let mut chain = Chain::start().await;
    let rules = CommunityRules {
        supply_cap: Some(100 * TOKEN),
        ..default_rules()
    };
    let community = chain.community_named("capped", 2, rules).await;
    let bob = community.member(1).pubkey();

    chain.reward_member(&community, &bob, 100 * TOKEN).await;

    assert_eq!(chain.supply(&community).await, 100 * TOKEN);
}

#[tokio::test]
async fn issuance_cap_limits_each_period_and_resets_in_the_next() {
    let mut chain = Chain::start().await;
    let rules = CommunityRules {
        issuance_cap: Some(IssuanceCap {
            amount: 50 * TOKEN,
            period_secs: 30 * DAY,
        }),
        ..default_rules()
    };
    let community = chain.community_named("monthly", 2, rules).await;
    let bob = community.member(1).pubkey();
    chain.reward_member(&community, &bob, 30 * TOKEN).await;
    let proposal = chain
        .passed_proposal(
            &community,
            reward(bob, 21 * TOKEN, "over the month's cap"),
            &[0],
        )
        .await;

    assert_error(
        chain.execute(&community, &proposal).await,
        AmpledError::IssuanceCapExceeded,
    );
    assert_eq!(chain.supply(&community).await, 30 * TOKEN);

    // Next period: the same kind of reward fits again.
    let created_at = chain
        .account::<Community>(&community.address)
        .await
        .created_at;
    chain.set_time(created_at + 30 * DAY).await;
    chain.reward_member(&community, &bob, 50 * TOKEN).await;
    let state: Community = chain.account(&community.address).await;
    assert_eq!(state.issuance_period_index, 1);
    assert_eq!(state.issued_in_period, 50 * TOKEN);
    assert_eq!(chain.supply(&community).await, 80 * TOKEN);
}

#[tokio::test]
async fn changing_the_issuance_period_never_resets_the_count_of_the_running_period() {
    let mut chain = Chain::start().await;
    let cap = |period_secs| IssuanceCap {
        amount: 1_000 * TOKEN,
        period_secs,
    };
    let rules = CommunityRules {
        issuance_cap: Some(cap(10 * DAY)),
        ..default_rules()
    };
    let community = chain.community_named("anchored", 3, rules).await;
    let bob = community.member(1).pubkey();
    let created_at = chain
        .account::<Community>(&community.address)
        .await
        .created_at;
    // The whole of the third period's cap is minted on its fifth day...
    chain.set_time(created_at + 25 * DAY).await;
    chain.reward_member(&community, &bob, 1_000 * TOKEN).await;
    // ...then the members lengthen the period. Counted from creation, day 26 is in a new
    // 20-day period; a count reset there would hand out another 1,000 at once.
    let longer = CommunityRules {
        issuance_cap: Some(cap(20 * DAY)),
        ..default_rules()
    };
    let change = chain
        .passed_proposal(
            &community,
            ProposalAction::UpdateRules { rules: longer },
            &[0, 1],
        )
        .await;
    chain.set_time(created_at + 26 * DAY).await;
    chain.execute(&community, &change).await.unwrap();
    let state: Community = chain.account(&community.address).await;
    assert_eq!(
        (
            state.issuance_anchor,
            state.issuance_period_index,
            state.issued_in_period
        ),
        (created_at + 26 * DAY, 0, 1_000 * TOKEN)
    );
    let more = chain
        .passed_proposal(&community, reward(bob, TOKEN, "one more"), &[0, 2])
        .await;

    assert_error(
        chain.execute(&community, &more).await,
        AmpledError::IssuanceCapExceeded,
    );
    assert_eq!(chain.supply(&community).await, 1_000 * TOKEN);

    // The new period, counted from the change, ends 20 days later: then the cap is free again.
    chain.set_time(created_at + 46 * DAY).await;
    chain.reward_member(&community, &bob, 1_000 * TOKEN).await;
    assert_eq!(chain.supply(&community).await, 2_000 * TOKEN);
}

#[tokio::test]
async fn a_reward_that_would_overflow_the_supply_is_refused() {
    let mut chain = Chain::start().await;
    let community = chain.community(2).await;
    let bob = community.member(1).pubkey();
    chain.reward_member(&community, &bob, u64::MAX - 1).await;
    let proposal = chain
        .passed_proposal(&community, reward(bob, 2, "overflow"), &[0])
        .await;

    assert_error(
        chain.execute(&community, &proposal).await,
        AmpledError::MathOverflow,
    );
    assert_eq!(chain.supply(&community).await, u64::MAX - 1);
}

#[tokio::test]
async fn a_zero_reward_cannot_even_be_proposed() {
    let mut chain = Chain::start().await;
    let community = chain.community(2).await;
    let alice = community.member(0).insecure_clone();

    let result = chain
        .propose(
            &community,
            &alice,
            reward(community.member(1).pubkey(), 0, "nothing"),
        )
        .await;

    assert_error(result, AmpledError::ZeroAmount);
    let member: Member = chain
        .account(&community.member_address(&alice.pubkey()))
        .await;
    assert_eq!(member.proposals_created, 0);
}

#[tokio::test]
async fn paying_a_wallet_other_than_the_approved_recipient_is_refused() {
    let mut chain = Chain::start().await;
    let community = chain.community(2).await;
    let bob = community.member(1).pubkey();
    let mallory = chain.wallet().await.pubkey();
    let proposal = chain
        .passed_proposal(&community, reward(bob, TOKEN, "work"), &[0])
        .await;

    let result = chain
        .execute_mint_reward_with(&community, &proposal, &mallory, |_| {})
        .await;

    assert_error(result, AmpledError::WalletMismatch);
    assert_eq!(chain.wallet_balance(&community, &mallory).await, 0);
    assert_eq!(chain.supply(&community).await, 0);
}

#[tokio::test]
async fn paying_into_a_token_account_that_is_not_the_recipients_own_is_refused() {
    let mut chain = Chain::start().await;
    let community = chain.community(2).await;
    let bob = community.member(1).pubkey();
    let mallory = chain.wallet().await.pubkey();
    chain.reward_member(&community, &mallory, TOKEN).await;
    let proposal = chain
        .passed_proposal(&community, reward(bob, TOKEN, "work"), &[0])
        .await;

    let result = chain
        .execute_mint_reward_with(&community, &proposal, &bob, |accounts| {
            accounts.payout.recipient_tokens =
                get_associated_token_address(&mallory, &community.mint);
        })
        .await;

    assert_error(result, AnchorError::ConstraintTokenOwner);
    assert_eq!(chain.wallet_balance(&community, &mallory).await, TOKEN);
    assert_eq!(chain.supply(&community).await, TOKEN);
}

#[tokio::test]
async fn minting_with_another_communitys_mint_is_refused() {
    let mut chain = Chain::start().await;
    let community = chain.community(2).await;
    let other = chain.community_named("other", 1, default_rules()).await;
    let bob = community.member(1).pubkey();
    let proposal = chain
        .passed_proposal(&community, reward(bob, TOKEN, "work"), &[0])
        .await;

    let result = chain
        .execute_mint_reward_with(&community, &proposal, &bob, |accounts| {
            accounts.payout.mint = other.mint;
            accounts.payout.recipient_tokens = get_associated_token_address(&bob, &other.mint);
        })
        .await;

    assert_error(result, AmpledError::WrongMint);
    assert_eq!(chain.supply(&other).await, 0);
    assert_eq!(chain.supply(&community).await, 0);
}

#[tokio::test]
async fn a_fake_token_program_is_refused() {
    let mut chain = Chain::start().await;
    let community = chain.community(2).await;
    let bob = community.member(1).pubkey();
    let proposal = chain
        .passed_proposal(&community, reward(bob, TOKEN, "work"), &[0])
        .await;

    let result = chain
        .execute_mint_reward_with(&community, &proposal, &bob, |accounts| {
            // The classic token program: a real program, but not the one that owns the mint.
            accounts.payout.token_program = anchor_spl::token::ID;
        })
        .await;

    assert_error(result, AnchorError::InvalidProgramId);
    assert_eq!(chain.supply(&community).await, 0);
}

#[tokio::test]
async fn skipping_the_recipients_time_bank_record_is_refused() {
    let mut chain = Chain::start().await;
    let community = chain.community(2).await;
    let bob = community.member(1).pubkey();
    let proposal = chain
        .passed_proposal(&community, reward(bob, TOKEN, "work"), &[0])
        .await;

    // An executor who wants Bob paid but not credited passes some other address.
    let result = chain
        .execute_mint_reward_with(&community, &proposal, &bob, |accounts| {
            accounts.recipient_member = Keypair::new().pubkey();
        })
        .await;

    assert_error(result, AnchorError::ConstraintSeeds);
    let member: Member = chain.account(&community.member_address(&bob)).await;
    assert_eq!(member.total_earned, 0);
}

#[tokio::test]
async fn executing_a_membership_proposal_as_a_reward_is_refused() {
    let mut chain = Chain::start().await;
    let community = chain.community(2).await;
    let newcomer = Keypair::new().pubkey();
    let action = ProposalAction::AddMember {
        wallet: newcomer,
        role: MemberRole::Artist,
    };
    let proposal = chain.passed_proposal(&community, action, &[0, 1]).await;

    let result = chain
        .execute_mint_reward_with(&community, &proposal, &newcomer, |_| {})
        .await;

    assert_error(result, AmpledError::WrongProposalAction);
    assert_eq!(chain.supply(&community).await, 0);
    let stored: Proposal = chain.account(&proposal).await;
    assert_eq!(stored.status, ProposalStatus::Approved);
}

#[tokio::test]
async fn passing_the_proposal_again_as_the_time_bank_record_is_refused() {
    let mut chain = Chain::start().await;
    let community = chain.community(2).await;
    let bob = community.member(1).pubkey();
    let proposal = chain
        .passed_proposal(&community, reward(bob, TOKEN, "work"), &[0])
        .await;

    // Two writable views of one account. Anchor's duplicate check would catch it too, but the
    // address derivation of the time-bank record refuses it first.
    let result = chain
        .execute_mint_reward_with(&community, &proposal, &bob, |accounts| {
            accounts.recipient_member = proposal;
        })
        .await;

    assert_error(result, AnchorError::ConstraintSeeds);
    assert_eq!(chain.supply(&community).await, 0);
}

#[tokio::test]
async fn approved_treasury_transfer_pays_the_recipient() {
    let mut chain = Chain::start().await;
    let community = chain.community(3).await;
    fund_treasury(&mut chain, &community, 100 * TOKEN).await;
    let venue = Keypair::new().pubkey();
    let action = ProposalAction::TreasuryTransfer {
        recipient: venue,
        amount: 60 * TOKEN,
        reason: "rehearsal space".into(),
    };
    let proposal = chain.passed_proposal(&community, action, &[0, 1]).await;

    let emitted = chain.execute(&community, &proposal).await.unwrap();

    assert_eq!(chain.balance(&community.treasury).await, 40 * TOKEN);
    assert_eq!(chain.wallet_balance(&community, &venue).await, 60 * TOKEN);
    assert_eq!(
        chain.supply(&community).await,
        100 * TOKEN,
        "nothing minted"
    );
    let event: TreasuryTransferred = emitted.one();
    assert_eq!(event.amount, 60 * TOKEN);
    assert_eq!(event.treasury_balance_after, 40 * TOKEN);
    assert_eq!(event.recipient, venue);
}

#[tokio::test]
async fn a_treasury_transfer_larger_than_the_treasury_is_refused() {
    let mut chain = Chain::start().await;
    let community = chain.community(2).await;
    fund_treasury(&mut chain, &community, 10 * TOKEN).await;
    let venue = Keypair::new().pubkey();
    let action = ProposalAction::TreasuryTransfer {
        recipient: venue,
        amount: 11 * TOKEN,
        reason: "too much".into(),
    };
    let proposal = chain.passed_proposal(&community, action, &[0, 1]).await;

    assert_error(
        chain.execute(&community, &proposal).await,
        AmpledError::InsufficientTreasury,
    );
    assert_eq!(chain.balance(&community.treasury).await, 10 * TOKEN);
}

#[tokio::test]
async fn a_treasury_transfer_from_another_account_is_refused() {
    let mut chain = Chain::start().await;
    let community = chain.community(2).await;
    fund_treasury(&mut chain, &community, 10 * TOKEN).await;
    let venue = Keypair::new().pubkey();
    let action = ProposalAction::TreasuryTransfer {
        recipient: venue,
        amount: TOKEN,
        reason: "gear".into(),
    };
    let proposal = chain.passed_proposal(&community, action, &[0, 1]).await;
    // The donor's own token account posing as the treasury.
    let donor_tokens = community.ata(&community.member(0).pubkey());
    let result = chain
        .execute_treasury_transfer_with(&community, &proposal, &venue, |accounts| {
            accounts.treasury = donor_tokens
        })
        .await;

    assert_error(result, AmpledError::WrongTreasury);
    assert_eq!(chain.balance(&community.treasury).await, 10 * TOKEN);
    assert_eq!(chain.wallet_balance(&community, &venue).await, 0);
}

#[tokio::test]
async fn paying_the_treasury_into_itself_is_refused() {
    let mut chain = Chain::start().await;
    let community = chain.community(2).await;
    fund_treasury(&mut chain, &community, 10 * TOKEN).await;
    let venue = Keypair::new().pubkey();
    let action = ProposalAction::TreasuryTransfer {
        recipient: venue,
        amount: TOKEN,
        reason: "gear".into(),
    };
    let proposal = chain.passed_proposal(&community, action, &[0, 1]).await;
    let result = chain
        .execute_treasury_transfer_with(&community, &proposal, &venue, |accounts| {
            accounts.payout.recipient_tokens = community.treasury
        })
        .await;

    assert_error(result, AnchorError::ConstraintTokenOwner);
    assert_eq!(chain.balance(&community.treasury).await, 10 * TOKEN);
    let stored: Proposal = chain.account(&proposal).await;
    assert_eq!(stored.status, ProposalStatus::Approved);
}

#[tokio::test]
async fn a_forged_proposal_owned_by_another_program_is_refused() {
    let mut chain = Chain::start().await;
    let community = chain.community(2).await;
    let bob = community.member(1).pubkey();
    // An account holding a copy of a real approved proposal's bytes, owned by the system program.
    let real = chain
        .passed_proposal(&community, reward(bob, TOKEN, "work"), &[0])
        .await;
    let mut forged = chain
        .ctx
        .banks_client
        .get_account(real)
        .await
        .unwrap()
        .unwrap();
    forged.owner = anchor_lang::solana_program::system_program::ID;
    let fake = Keypair::new().pubkey();
    chain.ctx.set_account(&fake, &forged.into());

    let result = chain
        .execute_mint_reward_with(&community, &fake, &bob, |_| {})
        .await;

    assert_error(result, AnchorError::AccountOwnedByWrongProgram);
    assert_eq!(chain.supply(&community).await, 0);
}

#[tokio::test]
async fn extra_accounts_are_refused() {
    let mut chain = Chain::start().await;
    let community = chain.community(2).await;
    let bob = community.member(1).pubkey();
    let proposal = chain
        .passed_proposal(&community, reward(bob, TOKEN, "work"), &[0])
        .await;
    let result = chain
        .execute_with(&community, &proposal, |ix| {
            ix.accounts
                .push(AccountMeta::new(Keypair::new().pubkey(), false))
        })
        .await;

    assert_error(result, AmpledError::UnexpectedRemainingAccounts);
    assert_eq!(chain.supply(&community).await, 0);
}

// ---------------------------------------------------------------------------------------------
// No token goes where no key can move it
// ---------------------------------------------------------------------------------------------

/// Addresses no key controls, so tokens sent there are lost: the community, its treasury and
/// mint, a proposal, a membership record, a wallet's token account and another program's PDA.
async fn keyless_addresses(chain: &mut Chain, community: &CommunityFixture) -> Vec<Pubkey> {
    let bob = community.member(1).pubkey();
    let proposal = chain
        .passed_proposal(community, reward(bob, TOKEN, "work"), &[0])
        .await;
    let (other_programs_pda, _) =
        Pubkey::find_program_address(&[b"vault"], &anchor_spl::token_2022::ID);
    vec![
        community.address,
        community.treasury,
        community.mint,
        proposal,
        community.member_address(&bob),
        community.ata(&bob),
        other_programs_pda,
    ]
}

/// Proposes each of `actions` as member 0 and asserts every one is refused with `NotAWallet`,
/// creating no proposal and changing neither the community nor the proposer.
async fn assert_refused_as_keyless(
    chain: &mut Chain,
    community: &CommunityFixture,
    actions: Vec<ProposalAction>,
) {
    let proposer = community.member(0).insecure_clone();
    let proposer_member = community.member_address(&proposer.pubkey());
    let watched = [community.address, proposer_member, community.mint];
    let before = chain.snapshot(&watched).await;
    let next = chain
        .account::<Member>(&proposer_member)
        .await
        .proposals_created;
    let next_proposal = ix::proposal_address(&community.address, &proposer.pubkey(), next);

    for action in actions {
        let result = chain.propose(community, &proposer, action.clone()).await;

        assert_error(result, AmpledError::NotAWallet);
        assert!(!chain.exists(&next_proposal).await, "{action:?}");
    }
    assert_eq!(chain.snapshot(&watched).await, before);
}

#[tokio::test]
async fn rewarding_an_address_no_key_controls_is_refused_when_proposed() {
    let mut chain = Chain::start().await;
    let community = chain.community(3).await;
    let keyless = keyless_addresses(&mut chain, &community).await;

    let actions = keyless
        .into_iter()
        .map(|address| reward(address, TOKEN, "sent to the wrong address"))
        .collect();

    assert_refused_as_keyless(&mut chain, &community, actions).await;
}

#[tokio::test]
async fn paying_the_treasury_to_an_address_no_key_controls_is_refused_when_proposed() {
    let mut chain = Chain::start().await;
    let community = chain.community(3).await;
    fund_treasury(&mut chain, &community, 10 * TOKEN).await;
    let keyless = keyless_addresses(&mut chain, &community).await;

    let actions = keyless
        .into_iter()
        .map(|recipient| ProposalAction::TreasuryTransfer {
            recipient,
            amount: TOKEN,
            reason: "sent to the wrong address".into(),
        })
        .collect();

    assert_refused_as_keyless(&mut chain, &community, actions).await;
    assert_eq!(chain.balance(&community.treasury).await, 10 * TOKEN);
}

#[tokio::test]
async fn a_forged_reward_to_the_community_address_is_refused_at_execution() {
    let mut chain = Chain::start().await;
    let community = chain.community(2).await;
    let bob = community.member(1).pubkey();
    let proposal = chain
        .passed_proposal(&community, reward(bob, TOKEN, "work"), &[0])
        .await;
    // Only a forged record can carry a keyless recipient this far: proposing one is refused.
    chain
        .forge::<Proposal>(&proposal, |stored| {
            stored.action = reward(community.address, TOKEN, "work");
        })
        .await;
    let watched = [
        community.address,
        community.mint,
        proposal,
        community.ata(&community.address),
    ];
    let before = chain.snapshot(&watched).await;

    let result = chain
        .execute_mint_reward_with(&community, &proposal, &community.address, |_| {})
        .await;

    assert_error(result, AmpledError::NotAWallet);
    assert_eq!(chain.snapshot(&watched).await, before);
    assert_eq!(chain.supply(&community).await, 0);
}

#[tokio::test]
async fn a_reward_to_a_program_id_passes_the_vote_but_never_pays() {
    let mut chain = Chain::start().await;
    let community = chain.community(2).await;
    // A program id is a point on the curve, so only the executable account itself tells: the
    // program refuses it when the payment would be made.
    let token_program = anchor_spl::token_2022::ID;
    let proposal = chain
        .passed_proposal(&community, reward(token_program, TOKEN, "work"), &[0, 1])
        .await;
    let watched = [community.address, community.mint, proposal];
    let before = chain.snapshot(&watched).await;

    let result = chain.execute(&community, &proposal).await;

    assert_error(result, AmpledError::NotAWallet);
    assert_eq!(chain.snapshot(&watched).await, before);
    assert!(!chain.exists(&community.ata(&token_program)).await);
    assert_eq!(chain.supply(&community).await, 0);
}

// ---------------------------------------------------------------------------------------------
// The supply cap bounds everything ever minted
// ---------------------------------------------------------------------------------------------

/// `holder` burns `amount` of the community token from their own token account.
async fn burn(chain: &mut Chain, community: &CommunityFixture, holder: &Keypair, amount: u64) {
    let burn = anchor_spl::token_2022::spl_token_2022::instruction::burn(
        &anchor_spl::token_2022::ID,
        &community.ata(&holder.pubkey()),
        &community.mint,
        &holder.pubkey(),
        &[],
        amount,
    )
    .unwrap();
    chain.send(&[burn], &[holder]).await.expect("burn");
}

async fn capped_at(chain: &mut Chain, cap: u64) -> CommunityFixture {
    let rules = CommunityRules {
        supply_cap: Some(cap),
        ..default_rules()
    };
    chain.community_named("capped", 2, rules).await
}

#[tokio::test]
async fn burning_tokens_never_makes_room_under_the_supply_cap() {
    let mut chain = Chain::start().await;
    let community = capped_at(&mut chain, 100 * TOKEN).await;
    let bob = community.member(1).insecure_clone();
    chain
        .reward_member(&community, &bob.pubkey(), 100 * TOKEN)
        .await;
    burn(&mut chain, &community, &bob, 50 * TOKEN).await;
    assert_eq!(chain.supply(&community).await, 50 * TOKEN);
    let proposal = chain
        .passed_proposal(&community, reward(bob.pubkey(), 1, "one more"), &[0])
        .await;
    let watched = [
        community.address,
        community.mint,
        proposal,
        community.ata(&bob.pubkey()),
        community.member_address(&bob.pubkey()),
    ];
    let before = chain.snapshot(&watched).await;

    let result = chain.execute(&community, &proposal).await;

    assert_error(result, AmpledError::SupplyCapExceeded);
    assert_eq!(chain.snapshot(&watched).await, before);
    assert_eq!(chain.supply(&community).await, 50 * TOKEN);
    let state: Community = chain.account(&community.address).await;
    assert_eq!(state.total_minted, 100 * TOKEN);
}

#[tokio::test]
async fn the_supply_cap_is_compared_with_the_total_ever_minted_not_the_supply() {
    let mut chain = Chain::start().await;
    let community = capped_at(&mut chain, 100 * TOKEN).await;
    let bob = community.member(1).insecure_clone();
    chain
        .reward_member(&community, &bob.pubkey(), 60 * TOKEN)
        .await;
    burn(&mut chain, &community, &bob, 60 * TOKEN).await;
    assert_eq!(chain.supply(&community).await, 0);
    let over = chain
        .passed_proposal(
            &community,
            reward(bob.pubkey(), 40 * TOKEN + 1, "over"),
            &[0],
        )
        .await;

    // 60 minted + 40 and a unit would pass 100, though the supply is 0.
    assert_error(
        chain.execute(&community, &over).await,
        AmpledError::SupplyCapExceeded,
    );
    chain
        .reward_member(&community, &bob.pubkey(), 40 * TOKEN)
        .await;

    let state: Community = chain.account(&community.address).await;
    assert_eq!(state.total_minted, 100 * TOKEN);
    assert_eq!(chain.supply(&community).await, 40 * TOKEN);
}

#[tokio::test]
async fn a_supply_cap_between_the_supply_and_the_total_minted_is_refused_when_proposed() {
    let mut chain = Chain::start().await;
    let community = chain.community(2).await;
    let bob = community.member(1).insecure_clone();
    chain
        .reward_member(&community, &bob.pubkey(), 100 * TOKEN)
        .await;
    burn(&mut chain, &community, &bob, 50 * TOKEN).await;
    let proposer = community.member(0).insecure_clone();
    let watched = [
        community.address,
        community.member_address(&proposer.pubkey()),
    ];
    let before = chain.snapshot(&watched).await;
    let rules = CommunityRules {
        supply_cap: Some(60 * TOKEN),
        ..default_rules()
    };

    let result = chain
        .propose(&community, &proposer, ProposalAction::UpdateRules { rules })
        .await;

    assert_error(result, AmpledError::InvalidSupplyCap);
    assert_eq!(chain.snapshot(&watched).await, before);
}
