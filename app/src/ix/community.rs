//! Founding a co-op.

use super::*;

pub fn create_community_accounts(payer: &Pubkey, name: &str) -> ampled::accounts::CreateCommunity {
    let community = community_address(name);
    ampled::accounts::CreateCommunity {
        payer: *payer,
        community,
        mint: mint_address(&community),
        treasury: treasury_address(&community),
        token_program: TOKEN_PROGRAM,
        system_program: system_program::ID,
        event_authority: event_authority(),
        program: ampled::ID,
    }
}

/// `create_community` with the founders' member accounts appended in order.
pub fn create_community(payer: &Pubkey, args: &CreateCommunityArgs) -> Instruction {
    let seed = args.name_seed();
    let community = Pubkey::find_program_address(&[COMMUNITY_SEED, seed], &ampled::ID).0;
    let mut accounts = ampled::accounts::CreateCommunity {
        community,
        mint: mint_address(&community),
        treasury: treasury_address(&community),
        ..create_community_accounts(payer, "")
    }
    .to_account_metas(None);
    accounts.extend(
        args.founders
            .iter()
            .map(|f| AccountMeta::new(member_address(&community, &f.wallet), false)),
    );
    instruction_with(
        accounts,
        ampled::instruction::CreateCommunity { args: args.clone() },
    )
}

pub fn execute_update_token_metadata_accounts(
    community: &Pubkey,
    mint: &Pubkey,
    proposal: &Pubkey,
    payer: &Pubkey,
) -> ampled::accounts::ExecuteUpdateTokenMetadata {
    ampled::accounts::ExecuteUpdateTokenMetadata {
        payer: *payer,
        community: *community,
        proposal: *proposal,
        mint: *mint,
        token_program: TOKEN_PROGRAM,
        system_program: system_program::ID,
        event_authority: event_authority(),
        program: ampled::ID,
    }
}
