//! Members and proposals: one member, one vote.

use super::parse_role;
use crate::context::Context;
use crate::print;
use crate::Status;
use ampled::state::{Member, MemberStatus, Proposal, ProposalAction, ProposalStatus};
use ampled_client::amount::{format_time, format_time_left, parse_positive_amount};
use ampled_client::chain::Chain;
use ampled_client::events::short;
use ampled_client::read::{self, describe_action, CommunityView};
use ampled_client::{ClientError, Result};
use anchor_lang::prelude::Pubkey;
use clap::Subcommand;
use serde_json::{json, Value};

#[derive(Subcommand)]
pub enum MemberCommand {
    /// Every member with role, status and time bank total.
    List {
        /// Include removed members.
        #[arg(long)]
        all: bool,
    },
    /// One member: role, status, when they joined, what they earned.
    Show {
        /// Wallet name or address (default: the signing wallet).
        wallet: Option<String>,
    },
    /// Propose admitting a wallet.
    Add {
        wallet: String,
        /// worker, artist or community.
        #[arg(long, default_value = "community")]
        role: String,
    },
    /// Propose removing a member.
    Remove { wallet: String },
    /// Propose changing a member's role.
    Role {
        wallet: String,
        #[arg(long)]
        role: String,
    },
}

#[derive(Subcommand)]
pub enum ProposalCommand {
    /// Propose minting a reward to a wallet for work or value it brought.
    Reward {
        /// Wallet name or address.
        recipient: String,
        /// Whole tokens, e.g. 40 or 12.5.
        amount: String,
        #[arg(long)]
        reason: String,
    },
    /// Propose paying a wallet from the treasury.
    Transfer {
        recipient: String,
        amount: String,
        #[arg(long)]
        reason: String,
    },
    /// Open proposals with their tally (all of them with --all).
    List {
        #[arg(long)]
        all: bool,
    },
    /// One proposal: what it does, who voted, what it needs.
    Show { proposal: String },
    /// Vote yes.
    Approve { proposal: String },
    /// Vote no.
    Reject { proposal: String },
    /// Carry out a passed proposal.
    Execute { proposal: String },
    /// Withdraw your own proposal before it passes.
    Cancel { proposal: String },
}

fn member_json(
    community: &CommunityView,
    member: &Member,
    label: &dyn Fn(&Pubkey) -> String,
) -> Value {
    json!({
        "wallet": member.wallet.to_string(),
        "name": label(&member.wallet),
        "role": format!("{:?}", member.role),
        "status": format!("{:?}", member.status),
        "joined_at": member.joined_at,
        "removed_at": member.removed_at,
        "total_earned": community.amount(member.total_earned),
        "rewards_received": member.rewards_received,
    })
}

pub async fn member(ctx: &mut Context, command: MemberCommand) -> Result<Status> {
    let community = ctx.community().await?;
    match command {
        MemberCommand::List { all } => {
            let members: Vec<Member> = read::members(&mut ctx.chain, &community.address)
                .await?
                .into_iter()
                .filter(|m| all || m.is_active())
                .collect();
            let label = ctx.label();
            print::either(
                ctx,
                json!(members
                    .iter()
                    .map(|m| member_json(&community, m, &label))
                    .collect::<Vec<_>>()),
                || {
                    let mut text = format!(
                        "{:<44} {:<16} {:<8} {:>14}\n",
                        "member", "role", "status", "earned"
                    );
                    for m in &members {
                        text.push_str(&format!(
                            "{:<44} {:<16} {:<8} {:>14}\n",
                            label(&m.wallet),
                            format!("{:?}", m.role),
                            format!("{:?}", m.status),
                            community.amount(m.total_earned)
                        ));
                    }
                    text
                },
            );
        }
        MemberCommand::Show { wallet } => {
            let address = match wallet {
                Some(wallet) => ctx.address(&wallet)?,
                None => ctx.my_address()?,
            };
            let member = read::member(&mut ctx.chain, &community, &address)
                .await?
                .ok_or_else(|| {
                    ClientError::refused(format!(
                        "{address} is not a member of {}",
                        community.name()
                    ))
                })?;
            let balance = read::wallet_balance(&mut ctx.chain, &community, &address).await?;
            let label = ctx.label();
            let mut value = member_json(&community, &member, &label);
            value["balance"] = json!(community.amount(balance));
            print::either(ctx, value, || {
                let mut text = format!(
                    "{} ({})\n  role         {:?}\n  status       {:?}\n  joined       {}\n  time bank    {} AMPLED earned from {} reward(s)\n  balance      {} AMPLED",
                    label(&member.wallet),
                    member.wallet,
                    member.role,
                    member.status,
                    format_time(member.joined_at),
                    community.amount(member.total_earned),
                    member.rewards_received,
                    community.amount(balance),
                );
                if let Some(removed) = member.removed_at {
                    text.push_str(&format!("\n  removed      {}", format_time(removed)));
                }
                text
            });
        }
        MemberCommand::Add { wallet, role } => {
            let action = ProposalAction::AddMember {
                wallet: ctx.address(&wallet)?,
                role: parse_role(&role)?,
            };
            propose(ctx, &community, action).await?;
        }
        MemberCommand::Remove { wallet } => {
            let action = ProposalAction::RemoveMember {
                wallet: ctx.address(&wallet)?,
            };
            propose(ctx, &community, action).await?;
        }
        MemberCommand::Role { wallet, role } => {
            let action = ProposalAction::ChangeRole {
                wallet: ctx.address(&wallet)?,
                role: parse_role(&role)?,
            };
            propose(ctx, &community, action).await?;
        }
    }
    Ok(Status::Done)
}

