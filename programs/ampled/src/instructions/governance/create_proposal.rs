use crate::events::ProposalCreated;
use crate::state::*;
use crate::utils::pda::init_program_account;
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

    pub system_program: Program<'info, System>,
}

impl CreateProposal<'_> {
    pub fn validate(&self, args: &CreateProposalArgs) -> Result<()> {
        self.proposer_member.require_active()?;
        args.action
            .validate(&self.community, Clock::get()?.unix_timestamp)
    }
}

pub fn handler(ctx: Context<CreateProposal>, args: CreateProposalArgs) -> Result<()> {
    let now = Clock::get()?.unix_timestamp;
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
        action: args.action.clone(),
        approvals: votes.clone(),
        rejections: votes,
    };
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
