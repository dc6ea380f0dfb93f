//! Proposals and votes: proposing every action, voting, executing, cancelling.

use super::*;

impl<C: Chain> Client<C> {
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
    pub(crate) async fn precheck_action(
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
            // Checked as proposed; its bidding window opens when the listing executes.
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
            // The whole total is reserved under both caps when it executes.
            ProposalAction::Distribute { terms } => {
                let mut state = community.state.clone();
                precheck(state.record_issuance(terms.total, now))?;
            }
            _ => {}
        }
        Ok(())
    }

    pub(crate) async fn proposal(&mut self, address: &Pubkey) -> Result<Proposal> {
        read::fetch(&mut self.chain, address).await?.ok_or_else(|| {
            ClientError::Missing(Missing::Record {
                kind: "proposal",
                address: address.to_string(),
            })
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
        if let Some(current) = read::target_revision(&mut self.chain, &state).await? {
            precheck(state.require_target_revision(current))?;
        }
        self.precheck_action(community, &state.action).await?;
        let execute = self
            .execute_instruction(community, proposal, &state)
            .await?;
        self.send(&[execute], None).await
    }

    pub(crate) async fn execute_instruction(
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
                records.claim_bounty =
                    read::fetch::<Bounty>(&mut self.chain, &claim.bounty).await?;
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

/// A change to what wallets show for the token; what is `None` stays as it is.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TokenMetadataChange {
    pub name: Option<String>,
    pub symbol: Option<String>,
    /// `Some("")` removes the uri (wallets then show no image).
    pub uri: Option<String>,
}

impl TokenMetadataChange {
    /// `current` with this change made.
    pub fn apply(&self, current: &TokenMetadataFields) -> TokenMetadataFields {
        TokenMetadataFields {
            name: self.name.clone().unwrap_or_else(|| current.name.clone()),
            symbol: self
                .symbol
                .clone()
                .unwrap_or_else(|| current.symbol.clone()),
            uri: self.uri.clone().unwrap_or_else(|| current.uri.clone()),
        }
    }
}

// Rules, budgets and the token's metadata.
impl<C: Chain> Client<C> {
    /// Proposes the token's name, symbol or uri with `change` made, as wallets will show them.
    pub async fn propose_token_metadata(
        &mut self,
        community: &CommunityView,
        change: &TokenMetadataChange,
    ) -> Result<Outcome> {
        let token = change.apply(&community.token);
        if token == community.token {
            return precheck(Err(anchor_lang::error!(
                ampled::errors::AmpledError::TokenMetadataUnchanged
            )));
        }
        self.propose(community, ProposalAction::UpdateTokenMetadata { token })
            .await
    }

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
