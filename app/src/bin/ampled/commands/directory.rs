//! The directory: who accepts $AMPLED for what, like a local currency's. Members list offers and
//! requests; anyone searches them; paying for an offer is a transfer whose memo names it.

use super::positive_duration;
use crate::context::Context;
use crate::print;
use crate::Status;
use ampled::state::{Listing, ListingKind, ListingTerms};
use ampled_client::amount::parse_positive_amount;
use ampled_client::chain::Chain;
use ampled_client::client::{active_wallets, shown_listings, DirectoryQuery};
use ampled_client::events::short;
use ampled_client::read::views::{Fields, ListingView, Rows, Tokens, WalletRef};
use ampled_client::read::{self, CommunityView};
use ampled_client::Result;
use anchor_lang::prelude::Pubkey;
use clap::{Args, Subcommand, ValueEnum};
use std::collections::HashSet;

/// How long a listing stays up unless `--for` says otherwise.
const DEFAULT_LISTED_FOR: &str = "90d";

#[derive(Subcommand)]
pub enum DirectoryCommand {
    /// List an offer ("I'll master your track") or a request ("childcare on show nights").
    Post(PostArgs),
    /// Find listings by keyword (in the title or category), category and kind.
    Search(SearchArgs),
    /// One listing, whoever's and whatever its status.
    Show { listing: String },
    /// Your own listings, paused and expired ones included.
    Mine,
    /// Change a listing of yours: only what you name changes.
    Edit(EditArgs),
    /// Take a listing of yours out of the directory for now.
    Pause { listing: String },
    /// Put a paused listing of yours back.
    Resume { listing: String },
    /// Keep a listing of yours up for longer, counted from now.
    Renew {
        listing: String,
        /// How long from now, e.g. 90d (at most 366d).
        #[arg(long = "for", default_value = DEFAULT_LISTED_FOR)]
        listed_for: String,
    },
    /// Remove a listing of yours for good; its rent comes back to you.
    Remove { listing: String },
    /// Pay for an offer: its price (or --amount, when priced on request) to its owner, with a
    /// memo naming it.
    Pay {
        listing: String,
        /// Whole tokens, for an offer priced on request.
        #[arg(long)]
        amount: Option<String>,
    },
}

#[derive(Clone, Copy, ValueEnum)]
pub enum Kind {
    Offer,
    Request,
}

impl From<Kind> for ListingKind {
    fn from(kind: Kind) -> Self {
        match kind {
            Kind::Offer => ListingKind::Offer,
            Kind::Request => ListingKind::Request,
        }
    }
}

#[derive(Args)]
pub struct PostArgs {
    /// offer or request.
    pub kind: Kind,
    /// A word or two to find it by: lowercase letters, digits, spaces and hyphens ("mastering").
    #[arg(long)]
    pub category: String,
    /// What it is, in up to 64 bytes (an accented letter takes two).
    #[arg(long)]
    pub title: String,
    /// A link to the longer description (https://, ipfs:// or ar://).
    #[arg(long)]
    pub details: String,
    /// How to reach you: https://, mailto: or tel:.
    #[arg(long)]
    pub contact: String,
    /// Price in whole tokens; without it, the price is on request.
    #[arg(long)]
    pub price: Option<String>,
    /// How long it stays listed, e.g. 90d or 12w (at most 366d).
    #[arg(long = "for", default_value = DEFAULT_LISTED_FOR)]
    pub listed_for: String,
}

#[derive(Args)]
pub struct SearchArgs {
    /// Found in the title or the category, in any case.
    pub keyword: Option<String>,
    #[arg(long)]
    pub category: Option<String>,
    /// Only offers, or only requests.
    #[arg(long)]
    pub kind: Option<Kind>,
}

#[derive(Args)]
pub struct EditArgs {
    pub listing: String,
    #[arg(long)]
    pub kind: Option<Kind>,
    #[arg(long)]
    pub category: Option<String>,
    #[arg(long)]
    pub title: Option<String>,
    #[arg(long)]
    pub details: Option<String>,
    #[arg(long)]
    pub contact: Option<String>,
    /// A new price in whole tokens.
    #[arg(long, conflicts_with = "ask")]
    pub price: Option<String>,
    /// Make the price "on request".
    #[arg(long)]
    pub ask: bool,
}

