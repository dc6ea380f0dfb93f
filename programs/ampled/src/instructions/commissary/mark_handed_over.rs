use crate::errors::AmpledError;
use crate::events::ItemHandedOver;
use crate::state::*;
use anchor_lang::prelude::*;

/// The winner or the seller records that the item changed hands, completing the commissary's
/// record of the sale.
#[event_cpi]
#[derive(Accounts)]
pub struct MarkHandedOver<'info> {
    pub signer: Signer<'info>,

    #[account(mut)]
    pub auction: Box<Account<'info, Auction>>,
}

impl MarkHandedOver<'_> {
    pub fn validate(&self) -> Result<()> {
        let auction = &self.auction;
        require!(
            auction.status == AuctionStatus::Settled,
            AmpledError::AuctionNotFinished
        );
        require!(
            auction.handed_over_at.is_none(),
            AmpledError::AlreadyHandedOver
        );
        let signer = self.signer.key();
        require!(
            auction.highest_bidder == Some(signer) || auction.lister == signer,
            AmpledError::NotWinnerOrSeller
        );
        Ok(())
    }
}

pub fn handler(ctx: Context<MarkHandedOver>) -> Result<()> {
    let now = Clock::get()?.unix_timestamp;
    let auction = &mut ctx.accounts.auction;
    auction.handed_over_at = Some(now);
    auction.invariant()?;

    emit_cpi!(ItemHandedOver {
        community: auction.community,
        auction: auction.key(),
        winner: auction.highest_bidder.unwrap_or_default(),
        marked_by: ctx.accounts.signer.key(),
        timestamp: now,
    });
    Ok(())
}
