use crate::errors::AmpledError;
use crate::state::{MAX_URI_LEN, TOKEN_URI_SCHEMES};
use anchor_lang::prelude::*;

pub const MAX_LISTING_TITLE_LEN: usize = 64;
pub const MAX_LISTING_CATEGORY_LEN: usize = 24;
/// Longest a listing stays up before its owner renews it.
pub const MAX_LISTING_SECS: i64 = 366 * 24 * 60 * 60;
/// How people may be reached: a page, an email or a phone number.
pub const CONTACT_SCHEMES: [&str; 3] = ["https://", "mailto:", "tel:"];

/// What a member offers for $AMPLED ("I'll master your track") or asks for ("childcare on show
/// nights"): the co-op's directory, like a local currency's.
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug, PartialEq, Eq, InitSpace)]
pub enum ListingKind {
    Offer,
    Request,
}

#[derive(AnchorSerialize, AnchorDeserialize, Clone, Debug, PartialEq, Eq, InitSpace)]
pub struct ListingTerms {
    pub kind: ListingKind,
    /// A word or two to find it by ("mastering", "gear rental"): lowercase letters, digits,
    /// spaces and hyphens.
    #[max_len(MAX_LISTING_CATEGORY_LEN)]
    pub category: String,
    #[max_len(MAX_LISTING_TITLE_LEN)]
    pub title: String,
    /// The longer description.
    #[max_len(MAX_URI_LEN)]
    pub uri: String,
    /// Base units of AMPLED, or none for "ask".
    pub price: Option<u64>,
    #[max_len(MAX_URI_LEN)]
    pub contact: String,
    /// It drops out of listings at this time.
    pub listed_until: i64,
}

impl ListingTerms {
    pub fn validate(&self, now: i64) -> Result<()> {
        let category_ok = !self.category.is_empty()
            && self.category.len() <= MAX_LISTING_CATEGORY_LEN
            && self
                .category
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b' ' || b == b'-');
        require!(category_ok, AmpledError::InvalidListingCategory);
        // Readers print titles, links and contacts as they are: a control character (a
        // terminal escape, a newline) could fake rows or prices in a listing.
        require!(
            !self.title.trim().is_empty()
                && self.title.len() <= MAX_LISTING_TITLE_LEN
                && !self.title.chars().any(char::is_control),
            AmpledError::InvalidListingTitle
        );
        let is_link = |text: &str| !text.chars().any(|c| c.is_control() || c.is_whitespace());
        require!(
            self.uri.len() <= MAX_URI_LEN
                && is_link(&self.uri)
                && TOKEN_URI_SCHEMES.iter().any(|s| self.uri.starts_with(s)),
            AmpledError::InvalidListingUri
        );
        require!(
            self.contact.len() <= MAX_URI_LEN
                && is_link(&self.contact)
                && CONTACT_SCHEMES
                    .iter()
                    .any(|s| self.contact.starts_with(s) && self.contact.len() > s.len()),
            AmpledError::InvalidListingContact
        );
        require!(self.price != Some(0), AmpledError::ZeroAmount);
        require!(
            self.listed_until > now && self.listed_until - now <= MAX_LISTING_SECS,
            AmpledError::InvalidListingPeriod
        );
        Ok(())
    }
}

#[account]
#[derive(Debug, InitSpace)]
pub struct Listing {
    /// Canonical bump of `[LISTING_SEED, community, owner, id]`.
    pub bump: u8,
    pub community: Pubkey,
    /// The member who posted it: the only one who edits, pauses or removes it.
    pub owner: Pubkey,
    /// Chosen by the owner's client, so posting reads no counter.
    pub id: u64,
    pub terms: ListingTerms,
    pub paused: bool,
    pub created_at: i64,
    pub updated_at: i64,
}

impl Listing {
    pub const SPACE: usize = 8 + Listing::INIT_SPACE;

    /// Whether people should find it now: not paused and not expired. (Listings of removed
    /// members are dropped by readers, which see the membership.)
    pub fn is_listed(&self, now: i64) -> bool {
        !self.paused && now < self.terms.listed_until
    }

    pub fn invariant(&self) -> Result<()> {
        require!(
            self.updated_at >= self.created_at
                && self.terms.title.len() <= MAX_LISTING_TITLE_LEN
                && self.terms.category.len() <= MAX_LISTING_CATEGORY_LEN,
            AmpledError::InvariantViolated
        );
        Ok(())
    }
}
