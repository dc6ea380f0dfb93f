//! The directory: members' offers and requests, found by category and keyword, and paid for
//! with a transfer whose memo names the listing, so the ledger shows trade inside the network.

use super::*;

/// What a payment for a listing carries as its memo. The web app writes the same words
/// (`clients/web/src/directory.ts`), so either reads the other's payments back.
pub fn listing_memo(listing: &Pubkey, title: &str) -> String {
    format!("{LISTING_MEMO_PREFIX}{listing}: {title}")
}

const LISTING_MEMO_PREFIX: &str = "listing ";

/// The listing a memo names, when it is a payment for one.
pub fn listing_in_memo(memo: &str) -> Option<Pubkey> {
    let rest = memo.strip_prefix(LISTING_MEMO_PREFIX)?;
    let (address, _) = rest.split_once(": ")?;
    address.parse().ok()
}

/// Which listings people are looking for. Empty fields match everything.
#[derive(Debug, Default, Clone)]
pub struct DirectoryQuery {
    pub kind: Option<ListingKind>,
    /// Matched whole: categories are lowercase words ("mastering", "gear rental").
    pub category: Option<String>,
    /// Found in the title or the category, in any case.
    pub keyword: Option<String>,
}

impl DirectoryQuery {
    fn matches(&self, listing: &Listing) -> bool {
        let terms = &listing.terms;
        let kind_ok = self.kind.is_none_or(|kind| kind == terms.kind);
        let category_ok = self
            .category
            .as_ref()
            .is_none_or(|c| c.trim().to_lowercase() == terms.category);
        let keyword_ok = self.keyword.as_ref().is_none_or(|k| {
            let k = k.trim().to_lowercase();
            terms.title.to_lowercase().contains(&k) || terms.category.contains(&k)
        });
        kind_ok && category_ok && keyword_ok
    }
}

/// What shows in the directory: listed now (not paused, not expired) by a member still active.
/// A removed member's listings stay on chain until they remove them, but nobody finds them.
pub fn shown_listings(
    listings: Vec<(Pubkey, Listing)>,
    members: &[Member],
    now: i64,
    query: &DirectoryQuery,
) -> Vec<(Pubkey, Listing)> {
    let active = active_wallets(members);
    listings
        .into_iter()
        .filter(|(_, l)| l.is_listed(now) && active.contains(&l.owner) && query.matches(l))
        .collect()
}

/// The wallets of active members: whose listings show.
pub fn active_wallets(members: &[Member]) -> std::collections::HashSet<Pubkey> {
    members
        .iter()
        .filter(|m| m.is_active())
        .map(|m| m.wallet)
        .collect()
}

/// A fresh listing id. Random, so posting reads no counter and two posts never race for one.
fn new_listing_id() -> Result<u64> {
    let mut bytes = [0u8; 8];
    getrandom::getrandom(&mut bytes)
        .map_err(|e| ClientError::Io(format!("no randomness for a listing id: {e}")))?;
    Ok(u64::from_le_bytes(bytes))
}

impl<C: Chain> Client<C> {
    pub async fn listing(&mut self, address: &Pubkey) -> Result<Listing> {
        read::fetch(&mut self.chain, address).await?.ok_or_else(|| {
            ClientError::Missing(Missing::Record {
                kind: "listing",
                address: address.to_string(),
            })
        })
    }

    /// Lists an offer or a request under a fresh id. The signer must be an active member.
    pub async fn post_listing(
        &mut self,
        community: &CommunityView,
        terms: ListingTerms,
    ) -> Result<Outcome> {
        self.active_member(community).await?;
        let now = self.chain.now().await?;
        precheck(terms.validate(now))?;
        let id = new_listing_id()?;
        let owner = self.wallet();
        let address = ix::listing_address(&community.address, &owner, id);
        let post = ix::post_listing(&community.address, &owner, id, terms);
        self.send(&[post], Some(address)).await
    }

