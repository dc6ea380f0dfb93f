use crate::errors::AmpledError;
use crate::state::{
    require_wallet, AuctionTerms, BountyCategory, BountyTerms, Claim, Community, CommunityRules,
    DistributionTerms, Member, MemberRole, TokenMetadataFields, MAX_PERIOD_SECS, MIN_PERIOD_SECS,
};
use crate::utils::bitmap;
use crate::utils::pda::read_account;
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
    /// The record the action is about, if any: the named wallet's membership record, or the
    /// claim to pay or reject (see `ProposalAction::target`).
    pub target: Option<Pubkey>,
    /// That record's `revision` when this was made (0 for a record that did not exist yet). The
    /// proposal executes only while it is unchanged: members decide on what they saw.
    pub target_revision: u64,
    /// Slot of the member the action benefits, if they could vote on it: they cannot approve it,
    /// so the tally knows when it can no longer pass.
    pub beneficiary_slot: Option<u32>,
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
    /// Change the token's name, symbol or uri, as wallets show them.
    UpdateTokenMetadata {
        token: TokenMetadataFields,
    },
    /// Open a distribution: every recipient in the list claims their share from their wallet.
    Distribute {
        terms: DistributionTerms,
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
            Self::UpdateTokenMetadata { token } => token.space(),
            Self::Distribute { terms } => terms.space(),
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
            | Self::ListAuction { .. }
            | Self::UpdateTokenMetadata { .. }
            | Self::Distribute { .. } => None,
        }
    }

    /// The record this action is about, whose changes must stop it from executing.
    pub fn target(&self) -> Option<ProposalTarget> {
        match self {
            Self::AddMember { wallet, .. }
            | Self::RemoveMember { wallet }
            | Self::ChangeRole { wallet, .. } => Some(ProposalTarget::Member { wallet: *wallet }),
            Self::PayBountyClaim { claim, .. } | Self::RejectBountyClaim { claim, .. } => {
                Some(ProposalTarget::Claim { claim: *claim })
            }
            Self::MintReward { .. }
            | Self::TreasuryTransfer { .. }
            | Self::UpdateRules { .. }
            | Self::PostBounty { .. }
            | Self::ListAuction { .. }
            | Self::SetCategoryBudget { .. }
            | Self::UpdateTokenMetadata { .. }
            | Self::Distribute { .. } => None,
        }
    }

    /// The wallet this action pays, admits or names: it must be a wallet a key controls.
    pub fn named_wallet(&self) -> Option<Pubkey> {
        match self {
            Self::MintReward { recipient, .. } | Self::TreasuryTransfer { recipient, .. } => {
                Some(*recipient)
            }
            Self::AddMember { wallet, .. }
            | Self::RemoveMember { wallet }
            | Self::ChangeRole { wallet, .. } => Some(*wallet),
            Self::PayBountyClaim { claimant, .. } => Some(*claimant),
            Self::UpdateRules { .. }
            | Self::PostBounty { .. }
            | Self::RejectBountyClaim { .. }
            | Self::ListAuction { .. }
            | Self::SetCategoryBudget { .. }
            | Self::UpdateTokenMetadata { .. }
            | Self::Distribute { .. } => None,
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
        if let Some(wallet) = self.named_wallet() {
            require_wallet(&wallet)?;
        }
        match self {
            Self::MintReward { amount, reason, .. }
            | Self::TreasuryTransfer { amount, reason, .. } => {
                require!(*amount > 0, AmpledError::ZeroAmount);
                require!(reason.len() <= MAX_REASON_LEN, AmpledError::ReasonTooLong);
            }
            Self::UpdateRules { rules } => rules.validate_for(community)?,
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
            Self::UpdateTokenMetadata { token } => token.validate()?,
            Self::Distribute { terms } => terms.validate(now)?,
            Self::AddMember { .. }
            | Self::RemoveMember { .. }
            | Self::ChangeRole { .. }
            | Self::PayBountyClaim { .. } => {}
        }
        Ok(())
    }
}

