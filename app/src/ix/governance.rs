//! Proposals and votes, and the one builder that executes any approved proposal.

use super::*;

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
                event_authority,
                program: ampled::ID,
            },
            ampled::instruction::ExecuteUpdateRules {},
        ),
        ProposalAction::UpdateTokenMetadata { .. } => instruction(
            execute_update_token_metadata_accounts(community, mint, proposal, payer),
            ampled::instruction::ExecuteUpdateTokenMetadata {},
        ),
        ProposalAction::Distribute { .. } => instruction(
            execute_distribute_accounts(community, proposal, payer),
            ampled::instruction::ExecuteDistribute {},
        ),
    })
}