/// Sends a proposal and says how members vote on it.
pub async fn propose(
    ctx: &mut Context,
    community: &CommunityView,
    action: ProposalAction,
) -> Result<Pubkey> {
    let label = ctx.label();
    let what = describe_action(&action, community.decimals, &label);
    print::progress(ctx, &format!("proposing to {what}"));
    let outcome = ctx.client()?.propose(community, action).await?;
    let proposal = outcome.created.expect("a proposal was created");
    print::outcome(
        ctx,
        Some(community),
        &format!(
            "Proposed {}: {what}\n  members vote with `ampled proposal approve {}` (or reject)",
            short(&proposal),
            short(&proposal)
        ),
        &outcome,
    );
    Ok(proposal)
}

fn status_of(proposal: &Proposal, community: &CommunityView, now: i64) -> String {
    let expired = now >= proposal.voting_ends_at;
    let stale = proposal.rules_version != community.state.rules_version;
    match proposal.status {
        ProposalStatus::Voting | ProposalStatus::Approved if stale => {
            "Stale (rules changed)".into()
        }
        ProposalStatus::Voting | ProposalStatus::Approved if expired => "Expired".into(),
        ProposalStatus::Voting if proposal.tally(&community.state).passed() => "Approved".into(),
        status => format!("{status:?}"),
    }
}

/// `3d 2h left`, or `ended` once the voting period is over.
fn time_left(now: i64, end: i64) -> String {
    match format_time_left(now, end) {
        ended if now >= end => ended,
        left => format!("{left} left"),
    }
}

fn is_open(proposal: &Proposal, community: &CommunityView, now: i64) -> bool {
    !proposal.is_finished(&community.state, now)
}

fn proposal_json(
    address: &Pubkey,
    proposal: &Proposal,
    community: &CommunityView,
    now: i64,
    label: &dyn Fn(&Pubkey) -> String,
) -> Value {
    let tally = proposal.tally(&community.state);
    json!({
        "address": address.to_string(),
        "id": short(address),
        "proposer": label(&proposal.proposer),
        "action": describe_action(&proposal.action, community.decimals, label),
        "status": status_of(proposal, community, now),
        "approvals": tally.approvals,
        "rejections": tally.rejections,
        "required": tally.required,
        "eligible": tally.eligible,
        "voting_ends_at": proposal.voting_ends_at,
    })
}

