//! Bounties: posting, claims, evidence, decisions, ending, closing.

use super::*;

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
        poster_tokens: associated_token_address(poster, mint),
        token_program: TOKEN_PROGRAM,
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
        poster_tokens: associated_token_address(poster, mint),
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
            poster_tokens: escrow.map(|(poster, _)| associated_token_address(&poster, mint)),
            rent_payer: escrow.map(|(_, rent_payer)| rent_payer),
            mint: *mint,
            token_program: TOKEN_PROGRAM,
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
