//! Model-based tests: random sequences of co-op operations, by members, outsiders and attackers,
//! run against the program and against a small reference model of the co-op written in plain
//! Rust. After every step the model's prediction (success, or the exact error) must match what the
//! chain did, and invariants read from the chain must hold: supply equals the sum of every token
//! account, nothing is minted past the caps, escrow vaults hold exactly what they owe, no claim is
//! paid twice, tallies count only active eligible members, and the mint shows the name, symbol
//! and uri members last approved, under the community's authority, and stays rent-exempt.
//!
//! `AMPLED_MODEL_CASES` (sequences, default 1,000, split between two tests that run in parallel),
//! `AMPLED_MODEL_STEPS` (operations per sequence, default 50) and `AMPLED_MODEL_SEED` (64 hex
//! digits, to replay a failure) tune a run; `AMPLED_MODEL_COVERAGE` prints how often each kind
//! of operation (and of proposed or executed action) succeeded or failed with each error. A
//! failure prints its seed and the shrunk sequence of operations.
#![allow(deprecated)]

use ampled::state::*;
use ampled::utils::mint::read_token_metadata;
use ampled_client::ix::associated_token_address as get_associated_token_address;
use ampled_tests::*;
use anchor_lang::prelude::Pubkey;
use anchor_lang::AccountDeserialize;
use anchor_spl::token_2022::spl_token_2022 as spl_token;
use anchor_spl::token_interface::spl_pod::optional_keys::OptionalNonZeroPubkey;
use proptest::prelude::*;
use proptest::test_runner::{Config, RngAlgorithm, TestCaseError, TestError, TestRng, TestRunner};
use solana_instruction::Instruction;
use solana_keypair::Keypair;
use solana_signer::Signer;
use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};
use std::time::Instant;

/// Wallets 0..FOUNDERS found each community; the others start as outsiders.
const FOUNDERS: usize = 3;
const ACTORS: usize = 6;
/// What each founder is rewarded before a sequence starts, so tokens can move from step one.
const SEED_TOKENS: u64 = 1_000;
const HOUR: i64 = 60 * 60;

const ACCOUNT_NOT_INITIALIZED: u32 = 3012;
const CONSTRAINT_SEEDS: u32 = 2006;
/// SPL Token's own error codes.
const TOKEN_INSUFFICIENT_FUNDS: u32 = 1;
const TOKEN_OWNER_MISMATCH: u32 = 4;

fn starting_rules() -> CommunityRules {
    CommunityRules {
        approval_threshold_bps: 5_000,
        min_approvals: 1,
        voting_period_secs: 3 * DAY,
        // Just above the founders' 3,000, so both caps bite: a reward of 1,500 passes the supply
        // cap, one of 400 in the founders' period the issuance cap.
        supply_cap: Some(3_600),
        issuance_cap: Some(IssuanceCap {
            amount: 3_350,
            period_secs: 30 * DAY,
        }),
    }
}

// ---------------------------------------------------------------------------------------------
// Operations, as generated. Indices into the model's lists count back from the newest record.
// ---------------------------------------------------------------------------------------------

#[derive(Clone, Debug)]
enum Dest {
    Actor(u8),
    /// The treasury: a program-derived address no key controls.
    Treasury,
}

#[derive(Clone, Debug)]
enum ActionSpec {
    Reward {
        to: Dest,
        amount: u64,
    },
    Transfer {
        to: Dest,
        amount: u64,
    },
    Add {
        who: u8,
        role: u8,
    },
    Remove {
        who: u8,
    },
    ChangeRole {
        who: u8,
        role: u8,
    },
    Rules {
        variant: u8,
    },
    PostBounty {
        reward: u64,
        max_claims: u32,
        deadline: bool,
        code: bool,
    },
    PayClaim {
        bounty: u8,
        claimant: u8,
        lie: bool,
    },
    RejectClaim {
        bounty: u8,
        claimant: u8,
        empty_reason: bool,
    },
    ListAuction {
        reserve: u64,
        delay: i64,
        duration: i64,
        burn: bool,
    },
    Budget {
        code: bool,
        amount: u64,
        period: i64,
    },
    TokenMetadata(TokenSpec),
}

/// A change of what wallets show for the token, resolved against the metadata when proposed.
#[derive(Clone, Debug)]
enum TokenSpec {
    /// The name, symbol or uri (field 0, 1 or 2; 3 for all three) set to a value of a small pool
    /// other than the current one, so values come back and changes undo each other.
    Change {
        field: u8,
        pick: u8,
    },
    /// The metadata as it is: refused at execution unless another change executed in between.
    Same,
    EmptyName,
    /// 11 bytes, one past the limit.
    LongSymbol,
    /// A scheme wallets would fetch over plain HTTP.
    HttpUri,
}

const TOKEN_NAMES: [&str; 3] = ["Ampled", "Ampled Co-op", "Ampled Musicians Cooperative"];
const TOKEN_SYMBOLS: [&str; 3] = ["AMPLED", "AMP", "AMPLEDCOOP"];

/// Uris from empty to the longest allowed, so the mint's metadata shrinks and grows.
fn token_uris() -> Vec<String> {
    vec![
        token_metadata().uri,
        String::new(),
        "ipfs://bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi".into(),
        // 200 bytes, the longest allowed.
        format!("ar://{}", "u".repeat(195)),
    ]
}

#[derive(Clone, Debug)]
enum Op {
    Found {
        name: u8,
    },
    Propose {
        by: u8,
        action: ActionSpec,
    },
    Vote {
        by: u8,
        proposal: u8,
        approve: bool,
    },
    Execute {
        proposal: u8,
    },
    Cancel {
        by: u8,
        proposal: u8,
    },
    CloseProposal {
        proposal: u8,
    },
    PostBounty {
        by: u8,
        reward: u64,
        max_claims: u32,
        deadline: u8,
    },
    Claim {
        by: u8,
        bounty: u8,
    },
    Submit {
        by: u8,
        bounty: u8,
        empty: bool,
    },
    Withdraw {
        by: u8,
        bounty: u8,
    },
    Approve {
        by: u8,
        bounty: u8,
        claimant: u8,
    },
    Reject {
        by: u8,
        bounty: u8,
        claimant: u8,
    },
    EndBounty {
        by: u8,
        bounty: u8,
    },
    CloseBounty {
        bounty: u8,
    },
    CloseClaim {
        bounty: u8,
        claimant: u8,
    },
    ListAuction {
        by: u8,
        reserve: u64,
        delay: i64,
        duration: i64,
        members_only: bool,
        snipe: bool,
    },
    Bid {
        by: u8,
        auction: u8,
        kind: u8,
    },
    Settle {
        auction: u8,
    },
    CancelAuction {
        by: u8,
        auction: u8,
    },
    HandOver {
        by: u8,
        auction: u8,
    },
    CloseAuction {
        auction: u8,
    },
    Transfer {
        from: u8,
        to: u8,
        kind: u8,
    },
    Burn {
        by: u8,
        kind: u8,
    },
    Advance {
        secs: i64,
    },
    /// An attacker signs a transfer out of someone else's token account.
    Steal {
        thief: u8,
        victim: u8,
        kind: u8,
    },
    /// An attacker withdraws someone else's claim.
    WithdrawOthersClaim {
        attacker: u8,
        bounty: u8,
        victim: u8,
    },
    /// An approved payout executed to a wallet other than the one members approved.
    RedirectPayout {
        proposal: u8,
        to: u8,
    },
    /// Another community's proposal voted on, or executed, with this community's accounts.
    ForeignProposal {
        by: u8,
        execute: bool,
    },
    /// A claim on one bounty approved through another bounty (its poster signing).
    CrossBountyApprove {
        bounty: u8,
        claim: u8,
    },
    /// An auction settled with the proceeds sent to someone else's token account.
    SettleTo {
        auction: u8,
        thief: u8,
    },
}

fn actor() -> impl Strategy<Value = u8> {
    // Founders act most; outsiders are the non-members and attackers.
    prop_oneof![3 => 0..FOUNDERS as u8, 1 => 0..ACTORS as u8]
}

fn recent() -> impl Strategy<Value = u8> {
    prop_oneof![3 => 0u8..2, 1 => 0u8..8]
}

fn dest() -> impl Strategy<Value = Dest> {
    prop_oneof![9 => actor().prop_map(Dest::Actor), 1 => Just(Dest::Treasury)]
}

fn action_spec() -> impl Strategy<Value = ActionSpec> {
    prop_oneof![
        4 => (dest(), prop::sample::select(vec![1u64, 40, 400, 1_500]))
            .prop_map(|(to, amount)| ActionSpec::Reward { to, amount }),
        2 => (dest(), prop::sample::select(vec![0u64, 5, 50, 500]))
            .prop_map(|(to, amount)| ActionSpec::Transfer { to, amount }),
        3 => (0..ACTORS as u8, 0u8..3).prop_map(|(who, role)| ActionSpec::Add { who, role }),
        2 => (0..ACTORS as u8).prop_map(|who| ActionSpec::Remove { who }),
        2 => (0..ACTORS as u8, 0u8..3).prop_map(|(who, role)| ActionSpec::ChangeRole { who, role }),
        1 => (0u8..9).prop_map(|variant| ActionSpec::Rules { variant }),
        2 => (prop::sample::select(vec![10u64, 100, 600]), 1u32..4, any::<bool>(), any::<bool>())
            .prop_map(|(reward, max_claims, deadline, code)| ActionSpec::PostBounty {
                reward, max_claims, deadline, code
            }),
        3 => (recent(), 0..ACTORS as u8, prop::bool::weighted(0.1))
            .prop_map(|(bounty, claimant, lie)| ActionSpec::PayClaim { bounty, claimant, lie }),
        2 => (recent(), 0..ACTORS as u8, prop::bool::weighted(0.2))
            .prop_map(|(bounty, claimant, empty_reason)| ActionSpec::RejectClaim {
                bounty, claimant, empty_reason
            }),
        2 => (
            prop::sample::select(vec![1u64, 25]),
            prop::sample::select(vec![0i64, HOUR]),
            prop::sample::select(vec![HOUR, DAY, 4 * DAY]),
            any::<bool>()
        )
            .prop_map(|(reserve, delay, duration, burn)| ActionSpec::ListAuction {
                reserve, delay, duration, burn
            }),
        1 => (any::<bool>(), prop::sample::select(vec![0u64, 50, 1_000]),
              prop::sample::select(vec![10i64, DAY, 30 * DAY]))
            .prop_map(|(code, amount, period)| ActionSpec::Budget { code, amount, period }),
    ]
}

fn token_spec() -> impl Strategy<Value = TokenSpec> {
    prop_oneof![
        6 => (0u8..4, any::<u8>()).prop_map(|(field, pick)| TokenSpec::Change { field, pick }),
        2 => Just(TokenSpec::Same),
        1 => Just(TokenSpec::EmptyName),
        1 => Just(TokenSpec::LongSymbol),
        1 => Just(TokenSpec::HttpUri),
    ]
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        1 => (0u8..8).prop_map(|name| Op::Found { name }),
        7 => (actor(), action_spec()).prop_map(|(by, action)| Op::Propose { by, action }),
        // An arm of its own rather than one of `action_spec`'s, so the other actions keep their
        // share of proposals and every other operation its weight.
        1 => (actor(), token_spec()).prop_map(|(by, token)| Op::Propose {
            by, action: ActionSpec::TokenMetadata(token)
        }),
        14 => (actor(), recent(), prop::bool::weighted(0.8))
            .prop_map(|(by, proposal, approve)| Op::Vote { by, proposal, approve }),
        6 => recent().prop_map(|proposal| Op::Execute { proposal }),
        1 => (actor(), recent()).prop_map(|(by, proposal)| Op::Cancel { by, proposal }),
        2 => recent().prop_map(|proposal| Op::CloseProposal { proposal }),
        3 => (actor(), prop::sample::select(vec![1u64, 50, 400]),
              prop_oneof![6 => 1u32..4, 1 => Just(0u32)], 0u8..4)
            .prop_map(|(by, reward, max_claims, deadline)| Op::PostBounty {
                by, reward, max_claims, deadline
            }),
        5 => (0..ACTORS as u8, recent()).prop_map(|(by, bounty)| Op::Claim { by, bounty }),
        5 => (0..ACTORS as u8, recent(), prop::bool::weighted(0.1))
            .prop_map(|(by, bounty, empty)| Op::Submit { by, bounty, empty }),
        1 => (0..ACTORS as u8, recent()).prop_map(|(by, bounty)| Op::Withdraw { by, bounty }),
        4 => (actor(), recent(), 0..ACTORS as u8)
            .prop_map(|(by, bounty, claimant)| Op::Approve { by, bounty, claimant }),
        1 => (actor(), recent(), 0..ACTORS as u8)
            .prop_map(|(by, bounty, claimant)| Op::Reject { by, bounty, claimant }),
        1 => (actor(), recent()).prop_map(|(by, bounty)| Op::EndBounty { by, bounty }),
        1 => recent().prop_map(|bounty| Op::CloseBounty { bounty }),
        1 => (recent(), 0..ACTORS as u8)
            .prop_map(|(bounty, claimant)| Op::CloseClaim { bounty, claimant }),
        3 => (
            actor(),
            prop_oneof![6 => prop::sample::select(vec![1u64, 30]), 1 => Just(0u64)],
            prop::sample::select(vec![0i64, 0, HOUR]),
            prop_oneof![6 => prop::sample::select(vec![HOUR, DAY]), 1 => Just(100 * DAY)],
            any::<bool>(),
            any::<bool>()
        )
            .prop_map(|(by, reserve, delay, duration, members_only, snipe)| Op::ListAuction {
                by, reserve, delay, duration, members_only, snipe
            }),
        8 => (actor(), recent(), prop_oneof![4 => 0u8..2, 1 => 2u8..4])
            .prop_map(|(by, auction, kind)| Op::Bid { by, auction, kind }),
        2 => recent().prop_map(|auction| Op::Settle { auction }),
        1 => (actor(), recent()).prop_map(|(by, auction)| Op::CancelAuction { by, auction }),
        1 => (0..ACTORS as u8, recent()).prop_map(|(by, auction)| Op::HandOver { by, auction }),
        1 => recent().prop_map(|auction| Op::CloseAuction { auction }),
        3 => (0..ACTORS as u8, 0..ACTORS as u8, 0u8..3)
            .prop_map(|(from, to, kind)| Op::Transfer { from, to, kind }),
        1 => (0..ACTORS as u8, 0u8..3).prop_map(|(by, kind)| Op::Burn { by, kind }),
        4 => prop_oneof![
            3 => prop::sample::select(vec![60i64, HOUR]),
            2 => prop::sample::select(vec![DAY, 2 * DAY]),
            1 => prop::sample::select(vec![8 * DAY, 31 * DAY]),
        ]
            .prop_map(|secs| Op::Advance { secs }),
        1 => (0..ACTORS as u8, 1..ACTORS as u8, 0u8..3)
            .prop_map(|(thief, victim, kind)| Op::Steal { thief, victim, kind }),
        1 => (0..ACTORS as u8, recent(), 1..ACTORS as u8)
            .prop_map(|(attacker, bounty, victim)| Op::WithdrawOthersClaim {
                attacker, bounty, victim
            }),
        1 => (recent(), 0..ACTORS as u8).prop_map(|(proposal, to)| Op::RedirectPayout {
            proposal, to
        }),
        1 => (actor(), any::<bool>()).prop_map(|(by, execute)| Op::ForeignProposal { by, execute }),
        1 => (recent(), recent()).prop_map(|(bounty, claim)| Op::CrossBountyApprove { bounty, claim }),
        1 => (recent(), 0..ACTORS as u8).prop_map(|(auction, thief)| Op::SettleTo { auction, thief }),
    ]
}

