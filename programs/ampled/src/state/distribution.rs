use crate::errors::AmpledError;
use crate::state::{MAX_REASON_LEN, MAX_URI_LEN, TOKEN_URI_SCHEMES};
use crate::utils::merkle::{self, Hash};
use crate::utils::{bitmap, SafeMath};
use anchor_lang::prelude::*;

/// Most recipients one distribution may have: its claimed-bitmap (one bit each) must fit the
/// 10 KiB an account can be created with inside a transaction.
pub const MAX_DISTRIBUTION_RECIPIENTS: u32 = 65_536;
/// Longest a distribution may stay open for claims.
pub const MAX_CLAIM_WINDOW_SECS: i64 = 2 * 366 * 24 * 60 * 60;
/// Longest proof a claim may carry: a tree of `MAX_DISTRIBUTION_RECIPIENTS` leaves is 16 deep.
pub const MAX_PROOF_LEN: usize = 16;

/// What members vote on when they approve a batch (the old time bank, or batch rewards): one
/// Merkle root over every recipient's share, and what lets anyone check it before voting.
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Debug, PartialEq, Eq)]
pub struct DistributionTerms {
    /// Root of the tree whose leaves are `merkle::leaf_hash(index, wallet, amount)`.
    pub root: Hash,
    pub recipients: u32,
    /// Sum of every share (base units); reserved against the caps when the proposal executes.
    pub total: u64,
    /// sha256 of the canonical list, as `ampled distribution verify` recomputes it.
    pub list_hash: Hash,
    /// Where the list is published, for members to check what they vote on.
    pub uri: String,
    /// Claims are accepted strictly before this time; unclaimed shares are never minted.
    pub claim_until: i64,
    /// What the batch is for ("the time bank, 2019-2025"), as members read it before voting.
    pub reason: String,
}

impl DistributionTerms {
    pub fn space(&self) -> usize {
        32 + 4 + 8 + 32 + 4 + self.uri.len() + 8 + 4 + self.reason.len()
    }

    pub fn validate(&self, now: i64) -> Result<()> {
        require!(
            (1..=MAX_DISTRIBUTION_RECIPIENTS).contains(&self.recipients),
            AmpledError::InvalidDistributionSize
        );
        // Every share is at least one base unit.
        require!(
            self.total >= u64::from(self.recipients),
            AmpledError::InvalidDistributionSize
        );
        require!(self.uri.len() <= MAX_URI_LEN, AmpledError::UriTooLong);
        require!(
            self.reason.len() <= MAX_REASON_LEN,
            AmpledError::ReasonTooLong
        );
        require!(
            TOKEN_URI_SCHEMES.iter().any(|s| self.uri.starts_with(s)),
            AmpledError::InvalidDistributionUri
        );
        require!(
            self.claim_until > now && self.claim_until - now <= MAX_CLAIM_WINDOW_SECS,
            AmpledError::InvalidClaimWindow
        );
        Ok(())
    }
}

/// A distribution the members approved: each recipient claims their share once, from their own
/// wallet (or anyone claims it for them: the tokens can only go to the leaf's wallet).
#[account]
#[derive(Debug)]
pub struct Distribution {
    /// Canonical bump of `[DISTRIBUTION_SEED, proposal]`.
    pub bump: u8,
    pub community: Pubkey,
    /// The proposal that approved it.
    pub proposal: Pubkey,
    /// Who paid the rent (who executed the proposal); gets it back on close.
    pub rent_payer: Pubkey,
    pub terms: DistributionTerms,
    pub claimed_total: u64,
    pub claimed_count: u32,
    pub created_at: i64,
    /// Bit `i` set: the share at index `i` was claimed.
    pub claimed: Vec<u8>,
}

impl Distribution {
    pub fn space(terms: &DistributionTerms) -> usize {
        8 + 1 + 32 + 32 + 32 + terms.space() + 8 + 4 + 8 + 4 + bitmap::bytes_for(terms.recipients)
    }

    pub fn is_claimed(&self, index: u32) -> bool {
        bitmap::get(&self.claimed, index)
    }

    /// Records the share at `index` as claimed, once its proof holds.
    pub fn claim(
        &mut self,
        index: u32,
        wallet: &Pubkey,
        amount: u64,
        proof: &[Hash],
        now: i64,
    ) -> Result<()> {
        require!(now < self.terms.claim_until, AmpledError::ClaimWindowClosed);
        require!(
            index < self.terms.recipients,
            AmpledError::ShareIndexOutOfRange
        );
        require!(!self.is_claimed(index), AmpledError::ShareAlreadyClaimed);
        require!(proof.len() <= MAX_PROOF_LEN, AmpledError::InvalidShareProof);
        require!(
            merkle::verify(
                proof,
                &self.terms.root,
                merkle::leaf_hash(index, wallet, amount)
            ),
            AmpledError::InvalidShareProof
        );
        let claimed_total = self.claimed_total.safe_add(amount)?;
        // A root over shares summing to more than approved cannot mint past what was reserved.
        require!(
            claimed_total <= self.terms.total,
            AmpledError::DistributionTotalExceeded
        );
        bitmap::set(&mut self.claimed, index, true);
        self.claimed_total = claimed_total;
        self.claimed_count = self.claimed_count.safe_add(1)?;
        Ok(())
    }

    /// What was reserved and will never be minted, once claims are over.
    pub fn unclaimed(&self) -> Result<u64> {
        self.terms.total.safe_sub(self.claimed_total)
    }

    pub fn invariant(&self) -> Result<()> {
        let consistent = self.claimed_total <= self.terms.total
            && self.claimed_count <= self.terms.recipients
            && self.claimed.len() == bitmap::bytes_for(self.terms.recipients)
            && bitmap::count(&self.claimed) == self.claimed_count
            && bitmap::is_clear_from(&self.claimed, self.terms.recipients);
        require!(consistent, AmpledError::InvariantViolated);
        Ok(())
    }
}
