//! Bounties: posting, claiming, evidence, decisions, ending.

use super::*;

impl<C: Chain> Client<C> {
    pub(crate) async fn bounty(&mut self, address: &Pubkey) -> Result<Bounty> {
        read::fetch(&mut self.chain, address).await?.ok_or_else(|| {
            ClientError::Missing(Missing::Record {
                kind: "bounty",
                address: address.to_string(),
            })
        })
    }

    pub(crate) async fn claim_of(&mut self, bounty: &Pubkey, claimant: &Pubkey) -> Result<Claim> {
        read::fetch(&mut self.chain, &ix::claim_address(bounty, claimant))
            .await?
            .ok_or_else(|| ClientError::refused(format!("{claimant} has no claim on this bounty")))
    }

    /// A member posts a bounty paid from their own tokens, escrowed now.
    pub async fn post_member_bounty(
        &mut self,
        community: &CommunityView,
        terms: BountyTerms,
    ) -> Result<Outcome> {
        let member = self.active_member(community).await?;
        let now = self.chain.now().await?;
        let escrow = precheck(terms.validate(now))?;
        self.require_tokens(community, escrow).await?;
        let bounty = ix::bounty_address(&community.address, &self.wallet(), member.bounties_posted);
        let post = ix::post_bounty(
            &community.address,
            &community.mint(),
            &self.wallet(),
            member.bounties_posted,
            terms,
        );
        self.send(&[post], Some(bounty)).await
    }

    /// Any wallet claims an open bounty.
    pub async fn claim_bounty(&mut self, bounty: &Pubkey) -> Result<Outcome> {
        let state = self.bounty(bounty).await?;
        let now = self.chain.now().await?;
        precheck(state.require_accepting_work(now))?;
        let claim = ix::claim_address(bounty, &self.wallet());
        if let Some(existing) = read::fetch::<Claim>(&mut self.chain, &claim).await? {
            if existing.status != ClaimStatus::Withdrawn {
                return Err(ClientError::refused(format!(
                    "You already claimed this bounty (your claim is {:?})",
                    existing.status
                )));
            }
        }
        let claim_ix = ix::claim_bounty(bounty, &self.wallet());
        self.send(&[claim_ix], Some(claim)).await
    }

    /// The claimant links the work they did.
    pub async fn submit_evidence(
        &mut self,
        bounty: &Pubkey,
        evidence_uri: &str,
    ) -> Result<Outcome> {
        if evidence_uri.is_empty() || evidence_uri.len() > MAX_URI_LEN {
            return Err(ClientError::refused(format!(
                "Evidence is a link of 1 to {MAX_URI_LEN} characters to the work you did"
            )));
        }
        let state = self.bounty(bounty).await?;
        let now = self.chain.now().await?;
        precheck(state.require_accepting_work(now))?;
        let claim = self
            .claim_of(bounty, &self.wallet())
            .await
            .map_err(|_| ClientError::Missing(Missing::Claim))?;
        precheck(claim.require_unsettled())?;
        let submit = ix::submit_evidence(bounty, &self.wallet(), evidence_uri);
        self.send(&[submit], None).await
    }

    pub async fn withdraw_claim(&mut self, bounty: &Pubkey) -> Result<Outcome> {
        let claim = self.claim_of(bounty, &self.wallet()).await?;
        precheck(claim.require_unsettled())?;
        let withdraw = ix::withdraw_claim(bounty, &self.wallet());
        self.send(&[withdraw], None).await
    }

    /// Pays a submitted claim: directly by the poster of a member-funded bounty, or, for a co-op
    /// bounty, by proposing the payment to the members (returned in `created`).
    pub async fn approve_claim(
        &mut self,
        community: &CommunityView,
        bounty: &Pubkey,
        claimant: &Pubkey,
    ) -> Result<Outcome> {
        let state = self.bounty(bounty).await?;
        precheck(state.require_open())?;
        let claim = self.claim_of(bounty, claimant).await?;
        self.require_payable_wallet(claimant).await?;
        if claim.status != ClaimStatus::Submitted {
            return Err(ClientError::refused(format!(
                "This claim is {:?}; only a claim with submitted evidence can be paid",
                claim.status
            )));
        }
        match state.funding {
            BountyFunding::Coop => {
                // `propose` checks the caps and the category's budget, as execution will.
                let action = ProposalAction::PayBountyClaim {
                    claim: ix::claim_address(bounty, claimant),
                    claimant: *claimant,
                };
                self.propose(community, action).await
            }
            BountyFunding::Member => {
                if state.poster != self.wallet() {
                    return Err(ClientError::refused(
                        "Only the member who posted and funded this bounty can approve its claims",
                    ));
                }
                if *claimant == self.wallet() {
                    return Err(ClientError::refused("You cannot pay your own claim"));
                }
                let approve = ix::approve_bounty_claim(
                    &community.address,
                    &community.mint(),
                    bounty,
                    claimant,
                    &self.wallet(),
                );
                self.send(&[approve], None).await
            }
        }
    }

    /// Rejects a submitted claim with a reason, directly or by proposal as [`Self::approve_claim`].
    pub async fn reject_claim(
        &mut self,
        community: &CommunityView,
        bounty: &Pubkey,
        claimant: &Pubkey,
        reason: &str,
    ) -> Result<Outcome> {
        if reason.is_empty() {
            return Err(ClientError::refused(
                "A rejection needs a reason the claimant can read",
            ));
        }
        if reason.len() > MAX_REASON_LEN {
            return Err(ClientError::refused(
                "The reason is too long (at most 128 bytes); link to details instead",
            ));
        }
        let state = self.bounty(bounty).await?;
        let claim = self.claim_of(bounty, claimant).await?;
        if claim.status != ClaimStatus::Submitted {
            return Err(ClientError::refused(format!(
                "This claim is {:?}; only a claim with submitted evidence can be rejected",
                claim.status
            )));
        }
        match state.funding {
            BountyFunding::Coop => {
                let action = ProposalAction::RejectBountyClaim {
                    claim: ix::claim_address(bounty, claimant),
                    reason: reason.to_string(),
                };
                self.propose(community, action).await
            }
            BountyFunding::Member => {
                if state.poster != self.wallet() {
                    return Err(ClientError::refused(
                        "Only the member who posted this bounty can reject its claims",
                    ));
                }
                let reject = ix::reject_bounty_claim(bounty, claimant, &self.wallet(), reason);
                self.send(&[reject], None).await
            }
        }
    }

    /// Ends an open bounty: the poster cancels it, or anyone expires it after its deadline.
    /// A member-funded bounty's escrow returns to its poster.
    pub async fn end_bounty(
        &mut self,
        community: &CommunityView,
        bounty: &Pubkey,
    ) -> Result<Outcome> {
        let state = self.bounty(bounty).await?;
        let now = self.chain.now().await?;
        precheck(state.clone().end(self.wallet(), now))?;
        let mut instructions = Vec::new();
        let escrow = match state.funding {
            BountyFunding::Member => {
                // The refund needs the poster's token account; recreate it if they closed it.
                instructions.push(create_associated_token_account_idempotent(
                    &self.wallet(),
                    &state.poster,
                    &community.mint(),
                    &ix::TOKEN_PROGRAM,
                ));
                Some((state.poster, state.rent_payer))
            }
            BountyFunding::Coop => None,
        };
        instructions.push(ix::end_bounty(
            &community.address,
            &community.mint(),
            bounty,
            &self.wallet(),
            escrow,
        ));
        self.send(&instructions, None).await
    }
}
