use crate::errors::AmpledError;
use crate::events::AuctionClosed;
use crate::state::*;
use anchor_lang::prelude::*;

/// Anyone closes a finished auction (unsold, cancelled, or sold and handed over); its rent goes
/// back to whoever paid it. The sale stays on record in the events.
#[event_cpi]
#[derive(Accounts)]
pub struct CloseAuction<'info> {
    #[account(
        mut,
        close = rent_payer,
        has_one = rent_payer @ AmpledError::WalletMismatch,
    )]
    pub auction: Box<Account<'info, Auction>>,

    /// CHECK: receives the rent; must be who paid it (`has_one` above).
    #[account(mut)]
    pub rent_payer: UncheckedAccount<'info>,
}

impl CloseAuction<'_> {
    pub fn validate(&self) -> Result<()> {
        self.auction.require_closable()
    }
}

pub fn handler(ctx: Context<CloseAuction>) -> Result<()> {
    let auction = &ctx.accounts.auction;
    emit_cpi!(AuctionClosed {
        community: auction.community,
        auction: auction.key(),
        rent_returned_to: auction.rent_payer,
        timestamp: Clock::get()?.unix_timestamp,
    });
    Ok(())
}
