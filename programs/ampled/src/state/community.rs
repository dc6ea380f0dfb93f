use crate::errors::AmpledError;
use crate::utils::{bitmap, math::ceil_bps, SafeMath};
use anchor_lang::prelude::*;

pub const MIN_NAME_LEN: usize = 3;
pub const MAX_NAME_LEN: usize = 32;
pub const MAX_DECIMALS: u8 = 9;
/// Membership slots are never reused (a re-admitted member gets a new one), so this bounds the
/// all-time number of admissions: 1 KiB of active bitmap here, 2 KiB of votes per proposal.
pub const MAX_MEMBER_SLOTS: u32 = 8_192;
pub const MIN_PERIOD_SECS: i64 = 60;
pub const MAX_PERIOD_SECS: i64 = 366 * 24 * 60 * 60;
pub const BPS_DENOMINATOR: u16 = 10_000;

/// A cooperative: its token, its treasury and the rules its members agreed on. There is no admin
/// key; the only signer for the mint and treasury is this account's PDA, used by the program when
/// members approve a proposal.
#[account]
#[derive(Debug)]
pub struct Community {
    /// Canonical bump of `[COMMUNITY_SEED, name]`.
    pub bump: u8,
    /// Canonical bump of the mint PDA.
    pub mint_bump: u8,
    /// Canonical bump of the treasury PDA.
    pub treasury_bump: u8,
    /// Short unique name the address is derived from (see `Community::validate_name`).
    pub name: String,
    /// The community's Token-2022 mint, carrying the token's name, symbol and uri; its mint and
    /// metadata authority is this account and it has no freeze authority.
    pub mint: Pubkey,
    /// Token account of `mint` owned by this account.
    pub treasury: Pubkey,
    /// Rules every decision follows.
    pub rules: CommunityRules,
    /// Bumped on every rules change; proposals made under older rules can no longer pass.
    pub rules_version: u32,
    /// Slots handed out so far: the next member (or re-admitted member) gets this index.
    pub member_slots: u32,
    /// Members currently active; always the number of bits set in `active_members`.
    pub active_member_count: u32,
    /// Unix time of creation.
    pub created_at: i64,
    /// Index of the issuance period `issued_in_period` refers to.
    pub issuance_period_index: u64,
    /// Tokens minted in that period.
    pub issued_in_period: u64,
    /// Tokens minted over the community's life (never decreases, unlike supply after burns).
    pub total_minted: u64,
    /// When the issuance periods in force began: creation, or the last change of the issuance
    /// cap. A change starts periods afresh from its own moment and carries what the running
    /// period already minted, so changing the rules never hands out fresh room.
    pub issuance_anchor: i64,
    /// One bit per membership slot, set while that member is active. Grows as members join.
    pub active_members: Vec<u8>,
}

/// What the members agreed decisions require. Changed only by an approved proposal.
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug, PartialEq, Eq, InitSpace)]
pub struct CommunityRules {
    /// Share of the eligible active members whose approval a proposal needs, in basis points.
    pub approval_threshold_bps: u16,
    /// Approvals needed whatever the share comes to; also the fewest active members allowed.
    pub min_approvals: u32,
    /// How long a proposal can be voted on and executed, in seconds.
    pub voting_period_secs: i64,
    /// Most tokens that may ever be minted, if set, whatever was burned since.
    pub supply_cap: Option<u64>,
    /// Most tokens that may be minted per period, if set.
    pub issuance_cap: Option<IssuanceCap>,
}

#[derive(AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug, PartialEq, Eq, InitSpace)]
pub struct IssuanceCap {
    /// Tokens (base units) that may be minted in one period.
    pub amount: u64,
    /// Length of a period in seconds, counted from `Community::issuance_anchor`.
    pub period_secs: i64,
}

impl CommunityRules {
    /// Checks the rules on their own; `active_members` is who would have to meet them.
    pub fn validate(&self, active_members: u32) -> Result<()> {
        require!(
            (1..=BPS_DENOMINATOR).contains(&self.approval_threshold_bps),
            AmpledError::InvalidApprovalThreshold
        );
        require!(
            self.min_approvals >= 1 && self.min_approvals <= active_members,
            AmpledError::InvalidMinApprovals
        );
        require!(
            (MIN_PERIOD_SECS..=MAX_PERIOD_SECS).contains(&self.voting_period_secs),
            AmpledError::InvalidVotingPeriod
        );
        if let Some(cap) = self.supply_cap {
            require!(cap > 0, AmpledError::InvalidSupplyCap);
        }
        if let Some(cap) = self.issuance_cap {
            require!(
                cap.amount > 0 && (MIN_PERIOD_SECS..=MAX_PERIOD_SECS).contains(&cap.period_secs),
                AmpledError::InvalidIssuanceCap
            );
        }
        Ok(())
    }

    /// Checks new rules for an existing community: its members must be able to meet them, and a
    /// supply cap cannot fall below what was already minted.
    pub fn validate_for(&self, community: &Community) -> Result<()> {
        self.validate(community.active_member_count)?;
        if let Some(cap) = self.supply_cap {
            require!(cap >= community.total_minted, AmpledError::InvalidSupplyCap);
        }
        Ok(())
    }

    /// Approvals a proposal needs when `eligible` active members may vote on it.
    pub fn required_approvals(&self, eligible: u32) -> u32 {
        ceil_bps(eligible, self.approval_threshold_bps).max(self.min_approvals)
    }
}