pub async fn proposal(ctx: &mut Context, command: ProposalCommand) -> Result<Status> {
    let community = ctx.community().await?;
    match command {
        ProposalCommand::Reward {
            recipient,
            amount,
            reason,
        } => {
            let action = ProposalAction::MintReward {
                recipient: ctx.address(&recipient)?,
                amount: parse_positive_amount(&amount, community.decimals)?,
                reason,
            };
            propose(ctx, &community, action).await?;
        }
        ProposalCommand::Transfer {
            recipient,
            amount,
            reason,
        } => {
            let action = ProposalAction::TreasuryTransfer {
                recipient: ctx.address(&recipient)?,
                amount: parse_positive_amount(&amount, community.decimals)?,
                reason,
            };
            propose(ctx, &community, action).await?;
        }
        ProposalCommand::List { all } => {
            let now = ctx.chain.now().await?;
            let proposals: Vec<(Pubkey, Proposal)> =
                read::proposals(&mut ctx.chain, &community.address)
                    .await?
                    .into_iter()
                    .filter(|(_, p)| all || is_open(p, &community, now))
                    .collect();
            let label = ctx.label();
            print::either(
                ctx,
                json!(proposals
                    .iter()
                    .map(|(a, p)| proposal_json(a, p, &community, now, &label))
                    .collect::<Vec<_>>()),
                || {
                    if proposals.is_empty() {
                        return "No open proposals".into();
                    }
                    proposals
                        .iter()
                        .map(|(address, p)| {
                            let tally = p.tally(&community.state);
                            format!(
                                "{}  {:<10} {}/{} approvals, {} against, {}  {}",
                                short(address),
                                status_of(p, &community, now),
                                tally.approvals,
                                tally.required,
                                tally.rejections,
                                time_left(now, p.voting_ends_at),
                                describe_action(&p.action, community.decimals, &label)
                            )
                        })
                        .collect::<Vec<_>>()
                        .join("\n")
                },
            );
        }
        ProposalCommand::Show { proposal } => {
            let now = ctx.chain.now().await?;
            let (address, p) = find(ctx, &community, &proposal).await?;
            let members = read::members(&mut ctx.chain, &community.address).await?;
            let label = ctx.label();
            let voted = |bits: &[u8]| -> Vec<String> {
                members
                    .iter()
                    .filter(|m| {
                        m.status == MemberStatus::Active
                            && ampled::utils::bitmap::get(bits, m.index)
                    })
                    .map(|m| label(&m.wallet))
                    .collect()
            };
            let (approved, rejected) = (voted(&p.approvals), voted(&p.rejections));
            let mut value = proposal_json(&address, &p, &community, now, &label);
            value["approved_by"] = json!(approved);
            value["rejected_by"] = json!(rejected);
            print::either(ctx, value, || {
                let tally = p.tally(&community.state);
                format!(
                    "Proposal {} by {}\n  action       {}\n  status       {}\n  approvals    {} of {} needed ({} eligible){}\n  rejections   {}{}\n  voting ends  {} ({})",
                    address,
                    label(&p.proposer),
                    describe_action(&p.action, community.decimals, &label),
                    status_of(&p, &community, now),
                    tally.approvals,
                    tally.required,
                    tally.eligible,
                    if approved.is_empty() { String::new() } else { format!(": {}", approved.join(", ")) },
                    tally.rejections,
                    if rejected.is_empty() { String::new() } else { format!(": {}", rejected.join(", ")) },
                    format_time(p.voting_ends_at),
                    time_left(now, p.voting_ends_at),
                )
            });
        }
        ProposalCommand::Approve { proposal } => vote(ctx, &community, &proposal, true).await?,
        ProposalCommand::Reject { proposal } => vote(ctx, &community, &proposal, false).await?,
        ProposalCommand::Execute { proposal } => {
            let (address, p) = find(ctx, &community, &proposal).await?;
            let label = ctx.label();
            let what = describe_action(&p.action, community.decimals, &label);
            print::progress(ctx, &format!("executing {}: {what}", short(&address)));
            let outcome = ctx.client()?.execute(&community, &address).await?;
            print::outcome(
                ctx,
                Some(&community),
                &format!("Executed {}: {what}", short(&address)),
                &outcome,
            );
        }
        ProposalCommand::Cancel { proposal } => {
            let (address, _) = find(ctx, &community, &proposal).await?;
            let outcome = ctx.client()?.cancel_proposal(&community, &address).await?;
            print::outcome(
                ctx,
                Some(&community),
                &format!("Cancelled proposal {}", short(&address)),
                &outcome,
            );
        }
    }
    Ok(Status::Done)
}

async fn find(
    ctx: &mut Context,
    community: &CommunityView,
    prefix: &str,
) -> Result<(Pubkey, Proposal)> {
    let proposals = read::proposals(&mut ctx.chain, &community.address).await?;
    read::pick(proposals, prefix, "proposal")
}

async fn vote(
    ctx: &mut Context,
    community: &CommunityView,
    prefix: &str,
    approve: bool,
) -> Result<()> {
    let (address, _) = find(ctx, community, prefix).await?;
    print::progress(
        ctx,
        &format!(
            "{} proposal {}",
            if approve { "approving" } else { "rejecting" },
            short(&address)
        ),
    );
    let outcome = ctx.client()?.vote(community, &address, approve).await?;
    let passed = outcome.events.iter().any(|e| matches!(e, ampled_client::events::Event::VoteCast(v) if v.status == ProposalStatus::Approved));
    let headline = format!(
        "{} proposal {}{}",
        if approve { "Approved" } else { "Rejected" },
        short(&address),
        if passed {
            format!(
                "; it has passed: execute it with `ampled proposal execute {}`",
                short(&address)
            )
        } else {
            String::new()
        }
    );
    print::outcome(ctx, Some(community), &headline, &outcome);
    Ok(())
}
