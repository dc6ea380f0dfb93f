use crate::errors::AmpledError;
use crate::events::TreasuryTransferred;
use crate::instructions::payout::*;
use crate::state::*;
use crate::utils::token::transfer_from_community;
use anchor_lang::prelude::*;
use anchor_spl::token_interface::TokenAccount;

/// Pays an approved amount from the treasury to the recipient. Anyone may execute.
#[event_cpi]
#[derive(Accounts)]
pub struct ExecuteTreasuryTransfer<'info> {
    pub community: Box<Account<'info, Community>>,

    #[account(mut, has_one = community @ AmpledError::WrongCommunity)]
    pub proposal: Box<Account<'info, Proposal>>,

    #[account(mut, address = community.treasury @ AmpledError::WrongTreasury)]
    pub treasury: Box<InterfaceAccount<'info, TokenAccount>>,

    pub payout: TokenPayout<'info>,
}

impl ExecuteTreasuryTransfer<'_> {
    pub fn validate(&self) -> Result<()> {
        let ProposalAction::TreasuryTransfer {
            recipient, amount, ..
        } = self.proposal.action
        else {
            return err!(AmpledError::WrongProposalAction);
        };
        self.payout.check(&self.community, recipient)?;
        require!(
            self.treasury.amount >= amount,
            AmpledError::InsufficientTreasury
        );
        Ok(())
    }
}

pub fn handler(ctx: Context<ExecuteTreasuryTransfer>) -> Result<()> {
    let now = Clock::get()?.unix_timestamp;
    let ProposalAction::TreasuryTransfer {
        recipient,
        amount,
        reason,
    } = ctx.accounts.proposal.action.clone()
    else {
        return err!(AmpledError::WrongProposalAction);
    };
    let community = &ctx.accounts.community;
    ctx.accounts.proposal.mark_executed(community, now)?;

    let payout = &ctx.accounts.payout;
    transfer_from_community(
        community,
        &payout.mint,
        &ctx.accounts.treasury.to_account_info(),
        &payout.recipient_tokens.to_account_info(),
        payout.token_program.key(),
        amount,
    )?;
    ctx.accounts.treasury.reload()?;

    ctx.accounts.proposal.invariant()?;
    emit_cpi!(TreasuryTransferred {
        community: community.key(),
        proposal: ctx.accounts.proposal.key(),
        recipient,
        amount,
        reason,
        treasury_balance_after: ctx.accounts.treasury.amount,
        timestamp: now,
    });
    Ok(())
}
