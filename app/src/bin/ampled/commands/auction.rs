//! The commissary: gear auctioned for $AMPLED; the outbid are refunded at once.

use super::positive_duration;
use crate::context::Context;
use crate::print;
use crate::Status;
use ampled::state::{Auction, AuctionStatus, AuctionTerms, Proceeds, ProposalAction};
use ampled_client::amount::{
    format_time, format_time_left, parse_amount, parse_duration, parse_positive_amount,
};
use ampled_client::chain::Chain;
use ampled_client::events::short;
use ampled_client::read::{self, CommunityView};
use ampled_client::{ClientError, Result};
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

/// Whether a bid could be accepted now or later (open, and not past its end).
fn biddable(auction: &Auction, now: i64) -> bool {
    auction.status == AuctionStatus::Open && now < auction.ends_at
}

/// `2d 3h left`, or `ended` once the end has passed.
fn time_left(now: i64, end: i64) -> String {
    match format_time_left(now, end).as_str() {
        "ended" => "ended".into(),
        left => format!("{left} left"),
    }
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
        "minimum_bid": biddable(a, now)
            .then(|| a.minimum_bid().ok())
            .flatten()
            .map(|m| community.amount(m)),
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
                                if biddable(a, now) {
                                    time_left(now, a.ends_at)
                                } else {
                                    status_of(a, now)
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
                    "Auction {} \"{}\" by {}\n  status       {}\n  highest bid  {}\n  next bid     {}\n  ends         {} ({})\n  details      {}",
                    address,
                    a.terms.title,
                    label(&a.lister),
                    status_of(&a, now),
                    match a.highest_bidder {
                        Some(bidder) => format!("{} AMPLED by {} ({} bid(s))", community.amount(a.highest_bid), label(&bidder), a.bid_count),
                        None => "none yet".into(),
                    },
                    match a.minimum_bid() {
                        Ok(minimum) if biddable(&a, now) => format!("at least {} AMPLED", community.amount(minimum)),
                        _ => "none: bidding is closed".into(),
                    },
                    format_time(a.ends_at),
                    time_left(now, a.ends_at),
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
