//! Distributions: a batch of shares (the old time bank, batch rewards) proposed as one vote,
//! checked by members against its published list, and claimed by each recipient.

use super::positive_duration;
use crate::context::Context;
use crate::print;
use crate::Status;
use ampled::state::{Distribution, Proposal, ProposalAction};
use ampled_client::amount::{format_amount, format_time, format_time_left};
use ampled_client::chain::Chain;
use ampled_client::client::distribution_list::{
    self, parse_rate, read_list, ShareList, SourceOptions, SourceRow, CANONICAL_HEADER,
};
use ampled_client::events::short;
use ampled_client::read::views::hex;
use ampled_client::read::{self, CommunityView};
use ampled_client::{ClientError, Result};
use anchor_lang::prelude::Pubkey;
use clap::{Args, Subcommand};
use serde::Serialize;
use serde_json::json;
use std::fmt;
use std::path::{Path, PathBuf};

/// How long claims stay open unless `--claim-until` says otherwise.
const DEFAULT_CLAIM_WINDOW: &str = "90d";
/// Lists longer than this show their progress as they are read.
const PROGRESS_FROM_ROWS: usize = 10_000;

#[derive(Subcommand)]
pub enum DistributionCommand {
    /// Propose a distribution from a CSV (columns wallet, hours or amount, and an optional note):
    /// writes the canonical list beside it as FILE.shares.csv, to publish at --uri.
    Propose(ProposeArgs),
    /// Check a list (the source CSV or the canonical .shares.csv) against a proposal: exit 0
    /// when it is what the proposal carries, 1 when it differs.
    Verify {
        file: PathBuf,
        /// The proposal's id.
        proposal: String,
        /// Tokens per hour, for a CSV with an hours column (e.g. 10/h).
        #[arg(long)]
        rate: Option<String>,
    },
    /// Claim a share: yours by default, or with --for another wallet's (the tokens go only to
    /// the wallet the list names; you pay the fee).
    Claim {
        /// The distribution's id, or the id of the proposal that opened it.
        distribution: String,
        /// The canonical list (FILE.shares.csv), as published.
        #[arg(long)]
        list: PathBuf,
        /// Wallet name or address whose share to claim (default: the signing wallet).
        #[arg(long = "for")]
        for_wallet: Option<String>,
    },
    /// Close a distribution after its deadline (or once every share is claimed): what was never
    /// claimed is released under the caps, the rent goes back to who executed it.
    Close { distribution: String },
    /// Distributions still on record.
    List,
    /// One distribution: claimed so far, deadline, where its list is published.
    Show { distribution: String },
}

#[derive(Args)]
pub struct ProposeArgs {
    pub file: PathBuf,
    /// What the batch is for, as members read it before voting.
    #[arg(long)]
    pub reason: String,
    /// Where the canonical list will be published (https://, ipfs:// or ar://).
    #[arg(long)]
    pub uri: String,
    /// Tokens per hour, for a CSV with an hours column (e.g. 10/h or 2.5/h).
    #[arg(long)]
    pub rate: Option<String>,
    /// How long shares can be claimed once executed, e.g. 90d or 12w.
    #[arg(long, default_value = DEFAULT_CLAIM_WINDOW)]
    pub claim_until: String,
}

pub async fn run(ctx: &mut Context, command: DistributionCommand) -> Result<Status> {
    let community = ctx.community().await?;
    match command {
        DistributionCommand::Propose(args) => propose(ctx, &community, args).await?,
        DistributionCommand::Verify {
            file,
            proposal,
            rate,
        } => return verify(ctx, &community, &file, &proposal, rate.as_deref()).await,
        DistributionCommand::Claim {
            distribution,
            list,
            for_wallet,
        } => {
            let (address, _) = find(ctx, &community, &distribution).await?;
            let wallet = match for_wallet {
                Some(wallet) => ctx.address(&wallet)?,
                None => ctx.my_address()?,
            };
            let bytes = read_file(&list)?;
            print::progress(
                ctx,
                &format!(
                    "claiming {}'s share of distribution {}",
                    (ctx.label())(&wallet),
                    short(&address)
                ),
            );
            let outcome = ctx
                .client()?
                .claim_share(&community, &address, &bytes, &wallet)
                .await?;
            print::outcome(
                ctx,
                Some(&community),
                &format!(
                    "Claimed {}'s share of distribution {}",
                    (ctx.label())(&wallet),
                    short(&address)
                ),
                &outcome,
            );
        }
        DistributionCommand::Close { distribution } => {
            let (address, _) = find(ctx, &community, &distribution).await?;
            let outcome = ctx
                .client()?
                .close_distribution(&community, &address)
                .await?;
            print::outcome(
                ctx,
                Some(&community),
                &format!("Closed distribution {}", short(&address)),
                &outcome,
            );
        }
        DistributionCommand::List => {
            let now = ctx.chain.now().await?;
            let views: Vec<DistributionView> =
                read::distributions(&mut ctx.chain, &community.address)
                    .await?
                    .iter()
                    .map(|(address, d)| DistributionView::new(*address, d, &community, now))
                    .collect();
            print::view(ctx, &Views(views));
        }
        DistributionCommand::Show { distribution } => {
            let now = ctx.chain.now().await?;
            let (address, d) = find(ctx, &community, &distribution).await?;
            print::view(ctx, &DistributionView::new(address, &d, &community, now));
        }
    }
    Ok(Status::Done)
}

