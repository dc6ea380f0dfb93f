use crate::state::DistributionTerms;
use anchor_lang::prelude::*;

#[event]
pub struct DistributionOpened {
    pub community: Pubkey,
    pub proposal: Pubkey,
    pub distribution: Pubkey,
    pub terms: DistributionTerms,
    /// Everything minted or reserved so far, this distribution's total included.
    pub total_minted_after: u64,
    pub timestamp: i64,
}

#[event]
pub struct ShareClaimed {
    pub community: Pubkey,
    pub distribution: Pubkey,
    pub index: u32,
    /// The leaf's wallet: where the tokens went.
    pub wallet: Pubkey,
    pub amount: u64,
    /// Who sent the claim (the wallet itself, or anyone paying its fees).
    pub claimed_by: Pubkey,
    /// The wallet's lifetime earned total, if it is a member.
    pub member_total_earned: Option<u64>,
    pub claimed_total: u64,
    pub timestamp: i64,
}

#[event]
pub struct DistributionClosed {
    pub community: Pubkey,
    pub distribution: Pubkey,
    pub claimed_total: u64,
    /// Reserved but never claimed: released, so it can be minted by later decisions.
    pub released: u64,
    pub rent_returned_to: Pubkey,
    pub timestamp: i64,
}
