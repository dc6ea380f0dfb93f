//! The commissary: gear auctioned for $AMPLED; the outbid are refunded at once.

use super::positive_duration;
use crate::context::Context;
use crate::print;
use crate::Status;
use ampled::state::{Auction, AuctionStatus, AuctionTerms, ProposalAction};
use ampled_client::amount::{format_time, parse_amount, parse_duration, parse_positive_amount};
use ampled_client::chain::Chain;
use ampled_client::events::short;
use ampled_client::read::views::{AuctionView, Rows};
use ampled_client::read::{self, CommunityView};
use ampled_client::{ClientError, Result};
use anchor_lang::prelude::Pubkey;
use clap::{Args, Subcommand};

#[derive(Subcommand)]
pub enum AuctionCommand {
    /// Running auctions with their highest bid and time left (all of them with --all).
    List {
        #[arg(long)]
        all: bool,
    },
    /// One auction.
    Show { auction: String },
    /// Auction an item: your own (proceeds to you), or with --coop the co-op's, by proposal.
    Create(CreateArgs),
    /// Bid whole tokens; they are held in escrow and refunded at once if someone outbids you.
    Bid { auction: String, amount: String },
    /// After the end, pay the winning bid to the seller or treasury (anyone can).
    Settle { auction: String },
    /// Withdraw your item before anyone bids.
    Cancel { auction: String },
    /// Record that the winner received the item (winner or seller).
    HandedOver { auction: String },
    /// Close a finished auction (unsold, cancelled, or sold and handed over): its rent goes back
    /// to whoever paid it.
    Close { auction: String },
}

#[derive(Args)]
pub struct CreateArgs {
    #[arg(long)]
    pub title: String,
    /// Lowest acceptable bid, in whole tokens.
    #[arg(long)]
    pub reserve: String,
    /// How much each bid must beat the highest by, in whole tokens.
    #[arg(long, default_value = "1")]
    pub increment: String,
    /// How long bidding runs, e.g. 3d.
    #[arg(long, default_value = "3d")]
    pub duration: String,
    /// Open bidding later, e.g. 1h (default: now).
    #[arg(long)]
    pub starts_in: Option<String>,
    /// Link to photos and description.
    #[arg(long, default_value = "")]
    pub uri: String,
    /// Only members may bid.
    #[arg(long)]
    pub members_only: bool,
    /// A bid this close to the end (e.g. 5m)...
    #[arg(long, default_value = "0")]
    pub snipe_window: String,
    /// ...extends the end by this much.
    #[arg(long, default_value = "0")]
    pub snipe_extension: String,
    /// A co-op item: proposed to the members, proceeds to the treasury.
    #[arg(long)]
    pub coop: bool,
    /// With --coop: burn the proceeds instead.
    #[arg(long, requires = "coop")]
    pub burn: bool,
}

/// Whole tokens that must be more than zero, naming `what` when they are not.
fn positive_tokens(text: &str, decimals: u8, what: &str) -> Result<u64> {
    match parse_amount(text, decimals)? {
        0 => Err(ClientError::refused(format!(
            "{what} must be more than zero"
        ))),
        units => Ok(units),
    }
}

async fn find(
    ctx: &mut Context,
    community: &CommunityView,
    prefix: &str,
) -> Result<(Pubkey, Auction)> {
    let auctions = read::auctions(&mut ctx.chain, &community.address).await?;
    read::pick(auctions, prefix, "auction")
}

