use crate::errors::AmpledError;
use crate::utils::SafeMath;
use anchor_lang::prelude::*;

/// A wallet's membership in one community, and its line in the time bank: what it has earned.
#[account]
#[derive(Debug, InitSpace)]
pub struct Member {
    /// Canonical bump of `[MEMBER_SEED, community, wallet]`.
    pub bump: u8,
    pub community: Pubkey,
    pub wallet: Pubkey,
    pub role: MemberRole,
    pub status: MemberStatus,
    /// Slot in the community's active bitmap and in proposals' vote bitmaps. A fresh one is given
    /// on every admission, so a returning member cannot vote on proposals made while they were out.
    pub index: u32,
    /// When this wallet was (last) admitted.
    pub joined_at: i64,
    /// The proposal that admitted it; `None` for founders.
    pub admitted_by: Option<Pubkey>,
    /// When it was removed, if it is removed.
    pub removed_at: Option<i64>,
    /// Tokens minted to this wallet as rewards while it held this record: its time bank total.
    pub total_earned: u64,
    /// How many rewards those tokens came from.
    pub rewards_received: u32,
    /// Proposals this member has created; the next one's address uses this as its nonce.
    pub proposals_created: u64,
    /// Bounties this member has posted (or proposed); the next one's address uses this.
    pub bounties_posted: u64,
    /// Auctions this member has listed (or proposed); the next one's address uses this.
    pub auctions_listed: u64,
    /// Bumped on every admission, removal and role change. A proposal about this member records
    /// it and executes only while it is unchanged, so no decision lands on a changed situation.
    pub revision: u64,
}

#[derive(AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug, PartialEq, Eq, InitSpace)]
pub enum MemberRole {
    Worker,
    Artist,
    CommunityMember,
}

#[derive(AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug, PartialEq, Eq, InitSpace)]
pub enum MemberStatus {
    Active,
    Removed,
}

impl Member {
    pub const SPACE: usize = 8 + Member::INIT_SPACE;

    /// A newly admitted member in `index`, with an empty time bank.
    pub fn new(
        bump: u8,
        community: Pubkey,
        wallet: Pubkey,
        role: MemberRole,
        index: u32,
        now: i64,
    ) -> Self {
        Self {
            bump,
            community,
            wallet,
            role,
            status: MemberStatus::Active,
            index,
            joined_at: now,
            admitted_by: None,
            removed_at: None,
            total_earned: 0,
            rewards_received: 0,
            proposals_created: 0,
            bounties_posted: 0,
            auctions_listed: 0,
            revision: 1,
        }
    }

    pub fn is_active(&self) -> bool {
        self.status == MemberStatus::Active
    }

    /// Records a change of membership or role: proposals made before it can no longer execute.
    pub fn bump_revision(&mut self) -> Result<()> {
        self.revision = self.revision.safe_add(1)?;
        Ok(())
    }

    pub fn require_active(&self) -> Result<()> {
        require!(self.is_active(), AmpledError::NotActiveMember);
        Ok(())
    }

    pub fn invariant(&self) -> Result<()> {
        let consistent = match self.status {
            MemberStatus::Active => self.removed_at.is_none(),
            MemberStatus::Removed => self.removed_at.is_some(),
        } && (self.rewards_received > 0 || self.total_earned == 0)
            && self.revision > 0;
        require!(consistent, AmpledError::InvariantViolated);
        Ok(())
    }
}
