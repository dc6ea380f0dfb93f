//! Terms and rules the program's tests and the client's tests share, so both exercise the co-op
//! the same way. Plain data only: each harness includes this file (`#[path]` in the client's).
#![allow(dead_code)]

use ampled::state::*;
use anchor_lang::prelude::Pubkey;

pub const SOL: u64 = 1_000_000_000;
pub const DAY: i64 = 24 * 60 * 60;
/// Decimals of the fixtures' token; amounts in tests are written as `n * TOKEN`.
pub const DECIMALS: u8 = 6;
pub const TOKEN: u64 = 1_000_000;

/// Rules the fixtures use unless a test says otherwise: a simple majority, at least one approval,
/// a week to vote, no caps.
pub fn default_rules() -> CommunityRules {
    CommunityRules {
        approval_threshold_bps: 5_000,
        min_approvals: 1,
        voting_period_secs: 7 * DAY,
        supply_cap: None,
        issuance_cap: None,
    }
}

pub fn reward(recipient: Pubkey, amount: u64, reason: &str) -> ProposalAction {
    ProposalAction::MintReward {
        recipient,
        amount,
        reason: reason.to_string(),
    }
}

pub fn bounty_terms(reward: u64, max_claims: u32) -> BountyTerms {
    BountyTerms {
        category: BountyCategory::StreetTeam,
        title: "Flyer the Friday show".into(),
        uri: "https://ampled.com/bounties/flyers".into(),
        reward,
        max_claims,
        deadline: None,
    }
}

/// Terms of an auction running from now for `duration` seconds, with no anti-sniping.
pub fn auction_terms(
    now: i64,
    reserve_price: u64,
    min_increment: u64,
    duration: i64,
) -> AuctionTerms {
    AuctionTerms {
        title: "1972 Fender Rhodes".into(),
        uri: "https://ampled.com/commissary/rhodes".into(),
        reserve_price,
        min_increment,
        starts_at: now,
        ends_at: now + duration,
        snipe_window_secs: 0,
        snipe_extension_secs: 0,
        members_only: false,
    }
}

/// What wallets show for the fixtures' token.
pub fn token_metadata() -> TokenMetadataFields {
    TokenMetadataFields {
        name: "Ampled".into(),
        symbol: "AMPLED".into(),
        uri: "https://ampled.com/token/ampled.json".into(),
    }
}