pub async fn run(ctx: &mut Context, command: AuctionCommand) -> Result<Status> {
    let community = ctx.community().await?;
    match command {
        AuctionCommand::List { all } => {
            let now = ctx.chain.now().await?;
            let names = print::names(ctx);
            let auctions: Vec<AuctionView> = read::auctions(&mut ctx.chain, &community.address)
                .await?
                .iter()
                .filter(|(_, a)| all || a.status == AuctionStatus::Open)
                .map(|(address, a)| AuctionView::new(*address, a, &community, now, &names))
                .collect();
            let empty = if all {
                "No auctions"
            } else {
                "No auctions running"
            };
            print::view(ctx, &Rows::new(auctions, empty));
        }
        AuctionCommand::Show { auction } => {
            let now = ctx.chain.now().await?;
            let (address, a) = find(ctx, &community, &auction).await?;
            let names = print::names(ctx);
            print::view(ctx, &AuctionView::new(address, &a, &community, now, &names));
        }
        AuctionCommand::Create(args) => create(ctx, &community, args).await?,
        AuctionCommand::Bid { auction, amount } => {
            let (address, a) = find(ctx, &community, &auction).await?;
            let amount = parse_positive_amount(&amount, community.decimals)?;
            print::progress(
                ctx,
                &format!(
                    "bidding {} AMPLED on \"{}\"",
                    community.amount(amount),
                    a.terms.title
                ),
            );
            let outcome = ctx.client()?.bid(&community, &address, amount).await?;
            print::outcome(
                ctx,
                Some(&community),
                &format!(
                    "You are the highest bidder on \"{}\" with {} AMPLED",
                    a.terms.title,
                    community.amount(amount)
                ),
                &outcome,
            );
        }
        AuctionCommand::Settle { auction } => {
            let (address, a) = find(ctx, &community, &auction).await?;
            print::progress(ctx, &format!("settling \"{}\"", a.terms.title));
            let outcome = ctx.client()?.settle_auction(&community, &address).await?;
            print::outcome(
                ctx,
                Some(&community),
                &format!("Settled \"{}\"", a.terms.title),
                &outcome,
            );
        }
        AuctionCommand::Cancel { auction } => {
            let (address, a) = find(ctx, &community, &auction).await?;
            let outcome = ctx.client()?.cancel_auction(&community, &address).await?;
            print::outcome(
                ctx,
                Some(&community),
                &format!("Cancelled \"{}\"", a.terms.title),
                &outcome,
            );
        }
        AuctionCommand::HandedOver { auction } => {
            let (address, a) = find(ctx, &community, &auction).await?;
            let outcome = ctx.client()?.mark_handed_over(&address).await?;
            print::outcome(
                ctx,
                Some(&community),
                &format!("\"{}\" marked as handed over", a.terms.title),
                &outcome,
            );
        }
        AuctionCommand::Close { auction } => {
            let (address, _) = find(ctx, &community, &auction).await?;
            let record = ctx.client()?.closable_auction(&address).await?;
            let outcome = ctx.client()?.close(&record).await?;
            super::tidy::report_closed(ctx, &[(record, outcome)]);
        }
    }
    Ok(Status::Done)
}

async fn create(ctx: &mut Context, community: &CommunityView, args: CreateArgs) -> Result<()> {
    let now = ctx.chain.now().await?;
    let starts_at = now
        + args
            .starts_in
            .as_deref()
            .map(parse_duration)
            .transpose()?
            .unwrap_or(0);
    let terms = AuctionTerms {
        title: args.title,
        uri: args.uri,
        reserve_price: positive_tokens(&args.reserve, community.decimals, "The reserve price")?,
        min_increment: positive_tokens(
            &args.increment,
            community.decimals,
            "The minimum increment",
        )?,
        starts_at,
        ends_at: starts_at + positive_duration(&args.duration, "The auction's duration")?,
        snipe_window_secs: parse_duration(&args.snipe_window)?,
        snipe_extension_secs: parse_duration(&args.snipe_extension)?,
        members_only: args.members_only,
    };
    if args.coop {
        let action = ProposalAction::ListAuction {
            terms,
            burn_proceeds: args.burn,
        };
        super::governance::propose(ctx, community, action).await?;
        return Ok(());
    }
    print::progress(ctx, &format!("listing \"{}\"", terms.title));
    let (title, ends_at) = (terms.title.clone(), terms.ends_at);
    let outcome = ctx.client()?.list_auction(community, terms).await?;
    let auction = outcome.created.expect("an auction was created");
    print::outcome(
        ctx,
        Some(community),
        &format!(
            "Listed {} \"{title}\" until {}\n  artists bid with `ampled auction bid {} <amount>`",
            short(&auction),
            format_time(ends_at),
            short(&auction)
        ),
        &outcome,
    );
    Ok(())
}
