use crate::state::ListingTerms;
use anchor_lang::prelude::*;

#[event]
pub struct ListingPosted {
    pub community: Pubkey,
    pub listing: Pubkey,
    pub owner: Pubkey,
    pub terms: ListingTerms,
    pub timestamp: i64,
}

#[event]
pub struct ListingUpdated {
    pub community: Pubkey,
    pub listing: Pubkey,
    pub terms: ListingTerms,
    pub paused: bool,
    pub timestamp: i64,
}

#[event]
pub struct ListingRemoved {
    pub community: Pubkey,
    pub listing: Pubkey,
    pub owner: Pubkey,
    pub timestamp: i64,
}
