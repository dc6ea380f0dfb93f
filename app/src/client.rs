//! Every user's flow as one call: it reads what it needs, checks everything the program would
//! check that can be known beforehand (so bad input is refused before anything is sent), builds
//! the instructions and sends them. The command line and the demo are thin layers over this.

use crate::chain::{Chain, TxRecord};
use crate::error::{ClientError, Result};
use crate::events::Event;
use crate::ix;
use crate::read::{self, CommunityView};
use ampled::instructions::{CreateCommunityArgs, Founder, MAX_FOUNDERS};
use ampled::state::*;
use anchor_lang::prelude::Pubkey;
use anchor_spl::associated_token::spl_associated_token_account::instruction::create_associated_token_account_idempotent;
use anchor_spl::token::{self, spl_token};
use solana_instruction::{AccountMeta, Instruction};
use solana_keypair::Keypair;
use solana_signer::Signer;

/// The SPL Memo program (v2), which the bank and every cluster carry.
pub const MEMO_PROGRAM_ID: Pubkey =
    anchor_lang::pubkey!("MemoSq4gqABAXKb96qnH8TysNcWxMyWCqXgDLGmfcHr");
/// Longest memo accepted: it must fit in one transaction with the transfer.
pub const MAX_MEMO_LEN: usize = 500;

/// What a sent transaction did.
pub struct Outcome {
    pub signature: String,
    pub events: Vec<Event>,
    /// The record it created (proposal, bounty, auction), if any.
    pub created: Option<Pubkey>,
}

impl Outcome {
    fn from_record(record: TxRecord, created: Option<Pubkey>) -> Self {
        Self {
            signature: record.signature,
            events: record
                .events
                .iter()
                .filter_map(|e| Event::decode(e))
                .collect(),
            created,
        }
    }
}

/// A program rule checked before sending, turned into the same words the program would use.
pub fn precheck<T>(rule: anchor_lang::Result<T>) -> Result<T> {
    rule.map_err(|error| match error {
        anchor_lang::error::Error::AnchorError(e) => ClientError::Refused(e.error_msg.clone()),
        anchor_lang::error::Error::ProgramError(e) => ClientError::Refused(e.to_string()),
    })
}

/// Refuses an address no key controls (a program-derived one): tokens paid there could never
/// move again, and a member there could never vote. [`Client::require_payable_wallet`] also
/// reads what the chain holds there.
pub fn require_wallet_address(address: &Pubkey) -> Result<()> {
    match crate::wallet::not_a_wallet(address, None) {
        Some(reason) => Err(ClientError::refused(reason.refusal(address))),
        None => Ok(()),
    }
}

/// A chain and the wallet that signs and pays.
pub struct Client<C: Chain> {
    pub chain: C,
    pub signer: Keypair,
}

impl<C: Chain> Client<C> {
    pub fn new(chain: C, signer: Keypair) -> Self {
        Self { chain, signer }
    }

    pub fn wallet(&self) -> Pubkey {
        self.signer.pubkey()
    }

    /// Refuses, before anything is sent, paying or admitting an address that is not a person's
    /// wallet: a program's or sysvar's address, a program, a token account or mint, any account
    /// of a program other than the System program, or an address no key controls. Whatever is
    /// sent there could never move again.
    pub async fn require_payable_wallet(&mut self, address: &Pubkey) -> Result<()> {
        let account = self.chain.account(address).await?;
        match crate::wallet::not_a_wallet(address, account.as_ref()) {
            Some(reason) => Err(ClientError::refused(reason.refusal(address))),
            None => Ok(()),
        }
    }

    async fn send(
        &mut self,
        instructions: &[Instruction],
        created: Option<Pubkey>,
    ) -> Result<Outcome> {
        self.require_fee_money().await?;
        let record = self.chain.send(instructions, &self.signer, &[]).await?;
        Ok(Outcome::from_record(record, created))
    }

