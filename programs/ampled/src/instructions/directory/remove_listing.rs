use crate::errors::AmpledError;
use crate::events::ListingRemoved;
use crate::state::*;
use anchor_lang::prelude::*;

/// The owner removes their listing; its rent comes back to them.
#[event_cpi]
#[derive(Accounts)]
pub struct RemoveListing<'info> {
    #[account(mut)]
    pub owner: Signer<'info>,

    #[account(mut, close = owner, has_one = owner @ AmpledError::NotListingOwner)]
    pub listing: Box<Account<'info, Listing>>,
}

impl RemoveListing<'_> {
    pub fn validate(&self) -> Result<()> {
        Ok(())
    }
}

pub fn handler(ctx: Context<RemoveListing>) -> Result<()> {
    let listing = &ctx.accounts.listing;
    emit_cpi!(ListingRemoved {
        community: listing.community,
        listing: listing.key(),
        owner: listing.owner,
        timestamp: Clock::get()?.unix_timestamp,
    });
    Ok(())
}
