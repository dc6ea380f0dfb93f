//! Bounties: members post work, any wallet claims it, submits evidence and is paid on approval.

use super::positive_duration;
use crate::context::Context;
use crate::print;
use crate::Status;
use ampled::state::{
    Bounty, BountyCategory, BountyFunding, BountyStatus, BountyTerms, Claim, ProposalAction,
};
use ampled_client::amount::{format_time, format_time_left, parse_positive_amount};
use ampled_client::chain::Chain;
use ampled_client::events::short;
use ampled_client::read::{self, CommunityView};
use ampled_client::{ClientError, Result};
use anchor_lang::prelude::Pubkey;
use clap::{Args, Subcommand};
use serde_json::{json, Value};

#[derive(Subcommand)]
pub enum BountyCommand {
    /// Post a bounty: member-funded (escrowed from your tokens now) or, with --coop, proposed to
    /// the members and minted per approved claim.
    Post(PostArgs),
    /// Open bounties, optionally of one category (all of them with --all).
    List {
        #[arg(long)]
        category: Option<String>,
        #[arg(long)]
        all: bool,
    },
    /// One bounty and its claims.
    Show { bounty: String },
    /// Claim a bounty: you will do the work.
    Claim { bounty: String },
    /// Link the work you did, for the poster or members to review.
    Submit { bounty: String, evidence: String },
    /// Give up your claim.
    Withdraw { bounty: String },
    /// Pay a submitted claim (the poster of a member-funded bounty; for a co-op bounty this
    /// proposes the payment to the members).
    Approve { bounty: String, claimant: String },
    /// Reject a submitted claim with a reason (co-op bounties: by proposal).
    Reject {
        bounty: String,
        claimant: String,
        #[arg(long)]
        reason: String,
    },
    /// End a bounty: the poster cancels it, anyone expires it after its deadline; escrow returns
    /// to the poster.
    Cancel { bounty: String },
}

#[derive(Args)]
pub struct PostArgs {
    #[arg(long)]
    pub title: String,
    /// Reward per accepted claim, in whole tokens.
    #[arg(long)]
    pub reward: String,
    /// How many claims it pays at most.
    #[arg(long, default_value_t = 1)]
    pub claims: u32,
    /// code, street-team, artist-growth, care-work, community or other.
    #[arg(long, default_value = "other")]
    pub category: String,
    /// Link to the full description.
    #[arg(long, default_value = "")]
    pub uri: String,
    /// Claims and evidence are accepted for this long, e.g. 14d.
    #[arg(long)]
    pub deadline_in: Option<String>,
    /// A co-op bounty: proposed to the members, paid by minting on approval.
    #[arg(long)]
    pub coop: bool,
}

pub fn parse_category(text: &str) -> Result<BountyCategory> {
    match text.to_ascii_lowercase().replace('_', "-").as_str() {
        "code" => Ok(BountyCategory::Code),
        "street-team" | "streetteam" => Ok(BountyCategory::StreetTeam),
        "artist-growth" | "artistgrowth" => Ok(BountyCategory::ArtistGrowth),
        "care-work" | "carework" => Ok(BountyCategory::CareWork),
        "community" => Ok(BountyCategory::Community),
        "other" => Ok(BountyCategory::Other),
        _ => Err(ClientError::refused(format!(
            "\"{text}\" is not a category: use code, street-team, artist-growth, care-work, community or other"
        ))),
    }
}

fn bounty_json(
    address: &Pubkey,
    bounty: &Bounty,
    community: &CommunityView,
    now: i64,
    label: &dyn Fn(&Pubkey) -> String,
) -> Value {
    json!({
        "address": address.to_string(),
        "id": short(address),
        "title": bounty.title,
        "uri": bounty.uri,
        "category": format!("{:?}", bounty.category),
        "funding": format!("{:?}", bounty.funding),
        "poster": label(&bounty.poster),
        "reward": community.amount(bounty.reward),
        "max_claims": bounty.max_claims,
        "paid_claims": bounty.paid_claims,
        "open_claims": bounty.open_claims,
        "submitted_claims": bounty.submitted_claims,
        "status": status_of(bounty, now),
        "deadline": bounty.deadline,
    })
}

fn status_of(bounty: &Bounty, now: i64) -> String {
    match bounty.status {
        BountyStatus::Open if bounty.is_past_deadline(now) => "Past deadline".into(),
        status => format!("{status:?}"),
    }
}

