//! The commissary: listing, bidding, settling, cancelling, handing over, closing.

use super::*;

pub fn list_auction(
    community: &Pubkey,
    mint: &Pubkey,
    lister: &Pubkey,
    nonce: u64,
    terms: AuctionTerms,
) -> Instruction {
    let auction = auction_address(community, lister, nonce);
    instruction(
        ampled::accounts::ListAuction {
            lister: *lister,
            community: *community,
            lister_member: member_address(community, lister),
            auction,
            vault: auction_vault_address(&auction),
            mint: *mint,
            token_program: TOKEN_PROGRAM,
            system_program: system_program::ID,
            event_authority: event_authority(),
            program: ampled::ID,
        },
        ampled::instruction::ListAuction {
            args: ListAuctionArgs { terms },
        },
    )
}

pub fn execute_list_auction(
    community: &Pubkey,
    mint: &Pubkey,
    proposal: &Pubkey,
    proposer: &Pubkey,
    nonce: u64,
    executor: &Pubkey,
) -> Instruction {
    let auction = auction_address(community, proposer, nonce);
    instruction(
        ampled::accounts::ExecuteListAuction {
            executor: *executor,
            community: *community,
            proposal: *proposal,
            lister_member: member_address(community, proposer),
            auction,
            vault: auction_vault_address(&auction),
            mint: *mint,
            token_program: TOKEN_PROGRAM,
            system_program: system_program::ID,
            event_authority: event_authority(),
            program: ampled::ID,
        },
        ampled::instruction::ExecuteListAuction {},
    )
}

/// `place_bid` from `bidder`'s associated token account; `previous` is the current highest
/// bidder, if any; `member` says whether to pass the bidder's membership record.
pub fn place_bid_accounts(
    community: &Pubkey,
    mint: &Pubkey,
    auction: &Pubkey,
    bidder: &Pubkey,
    previous: Option<Pubkey>,
    member: bool,
) -> ampled::accounts::PlaceBid {
    ampled::accounts::PlaceBid {
        bidder: *bidder,
        community: *community,
        auction: *auction,
        vault: auction_vault_address(auction),
        mint: *mint,
        bidder_tokens: associated_token_address(bidder, mint),
        bidder_member: member.then(|| member_address(community, bidder)),
        previous_bidder: previous,
        previous_bidder_tokens: previous.map(|p| associated_token_address(&p, mint)),
        token_program: TOKEN_PROGRAM,
        associated_token_program: associated_token::ID,
        system_program: system_program::ID,
        event_authority: event_authority(),
        program: ampled::ID,
    }
}

/// `place_bid` of `amount` from `bidder`'s associated token account, refunding `previous`.
pub fn place_bid(
    community: &Pubkey,
    mint: &Pubkey,
    auction: &Pubkey,
    bidder: &Pubkey,
    previous: Option<Pubkey>,
    member: bool,
    amount: u64,
) -> Instruction {
    instruction(
        place_bid_accounts(community, mint, auction, bidder, previous, member),
        ampled::instruction::PlaceBid {
            args: PlaceBidArgs { amount },
        },
    )
}

/// `settle_auction` paying `proceeds_account` (owned by `seller` for a member's item).
pub fn settle_auction_accounts(
    community: &Pubkey,
    mint: &Pubkey,
    auction: &Pubkey,
    proceeds_account: &Pubkey,
    seller: &Pubkey,
    rent_payer: &Pubkey,
    caller: &Pubkey,
) -> ampled::accounts::SettleAuction {
    ampled::accounts::SettleAuction {
        caller: *caller,
        community: *community,
        auction: *auction,
        vault: auction_vault_address(auction),
        mint: *mint,
        proceeds_account: *proceeds_account,
        seller: *seller,
        rent_payer: *rent_payer,
        token_program: TOKEN_PROGRAM,
        associated_token_program: associated_token::ID,
        system_program: system_program::ID,
        event_authority: event_authority(),
        program: ampled::ID,
    }
}

/// `settle_auction` paying `proceeds_account` (owned by `seller` for a member's item).
pub fn settle_auction(
    community: &Pubkey,
    mint: &Pubkey,
    auction: &Pubkey,
    proceeds_account: &Pubkey,
    seller: &Pubkey,
    rent_payer: &Pubkey,
    caller: &Pubkey,
) -> Instruction {
    instruction(
        settle_auction_accounts(
            community,
            mint,
            auction,
            proceeds_account,
            seller,
            rent_payer,
            caller,
        ),
        ampled::instruction::SettleAuction {},
    )
}

pub fn cancel_auction(
    community: &Pubkey,
    mint: &Pubkey,
    auction: &Pubkey,
    lister: &Pubkey,
    rent_payer: &Pubkey,
) -> Instruction {
    instruction(
        ampled::accounts::CancelAuction {
            lister: *lister,
            community: *community,
            auction: *auction,
            vault: auction_vault_address(auction),
            mint: *mint,
            lister_tokens: associated_token_address(lister, mint),
            rent_payer: *rent_payer,
            token_program: TOKEN_PROGRAM,
            event_authority: event_authority(),
            program: ampled::ID,
        },
        ampled::instruction::CancelAuction {},
    )
}

pub fn mark_handed_over(auction: &Pubkey, signer: &Pubkey) -> Instruction {
    instruction(
        ampled::accounts::MarkHandedOver {
            signer: *signer,
            auction: *auction,
            event_authority: event_authority(),
            program: ampled::ID,
        },
        ampled::instruction::MarkHandedOver {},
    )
}

pub fn close_auction(auction: &Pubkey, rent_payer: &Pubkey) -> Instruction {
    instruction(
        ampled::accounts::CloseAuction {
            auction: *auction,
            rent_payer: *rent_payer,
            event_authority: event_authority(),
            program: ampled::ID,
        },
        ampled::instruction::CloseAuction {},
    )
}
