//! The directory: members' offers and requests.

use super::*;
use ampled::instructions::{PostListingArgs, UpdateListingArgs};

pub fn post_listing(
    community: &Pubkey,
    owner: &Pubkey,
    id: u64,
    terms: ListingTerms,
) -> Instruction {
    instruction(
        ampled::accounts::PostListing {
            owner: *owner,
            community: *community,
            owner_member: member_address(community, owner),
            listing: listing_address(community, owner, id),
            system_program: system_program::ID,
            event_authority: event_authority(),
            program: ampled::ID,
        },
        ampled::instruction::PostListing {
            args: PostListingArgs { id, terms },
        },
    )
}

pub fn update_listing(
    listing: &Pubkey,
    owner: &Pubkey,
    terms: ListingTerms,
    paused: bool,
) -> Instruction {
    instruction(
        ampled::accounts::UpdateListing {
            owner: *owner,
            listing: *listing,
            event_authority: event_authority(),
            program: ampled::ID,
        },
        ampled::instruction::UpdateListing {
            args: UpdateListingArgs { terms, paused },
        },
    )
}

pub fn remove_listing(listing: &Pubkey, owner: &Pubkey) -> Instruction {
    instruction(
        ampled::accounts::RemoveListing {
            owner: *owner,
            listing: *listing,
            event_authority: event_authority(),
            program: ampled::ID,
        },
        ampled::instruction::RemoveListing {},
    )
}
