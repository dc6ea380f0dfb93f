//! Bounties: posting (by a member, or by the co-op through `Chain::execute`), claims, evidence,
//! the poster's decisions, ending and closing.

use crate::*;
use ampled::state::*;
use anchor_lang::prelude::Pubkey;
use solana_instruction::Instruction;
use solana_keypair::Keypair;
use solana_signer::Signer;

/// The evidence link `Chain::claim_and_submit` submits.
pub const PROOF: &str = "https://example.org/proof";

/// A bounty posted by the harness.
#[derive(Debug)]
pub struct BountyFixture {
    pub address: Pubkey,
    pub poster: Keypair,
}

impl Chain {
    /// `poster` (a member holding enough tokens) posts a member-funded bounty.
    pub async fn post_member_bounty(
        &mut self,
        community: &CommunityFixture,
        poster: &Keypair,
        terms: BountyTerms,
    ) -> Result<BountyFixture, Failure> {
        self.post_member_bounty_with(community, poster, terms, |_| {})
            .await
    }

    /// `poster` posts a member-funded bounty after `tamper` changed the accounts by name.
    pub async fn post_member_bounty_with(
        &mut self,
        community: &CommunityFixture,
        poster: &Keypair,
        terms: BountyTerms,
        tamper: impl FnOnce(&mut ampled::accounts::PostBounty),
    ) -> Result<BountyFixture, Failure> {
        // A wallet without a record (an outsider's attempt) uses its first address, as a
        // client would.
        let nonce = self
            .try_account::<Member>(&community.member_address(&poster.pubkey()))
            .await
            .map_or(0, |member| member.bounties_posted);
        let accounts =
            ix::post_bounty_accounts(&community.address, &community.mint, &poster.pubkey(), nonce);
        let args = ampled::instructions::PostBountyArgs { terms };
        let post = ampled::instruction::PostBounty { args };
        self.send_accounts_tampered(accounts, post, &[poster], tamper)
            .await?;
        Ok(BountyFixture {
            address: ix::bounty_address(&community.address, &poster.pubkey(), nonce),
            poster: poster.insecure_clone(),
        })
    }

    /// Member 0 proposes a co-op bounty, `approvers` approve it and it is executed.
    pub async fn post_coop_bounty(
        &mut self,
        community: &CommunityFixture,
        terms: BountyTerms,
        approvers: &[usize],
    ) -> BountyFixture {
        let poster = community.member(0).insecure_clone();
        let member: Member = self
            .account(&community.member_address(&poster.pubkey()))
            .await;
        let proposal = self
            .passed_proposal(community, ProposalAction::PostBounty { terms }, approvers)
            .await;
        self.execute(community, &proposal)
            .await
            .expect("post co-op bounty");
        BountyFixture {
            address: ix::bounty_address(
                &community.address,
                &poster.pubkey(),
                member.bounties_posted,
            ),
            poster,
        }
    }

    pub async fn claim_bounty(
        &mut self,
        bounty: &Pubkey,
        claimant: &Keypair,
    ) -> Result<Emitted, Failure> {
        self.claim_bounty_with(bounty, claimant, |_| {}).await
    }

    pub async fn claim_bounty_with(
        &mut self,
        bounty: &Pubkey,
        claimant: &Keypair,
        tamper: impl FnOnce(&mut Instruction),
    ) -> Result<Emitted, Failure> {
        let claim = ix::claim_bounty(bounty, &claimant.pubkey());
        self.send_tampered(claim, &[claimant], tamper).await
    }

    pub async fn submit_evidence(
        &mut self,
        bounty: &Pubkey,
        claimant: &Keypair,
        evidence_uri: &str,
    ) -> Result<Emitted, Failure> {
        self.submit_evidence_with(bounty, claimant, evidence_uri, |_| {})
            .await
    }

    pub async fn submit_evidence_with(
        &mut self,
        bounty: &Pubkey,
        claimant: &Keypair,
        evidence_uri: &str,
        tamper: impl FnOnce(&mut Instruction),
    ) -> Result<Emitted, Failure> {
        let submit = ix::submit_evidence(bounty, &claimant.pubkey(), evidence_uri);
        self.send_tampered(submit, &[claimant], tamper).await
    }

    /// `claimant` claims the bounty and submits evidence; returns the claim's address.
    pub async fn claim_and_submit(&mut self, bounty: &Pubkey, claimant: &Keypair) -> Pubkey {
        let claim = ix::claim_bounty(bounty, &claimant.pubkey());
        let submit = ix::submit_evidence(bounty, &claimant.pubkey(), PROOF);
        self.send(&[claim, submit], &[claimant])
            .await
            .expect("claim and submit");
        ix::claim_address(bounty, &claimant.pubkey())
    }

    pub async fn withdraw_claim(
        &mut self,
        bounty: &Pubkey,
        claimant: &Keypair,
    ) -> Result<Emitted, Failure> {
        self.withdraw_claim_with(bounty, claimant, |_| {}).await
    }

    pub async fn withdraw_claim_with(
        &mut self,
        bounty: &Pubkey,
        claimant: &Keypair,
        tamper: impl FnOnce(&mut Instruction),
    ) -> Result<Emitted, Failure> {
        let withdraw = ix::withdraw_claim(bounty, &claimant.pubkey());
        self.send_tampered(withdraw, &[claimant], tamper).await
    }

    /// `poster` approves `claimant`'s claim on their member-funded bounty, paying it from escrow.
    pub async fn approve_bounty_claim(
        &mut self,
        community: &CommunityFixture,
        bounty: &Pubkey,
        claimant: &Pubkey,
        poster: &Keypair,
    ) -> Result<Emitted, Failure> {
        self.approve_bounty_claim_with(community, bounty, claimant, poster, |_| {})
            .await
    }

