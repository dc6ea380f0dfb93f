use crate::errors::AmpledError;
use crate::events::VoteCast;
use crate::state::*;
use anchor_lang::prelude::*;

#[derive(AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug, PartialEq, Eq)]
pub struct CastVoteArgs {
    /// `true` approves, `false` rejects. Either way the vote is final.
    pub approve: bool,
}

/// One member, one vote. Writes only the proposal: votes on different proposals never contend.
#[event_cpi]
#[derive(Accounts)]
pub struct CastVote<'info> {
    pub voter: Signer<'info>,

    pub community: Box<Account<'info, Community>>,

    #[account(
        seeds = [MEMBER_SEED, community.key().as_ref(), voter.key().as_ref()],
        bump = voter_member.bump,
    )]
    pub voter_member: Box<Account<'info, Member>>,

    #[account(mut, has_one = community @ AmpledError::WrongCommunity)]
    pub proposal: Box<Account<'info, Proposal>>,
}

impl CastVote<'_> {
    pub fn validate(&self, args: &CastVoteArgs) -> Result<()> {
        let now = Clock::get()?.unix_timestamp;
        self.voter_member.require_active()?;
        self.proposal.require_open(&self.community, now)?;
        if args.approve {
            require!(
                self.proposal.action.beneficiary() != Some(self.voter.key()),
                AmpledError::CannotApproveOwnBenefit
            );
        }
        Ok(())
    }
}

pub fn handler(ctx: Context<CastVote>, args: CastVoteArgs) -> Result<()> {
    let now = Clock::get()?.unix_timestamp;
    let community = &ctx.accounts.community;
    let proposal = &mut ctx.accounts.proposal;
    proposal.record_vote(ctx.accounts.voter_member.index, args.approve)?;
    let tally = proposal.tally(community);
    proposal.settle_status(&tally, now);
    proposal.invariant()?;

    emit_cpi!(VoteCast {
        community: community.key(),
        proposal: proposal.key(),
        voter: ctx.accounts.voter.key(),
        approve: args.approve,
        approvals: tally.approvals,
        rejections: tally.rejections,
        required: tally.required,
        status: proposal.status,
        timestamp: now,
    });
    Ok(())
}
