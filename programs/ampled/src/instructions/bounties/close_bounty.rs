use crate::errors::AmpledError;
use crate::events::BountyClosed;
use crate::state::*;
use anchor_lang::prelude::*;

/// Anyone closes an ended bounty whose claims are all settled or closed; the rent goes back to
/// whoever paid it. Its history stays in the events.
#[event_cpi]
#[derive(Accounts)]
pub struct CloseBounty<'info> {
    #[account(
        mut,
        close = rent_payer,
        has_one = rent_payer @ AmpledError::WalletMismatch,
    )]
    pub bounty: Box<Account<'info, Bounty>>,

    /// CHECK: receives the rent; must be who paid it (`has_one` above).
    #[account(mut)]
    pub rent_payer: UncheckedAccount<'info>,
}

impl CloseBounty<'_> {
    pub fn validate(&self) -> Result<()> {
        self.bounty.require_closable()
    }
}

pub fn handler(ctx: Context<CloseBounty>) -> Result<()> {
    let bounty = &ctx.accounts.bounty;
    emit_cpi!(BountyClosed {
        community: bounty.community,
        bounty: bounty.key(),
        rent_returned_to: bounty.rent_payer,
        timestamp: Clock::get()?.unix_timestamp,
    });
    Ok(())
}