    async fn require_fee_money(&mut self) -> Result<()> {
        let wallet = self.wallet();
        let lamports = read::sol_balance(&mut self.chain, &wallet).await?;
        if lamports < 10_000 {
            let fund = if self.chain.is_embedded() {
                "`ampled wallet fund <name>`".to_string()
            } else {
                "`solana airdrop 1` on devnet, or a transfer from another wallet".to_string()
            };
            return Err(ClientError::refused(format!(
                "Your wallet {} has no SOL to pay fees; fund it with {fund}",
                self.wallet()
            )));
        }
        Ok(())
    }

    pub async fn community(&mut self, name: &str) -> Result<CommunityView> {
        read::community(&mut self.chain, name).await
    }

    /// The signer's membership, which must be active.
    async fn active_member(&mut self, community: &CommunityView) -> Result<Member> {
        let wallet = self.wallet();
        match read::member(&mut self.chain, community, &wallet).await? {
            Some(member) if member.is_active() => Ok(member),
            Some(_) => Err(ClientError::refused(format!(
                "Your wallet {wallet} was removed from {}; only active members can do this",
                community.name()
            ))),
            None => Err(ClientError::refused(format!(
                "Your wallet {wallet} is not a member of {}; members admit new members by vote (`ampled member add`)",
                community.name()
            ))),
        }
    }

    async fn require_tokens(&mut self, community: &CommunityView, amount: u64) -> Result<()> {
        let wallet = self.wallet();
        let balance = read::wallet_balance(&mut self.chain, community, &wallet).await?;
        if balance < amount {
            return Err(ClientError::refused(format!(
                "You hold {} AMPLED but this needs {}",
                community.amount(balance),
                community.amount(amount)
            )));
        }
        Ok(())
    }

    // Community.

    /// Creates a community whose founders are `founders`; the signer pays the rent.
    pub async fn create_community(
        &mut self,
        name: &str,
        decimals: u8,
        rules: CommunityRules,
        founders: Vec<(Pubkey, MemberRole)>,
    ) -> Result<Outcome> {
        let args = CreateCommunityArgs {
            name: name.to_string(),
            decimals,
            rules,
            founders: founders
                .into_iter()
                .map(|(wallet, role)| Founder { wallet, role })
                .collect(),
        };
        precheck(Community::validate_name(name))?;
        if decimals > MAX_DECIMALS {
            return Err(ClientError::refused(
                "Token decimals must be between 0 and 9",
            ));
        }
        if args.founders.is_empty() {
            return Err(ClientError::refused(
                "Name at least one founder with --founder",
            ));
        }
        if args.founders.len() > MAX_FOUNDERS {
            return Err(ClientError::refused(format!(
                "At most {MAX_FOUNDERS} founders fit in one transaction; admit the others by vote afterwards"
            )));
        }
        for (i, founder) in args.founders.iter().enumerate() {
            self.require_payable_wallet(&founder.wallet).await?;
            if args.founders[..i]
                .iter()
                .any(|f| f.wallet == founder.wallet)
            {
                return Err(ClientError::refused(format!(
                    "{} is listed twice as a founder; name each founder once",
                    founder.wallet
                )));
            }
        }

        let founders = u32::try_from(args.founders.len()).unwrap_or(u32::MAX);
        if rules.min_approvals > founders {
            return Err(ClientError::refused(format!(
                "A minimum of {} approvals is more than the {founders} founder(s) can give: proposals could never pass",
                rules.min_approvals
            )));
        }
        precheck(rules.validate(founders))?;
        let address = ix::community_address(name);
        if self.chain.account(&address).await?.is_some() {
            return Err(ClientError::refused(format!(
                "A community named \"{name}\" already exists; pick another name"
            )));
        }
        let create = ix::create_community(&self.wallet(), &args);
        self.send(&[create], Some(address)).await
    }

    // Proposals.

