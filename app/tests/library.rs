//! The client library on its embedded chain: every flow through `Client`, the chain's state kept
//! between sessions, its history, the checks that refuse before sending, the program's and SPL
//! Token's refusals told by name, and the events and listings people read.
#![allow(deprecated)]

use ampled::errors::AmpledError;
use ampled::events::RewardMinted;
use ampled::state::{
    AuctionTerms, BountyCategory, BountyTerms, CommunityRules, MemberRole, ProposalAction,
    ProposalStatus,
};
use ampled_client::chain::{Chain, EmbeddedChain};
use ampled_client::client::MEMO_PROGRAM_ID;
use ampled_client::error::Missing;
use ampled_client::events::{Describer, Event};
use ampled_client::read::{self, CommunityView};
use ampled_client::{ix, Client, ClientError, Outcome};
use anchor_lang::prelude::Pubkey;
use anchor_spl::associated_token::spl_associated_token_account::instruction::create_associated_token_account_idempotent;
use anchor_spl::token_2022::{self as token, spl_token_2022 as spl_token};
use solana_keypair::Keypair;
use solana_signer::Signer;
use std::path::Path;

/// Base units per whole token: the communities here have 6 decimals.
#[path = "../../tests/src/fixtures.rs"]
mod fixtures;
use fixtures::{token_metadata, DAY, DECIMALS, SOL, TOKEN};

const COOP: &str = "coop";

/// The three founders of every community here.
struct Founders {
    ana: Keypair,
    ben: Keypair,
    cam: Keypair,
}

impl Founders {
    fn new() -> Self {
        Self {
            ana: Keypair::new(),
            ben: Keypair::new(),
            cam: Keypair::new(),
        }
    }

    fn all(&self) -> [&Keypair; 3] {
        [&self.ana, &self.ben, &self.cam]
    }

    /// A name for each founder's wallet in ledger lines; the address for anyone else.
    fn label(&self, wallet: &Pubkey) -> String {
        let names = [("ana", &self.ana), ("ben", &self.ben), ("cam", &self.cam)];
        names
            .iter()
            .find(|(_, keypair)| keypair.pubkey() == *wallet)
            .map(|(name, _)| name.to_string())
            .unwrap_or_else(|| wallet.to_string())
    }
}

/// Half the members, and at least two, approve; three days to vote; no caps.
fn rules() -> CommunityRules {
    CommunityRules {
        approval_threshold_bps: 5_000,
        min_approvals: 2,
        voting_period_secs: 3 * DAY,
        supply_cap: None,
        issuance_cap: None,
    }
}

/// `who` signing over `chain`.
fn as_signer<'a>(chain: &'a mut EmbeddedChain, who: &Keypair) -> Client<&'a mut EmbeddedChain> {
    Client::new(chain, who.insecure_clone())
}

async fn fund(chain: &mut EmbeddedChain, founders: &Founders) {
    for founder in founders.all() {
        chain.airdrop(&founder.pubkey(), 10 * SOL).await.unwrap();
    }
}

/// A chain in `dir` holding "coop", founded by ana, ben and cam (ana pays).
async fn found_coop(dir: &Path) -> (EmbeddedChain, Founders, Outcome) {
    let mut chain = EmbeddedChain::open(dir).unwrap();
    let founders = Founders::new();
    fund(&mut chain, &founders).await;
    let roles = [MemberRole::Artist, MemberRole::Worker, MemberRole::Worker];
    let founding = founders
        .all()
        .iter()
        .zip(roles)
        .map(|(founder, role)| (founder.pubkey(), role))
        .collect();
    let created = as_signer(&mut chain, &founders.ana)
        .create_community(COOP, DECIMALS, token_metadata(), rules(), founding)
        .await
        .unwrap();
    (chain, founders, created)
}

async fn coop(chain: &mut EmbeddedChain) -> CommunityView {
    read::community(chain, COOP).await.unwrap()
}

/// Ana proposes a reward of `amount` for cam.
async fn propose_reward_for_cam(
    chain: &mut EmbeddedChain,
    founders: &Founders,
    amount: u64,
) -> Outcome {
    let view = coop(chain).await;
    let action = ProposalAction::MintReward {
        recipient: founders.cam.pubkey(),
        amount,
        reason: "mixing the EP".into(),
    };
    as_signer(chain, &founders.ana)
        .propose(&view, action)
        .await
        .unwrap()
}

/// Ana proposes a reward for cam, ana and ben approve and ben executes it; returns the outcomes
/// of the proposal, the two votes and the execution.
async fn reward_cam(chain: &mut EmbeddedChain, founders: &Founders, amount: u64) -> [Outcome; 4] {
    let proposed = propose_reward_for_cam(chain, founders, amount).await;
    let proposal = proposed.created.unwrap();
    let view = coop(chain).await;
    let first = as_signer(chain, &founders.ana)
        .vote(&view, &proposal, true)
        .await
        .unwrap();
    let second = as_signer(chain, &founders.ben)
        .vote(&view, &proposal, true)
        .await
        .unwrap();
    let view = coop(chain).await;
    let executed = as_signer(chain, &founders.ben)
        .execute(&view, &proposal)
        .await
        .unwrap();
    [proposed, first, second, executed]
}

fn minted(outcome: &Outcome) -> &RewardMinted {
    outcome
        .events
        .iter()
        .find_map(|event| match event {
            Event::RewardMinted(minted) => Some(minted),
            _ => None,
        })
        .expect("a RewardMinted event")
}

