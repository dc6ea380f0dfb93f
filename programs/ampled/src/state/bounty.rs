use crate::errors::AmpledError;
use crate::state::BOUNTY_VAULT_SEED;
use crate::utils::SafeMath;
use anchor_lang::prelude::*;

pub const MAX_TITLE_LEN: usize = 64;
pub const MAX_URI_LEN: usize = 200;
pub const MAX_CLAIMS_PER_BOUNTY: u32 = 1_000;

/// Work the co-op or a member will pay for: a title, a link to the full description, a reward per
/// accepted claim and how many claims it accepts.
#[account]
#[derive(Debug, InitSpace)]
pub struct Bounty {
    /// Canonical bump of `[BOUNTY_SEED, community, poster, nonce]`.
    pub bump: u8,
    /// Canonical bump of the escrow vault; 0 for co-op bounties, which have none.
    pub vault_bump: u8,
    pub community: Pubkey,
    /// The member who posted it (for a co-op bounty: who proposed it). Gets escrow refunds.
    pub poster: Pubkey,
    /// Who paid the rent of this record (and of the vault); it gets it back on close.
    pub rent_payer: Pubkey,
    /// The poster's `bounties_posted` when it was made.
    pub nonce: u64,
    pub funding: BountyFunding,
    pub category: BountyCategory,
    #[max_len(MAX_TITLE_LEN)]
    pub title: String,
    /// Where the full description lives (a URL, or an IPFS / Arweave content address).
    #[max_len(MAX_URI_LEN)]
    pub uri: String,
    /// Tokens (base units) paid for each accepted claim.
    pub reward: u64,
    /// Claims it pays at most; `reward * max_claims` is all it can ever pay.
    pub max_claims: u32,
    /// Claims and evidence are accepted strictly before this time, if set.
    pub deadline: Option<i64>,
    pub status: BountyStatus,
    /// Claims not yet settled (claimed or submitted): the bounty's record stays until they are.
    pub open_claims: u32,
    /// Claims with evidence waiting for a decision: the bounty cannot be ended under them.
    pub submitted_claims: u32,
    /// Claims paid so far.
    pub paid_claims: u32,
    pub created_at: i64,
    /// When it was cancelled or expired.
    pub ended_at: Option<i64>,
    /// Hands out claim revisions: bumped whenever a claim on this bounty is made, gets new
    /// evidence or is withdrawn, so a revision never repeats, even for a claim made again.
    pub claim_revisions: u64,
}

#[derive(AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug, PartialEq, Eq, InitSpace)]
pub enum BountyFunding {
    /// The reward is minted when members approve a claim, within the community's caps.
    Coop,
    /// The reward was escrowed by the poster into the bounty's vault.
    Member,
}

#[derive(AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug, PartialEq, Eq, InitSpace)]
pub enum BountyCategory {
    Code,
    StreetTeam,
    ArtistGrowth,
    CareWork,
    Community,
    Other,
}

impl BountyCategory {
    pub fn seed(self) -> [u8; 1] {
        [self as u8]
    }
}

#[derive(AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug, PartialEq, Eq, InitSpace)]
pub enum BountyStatus {
    Open,
    /// Every claim it accepts has been paid.
    Completed,
    Cancelled,
    Expired,
}

/// What a poster fills in; shared by member-funded bounties and co-op bounty proposals.
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Debug, PartialEq, Eq)]
pub struct BountyTerms {
    pub category: BountyCategory,
    pub title: String,
    pub uri: String,
    pub reward: u64,
    pub max_claims: u32,
    pub deadline: Option<i64>,
}

impl BountyTerms {
    pub fn space(&self) -> usize {
        1 + 4 + self.title.len() + 4 + self.uri.len() + 8 + 4 + 1 + 8
    }

    /// Checks the terms and returns the most the bounty can ever pay.
    pub fn validate(&self, now: i64) -> Result<u64> {
        require!(
            !self.title.is_empty() && self.title.len() <= MAX_TITLE_LEN,
            AmpledError::InvalidBountyTitle
        );
        require!(self.uri.len() <= MAX_URI_LEN, AmpledError::UriTooLong);
        require!(self.reward > 0, AmpledError::ZeroAmount);
        require!(
            (1..=MAX_CLAIMS_PER_BOUNTY).contains(&self.max_claims),
            AmpledError::InvalidMaxClaims
        );
        if let Some(deadline) = self.deadline {
            require!(deadline > now, AmpledError::DeadlineInPast);
        }
        self.reward
            .checked_mul(u64::from(self.max_claims))
            .ok_or_else(|| error!(AmpledError::MathOverflow))
    }
}

impl Bounty {
    pub const SPACE: usize = 8 + Bounty::INIT_SPACE;