    /// Proposes `action` to the members; returns the proposal in `created`.
    pub async fn propose(
        &mut self,
        community: &CommunityView,
        action: ProposalAction,
    ) -> Result<Outcome> {
        let member = self.active_member(community).await?;
        let now = self.chain.now().await?;
        // The chain says best what a wrong address is (a token account, a program, ...).
        if let Some(wallet) = action.named_wallet() {
            self.require_payable_wallet(&wallet).await?;
        }
        precheck(action.validate(&community.state, now))?;
        self.precheck_action(community, &action).await?;
        let proposal =
            ix::proposal_address(&community.address, &self.wallet(), member.proposals_created);
        let create = ix::create_proposal(&community.address, &self.wallet(), proposal, action);
        self.send(&[create], Some(proposal)).await
    }

    /// What the chain's state already says about an action, so nobody votes on a dead letter.
    async fn precheck_action(
        &mut self,
        community: &CommunityView,
        action: &ProposalAction,
    ) -> Result<()> {
        let now = self.chain.now().await?;
        match action {
            ProposalAction::PayBountyClaim { claim, .. } => {
                // The reward is minted on execution: within the caps and the category's budget.
                let bounty = match read::fetch::<Claim>(&mut self.chain, claim).await? {
                    Some(claim) => read::fetch::<Bounty>(&mut self.chain, &claim.bounty).await?,
                    None => None,
                };
                let Some(bounty) = bounty else {
                    return Err(ClientError::refused(
                        "That claim or its bounty no longer exists",
                    ));
                };
                let mut rules = community.state.clone();
                precheck(rules.record_issuance(bounty.reward, now))?;
                let budget = ix::budget_address(&community.address, bounty.category);
                if let Some(mut budget) =
                    read::fetch::<CategoryBudget>(&mut self.chain, &budget).await?
                {
                    precheck(budget.record(bounty.reward, community.state.created_at, now))?;
                }
            }
            // A co-op listing's times are fixed when proposed; the vote may outlast them.
            ProposalAction::ListAuction { terms, .. } => precheck(terms.validate(now))?,
            ProposalAction::AddMember { wallet, .. } => {
                if let Some(member) = read::member(&mut self.chain, community, wallet).await? {
                    if member.is_active() {
                        return Err(ClientError::refused(format!(
                            "{wallet} is already an active member"
                        )));
                    }
                }
            }
            ProposalAction::RemoveMember { wallet } | ProposalAction::ChangeRole { wallet, .. } => {
                let member = read::member(&mut self.chain, community, wallet).await?;
                match member {
                    Some(member)
                        if member.is_active()
                            && matches!(action, ProposalAction::RemoveMember { .. })
                            && community.state.active_member_count
                                <= community.state.rules.min_approvals =>
                    {
                        return Err(ClientError::refused(format!(
                            "Removing {wallet} would leave fewer active members ({}) than the {} approvals the rules require; admit someone or lower the minimum first",
                            community.state.active_member_count.saturating_sub(1),
                            community.state.rules.min_approvals
                        )));
                    }
                    Some(member) if member.is_active() => {
                        if let ProposalAction::ChangeRole { role, .. } = action {
                            if member.role == *role {
                                return Err(ClientError::refused(format!(
                                    "{wallet} already has the role {role:?}"
                                )));
                            }
                        }
                    }
                    _ => {
                        return Err(ClientError::refused(format!(
                            "{wallet} is not an active member"
                        )))
                    }
                }
            }
            ProposalAction::TreasuryTransfer { amount, .. }
                if *amount > community.treasury_balance =>
            {
                return Err(ClientError::refused(format!(
                    "The treasury holds {} AMPLED, less than the {} proposed",
                    community.amount(community.treasury_balance),
                    community.amount(*amount)
                )));
            }
            ProposalAction::MintReward { amount, .. } => {
                let mut state = community.state.clone();
                precheck(state.record_issuance(*amount, now))?;
            }
            _ => {}
        }
        Ok(())
    }

