//! One event per state change, emitted through `emit_cpi!` so that it survives log truncation and
//! an indexer can rebuild the whole ledger (the time bank) from events alone.

use crate::state::{CommunityRules, MemberRole, ProposalAction, ProposalStatus};
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