fn kinds(outcome: &Outcome) -> Vec<&'static str> {
    outcome.events.iter().map(Event::kind).collect()
}

async fn signatures(chain: &mut EmbeddedChain, address: &Pubkey) -> Vec<String> {
    chain
        .history(address, usize::MAX)
        .await
        .unwrap()
        .into_iter()
        .map(|record| record.signature)
        .collect()
}

/// Everything a sent transaction would show in: the records naming the program or SPL Token,
/// every founder's SOL (fees) and community tokens.
#[derive(Debug, PartialEq, Eq)]
struct Snapshot {
    program_transactions: Vec<String>,
    token_transactions: Vec<String>,
    lamports: Vec<u64>,
    tokens: Vec<u64>,
}

async fn snapshot(chain: &mut EmbeddedChain, founders: &Founders) -> Snapshot {
    let view = coop(chain).await;
    let mut lamports = Vec::new();
    let mut tokens = Vec::new();
    for founder in founders.all() {
        lamports.push(read::sol_balance(chain, &founder.pubkey()).await.unwrap());
        tokens.push(
            read::wallet_balance(chain, &view, &founder.pubkey())
                .await
                .unwrap(),
        );
    }
    Snapshot {
        program_transactions: signatures(chain, &ampled::ID).await,
        token_transactions: signatures(chain, &token::ID).await,
        lamports,
        tokens,
    }
}

fn refusal(result: Result<Outcome, ClientError>) -> String {
    match result {
        Err(error) if error.is_refusal() => error.to_string(),
        Err(other) => panic!("expected a refusal before sending, got {other:?}"),
        Ok(outcome) => panic!("expected a refusal, but {} landed", outcome.signature),
    }
}

fn auction_terms(now: i64, reserve_price: u64) -> AuctionTerms {
    AuctionTerms {
        title: "Tour van seats".into(),
        uri: "https://example.org/van".into(),
        reserve_price,
        min_increment: TOKEN,
        starts_at: now,
        ends_at: now + DAY,
        snipe_window_secs: 0,
        snipe_extension_secs: 0,
        members_only: false,
    }
}

// The whole flow through `Client`.

#[tokio::test]
async fn members_found_a_coop_and_reward_one_of_them_by_vote() {
    let dir = tempfile::tempdir().unwrap();
    let (mut chain, founders, created) = found_coop(dir.path()).await;
    let cam = founders.cam.pubkey();

    let [proposed, first, second, executed] = reward_cam(&mut chain, &founders, 5 * TOKEN).await;

    // Creation.
    let view = coop(&mut chain).await;
    assert_eq!(created.created, Some(view.address));
    assert_eq!(kinds(&created), ["CommunityCreated"]);
    assert_eq!(view.decimals, DECIMALS);
    assert_eq!(view.state.rules, rules());
    let members = read::members(&mut chain, &view.address).await.unwrap();
    let wallets: Vec<Pubkey> = members.iter().map(|m| m.wallet).collect();
    assert_eq!(wallets, founders.all().map(|f| f.pubkey()));
    // The vote.
    assert_eq!(kinds(&proposed), ["ProposalCreated"]);
    let proposal = proposed.created.unwrap();
    let tallies: Vec<(u32, u32, ProposalStatus)> = [&first, &second]
        .iter()
        .flat_map(|outcome| &outcome.events)
        .map(|event| match event {
            Event::VoteCast(vote) => (vote.approvals, vote.required, vote.status),
            other => panic!("unexpected {} event", other.kind()),
        })
        .collect();
    assert_eq!(
        tallies,
        [
            (1, 2, ProposalStatus::Voting),
            (2, 2, ProposalStatus::Approved)
        ]
    );
    // The reward, in the event and on chain.
    let reward = minted(&executed);
    assert_eq!(
        (reward.recipient, reward.amount, reward.proposal),
        (cam, 5 * TOKEN, proposal)
    );
    assert_eq!(reward.member_total_earned, Some(5 * TOKEN));
    assert_eq!(reward.supply_after, 5 * TOKEN);
    assert_eq!(
        read::wallet_balance(&mut chain, &view, &cam).await.unwrap(),
        5 * TOKEN
    );
    assert_eq!(view.supply, 5 * TOKEN);
    assert_eq!(view.state.total_minted, 5 * TOKEN);
    let member = read::member(&mut chain, &view, &cam)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (member.total_earned, member.rewards_received),
        (5 * TOKEN, 1)
    );
    let (_, stored) = read::proposals(&mut chain, &view.address)
        .await
        .unwrap()
        .into_iter()
        .find(|(address, _)| *address == proposal)
        .unwrap();
    assert_eq!(stored.status, ProposalStatus::Executed);
}

#[tokio::test]
async fn the_flow_s_events_read_as_ledger_lines() {
    let dir = tempfile::tempdir().unwrap();
    let (mut chain, founders, created) = found_coop(dir.path()).await;

    let [proposed, _, second, executed] = reward_cam(&mut chain, &founders, 5 * TOKEN).await;

    let label = |wallet: &Pubkey| founders.label(wallet);
    let describer = Describer {
        decimals: DECIMALS,
        label: &label,
    };
    let short = ampled_client::events::short(&proposed.created.unwrap());
    let lines: Vec<String> = [&created, &proposed, &second, &executed]
        .iter()
        .map(|outcome| outcome.events[0].describe(&describer))
        .collect();
    assert_eq!(
        lines,
        [
            "ana founded \"coop\" with 3 founder(s)".to_string(),
            format!("ana proposed {short}: reward cam with 5 AMPLED for \"mixing the EP\""),
            format!("ben approved proposal {short} (2/2 approvals, passed)"),
            "5 AMPLED minted to cam for \"mixing the EP\"".to_string(),
        ]
    );
}