    async fn proposal(&mut self, address: &Pubkey) -> Result<Proposal> {
        read::fetch(&mut self.chain, address).await?.ok_or_else(|| {
            ClientError::refused(format!(
                "There is no proposal {address}; it may have been closed. See `ampled proposal list --all`"
            ))
        })
    }

    /// Approves (or rejects) a proposal: one member, one vote.
    pub async fn vote(
        &mut self,
        community: &CommunityView,
        proposal: &Pubkey,
        approve: bool,
    ) -> Result<Outcome> {
        let member = self.active_member(community).await?;
        let state = self.proposal(proposal).await?;
        let now = self.chain.now().await?;
        precheck(state.require_open(&community.state, now))?;
        if approve && state.action.beneficiary() == Some(self.wallet()) {
            return Err(ClientError::refused(
                "You cannot approve a proposal that pays, admits or promotes you; other members must decide",
            ));
        }
        precheck(state.clone().record_vote(member.index, approve))?;
        let vote = ix::cast_vote(&community.address, proposal, &self.wallet(), approve);
        self.send(&[vote], None).await
    }

    /// Carries out a passed proposal: the signer pays any rent it needs.
    pub async fn execute(
        &mut self,
        community: &CommunityView,
        proposal: &Pubkey,
    ) -> Result<Outcome> {
        let state = self.proposal(proposal).await?;
        let now = self.chain.now().await?;
        // A cancelled, defeated, executed, stale or expired proposal says so: it never will be.
        precheck(state.require_open(&community.state, now))?;
        let tally = state.tally(&community.state);
        if !tally.passed() {
            return Err(ClientError::refused(format!(
                "Proposal {proposal} has {} of the {} approvals it needs; it cannot be executed yet",
                tally.approvals, tally.required
            )));
        }
        precheck(state.clone().mark_executed(&community.state, now))?;
        self.precheck_action(community, &state.action).await?;
        let execute = self
            .execute_instruction(community, proposal, &state)
            .await?;
        self.send(&[execute], None).await
    }

    async fn execute_instruction(
        &mut self,
        community: &CommunityView,
        proposal: &Pubkey,
        state: &Proposal,
    ) -> Result<Instruction> {
        let needed = ix::ExecuteRecords::needed(&state.action);
        let mut records = ix::ExecuteRecords::default();
        if needed.proposer_member {
            records.proposer = read::member(&mut self.chain, community, &state.proposer).await?;
        }
        if let Some(claim) = needed.claim {
            records.claim = read::fetch::<Claim>(&mut self.chain, &claim).await?;
            if let Some(claim) = &records.claim {
                precheck(claim.require_unsettled())?;
                records.claim_bounty = read::fetch::<Bounty>(&mut self.chain, &claim.bounty).await?;
            }
        }
        if let (ProposalAction::PayBountyClaim { .. }, Some(bounty)) =
            (&state.action, &records.claim_bounty)
        {
            precheck(bounty.require_open())?;
        }
        ix::execute_proposal(
            &community.address,
            &community.mint(),
            proposal,
            &state.action,
            &state.proposer,
            &records,
            &self.wallet(),
        )
        .map_err(|missing| {
            ClientError::refused(match missing {
                ix::MissingRecord::ProposerMember => "The proposer's membership record is gone",
                ix::MissingRecord::Claim => "That claim no longer exists",
                ix::MissingRecord::ClaimBounty => "That claim's bounty no longer exists",
            })
        })
    }

    /// The proposer withdraws a proposal that has not passed.
    pub async fn cancel_proposal(
        &mut self,
        community: &CommunityView,
        proposal: &Pubkey,
    ) -> Result<Outcome> {
        let state = self.proposal(proposal).await?;
        if state.proposer != self.wallet() {
            return Err(ClientError::refused(
                "Only the member who made a proposal can cancel it; vote against it instead",
            ));
        }
        let now = self.chain.now().await?;
        precheck(state.require_open(&community.state, now))?;
        if state.tally(&community.state).passed() {
            return Err(ClientError::refused(
                "This proposal has already passed; it can no longer be cancelled",
            ));
        }
        let cancel = ix::cancel_proposal(&community.address, proposal, &self.wallet());
        self.send(&[cancel], None).await
    }

