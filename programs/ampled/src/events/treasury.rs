use anchor_lang::prelude::*;

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
