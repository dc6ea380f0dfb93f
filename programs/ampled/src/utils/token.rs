//! Token movements signed by the community PDA, the only authority over the mint and treasury.

use crate::errors::AmpledError;
use crate::state::{Community, COMMUNITY_SEED};
use crate::utils::pda::create_pda;
use anchor_lang::prelude::*;
use anchor_lang::solana_program::program_pack::Pack;
use anchor_spl::associated_token::get_associated_token_address_with_program_id;
use anchor_spl::token_2022::spl_token_2022;
use anchor_spl::token_interface::{
    self, Burn, CloseAccount, InitializeAccount3, Mint, MintTo, TokenAccount, TransferChecked,
};

/// The token program of every community mint: Token-2022, whose mints carry their own name,
/// symbol and image (the metadata extensions) for wallets to show.
pub const TOKEN_PROGRAM: Pubkey = spl_token_2022::ID;

/// A wallet's associated token account for the community's Token-2022 mint: where every payment
/// to that wallet lands.
pub fn associated_token_address(wallet: &Pubkey, mint: &Pubkey) -> Pubkey {
    get_associated_token_address_with_program_id(wallet, mint, &TOKEN_PROGRAM)
}

/// Mints `amount` of the community's token into `to`.
pub fn mint_from_community<'info>(
    community: &Account<'info, Community>,
    mint: &InterfaceAccount<'info, Mint>,
    to: &InterfaceAccount<'info, TokenAccount>,
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
    token_interface::mint_to(
        CpiContext::new_with_signer(token_program, accounts, &[seeds]),
        amount,
    )
}

/// Moves `amount` out of a token account owned by the community PDA (the treasury or a vault).
pub fn transfer_from_community<'info>(
    community: &Account<'info, Community>,
    mint: &InterfaceAccount<'info, Mint>,
    from: &AccountInfo<'info>,
    to: &AccountInfo<'info>,
    token_program: Pubkey,
    amount: u64,
) -> Result<()> {
    let bump = [community.bump];
    let seeds: &[&[u8]] = &[COMMUNITY_SEED, community.name.as_bytes(), &bump];
    let accounts = TransferChecked {
        from: from.clone(),
        mint: mint.to_account_info(),
        to: to.clone(),
        authority: community.to_account_info(),
    };
    token_interface::transfer_checked(
        CpiContext::new_with_signer(token_program, accounts, &[seeds]),
        amount,
        mint.decimals,
    )
}

/// Creates a token account of `mint` at a PDA, owned by `authority` (the community PDA for
/// treasuries and escrow vaults), in a way pre-funding the address cannot block.
pub fn create_token_account_pda<'info>(
    payer: &AccountInfo<'info>,
    account: &AccountInfo<'info>,
    mint: &AccountInfo<'info>,
    authority: &AccountInfo<'info>,
    system_program: &AccountInfo<'info>,
    token_program: Pubkey,
    seeds: &[&[u8]],
) -> Result<()> {
    create_pda(
        payer,
        account,
        system_program,
        spl_token_2022::state::Account::LEN,
        &token_program,
        seeds,
    )?;
    let accounts = InitializeAccount3 {
        account: account.clone(),
        mint: mint.clone(),
        authority: authority.clone(),
    };
    token_interface::initialize_account3(CpiContext::new(token_program, accounts))
}

/// Burns `amount` from a token account owned by the community PDA.
pub fn burn_from_community<'info>(
    community: &Account<'info, Community>,
    mint: &InterfaceAccount<'info, Mint>,
    from: &AccountInfo<'info>,
    token_program: Pubkey,
    amount: u64,
) -> Result<()> {
    let bump = [community.bump];
    let seeds: &[&[u8]] = &[COMMUNITY_SEED, community.name.as_bytes(), &bump];
    let accounts = Burn {
        mint: mint.to_account_info(),
        from: from.clone(),
        authority: community.to_account_info(),
    };
    token_interface::burn(
        CpiContext::new_with_signer(token_program, accounts, &[seeds]),
        amount,
    )
}

/// Closes an empty token account owned by the community PDA, its rent to `rent_to`.
pub fn close_community_token_account<'info>(
    community: &Account<'info, Community>,
    account: &AccountInfo<'info>,
    rent_to: &AccountInfo<'info>,
    token_program: Pubkey,
) -> Result<()> {
    let bump = [community.bump];
    let seeds: &[&[u8]] = &[COMMUNITY_SEED, community.name.as_bytes(), &bump];
    let accounts = CloseAccount {
        account: account.clone(),
        destination: rent_to.clone(),
        authority: community.to_account_info(),
    };
    token_interface::close_account(CpiContext::new_with_signer(
        token_program,
        accounts,
        &[seeds],
    ))
}

/// Empties a community-owned token account into `to` and closes it, rent to `rent_to`.
pub fn drain_and_close<'info>(
    community: &Account<'info, Community>,
    mint: &InterfaceAccount<'info, Mint>,
    vault: &AccountInfo<'info>,
    to: &AccountInfo<'info>,
    rent_to: &AccountInfo<'info>,
    token_program: Pubkey,
) -> Result<u64> {
    let amount = vault_balance(vault)?;
    if amount > 0 {
        transfer_from_community(community, mint, vault, to, token_program, amount)?;
    }
    close_community_token_account(community, vault, rent_to, token_program)?;
    Ok(amount)
}

/// The balance of a token account the program created (an escrow vault, whose address its seeds
/// fix). Vaults are read here, once the record that owns them was checked, rather than by Anchor
/// before any check: a vault closed with its finished auction or bounty then reports what
/// happened to the record (`AuctionAlreadySettled`, `BountyFullyPaid`, ...) instead of a missing
/// account.
pub fn vault_balance(vault: &AccountInfo) -> Result<u64> {
    require_keys_eq!(*vault.owner, TOKEN_PROGRAM, AmpledError::WrongVault);
    let data = vault.try_borrow_data()?;
    Ok(TokenAccount::try_deserialize(&mut &data[..])?.amount)
}