    // Bounties.

    async fn bounty(&mut self, address: &Pubkey) -> Result<Bounty> {
        read::fetch(&mut self.chain, address).await?.ok_or_else(|| {
            ClientError::refused(format!(
                "There is no bounty {address}; see `ampled bounty list`"
            ))
        })
    }

    async fn claim_of(&mut self, bounty: &Pubkey, claimant: &Pubkey) -> Result<Claim> {
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
        let claim = self.claim_of(bounty, &self.wallet()).await.map_err(|_| {
            ClientError::refused(
                "You have not claimed this bounty; claim it first with `ampled bounty claim`",
            )
        })?;
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
                    &token::ID,
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

    // Commissary.

    async fn auction(&mut self, address: &Pubkey) -> Result<Auction> {
        read::fetch(&mut self.chain, address).await?.ok_or_else(|| {
            ClientError::refused(format!(
                "There is no auction {address}; see `ampled auction list`"
            ))
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
        if state.terms.members_only && !is_member {
            return Err(ClientError::refused(
                "Only members of the co-op may bid on this item",
            ));
        }
        precheck(state.clone().record_bid(self.wallet(), amount, now)).map_err(|e| match e {
            ClientError::Refused(message)
                if message == ampled::errors::AmpledError::BidTooLow.to_string() =>
            {
                ClientError::refused(format!(
                    "{message}: the lowest acceptable bid now is {} AMPLED",
                    community.amount(state.minimum_bid().unwrap_or(0))
                ))
            }
            other => other,
        })?;
        self.require_tokens(community, amount).await?;
        let accounts = ix::place_bid_accounts(
            &community.address,
            &community.mint(),
            auction,
            &self.wallet(),
            state.highest_bidder,
            is_member,
        );
        self.send(&[ix::place_bid(accounts, amount)], None).await
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
        let accounts = ix::settle_auction_accounts(
            &community.address,
            &community.mint(),
            auction,
            &proceeds_account,
            &seller,
            &state.rent_payer,
            &self.wallet(),
        );
        let settle = ix::instruction(accounts, ampled::instruction::SettleAuction {});
        self.send(&[settle], None).await
    }

    /// The lister withdraws an item nobody has bid on.
    pub async fn cancel_auction(
        &mut self,
        community: &CommunityView,
        auction: &Pubkey,
    ) -> Result<Outcome> {
        let state = self.auction(auction).await?;
        precheck(state.require_open())?;
        if state.lister != self.wallet() {
            return Err(ClientError::refused(
                "Only the member who listed this item can cancel its auction",
            ));
        }
        if state.bid_count > 0 {
            return Err(ClientError::refused(
                "Somebody has bid on this item; an auction with bids cannot be cancelled",
            ));
        }
        let create_lister_tokens = create_associated_token_account_idempotent(
            &self.wallet(),
            &self.wallet(),
            &community.mint(),
            &token::ID,
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

    // Tokens.

    /// Sends `amount` to `recipient`'s token account (created if needed), with an optional memo
    /// through the SPL Memo program. A plain SPL transfer: the token works anywhere.
    pub async fn transfer(
        &mut self,
        community: &CommunityView,
        recipient: &Pubkey,
        amount: u64,
        memo: Option<&str>,
    ) -> Result<Outcome> {
        if amount == 0 {
            return Err(ClientError::refused("The amount must be more than zero"));
        }
        if *recipient == self.wallet() {
            return Err(ClientError::refused(
                "That is your own wallet; pick another recipient",
            ));
        }
        if let Some(memo) = memo {
            if memo.is_empty() || memo.len() > MAX_MEMO_LEN {
                return Err(ClientError::refused(format!(
                    "A memo is 1 to {MAX_MEMO_LEN} bytes"
                )));
            }
        }
        self.require_payable_wallet(recipient).await?;
        self.require_tokens(community, amount).await?;
        let mint = community.mint();
        let mut instructions = vec![
            create_associated_token_account_idempotent(
                &self.wallet(),
                recipient,
                &mint,
                &token::ID,
            ),
            spl_token::instruction::transfer_checked(
                &token::ID,
                &community.ata(&self.wallet()),
                &mint,
                &community.ata(recipient),
                &self.wallet(),
                &[],
                amount,
                community.decimals,
            )
            .map_err(|e| ClientError::Io(e.to_string()))?,
        ];
        if let Some(memo) = memo {
            instructions.push(Instruction {
                program_id: MEMO_PROGRAM_ID,
                accounts: vec![AccountMeta::new_readonly(self.wallet(), true)],
                data: memo.as_bytes().to_vec(),
            });
        }
        self.send(&instructions, None).await
    }
}

/// A change to the community's rules: each field left out keeps its current value.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RulesChange {
    pub approval_threshold_bps: Option<u16>,
    pub min_approvals: Option<u32>,
    pub voting_period_secs: Option<i64>,
    /// `Some(None)` removes the cap.
    pub supply_cap: Option<Option<u64>>,
    /// `Some(None)` removes the cap.
    pub issuance_cap: Option<Option<IssuanceCap>>,
}

impl RulesChange {
    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }

    /// `current` with this change made.
    pub fn apply(&self, current: CommunityRules) -> CommunityRules {
        CommunityRules {
            approval_threshold_bps: self
                .approval_threshold_bps
                .unwrap_or(current.approval_threshold_bps),
            min_approvals: self.min_approvals.unwrap_or(current.min_approvals),
            voting_period_secs: self
                .voting_period_secs
                .unwrap_or(current.voting_period_secs),
            supply_cap: self.supply_cap.unwrap_or(current.supply_cap),
            issuance_cap: self.issuance_cap.unwrap_or(current.issuance_cap),
        }
    }
}

// Rules and budgets.
impl<C: Chain> Client<C> {
    /// Proposes the community's rules with `change` made; the rest stay as they are.
    pub async fn propose_rules(
        &mut self,
        community: &CommunityView,
        change: &RulesChange,
    ) -> Result<Outcome> {
        let rules = change.apply(community.state.rules);
        if rules == community.state.rules {
            return Err(ClientError::refused(
                "These are the community's rules already; a rules proposal must change something",
            ));
        }
        self.propose(community, ProposalAction::UpdateRules { rules })
            .await
    }

    /// Proposes that co-op bounties of `category` mint at most `amount_per_period` per period.
    pub async fn propose_category_budget(
        &mut self,
        community: &CommunityView,
        category: BountyCategory,
        amount_per_period: u64,
        period_secs: i64,
    ) -> Result<Outcome> {
        let action = ProposalAction::SetCategoryBudget {
            category,
            amount_per_period,
            period_secs,
        };
        self.propose(community, action).await
    }
}

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
        if !read::views::bounty_closable(&bounty) {
            return Err(ClientError::refused(
                ampled::errors::AmpledError::BountyNotSettled.to_string(),
            ));
        }
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
        if !read::views::claim_closable(&claim, bounty_state.as_ref()) {
            return Err(ClientError::refused(
                ampled::errors::AmpledError::ClaimStillOpen.to_string(),
            ));
        }
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
                found.push(Closable {
                    kind: RecordKind::Bounty,
                    address: *address,
                    title: bounty.title.clone(),
                    rent: self.rent_of(address).await?,
                    rent_to: bounty.rent_payer,
                    instruction: ix::close_bounty(address, &bounty.rent_payer),
                });
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
