//! Creating program-owned accounts at PDAs by hand, for the one place the accounts are only known
//! at run time (the founders' membership records).

use anchor_lang::prelude::*;
use anchor_lang::system_program::{self, Allocate, Assign, CreateAccount, Transfer};

/// Creates `account` at a PDA signed by `seeds`, owned by this program, with `space` bytes.
/// Works even when someone pre-funded the address to block a plain `create_account`.
pub fn create_program_account<'info>(
    payer: &AccountInfo<'info>,
    account: &AccountInfo<'info>,
    system_program: &AccountInfo<'info>,
    space: usize,
    seeds: &[&[u8]],
) -> Result<()> {
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
            &crate::ID,
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
    system_program::assign(
        CpiContext::new_with_signer(system, assign, signer),
        &crate::ID,
    )
}