// The chain kept in its directory.

#[tokio::test]
async fn a_reopened_chain_keeps_accounts_balances_and_history_and_takes_more_transactions() {
    let dir = tempfile::tempdir().unwrap();
    let (mut chain, founders, _) = found_coop(dir.path()).await;
    reward_cam(&mut chain, &founders, 5 * TOKEN).await;
    let history_before = chain.history(&ampled::ID, 100).await.unwrap();
    let ana_sol_before = read::sol_balance(&mut chain, &founders.ana.pubkey())
        .await
        .unwrap();
    drop(chain);

    let mut reopened = EmbeddedChain::open(dir.path()).unwrap();

    let view = coop(&mut reopened).await;
    assert_eq!(view.supply, 5 * TOKEN);
    assert_eq!(
        read::wallet_balance(&mut reopened, &view, &founders.cam.pubkey())
            .await
            .unwrap(),
        5 * TOKEN
    );
    let cam = read::member(&mut reopened, &view, &founders.cam.pubkey())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(cam.total_earned, 5 * TOKEN);
    assert_eq!(
        read::sol_balance(&mut reopened, &founders.ana.pubkey())
            .await
            .unwrap(),
        ana_sol_before
    );
    assert_eq!(history_before.len(), 5);
    assert_eq!(
        reopened.history(&ampled::ID, 100).await.unwrap(),
        history_before
    );

    // A transaction on the reopened chain starts its bank from the stored accounts.
    let transferred = as_signer(&mut reopened, &founders.cam)
        .transfer(&view, &founders.ana.pubkey(), 2 * TOKEN, None)
        .await
        .unwrap();
    drop(reopened);
    let mut again = EmbeddedChain::open(dir.path()).unwrap();
    let balances = [
        read::wallet_balance(&mut again, &view, &founders.cam.pubkey())
            .await
            .unwrap(),
        read::wallet_balance(&mut again, &view, &founders.ana.pubkey())
            .await
            .unwrap(),
    ];
    assert_eq!(balances, [3 * TOKEN, 2 * TOKEN]);
    assert_eq!(
        signatures(&mut again, &founders.cam.pubkey()).await.last(),
        Some(&transferred.signature)
    );
}

#[tokio::test]
async fn a_proposal_made_after_reopening_continues_the_member_s_count() {
    let dir = tempfile::tempdir().unwrap();
    let (mut chain, founders, _) = found_coop(dir.path()).await;
    let first = propose_reward_for_cam(&mut chain, &founders, TOKEN).await;
    drop(chain);

    let mut reopened = EmbeddedChain::open(dir.path()).unwrap();
    let second = propose_reward_for_cam(&mut reopened, &founders, TOKEN).await;

    let view = coop(&mut reopened).await;
    let proposals: Vec<Pubkey> = read::proposals(&mut reopened, &view.address)
        .await
        .unwrap()
        .into_iter()
        .map(|(address, _)| address)
        .collect();
    assert_eq!(proposals, [first.created.unwrap(), second.created.unwrap()]);
    let ana = read::member(&mut reopened, &view, &founders.ana.pubkey())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(ana.proposals_created, 2);
}

#[tokio::test]
async fn an_advanced_clock_persists_and_the_program_sees_it() {
    let dir = tempfile::tempdir().unwrap();
    let (mut chain, founders, _) = found_coop(dir.path()).await;
    let proposal = propose_reward_for_cam(&mut chain, &founders, TOKEN)
        .await
        .created
        .unwrap();
    let before = chain.now().await.unwrap();

    let advanced = chain.advance_clock(4 * DAY).await.unwrap();
    drop(chain);
    let mut reopened = EmbeddedChain::open(dir.path()).unwrap();

    assert!(advanced >= before + 4 * DAY, "{before} -> {advanced}");
    assert!(reopened.now().await.unwrap() >= advanced);
    // The three-day vote has ended by the program's clock too.
    let view = coop(&mut reopened).await;
    let late_vote = ix::cast_vote(&view.address, &proposal, &founders.ana.pubkey(), true);
    let error = reopened
        .send(&[late_vote], &founders.ana, &[])
        .await
        .unwrap_err();
    assert_eq!(error.program_error_name(), Some("ProposalExpired"));
}

#[tokio::test]
async fn the_clock_refuses_to_go_back() {
    let dir = tempfile::tempdir().unwrap();
    let mut chain = EmbeddedChain::open(dir.path()).unwrap();
    let before = chain.now().await.unwrap();

    let errors = [
        chain.advance_clock(0).await.unwrap_err(),
        chain.advance_clock(-DAY).await.unwrap_err(),
    ];
    let advanced = chain.advance_clock(DAY).await.unwrap();

    for error in errors {
        assert!(
            matches!(&error, ClientError::Refused(m) if m.contains("only moves forward")),
            "{error:?}"
        );
    }
    // Had the day back been taken, this day forward would only have made up for it.
    assert!(advanced >= before + DAY, "{before} -> {advanced}");
}

// History.

