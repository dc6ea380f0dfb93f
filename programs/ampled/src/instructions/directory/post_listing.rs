use crate::errors::AmpledError;
use crate::events::ListingPosted;
use crate::state::*;
use anchor_lang::prelude::*;

#[derive(AnchorSerialize, AnchorDeserialize, Clone, Debug, PartialEq, Eq)]
pub struct PostListingArgs {
    /// Any number the owner has not used for another listing (clients pick one at random).
    pub id: u64,
    pub terms: ListingTerms,
}

/// An active member lists an offer or a request in the co-op's directory, paying its rent.
#[event_cpi]
#[derive(Accounts)]
#[instruction(args: PostListingArgs)]
pub struct PostListing<'info> {
    #[account(mut)]
    pub owner: Signer<'info>,

    pub community: Box<Account<'info, Community>>,

    #[account(
        seeds = [MEMBER_SEED, community.key().as_ref(), owner.key().as_ref()],
        bump = owner_member.bump,
    )]
    pub owner_member: Box<Account<'info, Member>>,

    #[account(
        init,
        payer = owner,
        space = Listing::SPACE,
        seeds = [LISTING_SEED, community.key().as_ref(), owner.key().as_ref(), &args.id.to_le_bytes()],
        bump,
    )]
    pub listing: Box<Account<'info, Listing>>,

    pub system_program: Program<'info, System>,
}

impl PostListing<'_> {
    pub fn validate(&self, args: &PostListingArgs) -> Result<()> {
        require_keys_eq!(
            self.owner_member.community,
            self.community.key(),
            AmpledError::WrongCommunity
        );
        self.owner_member.require_active()?;
        args.terms.validate(Clock::get()?.unix_timestamp)
    }
}

pub fn handler(ctx: Context<PostListing>, args: PostListingArgs) -> Result<()> {
    let now = Clock::get()?.unix_timestamp;
    let listing = &mut ctx.accounts.listing;
    listing.set_inner(Listing {
        bump: ctx.bumps.listing,
        community: ctx.accounts.community.key(),
        owner: ctx.accounts.owner.key(),
        id: args.id,
        terms: args.terms.clone(),
        paused: false,
        created_at: now,
        updated_at: now,
    });
    listing.invariant()?;
    emit_cpi!(ListingPosted {
        community: listing.community,
        listing: listing.key(),
        owner: listing.owner,
        terms: args.terms,
        timestamp: now,
    });
    Ok(())
}
