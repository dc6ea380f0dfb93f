//! Members and proposals: one member, one vote.

use super::{parse_role, positive_duration};
use crate::context::Context;
use crate::print;
use crate::Status;
use ampled::state::{IssuanceCap, Member, Proposal, ProposalAction, ProposalStatus};
use ampled_client::amount::{parse_amount, parse_positive_amount, parse_share};
use ampled_client::chain::Chain;
use ampled_client::client::{RulesChange, TokenMetadataChange};
use ampled_client::events::short;
use ampled_client::read::views::{MemberView, ProposalView, Rows};
use ampled_client::read::{self, describe_action, CommunityView};
use ampled_client::{ClientError, Result};
use anchor_lang::prelude::Pubkey;
use clap::{Args, Subcommand};
use serde_json::json;

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
    /// Propose new rules; whatever you leave out keeps its current value.
    Rules(RulesArgs),
    /// Propose a budget for co-op bounties of one category: the most they may mint per period.
    Budget {
        /// code, street-team, artist-growth, care-work, community or other.
        category: String,
        /// Whole tokens per period (0 stops the category minting).
        amount: String,
        /// The budget's period, e.g. 30d.
        #[arg(long, default_value = "30d")]
        period: String,
    },
    /// Propose a new name, symbol or image uri for the token, as wallets show it; whatever you
    /// leave out stays as it is.
    Token(TokenArgs),
    /// Close a finished proposal (executed, defeated, cancelled, expired or stale): its rent goes
    /// back to the proposer. Anyone may close it.
    Close { proposal: String },
}

#[derive(Args)]
pub struct TokenArgs {
    /// The token's name, up to 32 bytes.
    #[arg(long)]
    pub name: Option<String>,
    /// The token's symbol, up to 10 bytes (10 plain letters or digits).
    #[arg(long)]
    pub symbol: Option<String>,
    /// Where wallets fetch the token's JSON (name, symbol, description, image): https://, ipfs://
    /// or ar://; `none` for no image.
    #[arg(long)]
    pub uri: Option<String>,
}

#[derive(Args)]
pub struct RulesArgs {
    /// Share of eligible members whose approval a proposal needs, e.g. 60%.
    #[arg(long)]
    pub threshold: Option<String>,
    /// Approvals needed whatever the share comes to.
    #[arg(long)]
    pub min_approvals: Option<u32>,
    /// How long proposals stay open, e.g. 7d.
    #[arg(long)]
    pub voting_period: Option<String>,
    /// Most tokens that may ever be minted, in whole tokens, or `none`.
    #[arg(long)]
    pub supply_cap: Option<String>,
    /// Most tokens minted per period, as AMOUNT/PERIOD (e.g. 1000/30d), or `none`.
    #[arg(long)]
    pub issuance_cap: Option<String>,
}

impl RulesArgs {
    fn change(&self, decimals: u8) -> Result<RulesChange> {
        let none = |text: &str| text.trim().eq_ignore_ascii_case("none");
        let change = RulesChange {
            approval_threshold_bps: self.threshold.as_deref().map(parse_share).transpose()?,
            min_approvals: self.min_approvals,
            voting_period_secs: self
                .voting_period
                .as_deref()
                .map(|period| positive_duration(period, "The voting period"))
                .transpose()?,
            supply_cap: self
                .supply_cap
                .as_deref()
                .map(|cap| match none(cap) {
                    true => Ok(None),
                    false => parse_positive_amount(cap, decimals).map(Some),
                })
                .transpose()?,
            issuance_cap: self
                .issuance_cap
                .as_deref()
                .map(|cap| match none(cap) {
                    true => Ok(None),
                    false => parse_issuance_cap(cap, decimals).map(Some),
                })
                .transpose()?,
        };
        if change.is_empty() {
            return Err(ClientError::refused(
                "Say what to change: --threshold, --min-approvals, --voting-period, --supply-cap or --issuance-cap",
            ));
        }
        Ok(change)
    }
}

/// `1000/30d`: an amount of whole tokens per period.
fn parse_issuance_cap(text: &str, decimals: u8) -> Result<IssuanceCap> {
    let (amount, period) = text.split_once('/').ok_or_else(|| {
        ClientError::refused(format!(
            "\"{text}\" is not an issuance cap: write AMOUNT/PERIOD, e.g. 1000/30d, or none"
        ))
    })?;
    Ok(IssuanceCap {
        amount: parse_positive_amount(amount, decimals)?,
        period_secs: positive_duration(period, "The issuance period")?,
    })
}

