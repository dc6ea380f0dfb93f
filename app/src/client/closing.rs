//! Getting rent back: finding what of yours is finished and closing it.

use super::*;

/// The kinds of record whose rent comes back when they are closed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub enum RecordKind {
    Proposal,
    Bounty,
    Claim,
    Auction,
}

/// A finished record that can be closed, and where its rent goes.
#[derive(Clone, Debug)]
pub struct Closable {
    pub kind: RecordKind,
    pub address: Pubkey,
    /// What it is, in a few words ("reward ben with 40 AMPLED", a bounty's title).
    pub title: String,
    /// The SOL (lamports) its account holds: all of it returns.
    pub rent: u64,
    pub rent_to: Pubkey,
    instruction: Instruction,
}

/// What closing returned: each record closed, and the SOL recovered.
#[derive(Debug, Default)]
pub struct Tidied {
    pub closed: Vec<(Closable, String)>,
    /// Rent returned to the signer (other records' rent went back to whoever paid it).
    pub recovered: u64,
    /// The signer's SOL after, less before: the rent recovered less the fees paid.
    pub net_change: i128,
}

// Closing finished records: their rent returns to whoever paid it.
impl<C: Chain> Client<C> {
    async fn rent_of(&mut self, address: &Pubkey) -> Result<u64> {
        Ok(self
            .chain
            .account(address)
            .await?
            .map(|account| account.lamports)
            .unwrap_or(0))
    }

    /// A finished proposal; refused while votes can still decide it.
    pub async fn closable_proposal(
        &mut self,
        community: &CommunityView,
        address: &Pubkey,
    ) -> Result<Closable> {
        let proposal = self.proposal(address).await?;
        let now = self.chain.now().await?;
        let finished = proposal.is_finished(&community.state, now)
            || read::target_changed(&mut self.chain, &proposal).await?;
        if !finished {
            return Err(ClientError::refused(format!(
                "{} (voting ends {})",
                ampled::errors::AmpledError::ProposalStillOpen,
                crate::amount::format_time(proposal.voting_ends_at)
            )));
        }
        Ok(Closable {
            kind: RecordKind::Proposal,
            address: *address,
            title: read::describe_action(&proposal.action, community.decimals, &|a: &Pubkey| {
                a.to_string()
            }),
            rent: self.rent_of(address).await?,
            rent_to: proposal.proposer,
            instruction: ix::close_proposal(
                &community.address,
                address,
                &proposal.proposer,
                proposal.target,
            ),
        })
    }

    /// An ended bounty with every claim settled.
    pub async fn closable_bounty(&mut self, address: &Pubkey) -> Result<Closable> {
        let bounty = self.bounty(address).await?;
        precheck(bounty.require_closable())?;
        self.bounty_closing(address, &bounty).await
    }

    /// Closing `bounty`, whether or not it may be closed yet.
    async fn bounty_closing(&mut self, address: &Pubkey, bounty: &Bounty) -> Result<Closable> {
        Ok(Closable {
            kind: RecordKind::Bounty,
            address: *address,
            title: bounty.title.clone(),
            rent: self.rent_of(address).await?,
            rent_to: bounty.rent_payer,
            instruction: ix::close_bounty(address, &bounty.rent_payer),
        })
    }

    /// `claimant`'s claim on `bounty`, once withdrawn or once the bounty has ended (or is gone).
    pub async fn closable_claim(&mut self, bounty: &Pubkey, claimant: &Pubkey) -> Result<Closable> {
        let address = ix::claim_address(bounty, claimant);
        let claim: Claim = read::fetch(&mut self.chain, &address)
            .await?
            .ok_or_else(|| {
                ClientError::refused(format!(
                    "{claimant} has no claim on this bounty (it may be closed already)"
                ))
            })?;
        let bounty_state: Option<Bounty> = read::fetch(&mut self.chain, bounty).await?;
        precheck(claim.require_closable(bounty_state.as_ref()))?;
        Ok(Closable {
            kind: RecordKind::Claim,
            address,
            title: format!(
                "{:?} claim on \"{}\"",
                claim.status,
                bounty_state.map(|b| b.title).unwrap_or_default()
            ),
            rent: self.rent_of(&address).await?,
            rent_to: claim.claimant,
            instruction: ix::close_claim(bounty, claimant),
        })
    }

