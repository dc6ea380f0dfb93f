//! Instruction builders and addresses, from the program's own Anchor-generated account and
//! argument types, so a test that tampers with one account says which by name.

use ampled::instructions::{
    CastVoteArgs, CreateCommunityArgs, CreateProposalArgs, ListAuctionArgs, PlaceBidArgs,
    PostBountyArgs, RejectBountyClaimArgs, SubmitEvidenceArgs,
};
use ampled::state::*;
use anchor_lang::prelude::{AccountMeta, Pubkey};
use anchor_lang::solana_program::system_program;
use anchor_lang::{InstructionData, ToAccountMetas};
use anchor_spl::associated_token::{self, get_associated_token_address};
use anchor_spl::token;
use solana_instruction::Instruction;

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

/// Assembles an instruction of this program.
pub fn instruction(accounts: impl ToAccountMetas, data: impl InstructionData) -> Instruction {
    instruction_with(accounts.to_account_metas(None), data)
}

pub fn instruction_with(accounts: Vec<AccountMeta>, data: impl InstructionData) -> Instruction {
    Instruction {
        program_id: ampled::ID,
        accounts,
        data: data.data(),
    }
}

pub fn create_community_accounts(payer: &Pubkey, name: &str) -> ampled::accounts::CreateCommunity {
    let community = community_address(name);
    ampled::accounts::CreateCommunity {
        payer: *payer,
        community,
        mint: mint_address(&community),
        treasury: treasury_address(&community),
        token_program: token::ID,
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

/// The record a proposal of `action` is about: the membership record of the wallet it names, or
/// the claim it decides.
pub fn proposal_target_address(community: &Pubkey, action: &ProposalAction) -> Option<Pubkey> {
    action.target().map(|target| match target {
        ProposalTarget::Member { wallet } => member_address(community, &wallet),
        ProposalTarget::Claim { claim } => claim,
    })
}

/// `create_proposal`, with the accounts the action's target and beneficiary need.
pub fn create_proposal(
    community: &Pubkey,
    proposer: &Pubkey,
    proposal: Pubkey,
    action: ProposalAction,
) -> Instruction {
    instruction(
        ampled::accounts::CreateProposal {
            proposer: *proposer,
            community: *community,
            proposer_member: member_address(community, proposer),
            proposal,
            target: proposal_target_address(community, &action),
            beneficiary_member: action
                .beneficiary()
                .map(|wallet| member_address(community, &wallet)),
            system_program: system_program::ID,
            event_authority: event_authority(),
            program: ampled::ID,
        },
        ampled::instruction::CreateProposal {
            args: CreateProposalArgs { action },
        },
    )
}

pub fn cast_vote_accounts(
    community: &Pubkey,
    proposal: &Pubkey,
    voter: &Pubkey,
) -> ampled::accounts::CastVote {
    ampled::accounts::CastVote {
        voter: *voter,
        community: *community,
        voter_member: member_address(community, voter),
        proposal: *proposal,
        event_authority: event_authority(),
        program: ampled::ID,
    }
}

pub fn cast_vote(
    community: &Pubkey,
    proposal: &Pubkey,
    voter: &Pubkey,
    approve: bool,
) -> Instruction {
    instruction(
        cast_vote_accounts(community, proposal, voter),
        ampled::instruction::CastVote {
            args: CastVoteArgs { approve },
        },
    )
}

pub fn cancel_proposal(community: &Pubkey, proposal: &Pubkey, proposer: &Pubkey) -> Instruction {
    instruction(
        ampled::accounts::CancelProposal {
            proposer: *proposer,
            community: *community,
            proposal: *proposal,
            event_authority: event_authority(),
            program: ampled::ID,
        },
        ampled::instruction::CancelProposal {},
    )
}

/// `close_proposal`; `target` is the proposal's recorded target, which lets a proposal whose
/// target changed be closed at once.
pub fn close_proposal(
    community: &Pubkey,
    proposal: &Pubkey,
    proposer: &Pubkey,
    target: Option<Pubkey>,
) -> Instruction {
    instruction(
        ampled::accounts::CloseProposal {
            community: *community,
            proposal: *proposal,
            proposer: *proposer,
            target,
            event_authority: event_authority(),
            program: ampled::ID,
        },
        ampled::instruction::CloseProposal {},
    )
}

pub fn token_payout(
    payer: &Pubkey,
    mint: &Pubkey,
    recipient: &Pubkey,
) -> ampled::accounts::TokenPayout {
    ampled::accounts::TokenPayout {
        payer: *payer,
        mint: *mint,
        recipient: *recipient,
        recipient_tokens: get_associated_token_address(recipient, mint),
        token_program: token::ID,
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

/// Records an `execute_*` instruction is built from, beyond the proposal itself: read them from
/// the chain as `ExecuteRecords::needed` says, then call `execute_proposal`.
#[derive(Clone, Debug, Default)]
pub struct ExecuteRecords {
    /// The proposer's membership record: its counters seed what `PostBounty` and `ListAuction`
    /// create.
    pub proposer: Option<Member>,
    /// The claim a `PayBountyClaim` or `RejectBountyClaim` decides.
    pub claim: Option<Claim>,
    /// That claim's bounty (its category selects the budget a payment counts against).
    pub claim_bounty: Option<Bounty>,
}

/// Which records executing `action` needs.
pub struct NeededRecords {
    pub proposer_member: bool,
    pub claim: Option<Pubkey>,
}

impl ExecuteRecords {
    pub fn needed(action: &ProposalAction) -> NeededRecords {
        NeededRecords {
            proposer_member: matches!(
                action,
                ProposalAction::PostBounty { .. } | ProposalAction::ListAuction { .. }
            ),
            claim: match action {
                ProposalAction::PayBountyClaim { claim, .. }
                | ProposalAction::RejectBountyClaim { claim, .. } => Some(*claim),
                _ => None,
            },
        }
    }
}

/// A record `execute_proposal` needed and was not given (it no longer exists on chain).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MissingRecord {
    ProposerMember,
    Claim,
    ClaimBounty,
}

/// The instruction that executes an approved proposal, whatever its action: the one builder the
/// client and the tests share, so the per-action dispatch exists once.
pub fn execute_proposal(
    community: &Pubkey,
    mint: &Pubkey,
    proposal: &Pubkey,
    action: &ProposalAction,
    proposer: &Pubkey,
    records: &ExecuteRecords,
    payer: &Pubkey,
) -> Result<Instruction, MissingRecord> {
    let event_authority = event_authority();
    Ok(match action {
        ProposalAction::MintReward { recipient, .. } => instruction(
            execute_mint_reward_accounts(community, mint, proposal, recipient, payer),
            ampled::instruction::ExecuteMintReward {},
        ),
        ProposalAction::TreasuryTransfer { recipient, .. } => instruction(
            execute_treasury_transfer_accounts(community, mint, proposal, recipient, payer),
            ampled::instruction::ExecuteTreasuryTransfer {},
        ),
        ProposalAction::AddMember { wallet, .. } => instruction(
            ampled::accounts::ExecuteAddMember {
                executor: *payer,
                community: *community,
                proposal: *proposal,
                wallet: *wallet,
                member: member_address(community, wallet),
                system_program: system_program::ID,
                event_authority,
                program: ampled::ID,
            },
            ampled::instruction::ExecuteAddMember {},
        ),
        ProposalAction::RemoveMember { wallet } => instruction(
            ampled::accounts::ExecuteRemoveMember {
                community: *community,
                proposal: *proposal,
                member: member_address(community, wallet),
                event_authority,
                program: ampled::ID,
            },
            ampled::instruction::ExecuteRemoveMember {},
        ),
        ProposalAction::ChangeRole { wallet, .. } => instruction(
            ampled::accounts::ExecuteChangeRole {
                community: *community,
                proposal: *proposal,
                member: member_address(community, wallet),
                event_authority,
                program: ampled::ID,
            },
            ampled::instruction::ExecuteChangeRole {},
        ),
        ProposalAction::PostBounty { .. } => {
            let poster = records
                .proposer
                .as_ref()
                .ok_or(MissingRecord::ProposerMember)?;
            execute_post_bounty(community, proposal, proposer, poster.bounties_posted, payer)
        }
        ProposalAction::ListAuction { .. } => {
            let lister = records
                .proposer
                .as_ref()
                .ok_or(MissingRecord::ProposerMember)?;
            execute_list_auction(
                community,
                mint,
                proposal,
                proposer,
                lister.auctions_listed,
                payer,
            )
        }
        ProposalAction::PayBountyClaim { claimant, .. } => {
            let claim = records.claim.as_ref().ok_or(MissingRecord::Claim)?;
            let bounty = records
                .claim_bounty
                .as_ref()
                .ok_or(MissingRecord::ClaimBounty)?;
            instruction(
                execute_pay_bounty_claim_accounts(
                    community,
                    mint,
                    proposal,
                    &claim.bounty,
                    claimant,
                    bounty.category,
                    payer,
                ),
                ampled::instruction::ExecutePayBountyClaim {},
            )
        }
        ProposalAction::RejectBountyClaim { claim, .. } => {
            let stored = records.claim.as_ref().ok_or(MissingRecord::Claim)?;
            execute_reject_bounty_claim(community, proposal, &stored.bounty, claim)
        }
        ProposalAction::SetCategoryBudget { category, .. } => {
            execute_set_category_budget(community, proposal, *category, payer)
        }
        ProposalAction::UpdateRules { .. } => instruction(
            ampled::accounts::ExecuteUpdateRules {
                community: *community,
                proposal: *proposal,
                mint: *mint,
                event_authority,
                program: ampled::ID,
            },
            ampled::instruction::ExecuteUpdateRules {},
        ),
    })
}

// Bounties.

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

pub fn post_bounty_accounts(
    community: &Pubkey,
    mint: &Pubkey,
    poster: &Pubkey,
    nonce: u64,
) -> ampled::accounts::PostBounty {
    let bounty = bounty_address(community, poster, nonce);
    ampled::accounts::PostBounty {
        poster: *poster,
        community: *community,
        poster_member: member_address(community, poster),
        bounty,
        vault: bounty_vault_address(&bounty),
        mint: *mint,
        poster_tokens: get_associated_token_address(poster, mint),
        token_program: token::ID,
        system_program: system_program::ID,
        event_authority: event_authority(),
        program: ampled::ID,
    }
}

pub fn post_bounty(
    community: &Pubkey,
    mint: &Pubkey,
    poster: &Pubkey,
    nonce: u64,
    terms: BountyTerms,
) -> Instruction {
    instruction(
        post_bounty_accounts(community, mint, poster, nonce),
        ampled::instruction::PostBounty {
            args: PostBountyArgs { terms },
        },
    )
}

pub fn execute_post_bounty(
    community: &Pubkey,
    proposal: &Pubkey,
    proposer: &Pubkey,
    nonce: u64,
    executor: &Pubkey,
) -> Instruction {
    instruction(
        ampled::accounts::ExecutePostBounty {
            executor: *executor,
            community: *community,
            proposal: *proposal,
            poster_member: member_address(community, proposer),
            bounty: bounty_address(community, proposer, nonce),
            system_program: system_program::ID,
            event_authority: event_authority(),
            program: ampled::ID,
        },
        ampled::instruction::ExecutePostBounty {},
    )
}

pub fn claim_bounty(bounty: &Pubkey, claimant: &Pubkey) -> Instruction {
    instruction(
        ampled::accounts::ClaimBounty {
            claimant: *claimant,
            bounty: *bounty,
            claim: claim_address(bounty, claimant),
            system_program: system_program::ID,
            event_authority: event_authority(),
            program: ampled::ID,
        },
        ampled::instruction::ClaimBounty {},
    )
}

pub fn submit_evidence(bounty: &Pubkey, claimant: &Pubkey, evidence_uri: &str) -> Instruction {
    instruction(
        ampled::accounts::SubmitEvidence {
            claimant: *claimant,
            bounty: *bounty,
            claim: claim_address(bounty, claimant),
            event_authority: event_authority(),
            program: ampled::ID,
        },
        ampled::instruction::SubmitEvidence {
            args: SubmitEvidenceArgs {
                evidence_uri: evidence_uri.to_string(),
            },
        },
    )
}

pub fn withdraw_claim(bounty: &Pubkey, claimant: &Pubkey) -> Instruction {
    instruction(
        ampled::accounts::WithdrawClaim {
            claimant: *claimant,
            bounty: *bounty,
            claim: claim_address(bounty, claimant),
            event_authority: event_authority(),
            program: ampled::ID,
        },
        ampled::instruction::WithdrawClaim {},
    )
}

pub fn approve_bounty_claim_accounts(
    community: &Pubkey,
    mint: &Pubkey,
    bounty: &Pubkey,
    claimant: &Pubkey,
    poster: &Pubkey,
) -> ampled::accounts::ApproveBountyClaim {
    ampled::accounts::ApproveBountyClaim {
        community: *community,
        bounty: *bounty,
        claim: claim_address(bounty, claimant),
        vault: bounty_vault_address(bounty),
        payout: token_payout(poster, mint, claimant),
        poster_tokens: get_associated_token_address(poster, mint),
        claimant_member: member_address(community, claimant),
        event_authority: event_authority(),
        program: ampled::ID,
    }
}

pub fn approve_bounty_claim(
    community: &Pubkey,
    mint: &Pubkey,
    bounty: &Pubkey,
    claimant: &Pubkey,
    poster: &Pubkey,
) -> Instruction {
    instruction(
        approve_bounty_claim_accounts(community, mint, bounty, claimant, poster),
        ampled::instruction::ApproveBountyClaim {},
    )
}

pub fn reject_bounty_claim(
    bounty: &Pubkey,
    claimant: &Pubkey,
    poster: &Pubkey,
    reason: &str,
) -> Instruction {
    instruction(
        ampled::accounts::RejectBountyClaim {
            poster: *poster,
            bounty: *bounty,
            claim: claim_address(bounty, claimant),
            event_authority: event_authority(),
            program: ampled::ID,
        },
        ampled::instruction::RejectBountyClaim {
            args: RejectBountyClaimArgs {
                reason: reason.to_string(),
            },
        },
    )
}

#[allow(clippy::too_many_arguments)]
pub fn execute_pay_bounty_claim_accounts(
    community: &Pubkey,
    mint: &Pubkey,
    proposal: &Pubkey,
    bounty: &Pubkey,
    claimant: &Pubkey,
    category: BountyCategory,
    payer: &Pubkey,
) -> ampled::accounts::ExecutePayBountyClaim {
    ampled::accounts::ExecutePayBountyClaim {
        community: *community,
        proposal: *proposal,
        bounty: *bounty,
        claim: claim_address(bounty, claimant),
        payout: token_payout(payer, mint, claimant),
        claimant_member: member_address(community, claimant),
        category_budget: budget_address(community, category),
        event_authority: event_authority(),
        program: ampled::ID,
    }
}

pub fn execute_reject_bounty_claim(
    community: &Pubkey,
    proposal: &Pubkey,
    bounty: &Pubkey,
    claim: &Pubkey,
) -> Instruction {
    instruction(
        ampled::accounts::ExecuteRejectBountyClaim {
            community: *community,
            proposal: *proposal,
            bounty: *bounty,
            claim: *claim,
            event_authority: event_authority(),
            program: ampled::ID,
        },
        ampled::instruction::ExecuteRejectBountyClaim {},
    )
}

pub fn execute_set_category_budget(
    community: &Pubkey,
    proposal: &Pubkey,
    category: BountyCategory,
    executor: &Pubkey,
) -> Instruction {
    instruction(
        ampled::accounts::ExecuteSetCategoryBudget {
            executor: *executor,
            community: *community,
            proposal: *proposal,
            category_budget: budget_address(community, category),
            system_program: system_program::ID,
            event_authority: event_authority(),
            program: ampled::ID,
        },
        ampled::instruction::ExecuteSetCategoryBudget {},
    )
}

/// `end_bounty`; `escrow` is `Some((poster, rent_payer))` for member-funded bounties.
pub fn end_bounty(
    community: &Pubkey,
    mint: &Pubkey,
    bounty: &Pubkey,
    caller: &Pubkey,
    escrow: Option<(Pubkey, Pubkey)>,
) -> Instruction {
    instruction(
        ampled::accounts::EndBounty {
            caller: *caller,
            community: *community,
            bounty: *bounty,
            vault: escrow.map(|_| bounty_vault_address(bounty)),
            poster_tokens: escrow.map(|(poster, _)| get_associated_token_address(&poster, mint)),
            rent_payer: escrow.map(|(_, rent_payer)| rent_payer),
            mint: *mint,
            token_program: token::ID,
            event_authority: event_authority(),
            program: ampled::ID,
        },
        ampled::instruction::EndBounty {},
    )
}

pub fn close_bounty(bounty: &Pubkey, rent_payer: &Pubkey) -> Instruction {
    instruction(
        ampled::accounts::CloseBounty {
            bounty: *bounty,
            rent_payer: *rent_payer,
            event_authority: event_authority(),
            program: ampled::ID,
        },
        ampled::instruction::CloseBounty {},
    )
}

pub fn close_claim(bounty: &Pubkey, claimant: &Pubkey) -> Instruction {
    instruction(
        ampled::accounts::CloseClaim {
            claim: claim_address(bounty, claimant),
            bounty: *bounty,
            claimant: *claimant,
            event_authority: event_authority(),
            program: ampled::ID,
        },
        ampled::instruction::CloseClaim {},
    )
}

// Commissary.

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
            token_program: token::ID,
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
            token_program: token::ID,
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
        bidder_tokens: get_associated_token_address(bidder, mint),
        bidder_member: member.then(|| member_address(community, bidder)),
        previous_bidder: previous,
        previous_bidder_tokens: previous.map(|p| get_associated_token_address(&p, mint)),
        token_program: token::ID,
        associated_token_program: associated_token::ID,
        system_program: system_program::ID,
        event_authority: event_authority(),
        program: ampled::ID,
    }
}

pub fn place_bid(accounts: ampled::accounts::PlaceBid, amount: u64) -> Instruction {
    instruction(
        accounts,
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
        token_program: token::ID,
        associated_token_program: associated_token::ID,
        system_program: system_program::ID,
        event_authority: event_authority(),
        program: ampled::ID,
    }
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
            lister_tokens: get_associated_token_address(lister, mint),
            rent_payer: *rent_payer,
            token_program: token::ID,
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
