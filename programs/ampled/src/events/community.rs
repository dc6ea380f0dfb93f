use crate::state::{CommunityRules, MemberRole, TokenMetadataFields};
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
    /// The token's name, symbol and uri, written into the mint.
    pub token: TokenMetadataFields,
    pub rules: CommunityRules,
    pub founders: Vec<FounderJoined>,
    pub created_by: Pubkey,
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
pub struct TokenMetadataUpdated {
    pub community: Pubkey,
    pub proposal: Pubkey,
    pub mint: Pubkey,
    pub old: TokenMetadataFields,
    pub new: TokenMetadataFields,
    pub timestamp: i64,
}
