//! One event per state change, emitted through `emit_cpi!` so that it survives log truncation and
//! an indexer can rebuild the whole ledger (the time bank) from events alone.

use crate::state::{
    AuctionTerms, BountyCategory, BountyFunding, BountyTerms, ClaimStatus, CommunityRules,
    MemberRole, Proceeds, ProposalAction, ProposalStatus,
};
use anchor_lang::prelude::*;

#[derive(AnchorSerialize, AnchorDeserialize, Clone, Debug, PartialEq, Eq)]
pub struct FounderJoined {
    pub wallet: Pubkey,
    pub role: MemberRole,
    pub index: u32,
}

#[event]
pub struct CommunityCreated {
    pub community: Pubkey,
    pub name: String,
    pub mint: Pubkey,
    pub treasury: Pubkey,
    pub decimals: u8,
    pub rules: CommunityRules,
    pub founders: Vec<FounderJoined>,
    pub created_by: Pubkey,
    pub timestamp: i64,
}

#[event]
pub struct ProposalCreated {
    pub community: Pubkey,
    pub proposal: Pubkey,
    pub proposer: Pubkey,
    pub action: ProposalAction,
    pub voter_slot_limit: u32,
    pub voting_ends_at: i64,
    pub timestamp: i64,
}

#[event]
pub struct VoteCast {
    pub community: Pubkey,
    pub proposal: Pubkey,
    pub voter: Pubkey,
    pub approve: bool,
    pub approvals: u32,
    pub rejections: u32,
    pub required: u32,
    /// Status after this vote: Approved once enough approvals, Defeated once it cannot pass.
    pub status: ProposalStatus,
    pub timestamp: i64,
}

#[event]
pub struct ProposalCancelled {
    pub community: Pubkey,
    pub proposal: Pubkey,
    pub proposer: Pubkey,
    pub timestamp: i64,
}

#[event]
pub struct ProposalClosed {
    pub community: Pubkey,
    pub proposal: Pubkey,
    pub status: ProposalStatus,
    pub rent_returned_to: Pubkey,
    pub timestamp: i64,
}

#[event]
pub struct RewardMinted {
    pub community: Pubkey,
    pub proposal: Pubkey,
    pub recipient: Pubkey,
    pub amount: u64,
    pub reason: String,
    /// The recipient's lifetime earned total, if the recipient is a member.
    pub member_total_earned: Option<u64>,
    pub supply_after: u64,
    pub timestamp: i64,
}

#[event]
pub struct TreasuryTransferred {
    pub community: Pubkey,
    pub proposal: Pubkey,
    pub recipient: Pubkey,
    pub amount: u64,
    pub reason: String,
    pub treasury_balance_after: u64,
    pub timestamp: i64,
}

#[event]
pub struct MemberAdded {
    pub community: Pubkey,
    pub proposal: Pubkey,
    pub wallet: Pubkey,
    pub role: MemberRole,
    pub index: u32,
    pub active_member_count: u32,
    pub timestamp: i64,
}

#[event]
pub struct MemberRemoved {
    pub community: Pubkey,
    pub proposal: Pubkey,
    pub wallet: Pubkey,
    pub active_member_count: u32,
    pub timestamp: i64,
}

#[event]
pub struct MemberRoleChanged {
    pub community: Pubkey,
    pub proposal: Pubkey,
    pub wallet: Pubkey,
    pub old_role: MemberRole,
    pub new_role: MemberRole,
    pub timestamp: i64,
}

#[event]
pub struct RulesUpdated {
    pub community: Pubkey,
    pub proposal: Pubkey,
    pub old_rules: CommunityRules,
    pub new_rules: CommunityRules,
    pub rules_version: u32,
    pub timestamp: i64,
}

#[event]
pub struct BountyPosted {
    pub community: Pubkey,
    pub bounty: Pubkey,
    pub poster: Pubkey,
    pub funding: BountyFunding,
    pub terms: BountyTerms,
    /// Tokens moved into escrow (member-funded); 0 for co-op bounties.
    pub escrowed: u64,
    /// The proposal that posted it, for co-op bounties.
    pub proposal: Option<Pubkey>,
    pub timestamp: i64,
}

#[event]
pub struct BountyClaimed {
    pub community: Pubkey,
    pub bounty: Pubkey,
    pub claim: Pubkey,
    pub claimant: Pubkey,
    pub timestamp: i64,
}