/// What a proposal is about, when that is an existing record whose changes must stop it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ProposalTarget {
    /// The membership record of this wallet (it may not exist yet for `AddMember`).
    Member { wallet: Pubkey },
    /// This bounty claim.
    Claim { claim: Pubkey },
}

impl ProposalTarget {
    /// The target's revision as `account` holds it now. A membership record never created is at
    /// revision 0; a claim record that is gone can never be what members voted on.
    pub fn current_revision(&self, account: &AccountInfo) -> Result<u64> {
        Ok(match self {
            Self::Member { .. } => Self::member_revision(read_account::<Member>(account)?.as_ref()),
            Self::Claim { .. } => Self::claim_revision(read_account::<Claim>(account)?.as_ref()),
        })
    }

    /// A membership record's revision; 0 for one never created.
    pub fn member_revision(member: Option<&Member>) -> u64 {
        member.map_or(0, |member| member.revision)
    }

    /// A claim's revision; one that is gone matches no revision a proposal recorded.
    pub fn claim_revision(claim: Option<&Claim>) -> u64 {
        claim.map_or(u64::MAX, |claim| claim.revision)
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
    /// Eligible members who have not voted and may not approve: the beneficiary of the action.
    pub cannot_approve: u32,
}

impl Tally {
    pub fn passed(&self) -> bool {
        self.approvals >= self.required
    }

    pub fn can_still_pass(&self) -> bool {
        let could_still_approve = self
            .eligible
            .saturating_sub(self.approvals)
            .saturating_sub(self.rejections)
            .saturating_sub(self.cannot_approve);
        self.approvals.saturating_add(could_still_approve) >= self.required
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
            + 1 + 32 // target
            + 8 // target_revision
            + 1 + 4 // beneficiary_slot
            + action.space()
            + 2 * (4 + bitmap::bytes_for(voter_slot_limit)) // approvals, rejections
    }

    pub fn tally(&self, community: &Community) -> Tally {
        let limit = self.voter_slot_limit;
        let eligible = community.active_below(limit);
        let cannot_approve = self
            .beneficiary_slot
            .is_some_and(|slot| slot < limit && community.is_active(slot) && !self.has_voted(slot));
        Tally {
            cannot_approve: u32::from(cannot_approve),
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

    /// Refuses to act on a record other than the one this proposal is about, or on one that
    /// changed since the members voted.
    pub fn require_target_unchanged(&self, target: &AccountInfo) -> Result<()> {
        require!(
            !self.target_changed(target)?,
            AmpledError::ProposalTargetChanged
        );
        Ok(())
    }

    /// Whether `target`, which must be the record this proposal is about, changed since it was
    /// made.
    pub fn target_changed(&self, target: &AccountInfo) -> Result<bool> {
        let kind = self
            .action
            .target()
            .ok_or_else(|| error!(AmpledError::WrongProposalTarget))?;
        require!(
            self.target == Some(target.key()),
            AmpledError::WrongProposalTarget
        );
        Ok(self
            .require_target_revision(kind.current_revision(target)?)
            .is_err())
    }

    /// Refuses a target whose revision is no longer the one the members voted on.
    pub fn require_target_revision(&self, current: u64) -> Result<()> {
        require!(
            current == self.target_revision,
            AmpledError::ProposalTargetChanged
        );
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

    /// Whether it can no longer execute, so its rent may be returned: decided, expired, stale,
    /// or unable to reach enough approvals from the members still active.
    pub fn is_finished(&self, community: &Community, now: i64) -> bool {
        matches!(
            self.status,
            ProposalStatus::Executed | ProposalStatus::Cancelled | ProposalStatus::Defeated
        ) || now >= self.voting_ends_at
            || self.rules_version != community.rules_version
            || !self.tally(community).can_still_pass()
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
            && self.target.is_some() == self.action.target().is_some()
            && self
                .beneficiary_slot
                .is_none_or(|slot| slot < self.voter_slot_limit)
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
