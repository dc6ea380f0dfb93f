use crate::errors::AmpledError;
use crate::state::{
    AuctionTerms, BountyCategory, BountyTerms, Community, CommunityRules, MemberRole,
    MAX_PERIOD_SECS, MIN_PERIOD_SECS,
};
use crate::utils::bitmap;
use anchor_lang::prelude::*;

pub const MAX_REASON_LEN: usize = 128;

/// A decision put to the members: one member, one vote, whatever tokens anyone holds.
///
/// Votes are two bits per member slot (approve, reject) rather than an account or a key per vote,
/// so voting creates nothing and a 1,000-member co-op's proposal carries 250 bytes of votes.
#[account]
#[derive(Debug)]
pub struct Proposal {
    /// Canonical bump of `[PROPOSAL_SEED, community, proposer, nonce]`.
    pub bump: u8,
    pub community: Pubkey,
    /// Wallet of the member who proposed it; it paid the rent and gets it back on close.
    pub proposer: Pubkey,
    /// The proposer's `proposals_created` when this was made.
    pub nonce: u64,
    pub status: ProposalStatus,
    /// Community rules version it was made under; it can pass only under the same rules.
    pub rules_version: u32,
    /// Members whose slot is below this existed when it was made: only they vote on it.
    pub voter_slot_limit: u32,
    pub created_at: i64,
    /// Votes and execution are accepted strictly before this time.
    pub voting_ends_at: i64,
    /// When it was executed, cancelled or defeated.
    pub decided_at: Option<i64>,
    pub action: ProposalAction,
    /// Bit `i` set: the member in slot `i` approved.
    pub approvals: Vec<u8>,
    /// Bit `i` set: the member in slot `i` rejected.
    pub rejections: Vec<u8>,
}

#[derive(AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ProposalStatus {
    /// Open for votes; not enough approvals yet.
    Voting,
    /// Enough approvals when last counted; anyone may execute it before the voting period ends.
    Approved,
    /// Rejections made it impossible to pass.
    Defeated,
    Cancelled,
    Executed,
}

/// What the co-op does if the proposal passes. Each variant has its own `execute_*` instruction.
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Debug, PartialEq, Eq)]
pub enum ProposalAction {
    RemoveMember {
        wallet: Pubkey,
    },
    /// Mint new tokens to `recipient` for work or value the members recognise.
    MintReward {
        recipient: Pubkey,
        amount: u64,
        reason: String,
    },
    /// Pay `recipient` from the treasury.
    TreasuryTransfer {
        recipient: Pubkey,
        amount: u64,
        reason: String,
    },
    AddMember {
        wallet: Pubkey,
        role: MemberRole,
    },
    ChangeRole {
        wallet: Pubkey,
        role: MemberRole,
    },
    UpdateRules {
        rules: CommunityRules,
    },
    /// Post a co-op bounty: each accepted claim is minted when members approve it.
    PostBounty {
        terms: BountyTerms,
    },
    /// Approve a submitted claim on a co-op bounty and mint its reward to the claimant.
    PayBountyClaim {
        claim: Pubkey,
        claimant: Pubkey,
    },
    /// Reject a submitted claim on a co-op bounty, recording why.
    RejectBountyClaim {
        claim: Pubkey,
        reason: String,
    },
    /// Auction a co-op item in the commissary; proceeds go to the treasury or are burned.
    ListAuction {
        terms: AuctionTerms,
        burn_proceeds: bool,
    },
    /// Cap what co-op bounties of a category may mint per period.
    SetCategoryBudget {
        category: BountyCategory,
        amount_per_period: u64,
        period_secs: i64,
    },
}

impl ProposalAction {
    /// Serialized size, to allocate exactly what the action needs.
    pub fn space(&self) -> usize {
        1 + match self {
            Self::MintReward { reason, .. } | Self::TreasuryTransfer { reason, .. } => {
                32 + 8 + 4 + reason.len()
            }
            Self::AddMember { .. } | Self::ChangeRole { .. } => 32 + 1,
            Self::RemoveMember { .. } => 32,
            Self::UpdateRules { .. } => CommunityRules::INIT_SPACE,
            Self::PostBounty { terms } => terms.space(),
            Self::PayBountyClaim { .. } => 32 + 32,
            Self::RejectBountyClaim { reason, .. } => 32 + 4 + reason.len(),
            Self::SetCategoryBudget { .. } => 1 + 8 + 8,
            Self::ListAuction { terms, .. } => terms.space() + 1,
        }
    }