    /// Replaces a listing's terms and sets whether it is paused; only its owner may.
    pub async fn update_listing(
        &mut self,
        address: &Pubkey,
        terms: ListingTerms,
        paused: bool,
    ) -> Result<Outcome> {
        let current = self.own_listing(address).await?;
        let now = self.chain.now().await?;
        if terms.listed_until <= now {
            return Err(ClientError::refused(format!(
                "\"{}\" expired on {}: renew it first (`ampled directory renew {}`), or remove it",
                current.terms.title,
                crate::amount::format_time(current.terms.listed_until),
                crate::events::short(address)
            )));
        }
        if terms == current.terms && paused == current.paused {
            return Err(ClientError::refused(if paused {
                format!("\"{}\" is already paused", current.terms.title)
            } else {
                format!(
                    "\"{}\" is already listed just so: nothing to change",
                    current.terms.title
                )
            }));
        }
        precheck(terms.validate(now))?;
        let update = ix::update_listing(address, &self.wallet(), terms, paused);
        self.send(&[update], Some(*address)).await
    }

    /// Takes a listing down for good; its rent comes back to the owner.
    pub async fn remove_listing(&mut self, address: &Pubkey) -> Result<Outcome> {
        self.own_listing(address).await?;
        let remove = ix::remove_listing(address, &self.wallet());
        self.send(&[remove], None).await
    }

    /// Pays for an offer: its price, or `amount` when it is priced on request, to its owner, with a memo naming
    /// it. The directory is a place to find each other; the payment itself is an ordinary
    /// transfer, so it is refused only where a transfer would be, or where the offer is not
    /// one people can find now.
    pub async fn pay_for_listing(
        &mut self,
        community: &CommunityView,
        address: &Pubkey,
        amount: Option<u64>,
    ) -> Result<(Outcome, u64)> {
        let listing = self.listing(address).await?;
        if listing.community != community.address {
            return Err(ClientError::refused(format!(
                "That listing is in another community's directory, not {}'s",
                community.name()
            )));
        }
        if listing.terms.kind != ListingKind::Offer {
            return Err(ClientError::refused(
                "That is a request, not an offer: contact its owner and send tokens with `ampled transfer`",
            ));
        }
        if listing.owner == self.wallet() {
            return Err(ClientError::refused("That is your own offer"));
        }
        let now = self.chain.now().await?;
        let owner_active = read::member(&mut self.chain, community, &listing.owner)
            .await?
            .is_some_and(|m| m.is_active());
        if !listing.is_listed(now) || !owner_active {
            return Err(ClientError::refused(format!(
                "\"{}\" is not listed now ({}); contact its owner before paying",
                listing.terms.title,
                if listing.paused {
                    "its owner paused it"
                } else if !owner_active {
                    "its owner is no longer a member"
                } else {
                    "it expired"
                }
            )));
        }
        let amount = match (amount, listing.terms.price) {
            (Some(amount), Some(price)) if amount != price => {
                return Err(ClientError::refused(format!(
                    "\"{}\" is priced at {} AMPLED: pay it as listed (without --amount), or agree another amount with its owner and send it with `ampled transfer`",
                    listing.terms.title,
                    community.amount(price)
                )))
            }
            (Some(amount), _) => amount,
            (None, Some(price)) => price,
            (None, None) => {
                return Err(ClientError::refused(format!(
                    "\"{}\" is priced on request: agree an amount with its owner and give it with --amount",
                    listing.terms.title
                )))
            }
        };
        let memo = listing_memo(address, &listing.terms.title);
        let outcome = self
            .transfer(community, &listing.owner, amount, Some(&memo))
            .await?;
        Ok((outcome, amount))
    }

    async fn own_listing(&mut self, address: &Pubkey) -> Result<Listing> {
        let listing = self.listing(address).await?;
        if listing.owner != self.wallet() {
            return precheck(Err(anchor_lang::error!(
                ampled::errors::AmpledError::NotListingOwner
            )));
        }
        Ok(listing)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_payment_memo_names_its_listing() {
        let listing = Pubkey::new_unique();
        let memo = listing_memo(&listing, "Mastering: one track");
        assert_eq!(memo, format!("listing {listing}: Mastering: one track"));
        assert_eq!(listing_in_memo(&memo), Some(listing));
        assert_eq!(listing_in_memo("thanks for the gig"), None);
        assert_eq!(listing_in_memo("listing nonsense: x"), None);
    }
}