// ---------------------------------------------------------------------------------------------
// The reference model.
// ---------------------------------------------------------------------------------------------

/// Expected outcome: success, or failure with one of these error codes.
type Outcome = Result<(), Vec<u32>>;

macro_rules! refuse {
    ($code:expr) => {
        return Err(vec![$code])
    };
}

macro_rules! require {
    ($cond:expr, $code:expr) => {
        if !$cond {
            refuse!($code);
        }
    };
}

fn ampled(error: AmpledError) -> u32 {
    error.into()
}

#[derive(Clone, Debug)]
struct MMember {
    role: MemberRole,
    active: bool,
    index: u32,
    proposals: u64,
    bounties: u64,
    auctions: u64,
    revision: u64,
}

#[derive(Clone, Debug, PartialEq)]
enum MAction {
    Reward {
        to: Pubkey,
        actor: Option<usize>,
        amount: u64,
    },
    Transfer {
        to: Pubkey,
        actor: Option<usize>,
        amount: u64,
    },
    Add {
        who: usize,
        role: MemberRole,
    },
    Remove {
        who: usize,
    },
    ChangeRole {
        who: usize,
        role: MemberRole,
    },
    Rules(CommunityRules),
    PostBounty(BountyTerms),
    PayClaim {
        bounty: usize,
        claimant: usize,
        named: usize,
    },
    RejectClaim {
        bounty: usize,
        claimant: usize,
        reason: String,
    },
    ListAuction {
        terms: AuctionTerms,
        burn: bool,
    },
    Budget {
        category: BountyCategory,
        amount: u64,
        period: i64,
    },
    TokenMetadata(TokenMetadataFields),
}

#[derive(Clone, Debug)]
struct MProposal {
    address: Pubkey,
    proposer: usize,
    action: MAction,
    status: ProposalStatus,
    rules_version: u32,
    limit: u32,
    ends_at: i64,
    approvals: BTreeSet<u32>,
    rejections: BTreeSet<u32>,
    target_revision: u64,
    beneficiary_slot: Option<u32>,
    closed: bool,
}

#[derive(Clone, Debug)]
struct MBounty {
    address: Pubkey,
    poster: usize,
    coop: bool,
    category: BountyCategory,
    reward: u64,
    max_claims: u32,
    deadline: Option<i64>,
    status: BountyStatus,
    open_claims: u32,
    submitted: u32,
    paid: u32,
    claim_revisions: u64,
    vault: u64,
    vault_closed: bool,
    closed: bool,
}

#[derive(Clone, Debug)]
struct MClaim {
    status: ClaimStatus,
    revision: u64,
}

#[derive(Clone, Debug)]
struct MAuction {
    address: Pubkey,
    lister: usize,
    coop: bool,
    proceeds_burn: bool,
    reserve: u64,
    min_increment: u64,
    starts_at: i64,
    ends_at: i64,
    snipe_window: i64,
    snipe_extension: i64,
    members_only: bool,
    status: AuctionStatus,
    highest: u64,
    bidder: Option<usize>,
    handed_over: bool,
    vault_closed: bool,
    closed: bool,
}

#[derive(Clone, Debug)]
struct MBudget {
    amount: u64,
    period: i64,
    period_index: u64,
    minted: u64,
}

/// Addresses fixed for one sequence.
#[derive(Clone)]
struct Keys {
    community: Pubkey,
    mint: Pubkey,
    treasury: Pubkey,
    payer: Pubkey,
    wallets: Vec<Pubkey>,
    /// A proposal of another community (whose founders are the same wallets).
    foreign_proposal: Pubkey,
}

impl Keys {
    fn ata(&self, actor: usize) -> Pubkey {
        get_associated_token_address(&self.wallets[actor], &self.mint)
    }
    fn member(&self, actor: usize) -> Pubkey {
        ix::member_address(&self.community, &self.wallets[actor])
    }
}

#[derive(Clone)]
struct Model {
    /// The sequence's community name.
    name: String,
    keys: Keys,
    now: i64,
    created_at: i64,
    rules: CommunityRules,
    rules_version: u32,
    /// Active flag per membership slot.
    slots: Vec<bool>,
    members: Vec<Option<MMember>>,
    total_minted: u64,
    /// When the issuance periods in force began: creation, or the last change of the cap.
    issuance_anchor: i64,
    issuance_index: u64,
    issued: u64,
    /// What the running period had minted when the cap last changed, and how many of `mints`
    /// came before: the carry counts them once.
    issuance_carry: u64,
    mints_before_anchor: usize,
    balances: Vec<u64>,
    treasury: u64,
    /// Token accounts of addresses no key controls, created by payouts to them.
    stranded: BTreeMap<Pubkey, u64>,
    supply: u64,
    proposals: Vec<MProposal>,
    bounties: Vec<MBounty>,
    claims: BTreeMap<(usize, usize), MClaim>,
    auctions: Vec<MAuction>,
    budgets: BTreeMap<u8, MBudget>,
    /// Payments per (bounty, claimant) over the sequence, surviving closed and renewed claims.
    payments: BTreeMap<(usize, usize), u32>,
    /// Every mint of the sequence: (time, amount).
    mints: Vec<(i64, u64)>,
    /// What wallets show for the token, as its mint holds it.
    token: TokenMetadataFields,
    founded: u32,
}

fn role(n: u8) -> MemberRole {
    [
        MemberRole::Worker,
        MemberRole::Artist,
        MemberRole::CommunityMember,
    ][n as usize % 3]
}

fn pick<T>(list: &[T], back: u8) -> Option<usize> {
    if list.is_empty() {
        None
    } else {
        Some(list.len() - 1 - (back as usize % list.len()))
    }
}

/// Most selectors (those below 6) pick among the records `useful` says can still do something,
/// and skip the operation when there is none, so sequences reach deep states; the others pick
/// among all records, finished ones included.
fn pick_where<T>(list: &[T], back: u8, useful: impl Fn(&T) -> bool) -> Option<usize> {
    if back >= 6 {
        return pick(list, back);
    }
    let live: Vec<usize> = (0..list.len()).filter(|&i| useful(&list[i])).collect();
    (!live.is_empty()).then(|| live[live.len() - 1 - back as usize % live.len()])
}

fn open_proposal(p: &MProposal) -> bool {
    !p.closed && matches!(p.status, ProposalStatus::Voting | ProposalStatus::Approved)
}

fn approved_proposal(p: &MProposal) -> bool {
    open_proposal(p) && p.status == ProposalStatus::Approved
}

/// The name of the variant a `Debug` rendering starts with.
fn variant(debug: String) -> String {
    debug
        .split([' ', '{', '('])
        .next()
        .unwrap_or_default()
        .to_string()
}

struct Tally {
    approvals: u32,
    rejections: u32,
    eligible: u32,
    required: u32,
    cannot_approve: u32,
}

impl Tally {
    fn passed(&self) -> bool {
        self.approvals >= self.required
    }
    fn can_still_pass(&self) -> bool {
        let could = self
            .eligible
            .saturating_sub(self.approvals)
            .saturating_sub(self.rejections)
            .saturating_sub(self.cannot_approve);
        self.approvals + could >= self.required
    }
}

impl Model {
    fn active(&self, actor: usize) -> bool {
        self.members[actor].as_ref().is_some_and(|m| m.active)
    }

    fn active_count(&self) -> u32 {
        self.slots.iter().filter(|a| **a).count() as u32
    }

    fn required(&self, eligible: u32) -> u32 {
        let share = (u64::from(eligible) * u64::from(self.rules.approval_threshold_bps))
            .div_ceil(10_000) as u32;
        share.max(self.rules.min_approvals)
    }

    fn tally(&self, p: &MProposal) -> Tally {
        let active = |s: &u32| *s < p.limit && self.slots[*s as usize];
        let eligible = (0..p.limit).filter(active).count() as u32;
        let voted = |s: u32| p.approvals.contains(&s) || p.rejections.contains(&s);
        let cannot = p
            .beneficiary_slot
            .is_some_and(|s| s < p.limit && self.slots[s as usize] && !voted(s));
        Tally {
            approvals: p.approvals.iter().filter(|s| active(s)).count() as u32,
            rejections: p.rejections.iter().filter(|s| active(s)).count() as u32,
            eligible,
            required: self.required(eligible),
            cannot_approve: u32::from(cannot),
        }
    }

    fn require_open(&self, p: &MProposal) -> Outcome {
        match p.status {
            ProposalStatus::Voting | ProposalStatus::Approved => {}
            ProposalStatus::Defeated => refuse!(ampled(AmpledError::ProposalDefeated)),
            ProposalStatus::Cancelled => refuse!(ampled(AmpledError::ProposalCancelled)),
            ProposalStatus::Executed => refuse!(ampled(AmpledError::ProposalAlreadyExecuted)),
        }
        require!(
            p.rules_version == self.rules_version,
            ampled(AmpledError::ProposalStale)
        );
        require!(self.now < p.ends_at, ampled(AmpledError::ProposalExpired));
        Ok(())
    }

    fn mark_executed(&mut self, i: usize) -> Outcome {
        self.require_open(&self.proposals[i])?;
        require!(
            self.tally(&self.proposals[i]).passed(),
            ampled(AmpledError::ThresholdNotReached)
        );
        self.proposals[i].status = ProposalStatus::Executed;
        Ok(())
    }

    fn record_issuance(&mut self, amount: u64) -> Outcome {
        if let Some(cap) = self.rules.supply_cap {
            require!(
                self.total_minted + amount <= cap,
                ampled(AmpledError::SupplyCapExceeded)
            );
        }
        if let Some(cap) = self.rules.issuance_cap {
            let period = ((self.now - self.issuance_anchor).max(0) / cap.period_secs) as u64;
            if period != self.issuance_index {
                self.issuance_index = period;
                self.issued = 0;
            }
            require!(
                self.issued + amount <= cap.amount,
                ampled(AmpledError::IssuanceCapExceeded)
            );
            self.issued += amount;
        }
        self.total_minted += amount;
        self.mints.push((self.now, amount));
        Ok(())
    }

    /// Whether the tokens minted in the current issuance period, counted with the current rules
    /// from every mint of the sequence, stay within the cap. Checked after each mint: a cap
    /// lowered mid-period may sit below what was minted before, but no mint may add to that.
    fn issuance_within_cap(&self) -> Result<(), String> {
        let Some(cap) = self.rules.issuance_cap else {
            return Ok(());
        };
        let period = |t: i64| (t - self.issuance_anchor).max(0) / cap.period_secs;
        let current = period(self.now);
        let carried = if current == 0 { self.issuance_carry } else { 0 };
        let minted: u64 = carried
            + self.mints[self.mints_before_anchor..]
                .iter()
                .filter(|(t, _)| period(*t) == current)
                .map(|(_, amount)| amount)
                .sum::<u64>();
        if minted > cap.amount {
            return Err(format!(
                "{minted} minted in issuance period {current} ({} s long) capped at {}; mints \
                 (time, amount) since creation at {}: {:?}",
                cap.period_secs, cap.amount, self.created_at, self.mints
            ));
        }
        Ok(())
    }

    fn credit(&mut self, to: &Pubkey, actor: Option<usize>, amount: u64) {
        match actor {
            Some(a) => self.balances[a] += amount,
            None if *to == self.keys.treasury => self.treasury += amount,
            None => *self.stranded.entry(*to).or_default() += amount,
        }
    }

    fn beneficiary(&self, action: &MAction) -> Option<Pubkey> {
        match action {
            MAction::Reward { to, .. } | MAction::Transfer { to, .. } => Some(*to),
            MAction::Add { who, .. } | MAction::ChangeRole { who, .. } => {
                Some(self.keys.wallets[*who])
            }
            MAction::PayClaim { named, .. } => Some(self.keys.wallets[*named]),
            _ => None,
        }
    }

    fn to_action(&self, action: &MAction) -> ProposalAction {
        let w = &self.keys.wallets;
        match action {
            MAction::Reward { to, amount, .. } => ProposalAction::MintReward {
                recipient: *to,
                amount: *amount,
                reason: "model".into(),
            },
            MAction::Transfer { to, amount, .. } => ProposalAction::TreasuryTransfer {
                recipient: *to,
                amount: *amount,
                reason: "model".into(),
            },
            MAction::Add { who, role } => ProposalAction::AddMember {
                wallet: w[*who],
                role: *role,
            },
            MAction::Remove { who } => ProposalAction::RemoveMember { wallet: w[*who] },
            MAction::ChangeRole { who, role } => ProposalAction::ChangeRole {
                wallet: w[*who],
                role: *role,
            },
            MAction::Rules(rules) => ProposalAction::UpdateRules { rules: *rules },
            MAction::PostBounty(terms) => ProposalAction::PostBounty {
                terms: terms.clone(),
            },
            MAction::PayClaim {
                bounty,
                claimant,
                named,
            } => ProposalAction::PayBountyClaim {
                claim: ix::claim_address(&self.bounties[*bounty].address, &w[*claimant]),
                claimant: w[*named],
            },
            MAction::RejectClaim {
                bounty,
                claimant,
                reason,
            } => ProposalAction::RejectBountyClaim {
                claim: ix::claim_address(&self.bounties[*bounty].address, &w[*claimant]),
                reason: reason.clone(),
            },
            MAction::ListAuction { terms, burn } => ProposalAction::ListAuction {
                terms: terms.clone(),
                burn_proceeds: *burn,
            },
            MAction::Budget {
                category,
                amount,
                period,
            } => ProposalAction::SetCategoryBudget {
                category: *category,
                amount_per_period: *amount,
                period_secs: *period,
            },
            MAction::TokenMetadata(token) => ProposalAction::UpdateTokenMetadata {
                token: token.clone(),
            },
        }
    }

