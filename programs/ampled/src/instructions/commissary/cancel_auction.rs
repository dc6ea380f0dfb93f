use crate::errors::AmpledError;
use crate::events::AuctionCancelled;
use crate::state::*;
use crate::utils::token::drain_and_close;
use anchor_lang::prelude::*;
use anchor_spl::token_interface::{Mint, Token2022, TokenAccount};

/// A member withdraws their own item before anyone has bid; never after, and never a co-op item,
/// which the members listed by vote. The empty vault is closed and its rent returned (anything
/// sent to it goes back to the lister's token account).
#[event_cpi]
#[derive(Accounts)]
pub struct CancelAuction<'info> {
    pub lister: Signer<'info>,

    pub community: Box<Account<'info, Community>>,

    #[account(
        mut,
        has_one = community @ AmpledError::WrongCommunity,
        has_one = lister @ AmpledError::NotSeller,
        has_one = rent_payer @ AmpledError::WalletMismatch,
    )]
    pub auction: Box<Account<'info, Auction>>,

    /// CHECK: the escrow vault at its seeds; read (`vault_balance`) after the record is checked.
    #[account(
        mut,
        seeds = [AUCTION_VAULT_SEED, auction.key().as_ref()],
        bump = auction.vault_bump,
    )]
    pub vault: UncheckedAccount<'info>,

    #[account(address = community.mint @ AmpledError::WrongMint)]
    pub mint: Box<InterfaceAccount<'info, Mint>>,

    /// The lister's token account, for anything someone sent to the vault.
    #[account(mut, token::mint = mint, token::authority = lister, token::token_program = token_program)]
    pub lister_tokens: Box<InterfaceAccount<'info, TokenAccount>>,

    /// CHECK: receives the vault's rent; must be who paid it (`has_one` above).
    #[account(mut)]
    pub rent_payer: UncheckedAccount<'info>,

    pub token_program: Program<'info, Token2022>,
}

impl CancelAuction<'_> {
    pub fn validate(&self) -> Result<()> {
        self.auction.require_cancellable_by(&self.lister.key())
    }
}

pub fn handler(ctx: Context<CancelAuction>) -> Result<()> {
    let now = Clock::get()?.unix_timestamp;
    let accounts = &ctx.accounts;
    drain_and_close(
        &accounts.community,
        &accounts.mint,
        &accounts.vault,
        &accounts.lister_tokens.to_account_info(),
        &accounts.rent_payer.to_account_info(),
        accounts.token_program.key(),
    )?;
    let auction = &mut ctx.accounts.auction;
    auction.status = AuctionStatus::Cancelled;
    auction.settled_at = Some(now);
    auction.invariant()?;

    emit_cpi!(AuctionCancelled {
        community: auction.community,
        auction: auction.key(),
        lister: auction.lister,
        timestamp: now,
    });
    Ok(())
}