fn claim_json(claim: &Claim, label: &dyn Fn(&Pubkey) -> String) -> Value {
    json!({
        "claimant": label(&claim.claimant),
        "claimant_address": claim.claimant.to_string(),
        "status": format!("{:?}", claim.status),
        "evidence": claim.evidence_uri,
        "rejection_reason": claim.rejection_reason,
        "claimed_at": claim.claimed_at,
    })
}

async fn find(
    ctx: &mut Context,
    community: &CommunityView,
    prefix: &str,
) -> Result<(Pubkey, Bounty)> {
    let bounties = read::bounties(&mut ctx.chain, &community.address).await?;
    read::pick(bounties, prefix, "bounty")
}

pub async fn run(ctx: &mut Context, command: BountyCommand) -> Result<Status> {
    let community = ctx.community().await?;
    match command {
        BountyCommand::Post(args) => post(ctx, &community, args).await?,
        BountyCommand::List { category, all } => {
            let category = category.as_deref().map(parse_category).transpose()?;
            let now = ctx.chain.now().await?;
            let bounties: Vec<(Pubkey, Bounty)> =
                read::bounties(&mut ctx.chain, &community.address)
                    .await?
                    .into_iter()
                    .filter(|(_, b)| {
                        all || (b.status == BountyStatus::Open && !b.is_past_deadline(now))
                    })
                    .filter(|(_, b)| category.is_none_or(|c| b.category == c))
                    .collect();
            let label = ctx.label();
            print::either(
                ctx,
                json!(bounties
                    .iter()
                    .map(|(a, b)| bounty_json(a, b, &community, now, &label))
                    .collect::<Vec<_>>()),
                || {
                    if bounties.is_empty() {
                        return "No open bounties".into();
                    }
                    bounties
                        .iter()
                        .map(|(address, b)| {
                            format!(
                                "{}  {:<12} {:>10} AMPLED  {}/{} paid  {:<7} {}{}",
                                short(address),
                                format!("{:?}", b.category),
                                community.amount(b.reward),
                                b.paid_claims,
                                b.max_claims,
                                match b.funding {
                                    BountyFunding::Coop => "co-op",
                                    BountyFunding::Member => "member",
                                },
                                b.title,
                                b.deadline
                                    .map(|d| format!("  ({} left)", format_time_left(now, d)))
                                    .unwrap_or_default()
                            )
                        })
                        .collect::<Vec<_>>()
                        .join("\n")
                },
            );
        }
        BountyCommand::Show { bounty } => {
            let now = ctx.chain.now().await?;
            let (address, b) = find(ctx, &community, &bounty).await?;
            let claims = read::claims(&mut ctx.chain, &community.address, &address).await?;
            let label = ctx.label();
            let mut value = bounty_json(&address, &b, &community, now, &label);
            value["claims"] = json!(claims
                .iter()
                .map(|(_, c)| claim_json(c, &label))
                .collect::<Vec<_>>());
            print::either(ctx, value, || {
                let mut text = format!(
                    "Bounty {} \"{}\" ({:?}, {:?}-funded) by {}\n  reward       {} AMPLED per claim, {}/{} paid\n  status       {}\n  details      {}",
                    address,
                    b.title,
                    b.category,
                    b.funding,
                    label(&b.poster),
                    community.amount(b.reward),
                    b.paid_claims,
                    b.max_claims,
                    status_of(&b, now),
                    if b.uri.is_empty() { "-" } else { &b.uri },
                );
                if let Some(deadline) = b.deadline {
                    text.push_str(&format!(
                        "\n  deadline     {} ({} left)",
                        format_time(deadline),
                        format_time_left(now, deadline)
                    ));
                }
                for (_, c) in &claims {
                    text.push_str(&format!(
                        "\n  claim by {}: {:?}",
                        label(&c.claimant),
                        c.status
                    ));
                    if !c.evidence_uri.is_empty() {
                        text.push_str(&format!(", evidence {}", c.evidence_uri));
                    }
                    if !c.rejection_reason.is_empty() {
                        text.push_str(&format!(", rejected: {}", c.rejection_reason));
                    }
                }
                text
            });
        }
        BountyCommand::Claim { bounty } => {
            let (address, b) = find(ctx, &community, &bounty).await?;
            print::progress(ctx, &format!("claiming bounty {}", short(&address)));
            let outcome = ctx.client()?.claim_bounty(&address).await?;
            print::outcome(ctx, Some(&community), &format!(
                "Claimed \"{}\"; when the work is done: `ampled bounty submit {} <link to your work>`",
                b.title, short(&address)
            ), &outcome);
        }
        BountyCommand::Submit { bounty, evidence } => {
            let (address, b) = find(ctx, &community, &bounty).await?;
            print::progress(
                ctx,
                &format!("submitting evidence for bounty {}", short(&address)),
            );
            let outcome = ctx.client()?.submit_evidence(&address, &evidence).await?;
            print::outcome(
                ctx,
                Some(&community),
                &format!(
                    "Submitted evidence for \"{}\"; waiting for approval",
                    b.title
                ),
                &outcome,
            );
        }
        BountyCommand::Withdraw { bounty } => {
            let (address, b) = find(ctx, &community, &bounty).await?;
            let outcome = ctx.client()?.withdraw_claim(&address).await?;
            print::outcome(
                ctx,
                Some(&community),
                &format!("Withdrew your claim on \"{}\"", b.title),
                &outcome,
            );
        }
        BountyCommand::Approve { bounty, claimant } => {
            let (address, b) = find(ctx, &community, &bounty).await?;
            let claimant = ctx.address(&claimant)?;
            print::progress(
                ctx,
                &format!(
                    "approving {}'s claim on bounty {}",
                    (ctx.label())(&claimant),
                    short(&address)
                ),
            );
            let outcome = ctx
                .client()?
                .approve_claim(&community, &address, &claimant)
                .await?;
            let headline = match outcome.created {
                Some(proposal) => format!(
                    "Proposed {} to pay this co-op bounty claim; members approve it with `ampled proposal approve {}`",
                    short(&proposal), short(&proposal)
                ),
                None => format!("Paid {} AMPLED from the escrow of \"{}\"", community.amount(b.reward), b.title),
            };
            print::outcome(ctx, Some(&community), &headline, &outcome);
        }
        BountyCommand::Reject {
            bounty,
            claimant,
            reason,
        } => {
            let (address, b) = find(ctx, &community, &bounty).await?;
            let claimant = ctx.address(&claimant)?;
            let outcome = ctx
                .client()?
                .reject_claim(&community, &address, &claimant, &reason)
                .await?;
            let headline = match outcome.created {
                Some(proposal) => format!(
                    "Proposed {} to reject this co-op bounty claim",
                    short(&proposal)
                ),
                None => format!("Rejected the claim on \"{}\"", b.title),
            };
            print::outcome(ctx, Some(&community), &headline, &outcome);
        }
        BountyCommand::Cancel { bounty } => {
            let (address, b) = find(ctx, &community, &bounty).await?;
            print::progress(ctx, &format!("ending bounty {}", short(&address)));
            let outcome = ctx.client()?.end_bounty(&community, &address).await?;
            print::outcome(
                ctx,
                Some(&community),
                &format!("Ended \"{}\"", b.title),
                &outcome,
            );
        }
    }
    Ok(Status::Done)
}

