//! The commissary: gear auctioned for $AMPLED; the outbid are refunded at once.

use super::positive_duration;
use crate::context::Context;
use crate::print;
use crate::Status;
use ampled::state::{Auction, AuctionStatus, AuctionTerms, Proceeds, ProposalAction};
use ampled_client::amount::{format_time, format_time_left, parse_duration, parse_positive_amount};
use ampled_client::chain::Chain;
use ampled_client::events::short;
use ampled_client::read::{self, CommunityView};
use ampled_client::Result;
use anchor_lang::prelude::Pubkey;
use clap::{Args, Subcommand};
use serde_json::{json, Value};

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

fn status_of(auction: &Auction, now: i64) -> String {
    match auction.status {
        AuctionStatus::Open if now < auction.terms.starts_at => "Not started".into(),
        AuctionStatus::Open if now >= auction.ends_at => "Ended, to settle".into(),
        status => format!("{status:?}"),
    }
}

fn auction_json(
    address: &Pubkey,
    a: &Auction,
    community: &CommunityView,
    now: i64,
    label: &dyn Fn(&Pubkey) -> String,
) -> Value {
    json!({
        "address": address.to_string(),
        "id": short(address),
        "title": a.terms.title,
        "uri": a.terms.uri,
        "lister": label(&a.lister),
        "status": status_of(a, now),
        "reserve_price": community.amount(a.terms.reserve_price),
        "min_increment": community.amount(a.terms.min_increment),
        "highest_bid": a.highest_bidder.map(|_| community.amount(a.highest_bid)),
        "highest_bidder": a.highest_bidder.map(|b| label(&b)),
        "minimum_bid": a.minimum_bid().ok().map(|m| community.amount(m)),
        "bids": a.bid_count,
        "starts_at": a.terms.starts_at,
        "ends_at": a.ends_at,
        "seconds_left": (a.ends_at - now).max(0),
        "members_only": a.terms.members_only,
        "proceeds": match a.proceeds {
            Proceeds::Seller { wallet } => label(&wallet),
            Proceeds::Treasury => "treasury".into(),
            Proceeds::Burn => "burn".into(),
        },
        "handed_over": a.handed_over_at.is_some(),
    })
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
            let auctions: Vec<(Pubkey, Auction)> =
                read::auctions(&mut ctx.chain, &community.address)
                    .await?
                    .into_iter()
                    .filter(|(_, a)| all || a.status == AuctionStatus::Open)
                    .collect();
            let label = ctx.label();
            print::either(
                ctx,
                json!(auctions
                    .iter()
                    .map(|(addr, a)| auction_json(addr, a, &community, now, &label))
                    .collect::<Vec<_>>()),
                || {
                    if auctions.is_empty() {
                        return "No auctions running".into();
                    }
                    auctions
                        .iter()
                        .map(|(address, a)| {
                            let bid = match a.highest_bidder {
                                Some(bidder) => format!(
                                    "{} AMPLED by {}",
                                    community.amount(a.highest_bid),
                                    label(&bidder)
                                ),
                                None => format!(
                                    "no bids (reserve {})",
                                    community.amount(a.terms.reserve_price)
                                ),
                            };
                            format!(
                                "{}  {:<24} {:<40} {}",
                                short(address),
                                a.terms.title,
                                bid,
                                match a.status {
                                    AuctionStatus::Open =>
                                        format!("{} left", format_time_left(now, a.ends_at)),
                                    status => format!("{status:?}"),
                                }
                            )
                        })
                        .collect::<Vec<_>>()
                        .join("\n")
                },
            );
        }
        AuctionCommand::Show { auction } => {
            let now = ctx.chain.now().await?;
            let (address, a) = find(ctx, &community, &auction).await?;
            let label = ctx.label();
            print::either(
                ctx,
                auction_json(&address, &a, &community, now, &label),
                || {
                    format!(
                    "Auction {} \"{}\" by {}\n  status       {}\n  highest bid  {}\n  next bid     at least {} AMPLED\n  ends         {} ({} left)\n  details      {}",
                    address,
                    a.terms.title,
                    label(&a.lister),
                    status_of(&a, now),
                    match a.highest_bidder {
                        Some(bidder) => format!("{} AMPLED by {} ({} bid(s))", community.amount(a.highest_bid), label(&bidder), a.bid_count),
                        None => "none yet".into(),
                    },
                    community.amount(a.minimum_bid().unwrap_or(0)),
                    format_time(a.ends_at),
                    format_time_left(now, a.ends_at),
                    if a.terms.uri.is_empty() { "-" } else { &a.terms.uri },
                )
                },
            );
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
        reserve_price: parse_positive_amount(&args.reserve, community.decimals)?,
        min_increment: parse_positive_amount(&args.increment, community.decimals)?,
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
