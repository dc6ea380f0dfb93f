//! The commissary: listing (by a member, or by the co-op through `Chain::execute`), bidding,
//! settling, cancelling, handing over and closing.

use crate::*;
use ampled::state::*;
use anchor_lang::prelude::Pubkey;
use solana_instruction::Instruction;
use solana_keypair::Keypair;
use solana_signer::Signer;

/// An auction listed by the harness.
#[derive(Debug)]
pub struct AuctionFixture {
    pub address: Pubkey,
    pub lister: Keypair,
}

impl Chain {
    /// `lister`, a member, auctions their own item.
    pub async fn list_member_auction(
        &mut self,
        community: &CommunityFixture,
        lister: &Keypair,
        terms: AuctionTerms,
    ) -> Result<AuctionFixture, Failure> {
        self.list_member_auction_with(community, lister, terms, |_| {})
            .await
    }

    pub async fn list_member_auction_with(
        &mut self,
        community: &CommunityFixture,
        lister: &Keypair,
        terms: AuctionTerms,
        tamper: impl FnOnce(&mut Instruction),
    ) -> Result<AuctionFixture, Failure> {
        // A wallet without a record (an outsider's attempt) uses its first address, as a
        // client would.
        let nonce = self
            .try_account::<Member>(&community.member_address(&lister.pubkey()))
            .await
            .map_or(0, |member| member.auctions_listed);
        let list = ix::list_auction(
            &community.address,
            &community.mint,
            &lister.pubkey(),
            nonce,
            terms,
        );
        self.send_tampered(list, &[lister], tamper).await?;
        Ok(AuctionFixture {
            address: ix::auction_address(&community.address, &lister.pubkey(), nonce),
            lister: lister.insecure_clone(),
        })
    }

    /// `lister` lists their own item, as the story needs it to succeed; returns the auction.
    pub async fn listed_auction(
        &mut self,
        community: &CommunityFixture,
        lister: &Keypair,
        terms: AuctionTerms,
    ) -> Pubkey {
        self.list_member_auction(community, lister, terms)
            .await
            .expect("list auction")
            .address
    }

    /// Member 0 proposes a co-op auction, `approvers` approve it and it is executed.
    pub async fn list_coop_auction(
        &mut self,
        community: &CommunityFixture,
        terms: AuctionTerms,
        burn_proceeds: bool,
        approvers: &[usize],
    ) -> AuctionFixture {
        let lister = community.member(0).insecure_clone();
        let member: Member = self
            .account(&community.member_address(&lister.pubkey()))
            .await;
        let action = ProposalAction::ListAuction {
            terms,
            burn_proceeds,
        };
        let proposal = self.passed_proposal(community, action, approvers).await;
        self.execute(community, &proposal)
            .await
            .expect("list co-op auction");
        AuctionFixture {
            address: ix::auction_address(
                &community.address,
                &lister.pubkey(),
                member.auctions_listed,
            ),
            lister,
        }
    }

    /// `bidder` bids `amount` from their associated token account, refunding whoever it beats.
    pub async fn bid(
        &mut self,
        community: &CommunityFixture,
        auction: &Pubkey,
        bidder: &Keypair,
        amount: u64,
    ) -> Result<Emitted, Failure> {
        self.bid_with(community, auction, bidder, amount, |_| {})
            .await
    }

    /// A bid after `tamper` changed the accounts by name.
    pub async fn bid_with(
        &mut self,
        community: &CommunityFixture,
        auction: &Pubkey,
        bidder: &Keypair,
        amount: u64,
        tamper: impl FnOnce(&mut ampled::accounts::PlaceBid),
    ) -> Result<Emitted, Failure> {
        let state: Auction = self.account(auction).await;
        let is_member = self
            .exists(&community.member_address(&bidder.pubkey()))
            .await;
        let accounts = ix::place_bid_accounts(
            &community.address,
            &community.mint,
            auction,
            &bidder.pubkey(),
            state.highest_bidder,
            is_member,
        );
        let args = ampled::instructions::PlaceBidArgs { amount };
        let bid = ampled::instruction::PlaceBid { args };
        self.send_accounts_tampered(accounts, bid, &[bidder], tamper)
            .await
    }

    /// Settles an auction as a stranger would, paying wherever the listing says.
    pub async fn settle(
        &mut self,
        community: &CommunityFixture,
        auction: &Pubkey,
    ) -> Result<Emitted, Failure> {
        self.settle_with(community, auction, |_| {}).await
    }

    /// A settlement after `tamper` changed the accounts by name.
    pub async fn settle_with(
        &mut self,
        community: &CommunityFixture,
        auction: &Pubkey,
        tamper: impl FnOnce(&mut ampled::accounts::SettleAuction),
    ) -> Result<Emitted, Failure> {
        let state: Auction = self.account(auction).await;
        let (proceeds_account, seller) = match state.proceeds {
            Proceeds::Seller { wallet } => (community.ata(&wallet), wallet),
            Proceeds::Treasury | Proceeds::Burn => (community.treasury, state.lister),
        };
        let caller = self.payer().pubkey();
        let accounts = ix::settle_auction_accounts(
            &community.address,
            &community.mint,
            auction,
            &proceeds_account,
            &seller,
            &state.rent_payer,
            &caller,
        );
        self.send_accounts_tampered(accounts, ampled::instruction::SettleAuction {}, &[], tamper)
            .await
    }

    /// `lister` cancels their auction, the rent going back to whoever paid it.
    pub async fn cancel_auction(
        &mut self,
        community: &CommunityFixture,
        auction: &Pubkey,
        lister: &Keypair,
    ) -> Result<Emitted, Failure> {
        self.cancel_auction_with(community, auction, lister, |_| {})
            .await
    }

    pub async fn cancel_auction_with(
        &mut self,
        community: &CommunityFixture,
        auction: &Pubkey,
        lister: &Keypair,
        tamper: impl FnOnce(&mut Instruction),
    ) -> Result<Emitted, Failure> {
        let rent_payer = self.account::<Auction>(auction).await.rent_payer;
        let cancel = ix::cancel_auction(
            &community.address,
            &community.mint,
            auction,
            &lister.pubkey(),
            &rent_payer,
        );
        self.send_tampered(cancel, &[lister], tamper).await
    }

    /// `signer` (the winner or the seller) records that the item changed hands.
    pub async fn mark_handed_over(
        &mut self,
        auction: &Pubkey,
        signer: &Keypair,
    ) -> Result<Emitted, Failure> {
        self.mark_handed_over_with(auction, signer, |_| {}).await
    }

    pub async fn mark_handed_over_with(
        &mut self,
        auction: &Pubkey,
        signer: &Keypair,
        tamper: impl FnOnce(&mut Instruction),
    ) -> Result<Emitted, Failure> {
        let mark = ix::mark_handed_over(auction, &signer.pubkey());
        self.send_tampered(mark, &[signer], tamper).await
    }

    /// Closes a finished auction as a stranger may, its rent going to whoever paid it.
    pub async fn close_auction(&mut self, auction: &Pubkey) -> Result<Emitted, Failure> {
        self.close_auction_with(auction, |_| {}).await
    }

    pub async fn close_auction_with(
        &mut self,
        auction: &Pubkey,
        tamper: impl FnOnce(&mut Instruction),
    ) -> Result<Emitted, Failure> {
        let rent_payer = self.account::<Auction>(auction).await.rent_payer;
        let close = ix::close_auction(auction, &rent_payer);
        self.send_tampered(close, &[], tamper).await
    }
}