pub async fn run(ctx: &mut Context, command: DirectoryCommand) -> Result<Status> {
    let community = ctx.community().await?;
    match command {
        DirectoryCommand::Post(args) => post(ctx, &community, args).await?,
        DirectoryCommand::Search(args) => {
            let query = DirectoryQuery {
                kind: args.kind.map(Into::into),
                category: args.category,
                keyword: args.keyword,
            };
            let now = ctx.chain.now().await?;
            let listings = read::listings(&mut ctx.chain, &community.address).await?;
            let members = read::members(&mut ctx.chain, &community.address).await?;
            let found = shown_listings(listings, &members, now, &query);
            let views = views(ctx, &community, found, &active_wallets(&members), now);
            print::view(ctx, &Rows::new(views, "Nothing listed matches"));
        }
        DirectoryCommand::Show { listing } => {
            let (address, state) = find(ctx, &community, &listing).await?;
            let now = ctx.chain.now().await?;
            let owner_active = read::member(&mut ctx.chain, &community, &state.owner)
                .await?
                .is_some_and(|m| m.is_active());
            let names = print::names(ctx);
            let view = ListingView::new(&community, address, &state, owner_active, now, &names);
            print::view(ctx, &view);
        }
        DirectoryCommand::Mine => {
            let me = ctx.my_address()?;
            let now = ctx.chain.now().await?;
            let mine: Vec<(Pubkey, Listing)> = read::listings(&mut ctx.chain, &community.address)
                .await?
                .into_iter()
                .filter(|(_, l)| l.owner == me)
                .collect();
            let members = read::members(&mut ctx.chain, &community.address).await?;
            let views = views(ctx, &community, mine, &active_wallets(&members), now);
            print::view(
                ctx,
                &Rows::new(
                    views,
                    "You list nothing; post with `ampled directory post offer ...`",
                ),
            );
        }
        DirectoryCommand::Edit(args) => edit(ctx, &community, args).await?,
        DirectoryCommand::Pause { listing } => {
            change(ctx, &community, &listing, "Paused", |_, _| true).await?
        }
        DirectoryCommand::Resume { listing } => {
            change(ctx, &community, &listing, "Resumed", |_, _| false).await?
        }
        DirectoryCommand::Renew {
            listing,
            listed_for,
        } => {
            let now = ctx.chain.now().await?;
            let until = now + positive_duration(&listed_for, "How long it stays listed")?;
            change(ctx, &community, &listing, "Renewed", |terms, paused| {
                terms.listed_until = until;
                paused
            })
            .await?
        }
        DirectoryCommand::Remove { listing } => {
            let (address, state) = find(ctx, &community, &listing).await?;
            print::progress(ctx, &format!("removing \"{}\"", state.terms.title));
            let outcome = ctx.client()?.remove_listing(&address).await?;
            print::outcome(
                ctx,
                Some(&community),
                &format!(
                    "Removed \"{}\" from the directory; its rent is back in your wallet",
                    state.terms.title
                ),
                &outcome,
            );
        }
        DirectoryCommand::Pay { listing, amount } => {
            let (address, state) = find(ctx, &community, &listing).await?;
            let amount = amount
                .map(|a| parse_positive_amount(&a, community.decimals))
                .transpose()?;
            print::progress(ctx, &format!("paying for \"{}\"", state.terms.title));
            let (outcome, paid) = ctx
                .client()?
                .pay_for_listing(&community, &address, amount)
                .await?;
            let label = ctx.label();
            let names = print::names(ctx);
            let memo = ampled_client::client::listing_memo(&address, &state.terms.title);
            print::outcome_with(
                ctx,
                Some(&community),
                &format!(
                    "Paid {} AMPLED to {} for \"{}\"\n  memo: {memo}",
                    community.amount(paid),
                    label(&state.owner),
                    state.terms.title
                ),
                &outcome,
                Fields::new()
                    .address("listing", Some(&address))
                    .wallet("recipient", Some(&WalletRef::new(state.owner, &names)))
                    .tokens("amount", Some(Tokens::of(&community, paid)))
                    .put("memo", memo)
                    .into_value(),
            );
        }
    }
    Ok(Status::Done)
}

