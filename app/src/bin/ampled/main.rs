//! `ampled`: the $AMPLED command line. Every flow of the co-op's token, on an embedded local chain
//! (the default: no wallet, validator or network needed) or on any Solana cluster with `-u`.
#![allow(deprecated)]

mod commands;
mod context;
mod demo;
mod print;

use clap::{Parser, Subcommand};
use context::{Context, Global, OutputFormat};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "ampled",
    version,
    about = "$AMPLED: the earned, never-sold token of the Ampled co-op",
    long_about = "$AMPLED: the earned, never-sold token of the Ampled co-op.\n\nWithout -u, commands run on an embedded local chain kept in --home (the real program with the Token-2022, Associated Token and Memo programs, in-process). With -u, they run on a Solana cluster.\n\nExit status: 0 on success, 1 when `check` finds the condition unmet, 2 on any error (nothing is sent when an error is found before sending)."
)]
struct Cli {
    /// Cluster: m, d, t, l (mainnet-beta, devnet, testnet, localhost) or an RPC URL. Without it,
    /// the embedded chain.
    #[arg(short = 'u', long = "url", global = true)]
    url: Option<String>,
    /// Signing wallet: a wallet name (`ampled wallet list`) or a keypair file. On a cluster the
    /// default is the Solana config's keypair (~/.config/solana/id.json).
    #[arg(short = 'k', long = "keypair", global = true, env = "AMPLED_WALLET")]
    keypair: Option<String>,
    /// Solana CLI config file (default ~/.config/solana/cli/config.yml); naming one selects its cluster.
    #[arg(short = 'C', long = "config", global = true)]
    config: Option<PathBuf>,
    /// Where wallets, settings and the embedded chain live (default ~/.ampled).
    #[arg(long, global = true, env = "AMPLED_HOME")]
    home: Option<PathBuf>,
    /// Community to act on (default: the one chosen with `ampled community use`).
    #[arg(long, global = true, env = "AMPLED_COMMUNITY")]
    community: Option<String>,
    /// Output format: text for people, json for scripts and bots.
    #[arg(long, global = true, value_enum, default_value = "text")]
    output: OutputFormat,
    /// Print only the address of the proposal, bounty, auction or listing the command created
    /// (for `proposal execute`, the bounty or auction it posted; for `check --prove`, the pass),
    /// for scripts: `id=$(ampled -q ...)`.
    #[arg(short, long, global = true, conflicts_with = "output")]
    quiet: bool,
    /// On a refusal, also print the program logs.
    #[arg(short, long, global = true)]
    verbose: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run the whole story on a fresh embedded chain: co-op, votes, reward, bounty, auction,
    /// transfer, gating check and ledger.
    Demo(demo::DemoArgs),
    /// Serve the embedded chain as a local Solana node (JSON-RPC), for wallets, web pages and
    /// tools; other ampled commands on the same home go through it while it runs.
    Serve(commands::serve::ServeArgs),
    /// Create, fund, list and choose wallets.
    #[command(subcommand)]
    Wallet(commands::wallet::WalletCommand),
    /// Show or move the embedded chain's clock (to try deadlines and auction ends).
    #[command(subcommand)]
    Clock(commands::wallet::ClockCommand),
    /// Create a community, show its rules, supply and treasury.
    #[command(subcommand)]
    Community(commands::community::CommunityCommand),
    /// List and show members (their time bank); propose adding, removing or re-roling one.
    #[command(subcommand)]
    Member(commands::governance::MemberCommand),
    /// Propose rewards and treasury payments; list, approve, reject, execute and cancel proposals.
    #[command(subcommand)]
    Proposal(commands::governance::ProposalCommand),
    /// Post, claim, submit, approve, reject and cancel bounties.
    #[command(subcommand)]
    Bounty(commands::bounty::BountyCommand),
    /// Distributions: a batch of shares proposed as one vote, claimed by each recipient.
    #[command(subcommand)]
    Distribution(commands::distribution::DistributionCommand),
    /// The commissary: auctions of gear, bid with $AMPLED.
    #[command(subcommand)]
    Auction(commands::auction::AuctionCommand),
    /// The directory: who accepts $AMPLED for what. Post, search, edit, pause, renew, remove and
    /// pay for offers and requests.
    #[command(subcommand)]
    Directory(commands::directory::DirectoryCommand),
    /// A wallet's $AMPLED balance (yours by default).
    Balance(commands::tokens::BalanceArgs),
    /// Send $AMPLED to a wallet, with an optional memo.
    Transfer(commands::tokens::TransferArgs),
    /// Gating: exit 0 if a wallet holds at least N tokens and/or is a member, 1 if not; with
    /// --prove, sign in to a node's gate from the signing wallet and get a pass.
    Check(commands::tokens::CheckArgs),
    /// Passes from Sign-In With Solana: verify one offline, or show the key that signs them.
    #[command(subcommand)]
    Gate(commands::gate::GateCommand),
    /// The community's history, or one member's, read back from the chain's events.
    Ledger(commands::ledger::LedgerArgs),
    /// The time bank: every member's earned total, as a table or CSV.
    Timebank(commands::ledger::TimebankArgs),
    /// Close everything of yours that is finished (proposals, bounties and their claims,
    /// auctions) and get its rent back.
    #[command(alias = "tidy")]
    CloseAll(commands::tidy::CloseAllArgs),
}