    /// The revision of what a proposal is about, as the program would read it now.
    fn target_revision(&self, action: &MAction) -> Option<u64> {
        match action {
            MAction::Add { who, .. }
            | MAction::Remove { who }
            | MAction::ChangeRole { who, .. } => {
                Some(self.members[*who].as_ref().map_or(0, |m| m.revision))
            }
            MAction::PayClaim {
                bounty, claimant, ..
            }
            | MAction::RejectClaim {
                bounty, claimant, ..
            } => Some(
                self.claims
                    .get(&(*bounty, *claimant))
                    .map_or(u64::MAX, |c| c.revision),
            ),
            _ => None,
        }
    }

    fn rules_variant(&self, variant: u8) -> CommunityRules {
        let mut rules = self.rules;
        match variant {
            0 => rules.approval_threshold_bps = 10_000,
            1 => rules.min_approvals = 2,
            2 => rules.supply_cap = Some(self.total_minted + 200),
            3 => rules.supply_cap = Some(1),
            4 => {
                rules.supply_cap = None;
                rules.issuance_cap = None;
            }
            5 => rules.min_approvals = 0,
            6 => {
                rules.issuance_cap = Some(IssuanceCap {
                    amount: 100,
                    period_secs: DAY,
                })
            }
            7 => rules.voting_period_secs = HOUR,
            _ => rules = starting_rules(),
        }
        rules
    }

    fn validate_rules(&self, rules: &CommunityRules) -> Outcome {
        require!(
            (1..=10_000).contains(&rules.approval_threshold_bps),
            ampled(AmpledError::InvalidApprovalThreshold)
        );
        require!(
            rules.min_approvals >= 1 && rules.min_approvals <= self.active_count(),
            ampled(AmpledError::InvalidMinApprovals)
        );
        require!(
            (60..=366 * DAY).contains(&rules.voting_period_secs),
            ampled(AmpledError::InvalidVotingPeriod)
        );
        if let Some(cap) = rules.supply_cap {
            require!(cap > 0, ampled(AmpledError::InvalidSupplyCap));
        }
        if let Some(cap) = rules.issuance_cap {
            require!(
                cap.amount > 0 && (60..=366 * DAY).contains(&cap.period_secs),
                ampled(AmpledError::InvalidIssuanceCap)
            );
        }
        if let Some(cap) = rules.supply_cap {
            require!(
                cap >= self.total_minted,
                ampled(AmpledError::InvalidSupplyCap)
            );
        }
        Ok(())
    }

    fn validate_bounty_terms(&self, terms: &BountyTerms) -> Outcome {
        require!(terms.reward > 0, ampled(AmpledError::ZeroAmount));
        require!(
            (1..=1_000).contains(&terms.max_claims),
            ampled(AmpledError::InvalidMaxClaims)
        );
        if let Some(deadline) = terms.deadline {
            require!(deadline > self.now, ampled(AmpledError::DeadlineInPast));
        }
        Ok(())
    }

    fn validate_auction_terms(&self, terms: &AuctionTerms) -> Outcome {
        require!(terms.reserve_price > 0, ampled(AmpledError::ZeroAmount));
        require!(terms.min_increment > 0, ampled(AmpledError::ZeroAmount));
        require!(
            terms.ends_at > self.now
                && terms.ends_at > terms.starts_at
                && terms.ends_at - terms.starts_at.max(self.now) <= 90 * DAY,
            ampled(AmpledError::InvalidAuctionTimes)
        );
        Ok(())
    }

    fn bounty_require_open(b: &MBounty) -> Outcome {
        match b.status {
            BountyStatus::Open => Ok(()),
            BountyStatus::Completed => refuse!(ampled(AmpledError::BountyFullyPaid)),
            BountyStatus::Cancelled => refuse!(ampled(AmpledError::BountyCancelled)),
            BountyStatus::Expired => refuse!(ampled(AmpledError::BountyExpired)),
        }
    }

    fn accepting_work(&self, b: &MBounty) -> Outcome {
        Self::bounty_require_open(b)?;
        require!(
            b.deadline.is_none_or(|d| self.now < d),
            ampled(AmpledError::BountyExpired)
        );
        Ok(())
    }

    fn claim_require_unsettled(c: &MClaim) -> Outcome {
        match c.status {
            ClaimStatus::Claimed | ClaimStatus::Submitted => Ok(()),
            ClaimStatus::Paid => refuse!(ampled(AmpledError::ClaimAlreadyPaid)),
            _ => refuse!(ampled(AmpledError::ClaimSettled)),
        }
    }

    fn claim_require_submitted(c: &MClaim) -> Outcome {
        match c.status {
            ClaimStatus::Submitted => Ok(()),
            ClaimStatus::Claimed => refuse!(ampled(AmpledError::EvidenceNotSubmitted)),
            ClaimStatus::Paid => refuse!(ampled(AmpledError::ClaimAlreadyPaid)),
            _ => refuse!(ampled(AmpledError::ClaimSettled)),
        }
    }

    /// Settles an open claim; the bounty's counters follow, as `Claim::settle` does.
    fn settle_claim(&mut self, b: usize, claimant: usize, status: ClaimStatus) {
        let claim = self.claims.get_mut(&(b, claimant)).unwrap();
        let bounty = &mut self.bounties[b];
        if claim.status == ClaimStatus::Submitted {
            bounty.submitted -= 1;
        }
        bounty.open_claims -= 1;
        if status == ClaimStatus::Paid {
            bounty.paid += 1;
            *self.payments.entry((b, claimant)).or_default() += 1;
            if bounty.paid == bounty.max_claims {
                bounty.status = BountyStatus::Completed;
            }
        }
        claim.status = status;
    }
}

// ---------------------------------------------------------------------------------------------
// One step: the instructions to send, and what the model says they must do.
// ---------------------------------------------------------------------------------------------

struct Step {
    instructions: Vec<Instruction>,
    signers: Vec<usize>,
    /// What the model says the program answers.
    expected: Outcome,
    /// The model as it is if the step succeeds (discarded when it is refused).
    after: Model,
}

struct Env {
    chain: Chain,
    actors: Vec<Keypair>,
    sequences: u64,
    steps: u64,
    sends: u64,
    send_time: std::time::Duration,
    checks: u64,
    foreign_proposal: Pubkey,
    /// How often each kind of operation succeeded or failed with each code, for the report.
    coverage: BTreeMap<String, u64>,
}

fn token_amount(kind: u8, balance: u64) -> u64 {
    match kind {
        0 => balance / 2,
        1 => balance,
        _ => balance + 1,
    }
}

impl Model {
    /// Plans `op` against the current state; `None` when it does not apply (nothing to act on).
    fn plan(&self, op: &Op) -> Option<Step> {
        let mut next = self.clone();
        let (instructions, signers, expected) = next.apply(op)?;
        Some(Step {
            instructions,
            signers,
            after: next,
            expected,
        })
    }

