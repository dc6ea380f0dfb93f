use crate::state::{AuctionTerms, Proceeds};
use anchor_lang::prelude::*;

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