#[tokio::test]
async fn history_lists_only_transactions_naming_the_address_oldest_first() {
    let dir = tempfile::tempdir().unwrap();
    let (mut chain, founders, created) = found_coop(dir.path()).await;
    let [proposed, first, second, executed] = reward_cam(&mut chain, &founders, 5 * TOKEN).await;
    let view = coop(&mut chain).await;
    let transferred = as_signer(&mut chain, &founders.cam)
        .transfer(&view, &founders.ben.pubkey(), TOKEN, None)
        .await
        .unwrap();
    let outsider = Keypair::new().pubkey();

    let program = chain.history(&ampled::ID, 100).await.unwrap();
    let cam = signatures(&mut chain, &founders.cam.pubkey()).await;
    let nobody = chain.history(&outsider, 100).await.unwrap();

    let program_signatures: Vec<&str> = program.iter().map(|r| r.signature.as_str()).collect();
    assert_eq!(
        program_signatures,
        [&created, &proposed, &first, &second, &executed].map(|o| o.signature.as_str())
    );
    assert!(program.windows(2).all(|pair| pair[0].slot < pair[1].slot));
    // Cam's wallet is named by the reward's payout and by cam's own transfer only: founding,
    // proposing and voting name cam's membership record, not the wallet.
    assert_eq!(cam, [&executed, &transferred].map(|o| o.signature.clone()));
    assert!(nobody.is_empty());
}

#[tokio::test]
async fn history_keeps_the_latest_records_within_the_limit() {
    let dir = tempfile::tempdir().unwrap();
    let (mut chain, founders, _) = found_coop(dir.path()).await;
    let [_, _, second, executed] = reward_cam(&mut chain, &founders, 5 * TOKEN).await;

    let latest = chain.history(&ampled::ID, 2).await.unwrap();
    let none = chain.history(&ampled::ID, 0).await.unwrap();

    let latest: Vec<String> = latest.into_iter().map(|r| r.signature).collect();
    assert_eq!(latest, [second.signature, executed.signature]);
    assert!(none.is_empty());
}

// Refusals before anything is sent.

#[tokio::test]
async fn approving_one_s_own_reward_is_refused_before_sending() {
    let dir = tempfile::tempdir().unwrap();
    let (mut chain, founders, _) = found_coop(dir.path()).await;
    let proposal = propose_reward_for_cam(&mut chain, &founders, TOKEN)
        .await
        .created
        .unwrap();
    let view = coop(&mut chain).await;
    let before = snapshot(&mut chain, &founders).await;

    let result = as_signer(&mut chain, &founders.cam)
        .vote(&view, &proposal, true)
        .await;

    assert_eq!(
        refusal(result),
        "You cannot approve a proposal that pays, admits or promotes you; other members must decide"
    );
    assert_eq!(snapshot(&mut chain, &founders).await, before);
}

/// The co-op, with a 1-token reward for cam proposed and approved by ana.
async fn ana_approved_a_reward_for_cam(
    dir: &Path,
) -> (EmbeddedChain, Founders, CommunityView, Pubkey) {
    let (mut chain, founders, _) = found_coop(dir).await;
    let proposal = propose_reward_for_cam(&mut chain, &founders, TOKEN)
        .await
        .created
        .unwrap();
    let view = coop(&mut chain).await;
    as_signer(&mut chain, &founders.ana)
        .vote(&view, &proposal, true)
        .await
        .unwrap();
    (chain, founders, view, proposal)
}

#[tokio::test]
async fn voting_twice_is_refused_before_sending_with_the_program_s_words() {
    let dir = tempfile::tempdir().unwrap();
    let (mut chain, founders, view, proposal) = ana_approved_a_reward_for_cam(dir.path()).await;
    let before = snapshot(&mut chain, &founders).await;

    let result = as_signer(&mut chain, &founders.ana)
        .vote(&view, &proposal, false)
        .await;

    assert_eq!(refusal(result), AmpledError::AlreadyVoted.to_string());
    assert_eq!(snapshot(&mut chain, &founders).await, before);
}

/// The co-op, with 5 tokens rewarded to cam and an item ana lists with a reserve of 3.
async fn cam_holds_5_and_ana_lists_at_3(
    dir: &Path,
) -> (EmbeddedChain, Founders, CommunityView, Pubkey) {
    let (mut chain, founders, _) = found_coop(dir).await;
    reward_cam(&mut chain, &founders, 5 * TOKEN).await;
    let view = coop(&mut chain).await;
    let now = chain.now().await.unwrap();
    let auction = as_signer(&mut chain, &founders.ana)
        .list_auction(&view, auction_terms(now, 3 * TOKEN))
        .await
        .unwrap()
        .created
        .unwrap();
    (chain, founders, view, auction)
}

#[tokio::test]
async fn a_bid_below_the_reserve_is_refused_before_sending_with_the_lowest_acceptable_bid() {
    let dir = tempfile::tempdir().unwrap();
    let (mut chain, founders, view, auction) = cam_holds_5_and_ana_lists_at_3(dir.path()).await;
    let before = snapshot(&mut chain, &founders).await;

    let result = as_signer(&mut chain, &founders.cam)
        .bid(&view, &auction, TOKEN)
        .await;

    let message = refusal(result);
    assert!(
        message.starts_with(&AmpledError::BidTooLow.to_string()),
        "{message}"
    );
    assert!(
        message.ends_with("the lowest acceptable bid now is 3 AMPLED"),
        "{message}"
    );
    assert_eq!(snapshot(&mut chain, &founders).await, before);
}