async fn post(ctx: &mut Context, community: &CommunityView, args: PostArgs) -> Result<()> {
    let now = ctx.chain.now().await?;
    let deadline = args
        .deadline_in
        .as_deref()
        .map(|d| positive_duration(d, "The deadline").map(|secs| now + secs))
        .transpose()?;
    let terms = BountyTerms {
        category: parse_category(&args.category)?,
        title: args.title,
        uri: args.uri,
        reward: parse_positive_amount(&args.reward, community.decimals)?,
        max_claims: args.claims,
        deadline,
    };
    if args.coop {
        super::governance::propose(ctx, community, ProposalAction::PostBounty { terms }).await?;
        return Ok(());
    }
    print::progress(
        ctx,
        &format!("posting \"{}\" and escrowing its rewards", terms.title),
    );
    let title = terms.title.clone();
    let escrow = terms.reward.saturating_mul(u64::from(terms.max_claims));
    let outcome = ctx.client()?.post_member_bounty(community, terms).await?;
    let bounty = outcome.created.expect("a bounty was created");
    print::outcome(
        ctx,
        Some(community),
        &format!(
            "Posted bounty {} \"{title}\"; {} AMPLED escrowed\n  contributors claim it with `ampled bounty claim {}`",
            short(&bounty),
            community.amount(escrow),
            short(&bounty)
        ),
        &outcome,
    );
    Ok(())
}