/// What a command reports back besides its output.
pub enum Status {
    Done,
    /// A `check` whose condition is not met.
    Unmet,
}

fn main() -> ExitCode {
    end_quietly_on_a_closed_pipe();
    // The embedded bank logs every instruction at debug level; keep output for people.
    if std::env::var_os("RUST_LOG").is_none() {
        std::env::set_var("RUST_LOG", "error");
    }
    let cli = Cli::parse();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(e) => {
            eprintln!("error: cannot start: {e}");
            return ExitCode::from(2);
        }
    };
    let verbose = cli.verbose;
    let json = cli.output == OutputFormat::Json;
    match runtime.block_on(run(cli)) {
        Ok(Status::Done) => ExitCode::SUCCESS,
        Ok(Status::Unmet) => ExitCode::from(1),
        Err(error) => {
            print::error(&error, json, verbose);
            ExitCode::from(2)
        }
    }
}

/// Rust ignores SIGPIPE, so printing into a closed pipe (`ampled ledger | head -1`) would panic.
/// With the signal's default action the command ends quietly there, like any Unix tool. Nothing
/// is lost by ending mid-output: results are printed only after the chain file is saved, and
/// the save itself is atomic.
fn end_quietly_on_a_closed_pipe() {
    // SAFETY: sets the disposition of one signal before any other thread exists; no handler
    // runs Rust code.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}

async fn run(cli: Cli) -> ampled_client::Result<Status> {
    let global = Global {
        url: cli.url,
        keypair: cli.keypair,
        config: cli.config,
        home: cli.home,
        community: cli.community,
        output: if cli.quiet {
            OutputFormat::Quiet
        } else {
            cli.output
        },
        verbose: cli.verbose,
    };
    let command = match cli.command {
        Command::Demo(args) => return demo::run(args, global).await.map(|()| Status::Done),
        Command::Serve(args) => {
            return commands::serve::run(args, global)
                .await
                .map(|()| Status::Done)
        }
        command => command,
    };
    let mut ctx = Context::open(global)?;
    match command {
        Command::Demo(_) | Command::Serve(_) => unreachable!("handled above"),
        Command::Wallet(command) => commands::wallet::run(&mut ctx, command).await,
        Command::Clock(command) => commands::wallet::clock(&mut ctx, command).await,
        Command::Community(command) => commands::community::run(&mut ctx, command).await,
        Command::Member(command) => commands::governance::member(&mut ctx, command).await,
        Command::Proposal(command) => commands::governance::proposal(&mut ctx, command).await,
        Command::Bounty(command) => commands::bounty::run(&mut ctx, command).await,
        Command::Distribution(command) => commands::distribution::run(&mut ctx, command).await,
        Command::Auction(command) => commands::auction::run(&mut ctx, command).await,
        Command::Directory(command) => commands::directory::run(&mut ctx, command).await,
        Command::Balance(args) => commands::tokens::balance(&mut ctx, args).await,
        Command::Transfer(args) => commands::tokens::transfer(&mut ctx, args).await,
        Command::Check(args) => commands::tokens::check(&mut ctx, args).await,
        Command::Gate(command) => commands::gate::run(&mut ctx, command).await,
        Command::Ledger(args) => commands::ledger::ledger(&mut ctx, args).await,
        Command::Timebank(args) => commands::ledger::timebank(&mut ctx, args).await,
        Command::CloseAll(args) => commands::tidy::close_all(&mut ctx, args).await,
    }
}