fn read_file(path: &Path) -> Result<Vec<u8>> {
    std::fs::read(path)
        .map_err(|e| ClientError::refused(format!("cannot read {}: {e}", path.display())))
}

/// The distribution whose address, or whose proposal's address, starts with `prefix`.
async fn find(
    ctx: &mut Context,
    community: &CommunityView,
    prefix: &str,
) -> Result<(Pubkey, Distribution)> {
    let all = read::distributions(&mut ctx.chain, &community.address).await?;
    let by_proposal: Vec<(Pubkey, Distribution)> = all
        .iter()
        .filter(|(_, d)| d.proposal.to_string().starts_with(prefix))
        .map(|(a, d)| (*a, d.clone()))
        .collect();
    if by_proposal.len() == 1 && !all.iter().any(|(a, _)| a.to_string().starts_with(prefix)) {
        return Ok(by_proposal.into_iter().next().expect("one"));
    }
    read::pick(all, prefix, "distribution")
}

/// Reads a list file (a source CSV, or a canonical list) with every bad row reported.
fn read_rows(
    ctx: &Context,
    community: &CommunityView,
    bytes: &[u8],
    rate: Option<&str>,
) -> Result<Vec<SourceRow>> {
    let rate = rate
        .map(|r| parse_rate(r, community.decimals))
        .transpose()?;
    let wallets = &ctx.wallets;
    let resolve = wallets.resolver();
    let options = SourceOptions {
        decimals: community.decimals,
        rate,
        resolve: &resolve,
    };
    let show = ctx.output == crate::context::OutputFormat::Text;
    let mut shown = 0;
    let mut progress = |done: usize, total: usize| {
        if show && total > PROGRESS_FROM_ROWS {
            let percent = done * 100 / total;
            if percent >= shown + 10 || (done == total && shown < 100) {
                shown = percent - percent % 10;
                eprintln!("… checked {done} of {total} rows ({shown}%)");
            }
        }
    };
    Ok(read_list(bytes, &options, &mut progress)?)
}

/// `FILE.csv` → `FILE.shares.csv`, beside it.
fn shares_path(source: &Path) -> PathBuf {
    let stem = source
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "distribution".into());
    let stem = stem.strip_suffix(".shares").unwrap_or(&stem).to_string();
    source.with_file_name(format!("{stem}.shares.csv"))
}

async fn propose(ctx: &mut Context, community: &CommunityView, args: ProposeArgs) -> Result<()> {
    let bytes = read_file(&args.file)?;
    let rows = read_rows(ctx, community, &bytes, args.rate.as_deref())?;
    let list = ShareList::from_rows(&rows);
    let now = ctx.chain.now().await?;
    let claim_until = now + positive_duration(&args.claim_until, "The claim window")?;
    let terms = list.terms(&args.uri, &args.reason, claim_until);
    // Refuse bad terms before writing anything.
    ampled_client::client::precheck(terms.validate(now))?;
    let canonical = list.canonical();
    let path = shares_path(&args.file);
    if !bytes.starts_with(CANONICAL_HEADER.as_bytes()) || path != args.file {
        std::fs::write(&path, &canonical)
            .map_err(|e| ClientError::refused(format!("cannot write {}: {e}", path.display())))?;
    }
    let summary = format!(
        "{} recipients, {} AMPLED in all\n  root    {}\n  sha256  {}\n  list    {}: publish it at {} for members to check",
        list.recipients(),
        format_amount(list.total(), community.decimals),
        hex(&terms.root),
        hex(&terms.list_hash),
        path.display(),
        args.uri
    );
    if ctx.output == crate::context::OutputFormat::Text {
        println!("{summary}");
    }
    let extra = json!({
        "recipients": list.recipients(),
        "total": format_amount(list.total(), community.decimals),
        "root": hex(&terms.root),
        "sha256": hex(&terms.list_hash),
        "list_file": path.display().to_string(),
        "uri": args.uri,
        "claim_until": claim_until,
    });
    print::progress(ctx, "proposing the distribution");
    let outcome = ctx
        .client()?
        .propose_distribution(community, &list, &args.uri, &args.reason, claim_until)
        .await?;
    let proposal = outcome.created.expect("a proposal was created");
    print::outcome_with(
        ctx,
        Some(community),
        &format!(
            "Proposed {}: distribute {} AMPLED for \"{}\" to {} recipients\n  members check it with `ampled distribution verify {} {}` and vote with `ampled proposal approve {}`",
            short(&proposal),
            format_amount(list.total(), community.decimals),
            args.reason,
            list.recipients(),
            path.display(),
            short(&proposal),
            short(&proposal)
        ),
        &outcome,
        extra,
    );
    Ok(())
}

