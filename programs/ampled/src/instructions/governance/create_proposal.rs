use crate::errors::AmpledError;
use crate::events::ProposalCreated;
use crate::state::*;
use crate::utils::pda::{init_program_account, read_account};
use crate::utils::{bitmap, SafeMath};
use anchor_lang::prelude::*;

#[derive(AnchorSerialize, AnchorDeserialize, Clone, Debug, PartialEq, Eq)]
pub struct CreateProposalArgs {
    pub action: ProposalAction,
}

/// An active member puts an action to a vote. Only the proposer's own membership record is
/// written (its proposal counter seeds the address), never the community account.
#[event_cpi]
#[derive(Accounts)]
#[instruction(args: CreateProposalArgs)]
pub struct CreateProposal<'info> {
    #[account(mut)]
    pub proposer: Signer<'info>,

    pub community: Box<Account<'info, Community>>,

    #[account(
        mut,
        seeds = [MEMBER_SEED, community.key().as_ref(), proposer.key().as_ref()],
        bump = proposer_member.bump,
    )]
    pub proposer_member: Box<Account<'info, Member>>,

    /// CHECK: created by the handler at this address, derived from the proposer's counter.
    #[account(
        mut,
        seeds = [
            PROPOSAL_SEED,
            community.key().as_ref(),
            proposer.key().as_ref(),
            &proposer_member.proposals_created.to_le_bytes(),
        ],
        bump,
    )]
    pub proposal: UncheckedAccount<'info>,

    /// CHECK: the record the action is about (`ProposalAction::target`): the named wallet's
    /// membership record, which may not exist yet, or the claim. Checked in `target_revision`.
    pub target: Option<UncheckedAccount<'info>>,

    /// CHECK: the membership record, existing or not, of the wallet the action benefits
    /// (`ProposalAction::beneficiary`). Checked in `beneficiary_slot`.
    pub beneficiary_member: Option<UncheckedAccount<'info>>,

    pub system_program: Program<'info, System>,
}

impl CreateProposal<'_> {
    pub fn validate(&self, args: &CreateProposalArgs) -> Result<()> {
        self.proposer_member.require_active()?;
        args.action
            .validate(&self.community, Clock::get()?.unix_timestamp)
    }

    fn member_address(&self, wallet: &Pubkey) -> Pubkey {
        let community = self.community.key();
        let seeds = &[MEMBER_SEED, community.as_ref(), wallet.as_ref()];
        Pubkey::find_program_address(seeds, &crate::ID).0
    }

    /// Checks the record the action is about as it stands now and returns it with its revision,
    /// so that execution can refuse a record changed in between.
    fn target_revision(&self, action: &ProposalAction) -> Result<(Option<Pubkey>, u64)> {
        let Some(target) = action.target() else {
            require!(self.target.is_none(), AmpledError::WrongProposalTarget);
            return Ok((None, 0));
        };
        let account = self
            .target
            .as_ref()
            .ok_or_else(|| error!(AmpledError::WrongProposalTarget))?;
        match target {
            ProposalTarget::Member { wallet } => {
                require_keys_eq!(
                    account.key(),
                    self.member_address(&wallet),
                    AmpledError::WrongProposalTarget
                );
                let member = read_account::<Member>(account)?;
                let active = member.as_ref().is_some_and(Member::is_active);
                match action {
                    ProposalAction::AddMember { .. } => {
                        require!(!active, AmpledError::AlreadyMember)
                    }
                    ProposalAction::ChangeRole { role, .. } => {
                        require!(active, AmpledError::NotActiveMember);
                        require!(
                            member.as_ref().is_some_and(|m| m.role != *role),
                            AmpledError::RoleUnchanged
                        );
                    }
                    _ => require!(active, AmpledError::NotActiveMember),
                }
            }
            ProposalTarget::Claim { claim } => {
                require_keys_eq!(account.key(), claim, AmpledError::WrongProposalTarget);
                let stored = read_account::<Claim>(account)?
                    .ok_or_else(|| error!(AmpledError::WrongProposalTarget))?;
                require_keys_eq!(
                    stored.community,
                    self.community.key(),
                    AmpledError::WrongCommunity
                );
                if let ProposalAction::PayBountyClaim { claimant, .. } = action {
                    require_keys_eq!(stored.claimant, *claimant, AmpledError::WalletMismatch);
                }
                require!(
                    stored.status == ClaimStatus::Submitted,
                    AmpledError::ClaimNotSubmitted
                );
            }
        }
        Ok((Some(account.key()), target.current_revision(account)?))
    }

    /// The slot of the member the action benefits, when they are an active member who may vote
    /// on it: they cannot approve, which may leave too few who can.
    fn beneficiary_slot(&self, action: &ProposalAction) -> Result<Option<u32>> {
        let Some(wallet) = action.beneficiary() else {
            require!(
                self.beneficiary_member.is_none(),
                AmpledError::WrongProposalTarget
            );
            return Ok(None);
        };
        let account = self
            .beneficiary_member
            .as_ref()
            .ok_or_else(|| error!(AmpledError::WrongProposalTarget))?;
        require_keys_eq!(
            account.key(),
            self.member_address(&wallet),
            AmpledError::WrongProposalTarget
        );
        Ok(read_account::<Member>(account)?
            .filter(|member| member.is_active() && member.index < self.community.member_slots)
            .map(|member| member.index))
    }
}

pub fn handler(ctx: Context<CreateProposal>, args: CreateProposalArgs) -> Result<()> {
    let now = Clock::get()?.unix_timestamp;
    let (target, target_revision) = ctx.accounts.target_revision(&args.action)?;
    let beneficiary_slot = ctx.accounts.beneficiary_slot(&args.action)?;
    let community = &ctx.accounts.community;
    let voting_ends_at = now.safe_add(community.rules.voting_period_secs)?;
    let proposer = ctx.accounts.proposer.key();
    let member = &mut ctx.accounts.proposer_member;
    let nonce = member.proposals_created;
    member.proposals_created = nonce.safe_add(1)?;

    let votes = vec![0u8; bitmap::bytes_for(community.member_slots)];
    let proposal = Proposal {
        bump: ctx.bumps.proposal,
        community: community.key(),
        proposer,
        nonce,
        status: ProposalStatus::Voting,
        rules_version: community.rules_version,
        voter_slot_limit: community.member_slots,
        created_at: now,
        voting_ends_at,
        decided_at: None,
        target,
        target_revision,
        beneficiary_slot,
        action: args.action.clone(),
        approvals: votes.clone(),
        rejections: votes,
    };
    require!(
        proposal.tally(community).can_still_pass(),
        AmpledError::ProposalCannotPass
    );
    proposal.invariant()?;
    member.invariant()?;
    let community_key = community.key();
    let seeds: &[&[u8]] = &[
        PROPOSAL_SEED,
        community_key.as_ref(),
        proposer.as_ref(),
        &nonce.to_le_bytes(),
        &[ctx.bumps.proposal],
    ];
    init_program_account(
        &ctx.accounts.proposer.to_account_info(),
        &ctx.accounts.proposal,
        &ctx.accounts.system_program.to_account_info(),
        Proposal::space(&proposal.action, proposal.voter_slot_limit),
        seeds,
        &proposal,
    )?;

    emit_cpi!(ProposalCreated {
        community: community_key,
        proposal: ctx.accounts.proposal.key(),
        proposer,
        action: args.action,
        voter_slot_limit: proposal.voter_slot_limit,
        voting_ends_at,
        timestamp: now,
    });
    Ok(())
}