#[event]
pub struct EvidenceSubmitted {
    pub community: Pubkey,
    pub bounty: Pubkey,
    pub claim: Pubkey,
    pub claimant: Pubkey,
    pub evidence_uri: String,
    pub timestamp: i64,
}

#[event]
pub struct ClaimWithdrawn {
    pub community: Pubkey,
    pub bounty: Pubkey,
    pub claim: Pubkey,
    pub claimant: Pubkey,
    pub timestamp: i64,
}

/// A claim was approved and paid in the same step.
#[event]
pub struct BountyClaimPaid {
    pub community: Pubkey,
    pub bounty: Pubkey,
    pub claim: Pubkey,
    pub claimant: Pubkey,
    pub category: BountyCategory,
    pub funding: BountyFunding,
    pub amount: u64,
    /// The proposal (co-op bounty) or poster (member-funded) that approved it.
    pub approved_by: Pubkey,
    /// The claimant's lifetime earned total, if the claimant is a member.
    pub member_total_earned: Option<u64>,
    pub timestamp: i64,
}

#[event]
pub struct BountyClaimRejected {
    pub community: Pubkey,
    pub bounty: Pubkey,
    pub claim: Pubkey,
    pub claimant: Pubkey,
    pub reason: String,
    pub rejected_by: Pubkey,
    pub timestamp: i64,
}

#[event]
pub struct BountyCancelled {
    pub community: Pubkey,
    pub bounty: Pubkey,
    pub poster: Pubkey,
    /// Escrow returned to the poster (member-funded bounties).
    pub refunded: u64,
    pub timestamp: i64,
}

#[event]
pub struct BountyExpired {
    pub community: Pubkey,
    pub bounty: Pubkey,
    pub closed_by: Pubkey,
    /// Escrow returned to the poster (member-funded bounties).
    pub refunded: u64,
    pub timestamp: i64,
}

#[event]
pub struct BountyClosed {
    pub community: Pubkey,
    pub bounty: Pubkey,
    pub rent_returned_to: Pubkey,
    pub timestamp: i64,
}

#[event]
pub struct ClaimClosed {
    pub community: Pubkey,
    pub bounty: Pubkey,
    pub claim: Pubkey,
    pub status: ClaimStatus,
    pub rent_returned_to: Pubkey,
    pub timestamp: i64,
}

#[event]
pub struct CategoryBudgetSet {
    pub community: Pubkey,
    pub proposal: Pubkey,
    pub category: BountyCategory,
    pub amount_per_period: u64,
    pub period_secs: i64,
    pub timestamp: i64,
}

#[event]
pub struct AuctionListed {
    pub community: Pubkey,
    pub auction: Pubkey,
    pub lister: Pubkey,
    pub terms: AuctionTerms,
    pub proceeds: Proceeds,
    /// The proposal that listed it, for co-op items.
    pub proposal: Option<Pubkey>,
    pub timestamp: i64,
}

#[event]
pub struct BidPlaced {
    pub community: Pubkey,
    pub auction: Pubkey,
    pub bidder: Pubkey,
    pub amount: u64,
    /// The bidder this bid beat, refunded in the same transaction.
    pub outbid: Option<Pubkey>,
    pub refunded: u64,
    /// The auction's end after this bid (later than before if the bid came in the last window).
    pub ends_at: i64,
    pub timestamp: i64,
}

#[event]
pub struct AuctionSettled {
    pub community: Pubkey,
    pub auction: Pubkey,
    pub winner: Pubkey,
    pub amount: u64,
    pub proceeds: Proceeds,
    pub timestamp: i64,
}

#[event]
pub struct AuctionUnsold {
    pub community: Pubkey,
    pub auction: Pubkey,
    pub timestamp: i64,
}

#[event]
pub struct AuctionCancelled {
    pub community: Pubkey,
    pub auction: Pubkey,
    pub lister: Pubkey,
    pub timestamp: i64,
}

#[event]
pub struct ItemHandedOver {
    pub community: Pubkey,
    pub auction: Pubkey,
    pub winner: Pubkey,
    pub marked_by: Pubkey,
    pub timestamp: i64,
}

#[event]
pub struct AuctionClosed {
    pub community: Pubkey,
    pub auction: Pubkey,
    pub rent_returned_to: Pubkey,
    pub timestamp: i64,
}