    #[allow(clippy::too_many_arguments)]
    pub fn new(
        bump: u8,
        community: Pubkey,
        poster: Pubkey,
        rent_payer: Pubkey,
        nonce: u64,
        funding: BountyFunding,
        terms: &BountyTerms,
        now: i64,
    ) -> Self {
        Self {
            bump,
            vault_bump: 0,
            community,
            poster,
            rent_payer,
            nonce,
            funding,
            category: terms.category,
            title: terms.title.clone(),
            uri: terms.uri.clone(),
            reward: terms.reward,
            max_claims: terms.max_claims,
            deadline: terms.deadline,
            status: BountyStatus::Open,
            open_claims: 0,
            submitted_claims: 0,
            paid_claims: 0,
            created_at: now,
            ended_at: None,
            claim_revisions: 0,
        }
    }

    /// The escrow vault of this (member-funded) bounty, from its stored bump.
    pub fn vault_address(&self, bounty: &Pubkey) -> Result<Pubkey> {
        Pubkey::create_program_address(
            &[BOUNTY_VAULT_SEED, bounty.as_ref(), &[self.vault_bump]],
            &crate::ID,
        )
        .map_err(|_| error!(AmpledError::WrongVault))
    }

    /// Ended with every claim settled, so its record may go.
    pub fn require_closable(&self) -> Result<()> {
        require!(
            self.status != BountyStatus::Open && self.open_claims == 0,
            AmpledError::BountyNotSettled
        );
        Ok(())
    }

    /// The next claim revision: a claim takes it whenever it changes.
    pub fn next_claim_revision(&mut self) -> Result<u64> {
        self.claim_revisions = self.claim_revisions.safe_add(1)?;
        Ok(self.claim_revisions)
    }

    /// Most the bounty can still pay.
    pub fn unpaid_budget(&self) -> Result<u64> {
        let remaining = self.max_claims.safe_sub(self.paid_claims)?;
        self.reward
            .checked_mul(u64::from(remaining))
            .ok_or_else(|| error!(AmpledError::MathOverflow))
    }

    pub fn is_past_deadline(&self, now: i64) -> bool {
        self.deadline.is_some_and(|deadline| now >= deadline)
    }

    /// New work (a claim, evidence) is accepted only on an open bounty before its deadline.
    pub fn require_accepting_work(&self, now: i64) -> Result<()> {
        self.require_open()?;
        require!(!self.is_past_deadline(now), AmpledError::BountyExpired);
        Ok(())
    }

    pub fn require_open(&self) -> Result<()> {
        match self.status {
            BountyStatus::Open => Ok(()),
            BountyStatus::Completed => err!(AmpledError::BountyFullyPaid),
            BountyStatus::Cancelled => err!(AmpledError::BountyCancelled),
            BountyStatus::Expired => err!(AmpledError::BountyExpired),
        }
    }

    /// Records one more paid claim; the bounty completes with its last one.
    pub fn record_payment(&mut self, now: i64) -> Result<()> {
        self.require_open()?;
        self.paid_claims = self.paid_claims.safe_add(1)?;
        if self.paid_claims == self.max_claims {
            self.status = BountyStatus::Completed;
            self.ended_at = Some(now);
        }
        Ok(())
    }

    /// Ends an open bounty: the poster cancels it any time, anyone expires it after its deadline.
    /// Never while evidence waits for a decision, so nobody's finished work goes unanswered.
    pub fn end(&mut self, caller: Pubkey, now: i64) -> Result<BountyStatus> {
        self.require_open()?;
        require!(
            self.submitted_claims == 0,
            AmpledError::ClaimsAwaitingReview
        );
        let status = if self.is_past_deadline(now) {
            BountyStatus::Expired
        } else {
            // A co-op bounty was posted by the members' vote: nobody alone may take it back.
            require!(
                self.funding == BountyFunding::Member,
                AmpledError::DecidedByMembers
            );
            require_keys_eq!(caller, self.poster, AmpledError::NotBountyPoster);
            BountyStatus::Cancelled
        };
        self.status = status;
        self.ended_at = Some(now);
        Ok(status)
    }

    pub fn invariant(&self) -> Result<()> {
        let consistent = self.submitted_claims <= self.open_claims
            && self.paid_claims <= self.max_claims
            && self.reward > 0
            && (self.status == BountyStatus::Open) == self.ended_at.is_none()
            && (self.funding == BountyFunding::Member || self.vault_bump == 0);
        require!(consistent, AmpledError::InvariantViolated);
        Ok(())
    }
}

/// One wallet's claim on a bounty: anyone with a wallet may claim, member or not.
#[account]
#[derive(Debug, InitSpace)]
pub struct Claim {
    /// Canonical bump of `[CLAIM_SEED, bounty, claimant]`.
    pub bump: u8,
    pub community: Pubkey,
    pub bounty: Pubkey,
    pub claimant: Pubkey,
    pub status: ClaimStatus,
    /// Link to the work done, set when evidence is submitted.
    #[max_len(MAX_URI_LEN)]
    pub evidence_uri: String,
    /// Why it was rejected, if it was.
    #[max_len(crate::state::MAX_REASON_LEN)]
    pub rejection_reason: String,
    pub claimed_at: i64,
    pub submitted_at: Option<i64>,
    /// When it was paid, rejected or withdrawn.
    pub settled_at: Option<i64>,
    /// The proposal (co-op bounty) or poster (member-funded) that decided it.
    pub decided_by: Option<Pubkey>,
    /// Taken from the bounty's `claim_revisions` whenever this claim changes; a proposal to pay or
    /// reject it records it and executes only against the evidence the members saw.
    pub revision: u64,
}