    /// Builds `op`'s instructions from the state before it, then moves `self` as the program
    /// would, returning the expected outcome (a refused step leaves `self` to be discarded).
    #[allow(clippy::type_complexity)]
    fn apply(&mut self, op: &Op) -> Option<(Vec<Instruction>, Vec<usize>, Outcome)> {
        let k = self.keys.clone();
        let w = k.wallets.clone();
        let payer = k.payer;
        Some(match op {
            Op::Found { name } => {
                self.founded += 1;
                let unique = format!("{}-x{}", self.name_base(), self.founded);
                let (name, founder, expected): (String, Pubkey, Outcome) = match name {
                    0 => (unique, w[3], Ok(())),
                    1 => (
                        unique.to_uppercase(),
                        w[3],
                        Err(vec![ampled(AmpledError::InvalidCommunityName)]),
                    ),
                    2 => (
                        format!("-{unique}"),
                        w[3],
                        Err(vec![ampled(AmpledError::InvalidCommunityName)]),
                    ),
                    3 => (
                        unique.replace("-x", "--x"),
                        w[3],
                        Err(vec![ampled(AmpledError::InvalidCommunityName)]),
                    ),
                    4 => (
                        "ab".into(),
                        w[3],
                        Err(vec![ampled(AmpledError::InvalidCommunityName)]),
                    ),
                    5 => (
                        "a".repeat(33),
                        w[3],
                        Err(vec![ampled(AmpledError::InvalidCommunityName)]),
                    ),
                    6 => (
                        unique,
                        k.treasury,
                        Err(vec![ampled(AmpledError::NotAWallet)]),
                    ),
                    // The sequence's own name is taken.
                    _ => (
                        self.name_base(),
                        w[3],
                        Err(vec![ampled(AmpledError::AccountAlreadyExists)]),
                    ),
                };
                let args = ampled::instructions::CreateCommunityArgs {
                    name,
                    decimals: DECIMALS,
                    token: token_metadata(),
                    rules: starting_rules(),
                    founders: vec![ampled::instructions::Founder {
                        wallet: founder,
                        role: MemberRole::Artist,
                    }],
                };
                (vec![ix::create_community(&payer, &args)], vec![], expected)
            }
            Op::Propose { by, action } => {
                let by = *by as usize;
                let action = self.resolve_action(action)?;
                let nonce = self.members[by].as_ref().map_or(0, |m| m.proposals);
                let address = ix::proposal_address(&k.community, &w[by], nonce);
                let instruction =
                    ix::create_proposal(&k.community, &w[by], address, self.to_action(&action));
                let expected = self.propose(by, address, action);
                (vec![instruction], vec![by], expected)
            }
            Op::Vote {
                by,
                proposal,
                approve,
            } => {
                let i = pick_where(&self.proposals, *proposal, |p| {
                    open_proposal(p) && p.status == ProposalStatus::Voting
                })?;
                // Founders' selectors stand for "a member who may still vote on it", so that
                // proposals pass and execute; the others vote as whoever they name.
                let by = match *by as usize {
                    by if by < FOUNDERS => self.voter_for(i, by, *approve).unwrap_or(by),
                    by => by,
                };
                let address = self.proposals[i].address;
                let instruction = ix::cast_vote(&k.community, &address, &w[by], *approve);
                (vec![instruction], vec![by], self.vote(by, i, *approve))
            }
            Op::Execute { proposal } => {
                let i = pick_where(&self.proposals, *proposal, approved_proposal)?;
                let instruction = self.execute_instruction(i, None);
                (vec![instruction], vec![], self.execute(i))
            }
            Op::RedirectPayout { proposal, to } => {
                let i = pick(&self.proposals, *proposal)?;
                let to = *to as usize;
                let p = &self.proposals[i];
                let approved = match &p.action {
                    MAction::Reward { to, .. } | MAction::Transfer { to, .. } => *to,
                    _ => return None,
                };
                if approved == w[to] {
                    return None;
                }
                let instruction = self.execute_instruction(i, Some(w[to]));
                let expected = if p.closed {
                    Err(vec![ACCOUNT_NOT_INITIALIZED])
                } else {
                    Err(vec![ampled(AmpledError::WalletMismatch)])
                };
                (vec![instruction], vec![], expected)
            }
            Op::ForeignProposal { by, execute } => {
                let by = *by as usize;
                let proposal = k.foreign_proposal;
                if *execute {
                    let action = ProposalAction::MintReward {
                        recipient: w[1],
                        amount: 1,
                        reason: "elsewhere".into(),
                    };
                    let instruction = ix::execute_proposal(
                        &k.community,
                        &k.mint,
                        &proposal,
                        &action,
                        &w[0],
                        &ix::ExecuteRecords::default(),
                        &payer,
                    )
                    .expect("a reward needs no other record");
                    let expected = Err(vec![ampled(AmpledError::WrongCommunity)]);
                    (vec![instruction], vec![], expected)
                } else {
                    let instruction = ix::cast_vote(&k.community, &proposal, &w[by], true);
                    let expected = if self.members[by].is_none() {
                        Err(vec![ACCOUNT_NOT_INITIALIZED])
                    } else {
                        Err(vec![ampled(AmpledError::WrongCommunity)])
                    };
                    (vec![instruction], vec![by], expected)
                }
            }
            Op::CrossBountyApprove { bounty, claim } => {
                let b = pick(&self.bounties, *bounty)?;
                let (other, claimant) = self.pick_claim(*claim, |_, _| true)?;
                if other == b {
                    return None;
                }
                let poster = self.bounties[b].poster;
                let mut instruction = ix::approve_bounty_claim(
                    &k.community,
                    &k.mint,
                    &self.bounties[b].address,
                    &w[claimant],
                    &w[poster],
                );
                // The claim account of the other bounty in place of this bounty's.
                instruction.accounts[2].pubkey =
                    ix::claim_address(&self.bounties[other].address, &w[claimant]);
                let expected = if self.bounties[b].closed {
                    Err(vec![ACCOUNT_NOT_INITIALIZED])
                } else {
                    Err(vec![ampled(AmpledError::ClaimOfOtherBounty)])
                };
                (vec![instruction], vec![poster], expected)
            }
            Op::SettleTo { auction, thief } => {
                let a = pick_where(&self.auctions, *auction, |a| !a.vault_closed)?;
                let thief = *thief as usize;
                let auction = &self.auctions[a];
                if thief == auction.lister {
                    return None;
                }
                let rent_payer = if auction.coop {
                    payer
                } else {
                    w[auction.lister]
                };
                let accounts = ix::settle_auction_accounts(
                    &k.community,
                    &k.mint,
                    &auction.address,
                    &k.ata(thief),
                    &w[thief],
                    &rent_payer,
                    &payer,
                );
                let instruction = ix::instruction(accounts, ampled::instruction::SettleAuction {});
                let expected = self.settle_to_someone_else(a);
                (vec![instruction], vec![], expected)
            }
            Op::Cancel { by, proposal } => {
                let (by, i) = (
                    *by as usize,
                    pick_where(&self.proposals, *proposal, open_proposal)?,
                );
                let address = self.proposals[i].address;
                let instruction = ix::cancel_proposal(&k.community, &address, &w[by]);
                (vec![instruction], vec![by], self.cancel(by, i))
            }
            Op::CloseProposal { proposal } => {
                let i = pick_where(&self.proposals, *proposal, |p| !p.closed)?;
                let p = &self.proposals[i];
                let action = self.to_action(&p.action);
                let target = ix::proposal_target_address(&k.community, &action);
                let instruction =
                    ix::close_proposal(&k.community, &p.address, &w[p.proposer], target);
                (vec![instruction], vec![], self.close_proposal(i))
            }
            Op::PostBounty {
                by,
                reward,
                max_claims,
                deadline,
            } => {
                let by = *by as usize;
                let terms = BountyTerms {
                    category: BountyCategory::StreetTeam,
                    title: "Flyers".into(),
                    uri: "https://example.org/b".into(),
                    reward: *reward,
                    max_claims: *max_claims,
                    deadline: match deadline {
                        0 | 1 => None,
                        2 => Some(self.now + DAY),
                        _ => Some(self.now - 1),
                    },
                };
                let nonce = self.members[by].as_ref().map_or(0, |m| m.bounties);
                let instruction =
                    ix::post_bounty(&k.community, &k.mint, &w[by], nonce, terms.clone());
                (vec![instruction], vec![by], self.post_bounty(by, terms))
            }
            Op::Claim { by, bounty } => {
                let (by, b) = (
                    *by as usize,
                    pick_where(&self.bounties, *bounty, |b| {
                        !b.closed && b.status == BountyStatus::Open
                    })?,
                );
                let instruction = ix::claim_bounty(&self.bounties[b].address, &w[by]);
                (vec![instruction], vec![by], self.claim(by, b))
            }
            Op::Submit { by, bounty, empty } => {
                let (b, by) = self
                    .pick_claim(*bounty, |_, c| c.status == ClaimStatus::Claimed)
                    .or_else(|| Some((pick(&self.bounties, *bounty)?, *by as usize)))?;
                let uri = if *empty {
                    ""
                } else {
                    "https://example.org/proof"
                };
                let instruction = ix::submit_evidence(&self.bounties[b].address, &w[by], uri);
                (vec![instruction], vec![by], self.submit(by, b, *empty))
            }
            Op::Withdraw { by, bounty } => {
                let (b, by) = self
                    .pick_claim(*bounty, |_, c| {
                        matches!(c.status, ClaimStatus::Claimed | ClaimStatus::Submitted)
                    })
                    .or_else(|| Some((pick(&self.bounties, *bounty)?, *by as usize)))?;
                let instruction = ix::withdraw_claim(&self.bounties[b].address, &w[by]);
                (vec![instruction], vec![by], self.withdraw(by, b))
            }
            Op::WithdrawOthersClaim {
                attacker,
                bounty,
                victim,
            } => {
                let b = pick(&self.bounties, *bounty)?;
                let attacker = *attacker as usize;
                let victim = (attacker + *victim as usize) % ACTORS;
                let address = self.bounties[b].address;
                let mut instruction = ix::withdraw_claim(&address, &w[attacker]);
                // The victim's claim in place of the attacker's own.
                instruction.accounts[2].pubkey = ix::claim_address(&address, &w[victim]);
                let expected = if self.bounties[b].closed || !self.claims.contains_key(&(b, victim))
                {
                    Err(vec![ACCOUNT_NOT_INITIALIZED])
                } else {
                    Err(vec![CONSTRAINT_SEEDS])
                };
                (vec![instruction], vec![attacker], expected)
            }
            Op::Approve {
                by,
                bounty,
                claimant,
            } => {
                let (b, c, by) = self.pick_decision(*by, *bounty, *claimant)?;
                let instruction = ix::approve_bounty_claim(
                    &k.community,
                    &k.mint,
                    &self.bounties[b].address,
                    &w[c],
                    &w[by],
                );
                (vec![instruction], vec![by], self.approve(by, b, c))
            }
            Op::Reject {
                by,
                bounty,
                claimant,
            } => {
                let (b, c, by) = self.pick_decision(*by, *bounty, *claimant)?;
                let instruction =
                    ix::reject_bounty_claim(&self.bounties[b].address, &w[c], &w[by], "not done");
                (vec![instruction], vec![by], self.reject(by, b, c))
            }
            Op::EndBounty { by, bounty } => {
                let b = pick_where(&self.bounties, *bounty, |b| b.status == BountyStatus::Open)?;
                // Mostly the poster, who may cancel; sometimes anyone, who may only expire it.
                let by = if *by < 2 {
                    self.bounties[b].poster
                } else {
                    *by as usize
                };
                let bounty = &self.bounties[b];
                let escrow = (!bounty.coop).then(|| (w[bounty.poster], w[bounty.poster]));
                let instruction =
                    ix::end_bounty(&k.community, &k.mint, &bounty.address, &w[by], escrow);
                (vec![instruction], vec![by], self.end_bounty(by, b))
            }
            Op::CloseBounty { bounty } => {
                let b = pick_where(&self.bounties, *bounty, |b| {
                    !b.closed && b.status != BountyStatus::Open
                })?;
                let bounty = &self.bounties[b];
                let rent_payer = if bounty.coop { payer } else { w[bounty.poster] };
                let instruction = ix::close_bounty(&bounty.address, &rent_payer);
                (vec![instruction], vec![], self.close_bounty(b))
            }
            Op::CloseClaim { bounty, claimant } => {
                let (b, c) = self
                    .pick_claim(*bounty, |_, _| true)
                    .or_else(|| Some((pick(&self.bounties, *bounty)?, *claimant as usize)))?;
                let instruction = ix::close_claim(&self.bounties[b].address, &w[c]);
                (vec![instruction], vec![], self.close_claim(b, c))
            }
            Op::ListAuction {
                by,
                reserve,
                delay,
                duration,
                members_only,
                snipe,
            } => {
                let by = *by as usize;
                let terms = self.auction_terms(*reserve, *delay, *duration, *members_only, *snipe);
                let nonce = self.members[by].as_ref().map_or(0, |m| m.auctions);
                let instruction =
                    ix::list_auction(&k.community, &k.mint, &w[by], nonce, terms.clone());
                (vec![instruction], vec![by], self.list_auction(by, &terms))
            }
            Op::Bid { by, auction, kind } => {
                let (by, a) = (
                    *by as usize,
                    pick_where(&self.auctions, *auction, |a| !a.vault_closed)?,
                );
                let auction = &self.auctions[a];
                let minimum = if auction.bidder.is_some() {
                    auction.highest + auction.min_increment
                } else {
                    auction.reserve
                };
                let amount = match kind {
                    0 => minimum,
                    1 => minimum + 7,
                    2 => minimum - 1,
                    _ => self.balances[by] + 1,
                };
                let instruction = ix::place_bid(
                    &k.community,
                    &k.mint,
                    &auction.address,
                    &w[by],
                    auction.bidder.map(|b| w[b]),
                    self.members[by].is_some(),
                    amount,
                );
                (vec![instruction], vec![by], self.bid(by, a, amount))
            }
            Op::Settle { auction } => {
                let a = pick_where(&self.auctions, *auction, |a| !a.vault_closed)?;
                let auction = &self.auctions[a];
                let (proceeds, seller) = if auction.coop {
                    (k.treasury, w[auction.lister])
                } else {
                    (k.ata(auction.lister), w[auction.lister])
                };
                let rent_payer = if auction.coop {
                    payer
                } else {
                    w[auction.lister]
                };
                let accounts = ix::settle_auction_accounts(
                    &k.community,
                    &k.mint,
                    &auction.address,
                    &proceeds,
                    &seller,
                    &rent_payer,
                    &payer,
                );
                let instruction = ix::instruction(accounts, ampled::instruction::SettleAuction {});
                (vec![instruction], vec![], self.settle(a))
            }
            Op::CancelAuction { by, auction } => {
                let a = pick_where(&self.auctions, *auction, |a| !a.vault_closed)?;
                let by = if *by < 2 {
                    self.auctions[a].lister
                } else {
                    *by as usize
                };
                let auction = &self.auctions[a];
                let rent_payer = if auction.coop {
                    payer
                } else {
                    w[auction.lister]
                };
                let instruction = ix::cancel_auction(
                    &k.community,
                    &k.mint,
                    &auction.address,
                    &w[by],
                    &rent_payer,
                );
                (vec![instruction], vec![by], self.cancel_auction(by, a))
            }
            Op::HandOver { by, auction } => {
                let a = pick_where(&self.auctions, *auction, |a| {
                    a.status == AuctionStatus::Settled && !a.handed_over
                })?;
                let by = match (*by, self.auctions[a].bidder) {
                    (0, Some(winner)) => winner,
                    (1, _) => self.auctions[a].lister,
                    (by, _) => by as usize,
                };
                let instruction = ix::mark_handed_over(&self.auctions[a].address, &w[by]);
                (vec![instruction], vec![by], self.hand_over(by, a))
            }
            Op::CloseAuction { auction } => {
                let a = pick_where(&self.auctions, *auction, |a| !a.closed)?;
                let auction = &self.auctions[a];
                let rent_payer = if auction.coop {
                    payer
                } else {
                    w[auction.lister]
                };
                let instruction = ix::close_auction(&auction.address, &rent_payer);
                (vec![instruction], vec![], self.close_auction(a))
            }
            Op::Transfer { from, to, kind } => {
                let (from, to) = (*from as usize, *to as usize);
                let amount = token_amount(*kind, self.balances[from]);
                let instruction = spl_token::instruction::transfer(
                    &spl_token::ID,
                    &k.ata(from),
                    &k.ata(to),
                    &w[from],
                    &[],
                    amount,
                )
                .unwrap();
                let expected = if amount > self.balances[from] {
                    Err(vec![TOKEN_INSUFFICIENT_FUNDS])
                } else {
                    self.balances[from] -= amount;
                    self.balances[to] += amount;
                    Ok(())
                };
                (vec![instruction], vec![from], expected)
            }
            Op::Burn { by, kind } => {
                let by = *by as usize;
                let amount = token_amount(*kind, self.balances[by]);
                let instruction = spl_token::instruction::burn(
                    &spl_token::ID,
                    &k.ata(by),
                    &k.mint,
                    &w[by],
                    &[],
                    amount,
                )
                .unwrap();
                let expected = if amount > self.balances[by] {
                    Err(vec![TOKEN_INSUFFICIENT_FUNDS])
                } else {
                    self.balances[by] -= amount;
                    self.supply -= amount;
                    Ok(())
                };
                (vec![instruction], vec![by], expected)
            }
            Op::Steal {
                thief,
                victim,
                kind,
            } => {
                let thief = *thief as usize;
                let victim = (thief + *victim as usize) % ACTORS;
                let amount = token_amount(*kind, self.balances[victim]).max(1);
                let instruction = spl_token::instruction::transfer(
                    &spl_token::ID,
                    &k.ata(victim),
                    &k.ata(thief),
                    &w[thief],
                    &[],
                    amount,
                )
                .unwrap();
                let expected = if amount > self.balances[victim] {
                    Err(vec![TOKEN_INSUFFICIENT_FUNDS])
                } else {
                    Err(vec![TOKEN_OWNER_MISMATCH])
                };
                (vec![instruction], vec![thief], expected)
            }
            Op::Advance { secs } => {
                self.now += secs;
                (vec![], vec![], Ok(()))
            }
        })
    }

    fn name_base(&self) -> String {
        self.name.clone()
    }

    /// What the coverage report counts `op` under: its kind and, for a proposal or its
    /// execution, the kind of action, so that each action's outcomes show.
    fn label(&self, op: &Op) -> String {
        let action = match op {
            Op::Propose { action, .. } => Some(variant(format!("{action:?}"))),
            Op::Execute { proposal } => pick_where(&self.proposals, *proposal, approved_proposal)
                .map(|i| variant(format!("{:?}", self.proposals[i].action))),
            _ => None,
        };
        let kind = variant(format!("{op:?}"));
        match action {
            Some(action) => format!("{kind} {action}"),
            None => kind,
        }
    }
}

// ---------------------------------------------------------------------------------------------
// What each operation does, in the order the program checks it: accounts first (a missing one
// is Anchor's AccountNotInitialized), then the instruction's `validate`, then its handler.
// ---------------------------------------------------------------------------------------------

impl Model {
    fn resolve_action(&self, spec: &ActionSpec) -> Option<MAction> {
        let w = &self.keys.wallets;
        let dest = |d: &Dest| match d {
            Dest::Actor(a) => (w[*a as usize], Some(*a as usize)),
            Dest::Treasury => (self.keys.treasury, None),
        };
        Some(match spec {
            ActionSpec::Reward { to, amount } => {
                let (to, actor) = dest(to);
                MAction::Reward {
                    to,
                    actor,
                    amount: *amount,
                }
            }
            ActionSpec::Transfer { to, amount } => {
                let (to, actor) = dest(to);
                MAction::Transfer {
                    to,
                    actor,
                    amount: *amount,
                }
            }
            ActionSpec::Add { who, role: r } => MAction::Add {
                who: *who as usize,
                role: role(*r),
            },
            ActionSpec::Remove { who } => MAction::Remove { who: *who as usize },
            ActionSpec::ChangeRole { who, role: r } => MAction::ChangeRole {
                who: *who as usize,
                role: role(*r),
            },
            ActionSpec::Rules { variant } => MAction::Rules(self.rules_variant(*variant)),
            ActionSpec::PostBounty {
                reward,
                max_claims,
                deadline,
                code,
            } => MAction::PostBounty(BountyTerms {
                category: if *code {
                    BountyCategory::Code
                } else {
                    BountyCategory::StreetTeam
                },
                title: "Fix the player".into(),
                uri: "https://example.org/coop".into(),
                reward: *reward,
                max_claims: *max_claims,
                deadline: deadline.then_some(self.now + 2 * DAY),
            }),
            ActionSpec::PayClaim {
                bounty,
                claimant,
                lie,
            } => {
                let (bounty, claimant) = self
                    .pick_claim(*bounty, |b, c| b.coop && c.status == ClaimStatus::Submitted)
                    .or_else(|| Some((pick(&self.bounties, *bounty)?, *claimant as usize)))?;
                MAction::PayClaim {
                    bounty,
                    claimant,
                    named: if *lie {
                        (claimant + 1) % ACTORS
                    } else {
                        claimant
                    },
                }
            }
            ActionSpec::RejectClaim {
                bounty,
                claimant,
                empty_reason,
            } => {
                let (bounty, claimant) = self
                    .pick_claim(*bounty, |b, c| b.coop && c.status == ClaimStatus::Submitted)
                    .or_else(|| Some((pick(&self.bounties, *bounty)?, *claimant as usize)))?;
                MAction::RejectClaim {
                    bounty,
                    claimant,
                    reason: if *empty_reason { "" } else { "no proof" }.into(),
                }
            }
            ActionSpec::ListAuction {
                reserve,
                delay,
                duration,
                burn,
            } => MAction::ListAuction {
                terms: self.auction_terms(*reserve, *delay, *duration, false, false),
                burn: *burn,
            },
            ActionSpec::Budget {
                code,
                amount,
                period,
            } => MAction::Budget {
                category: if *code {
                    BountyCategory::Code
                } else {
                    BountyCategory::StreetTeam
                },
                amount: *amount,
                period: *period,
            },
            ActionSpec::TokenMetadata(spec) => MAction::TokenMetadata(self.token_change(spec)),
        })
    }