    /// The wallet this action pays, admits or promotes: it may not approve the proposal.
    pub fn beneficiary(&self) -> Option<Pubkey> {
        match self {
            Self::MintReward { recipient, .. } | Self::TreasuryTransfer { recipient, .. } => {
                Some(*recipient)
            }
            Self::AddMember { wallet, .. } | Self::ChangeRole { wallet, .. } => Some(*wallet),
            Self::PayBountyClaim { claimant, .. } => Some(*claimant),
            Self::RemoveMember { .. }
            | Self::UpdateRules { .. }
            | Self::PostBounty { .. }
            | Self::RejectBountyClaim { .. }
            | Self::SetCategoryBudget { .. }
            | Self::ListAuction { .. } => None,
        }
    }

    /// Seed of the category a `SetCategoryBudget` action names; a seed no category uses otherwise.
    pub fn budget_category_seed(&self) -> [u8; 1] {
        match self {
            Self::SetCategoryBudget { category, .. } => category.seed(),
            _ => [u8::MAX],
        }
    }

    /// Checks what can be checked without the accounts the action will touch.
    pub fn validate(&self, community: &Community, now: i64) -> Result<()> {
        match self {
            Self::MintReward { amount, reason, .. }
            | Self::TreasuryTransfer { amount, reason, .. } => {
                require!(*amount > 0, AmpledError::ZeroAmount);
                require!(reason.len() <= MAX_REASON_LEN, AmpledError::ReasonTooLong);
            }
            Self::UpdateRules { rules } => rules.validate(community.active_member_count)?,
            Self::PostBounty { terms } => {
                terms.validate(now)?;
            }
            Self::RejectBountyClaim { reason, .. } => {
                require!(reason.len() <= MAX_REASON_LEN, AmpledError::ReasonTooLong);
            }
            Self::ListAuction { terms, .. } => terms.validate(now)?,
            Self::SetCategoryBudget { period_secs, .. } => require!(
                (MIN_PERIOD_SECS..=MAX_PERIOD_SECS).contains(period_secs),
                AmpledError::InvalidCategoryBudget
            ),
            Self::AddMember { .. }
            | Self::RemoveMember { .. }
            | Self::ChangeRole { .. }
            | Self::PayBountyClaim { .. } => {}
        }
        Ok(())
    }
}

/// A count of the votes that still matter: those of members who are active now.
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug, PartialEq, Eq)]
pub struct Tally {
    pub approvals: u32,
    pub rejections: u32,
    /// Active members allowed to vote on this proposal.
    pub eligible: u32,
    /// Approvals needed under the community's rules.
    pub required: u32,
}

impl Tally {
    pub fn passed(&self) -> bool {
        self.approvals >= self.required
    }

    pub fn can_still_pass(&self) -> bool {
        let undecided = self
            .eligible
            .saturating_sub(self.approvals)
            .saturating_sub(self.rejections);
        self.approvals.saturating_add(undecided) >= self.required
    }
}

impl Proposal {
    pub fn space(action: &ProposalAction, voter_slot_limit: u32) -> usize {
        8 // discriminator
            + 1 // bump
            + 32 + 32 // community, proposer
            + 8 // nonce
            + 1 // status
            + 4 + 4 // rules_version, voter_slot_limit
            + 8 + 8 // created_at, voting_ends_at
            + 1 + 8 // decided_at
            + action.space()
            + 2 * (4 + bitmap::bytes_for(voter_slot_limit)) // approvals, rejections
    }

    pub fn tally(&self, community: &Community) -> Tally {
        let limit = self.voter_slot_limit;
        let eligible = community.active_below(limit);
        Tally {
            approvals: bitmap::count_common_below(
                &self.approvals,
                &community.active_members,
                limit,
            ),
            rejections: bitmap::count_common_below(
                &self.rejections,
                &community.active_members,
                limit,
            ),
            eligible,
            required: community.rules.required_approvals(eligible),
        }
    }

    /// Refuses anything but a live proposal under the community's current rules.
    pub fn require_open(&self, community: &Community, now: i64) -> Result<()> {
        match self.status {
            ProposalStatus::Voting | ProposalStatus::Approved => {}
            ProposalStatus::Defeated => return err!(AmpledError::ProposalDefeated),
            ProposalStatus::Cancelled => return err!(AmpledError::ProposalCancelled),
            ProposalStatus::Executed => return err!(AmpledError::ProposalAlreadyExecuted),
        }
        require!(
            self.rules_version == community.rules_version,
            AmpledError::ProposalStale
        );
        require!(now < self.voting_ends_at, AmpledError::ProposalExpired);
        Ok(())
    }

