//! Bounties: members post work, any wallet claims it, submits evidence and is paid on approval.

use super::positive_duration;
use crate::context::Context;
use crate::print;
use crate::Status;
use ampled::state::{Bounty, BountyCategory, BountyTerms, ProposalAction};
use ampled_client::amount::parse_positive_amount;
use ampled_client::chain::Chain;
use ampled_client::events::short;
use ampled_client::read::views::{BountyState, BountyView, ClaimView, Rows};
use ampled_client::read::{self, CommunityView};
use ampled_client::{ClientError, Result};
use anchor_lang::prelude::Pubkey;
use clap::{Args, Subcommand};

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
    /// End a bounty: the poster of a member-funded bounty cancels it (its escrow returns to
    /// them); after its deadline anyone ends any bounty. A co-op bounty, posted by vote, ends
    /// only at its deadline or with its last paid claim.
    Cancel { bounty: String },
    /// Close an ended bounty whose claims are all settled: its rent goes back to whoever paid it.
    Close { bounty: String },
    /// Close a claim that was withdrawn or whose bounty has ended: its rent goes back to the
    /// claimant.
    CloseClaim {
        /// The bounty's id, or its full address once the bounty itself is closed.
        bounty: String,
        /// Wallet name or address of the claimant (default: the signing wallet).
        claimant: Option<String>,
    },
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
            let names = print::names(ctx);
            let bounties: Vec<BountyView> = read::bounties(&mut ctx.chain, &community.address)
                .await?
                .iter()
                .filter(|(_, b)| category.is_none_or(|c| b.category == c))
                .map(|(address, b)| BountyView::new(*address, b, &community, now, &names))
                .filter(|view| all || view.state == BountyState::Open)
                .collect();
            let empty = if all {
                "No bounties"
            } else {
                "No open bounties"
            };
            print::view(ctx, &Rows::new(bounties, empty));
        }
        BountyCommand::Show { bounty } => {
            let now = ctx.chain.now().await?;
            let (address, b) = find(ctx, &community, &bounty).await?;
            let claims = read::claims(&mut ctx.chain, &community.address, &address).await?;
            let names = print::names(ctx);
            let claims = claims
                .iter()
                .map(|(claim, c)| ClaimView::new(*claim, c, Some(&b), &names))
                .collect();
            let view = BountyView::new(address, &b, &community, now, &names).with_claims(claims);
            print::view(ctx, &view);
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
        BountyCommand::Close { bounty } => {
            let (address, _) = find(ctx, &community, &bounty).await?;
            let record = ctx.client()?.closable_bounty(&address).await?;
            let outcome = ctx.client()?.close(&record).await?;
            super::tidy::report_closed(ctx, &[(record, outcome)]);
        }
        BountyCommand::CloseClaim { bounty, claimant } => {
            // The bounty may be closed already: its address is then typed in full.
            let address = match find(ctx, &community, &bounty).await {
                Ok((address, _)) => address,
                Err(error) => bounty.parse::<Pubkey>().map_err(|_| error)?,
            };
            let claimant = match claimant {
                Some(claimant) => ctx.address(&claimant)?,
                None => ctx.my_address()?,
            };
            let record = ctx.client()?.closable_claim(&address, &claimant).await?;
            let outcome = ctx.client()?.close(&record).await?;
            super::tidy::report_closed(ctx, &[(record, outcome)]);
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
        if terms.deadline.is_none() {
            print::progress(
                ctx,
                "without --deadline-in, this co-op bounty stays open until its last claim is paid: nobody alone can end what members posted",
            );
        }
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
