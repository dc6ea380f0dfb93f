use crate::errors::AmpledError;
use crate::events::BountyPosted;
use crate::state::*;
use crate::utils::pda::init_program_account;
use crate::utils::SafeMath;
use anchor_lang::prelude::*;

/// Posts the co-op bounty the members approved. Its rewards are minted claim by claim, each
/// approved by its own vote, so nothing is escrowed now.
#[event_cpi]
#[derive(Accounts)]
pub struct ExecutePostBounty<'info> {
    #[account(mut)]
    pub executor: Signer<'info>,

    pub community: Box<Account<'info, Community>>,

    #[account(mut, has_one = community @ AmpledError::WrongCommunity)]
    pub proposal: Box<Account<'info, Proposal>>,

    /// The proposer's record: its bounty counter seeds the bounty's address.
    #[account(
        mut,
        seeds = [MEMBER_SEED, community.key().as_ref(), proposal.proposer.as_ref()],
        bump = poster_member.bump,
    )]
    pub poster_member: Box<Account<'info, Member>>,

    /// CHECK: created by the handler; its address comes from the proposer's bounty counter.
    #[account(
        mut,
        seeds = [
            BOUNTY_SEED,
            community.key().as_ref(),
            proposal.proposer.as_ref(),
            &poster_member.bounties_posted.to_le_bytes(),
        ],
        bump,
    )]
    pub bounty: UncheckedAccount<'info>,

    pub system_program: Program<'info, System>,
}

impl ExecutePostBounty<'_> {
    pub fn validate(&self) -> Result<()> {
        let ProposalAction::PostBounty { terms } = &self.proposal.action else {
            return err!(AmpledError::WrongProposalAction);
        };
        terms.validate(Clock::get()?.unix_timestamp)?;
        Ok(())
    }
}

pub fn handler(ctx: Context<ExecutePostBounty>) -> Result<()> {
    let now = Clock::get()?.unix_timestamp;
    let ProposalAction::PostBounty { terms } = ctx.accounts.proposal.action.clone() else {
        return err!(AmpledError::WrongProposalAction);
    };
    ctx.accounts
        .proposal
        .mark_executed(&ctx.accounts.community, now)?;
    let community = ctx.accounts.community.key();
    let member = &mut ctx.accounts.poster_member;
    let poster = member.wallet;
    let nonce = member.bounties_posted;
    member.bounties_posted = nonce.safe_add(1)?;

    let bounty = Bounty::new(
        ctx.bumps.bounty,
        community,
        poster,
        ctx.accounts.executor.key(),
        nonce,
        BountyFunding::Coop,
        &terms,
        now,
    );
    bounty.invariant()?;
    let seeds: &[&[u8]] = &[
        BOUNTY_SEED,
        community.as_ref(),
        poster.as_ref(),
        &nonce.to_le_bytes(),
        &[ctx.bumps.bounty],
    ];
    init_program_account(
        &ctx.accounts.executor.to_account_info(),
        &ctx.accounts.bounty,
        &ctx.accounts.system_program.to_account_info(),
        Bounty::SPACE,
        seeds,
        &bounty,
    )?;
    member.invariant()?;
    ctx.accounts.proposal.invariant()?;

    emit_cpi!(BountyPosted {
        community,
        bounty: ctx.accounts.bounty.key(),
        poster,
        funding: BountyFunding::Coop,
        terms,
        escrowed: 0,
        proposal: Some(ctx.accounts.proposal.key()),
        timestamp: now,
    });
    Ok(())
}
