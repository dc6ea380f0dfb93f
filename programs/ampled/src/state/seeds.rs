//! Every PDA seed the program derives, in one place, so client and program can never disagree.

/// `[COMMUNITY_SEED, name]`: the community account. It is also the mint authority and the
/// treasury owner, so only this program, following a member-approved proposal, can sign for them.
pub const COMMUNITY_SEED: &[u8] = b"community";
/// `[MINT_SEED, community]`: the community's Token-2022 mint.
pub const MINT_SEED: &[u8] = b"mint";
/// `[TREASURY_SEED, community]`: the community's treasury token account.
pub const TREASURY_SEED: &[u8] = b"treasury";
/// `[MEMBER_SEED, community, wallet]`: one membership record per wallet and community.
pub const MEMBER_SEED: &[u8] = b"member";
/// `[PROPOSAL_SEED, community, proposer, nonce (u64 LE)]`: seeded by the proposer's own counter
/// so that creating a proposal never writes the shared community account.
pub const PROPOSAL_SEED: &[u8] = b"proposal";
/// `[BOUNTY_SEED, community, poster, nonce (u64 LE)]`: a bounty, seeded by its poster's counter.
pub const BOUNTY_SEED: &[u8] = b"bounty";
/// `[BOUNTY_VAULT_SEED, bounty]`: escrow of a member-funded bounty, owned by the community PDA.
pub const BOUNTY_VAULT_SEED: &[u8] = b"bounty_vault";
/// `[CLAIM_SEED, bounty, claimant]`: one claim per wallet and bounty.
pub const CLAIM_SEED: &[u8] = b"claim";
/// `[BUDGET_SEED, community, category (u8)]`: how much co-op bounties of a category may mint.
pub const BUDGET_SEED: &[u8] = b"budget";
/// `[AUCTION_SEED, community, lister, nonce (u64 LE)]`: a commissary auction.
pub const AUCTION_SEED: &[u8] = b"auction";
/// `[AUCTION_VAULT_SEED, auction]`: escrow of the highest bid, owned by the community PDA.
pub const AUCTION_VAULT_SEED: &[u8] = b"auction_vault";
/// `[DISTRIBUTION_SEED, proposal]`: the distribution a proposal approved.
pub const DISTRIBUTION_SEED: &[u8] = b"distribution";
/// `[LISTING_SEED, community, owner, id (u64 LE)]`: a directory listing.
pub const LISTING_SEED: &[u8] = b"listing";