    fn token_change(&self, spec: &TokenSpec) -> TokenMetadataFields {
        let mut token = self.token.clone();
        match spec {
            TokenSpec::Change { field, pick } => {
                let other = |pool: Vec<String>, current: &str| {
                    let others: Vec<String> = pool.into_iter().filter(|v| v != current).collect();
                    others[*pick as usize % others.len()].clone()
                };
                if matches!(field, 0 | 3) {
                    token.name = other(TOKEN_NAMES.map(String::from).to_vec(), &token.name);
                }
                if matches!(field, 1 | 3) {
                    token.symbol = other(TOKEN_SYMBOLS.map(String::from).to_vec(), &token.symbol);
                }
                if matches!(field, 2 | 3) {
                    token.uri = other(token_uris(), &token.uri);
                }
            }
            TokenSpec::Same => {}
            TokenSpec::EmptyName => token.name.clear(),
            TokenSpec::LongSymbol => token.symbol = "AMPLEDCOOPS".into(),
            TokenSpec::HttpUri => token.uri = "http://ampled.com/token/ampled.json".into(),
        }
        token
    }

    /// The limits wallets need (32-byte name, 10-byte symbol, 200-byte uri on a scheme they
    /// fetch), written here apart from the program's own check.
    fn validate_token(token: &TokenMetadataFields) -> Outcome {
        require!(
            (1..=32).contains(&token.name.len()),
            ampled(AmpledError::InvalidTokenName)
        );
        require!(
            (1..=10).contains(&token.symbol.len()),
            ampled(AmpledError::InvalidTokenSymbol)
        );
        require!(
            token.uri.is_empty()
                || (token.uri.len() <= 200
                    && ["https://", "ipfs://", "ar://"]
                        .iter()
                        .any(|scheme| token.uri.starts_with(scheme))),
            ampled(AmpledError::InvalidTokenUri)
        );
        Ok(())
    }

    /// The `n`th active member who may still vote on proposal `i` (approving only if it does
    /// not benefit them).
    fn voter_for(&self, i: usize, n: usize, approve: bool) -> Option<usize> {
        let p = &self.proposals[i];
        let beneficiary = self.beneficiary(&p.action);
        let voters: Vec<usize> = (0..ACTORS)
            .filter(|&a| {
                self.members[a].as_ref().is_some_and(|m| {
                    m.active
                        && m.index < p.limit
                        && !p.approvals.contains(&m.index)
                        && !p.rejections.contains(&m.index)
                })
            })
            .filter(|&a| !approve || beneficiary != Some(self.keys.wallets[a]))
            .collect();
        (!voters.is_empty()).then(|| voters[n % voters.len()])
    }

    /// A claim `useful` says can be acted on, for most selectors (as `pick_where`).
    fn pick_claim(
        &self,
        back: u8,
        useful: impl Fn(&MBounty, &MClaim) -> bool,
    ) -> Option<(usize, usize)> {
        let live: Vec<(usize, usize)> = self
            .claims
            .iter()
            .filter(|((b, _), c)| useful(&self.bounties[*b], c))
            .map(|(key, _)| *key)
            .collect();
        (back < 6 && !live.is_empty()).then(|| live[live.len() - 1 - back as usize % live.len()])
    }

    /// A member-funded bounty's submitted claim and, mostly, its poster deciding it.
    fn pick_decision(&self, by: u8, back: u8, claimant: u8) -> Option<(usize, usize, usize)> {
        match self.pick_claim(back, |b, c| !b.coop && c.status == ClaimStatus::Submitted) {
            Some((b, c)) if by < 3 => Some((b, c, self.bounties[b].poster)),
            Some((b, c)) => Some((b, c, by as usize)),
            None => Some((pick(&self.bounties, back)?, claimant as usize, by as usize)),
        }
    }

    fn auction_terms(
        &self,
        reserve: u64,
        delay: i64,
        duration: i64,
        members_only: bool,
        snipe: bool,
    ) -> AuctionTerms {
        let starts_at = self.now + delay;
        AuctionTerms {
            title: "Fender Rhodes".into(),
            uri: "https://example.org/rhodes".into(),
            reserve_price: reserve,
            min_increment: 5,
            starts_at,
            ends_at: starts_at + duration,
            snipe_window_secs: if snipe { HOUR } else { 0 },
            snipe_extension_secs: if snipe { HOUR } else { 0 },
            members_only,
        }
    }

    fn actor_of(&self, wallet: &Pubkey) -> Option<usize> {
        self.keys.wallets.iter().position(|w| w == wallet)
    }

    fn named_wallet(&self, action: &MAction) -> Option<Pubkey> {
        let w = &self.keys.wallets;
        match action {
            MAction::Reward { to, .. } | MAction::Transfer { to, .. } => Some(*to),
            MAction::Add { who, .. }
            | MAction::Remove { who }
            | MAction::ChangeRole { who, .. } => Some(w[*who]),
            MAction::PayClaim { named, .. } => Some(w[*named]),
            _ => None,
        }
    }

    fn propose(&mut self, by: usize, address: Pubkey, action: MAction) -> Outcome {
        let Some(member) = &self.members[by] else {
            refuse!(ACCOUNT_NOT_INITIALIZED)
        };
        require!(member.active, ampled(AmpledError::NotActiveMember));
        if let Some(wallet) = self.named_wallet(&action) {
            require!(wallet.is_on_curve(), ampled(AmpledError::NotAWallet));
        }
        match &action {
            MAction::Reward { amount, .. } | MAction::Transfer { amount, .. } => {
                require!(*amount > 0, ampled(AmpledError::ZeroAmount))
            }
            MAction::Rules(rules) => self.validate_rules(rules)?,
            MAction::PostBounty(terms) => self.validate_bounty_terms(terms)?,
            MAction::ListAuction { terms, .. } => self.validate_auction_terms(terms)?,
            MAction::Budget { period, .. } => require!(
                (60..=366 * DAY).contains(period),
                ampled(AmpledError::InvalidCategoryBudget)
            ),
            MAction::TokenMetadata(token) => Self::validate_token(token)?,
            _ => {}
        }
        match &action {
            MAction::Add { who, .. } => {
                require!(!self.active(*who), ampled(AmpledError::AlreadyMember))
            }
            MAction::ChangeRole { who, role } => {
                require!(self.active(*who), ampled(AmpledError::NotActiveMember));
                require!(
                    self.members[*who].as_ref().unwrap().role != *role,
                    ampled(AmpledError::RoleUnchanged)
                );
            }
            MAction::Remove { who } => {
                require!(self.active(*who), ampled(AmpledError::NotActiveMember))
            }
            MAction::PayClaim {
                bounty,
                claimant,
                named,
            } => {
                let claim = self.claims.get(&(*bounty, *claimant));
                let Some(claim) = claim else {
                    refuse!(ampled(AmpledError::WrongProposalTarget))
                };
                require!(claimant == named, ampled(AmpledError::WalletMismatch));
                require!(
                    claim.status == ClaimStatus::Submitted,
                    ampled(AmpledError::ClaimNotSubmitted)
                );
            }
            MAction::RejectClaim {
                bounty, claimant, ..
            } => {
                let Some(claim) = self.claims.get(&(*bounty, *claimant)) else {
                    refuse!(ampled(AmpledError::WrongProposalTarget))
                };
                require!(
                    claim.status == ClaimStatus::Submitted,
                    ampled(AmpledError::ClaimNotSubmitted)
                );
            }
            _ => {}
        }
        let limit = self.slots.len() as u32;
        let beneficiary_slot = self
            .beneficiary(&action)
            .and_then(|wallet| self.actor_of(&wallet))
            .and_then(|a| self.members[a].as_ref())
            .filter(|m| m.active && m.index < limit)
            .map(|m| m.index);
        let proposal = MProposal {
            address,
            proposer: by,
            target_revision: self.target_revision(&action).unwrap_or(0),
            action,
            status: ProposalStatus::Voting,
            rules_version: self.rules_version,
            limit,
            ends_at: self.now + self.rules.voting_period_secs,
            approvals: BTreeSet::new(),
            rejections: BTreeSet::new(),
            beneficiary_slot,
            closed: false,
        };
        require!(
            self.tally(&proposal).can_still_pass(),
            ampled(AmpledError::ProposalCannotPass)
        );
        self.members[by].as_mut().unwrap().proposals += 1;
        self.proposals.push(proposal);
        Ok(())
    }

    fn vote(&mut self, by: usize, i: usize, approve: bool) -> Outcome {
        let Some(member) = self.members[by].clone() else {
            refuse!(ACCOUNT_NOT_INITIALIZED)
        };
        let p = &self.proposals[i];
        require!(!p.closed, ACCOUNT_NOT_INITIALIZED);
        require!(member.active, ampled(AmpledError::NotActiveMember));
        self.require_open(p)?;
        if approve {
            require!(
                self.beneficiary(&p.action) != Some(self.keys.wallets[by]),
                ampled(AmpledError::CannotApproveOwnBenefit)
            );
        }
        require!(
            member.index < p.limit,
            ampled(AmpledError::VoterJoinedAfterProposal)
        );
        require!(
            !p.approvals.contains(&member.index) && !p.rejections.contains(&member.index),
            ampled(AmpledError::AlreadyVoted)
        );
        let p = &mut self.proposals[i];
        if approve {
            p.approvals.insert(member.index);
        } else {
            p.rejections.insert(member.index);
        }
        let tally = self.tally(&self.proposals[i]);
        self.proposals[i].status = if tally.passed() {
            ProposalStatus::Approved
        } else if !tally.can_still_pass() {
            ProposalStatus::Defeated
        } else {
            ProposalStatus::Voting
        };
        Ok(())
    }

    fn cancel(&mut self, by: usize, i: usize) -> Outcome {
        let p = &self.proposals[i];
        require!(!p.closed, ACCOUNT_NOT_INITIALIZED);
        require!(p.proposer == by, ampled(AmpledError::NotProposer));
        self.require_open(p)?;
        require!(
            !self.tally(p).passed(),
            ampled(AmpledError::ProposalAlreadyApproved)
        );
        self.proposals[i].status = ProposalStatus::Cancelled;
        Ok(())
    }

    fn close_proposal(&mut self, i: usize) -> Outcome {
        let p = &self.proposals[i];
        require!(!p.closed, ACCOUNT_NOT_INITIALIZED);
        let finished = !matches!(p.status, ProposalStatus::Voting | ProposalStatus::Approved)
            || self.now >= p.ends_at
            || p.rules_version != self.rules_version
            || !self.tally(p).can_still_pass();
        let target_changed = self
            .target_revision(&p.action)
            .is_some_and(|revision| revision != p.target_revision);
        require!(
            finished || target_changed,
            ampled(AmpledError::ProposalStillOpen)
        );
        self.proposals[i].closed = true;
        Ok(())
    }

    fn require_target_unchanged(&self, i: usize) -> Outcome {
        let p = &self.proposals[i];
        require!(
            self.target_revision(&p.action) == Some(p.target_revision),
            ampled(AmpledError::ProposalTargetChanged)
        );
        Ok(())
    }

    fn execute_instruction(&self, i: usize, redirect: Option<Pubkey>) -> Instruction {
        let k = &self.keys;
        let p = &self.proposals[i];
        let proposer = k.wallets[p.proposer];
        let member = self.members[p.proposer].as_ref().unwrap();
        match &p.action {
            MAction::PostBounty(_) => ix::execute_post_bounty(
                &k.community,
                &p.address,
                &proposer,
                member.bounties,
                &k.payer,
            ),
            MAction::PayClaim {
                bounty, claimant, ..
            } => {
                let bounty = &self.bounties[*bounty];
                ix::instruction(
                    ix::execute_pay_bounty_claim_accounts(
                        &k.community,
                        &k.mint,
                        &p.address,
                        &bounty.address,
                        &k.wallets[*claimant],
                        bounty.category,
                        &k.payer,
                    ),
                    ampled::instruction::ExecutePayBountyClaim {},
                )
            }
            MAction::RejectClaim {
                bounty, claimant, ..
            } => {
                let bounty = self.bounties[*bounty].address;
                let claim = ix::claim_address(&bounty, &k.wallets[*claimant]);
                ix::execute_reject_bounty_claim(&k.community, &p.address, &bounty, &claim)
            }
            MAction::Budget { category, .. } => {
                ix::execute_set_category_budget(&k.community, &p.address, *category, &k.payer)
            }
            MAction::ListAuction { .. } => ix::execute_list_auction(
                &k.community,
                &k.mint,
                &p.address,
                &proposer,
                member.auctions,
                &k.payer,
            ),
            action => {
                let mut action = self.to_action(action);
                if let (
                    Some(to),
                    ProposalAction::MintReward { recipient, .. }
                    | ProposalAction::TreasuryTransfer { recipient, .. },
                ) = (redirect, &mut action)
                {
                    *recipient = to;
                }
                ix::execute_proposal(
                    &k.community,
                    &k.mint,
                    &p.address,
                    &action,
                    &Pubkey::default(),
                    &ix::ExecuteRecords::default(),
                    &k.payer,
                )
                .expect("this action needs no other record")
            }
        }
    }

