//! Proposals and votes: `create_proposal`, `cast_vote`, `cancel_proposal`, `close_proposal`, and
//! every `execute_*` through `Chain::execute`; plus the fixtures built on them.

use crate::*;
use ampled::state::*;
use anchor_lang::prelude::Pubkey;
use anchor_lang::{InstructionData, ToAccountMetas};
use solana_instruction::Instruction;
use solana_keypair::Keypair;
use solana_signer::Signer;

impl Chain {
    /// `proposer` proposes `action`; returns the proposal's address.
    pub async fn propose(
        &mut self,
        community: &CommunityFixture,
        proposer: &Keypair,
        action: ProposalAction,
    ) -> Result<Pubkey, Failure> {
        self.propose_with(community, proposer, action, |_| {}).await
    }

    /// `proposer` proposes `action` with the accounts a client would pass, after letting `tamper`
    /// change them (to name the wrong target record, for instance); returns the proposal's
    /// address.
    pub async fn propose_with(
        &mut self,
        community: &CommunityFixture,
        proposer: &Keypair,
        action: ProposalAction,
        tamper: impl FnOnce(&mut ampled::accounts::CreateProposal),
    ) -> Result<Pubkey, Failure> {
        // A wallet without a record (an outsider's attempt) uses its first address, as a
        // client would.
        let nonce = self
            .try_account::<Member>(&community.member_address(&proposer.pubkey()))
            .await
            .map_or(0, |member| member.proposals_created);
        let proposal = ix::proposal_address(&community.address, &proposer.pubkey(), nonce);
        let accounts = ampled::accounts::CreateProposal {
            proposer: proposer.pubkey(),
            community: community.address,
            proposer_member: community.member_address(&proposer.pubkey()),
            proposal,
            target: ix::proposal_target_address(&community.address, &action),
            beneficiary_member: action
                .beneficiary()
                .map(|wallet| community.member_address(&wallet)),
            system_program: anchor_lang::solana_program::system_program::ID,
            event_authority: ix::event_authority(),
            program: ampled::ID,
        };
        let args = ampled::instructions::CreateProposalArgs { action };
        let create = ampled::instruction::CreateProposal { args };
        self.send_accounts_tampered(accounts, create, &[proposer], tamper)
            .await?;
        Ok(proposal)
    }

    pub async fn vote(
        &mut self,
        community: &CommunityFixture,
        proposal: &Pubkey,
        voter: &Keypair,
        approve: bool,
    ) -> Result<Emitted, Failure> {
        self.vote_with(community, proposal, voter, approve, |_| {})
            .await
    }

    /// `voter` votes after `tamper` changed the instruction (an extra account, another record).
    pub async fn vote_with(
        &mut self,
        community: &CommunityFixture,
        proposal: &Pubkey,
        voter: &Keypair,
        approve: bool,
        tamper: impl FnOnce(&mut Instruction),
    ) -> Result<Emitted, Failure> {
        let vote = ix::cast_vote(&community.address, proposal, &voter.pubkey(), approve);
        self.send_tampered(vote, &[voter], tamper).await
    }

    /// Each of `voters` approves `proposal`.
    pub async fn approve_by(
        &mut self,
        community: &CommunityFixture,
        proposal: &Pubkey,
        voters: &[&Keypair],
    ) {
        for voter in voters {
            self.vote(community, proposal, voter, true)
                .await
                .expect("approve");
        }
    }

    /// Proposes `action` as member 0 and has members `approvers` approve it.
    pub async fn passed_proposal(
        &mut self,
        community: &CommunityFixture,
        action: ProposalAction,
        approvers: &[usize],
    ) -> Pubkey {
        let proposer = community.member(0).insecure_clone();
        let proposal = self
            .propose(community, &proposer, action)
            .await
            .expect("propose");
        let voters: Vec<&Keypair> = approvers.iter().map(|&i| community.member(i)).collect();
        self.approve_by(community, &proposal, &voters).await;
        proposal
    }

    /// `signer` cancels `proposal`, as its proposer may while it has not passed.
    pub async fn cancel_proposal(
        &mut self,
        community: &CommunityFixture,
        proposal: &Pubkey,
        signer: &Keypair,
    ) -> Result<Emitted, Failure> {
        self.cancel_proposal_with(community, proposal, signer, |_| {})
            .await
    }

    pub async fn cancel_proposal_with(
        &mut self,
        community: &CommunityFixture,
        proposal: &Pubkey,
        signer: &Keypair,
        tamper: impl FnOnce(&mut Instruction),
    ) -> Result<Emitted, Failure> {
        let cancel = ix::cancel_proposal(&community.address, proposal, &signer.pubkey());
        self.send_tampered(cancel, &[signer], tamper).await
    }

    /// Closes a finished proposal as a stranger would, naming its target so that a proposal
    /// whose target changed closes at once.
    pub async fn close_proposal(
        &mut self,
        community: &CommunityFixture,
        proposal: &Pubkey,
    ) -> Result<Emitted, Failure> {
        self.close_proposal_with(community, proposal, |_| {}).await
    }

    /// Closes `proposal` after `tamper` changed the instruction (to send the rent elsewhere, for
    /// instance: `redirect` its proposer).
    pub async fn close_proposal_with(
        &mut self,
        community: &CommunityFixture,
        proposal: &Pubkey,
        tamper: impl FnOnce(&mut Instruction),
    ) -> Result<Emitted, Failure> {
        let stored = self.account::<Proposal>(proposal).await;
        let close = ix::close_proposal(
            &community.address,
            proposal,
            &stored.proposer,
            stored.target,
        );
        self.send_tampered(close, &[], tamper).await
    }