pub async fn member(ctx: &mut Context, command: MemberCommand) -> Result<Status> {
    let community = ctx.community().await?;
    match command {
        MemberCommand::List { all } => {
            let names = print::names(ctx);
            let members: Vec<MemberView> = read::members(&mut ctx.chain, &community.address)
                .await?
                .iter()
                .filter(|m| all || m.is_active())
                .map(|m| MemberView::new(&community, m, &names))
                .collect();
            let listing = Rows::new(members, "No members").with_header(MemberView::list_header());
            print::view(ctx, &listing);
        }
        MemberCommand::Show { wallet } => {
            let address = match wallet {
                Some(wallet) => ctx.address(&wallet)?,
                None => ctx.my_address()?,
            };
            let member: Member = read::member(&mut ctx.chain, &community, &address)
                .await?
                .ok_or_else(|| {
                    ClientError::refused(format!(
                        "{address} is not a member of {}",
                        community.name()
                    ))
                })?;
            let balance = read::wallet_balance(&mut ctx.chain, &community, &address).await?;
            let now = ctx.chain.now().await?;
            let members = read::members(&mut ctx.chain, &community.address).await?;
            let theirs: Vec<_> = read::listings(&mut ctx.chain, &community.address)
                .await?
                .into_iter()
                .filter(|(_, l)| l.owner == address)
                .collect();
            let shown =
                ampled_client::client::shown_listings(theirs, &members, now, &Default::default());
            let active = std::iter::once(address).collect();
            let listings = super::directory::views(ctx, &community, shown, &active, now);
            let names = print::names(ctx);
            let view = MemberView::new(&community, &member, &names)
                .with_balance(&community, balance)
                .with_listings(listings);
            print::view(ctx, &view);
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
    Ok(report_proposal(ctx, community, &what, &outcome))
}

/// Reports a new proposal and how members vote on it; returns its address.
fn report_proposal(
    ctx: &Context,
    community: &CommunityView,
    what: &str,
    outcome: &ampled_client::Outcome,
) -> Pubkey {
    let proposal = outcome.created.expect("a proposal was created");
    print::outcome_with(
        ctx,
        Some(community),
        &format!(
            "Proposed {}: {what}\n  members vote with `ampled proposal approve {}` (or reject)",
            short(&proposal),
            short(&proposal)
        ),
        outcome,
        json!({ "summary": what }),
    );
    proposal
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
            let names = print::names(ctx);
            let mut proposals = Vec::new();
            for (address, p) in read::proposals(&mut ctx.chain, &community.address).await? {
                let changed = read::target_changed(&mut ctx.chain, &p).await?;
                let view = ProposalView::new(address, &p, &community, now, changed, &names);
                // By default only what votes can still decide; a proposal that cannot pass is not.
                if all || view.state.is_live() {
                    proposals.push(view);
                }
            }
            let empty = if all {
                "No proposals"
            } else {
                "No open proposals"
            };
            print::view(ctx, &Rows::new(proposals, empty));
        }
        ProposalCommand::Show { proposal } => {
            let now = ctx.chain.now().await?;
            let (address, p) = find(ctx, &community, &proposal).await?;
            let members = read::members(&mut ctx.chain, &community.address).await?;
            let names = print::names(ctx);
            let changed = read::target_changed(&mut ctx.chain, &p).await?;
            let view = ProposalView::new(address, &p, &community, now, changed, &names)
                .with_votes(&p, &members, &names);
            print::view(ctx, &view);
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
        ProposalCommand::Rules(args) => {
            let change = args.change(community.decimals)?;
            let rules = change.apply(community.state.rules);
            let label = ctx.label();
            let what = describe_action(
                &ProposalAction::UpdateRules { rules },
                community.decimals,
                &label,
            );
            print::progress(ctx, &format!("proposing to {what}"));
            let outcome = ctx.client()?.propose_rules(&community, &change).await?;
            report_proposal(ctx, &community, &what, &outcome);
        }
        ProposalCommand::Token(args) => {
            if args.name.is_none() && args.symbol.is_none() && args.uri.is_none() {
                return Err(ClientError::refused(
                    "Say what to change: --name, --symbol or --uri",
                ));
            }
            let change = TokenMetadataChange {
                name: args.name,
                symbol: args.symbol,
                uri: args
                    .uri
                    .map(|uri| match uri.trim().eq_ignore_ascii_case("none") {
                        true => String::new(),
                        false => uri,
                    }),
            };
            let token = change.apply(&community.token);
            let label = ctx.label();
            let what = describe_action(
                &ProposalAction::UpdateTokenMetadata { token },
                community.decimals,
                &label,
            );
            print::progress(ctx, &format!("proposing to {what}"));
            let outcome = ctx
                .client()?
                .propose_token_metadata(&community, &change)
                .await?;
            report_proposal(ctx, &community, &what, &outcome);
        }
        ProposalCommand::Budget {
            category,
            amount,
            period,
        } => {
            let action = ProposalAction::SetCategoryBudget {
                category: super::bounty::parse_category(&category)?,
                amount_per_period: parse_amount(&amount, community.decimals)?,
                period_secs: positive_duration(&period, "The budget's period")?,
            };
            propose(ctx, &community, action).await?;
        }
        ProposalCommand::Close { proposal } => {
            let (address, _) = find(ctx, &community, &proposal).await?;
            let record = ctx
                .client()?
                .closable_proposal(&community, &address)
                .await?;
            let outcome = ctx.client()?.close(&record).await?;
            super::tidy::report_closed(ctx, &[(record, outcome)]);
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