async fn verify(
    ctx: &mut Context,
    community: &CommunityView,
    file: &Path,
    prefix: &str,
    rate: Option<&str>,
) -> Result<Status> {
    let proposals = read::proposals(&mut ctx.chain, &community.address).await?;
    let (proposal, state): (Pubkey, Proposal) = read::pick(proposals, prefix, "proposal")?;
    if !matches!(state.action, ProposalAction::Distribute { .. }) {
        return Err(ClientError::refused(format!(
            "Proposal {} does not propose a distribution",
            short(&proposal)
        )));
    }
    let bytes = read_file(file)?;
    let rows = read_rows(ctx, community, &bytes, rate)?;
    let list = ShareList::from_rows(&rows);
    let canonical = bytes.starts_with(CANONICAL_HEADER.as_bytes());
    let file_hash = canonical.then(|| distribution_list::sha256(&bytes));
    let differences = ctx
        .client()?
        .verify_distribution(community, &proposal, &list, file_hash)
        .await?;
    let matches = differences.is_empty();
    let value = json!({
        "proposal": proposal.to_string(),
        "matches": matches,
        "recipients": list.recipients(),
        "total": format_amount(list.total(), community.decimals),
        "root": hex(&list.root()),
        "sha256": hex(&list.list_hash()),
        "differences": differences,
    });
    print::either(ctx, value, || {
        if matches {
            format!(
                "{} matches proposal {}: {} recipients, {} AMPLED, root {}, sha256 {}",
                file.display(),
                short(&proposal),
                list.recipients(),
                format_amount(list.total(), community.decimals),
                hex(&list.root()),
                hex(&list.list_hash())
            )
        } else {
            let mut text = format!(
                "{} does NOT match proposal {}:",
                file.display(),
                short(&proposal)
            );
            for d in &differences {
                text.push_str(&format!(
                    "\n  {}: the proposal has {}, the file {}",
                    d.what, d.proposal, d.file
                ));
            }
            text
        }
    });
    Ok(if matches { Status::Done } else { Status::Unmet })
}

/// A distribution as people read it.
#[derive(Serialize)]
pub struct DistributionView {
    pub id: String,
    pub address: String,
    pub proposal: String,
    pub reason: String,
    pub uri: String,
    pub sha256: String,
    pub recipients: u32,
    pub claimed_count: u32,
    pub total: String,
    pub claimed_total: String,
    pub claim_until: i64,
    pub open: bool,
    #[serde(skip)]
    deadline: String,
}

impl DistributionView {
    fn new(address: Pubkey, d: &Distribution, community: &CommunityView, now: i64) -> Self {
        let open = now < d.terms.claim_until && d.claimed_count < d.terms.recipients;
        Self {
            id: short(&address),
            address: address.to_string(),
            proposal: d.proposal.to_string(),
            reason: d.terms.reason.clone(),
            uri: d.terms.uri.clone(),
            sha256: hex(&d.terms.list_hash),
            recipients: d.terms.recipients,
            claimed_count: d.claimed_count,
            total: community.amount(d.terms.total),
            claimed_total: community.amount(d.claimed_total),
            claim_until: d.terms.claim_until,
            open,
            deadline: format!(
                "{} ({})",
                format_time(d.terms.claim_until),
                format_time_left(now, d.terms.claim_until)
            ),
        }
    }
}

impl fmt::Display for DistributionView {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{}  \"{}\"  {} of {} claimed ({} of {} AMPLED)  {}",
            self.id,
            self.reason,
            self.claimed_count,
            self.recipients,
            self.claimed_total,
            self.total,
            if self.open { "open" } else { "claims over" }
        )?;
        writeln!(f, "  claims until {}", self.deadline)?;
        writeln!(f, "  list at {} (sha256 {})", self.uri, self.sha256)?;
        writeln!(f, "  proposal {}", self.proposal)
    }
}

/// Every distribution on record.
#[derive(Serialize)]
#[serde(transparent)]
struct Views(Vec<DistributionView>);

impl fmt::Display for Views {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0.is_empty() {
            return writeln!(f, "No distributions");
        }
        for view in &self.0 {
            write!(f, "{view}")?;
        }
        Ok(())
    }
}
