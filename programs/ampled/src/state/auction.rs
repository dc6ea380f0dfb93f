use crate::errors::AmpledError;
use crate::utils::SafeMath;
use anchor_lang::prelude::*;

pub const MAX_ITEM_TITLE_LEN: usize = 64;
/// Longest an auction may run, and longest an anti-sniping window or extension may be.
pub const MAX_AUCTION_SECS: i64 = 90 * 24 * 60 * 60;
pub const MAX_SNIPE_SECS: i64 = 24 * 60 * 60;

/// A commissary listing: gear or goods auctioned for $AMPLED. Bids are escrowed in the auction's
/// vault; an outbid bidder is refunded in the same transaction as the bid that beat them.
#[account]
#[derive(Debug, InitSpace)]
pub struct Auction {
    /// Canonical bump of `[AUCTION_SEED, community, lister, nonce]`.
    pub bump: u8,
    /// Canonical bump of `[AUCTION_VAULT_SEED, auction]`.
    pub vault_bump: u8,
    pub community: Pubkey,
    /// The member who listed it (for a co-op item: who proposed it).
    pub lister: Pubkey,
    /// The lister's `auctions_listed` when it was made.
    pub nonce: u64,
    /// Who paid the rent of this record and the vault; gets it back on close.
    pub rent_payer: Pubkey,
    pub terms: AuctionTerms,
    /// Where the winning bid goes.
    pub proceeds: Proceeds,
    /// Current end; anti-sniping extensions move it.
    pub ends_at: i64,
    pub status: AuctionStatus,
    pub highest_bid: u64,
    pub highest_bidder: Option<Pubkey>,
    pub bid_count: u32,
    pub settled_at: Option<i64>,
    pub handed_over_at: Option<i64>,
}

/// What the seller sets when listing.
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Debug, PartialEq, Eq, InitSpace)]
pub struct AuctionTerms {
    #[max_len(MAX_ITEM_TITLE_LEN)]
    pub title: String,
    /// Photos and description of the item.
    #[max_len(crate::state::MAX_URI_LEN)]
    pub uri: String,
    /// Lowest acceptable bid (base units).
    pub reserve_price: u64,
    /// How much a bid must beat the highest by (base units, at least 1).
    pub min_increment: u64,
    pub starts_at: i64,
    pub ends_at: i64,
    /// A bid in the last `snipe_window_secs` before the end...
    pub snipe_window_secs: i64,
    /// ...extends the end by `snipe_extension_secs`.
    pub snipe_extension_secs: i64,
    /// Whether only active members may bid.
    pub members_only: bool,
}

/// Where a settled auction's winning bid goes.
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug, PartialEq, Eq, InitSpace)]
pub enum Proceeds {
    /// A member's own item: to the seller's token account.
    Seller { wallet: Pubkey },
    /// A co-op item: to the treasury.
    Treasury,
    /// A co-op item whose members chose to burn what it fetched.
    Burn,
}

#[derive(AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug, PartialEq, Eq, InitSpace)]
pub enum AuctionStatus {
    Open,
    /// Ended with a winner; the winning bid went to the seller, the treasury or was burned.
    Settled,
    /// Ended without a valid bid.
    Unsold,
    Cancelled,
}

impl AuctionTerms {
    pub fn validate(&self, now: i64) -> Result<()> {
        require!(
            !self.title.is_empty() && self.title.len() <= MAX_ITEM_TITLE_LEN,
            AmpledError::InvalidItemTitle
        );
        require!(
            self.uri.len() <= crate::state::MAX_URI_LEN,
            AmpledError::UriTooLong
        );
        require!(self.reserve_price > 0, AmpledError::ZeroAmount);
        require!(self.min_increment > 0, AmpledError::ZeroAmount);
        require!(
            self.ends_at > now
                && self.ends_at > self.starts_at
                && self.ends_at.safe_sub(self.starts_at.max(now))? <= MAX_AUCTION_SECS,
            AmpledError::InvalidAuctionTimes
        );
        require!(
            (0..=MAX_SNIPE_SECS).contains(&self.snipe_window_secs)
                && (0..=MAX_SNIPE_SECS).contains(&self.snipe_extension_secs),
            AmpledError::InvalidAuctionTimes
        );
        Ok(())
    }

    pub fn space(&self) -> usize {
        4 + self.title.len() + 4 + self.uri.len() + 8 * 6 + 1
    }