#[derive(AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug, PartialEq, Eq, InitSpace)]
pub enum ClaimStatus {
    /// Claimed; work in progress.
    Claimed,
    /// Evidence submitted; waiting for a decision.
    Submitted,
    Paid,
    Rejected,
    Withdrawn,
}

impl Claim {
    pub const SPACE: usize = 8 + Claim::INIT_SPACE;

    /// Withdrawn, or its bounty is over (or gone), so its record may go.
    pub fn require_closable(&self, bounty: Option<&Bounty>) -> Result<()> {
        let bounty_open = bounty.is_some_and(|bounty| bounty.status == BountyStatus::Open);
        require!(
            self.status == ClaimStatus::Withdrawn || !bounty_open,
            AmpledError::ClaimStillOpen
        );
        Ok(())
    }

    pub fn is_settled(&self) -> bool {
        matches!(
            self.status,
            ClaimStatus::Paid | ClaimStatus::Rejected | ClaimStatus::Withdrawn
        )
    }

    /// Refuses anything but a claim that is still open (claimed or submitted).
    pub fn require_unsettled(&self) -> Result<()> {
        match self.status {
            ClaimStatus::Claimed | ClaimStatus::Submitted => Ok(()),
            ClaimStatus::Paid => err!(AmpledError::ClaimAlreadyPaid),
            ClaimStatus::Rejected | ClaimStatus::Withdrawn => err!(AmpledError::ClaimSettled),
        }
    }

    /// Only claims with evidence can be decided.
    pub fn require_submitted(&self) -> Result<()> {
        match self.status {
            ClaimStatus::Submitted => Ok(()),
            ClaimStatus::Claimed => err!(AmpledError::EvidenceNotSubmitted),
            ClaimStatus::Paid => err!(AmpledError::ClaimAlreadyPaid),
            ClaimStatus::Rejected | ClaimStatus::Withdrawn => err!(AmpledError::ClaimSettled),
        }
    }

    /// Settles the claim; the bounty's counters follow.
    pub fn settle(
        &mut self,
        bounty: &mut Bounty,
        status: ClaimStatus,
        decided_by: Option<Pubkey>,
        now: i64,
    ) -> Result<()> {
        if self.status == ClaimStatus::Submitted {
            bounty.submitted_claims = bounty.submitted_claims.safe_sub(1)?;
        }
        bounty.open_claims = bounty.open_claims.safe_sub(1)?;
        if status == ClaimStatus::Paid {
            bounty.record_payment(now)?;
        }
        self.status = status;
        self.settled_at = Some(now);
        self.decided_by = decided_by;
        Ok(())
    }

    pub fn invariant(&self) -> Result<()> {
        let consistent = self.is_settled() == self.settled_at.is_some()
            && (self.status != ClaimStatus::Submitted || self.submitted_at.is_some())
            && (self.status == ClaimStatus::Rejected || self.rejection_reason.is_empty());
        require!(consistent, AmpledError::InvariantViolated);
        Ok(())
    }
}

/// Most a category of co-op bounties may mint per period, set by the members.
#[account]
#[derive(Debug, InitSpace)]
pub struct CategoryBudget {
    /// Canonical bump of `[BUDGET_SEED, community, category]`.
    pub bump: u8,
    pub community: Pubkey,
    pub category: BountyCategory,
    /// Tokens (base units) co-op bounties of this category may mint per period.
    pub amount_per_period: u64,
    /// Period length in seconds, counted from the community's creation.
    pub period_secs: i64,
    /// Index of the period `minted_in_period` refers to.
    pub period_index: u64,
    pub minted_in_period: u64,
    /// The proposal that set it.
    pub set_by: Pubkey,
}

impl CategoryBudget {
    pub const SPACE: usize = 8 + CategoryBudget::INIT_SPACE;

    /// Records `amount` minted for this category at `now`, or refuses it.
    pub fn record(&mut self, amount: u64, community_created_at: i64, now: i64) -> Result<()> {
        let elapsed = now.safe_sub(community_created_at)?.max(0);
        let period = (elapsed / self.period_secs) as u64;
        if period != self.period_index {
            self.period_index = period;
            self.minted_in_period = 0;
        }
        let minted = self.minted_in_period.safe_add(amount)?;
        require!(
            minted <= self.amount_per_period,
            AmpledError::CategoryBudgetExceeded
        );
        self.minted_in_period = minted;
        Ok(())
    }

    pub fn invariant(&self) -> Result<()> {
        require!(self.period_secs > 0, AmpledError::InvariantViolated);
        Ok(())
    }
}
