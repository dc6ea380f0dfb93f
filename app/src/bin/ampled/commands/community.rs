//! Creating a community and showing it.

use super::{parse_role, positive_duration};
use crate::context::Context;
use crate::print;
use crate::Status;
use ampled::state::{CommunityRules, IssuanceCap, TokenMetadataFields};
use ampled_client::amount::{parse_positive_amount, parse_share};
use ampled_client::client::{default_token_metadata, precheck};
use ampled_client::read::views::CommunityInfo;
use ampled_client::Result;
use clap::{Args, Subcommand};
use serde_json::json;

#[derive(Subcommand)]
pub enum CommunityCommand {
    /// Create a community: its token (minted only by approved proposals), treasury and rules.
    Create(Box<CreateArgs>),
    /// The community's rules, members, supply and treasury.
    Show,
    /// Act on this community from now on (instead of --community).
    Use { name: String },
}

#[derive(Args)]
pub struct CreateArgs {
    /// Short unique name: 3 to 32 lowercase letters, digits and single hyphens (capitals are
    /// lowercased); the community's address comes from it.
    pub name: String,
    /// A founding member as WALLET or WALLET:ROLE (role: worker, artist, community); repeat for each.
    #[arg(long = "founder", required = true)]
    pub founders: Vec<String>,
    /// Token decimals.
    #[arg(long, default_value_t = 6)]
    pub decimals: u8,
    /// The token's name as wallets show it, up to 32 bytes (default: the community's name in
    /// words, "ampled-coop" showing as "Ampled Coop").
    #[arg(long)]
    pub token_name: Option<String>,
    /// The token's symbol, up to 10 bytes (default: the community's name in capitals without
    /// hyphens, at most 10 characters).
    #[arg(long)]
    pub symbol: Option<String>,
    /// Where wallets fetch the token's JSON (name, symbol, description, image): https://, ipfs://
    /// or ar://. Without it wallets show no image until a proposal sets one.
    #[arg(long)]
    pub uri: Option<String>,
    /// Share of eligible members whose approval a proposal needs (e.g. 50% or 5000bps).
    #[arg(long, default_value = "50%")]
    pub threshold: String,
    /// Approvals needed whatever the share comes to.
    #[arg(long, default_value_t = 1)]
    pub min_approvals: u32,
    /// How long proposals stay open, e.g. 7d.
    #[arg(long, default_value = "7d")]
    pub voting_period: String,
    /// Most tokens that may ever exist, in whole tokens.
    #[arg(long)]
    pub supply_cap: Option<String>,
    /// Most tokens that may be minted per --issuance-period, in whole tokens.
    #[arg(long, requires = "issuance_period")]
    pub issuance_cap: Option<String>,
    /// The period of --issuance-cap, e.g. 30d.
    #[arg(long, requires = "issuance_cap")]
    pub issuance_period: Option<String>,
}

pub async fn run(ctx: &mut Context, command: CommunityCommand) -> Result<Status> {
    match command {
        CommunityCommand::Create(args) => create(ctx, *args).await,
        CommunityCommand::Show => show(ctx).await,
        CommunityCommand::Use { name } => {
            let community = ampled_client::read::community(&mut ctx.chain, &name).await?;
            ctx.settings.community = Some(name.clone());
            ctx.save_settings()?;
            print::either(
                ctx,
                json!({ "community": name, "address": community.address.to_string() }),
                || format!("Acting on {name} ({}) from now on", community.address),
            );
            Ok(Status::Done)
        }
    }
}

async fn create(ctx: &mut Context, mut args: CreateArgs) -> Result<Status> {
    let mut founders = Vec::new();
    for founder in &args.founders {
        let (wallet, role) = match founder.split_once(':') {
            Some((wallet, role)) => (wallet, parse_role(role)?),
            None => (founder.as_str(), ampled::state::MemberRole::Worker),
        };
        founders.push((ctx.address(wallet)?, role));
    }
    let issuance_cap = match (&args.issuance_cap, &args.issuance_period) {
        (Some(amount), Some(period)) => Some(IssuanceCap {
            amount: parse_positive_amount(amount, args.decimals)?,
            period_secs: positive_duration(period, "The issuance period")?,
        }),
        _ => None,
    };
    let rules = CommunityRules {
        approval_threshold_bps: parse_share(&args.threshold)?,
        min_approvals: args.min_approvals,
        voting_period_secs: positive_duration(&args.voting_period, "The voting period")?,
        supply_cap: args
            .supply_cap
            .as_deref()
            .map(|cap| parse_positive_amount(cap, args.decimals))
            .transpose()?,
        issuance_cap,
    };
    // Names are lowercase on chain so that none can pass for another; say so rather than refuse.
    let typed = std::mem::take(&mut args.name);
    args.name = typed.to_lowercase();
    if args.name != typed {
        print::progress(
            ctx,
            &format!("community names are lowercase: using \"{}\"", args.name),
        );
    }
    let defaults = default_token_metadata(&args.name);
    let token = TokenMetadataFields {
        name: args.token_name.take().unwrap_or(defaults.name),
        symbol: args.symbol.take().unwrap_or(defaults.symbol),
        uri: args.uri.take().unwrap_or(defaults.uri),
    };
    // Before announcing anything: a token wallets would misread is refused in the program's words.
    precheck(token.validate())?;
    print::progress(
        ctx,
        &format!(
            "creating {} on the {}, its token shown in wallets as {} ({})",
            args.name,
            ctx.describe_chain(),
            token.name,
            token.symbol
        ),
    );
    let outcome = ctx
        .client()?
        .create_community(&args.name, args.decimals, token, rules, founders)
        .await?;
    // Whoever just created a community will act on it next.
    ctx.settings.community = Some(args.name.clone());
    ctx.save_settings()?;
    let community = ampled_client::read::community(&mut ctx.chain, &args.name).await?;
    print::outcome(
        ctx,
        Some(&community),
        &format!(
            "Created community {} at {}\n  token {} ({}), a Token-2022 mint at {}; only member-approved proposals can mint it or change its name",
            args.name,
            community.address,
            community.token.name,
            community.token.symbol,
            community.mint()
        ),
        &outcome,
    );
    Ok(Status::Done)
}

async fn show(ctx: &mut Context) -> Result<Status> {
    let view = ctx.community().await?;
    print::view(ctx, &CommunityInfo { view });
    Ok(Status::Done)
}
