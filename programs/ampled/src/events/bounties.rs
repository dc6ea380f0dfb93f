use crate::state::{BountyCategory, BountyFunding, BountyTerms, ClaimStatus};
use anchor_lang::prelude::*;

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
