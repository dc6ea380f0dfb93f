use crate::state::MemberRole;
use anchor_lang::prelude::*;

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
