//! A size and rent report for the accounts members create, at several community sizes, compared
//! with what a per-vote-account or per-member-key design would cost. Run with
//! `cargo run -p ampled-tests --example costs`.

use ampled::state::*;
use anchor_lang::prelude::{Pubkey, Rent};

fn sol(lamports: u64) -> String {
    format!("{:.6}", lamports as f64 / 1e9)
}

fn main() {
    let rent = Rent::default();
    let reward = ProposalAction::MintReward {
        recipient: Pubkey::default(),
        amount: 1,
        reason: "40 hours of street team flyering".into(),
    };
    println!("Account sizes (bytes) and rent-exempt deposits (SOL, refundable on close)");
    println!();
    println!(
        "{:>8} | {:>9} {:>9} | {:>9} {:>9} | {:>17} | {:>17}",
        "members",
        "proposal",
        "rent",
        "community",
        "rent",
        "Squads-style keys",
        "a record per vote"
    );
    for members in [3u32, 10, 100, 1_000, MAX_MEMBER_SLOTS] {
        let proposal = Proposal::space(&reward, members);
        let community = Community::space(members);
        // Squads v4 keeps 32-byte keys per approval, rejection and cancel; spl-governance creates a
        // 217-byte VoteRecord account per vote (rent of each counted here for all members).
        let squads = 3 * 32 * members as usize;
        let vote_records = rent.minimum_balance(217) * u64::from(members);
        println!(
            "{:>8} | {:>9} {:>9} | {:>9} {:>9} | {:>11} bytes | {:>13} SOL",
            members,
            proposal,
            sol(rent.minimum_balance(proposal)),
            community,
            sol(rent.minimum_balance(community)),
            squads,
            sol(vote_records),
        );
    }
    println!();
    println!("Fixed-size records");
    for (name, space) in [
        ("member", Member::SPACE),
        ("bounty", Bounty::SPACE),
        ("claim", Claim::SPACE),
        ("category budget", CategoryBudget::SPACE),
    ] {
        println!(
            "{name:>16}: {space:>4} bytes, {} SOL",
            sol(rent.minimum_balance(space))
        );
    }
    println!();
    println!("A vote creates no account and writes only its proposal (2 bits per member slot).");
}
