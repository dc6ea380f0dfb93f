use crate::errors::AmpledError;
use crate::events::ListingUpdated;
use crate::state::*;
use anchor_lang::prelude::*;

#[derive(AnchorSerialize, AnchorDeserialize, Clone, Debug, PartialEq, Eq)]
pub struct UpdateListingArgs {
    pub terms: ListingTerms,
    /// Paused listings stay on record but out of the directory.
    pub paused: bool,
}

/// The owner edits, pauses, resumes or renews their listing.
#[event_cpi]
#[derive(Accounts)]
pub struct UpdateListing<'info> {
    pub owner: Signer<'info>,

    #[account(mut, has_one = owner @ AmpledError::NotListingOwner)]
    pub listing: Box<Account<'info, Listing>>,
}

impl UpdateListing<'_> {
    pub fn validate(&self, args: &UpdateListingArgs) -> Result<()> {
        args.terms.validate(Clock::get()?.unix_timestamp)
    }
}

pub fn handler(ctx: Context<UpdateListing>, args: UpdateListingArgs) -> Result<()> {
    let now = Clock::get()?.unix_timestamp;
    let listing = &mut ctx.accounts.listing;
    listing.terms = args.terms.clone();
    listing.paused = args.paused;
    listing.updated_at = now;
    listing.invariant()?;
    emit_cpi!(ListingUpdated {
        community: listing.community,
        listing: listing.key(),
        terms: args.terms,
        paused: args.paused,
        timestamp: now,
    });
    Ok(())
}