async fn post(ctx: &mut Context, community: &CommunityView, args: PostArgs) -> Result<()> {
    let now = ctx.chain.now().await?;
    let terms = ListingTerms {
        kind: args.kind.into(),
        category: args.category.trim().to_lowercase(),
        title: args.title.trim().to_string(),
        uri: args.details,
        price: args
            .price
            .map(|p| parse_positive_amount(&p, community.decimals))
            .transpose()?,
        contact: args.contact,
        listed_until: now + positive_duration(&args.listed_for, "How long it stays listed")?,
    };
    let title = terms.title.clone();
    print::progress(ctx, &format!("listing \"{title}\""));
    let outcome = ctx.client()?.post_listing(community, terms).await?;
    let address = outcome.created.expect("a listing was created");
    print::outcome_with(
        ctx,
        Some(community),
        &format!(
            "Listed \"{title}\" as {}\n  people find it with `ampled directory search`; change it with `ampled directory edit {}`",
            short(&address),
            short(&address)
        ),
        &outcome,
        Fields::new().address("listing", Some(&address)).into_value(),
    );
    Ok(())
}

async fn edit(ctx: &mut Context, community: &CommunityView, args: EditArgs) -> Result<()> {
    let price = args
        .price
        .as_deref()
        .map(|p| parse_positive_amount(p, community.decimals))
        .transpose()?;
    change(ctx, community, &args.listing, "Changed", |terms, paused| {
        if let Some(kind) = args.kind {
            terms.kind = kind.into();
        }
        if let Some(category) = &args.category {
            terms.category = category.trim().to_lowercase();
        }
        if let Some(title) = &args.title {
            terms.title = title.trim().to_string();
        }
        if let Some(details) = &args.details {
            terms.uri = details.clone();
        }
        if let Some(contact) = &args.contact {
            terms.contact = contact.clone();
        }
        if price.is_some() {
            terms.price = price;
        }
        if args.ask {
            terms.price = None;
        }
        paused
    })
    .await
}

/// Applies `edit` to a listing's terms (it returns whether the listing is paused) and sends the
/// whole listing back, as the program takes it.
async fn change(
    ctx: &mut Context,
    community: &CommunityView,
    prefix: &str,
    done: &str,
    edit: impl FnOnce(&mut ListingTerms, bool) -> bool,
) -> Result<()> {
    let (address, state) = find(ctx, community, prefix).await?;
    let mut terms = state.terms.clone();
    let paused = edit(&mut terms, state.paused);
    print::progress(ctx, &format!("updating \"{}\"", terms.title));
    let outcome = ctx
        .client()?
        .update_listing(&address, terms.clone(), paused)
        .await?;
    print::outcome_with(
        ctx,
        Some(community),
        &format!("{done} \"{}\" ({})", terms.title, short(&address)),
        &outcome,
        Fields::new()
            .address("listing", Some(&address))
            .into_value(),
    );
    Ok(())
}

/// The listing whose address starts with `prefix`.
async fn find(
    ctx: &mut Context,
    community: &CommunityView,
    prefix: &str,
) -> Result<(Pubkey, Listing)> {
    let all = read::listings(&mut ctx.chain, &community.address).await?;
    read::pick(all, prefix, "listing")
}

/// Listings as people read them.
pub fn views(
    ctx: &Context,
    community: &CommunityView,
    listings: Vec<(Pubkey, Listing)>,
    active: &HashSet<Pubkey>,
    now: i64,
) -> Vec<ListingView> {
    let names = print::names(ctx);
    listings
        .iter()
        .map(|(address, l)| {
            ListingView::new(
                community,
                *address,
                l,
                active.contains(&l.owner),
                now,
                &names,
            )
        })
        .collect()
}