    fn execute(&mut self, i: usize) -> Outcome {
        require!(!self.proposals[i].closed, ACCOUNT_NOT_INITIALIZED);
        let action = self.proposals[i].action.clone();
        let proposer = self.proposals[i].proposer;
        match action {
            MAction::Reward { to, actor, amount } => {
                require!(to.is_on_curve(), ampled(AmpledError::NotAWallet));
                self.mark_executed(i)?;
                self.record_issuance(amount)?;
                self.supply += amount;
                self.credit(&to, actor, amount);
            }
            MAction::Transfer { to, actor, amount } => {
                require!(to.is_on_curve(), ampled(AmpledError::NotAWallet));
                require!(
                    self.treasury >= amount,
                    ampled(AmpledError::InsufficientTreasury)
                );
                self.mark_executed(i)?;
                self.treasury -= amount;
                self.credit(&to, actor, amount);
            }
            MAction::Add { who, role } => {
                self.require_target_unchanged(i)?;
                require!(!self.active(who), ampled(AmpledError::AlreadyMember));
                self.mark_executed(i)?;
                let index = self.slots.len() as u32;
                self.slots.push(true);
                let member = self.members[who].get_or_insert(MMember {
                    role,
                    active: true,
                    index,
                    proposals: 0,
                    bounties: 0,
                    auctions: 0,
                    revision: 0,
                });
                member.role = role;
                member.active = true;
                member.index = index;
                member.revision += 1;
            }
            MAction::Remove { who } => {
                require!(self.members[who].is_some(), ACCOUNT_NOT_INITIALIZED);
                self.require_target_unchanged(i)?;
                require!(self.active(who), ampled(AmpledError::NotActiveMember));
                self.mark_executed(i)?;
                require!(
                    self.active_count() > self.rules.min_approvals,
                    ampled(AmpledError::TooFewMembersLeft)
                );
                let member = self.members[who].as_mut().unwrap();
                member.active = false;
                member.revision += 1;
                let index = member.index as usize;
                self.slots[index] = false;
            }
            MAction::ChangeRole { who, role } => {
                require!(self.members[who].is_some(), ACCOUNT_NOT_INITIALIZED);
                self.require_target_unchanged(i)?;
                require!(self.active(who), ampled(AmpledError::NotActiveMember));
                require!(
                    self.members[who].as_ref().unwrap().role != role,
                    ampled(AmpledError::RoleUnchanged)
                );
                self.mark_executed(i)?;
                let member = self.members[who].as_mut().unwrap();
                member.role = role;
                member.revision += 1;
            }
            MAction::Rules(rules) => {
                self.validate_rules(&rules)?;
                self.mark_executed(i)?;
                if rules.issuance_cap != self.rules.issuance_cap {
                    // The program's `Community::adopt_rules`: periods start afresh, carrying what
                    // the running period minted.
                    let running = match self.rules.issuance_cap {
                        Some(cap)
                            if ((self.now - self.issuance_anchor).max(0) / cap.period_secs)
                                as u64
                                == self.issuance_index =>
                        {
                            self.issued
                        }
                        _ => 0,
                    };
                    self.issuance_anchor = self.now;
                    self.issuance_index = 0;
                    self.issued = running;
                    self.issuance_carry = running;
                    self.mints_before_anchor = self.mints.len();
                }
                self.rules = rules;
                self.rules_version += 1;
            }
            MAction::PostBounty(terms) => {
                self.validate_bounty_terms(&terms)?;
                self.mark_executed(i)?;
                let member = self.members[proposer].as_mut().unwrap();
                let nonce = member.bounties;
                member.bounties += 1;
                self.bounties.push(MBounty {
                    address: ix::bounty_address(
                        &self.keys.community,
                        &self.keys.wallets[proposer],
                        nonce,
                    ),
                    poster: proposer,
                    coop: true,
                    category: terms.category,
                    reward: terms.reward,
                    max_claims: terms.max_claims,
                    deadline: terms.deadline,
                    status: BountyStatus::Open,
                    open_claims: 0,
                    submitted: 0,
                    paid: 0,
                    claim_revisions: 0,
                    vault: 0,
                    vault_closed: true,
                    closed: false,
                });
            }
            MAction::PayClaim {
                bounty, claimant, ..
            } => {
                require!(!self.bounties[bounty].closed, ACCOUNT_NOT_INITIALIZED);
                let Some(claim) = self.claims.get(&(bounty, claimant)).cloned() else {
                    refuse!(ACCOUNT_NOT_INITIALIZED)
                };
                self.require_target_unchanged(i)?;
                require!(
                    self.bounties[bounty].coop,
                    ampled(AmpledError::WrongBountyFunding)
                );
                Self::claim_require_submitted(&claim)?;
                Self::bounty_require_open(&self.bounties[bounty])?;
                self.mark_executed(i)?;
                let reward = self.bounties[bounty].reward;
                self.record_issuance(reward)?;
                let category = self.bounties[bounty].category as u8;
                if let Some(budget) = self.budgets.get_mut(&category) {
                    let period = ((self.now - self.created_at).max(0) / budget.period) as u64;
                    if period != budget.period_index {
                        budget.period_index = period;
                        budget.minted = 0;
                    }
                    require!(
                        budget.minted + reward <= budget.amount,
                        ampled(AmpledError::CategoryBudgetExceeded)
                    );
                    budget.minted += reward;
                }
                self.supply += reward;
                self.balances[claimant] += reward;
                self.settle_claim(bounty, claimant, ClaimStatus::Paid);
            }
            MAction::RejectClaim {
                bounty,
                claimant,
                reason,
            } => {
                require!(!self.bounties[bounty].closed, ACCOUNT_NOT_INITIALIZED);
                let Some(claim) = self.claims.get(&(bounty, claimant)).cloned() else {
                    refuse!(ACCOUNT_NOT_INITIALIZED)
                };
                self.require_target_unchanged(i)?;
                require!(
                    self.bounties[bounty].coop,
                    ampled(AmpledError::WrongBountyFunding)
                );
                require!(!reason.is_empty(), ampled(AmpledError::ReasonRequired));
                Self::claim_require_submitted(&claim)?;
                self.mark_executed(i)?;
                self.settle_claim(bounty, claimant, ClaimStatus::Rejected);
            }
            MAction::Budget {
                category,
                amount,
                period,
            } => {
                self.mark_executed(i)?;
                let budget = self.budgets.entry(category as u8).or_insert(MBudget {
                    amount,
                    period,
                    period_index: 0,
                    minted: 0,
                });
                if budget.period != period {
                    budget.period_index = u64::MAX;
                }
                budget.amount = amount;
                budget.period = period;
            }
            MAction::ListAuction { terms, burn } => {
                self.mark_executed(i)?;
                let starts_at = terms.starts_at.max(self.now);
                let terms = AuctionTerms {
                    starts_at,
                    ends_at: starts_at + (terms.ends_at - terms.starts_at),
                    ..terms
                };
                self.create_auction(proposer, &terms, true, burn);
            }
            // Unlike new rules, a new name leaves other proposals open: nothing they were
            // approved under has changed.
            MAction::TokenMetadata(token) => {
                self.mark_executed(i)?;
                require!(
                    token != self.token,
                    ampled(AmpledError::TokenMetadataUnchanged)
                );
                self.token = token;
            }
        }
        Ok(())
    }

    fn create_auction(&mut self, lister: usize, terms: &AuctionTerms, coop: bool, burn: bool) {
        let member = self.members[lister].as_mut().unwrap();
        let nonce = member.auctions;
        member.auctions += 1;
        self.auctions.push(MAuction {
            address: ix::auction_address(&self.keys.community, &self.keys.wallets[lister], nonce),
            lister,
            coop,
            proceeds_burn: burn,
            reserve: terms.reserve_price,
            min_increment: terms.min_increment,
            starts_at: terms.starts_at,
            ends_at: terms.ends_at,
            snipe_window: terms.snipe_window_secs,
            snipe_extension: terms.snipe_extension_secs,
            members_only: terms.members_only,
            status: AuctionStatus::Open,
            highest: 0,
            bidder: None,
            handed_over: false,
            vault_closed: false,
            closed: false,
        });
    }

    fn post_bounty(&mut self, by: usize, terms: BountyTerms) -> Outcome {
        require!(self.members[by].is_some(), ACCOUNT_NOT_INITIALIZED);
        require!(self.active(by), ampled(AmpledError::NotActiveMember));
        self.validate_bounty_terms(&terms)?;
        let escrow = terms.reward * u64::from(terms.max_claims);
        require!(
            self.balances[by] >= escrow,
            ampled(AmpledError::InsufficientBalance)
        );
        self.balances[by] -= escrow;
        let member = self.members[by].as_mut().unwrap();
        let nonce = member.bounties;
        member.bounties += 1;
        self.bounties.push(MBounty {
            address: ix::bounty_address(&self.keys.community, &self.keys.wallets[by], nonce),
            poster: by,
            coop: false,
            category: terms.category,
            reward: terms.reward,
            max_claims: terms.max_claims,
            deadline: terms.deadline,
            status: BountyStatus::Open,
            open_claims: 0,
            submitted: 0,
            paid: 0,
            claim_revisions: 0,
            vault: escrow,
            vault_closed: false,
            closed: false,
        });
        Ok(())
    }

    fn claim(&mut self, by: usize, b: usize) -> Outcome {
        require!(!self.bounties[b].closed, ACCOUNT_NOT_INITIALIZED);
        self.accepting_work(&self.bounties[b])?;
        if let Some(existing) = self.claims.get(&(b, by)) {
            require!(
                existing.status == ClaimStatus::Withdrawn,
                ampled(AmpledError::AlreadyClaimed)
            );
        }
        let bounty = &mut self.bounties[b];
        bounty.open_claims += 1;
        bounty.claim_revisions += 1;
        self.claims.insert(
            (b, by),
            MClaim {
                status: ClaimStatus::Claimed,
                revision: bounty.claim_revisions,
            },
        );
        Ok(())
    }

    fn submit(&mut self, by: usize, b: usize, empty: bool) -> Outcome {
        require!(!self.bounties[b].closed, ACCOUNT_NOT_INITIALIZED);
        let Some(claim) = self.claims.get(&(b, by)).cloned() else {
            refuse!(ACCOUNT_NOT_INITIALIZED)
        };
        require!(!empty, ampled(AmpledError::EvidenceRequired));
        self.accepting_work(&self.bounties[b])?;
        Self::claim_require_unsettled(&claim)?;
        let bounty = &mut self.bounties[b];
        let claim = self.claims.get_mut(&(b, by)).unwrap();
        if claim.status == ClaimStatus::Claimed {
            bounty.submitted += 1;
            claim.status = ClaimStatus::Submitted;
        }
        bounty.claim_revisions += 1;
        claim.revision = bounty.claim_revisions;
        Ok(())
    }

    fn withdraw(&mut self, by: usize, b: usize) -> Outcome {
        require!(!self.bounties[b].closed, ACCOUNT_NOT_INITIALIZED);
        let Some(claim) = self.claims.get(&(b, by)).cloned() else {
            refuse!(ACCOUNT_NOT_INITIALIZED)
        };
        Self::claim_require_unsettled(&claim)?;
        self.settle_claim(b, by, ClaimStatus::Withdrawn);
        let bounty = &mut self.bounties[b];
        bounty.claim_revisions += 1;
        self.claims.get_mut(&(b, by)).unwrap().revision = bounty.claim_revisions;
        Ok(())
    }

    fn approve(&mut self, by: usize, b: usize, c: usize) -> Outcome {
        let bounty = self.bounties[b].clone();
        require!(!bounty.closed, ACCOUNT_NOT_INITIALIZED);
        let Some(claim) = self.claims.get(&(b, c)).cloned() else {
            refuse!(ACCOUNT_NOT_INITIALIZED)
        };
        require!(by == bounty.poster, ampled(AmpledError::NotBountyPoster));
        require!(!bounty.coop, ampled(AmpledError::WrongBountyFunding));
        require!(
            c != bounty.poster,
            ampled(AmpledError::CannotApproveOwnBenefit)
        );
        Self::claim_require_submitted(&claim)?;
        Self::bounty_require_open(&bounty)?;
        require!(
            bounty.vault >= bounty.reward,
            ampled(AmpledError::InsufficientBalance)
        );
        self.bounties[b].vault -= bounty.reward;
        self.balances[c] += bounty.reward;
        self.settle_claim(b, c, ClaimStatus::Paid);
        let bounty = &mut self.bounties[b];
        if bounty.status == BountyStatus::Completed {
            self.balances[bounty.poster] += bounty.vault;
            bounty.vault = 0;
            bounty.vault_closed = true;
        }
        Ok(())
    }

    fn reject(&mut self, by: usize, b: usize, c: usize) -> Outcome {
        let bounty = &self.bounties[b];
        require!(!bounty.closed, ACCOUNT_NOT_INITIALIZED);
        let Some(claim) = self.claims.get(&(b, c)).cloned() else {
            refuse!(ACCOUNT_NOT_INITIALIZED)
        };
        require!(by == bounty.poster, ampled(AmpledError::NotBountyPoster));
        require!(!bounty.coop, ampled(AmpledError::WrongBountyFunding));
        Self::claim_require_submitted(&claim)?;
        self.settle_claim(b, c, ClaimStatus::Rejected);
        Ok(())
    }

    fn end_bounty(&mut self, by: usize, b: usize) -> Outcome {
        let now = self.now;
        let bounty = &mut self.bounties[b];
        require!(!bounty.closed, ACCOUNT_NOT_INITIALIZED);
        Self::bounty_require_open(bounty)?;
        require!(
            bounty.submitted == 0,
            ampled(AmpledError::ClaimsAwaitingReview)
        );
        bounty.status = if bounty.deadline.is_some_and(|d| now >= d) {
            BountyStatus::Expired
        } else {
            require!(!bounty.coop, ampled(AmpledError::DecidedByMembers));
            require!(by == bounty.poster, ampled(AmpledError::NotBountyPoster));
            BountyStatus::Cancelled
        };
        if !bounty.coop {
            self.balances[bounty.poster] += bounty.vault;
            bounty.vault = 0;
            bounty.vault_closed = true;
        }
        Ok(())
    }