#[tokio::test]
async fn a_bid_above_what_the_bidder_holds_is_refused_before_sending() {
    let dir = tempfile::tempdir().unwrap();
    let (mut chain, founders, view, auction) = cam_holds_5_and_ana_lists_at_3(dir.path()).await;
    let before = snapshot(&mut chain, &founders).await;

    let result = as_signer(&mut chain, &founders.cam)
        .bid(&view, &auction, 6 * TOKEN)
        .await;

    assert_eq!(refusal(result), "You hold 5 AMPLED but this needs 6");
    assert_eq!(snapshot(&mut chain, &founders).await, before);
}

#[tokio::test]
async fn transferring_more_than_held_is_refused_before_sending() {
    let dir = tempfile::tempdir().unwrap();
    let (mut chain, founders, _) = found_coop(dir.path()).await;
    reward_cam(&mut chain, &founders, 5 * TOKEN).await;
    let view = coop(&mut chain).await;
    let before = snapshot(&mut chain, &founders).await;

    let result = as_signer(&mut chain, &founders.cam)
        .transfer(
            &view,
            &founders.ben.pubkey(),
            5 * TOKEN + 1,
            Some("too much"),
        )
        .await;

    assert_eq!(refusal(result), "You hold 5 AMPLED but this needs 5.000001");
    assert_eq!(snapshot(&mut chain, &founders).await, before);
}

#[tokio::test]
async fn claiming_a_bounty_twice_is_refused_before_sending() {
    let dir = tempfile::tempdir().unwrap();
    let (mut chain, founders, _) = found_coop(dir.path()).await;
    reward_cam(&mut chain, &founders, 5 * TOKEN).await;
    let view = coop(&mut chain).await;
    let terms = BountyTerms {
        category: BountyCategory::StreetTeam,
        title: "Poster the venue".into(),
        uri: "https://example.org/posters".into(),
        reward: TOKEN,
        max_claims: 1,
        deadline: None,
    };
    let bounty = as_signer(&mut chain, &founders.cam)
        .post_member_bounty(&view, terms)
        .await
        .unwrap()
        .created
        .unwrap();
    let claimed = as_signer(&mut chain, &founders.ana)
        .claim_bounty(&bounty)
        .await
        .unwrap();
    assert_eq!(kinds(&claimed), ["BountyClaimed"]);
    let before = snapshot(&mut chain, &founders).await;

    let result = as_signer(&mut chain, &founders.ana)
        .claim_bounty(&bounty)
        .await;

    assert_eq!(
        refusal(result),
        "You already claimed this bounty (your claim is Claimed)"
    );
    assert_eq!(snapshot(&mut chain, &founders).await, before);
}

#[tokio::test]
async fn a_second_community_with_a_taken_name_is_refused_before_sending() {
    let dir = tempfile::tempdir().unwrap();
    let (mut chain, founders, _) = found_coop(dir.path()).await;
    let before = snapshot(&mut chain, &founders).await;

    let result = as_signer(&mut chain, &founders.ben)
        .create_community(
            COOP,
            DECIMALS,
            token_metadata(),
            rules(),
            vec![
                (founders.ben.pubkey(), MemberRole::Worker),
                (founders.cam.pubkey(), MemberRole::Worker),
            ],
        )
        .await;

    assert_eq!(
        refusal(result),
        "A community named \"coop\" already exists; pick another name"
    );
    assert_eq!(snapshot(&mut chain, &founders).await, before);
}

#[tokio::test]
async fn a_wallet_without_sol_is_told_to_fund_itself_before_sending() {
    let dir = tempfile::tempdir().unwrap();
    let mut chain = EmbeddedChain::open(dir.path()).unwrap();
    let broke = Keypair::new();

    let result = as_signer(&mut chain, &broke)
        .create_community(
            COOP,
            DECIMALS,
            token_metadata(),
            CommunityRules {
                min_approvals: 1,
                ..rules()
            },
            vec![(broke.pubkey(), MemberRole::Artist)],
        )
        .await;

    // The library says what is missing; the command line adds how to fund it.
    assert!(
        matches!(
            &result,
            Err(ClientError::Missing(Missing::FeeMoney { wallet, embedded: true }))
                if *wallet == broke.pubkey().to_string()
        ),
        "{:?}",
        result.as_ref().err()
    );
    assert!(chain.history(&ampled::ID, 10).await.unwrap().is_empty());
    assert!(chain
        .account(&ix::community_address(COOP))
        .await
        .unwrap()
        .is_none());
}

// Refusals by the chain, told by name.

#[tokio::test]
async fn a_second_vote_sent_raw_is_refused_by_the_program_as_already_voted() {
    let dir = tempfile::tempdir().unwrap();
    let (mut chain, founders, view, proposal) = ana_approved_a_reward_for_cam(dir.path()).await;
    let before = snapshot(&mut chain, &founders).await;
    let again = ix::cast_vote(&view.address, &proposal, &founders.ana.pubkey(), false);

    let error = chain.send(&[again], &founders.ana, &[]).await.unwrap_err();

    let ClientError::Program {
        code,
        name,
        message,
        logs,
    } = error
    else {
        panic!("expected the program's refusal, got {error:?}");
    };
    assert_eq!(name, "AlreadyVoted");
    assert_eq!(code, u32::from(AmpledError::AlreadyVoted));
    assert_eq!(message, AmpledError::AlreadyVoted.to_string());
    assert!(
        logs.iter()
            .any(|line| line.contains(&format!("custom program error: {code:#x}"))),
        "{logs:#?}"
    );
    assert_eq!(snapshot(&mut chain, &founders).await, before);
}

