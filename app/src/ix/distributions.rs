//! Distributions: opening an approved one, claiming a share, closing it after its deadline.

use super::*;
use ampled::instructions::ClaimShareArgs;
use ampled::utils::merkle::Hash;

pub fn execute_distribute_accounts(
    community: &Pubkey,
    proposal: &Pubkey,
    payer: &Pubkey,
) -> ampled::accounts::ExecuteDistribute {
    ampled::accounts::ExecuteDistribute {
        executor: *payer,
        community: *community,
        proposal: *proposal,
        distribution: distribution_address(proposal),
        system_program: system_program::ID,
        event_authority: event_authority(),
        program: ampled::ID,
    }
}

pub fn claim_share_accounts(
    community: &Pubkey,
    mint: &Pubkey,
    distribution: &Pubkey,
    wallet: &Pubkey,
    payer: &Pubkey,
) -> ampled::accounts::ClaimShare {
    ampled::accounts::ClaimShare {
        community: *community,
        distribution: *distribution,
        payout: token_payout(payer, mint, wallet),
        recipient_member: member_address(community, wallet),
        event_authority: event_authority(),
        program: ampled::ID,
    }
}

/// Claims the share at `index` (`amount` to `wallet`), proven by `proof`; `payer` sends it.
#[allow(clippy::too_many_arguments)]
pub fn claim_share(
    community: &Pubkey,
    mint: &Pubkey,
    distribution: &Pubkey,
    wallet: &Pubkey,
    payer: &Pubkey,
    index: u32,
    amount: u64,
    proof: Vec<Hash>,
) -> Instruction {
    instruction(
        claim_share_accounts(community, mint, distribution, wallet, payer),
        ampled::instruction::ClaimShare {
            args: ClaimShareArgs {
                index,
                amount,
                proof,
            },
        },
    )
}

pub fn close_distribution(
    community: &Pubkey,
    distribution: &Pubkey,
    rent_payer: &Pubkey,
) -> Instruction {
    instruction(
        ampled::accounts::CloseDistribution {
            community: *community,
            distribution: *distribution,
            rent_payer: *rent_payer,
            event_authority: event_authority(),
            program: ampled::ID,
        },
        ampled::instruction::CloseDistribution {},
    )
}
