//! Every address the program derives, from the seeds in `ampled::state::seeds`.

use super::*;

pub fn community_address(name: &str) -> Pubkey {
    Pubkey::find_program_address(&[COMMUNITY_SEED, name.as_bytes()], &ampled::ID).0
}

pub fn mint_address(community: &Pubkey) -> Pubkey {
    Pubkey::find_program_address(&[MINT_SEED, community.as_ref()], &ampled::ID).0
}

pub fn treasury_address(community: &Pubkey) -> Pubkey {
    Pubkey::find_program_address(&[TREASURY_SEED, community.as_ref()], &ampled::ID).0
}

pub fn member_address(community: &Pubkey, wallet: &Pubkey) -> Pubkey {
    Pubkey::find_program_address(
        &[MEMBER_SEED, community.as_ref(), wallet.as_ref()],
        &ampled::ID,
    )
    .0
}

pub fn proposal_address(community: &Pubkey, proposer: &Pubkey, nonce: u64) -> Pubkey {
    Pubkey::find_program_address(
        &[
            PROPOSAL_SEED,
            community.as_ref(),
            proposer.as_ref(),
            &nonce.to_le_bytes(),
        ],
        &ampled::ID,
    )
    .0
}

pub fn event_authority() -> Pubkey {
    Pubkey::find_program_address(&[b"__event_authority"], &ampled::ID).0
}

pub fn bounty_address(community: &Pubkey, poster: &Pubkey, nonce: u64) -> Pubkey {
    Pubkey::find_program_address(
        &[
            BOUNTY_SEED,
            community.as_ref(),
            poster.as_ref(),
            &nonce.to_le_bytes(),
        ],
        &ampled::ID,
    )
    .0
}

pub fn bounty_vault_address(bounty: &Pubkey) -> Pubkey {
    Pubkey::find_program_address(&[BOUNTY_VAULT_SEED, bounty.as_ref()], &ampled::ID).0
}

pub fn claim_address(bounty: &Pubkey, claimant: &Pubkey) -> Pubkey {
    Pubkey::find_program_address(
        &[CLAIM_SEED, bounty.as_ref(), claimant.as_ref()],
        &ampled::ID,
    )
    .0
}

pub fn budget_address(community: &Pubkey, category: BountyCategory) -> Pubkey {
    Pubkey::find_program_address(
        &[BUDGET_SEED, community.as_ref(), &category.seed()],
        &ampled::ID,
    )
    .0
}

pub fn auction_address(community: &Pubkey, lister: &Pubkey, nonce: u64) -> Pubkey {
    Pubkey::find_program_address(
        &[
            AUCTION_SEED,
            community.as_ref(),
            lister.as_ref(),
            &nonce.to_le_bytes(),
        ],
        &ampled::ID,
    )
    .0
}

pub fn auction_vault_address(auction: &Pubkey) -> Pubkey {
    Pubkey::find_program_address(&[AUCTION_VAULT_SEED, auction.as_ref()], &ampled::ID).0
}

pub fn distribution_address(proposal: &Pubkey) -> Pubkey {
    Pubkey::find_program_address(&[DISTRIBUTION_SEED, proposal.as_ref()], &ampled::ID).0
}

pub fn listing_address(community: &Pubkey, owner: &Pubkey, id: u64) -> Pubkey {
    Pubkey::find_program_address(
        &[
            LISTING_SEED,
            community.as_ref(),
            owner.as_ref(),
            &id.to_le_bytes(),
        ],
        &ampled::ID,
    )
    .0
}