#[tokio::test]
async fn a_low_bid_sent_raw_is_refused_by_the_program_as_bid_too_low() {
    let dir = tempfile::tempdir().unwrap();
    let (mut chain, founders, view, auction) = cam_holds_5_and_ana_lists_at_3(dir.path()).await;
    let before = snapshot(&mut chain, &founders).await;
    let bid = ix::place_bid(
        &view.address,
        &view.mint(),
        &auction,
        &founders.cam.pubkey(),
        None,
        true,
        TOKEN,
    );

    let error = chain.send(&[bid], &founders.cam, &[]).await.unwrap_err();

    let ClientError::Program {
        code,
        name,
        message,
        ..
    } = error
    else {
        panic!("expected the program's refusal, got {error:?}");
    };
    assert_eq!(name, "BidTooLow");
    assert_eq!(code, u32::from(AmpledError::BidTooLow));
    assert_eq!(message, AmpledError::BidTooLow.to_string());
    assert_eq!(snapshot(&mut chain, &founders).await, before);
}

#[tokio::test]
async fn an_spl_transfer_of_more_than_held_is_refused_as_insufficient_funds() {
    let dir = tempfile::tempdir().unwrap();
    let (mut chain, founders, _) = found_coop(dir.path()).await;
    reward_cam(&mut chain, &founders, 5 * TOKEN).await;
    let view = coop(&mut chain).await;
    let (cam, ben) = (founders.cam.pubkey(), founders.ben.pubkey());
    let before = snapshot(&mut chain, &founders).await;
    let instructions = [
        create_associated_token_account_idempotent(&cam, &ben, &view.mint(), &token::ID),
        spl_token::instruction::transfer_checked(
            &token::ID,
            &view.ata(&cam),
            &view.mint(),
            &view.ata(&ben),
            &cam,
            &[],
            6 * TOKEN,
            DECIMALS,
        )
        .unwrap(),
    ];

    let error = chain
        .send(&instructions, &founders.cam, &[])
        .await
        .unwrap_err();

    let ClientError::Program {
        code,
        name,
        message,
        ..
    } = error
    else {
        panic!("expected SPL Token's refusal, got {error:?}");
    };
    assert_eq!(
        (code, name.as_str()),
        (
            spl_token::error::TokenError::InsufficientFunds as u32,
            "InsufficientFunds"
        )
    );
    assert_eq!(
        message,
        "The paying token account does not hold enough tokens"
    );
    // The whole transaction failed: not even ben's token account was created.
    assert!(chain.account(&view.ata(&ben)).await.unwrap().is_none());
    assert_eq!(snapshot(&mut chain, &founders).await, before);
}

#[tokio::test]
async fn a_transaction_missing_a_signature_is_refused_before_reaching_the_chain() {
    let dir = tempfile::tempdir().unwrap();
    let (mut chain, founders, _) = found_coop(dir.path()).await;
    let view = coop(&mut chain).await;
    let proposal = propose_reward_for_cam(&mut chain, &founders, TOKEN)
        .await
        .created
        .unwrap();
    let before = snapshot(&mut chain, &founders).await;
    // Ben's vote, paid and signed by ana alone.
    let vote = ix::cast_vote(&view.address, &proposal, &founders.ben.pubkey(), true);

    let error = chain.send(&[vote], &founders.ana, &[]).await.unwrap_err();

    assert!(
        matches!(&error, ClientError::Refused(m) if m.starts_with("cannot sign the transaction")),
        "{error:?}"
    );
    assert_eq!(snapshot(&mut chain, &founders).await, before);
}

#[tokio::test]
async fn a_wallet_short_of_sol_for_the_recipient_s_token_account_is_told_it_lacks_sol_not_tokens() {
    let dir = tempfile::tempdir().unwrap();
    let (mut chain, founders, _) = found_coop(dir.path()).await;
    reward_cam(&mut chain, &founders, 5 * TOKEN).await;
    let view = coop(&mut chain).await;
    let dee = Keypair::new();
    as_signer(&mut chain, &founders.cam)
        .transfer(&view, &dee.pubkey(), 2 * TOKEN, None)
        .await
        .unwrap();
    // Enough for fees, not for the ~0.002 SOL rent of a token account.
    chain.airdrop(&dee.pubkey(), 1_000_000).await.unwrap();
    let newcomer = Keypair::new().pubkey();

    let error = as_signer(&mut chain, &dee)
        .transfer(&view, &newcomer, TOKEN, None)
        .await
        .err()
        .expect("the chain refuses");

    let ClientError::Program {
        code,
        name,
        message,
        ..
    } = error
    else {
        panic!("expected the System program's refusal, got {error:?}");
    };
    assert_eq!((code, name.as_str()), (1, "ResultWithNegativeLamports"));
    assert_eq!(
        message,
        "The paying wallet does not hold enough SOL for the rent of the accounts this creates; fund it first"
    );
    assert_eq!(
        read::wallet_balance(&mut chain, &view, &dee.pubkey())
            .await
            .unwrap(),
        2 * TOKEN
    );
    assert!(chain.history(&newcomer, 10).await.unwrap().is_empty());
}

