//! Running the program natively, off-chain: how the tests and the embedded chain of the `ampled`
//! client load it into `solana-program-test`, since SBF cannot be built everywhere.

use anchor_lang::prelude::*;
use anchor_lang::solana_program::entrypoint::ProgramResult;

/// The program's entrypoint with the independent lifetimes `solana_program_test::processor!`
/// expects. Anchor's generated `entry` ties all three inputs to one lifetime.
pub fn process_instruction<'a, 'b, 'c, 'd>(
    program_id: &'a Pubkey,
    accounts: &'b [AccountInfo<'c>],
    data: &'d [u8],
) -> ProgramResult {
    // SAFETY: only lifetimes change. Every reference is borrowed for the whole of this call and
    // `entry` does not retain any of them past its return, so none outlives what it points to.
    let (program_id, accounts, data) = unsafe {
        (
            std::mem::transmute::<&'a Pubkey, &'c Pubkey>(program_id),
            std::mem::transmute::<&'b [AccountInfo<'c>], &'c [AccountInfo<'c>]>(accounts),
            std::mem::transmute::<&'d [u8], &'c [u8]>(data),
        )
    };
    crate::entry(program_id, accounts, data)
}