    /// The bidding window members saw when the listing was proposed at `proposed_at` (from its
    /// start, or from then if it started earlier), opening no earlier than `now`: a co-op listing
    /// is voted on first, and the vote must neither eat bidding time nor, with a start in the
    /// past, stretch it.
    pub fn rescheduled(&self, proposed_at: i64, now: i64) -> Result<Self> {
        let planned_start = self.starts_at.max(proposed_at);
        let bidding_secs = self.ends_at.safe_sub(planned_start)?;
        let starts_at = planned_start.max(now);
        Ok(Self {
            starts_at,
            ends_at: starts_at.safe_add(bidding_secs)?,
            ..self.clone()
        })
    }
}

impl Auction {
    pub const SPACE: usize = 8 + Auction::INIT_SPACE;

    /// The smallest bid that would be accepted now.
    pub fn minimum_bid(&self) -> Result<u64> {
        match self.highest_bidder {
            None => Ok(self.terms.reserve_price),
            Some(_) => self.highest_bid.safe_add(self.terms.min_increment),
        }
    }

    /// Who may bid: never the seller of a member's item (a seller bidding up their own item only
    /// inflates what others pay), and only active members where the listing says so.
    pub fn require_eligible_bidder(&self, bidder: &Pubkey, is_active_member: bool) -> Result<()> {
        if let Proceeds::Seller { wallet } = self.proceeds {
            require_keys_neq!(*bidder, wallet, AmpledError::SellerCannotBid);
        }
        require!(
            is_active_member || !self.terms.members_only,
            AmpledError::MembersOnlyAuction
        );
        Ok(())
    }

    /// Only the lister withdraws, and only their own item nobody has bid on: a co-op listing was
    /// decided by the members, and a bid is a commitment the seller must honour.
    pub fn require_cancellable_by(&self, caller: &Pubkey) -> Result<()> {
        require_keys_eq!(*caller, self.lister, AmpledError::NotSeller);
        self.require_open()?;
        require!(
            matches!(self.proceeds, Proceeds::Seller { .. }),
            AmpledError::DecidedByMembers
        );
        require!(self.highest_bidder.is_none(), AmpledError::AuctionHasBids);
        Ok(())
    }

    /// Over for good, so its record may go: unsold, cancelled, or sold and handed over.
    pub fn require_closable(&self) -> Result<()> {
        let finished = match self.status {
            AuctionStatus::Open => false,
            AuctionStatus::Settled => self.handed_over_at.is_some(),
            AuctionStatus::Unsold | AuctionStatus::Cancelled => true,
        };
        require!(finished, AmpledError::AuctionNotFinished);
        Ok(())
    }

    pub fn require_open(&self) -> Result<()> {
        match self.status {
            AuctionStatus::Open => Ok(()),
            AuctionStatus::Cancelled => err!(AmpledError::AuctionCancelled),
            AuctionStatus::Settled | AuctionStatus::Unsold => {
                err!(AmpledError::AuctionAlreadySettled)
            }
        }
    }

    /// Accepts `amount` from `bidder` at `now`, or refuses it; extends the end against sniping.
    pub fn record_bid(&mut self, bidder: Pubkey, amount: u64, now: i64) -> Result<()> {
        self.require_open()?;
        require!(now >= self.terms.starts_at, AmpledError::AuctionNotStarted);
        require!(now < self.ends_at, AmpledError::AuctionEnded);
        require!(amount >= self.minimum_bid()?, AmpledError::BidTooLow);
        self.highest_bid = amount;
        self.highest_bidder = Some(bidder);
        self.bid_count = self.bid_count.safe_add(1)?;
        if self.ends_at.safe_sub(now)? <= self.terms.snipe_window_secs {
            self.ends_at = self.ends_at.safe_add(self.terms.snipe_extension_secs)?;
        }
        Ok(())
    }

    pub fn invariant(&self) -> Result<()> {
        let consistent = self.highest_bidder.is_some() == (self.bid_count > 0)
            && (self.highest_bidder.is_none() || self.highest_bid >= self.terms.reserve_price)
            && self.ends_at >= self.terms.ends_at
            && (self.status == AuctionStatus::Open) == self.settled_at.is_none()
            && (self.handed_over_at.is_none() || self.status == AuctionStatus::Settled)
            && (self.status != AuctionStatus::Settled || self.highest_bidder.is_some());
        require!(consistent, AmpledError::InvariantViolated);
        Ok(())
    }
}
