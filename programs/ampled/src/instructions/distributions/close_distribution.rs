use crate::errors::AmpledError;
use crate::events::DistributionClosed;
use crate::state::*;
use crate::utils::SafeMath;
use anchor_lang::prelude::*;

/// Anyone closes a distribution once claims are over (its deadline passed, or every share is
/// claimed): what was reserved and never claimed is released under the supply cap, and the rent
/// goes back to whoever paid it. The claims stay on record in the events.
#[event_cpi]
#[derive(Accounts)]
pub struct CloseDistribution<'info> {
    #[account(mut)]
    pub community: Box<Account<'info, Community>>,

    #[account(
        mut,
        close = rent_payer,
        has_one = community @ AmpledError::WrongCommunity,
        has_one = rent_payer @ AmpledError::WalletMismatch,
    )]
    pub distribution: Box<Account<'info, Distribution>>,

    /// CHECK: receives the rent; must be who paid it (`has_one` above).
    #[account(mut)]
    pub rent_payer: UncheckedAccount<'info>,
}

impl CloseDistribution<'_> {
    pub fn validate(&self) -> Result<()> {
        let distribution = &self.distribution;
        let over = Clock::get()?.unix_timestamp >= distribution.terms.claim_until
            || distribution.claimed_count == distribution.terms.recipients;
        require!(over, AmpledError::ClaimsStillOpen);
        Ok(())
    }
}

pub fn handler(ctx: Context<CloseDistribution>) -> Result<()> {
    let distribution = &ctx.accounts.distribution;
    let released = distribution.unclaimed()?;
    let community = &mut ctx.accounts.community;
    // The reservation counted the whole total as minted; what was never minted is not.
    community.total_minted = community.total_minted.safe_sub(released)?;
    community.invariant()?;
    emit_cpi!(DistributionClosed {
        community: community.key(),
        distribution: distribution.key(),
        claimed_total: distribution.claimed_total,
        released,
        rent_returned_to: distribution.rent_payer,
        timestamp: Clock::get()?.unix_timestamp,
    });
    Ok(())
}