#[tokio::test]
async fn a_member_short_of_sol_for_a_proposal_s_rent_is_told_it_lacks_sol() {
    let dir = tempfile::tempdir().unwrap();
    let (mut chain, founders, _) = found_coop(dir.path()).await;
    let view = coop(&mut chain).await;
    let dee = Keypair::new();
    chain.airdrop(&dee.pubkey(), 10 * SOL).await.unwrap();
    let admit = ProposalAction::AddMember {
        wallet: dee.pubkey(),
        role: MemberRole::Worker,
    };
    let proposal = as_signer(&mut chain, &founders.ana)
        .propose(&view, admit)
        .await
        .unwrap()
        .created
        .unwrap();
    for voter in [&founders.ana, &founders.ben] {
        as_signer(&mut chain, voter)
            .vote(&view, &proposal, true)
            .await
            .unwrap();
    }
    let view = coop(&mut chain).await;
    as_signer(&mut chain, &founders.ben)
        .execute(&view, &proposal)
        .await
        .unwrap();
    // Dee spends nearly all their SOL, keeping enough for fees only.
    let spend = read::sol_balance(&mut chain, &dee.pubkey()).await.unwrap() - 1_000_000;
    let elsewhere = Keypair::new().pubkey();
    chain
        .send(
            &[anchor_lang::solana_program::system_instruction::transfer(
                &dee.pubkey(),
                &elsewhere,
                spend,
            )],
            &dee,
            &[],
        )
        .await
        .unwrap();
    let view = coop(&mut chain).await;
    let before = signatures(&mut chain, &ampled::ID).await;

    let error = as_signer(&mut chain, &dee)
        .propose(
            &view,
            ProposalAction::MintReward {
                recipient: founders.ana.pubkey(),
                amount: TOKEN,
                reason: "booking the tour".into(),
            },
        )
        .await
        .err()
        .expect("the chain refuses");

    assert_eq!(
        error.program_error_name(),
        Some("ResultWithNegativeLamports")
    );
    assert_eq!(signatures(&mut chain, &ampled::ID).await, before);
    let dee_member = read::member(&mut chain, &view, &dee.pubkey())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(dee_member.proposals_created, 0);
}

#[tokio::test]
async fn the_chain_takes_the_next_transaction_after_refusing_one() {
    let dir = tempfile::tempdir().unwrap();
    let (mut chain, founders, _) = found_coop(dir.path()).await;
    let proposal = propose_reward_for_cam(&mut chain, &founders, TOKEN)
        .await
        .created
        .unwrap();
    let view = coop(&mut chain).await;
    let cam_approves = ix::cast_vote(&view.address, &proposal, &founders.cam.pubkey(), true);
    let refused = chain
        .send(&[cam_approves], &founders.cam, &[])
        .await
        .unwrap_err();
    assert_eq!(
        refused.program_error_name(),
        Some("CannotApproveOwnBenefit")
    );

    let voted = as_signer(&mut chain, &founders.ana)
        .vote(&view, &proposal, true)
        .await
        .unwrap();

    assert_eq!(kinds(&voted), ["VoteCast"]);
    assert_eq!(
        signatures(&mut chain, &ampled::ID).await.last(),
        Some(&voted.signature)
    );
}

// Tokens.

#[tokio::test]
async fn a_transfer_with_a_memo_lands_through_the_memo_program() {
    let dir = tempfile::tempdir().unwrap();
    let (mut chain, founders, _) = found_coop(dir.path()).await;
    reward_cam(&mut chain, &founders, 5 * TOKEN).await;
    let view = coop(&mut chain).await;
    let (cam, ben) = (founders.cam.pubkey(), founders.ben.pubkey());

    let sent = as_signer(&mut chain, &founders.cam)
        .transfer(&view, &ben, 2 * TOKEN, Some("van fuel, Leeds"))
        .await
        .unwrap();

    assert!(sent.events.is_empty());
    let balances = [
        read::wallet_balance(&mut chain, &view, &cam).await.unwrap(),
        read::wallet_balance(&mut chain, &view, &ben).await.unwrap(),
    ];
    assert_eq!(balances, [3 * TOKEN, 2 * TOKEN]);
    let record = chain.history(&ben, 1).await.unwrap().remove(0);
    assert_eq!(record.signature, sent.signature);
    let memo = record
        .instructions
        .iter()
        .find(|instruction| instruction.program_id == MEMO_PROGRAM_ID)
        .expect("the memo instruction is recorded");
    assert_eq!(memo.data, b"van fuel, Leeds");
    assert_eq!(memo.accounts, [cam]);
    assert_eq!(chain.history(&MEMO_PROGRAM_ID, 10).await.unwrap(), [record]);
}

#[tokio::test]
async fn the_same_transfer_twice_lands_twice() {
    let dir = tempfile::tempdir().unwrap();
    let (mut chain, founders, _) = found_coop(dir.path()).await;
    reward_cam(&mut chain, &founders, 5 * TOKEN).await;
    let view = coop(&mut chain).await;
    let ben = founders.ben.pubkey();

    let first = as_signer(&mut chain, &founders.cam)
        .transfer(&view, &ben, TOKEN, None)
        .await
        .unwrap();
    let second = as_signer(&mut chain, &founders.cam)
        .transfer(&view, &ben, TOKEN, None)
        .await
        .unwrap();

    assert_ne!(first.signature, second.signature);
    assert_eq!(
        read::wallet_balance(&mut chain, &view, &ben).await.unwrap(),
        2 * TOKEN
    );
    let latest: Vec<String> = chain
        .history(&ben, 2)
        .await
        .unwrap()
        .into_iter()
        .map(|record| record.signature)
        .collect();
    assert_eq!(latest, [first.signature, second.signature]);
}