    fn close_bounty(&mut self, b: usize) -> Outcome {
        let bounty = &mut self.bounties[b];
        require!(!bounty.closed, ACCOUNT_NOT_INITIALIZED);
        require!(
            bounty.status != BountyStatus::Open && bounty.open_claims == 0,
            ampled(AmpledError::BountyNotSettled)
        );
        bounty.closed = true;
        Ok(())
    }

    fn close_claim(&mut self, b: usize, c: usize) -> Outcome {
        let Some(claim) = self.claims.get(&(b, c)).cloned() else {
            refuse!(ACCOUNT_NOT_INITIALIZED)
        };
        let bounty = &mut self.bounties[b];
        let bounty_open = !bounty.closed && bounty.status == BountyStatus::Open;
        require!(
            claim.status == ClaimStatus::Withdrawn || !bounty_open,
            ampled(AmpledError::ClaimStillOpen)
        );
        if matches!(claim.status, ClaimStatus::Claimed | ClaimStatus::Submitted) {
            if claim.status == ClaimStatus::Submitted {
                bounty.submitted -= 1;
            }
            bounty.open_claims -= 1;
        }
        self.claims.remove(&(b, c));
        Ok(())
    }

    fn list_auction(&mut self, by: usize, terms: &AuctionTerms) -> Outcome {
        require!(self.members[by].is_some(), ACCOUNT_NOT_INITIALIZED);
        require!(self.active(by), ampled(AmpledError::NotActiveMember));
        self.validate_auction_terms(terms)?;
        self.create_auction(by, terms, false, false);
        Ok(())
    }

    fn bid(&mut self, by: usize, a: usize, amount: u64) -> Outcome {
        let now = self.now;
        let auction = &self.auctions[a];
        require!(!auction.closed, ACCOUNT_NOT_INITIALIZED);
        require!(
            auction.coop || by != auction.lister,
            ampled(AmpledError::SellerCannotBid)
        );
        if auction.members_only {
            require!(self.active(by), ampled(AmpledError::MembersOnlyAuction));
        }
        require!(
            self.balances[by] >= amount,
            ampled(AmpledError::InsufficientBalance)
        );
        Self::auction_require_open(auction)?;
        require!(
            now >= auction.starts_at,
            ampled(AmpledError::AuctionNotStarted)
        );
        require!(now < auction.ends_at, ampled(AmpledError::AuctionEnded));
        let minimum = if auction.bidder.is_some() {
            auction.highest + auction.min_increment
        } else {
            auction.reserve
        };
        require!(amount >= minimum, ampled(AmpledError::BidTooLow));
        self.balances[by] -= amount;
        if let Some(previous) = auction.bidder {
            self.balances[previous] += auction.highest;
        }
        let auction = &mut self.auctions[a];
        auction.highest = amount;
        auction.bidder = Some(by);
        if auction.ends_at - now <= auction.snipe_window {
            auction.ends_at += auction.snipe_extension;
        }
        Ok(())
    }

    fn settle(&mut self, a: usize) -> Outcome {
        let auction = self.auctions[a].clone();
        require!(!auction.closed, ACCOUNT_NOT_INITIALIZED);
        Self::auction_require_open(&auction)?;
        require!(
            self.now >= auction.ends_at,
            ampled(AmpledError::AuctionStillRunning)
        );
        if auction.proceeds_burn {
            self.supply -= auction.highest;
        } else if auction.coop {
            self.treasury += auction.highest;
        } else {
            self.balances[auction.lister] += auction.highest;
        }
        let auction = &mut self.auctions[a];
        auction.vault_closed = true;
        auction.status = if auction.bidder.is_some() {
            AuctionStatus::Settled
        } else {
            AuctionStatus::Unsold
        };
        Ok(())
    }

    /// Settling with another wallet's token account as the proceeds account: refused once the
    /// auction could be settled, unless its proceeds are burned (then that account is unused).
    fn settle_to_someone_else(&mut self, a: usize) -> Outcome {
        let auction = self.auctions[a].clone();
        require!(!auction.closed, ACCOUNT_NOT_INITIALIZED);
        Self::auction_require_open(&auction)?;
        require!(
            self.now >= auction.ends_at,
            ampled(AmpledError::AuctionStillRunning)
        );
        match (auction.coop, auction.proceeds_burn) {
            (false, _) => refuse!(ampled(AmpledError::WalletMismatch)),
            (true, false) => refuse!(ampled(AmpledError::WrongTreasury)),
            (true, true) => self.settle(a),
        }
    }

    fn cancel_auction(&mut self, by: usize, a: usize) -> Outcome {
        let auction = &mut self.auctions[a];
        require!(!auction.closed, ACCOUNT_NOT_INITIALIZED);
        require!(by == auction.lister, ampled(AmpledError::NotSeller));
        Self::auction_require_open(auction)?;
        require!(!auction.coop, ampled(AmpledError::DecidedByMembers));
        require!(
            auction.bidder.is_none(),
            ampled(AmpledError::AuctionHasBids)
        );
        auction.vault_closed = true;
        auction.status = AuctionStatus::Cancelled;
        Ok(())
    }

    fn auction_require_open(auction: &MAuction) -> Outcome {
        match auction.status {
            AuctionStatus::Open => Ok(()),
            AuctionStatus::Cancelled => refuse!(ampled(AmpledError::AuctionCancelled)),
            AuctionStatus::Settled | AuctionStatus::Unsold => {
                refuse!(ampled(AmpledError::AuctionAlreadySettled))
            }
        }
    }

    fn hand_over(&mut self, by: usize, a: usize) -> Outcome {
        let auction = &mut self.auctions[a];
        require!(!auction.closed, ACCOUNT_NOT_INITIALIZED);
        require!(
            auction.status == AuctionStatus::Settled,
            ampled(AmpledError::AuctionNotFinished)
        );
        require!(!auction.handed_over, ampled(AmpledError::AlreadyHandedOver));
        require!(
            auction.bidder == Some(by) || auction.lister == by,
            ampled(AmpledError::NotWinnerOrSeller)
        );
        auction.handed_over = true;
        Ok(())
    }

    fn close_auction(&mut self, a: usize) -> Outcome {
        let auction = &mut self.auctions[a];
        require!(!auction.closed, ACCOUNT_NOT_INITIALIZED);
        let finished = match auction.status {
            AuctionStatus::Open => false,
            AuctionStatus::Settled => auction.handed_over,
            AuctionStatus::Unsold | AuctionStatus::Cancelled => true,
        };
        require!(finished, ampled(AmpledError::AuctionNotFinished));
        auction.closed = true;
        Ok(())
    }
}

// ---------------------------------------------------------------------------------------------
// Running sequences on one chain: each sequence founds its own community, so sequences never
// see each other, and the chain's start-up cost is paid once.
// ---------------------------------------------------------------------------------------------

impl Env {
    async fn start() -> Self {
        let mut chain = Chain::start().await;
        let actors: Vec<Keypair> = (0..ACTORS).map(|_| Keypair::new()).collect();
        let payer = chain.payer().pubkey();
        let fund: Vec<Instruction> = actors
            .iter()
            .map(|a| {
                anchor_lang::solana_program::system_instruction::transfer(
                    &payer,
                    &a.pubkey(),
                    1_000 * SOL,
                )
            })
            .collect();
        chain.send(&fund, &[]).await.expect("fund the actors");

        // Another community of the same founders, with an open proposal, for attacks that pass
        // its records to this one's instructions.
        let founders: Vec<&Keypair> = actors[..FOUNDERS].iter().collect();
        let args = ampled::instructions::CreateCommunityArgs {
            name: "model-foreign".into(),
            decimals: DECIMALS,
            token: token_metadata(),
            rules: starting_rules(),
            founders: founders
                .iter()
                .map(|k| ampled::instructions::Founder {
                    wallet: k.pubkey(),
                    role: MemberRole::Worker,
                })
                .collect(),
        };
        let foreign = ix::community_address(&args.name);
        let foreign_proposal = ix::proposal_address(&foreign, &founders[0].pubkey(), 0);
        let propose = ix::create_proposal(
            &foreign,
            &founders[0].pubkey(),
            foreign_proposal,
            ProposalAction::MintReward {
                recipient: founders[1].pubkey(),
                amount: 1,
                reason: "elsewhere".into(),
            },
        );
        chain
            .send(
                &[ix::create_community(&payer, &args), propose],
                &[founders[0]],
            )
            .await
            .expect("found another community");
        Self {
            foreign_proposal,
            chain,
            actors,
            sequences: 0,
            steps: 0,
            sends: 0,
            send_time: Default::default(),
            checks: 0,
            coverage: BTreeMap::new(),
        }
    }

    async fn send(
        &mut self,
        instructions: &[Instruction],
        signers: &[usize],
    ) -> Result<(), Failure> {
        let keys: Vec<&Keypair> = signers.iter().map(|&i| &self.actors[i]).collect();
        let started = Instant::now();
        let result = self.chain.send(instructions, &keys).await.map(|_| ());
        self.send_time += started.elapsed();
        self.sends += 1;
        result
    }

    /// Founds the sequence's community, gives every actor a token account and rewards each
    /// founder through a proposal the other founders approve (checked by the model too).
    async fn found(&mut self) -> Model {
        self.sequences += 1;
        let name = format!("model-{}", self.sequences);
        let community = ix::community_address(&name);
        let mint = ix::mint_address(&community);
        let payer = self.chain.payer().pubkey();
        let wallets: Vec<Pubkey> = self.actors.iter().map(|a| a.pubkey()).collect();
        let args = ampled::instructions::CreateCommunityArgs {
            name: name.clone(),
            decimals: DECIMALS,
            token: token_metadata(),
            rules: starting_rules(),
            founders: wallets[..FOUNDERS]
                .iter()
                .map(|w| ampled::instructions::Founder {
                    wallet: *w,
                    role: MemberRole::Worker,
                })
                .collect(),
        };
        let mut setup = vec![ix::create_community(&payer, &args)];
        setup.extend(wallets.iter().map(|w| {
            anchor_spl::associated_token::spl_associated_token_account::instruction::create_associated_token_account_idempotent(
                &payer, w, &mint, &spl_token::ID,
            )
        }));
        self.send(&setup, &[]).await.expect("found the community");

        let now = self.chain.now();
        let mut model = Model {
            name,
            keys: Keys {
                community,
                mint,
                treasury: ix::treasury_address(&community),
                payer,
                wallets,
                foreign_proposal: self.foreign_proposal,
            },
            now,
            created_at: now,
            rules: starting_rules(),
            rules_version: 0,
            slots: vec![true; FOUNDERS],
            members: (0..ACTORS)
                .map(|i| {
                    (i < FOUNDERS).then_some(MMember {
                        role: MemberRole::Worker,
                        active: true,
                        index: i as u32,
                        proposals: 0,
                        bounties: 0,
                        auctions: 0,
                        revision: 1,
                    })
                })
                .collect(),
            total_minted: 0,
            issuance_anchor: now,
            issuance_index: 0,
            issued: 0,
            issuance_carry: 0,
            mints_before_anchor: 0,
            balances: vec![0; ACTORS],
            treasury: 0,
            stranded: BTreeMap::new(),
            supply: 0,
            proposals: Vec::new(),
            bounties: Vec::new(),
            claims: BTreeMap::new(),
            auctions: Vec::new(),
            budgets: BTreeMap::new(),
            payments: BTreeMap::new(),
            mints: Vec::new(),
            token: token_metadata(),
            founded: 0,
        };
        for founder in 0..FOUNDERS as u8 {
            let ops = [
                Op::Propose {
                    by: founder,
                    action: ActionSpec::Reward {
                        to: Dest::Actor(founder),
                        amount: SEED_TOKENS,
                    },
                },
                Op::Vote {
                    by: (founder + 1) % FOUNDERS as u8,
                    proposal: 0,
                    approve: true,
                },
                Op::Vote {
                    by: (founder + 2) % FOUNDERS as u8,
                    proposal: 0,
                    approve: true,
                },
                Op::Execute { proposal: 0 },
            ];
            let mut instructions = Vec::new();
            let mut signers = Vec::new();
            for op in &ops {
                let step = model.plan(op).expect("setup step applies");
                assert_eq!(
                    step.expected,
                    Ok(()),
                    "setup step {op:?} is refused by the model"
                );
                instructions.extend(step.instructions);
                signers.extend(step.signers);
                model = step.after;
            }
            self.send(&instructions, &signers)
                .await
                .expect("reward a founder");
        }
        model
    }

    async fn run(&mut self, ops: &[Option<Op>]) -> Result<(), TestCaseError> {
        let mut model = self.found().await;
        check(&mut self.chain, &model, None)
            .await
            .map_err(|e| TestCaseError::fail(format!("after setup: {e}")))?;
        for (n, op) in ops.iter().enumerate() {
            let Some(op) = op else { continue };
            let Some(step) = model.plan(op) else { continue };
            let kind = model.label(op);
            self.steps += 1;
            let result = if step.instructions.is_empty() {
                if let Op::Advance { secs } = op {
                    self.chain.advance(*secs).await;
                }
                Ok(())
            } else {
                self.send(&step.instructions, &step.signers).await
            };
            let agreed = match (&result, &step.expected) {
                (Ok(()), Ok(())) => true,
                (Err(failure), Err(codes)) => failure.code().is_some_and(|c| codes.contains(&c)),
                _ => false,
            };
            let outcome = match &result {
                Ok(()) => "ok".to_string(),
                Err(failure) => failure.code().map_or("?".into(), |c| c.to_string()),
            };
            *self
                .coverage
                .entry(format!("{kind} {outcome}"))
                .or_default() += 1;
            if !agreed {
                return Err(TestCaseError::fail(format!(
                    "step {n} {op:?}: the model expected {:?}, the chain answered {:?}",
                    step.expected,
                    result.map_err(|f| f.0)
                )));
            }
            // A refused transaction is never committed; a committed one can only have changed
            // the accounts it named.
            if step.expected.is_err() {
                continue;
            }
            let minted = step.after.total_minted > model.total_minted;
            model = step.after;
            if minted {
                model
                    .issuance_within_cap()
                    .map_err(|e| TestCaseError::fail(format!("after step {n} {op:?}: {e}")))?;
            }
            let touched: BTreeSet<Pubkey> = step
                .instructions
                .iter()
                .flat_map(|i| i.accounts.iter().map(|meta| meta.pubkey))
                .collect();
            self.checks += 1;
            check(&mut self.chain, &model, Some(&touched))
                .await
                .map_err(|e| TestCaseError::fail(format!("after step {n} {op:?}: {e}")))?;
        }
        self.checks += 1;
        check(&mut self.chain, &model, None)
            .await
            .map_err(|e| TestCaseError::fail(format!("at the end: {e}")))
    }
}

