//! Instruction builders and addresses, from the program's own Anchor-generated account and
//! argument types, so a test that tampers with one account says which by name.
//!
//! One module per capability, as in the program; every address in `pda`.
//!
//! One shape: every instruction has a builder named after it that takes addresses and arguments
//! and returns the whole instruction (the executions of approved proposals share one,
//! `execute_proposal`). Where attack tests swap an account by name, `<instruction>_accounts`
//! returns the accounts struct, and `instruction` assembles it with the arguments.

mod bounties;
mod commissary;
mod community;
mod directory;
mod distributions;
mod governance;
mod pda;
mod treasury;

pub use bounties::*;
pub use commissary::*;
pub use community::*;
pub use directory::*;
pub use distributions::*;
pub use governance::*;
pub use pda::*;
pub use treasury::*;

use ampled::instructions::{
    CastVoteArgs, CreateCommunityArgs, CreateProposalArgs, ListAuctionArgs, PlaceBidArgs,
    PostBountyArgs, RejectBountyClaimArgs, SubmitEvidenceArgs,
};
use ampled::state::*;
/// The token program of every community mint, and the wallets' token accounts for it.
pub use ampled::utils::token::{associated_token_address, TOKEN_PROGRAM};
use anchor_lang::prelude::{AccountMeta, Pubkey};
use anchor_lang::solana_program::system_program;
use anchor_lang::{InstructionData, ToAccountMetas};
use anchor_spl::associated_token;
use solana_instruction::Instruction;

/// Assembles an instruction of this program.
pub fn instruction(accounts: impl ToAccountMetas, data: impl InstructionData) -> Instruction {
    instruction_with(accounts.to_account_metas(None), data)
}

fn instruction_with(accounts: Vec<AccountMeta>, data: impl InstructionData) -> Instruction {
    Instruction {
        program_id: ampled::ID,
        accounts,
        data: data.data(),
    }
}
