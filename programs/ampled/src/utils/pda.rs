//! Creating accounts at PDAs in a way nobody can block.
//!
//! Anchor's `init` handles an address that already holds lamports with the system program's
//! `CreateAccountAllowPrefund`, which runtimes before SIMD-0312 do not have: there, sending a few
//! lamports to a predictable address (a member's next proposal, a newcomer's membership record, a
//! community's name) would block its creation for good. These helpers top up, allocate and assign
//! instead, which every runtime supports.

use crate::errors::AmpledError;
use anchor_lang::prelude::*;
use anchor_lang::system_program::{self, Allocate, Assign, CreateAccount, Transfer};

/// Creates `account` at the PDA signed by `seeds` (bump included) with `space` bytes, owned by
/// `owner`, rent-exempt and paid by `payer`.
pub fn create_pda<'info>(
    payer: &AccountInfo<'info>,
    account: &AccountInfo<'info>,
    system_program: &AccountInfo<'info>,
    space: usize,
    owner: &Pubkey,
    seeds: &[&[u8]],
) -> Result<()> {
    require_keys_eq!(
        *account.owner,
        system_program::ID,
        AmpledError::AccountAlreadyExists
    );
    require!(account.data_is_empty(), AmpledError::AccountAlreadyExists);
    let rent_exempt = Rent::get()?.minimum_balance(space);
    let signer: &[&[&[u8]]] = &[seeds];
    let system = system_program.key();
    let current = account.lamports();
    if current == 0 {
        let accounts = CreateAccount {
            from: payer.clone(),
            to: account.clone(),
        };
        return system_program::create_account(
            CpiContext::new_with_signer(system, accounts, signer),
            rent_exempt,
            space as u64,
            owner,
        );
    }
    if current < rent_exempt {
        let accounts = Transfer {
            from: payer.clone(),
            to: account.clone(),
        };
        system_program::transfer(CpiContext::new(system, accounts), rent_exempt - current)?;
    }
    let allocate = Allocate {
        account_to_allocate: account.clone(),
    };
    system_program::allocate(
        CpiContext::new_with_signer(system, allocate, signer),
        space as u64,
    )?;
    let assign = Assign {
        account_to_assign: account.clone(),
    };
    system_program::assign(CpiContext::new_with_signer(system, assign, signer), owner)
}

/// Creates a program account at a PDA and writes `value` (with its discriminator) into it.
pub fn init_program_account<'info, T: AccountSerialize>(
    payer: &AccountInfo<'info>,
    account: &AccountInfo<'info>,
    system_program: &AccountInfo<'info>,
    space: usize,
    seeds: &[&[u8]],
    value: &T,
) -> Result<()> {
    create_pda(payer, account, system_program, space, &crate::ID, seeds)?;
    write_account(account, value)
}

/// Overwrites a program account's data with `value`.
pub fn write_account<T: AccountSerialize>(account: &AccountInfo, value: &T) -> Result<()> {
    let mut data = account.try_borrow_mut_data()?;
    value.try_serialize(&mut &mut data[..])
}

/// Reads a program account of type `T` if `account` holds one, `None` if it was never created.
pub fn read_account<T: AccountDeserialize>(account: &AccountInfo) -> Result<Option<T>> {
    if account.owner != &crate::ID || account.data_is_empty() {
        return Ok(None);
    }
    let data = account.try_borrow_data()?;
    T::try_deserialize(&mut &data[..]).map(Some)
}