macro_rules! ensure {
    ($cond:expr, $($message:tt)+) => {
        if !$cond {
            return Err(format!($($message)+));
        }
    };
}

/// Invariants read from the chain, and the chain's state against the model's. With `touched`,
/// only the accounts a committed transaction named are read (nothing else can have changed) and
/// the others count at the value last read; without it, every account of the sequence is read.
async fn check(
    chain: &mut Chain,
    model: &Model,
    touched: Option<&BTreeSet<Pubkey>>,
) -> Result<(), String> {
    let seen = |address: &Pubkey| touched.is_none_or(|t| t.contains(address));
    let k = &model.keys;
    let mut held = 0u64;
    for a in 0..ACTORS {
        if !seen(&k.ata(a)) {
            held += model.balances[a];
            continue;
        }
        let balance = chain.balance(&k.ata(a)).await;
        ensure!(
            balance == model.balances[a],
            "actor {a} holds {balance}, the model says {}",
            model.balances[a]
        );
        held += balance;
    }
    let treasury = if seen(&k.treasury) {
        chain.balance(&k.treasury).await
    } else {
        model.treasury
    };
    ensure!(
        treasury == model.treasury,
        "treasury holds {treasury}, the model says {}",
        model.treasury
    );
    held += treasury;
    for (owner, expected) in &model.stranded {
        let balance = chain
            .balance(&get_associated_token_address(owner, &k.mint))
            .await;
        ensure!(
            balance == *expected,
            "{owner}'s token account holds {balance}"
        );
        held += balance;
    }

    for auction in &model.auctions {
        let vault_address = ix::auction_vault_address(&auction.address);
        if !seen(&auction.address) && !seen(&vault_address) {
            held += if auction.vault_closed {
                0
            } else {
                auction.highest
            };
            continue;
        }
        let stored: Option<Auction> = chain.try_account(&auction.address).await;
        ensure!(
            stored.is_some() != auction.closed,
            "auction {} closed: {}",
            auction.address,
            stored.is_none()
        );
        let vault_exists = chain.exists(&vault_address).await;
        ensure!(
            vault_exists != auction.vault_closed,
            "auction {} vault exists: {vault_exists}",
            auction.address
        );
        let Some(stored) = stored else { continue };
        ensure!(
            stored.status == auction.status
                && stored.ends_at == auction.ends_at
                && stored.terms.starts_at == auction.starts_at
                && stored.handed_over_at.is_some() == auction.handed_over,
            "auction {} is {:?} running {}..{}, the model says {:?} {}..{}",
            auction.address,
            stored.status,
            stored.terms.starts_at,
            stored.ends_at,
            auction.status,
            auction.starts_at,
            auction.ends_at
        );
        if vault_exists {
            // Every open auction's vault holds exactly its highest bid.
            let vault = chain.balance(&vault_address).await;
            ensure!(
                vault == stored.highest_bid && stored.highest_bid == auction.highest,
                "auction {} vault holds {vault}, its highest bid is {} (model {})",
                auction.address,
                stored.highest_bid,
                auction.highest
            );
            held += vault;
        }
    }

    for bounty in &model.bounties {
        let vault_address = ix::bounty_vault_address(&bounty.address);
        if !seen(&bounty.address) && !seen(&vault_address) {
            held += if bounty.vault_closed { 0 } else { bounty.vault };
            continue;
        }
        let stored: Option<Bounty> = chain.try_account(&bounty.address).await;
        ensure!(
            stored.is_some() != bounty.closed,
            "bounty {} closed: {}",
            bounty.address,
            stored.is_none()
        );
        if let Some(stored) = &stored {
            ensure!(
                stored.status == bounty.status
                    && stored.paid_claims == bounty.paid
                    && stored.open_claims == bounty.open_claims
                    && stored.submitted_claims == bounty.submitted
                    && stored.claim_revisions == bounty.claim_revisions,
                "bounty {} is {:?} paid {} open {} submitted {}, the model says {:?} {} {} {}",
                bounty.address,
                stored.status,
                stored.paid_claims,
                stored.open_claims,
                stored.submitted_claims,
                bounty.status,
                bounty.paid,
                bounty.open_claims,
                bounty.submitted
            );
        }
        if bounty.coop {
            continue;
        }
        let vault_exists = chain.exists(&vault_address).await;
        ensure!(
            vault_exists != bounty.vault_closed,
            "bounty {} vault exists: {vault_exists}",
            bounty.address
        );
        if vault_exists {
            let vault = chain.balance(&vault_address).await;
            ensure!(
                vault == bounty.vault,
                "bounty {} vault holds {vault}",
                bounty.address
            );
            // An open member-funded bounty's vault holds exactly its unpaid rewards.
            if let Some(stored) = stored.filter(|b| b.status == BountyStatus::Open) {
                let unpaid = stored.reward * u64::from(stored.max_claims - stored.paid_claims);
                ensure!(
                    vault == unpaid,
                    "bounty {} vault holds {vault}, its unpaid rewards are {unpaid}",
                    bounty.address
                );
            }
            held += vault;
        }
    }
    for ((b, c), claim) in &model.claims {
        let address = ix::claim_address(&model.bounties[*b].address, &k.wallets[*c]);
        if !seen(&address) {
            continue;
        }
        let stored: Option<Claim> = chain.try_account(&address).await;
        let Some(stored) = stored else {
            return Err(format!("claim of actor {c} on bounty {b} is missing"));
        };
        ensure!(
            stored.status == claim.status && stored.revision == claim.revision,
            "claim of actor {c} on bounty {b} is {:?} rev {}, the model says {:?} rev {}",
            stored.status,
            stored.revision,
            claim.status,
            claim.revision
        );
    }
    for ((b, c), paid) in &model.payments {
        ensure!(*paid <= 1, "actor {c} was paid {paid} times on bounty {b}");
    }

    let supply = if seen(&k.mint) {
        check_mint(chain, model).await?
    } else {
        model.supply
    };
    ensure!(
        supply == model.supply,
        "supply {supply}, the model says {}",
        model.supply
    );
    ensure!(
        held == supply,
        "token accounts hold {held} in all but the supply is {supply}"
    );

    for a in 0..ACTORS {
        if !seen(&k.member(a)) {
            continue;
        }
        let stored: Option<Member> = chain.try_account(&k.member(a)).await;
        match (&stored, &model.members[a]) {
            (None, None) => {}
            (Some(stored), Some(member)) => ensure!(
                stored.is_active() == member.active
                    && stored.role == member.role
                    && stored.index == member.index
                    && stored.revision == member.revision
                    && stored.proposals_created == member.proposals
                    && stored.bounties_posted == member.bounties
                    && stored.auctions_listed == member.auctions,
                "member {a} is {stored:?}, the model says {member:?}"
            ),
            _ => return Err(format!("member {a} exists: {}", stored.is_some())),
        }
    }

    // Membership changes move every tally, so a touched community rechecks every proposal.
    let community_touched = seen(&k.community);
    if !community_touched && model.proposals.iter().all(|p| !seen(&p.address)) {
        return Ok(());
    }
    let community: Community = chain.account(&k.community).await;
    ensure!(
        community.total_minted == model.total_minted,
        "total minted {}, the model says {}",
        community.total_minted,
        model.total_minted
    );
    if let Some(cap) = community.rules.supply_cap {
        ensure!(
            community.total_minted <= cap,
            "minted {} past the cap {cap}",
            community.total_minted
        );
    }
    ensure!(
        community.issued_in_period == model.issued
            && community.issuance_period_index == model.issuance_index,
        "issued {} in period {}, the model says {} in period {}",
        community.issued_in_period,
        community.issuance_period_index,
        model.issued,
        model.issuance_index
    );
    ensure!(
        community.active_member_count == model.active_count()
            && community.member_slots == model.slots.len() as u32
            && community.rules == model.rules
            && community.rules_version == model.rules_version,
        "community {:?} differs from the model",
        community
    );
    for p in &model.proposals {
        if !community_touched && !seen(&p.address) {
            continue;
        }
        let stored: Option<Proposal> = chain.try_account(&p.address).await;
        ensure!(
            stored.is_some() != p.closed,
            "proposal {} closed: {}",
            p.address,
            stored.is_none()
        );
        let Some(stored) = stored else { continue };
        ensure!(
            stored.status == p.status && stored.target_revision == p.target_revision,
            "proposal {} ({:?}) is {:?}, the model says {:?}",
            p.address,
            p.action,
            stored.status,
            p.status
        );
        // Tallies count only members active now who could vote when the proposal was made.
        let tally = stored.tally(&community);
        let expected = model.tally(p);
        ensure!(
            tally.approvals == expected.approvals
                && tally.rejections == expected.rejections
                && tally.eligible == expected.eligible
                && tally.required == expected.required
                && tally.cannot_approve == expected.cannot_approve,
            "proposal {} tally {tally:?}, the model counts approvals {} rejections {} of {} \
             eligible, {} required",
            p.address,
            expected.approvals,
            expected.rejections,
            expected.eligible,
            expected.required
        );
    }
    Ok(())
}

/// The mint's metadata against the model's, and its rent; returns its supply.
async fn check_mint(chain: &mut Chain, model: &Model) -> Result<u64, String> {
    let k = &model.keys;
    let Some(account) = chain.ctx.banks_client.get_account(k.mint).await.unwrap() else {
        return Err(format!("the mint {} is gone", k.mint));
    };
    let mint = anchor_spl::token_interface::Mint::try_deserialize(&mut account.data.as_slice())
        .map_err(|e| format!("the mint does not decode: {e}"))?;
    let metadata = read_token_metadata(&account.data)
        .map_err(|e| format!("the mint holds no metadata: {e}"))?;
    let token = &model.token;
    ensure!(
        metadata.name == token.name
            && metadata.symbol == token.symbol
            && metadata.uri == token.uri
            && metadata.mint == k.mint
            && metadata.update_authority == OptionalNonZeroPubkey(k.community)
            && metadata.additional_metadata.is_empty(),
        "the mint's metadata is {metadata:?}, the model says {token:?} updated by the community {}",
        k.community
    );
    // Token-2022 resizes the mint as the metadata changes; the program tops up its rent first.
    let rent = chain.ctx.banks_client.get_rent().await.unwrap();
    let minimum = rent.minimum_balance(account.data.len());
    ensure!(
        account.lamports >= minimum,
        "the mint holds {} lamports, under the {minimum} its {} bytes need to stay rent-exempt",
        account.lamports,
        account.data.len()
    );
    Ok(mint.supply)
}

fn env_number(name: &str, default: u64) -> u64 {
    match std::env::var(name) {
        Ok(value) => value
            .parse()
            .unwrap_or_else(|_| panic!("{name} must be a whole number, not {value:?}")),
        Err(_) => default,
    }
}

/// The run's seed: `AMPLED_MODEL_SEED` (64 hex digits) to replay one, else a fresh one.
fn seed(variable: &str) -> [u8; 32] {
    let mut seed = [0u8; 32];
    match std::env::var(variable) {
        Ok(hex) => {
            assert_eq!(hex.len(), 64, "{variable} takes 64 hex digits");
            for (i, byte) in seed.iter_mut().enumerate() {
                *byte = u8::from_str_radix(&hex[2 * i..2 * i + 2], 16)
                    .unwrap_or_else(|_| panic!("{variable} takes hex digits"));
            }
        }
        Err(_) => {
            let fresh = Keypair::new().to_bytes();
            seed.copy_from_slice(&fresh[..32]);
        }
    }
    seed
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

// The cases are split between two tests, each on its own chain, so the default run uses both
// cores of the machines this project runs on.
#[test]
fn random_operation_sequences_agree_with_the_model_first_half() {
    run_model("first half", 0);
}

#[test]
fn random_operation_sequences_agree_with_the_model_second_half() {
    run_model("second half", 1);
}

fn run_model(half: &str, index: u32) {
    let all_cases = env_number("AMPLED_MODEL_CASES", 1_000) as u32;
    let cases = all_cases / 2 + all_cases % 2 * (1 - index);
    let steps = env_number("AMPLED_MODEL_STEPS", 50) as usize;
    let seed = seed("AMPLED_MODEL_SEED");
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let started = Instant::now();
    let env = RefCell::new(runtime.block_on(Env::start()));
    let chain_start = started.elapsed();

    let config = Config {
        cases,
        failure_persistence: None,
        max_shrink_iters: 2_000,
        max_shrink_time: 180_000,
        ..Config::default()
    };
    let mut runner =
        TestRunner::new_with_rng(config, TestRng::from_seed(RngAlgorithm::ChaCha, &seed));
    // Every slot starts as an operation; shrinking turns slots into `None` to drop operations.
    let strategy = prop::collection::vec(prop::option::weighted(0.9999, op()), steps);
    let result = runner.run(&strategy, |ops| {
        runtime.block_on(env.borrow_mut().run(&ops))
    });
    let env = env.into_inner();
    println!(
        "model ({half}): {} sequences, {} steps, {} transactions, {} state checks in {:.1?} (chain start \
         {:.1?}, {:.2?} per transaction on average)",
        env.sequences,
        env.steps,
        env.sends,
        env.checks,
        started.elapsed(),
        chain_start,
        env.send_time / env.sends.max(1) as u32
    );
    if std::env::var_os("AMPLED_MODEL_COVERAGE").is_some() {
        for (outcome, count) in &env.coverage {
            println!("  {outcome}: {count}");
        }
    }
    match result {
        Ok(()) => {}
        Err(TestError::Fail(reason, ops)) => {
            let listed: Vec<String> = ops.iter().flatten().map(|op| format!("  {op:?}")).collect();
            panic!(
                "the program and the model disagree in the {half} (replay with \
                 AMPLED_MODEL_SEED={} and this test's name):\n{reason}\n\
                 shrunk sequence ({} operations):\n{}",
                hex(&seed),
                listed.len(),
                listed.join("\n")
            );
        }
        Err(TestError::Abort(reason)) => {
            panic!(
                "aborted in the {half} (AMPLED_MODEL_SEED={}): {reason}",
                hex(&seed)
            )
        }
    }
}
