//! Token movements signed by the community PDA, the only authority over the mint and treasury.

use crate::state::{Community, COMMUNITY_SEED};
use anchor_lang::prelude::*;
use anchor_spl::token::{self, Mint, MintTo, TokenAccount, TransferChecked};

/// Mints `amount` of the community's token into `to`.
pub fn mint_from_community<'info>(
    community: &Account<'info, Community>,
    mint: &Account<'info, Mint>,
    to: &Account<'info, TokenAccount>,
    token_program: Pubkey,
    amount: u64,
) -> Result<()> {
    let bump = [community.bump];
    let seeds: &[&[u8]] = &[COMMUNITY_SEED, community.name.as_bytes(), &bump];
    let accounts = MintTo {
        mint: mint.to_account_info(),
        to: to.to_account_info(),
        authority: community.to_account_info(),
    };
    token::mint_to(
        CpiContext::new_with_signer(token_program, accounts, &[seeds]),
        amount,
    )
}

/// Moves `amount` out of a token account owned by the community PDA (the treasury or a vault).
pub fn transfer_from_community<'info>(
    community: &Account<'info, Community>,
    mint: &Account<'info, Mint>,
    from: &Account<'info, TokenAccount>,
    to: &Account<'info, TokenAccount>,
    token_program: Pubkey,
    amount: u64,
) -> Result<()> {
    let bump = [community.bump];
    let seeds: &[&[u8]] = &[COMMUNITY_SEED, community.name.as_bytes(), &bump];
    let accounts = TransferChecked {
        from: from.to_account_info(),
        mint: mint.to_account_info(),
        to: to.to_account_info(),
        authority: community.to_account_info(),
    };
    token::transfer_checked(
        CpiContext::new_with_signer(token_program, accounts, &[seeds]),
        amount,
        mint.decimals,
    )
}
