//! Paying a wallet: rewards minted and treasury transfers.

use super::*;

pub fn token_payout(
    payer: &Pubkey,
    mint: &Pubkey,
    recipient: &Pubkey,
) -> ampled::accounts::TokenPayout {
    ampled::accounts::TokenPayout {
        payer: *payer,
        mint: *mint,
        recipient: *recipient,
        recipient_tokens: associated_token_address(recipient, mint),
        token_program: TOKEN_PROGRAM,
        associated_token_program: associated_token::ID,
        system_program: system_program::ID,
    }
}

pub fn execute_mint_reward_accounts(
    community: &Pubkey,
    mint: &Pubkey,
    proposal: &Pubkey,
    recipient: &Pubkey,
    payer: &Pubkey,
) -> ampled::accounts::ExecuteMintReward {
    ampled::accounts::ExecuteMintReward {
        community: *community,
        proposal: *proposal,
        payout: token_payout(payer, mint, recipient),
        recipient_member: member_address(community, recipient),
        event_authority: event_authority(),
        program: ampled::ID,
    }
}

pub fn execute_treasury_transfer_accounts(
    community: &Pubkey,
    mint: &Pubkey,
    proposal: &Pubkey,
    recipient: &Pubkey,
    payer: &Pubkey,
) -> ampled::accounts::ExecuteTreasuryTransfer {
    ampled::accounts::ExecuteTreasuryTransfer {
        community: *community,
        proposal: *proposal,
        treasury: treasury_address(community),
        payout: token_payout(payer, mint, recipient),
        event_authority: event_authority(),
        program: ampled::ID,
    }
}