    pub async fn approve_bounty_claim_with(
        &mut self,
        community: &CommunityFixture,
        bounty: &Pubkey,
        claimant: &Pubkey,
        poster: &Keypair,
        tamper: impl FnOnce(&mut ampled::accounts::ApproveBountyClaim),
    ) -> Result<Emitted, Failure> {
        let accounts = ix::approve_bounty_claim_accounts(
            &community.address,
            &community.mint,
            bounty,
            claimant,
            &poster.pubkey(),
        );
        self.send_accounts_tampered(
            accounts,
            ampled::instruction::ApproveBountyClaim {},
            &[poster],
            tamper,
        )
        .await
    }

    /// `poster` rejects `claimant`'s claim on their member-funded bounty.
    pub async fn reject_bounty_claim(
        &mut self,
        bounty: &Pubkey,
        claimant: &Pubkey,
        poster: &Keypair,
        reason: &str,
    ) -> Result<Emitted, Failure> {
        self.reject_bounty_claim_with(bounty, claimant, poster, reason, |_| {})
            .await
    }

    pub async fn reject_bounty_claim_with(
        &mut self,
        bounty: &Pubkey,
        claimant: &Pubkey,
        poster: &Keypair,
        reason: &str,
        tamper: impl FnOnce(&mut Instruction),
    ) -> Result<Emitted, Failure> {
        let reject = ix::reject_bounty_claim(bounty, claimant, &poster.pubkey(), reason);
        self.send_tampered(reject, &[poster], tamper).await
    }

    /// `execute_pay_bounty_claim` for `claimant`'s claim on `bounty`, whatever the proposal says,
    /// after `tamper` changed the accounts by name.
    pub async fn execute_pay_bounty_claim_with(
        &mut self,
        community: &CommunityFixture,
        proposal: &Pubkey,
        bounty: &Pubkey,
        claimant: &Pubkey,
        tamper: impl FnOnce(&mut ampled::accounts::ExecutePayBountyClaim),
    ) -> Result<Emitted, Failure> {
        let category = self.account::<Bounty>(bounty).await.category;
        let payer = self.payer().pubkey();
        let accounts = ix::execute_pay_bounty_claim_accounts(
            &community.address,
            &community.mint,
            proposal,
            bounty,
            claimant,
            category,
            &payer,
        );
        self.send_accounts_tampered(
            accounts,
            ampled::instruction::ExecutePayBountyClaim {},
            &[],
            tamper,
        )
        .await
    }

    /// `caller` ends `bounty` (cancels it as its poster, or expires it past its deadline); a
    /// member-funded bounty's escrow goes back to its poster and the vault's rent to whoever paid
    /// it.
    pub async fn end_bounty(
        &mut self,
        community: &CommunityFixture,
        bounty: &Pubkey,
        caller: &Keypair,
    ) -> Result<Emitted, Failure> {
        self.end_bounty_with(community, bounty, caller, |_| {})
            .await
    }

    /// `end_bounty` after `tamper` changed the accounts by name (an escrow bounty's `vault`,
    /// `poster_tokens` and `rent_payer` are `None` for a co-op bounty).
    pub async fn end_bounty_with(
        &mut self,
        community: &CommunityFixture,
        bounty: &Pubkey,
        caller: &Keypair,
        tamper: impl FnOnce(&mut ampled::accounts::EndBounty),
    ) -> Result<Emitted, Failure> {
        let escrow = match self.try_account::<Bounty>(bounty).await {
            Some(state) if state.funding == BountyFunding::Member => {
                Some((state.poster, state.rent_payer))
            }
            _ => None,
        };
        let accounts = ampled::accounts::EndBounty {
            caller: caller.pubkey(),
            community: community.address,
            bounty: *bounty,
            vault: escrow.map(|_| ix::bounty_vault_address(bounty)),
            poster_tokens: escrow.map(|(poster, _)| community.ata(&poster)),
            rent_payer: escrow.map(|(_, rent_payer)| rent_payer),
            mint: community.mint,
            token_program: anchor_spl::token_2022::ID,
            event_authority: ix::event_authority(),
            program: ampled::ID,
        };
        let end = ampled::instruction::EndBounty {};
        self.send_accounts_tampered(accounts, end, &[caller], tamper)
            .await
    }

    /// Closes an ended bounty whose claims are all closed, its rent going to whoever paid it.
    pub async fn close_bounty(&mut self, bounty: &Pubkey) -> Result<Emitted, Failure> {
        self.close_bounty_with(bounty, |_| {}).await
    }

    pub async fn close_bounty_with(
        &mut self,
        bounty: &Pubkey,
        tamper: impl FnOnce(&mut Instruction),
    ) -> Result<Emitted, Failure> {
        let rent_payer = self.account::<Bounty>(bounty).await.rent_payer;
        let close = ix::close_bounty(bounty, &rent_payer);
        self.send_tampered(close, &[], tamper).await
    }

    /// Closes `claimant`'s settled claim on `bounty`, as a stranger may, its rent going back to
    /// the claimant.
    pub async fn close_claim(
        &mut self,
        bounty: &Pubkey,
        claimant: &Pubkey,
    ) -> Result<Emitted, Failure> {
        self.close_claim_with(bounty, claimant, |_| {}).await
    }

    pub async fn close_claim_with(
        &mut self,
        bounty: &Pubkey,
        claimant: &Pubkey,
        tamper: impl FnOnce(&mut Instruction),
    ) -> Result<Emitted, Failure> {
        let close = ix::close_claim(bounty, claimant);
        self.send_tampered(close, &[], tamper).await
    }
}