    /// Executes a passed proposal with the `execute_*` instruction its action needs, built by the
    /// client library's one dispatcher.
    pub async fn execute(
        &mut self,
        community: &CommunityFixture,
        proposal: &Pubkey,
    ) -> Result<Emitted, Failure> {
        self.execute_with(community, proposal, |_| {}).await
    }

    /// Executes `proposal` after `tamper` changed the instruction its action needs.
    pub async fn execute_with(
        &mut self,
        community: &CommunityFixture,
        proposal: &Pubkey,
        tamper: impl FnOnce(&mut Instruction),
    ) -> Result<Emitted, Failure> {
        let stored = self.account::<Proposal>(proposal).await;
        let needed = ix::ExecuteRecords::needed(&stored.action);
        let mut records = ix::ExecuteRecords::default();
        if needed.proposer_member {
            records.proposer = self
                .try_account(&community.member_address(&stored.proposer))
                .await;
        }
        if let Some(claim) = needed.claim {
            records.claim = self.try_account::<Claim>(&claim).await;
            if let Some(bounty) = records.claim.as_ref().map(|c| c.bounty) {
                records.claim_bounty = self.try_account(&bounty).await;
            }
        }
        let payer = self.payer().pubkey();
        let execute = ix::execute_proposal(
            &community.address,
            &community.mint,
            proposal,
            &stored.action,
            &stored.proposer,
            &records,
            &payer,
        )
        .expect("the records the proposal names exist");
        self.send_tampered(execute, &[], tamper).await
    }

    /// `execute_mint_reward` paying `recipient`, whatever the proposal says, after `tamper`
    /// changed the accounts by name.
    pub async fn execute_mint_reward_with(
        &mut self,
        community: &CommunityFixture,
        proposal: &Pubkey,
        recipient: &Pubkey,
        tamper: impl FnOnce(&mut ampled::accounts::ExecuteMintReward),
    ) -> Result<Emitted, Failure> {
        let build = ix::execute_mint_reward_accounts;
        let data = ampled::instruction::ExecuteMintReward {};
        self.execute_payout_with(community, proposal, recipient, build, data, tamper)
            .await
    }

    /// `execute_treasury_transfer` paying `recipient`, whatever the proposal says, after `tamper`
    /// changed the accounts by name.
    pub async fn execute_treasury_transfer_with(
        &mut self,
        community: &CommunityFixture,
        proposal: &Pubkey,
        recipient: &Pubkey,
        tamper: impl FnOnce(&mut ampled::accounts::ExecuteTreasuryTransfer),
    ) -> Result<Emitted, Failure> {
        let build = ix::execute_treasury_transfer_accounts;
        let data = ampled::instruction::ExecuteTreasuryTransfer {};
        self.execute_payout_with(community, proposal, recipient, build, data, tamper)
            .await
    }

    /// An execution paying `recipient`, its accounts made by `build` (whose arguments are the
    /// community, mint, proposal, recipient and fee payer) and then tampered with.
    async fn execute_payout_with<A: ToAccountMetas>(
        &mut self,
        community: &CommunityFixture,
        proposal: &Pubkey,
        recipient: &Pubkey,
        build: fn(&Pubkey, &Pubkey, &Pubkey, &Pubkey, &Pubkey) -> A,
        data: impl InstructionData,
        tamper: impl FnOnce(&mut A),
    ) -> Result<Emitted, Failure> {
        let payer = self.payer().pubkey();
        let accounts = build(
            &community.address,
            &community.mint,
            proposal,
            recipient,
            &payer,
        );
        self.send_accounts_tampered(accounts, data, &[], tamper)
            .await
    }

    /// Admits a new wallet through a proposal approved by every founder; returns its keypair.
    pub async fn admit_member(
        &mut self,
        community: &CommunityFixture,
        role: MemberRole,
    ) -> Keypair {
        let newcomer = self.wallet().await;
        let approvers: Vec<usize> = (0..community.members.len()).collect();
        let action = ProposalAction::AddMember {
            wallet: newcomer.pubkey(),
            role,
        };
        let proposal = self.passed_proposal(community, action, &approvers).await;
        self.execute(community, &proposal).await.expect("admit");
        newcomer
    }

    /// Mints `amount` to `recipient` through a reward proposal approved by every founder except
    /// the recipient.
    pub async fn reward_member(
        &mut self,
        community: &CommunityFixture,
        recipient: &Pubkey,
        amount: u64,
    ) {
        let approvers: Vec<usize> = (0..community.members.len())
            .filter(|&i| community.member(i).pubkey() != *recipient)
            .collect();
        let proposal = self
            .passed_proposal(community, reward(*recipient, amount, "work"), &approvers)
            .await;
        self.execute(community, &proposal).await.expect("reward");
    }
}

/// Closes `proposal` as a stranger would and asserts it is gone and all its lamports went back to
/// its proposer: what anyone may do as soon as a proposal can no longer execute.
pub async fn assert_proposal_closes_at_once(
    chain: &mut Chain,
    community: &CommunityFixture,
    proposal: &Pubkey,
) {
    let proposer = chain.account::<Proposal>(proposal).await.proposer;
    let rent = chain.lamports(proposal).await;
    let proposer_before = chain.lamports(&proposer).await;

    chain
        .close_proposal(community, proposal)
        .await
        .expect("the proposal closes at once");

    assert!(
        !chain.exists(proposal).await,
        "the proposal account is gone"
    );
    assert_eq!(
        chain.lamports(&proposer).await,
        proposer_before + rent,
        "its rent went back to the proposer"
    );
}
