//! The commissary: listing, bidding, settling, cancelling, handing over.

use super::*;

impl<C: Chain> Client<C> {
    pub(crate) async fn auction(&mut self, address: &Pubkey) -> Result<Auction> {
        read::fetch(&mut self.chain, address).await?.ok_or_else(|| {
            ClientError::Missing(Missing::Record {
                kind: "auction",
                address: address.to_string(),
            })
        })
    }

    /// A member auctions their own item; proceeds go to them.
    pub async fn list_auction(
        &mut self,
        community: &CommunityView,
        terms: AuctionTerms,
    ) -> Result<Outcome> {
        let member = self.active_member(community).await?;
        let now = self.chain.now().await?;
        precheck(terms.validate(now))?;
        let auction =
            ix::auction_address(&community.address, &self.wallet(), member.auctions_listed);
        let list = ix::list_auction(
            &community.address,
            &community.mint(),
            &self.wallet(),
            member.auctions_listed,
            terms,
        );
        self.send(&[list], Some(auction)).await
    }

    /// Bids `amount`, escrowed until outbid (refunded at once) or the auction settles.
    pub async fn bid(
        &mut self,
        community: &CommunityView,
        auction: &Pubkey,
        amount: u64,
    ) -> Result<Outcome> {
        let state = self.auction(auction).await?;
        let now = self.chain.now().await?;
        let wallet = self.wallet();
        let is_member = matches!(
            read::member(&mut self.chain, community, &wallet).await?,
            Some(member) if member.is_active()
        );
        precheck(state.require_eligible_bidder(&wallet, is_member))?;
        precheck(state.clone().record_bid(self.wallet(), amount, now)).map_err(|e| match e {
            ClientError::Rule { message, name, .. } if name == "BidTooLow" => {
                ClientError::refused(format!(
                    "{message}: the lowest acceptable bid now is {} AMPLED",
                    community.amount(state.minimum_bid().unwrap_or(0))
                ))
            }
            other => other,
        })?;
        self.require_tokens(community, amount).await?;
        let bid = ix::place_bid(
            &community.address,
            &community.mint(),
            auction,
            &self.wallet(),
            state.highest_bidder,
            is_member,
            amount,
        );
        self.send(&[bid], None).await
    }

    /// After the end, anyone settles: the winning bid goes to the seller, the treasury or is burned.
    pub async fn settle_auction(
        &mut self,
        community: &CommunityView,
        auction: &Pubkey,
    ) -> Result<Outcome> {
        let state = self.auction(auction).await?;
        precheck(state.require_open())?;
        let now = self.chain.now().await?;
        if now < state.ends_at {
            return Err(ClientError::refused(format!(
                "The auction is still running until {}; settle it after it ends",
                crate::amount::format_time(state.ends_at)
            )));
        }
        let (proceeds_account, seller) = match state.proceeds {
            Proceeds::Seller { wallet } => (community.ata(&wallet), wallet),
            Proceeds::Treasury | Proceeds::Burn => (community.state.treasury, state.lister),
        };
        let settle = ix::settle_auction(
            &community.address,
            &community.mint(),
            auction,
            &proceeds_account,
            &seller,
            &state.rent_payer,
            &self.wallet(),
        );
        self.send(&[settle], None).await
    }

    /// The lister withdraws an item nobody has bid on.
    pub async fn cancel_auction(
        &mut self,
        community: &CommunityView,
        auction: &Pubkey,
    ) -> Result<Outcome> {
        let state = self.auction(auction).await?;
        precheck(state.require_cancellable_by(&self.wallet()))?;
        let create_lister_tokens = create_associated_token_account_idempotent(
            &self.wallet(),
            &self.wallet(),
            &community.mint(),
            &ix::TOKEN_PROGRAM,
        );
        let cancel = ix::cancel_auction(
            &community.address,
            &community.mint(),
            auction,
            &self.wallet(),
            &state.rent_payer,
        );
        self.send(&[create_lister_tokens, cancel], None).await
    }

    /// The winner or the seller records that the item changed hands.
    pub async fn mark_handed_over(&mut self, auction: &Pubkey) -> Result<Outcome> {
        let state = self.auction(auction).await?;
        let seller = match state.proceeds {
            Proceeds::Seller { wallet } => Some(wallet),
            _ => None,
        };
        if state.status != AuctionStatus::Settled {
            return Err(ClientError::refused(format!(
                "The auction is {:?}; only a settled auction's item can be handed over",
                state.status
            )));
        }
        if state.handed_over_at.is_some() {
            return Err(ClientError::refused(
                "This item was already marked as handed over",
            ));
        }
        let me = Some(self.wallet());
        if me != state.highest_bidder && me != seller && me != Some(state.lister) {
            return Err(ClientError::refused(
                "Only the winner or the seller can mark the item handed over",
            ));
        }
        let mark = ix::mark_handed_over(auction, &self.wallet());
        self.send(&[mark], None).await
    }
}