// Events and listings.

#[test]
fn an_event_payload_decodes_back_to_the_event_and_reads_as_a_line() {
    let cam = Pubkey::new_unique();
    let event = RewardMinted {
        community: Pubkey::new_unique(),
        proposal: Pubkey::new_unique(),
        recipient: cam,
        amount: 12_500_000,
        reason: "mixing the EP".into(),
        member_total_earned: Some(20 * TOKEN),
        supply_after: 100 * TOKEN,
        timestamp: 1_700_000_000,
    };
    let payload = anchor_lang::Event::data(&event);

    let decoded = Event::decode(&payload).expect("a known event");

    let Event::RewardMinted(minted) = &decoded else {
        panic!("decoded as {}", decoded.kind());
    };
    assert_eq!(
        (
            minted.community,
            minted.proposal,
            minted.recipient,
            minted.amount
        ),
        (event.community, event.proposal, cam, 12_500_000)
    );
    assert_eq!(minted.reason, event.reason);
    assert_eq!(minted.member_total_earned, Some(20 * TOKEN));
    assert_eq!(minted.supply_after, 100 * TOKEN);
    assert_eq!(decoded.kind(), "RewardMinted");
    assert_eq!(decoded.timestamp(), 1_700_000_000);
    assert_eq!(decoded.community(), event.community);
    assert_eq!(decoded.wallets(), [cam]);
    let label = |wallet: &Pubkey| {
        if *wallet == cam {
            "cam".to_string()
        } else {
            wallet.to_string()
        }
    };
    let describer = Describer {
        decimals: DECIMALS,
        label: &label,
    };
    assert_eq!(
        decoded.describe(&describer),
        "12.5 AMPLED minted to cam for \"mixing the EP\""
    );
}

#[test]
fn a_payload_that_is_not_a_whole_known_event_does_not_decode() {
    let event = RewardMinted {
        community: Pubkey::new_unique(),
        proposal: Pubkey::new_unique(),
        recipient: Pubkey::new_unique(),
        amount: TOKEN,
        reason: "mixing the EP".into(),
        member_total_earned: None,
        supply_after: TOKEN,
        timestamp: 1_700_000_000,
    };
    let payload = anchor_lang::Event::data(&event);
    let mut unknown = payload.clone();
    unknown[0] ^= 0xff;

    assert!(Event::decode(&payload[..payload.len() - 1]).is_none());
    assert!(Event::decode(&unknown).is_none());
    assert!(Event::decode(&[]).is_none());
}

#[test]
fn an_event_instruction_s_payload_is_what_follows_anchor_s_event_tag() {
    let body = vec![1, 2, 3];
    let instruction_data = [anchor_lang::event::EVENT_IX_TAG_LE, &body[..]].concat();

    assert_eq!(
        ampled_client::events::event_payload(&instruction_data),
        Some(body)
    );
    assert_eq!(ampled_client::events::event_payload(&[1, 2, 3]), None);
}

#[test]
fn pick_finds_the_one_record_a_prefix_names_and_refuses_unknown_or_ambiguous_prefixes() {
    // Two addresses that differ only in their last byte share a long base58 prefix.
    let first = Pubkey::new_from_array([7; 32]);
    let mut bytes = [7; 32];
    bytes[31] = 8;
    let second = Pubkey::new_from_array(bytes);
    let (a, b) = (first.to_string(), second.to_string());
    let shared = a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count();
    assert!(shared >= 8, "{a} / {b}");
    let records = || vec![(first, "first"), (second, "second")];

    let picked = read::pick(records(), &b[..=shared], "proposal").unwrap();
    let ambiguous = read::pick(records(), &a[..shared], "proposal").unwrap_err();
    // Base58 has no zero, so no address starts with one.
    let unknown = read::pick(records(), "0", "proposal").unwrap_err();

    assert_eq!(picked, (second, "second"));
    assert_eq!(
        ambiguous,
        ClientError::Refused(format!(
            "2 proposals have addresses starting with \"{}\"; give more characters",
            &a[..shared]
        ))
    );
    assert_eq!(
        unknown,
        ClientError::Missing(Missing::RecordPrefix {
            kind: "proposal".into(),
            prefix: "0".into()
        })
    );
}

#[tokio::test]
async fn pick_chooses_among_the_community_s_proposals_by_the_short_address_listings_show() {
    let dir = tempfile::tempdir().unwrap();
    let (mut chain, founders, _) = found_coop(dir.path()).await;
    let first = propose_reward_for_cam(&mut chain, &founders, TOKEN)
        .await
        .created
        .unwrap();
    let second = propose_reward_for_cam(&mut chain, &founders, 2 * TOKEN)
        .await
        .created
        .unwrap();
    let view = coop(&mut chain).await;
    let proposals = read::proposals(&mut chain, &view.address).await.unwrap();

    let (picked, proposal) = read::pick(
        proposals.clone(),
        &ampled_client::events::short(&second),
        "proposal",
    )
    .unwrap();
    let everything = read::pick(proposals, "", "proposal").unwrap_err();

    assert_ne!(first, second);
    assert_eq!(picked, second);
    assert!(matches!(
        proposal.action,
        ProposalAction::MintReward { amount, .. } if amount == 2 * TOKEN
    ));
    assert_eq!(
        everything,
        ClientError::Refused(
            "2 proposals have addresses starting with \"\"; give more characters".into()
        )
    );
}