    /// Marks an approved proposal executed; every `execute_*` instruction starts here.
    pub fn mark_executed(&mut self, community: &Community, now: i64) -> Result<()> {
        self.require_open(community, now)?;
        require!(
            self.tally(community).passed(),
            AmpledError::ThresholdNotReached
        );
        self.status = ProposalStatus::Executed;
        self.decided_at = Some(now);
        Ok(())
    }

    pub fn has_voted(&self, index: u32) -> bool {
        bitmap::get(&self.approvals, index) || bitmap::get(&self.rejections, index)
    }

    pub fn record_vote(&mut self, index: u32, approve: bool) -> Result<()> {
        require!(
            index < self.voter_slot_limit,
            AmpledError::VoterJoinedAfterProposal
        );
        require!(!self.has_voted(index), AmpledError::AlreadyVoted);
        let votes = if approve {
            &mut self.approvals
        } else {
            &mut self.rejections
        };
        bitmap::set(votes, index, true);
        Ok(())
    }

    /// Moves between Voting, Approved and Defeated after a vote.
    pub fn settle_status(&mut self, tally: &Tally, now: i64) {
        if tally.passed() {
            self.status = ProposalStatus::Approved;
        } else if !tally.can_still_pass() {
            self.status = ProposalStatus::Defeated;
            self.decided_at = Some(now);
        } else {
            self.status = ProposalStatus::Voting;
        }
    }

    /// Whether it can no longer change, so its rent may be returned.
    pub fn is_finished(&self, community: &Community, now: i64) -> bool {
        matches!(
            self.status,
            ProposalStatus::Executed | ProposalStatus::Cancelled | ProposalStatus::Defeated
        ) || now >= self.voting_ends_at
            || self.rules_version != community.rules_version
    }

    pub fn invariant(&self) -> Result<()> {
        let width = bitmap::bytes_for(self.voter_slot_limit);
        let consistent = self.approvals.len() == width
            && self.rejections.len() == width
            && bitmap::count_common_below(&self.approvals, &self.rejections, self.voter_slot_limit)
                == 0
            && bitmap::is_clear_from(&self.approvals, self.voter_slot_limit)
            && bitmap::is_clear_from(&self.rejections, self.voter_slot_limit)
            && self.voting_ends_at > self.created_at
            && match self.status {
                ProposalStatus::Voting | ProposalStatus::Approved => self.decided_at.is_none(),
                _ => self.decided_at.is_some(),
            };
        require!(consistent, AmpledError::InvariantViolated);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::BountyCategory;

    fn borsh_len(action: &ProposalAction) -> usize {
        let mut bytes = Vec::new();
        action.serialize(&mut bytes).unwrap();
        bytes.len()
    }

    #[test]
    fn every_action_fits_the_space_reserved_for_it() {
        let rules = CommunityRules {
            approval_threshold_bps: 1,
            min_approvals: 1,
            voting_period_secs: 60,
            supply_cap: Some(1),
            issuance_cap: Some(crate::state::IssuanceCap {
                amount: 1,
                period_secs: 60,
            }),
        };
        let key = Pubkey::new_unique();
        let actions = [
            ProposalAction::RemoveMember { wallet: key },
            ProposalAction::MintReward {
                recipient: key,
                amount: 1,
                reason: "flyers".into(),
            },
            ProposalAction::TreasuryTransfer {
                recipient: key,
                amount: 1,
                reason: String::new(),
            },
            ProposalAction::AddMember {
                wallet: key,
                role: MemberRole::Worker,
            },
            ProposalAction::ChangeRole {
                wallet: key,
                role: MemberRole::Artist,
            },
            ProposalAction::UpdateRules { rules },
            ProposalAction::PostBounty {
                terms: BountyTerms {
                    category: BountyCategory::Code,
                    title: "fix the player".into(),
                    uri: "https://example.org/issue/1".into(),
                    reward: 1,
                    max_claims: 1,
                    deadline: Some(1),
                },
            },
            ProposalAction::PayBountyClaim {
                claim: key,
                claimant: key,
            },
            ProposalAction::RejectBountyClaim {
                claim: key,
                reason: "no evidence".into(),
            },
            ProposalAction::SetCategoryBudget {
                category: BountyCategory::CareWork,
                amount_per_period: 1,
                period_secs: 60,
            },
            ProposalAction::ListAuction {
                terms: AuctionTerms {
                    title: "Fender Rhodes".into(),
                    uri: "https://example.org/rhodes".into(),
                    reserve_price: 1,
                    min_increment: 1,
                    starts_at: 0,
                    ends_at: 1,
                    snipe_window_secs: 0,
                    snipe_extension_secs: 0,
                    members_only: true,
                },
                burn_proceeds: false,
            },
        ];
        for action in actions {
            assert_eq!(action.space(), borsh_len(&action), "{action:?}");
        }
    }
}
