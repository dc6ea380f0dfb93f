use crate::state::{ProposalAction, ProposalStatus};
use anchor_lang::prelude::*;

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