    /// An auction that is over for good: unsold, cancelled, or sold and handed over.
    pub async fn closable_auction(&mut self, address: &Pubkey) -> Result<Closable> {
        let auction = self.auction(address).await?;
        if !read::views::auction_closable(&auction) {
            let why = match auction.status {
                AuctionStatus::Settled => {
                    "; it was sold: the winner or seller first marks the item handed over"
                }
                _ => "; it is still open: settle it after it ends, or cancel it if nobody bid",
            };
            return Err(ClientError::refused(format!(
                "{}{why}",
                ampled::errors::AmpledError::AuctionNotFinished
            )));
        }
        Ok(Closable {
            kind: RecordKind::Auction,
            address: *address,
            title: auction.terms.title.clone(),
            rent: self.rent_of(address).await?,
            rent_to: auction.rent_payer,
            instruction: ix::close_auction(address, &auction.rent_payer),
        })
    }

    /// Closes one finished record; its rent goes back to whoever paid it.
    pub async fn close(&mut self, record: &Closable) -> Result<Outcome> {
        self.send(std::slice::from_ref(&record.instruction), None)
            .await
    }

    /// Everything of the signer's in `community` that can be closed now: the finished proposals
    /// they made, the ended bounties they posted or paid for and those bounties' closable
    /// claims, their own closable claims, and the finished auctions they listed or paid for.
    /// Claims come before their bounty, which cannot close while one is unsettled.
    pub async fn closable_records(&mut self, community: &CommunityView) -> Result<Vec<Closable>> {
        let me = self.wallet();
        let now = self.chain.now().await?;
        let mut found = Vec::new();
        let bounties = read::bounties(&mut self.chain, &community.address).await?;
        let claims = read::all_claims(&mut self.chain, &community.address).await?;
        let is_mine = |bounty: &Bounty| bounty.poster == me || bounty.rent_payer == me;
        for (_, claim) in &claims {
            let bounty = bounties
                .iter()
                .find(|(b, _)| *b == claim.bounty)
                .map(|(_, b)| b);
            let mine = claim.claimant == me || bounty.is_some_and(is_mine);
            if mine && read::views::claim_closable(claim, bounty) {
                found.push(self.closable_claim(&claim.bounty, &claim.claimant).await?);
            }
        }
        for (address, bounty) in &bounties {
            // Its unsettled claims, if any, were found above: closed first, they leave its count.
            if is_mine(bounty) && bounty.status != BountyStatus::Open {
                found.push(self.bounty_closing(address, bounty).await?);
            }
        }
        for (address, proposal) in read::proposals(&mut self.chain, &community.address).await? {
            let finished = proposal.is_finished(&community.state, now)
                || read::target_changed(&mut self.chain, &proposal).await?;
            if proposal.proposer == me && finished {
                found.push(self.closable_proposal(community, &address).await?);
            }
        }
        for (address, auction) in read::auctions(&mut self.chain, &community.address).await? {
            let mine = auction.lister == me || auction.rent_payer == me;
            if mine && read::views::auction_closable(&auction) {
                found.push(self.closable_auction(&address).await?);
            }
        }
        Ok(found)
    }

    /// Closes every record [`Self::closable_records`] finds, one transaction each, in order.
    pub async fn close_all(&mut self, community: &CommunityView) -> Result<Tidied> {
        let me = self.wallet();
        let before = read::sol_balance(&mut self.chain, &me).await?;
        let mut tidied = Tidied::default();
        for record in self.closable_records(community).await? {
            let outcome = self.close(&record).await?;
            if record.rent_to == me {
                tidied.recovered += record.rent;
            }
            tidied.closed.push((record, outcome.signature));
        }
        let after = read::sol_balance(&mut self.chain, &me).await?;
        tidied.net_change = i128::from(after) - i128::from(before);
        Ok(tidied)
    }
}