impl Community {
    /// A name is its address, shown to people: lowercase ASCII letters, digits and single hyphens
    /// between them, 3 to 32 characters, so no two names look alike ("ampled" vs "Ampled" or
    /// "ampIed" with a capital i) and none can pass for another co-op.
    pub fn validate_name(name: &str) -> Result<()> {
        let bytes = name.as_bytes();
        let allowed = |b: &u8| b.is_ascii_lowercase() || b.is_ascii_digit() || *b == b'-';
        let well_formed = (MIN_NAME_LEN..=MAX_NAME_LEN).contains(&bytes.len())
            && bytes.iter().all(allowed)
            && bytes.first() != Some(&b'-')
            && bytes.last() != Some(&b'-')
            && !name.contains("--");
        require!(well_formed, AmpledError::InvalidCommunityName);
        Ok(())
    }

    /// Account size with room for `member_slots` bits of active membership.
    pub fn space(member_slots: u32) -> usize {
        8 // discriminator
            + 1 + 1 + 1 // bumps
            + 4 + MAX_NAME_LEN // name
            + 32 + 32 // mint, treasury
            + CommunityRules::INIT_SPACE
            + 4 + 4 + 4 // rules_version, member_slots, active_member_count
            + 8 // created_at
            + 8 + 8 + 8 // issuance_period_index, issued_in_period, total_minted
            + 8 // issuance_anchor
            + 4 + bitmap::bytes_for(member_slots) // active_members
    }

    pub fn is_active(&self, index: u32) -> bool {
        bitmap::get(&self.active_members, index)
    }

    /// Active members whose slot is below `slot_limit`: who may vote on a proposal made when
    /// `slot_limit` slots existed.
    pub fn active_below(&self, slot_limit: u32) -> u32 {
        bitmap::count_common_below(&self.active_members, &self.active_members, slot_limit)
    }

    /// Hands out the next slot, marked active. The account must already have room for it.
    pub fn admit(&mut self) -> Result<u32> {
        let index = self.member_slots;
        require!(index < MAX_MEMBER_SLOTS, AmpledError::MemberLimitReached);
        self.member_slots = index.safe_add(1)?;
        self.active_members
            .resize(bitmap::bytes_for(self.member_slots), 0);
        bitmap::set(&mut self.active_members, index, true);
        self.active_member_count = self.active_member_count.safe_add(1)?;
        Ok(index)
    }

    pub fn release(&mut self, index: u32) -> Result<()> {
        require!(self.is_active(index), AmpledError::NotActiveMember);
        bitmap::set(&mut self.active_members, index, false);
        self.active_member_count = self.active_member_count.safe_sub(1)?;
        require!(
            self.active_member_count >= self.rules.min_approvals,
            AmpledError::TooFewMembersLeft
        );
        Ok(())
    }

    /// Index of the issuance period `now` falls in, counted from the anchor.
    fn issuance_period_at(&self, cap: IssuanceCap, now: i64) -> Result<u64> {
        let elapsed = now.safe_sub(self.issuance_anchor)?.max(0);
        Ok((elapsed / cap.period_secs) as u64)
    }

    /// Adopts new rules. A new issuance cap starts its periods now, carrying what the running
    /// period has minted: without the carry, shortening and restoring the period would reset the
    /// count mid-period and let twice the cap be minted.
    pub fn adopt_rules(&mut self, rules: CommunityRules, now: i64) -> Result<()> {
        if rules.issuance_cap != self.rules.issuance_cap {
            let running = match self.rules.issuance_cap {
                Some(cap) if self.issuance_period_at(cap, now)? == self.issuance_period_index => {
                    self.issued_in_period
                }
                _ => 0,
            };
            self.issuance_anchor = now;
            self.issuance_period_index = 0;
            self.issued_in_period = running;
        }
        self.rules = rules;
        self.rules_version = self.rules_version.safe_add(1)?;
        Ok(())
    }

    /// Records `amount` against the supply and issuance caps, or refuses it. The supply cap bounds
    /// every token ever minted: burning tokens never makes room to mint more.
    pub fn record_issuance(&mut self, amount: u64, now: i64) -> Result<()> {
        let minted_after = self.total_minted.safe_add(amount)?;
        if let Some(cap) = self.rules.supply_cap {
            require!(minted_after <= cap, AmpledError::SupplyCapExceeded);
        }
        if let Some(cap) = self.rules.issuance_cap {
            let period = self.issuance_period_at(cap, now)?;
            if period != self.issuance_period_index {
                self.issuance_period_index = period;
                self.issued_in_period = 0;
            }
            let issued = self.issued_in_period.safe_add(amount)?;
            require!(issued <= cap.amount, AmpledError::IssuanceCapExceeded);
            self.issued_in_period = issued;
        }
        self.total_minted = self.total_minted.safe_add(amount)?;
        Ok(())
    }

    pub fn invariant(&self) -> Result<()> {
        let consistent = Self::validate_name(&self.name).is_ok()
            && self
                .rules
                .supply_cap
                .is_none_or(|cap| self.total_minted <= cap)
            && self.member_slots <= MAX_MEMBER_SLOTS
            && self.active_members.len() == bitmap::bytes_for(self.member_slots)
            && bitmap::is_clear_from(&self.active_members, self.member_slots)
            && bitmap::count(&self.active_members) == self.active_member_count
            && self.active_member_count >= self.rules.min_approvals
            && self.rules.validate(self.active_member_count).is_ok();
        require!(consistent, AmpledError::InvariantViolated);
        Ok(())
    }
}
