use crate::errors::AmpledError;
use crate::events::AuctionListed;
use crate::instructions::commissary::list_auction::NewAuction;
use crate::state::*;
use anchor_lang::prelude::*;
use anchor_spl::token_interface::{Mint, Token2022};

/// Lists the co-op item the members approved; what it fetches goes to the treasury or is burned.
#[event_cpi]
#[derive(Accounts)]
pub struct ExecuteListAuction<'info> {
    #[account(mut)]
    pub executor: Signer<'info>,

    pub community: Box<Account<'info, Community>>,

    #[account(mut, has_one = community @ AmpledError::WrongCommunity)]
    pub proposal: Box<Account<'info, Proposal>>,

    /// The proposer's record: its auction counter seeds the auction's address.
    #[account(
        mut,
        seeds = [MEMBER_SEED, community.key().as_ref(), proposal.proposer.as_ref()],
        bump = lister_member.bump,
    )]
    pub lister_member: Box<Account<'info, Member>>,

    /// CHECK: created by the handler; its address comes from the proposer's auction counter.
    #[account(
        mut,
        seeds = [
            AUCTION_SEED,
            community.key().as_ref(),
            proposal.proposer.as_ref(),
            &lister_member.auctions_listed.to_le_bytes(),
        ],
        bump,
    )]
    pub auction: UncheckedAccount<'info>,

    /// CHECK: created by the handler as the bid escrow, owned by the community PDA.
    #[account(mut, seeds = [AUCTION_VAULT_SEED, auction.key().as_ref()], bump)]
    pub vault: UncheckedAccount<'info>,

    #[account(address = community.mint @ AmpledError::WrongMint)]
    pub mint: Box<InterfaceAccount<'info, Mint>>,

    pub token_program: Program<'info, Token2022>,
    pub system_program: Program<'info, System>,
}

impl ExecuteListAuction<'_> {
    pub fn validate(&self) -> Result<()> {
        let ProposalAction::ListAuction { terms, .. } = &self.proposal.action else {
            return err!(AmpledError::WrongProposalAction);
        };
        let now = Clock::get()?.unix_timestamp;
        terms
            .rescheduled(self.proposal.created_at, now)?
            .validate(now)
    }
}

pub fn handler(ctx: Context<ExecuteListAuction>) -> Result<()> {
    let now = Clock::get()?.unix_timestamp;
    let ProposalAction::ListAuction {
        terms,
        burn_proceeds,
    } = ctx.accounts.proposal.action.clone()
    else {
        return err!(AmpledError::WrongProposalAction);
    };
    ctx.accounts
        .proposal
        .mark_executed(&ctx.accounts.community, now)?;
    let terms = terms.rescheduled(ctx.accounts.proposal.created_at, now)?;
    let proceeds = if burn_proceeds {
        Proceeds::Burn
    } else {
        Proceeds::Treasury
    };
    let accounts = &ctx.accounts;
    let new_auction = NewAuction {
        payer: &accounts.executor.to_account_info(),
        community: &accounts.community.to_account_info(),
        auction: &accounts.auction,
        auction_bump: ctx.bumps.auction,
        vault: &accounts.vault,
        vault_bump: ctx.bumps.vault,
        mint: &accounts.mint.to_account_info(),
        token_program: accounts.token_program.key(),
        system_program: &accounts.system_program.to_account_info(),
    };
    let mut lister = (**accounts.lister_member).clone();
    let auction = new_auction.create(&mut lister, &terms, proceeds)?;
    ctx.accounts.lister_member.set_inner(lister);
    ctx.accounts.proposal.invariant()?;

    emit_cpi!(AuctionListed {
        community: auction.community,
        auction: ctx.accounts.auction.key(),
        lister: auction.lister,
        terms,
        proceeds,
        proposal: Some(ctx.accounts.proposal.key()),
        timestamp: now,
    });
    Ok(())
}
