//! `ampled demo`: the whole story on a fresh embedded chain, through the very commands people
//! type, so what it shows is what they get.

use crate::commands::{
    auction, bounty, community, directory, distribution, governance, ledger, tokens, wallet,
};
use crate::context::{default_home, Context, Global, OutputFormat};
use crate::Status;
use ampled_client::read;
use ampled_client::{ClientError, Result};
use clap::Args;
use std::path::PathBuf;

#[derive(Args)]
pub struct DemoArgs {
    /// Where to keep the demo's chain and wallets (default: <home>/demo). Emptied first.
    #[arg(long)]
    pub dir: Option<PathBuf>,
}

/// Marks a directory as the demo's own, so that only such a directory is ever emptied.
const DEMO_MARKER: &str = ".ampled-demo";

/// Empties a previous demo's directory; refuses any other non-empty directory.
fn empty_demo_dir(dir: &std::path::Path) -> Result<()> {
    let Ok(mut entries) = std::fs::read_dir(dir) else {
        return Ok(());
    };
    if entries.next().is_none() {
        return Ok(());
    }
    if !dir.join(DEMO_MARKER).exists() {
        return Err(ClientError::refused(format!(
            "{} is not empty and was not made by `ampled demo`; pick an empty or new directory with --dir",
            dir.display()
        )));
    }
    std::fs::remove_dir_all(dir)
        .map_err(|e| ClientError::Io(format!("cannot empty {}: {e}", dir.display())))
}

fn chapter(number: u32, title: &str) {
    println!("\n== {number}. {title}");
}

fn as_wallet(ctx: &mut Context, name: &str) {
    ctx.keypair = Some(name.to_string());
}

/// The id (address prefix) of the newest record a listing would show.
fn id(address: &anchor_lang::prelude::Pubkey) -> String {
    ampled_client::events::short(address)
}

async fn newest_proposal(ctx: &mut Context) -> Result<String> {
    let community = ctx.community().await?;
    let proposals = read::proposals(&mut ctx.chain, &community.address).await?;
    proposals
        .last()
        .map(|(address, _)| id(address))
        .ok_or_else(|| ClientError::Io("the demo's proposal is missing".into()))
}

/// The old time bank, as its spreadsheet kept it: hours a member worked, one token an hour.
const TIME_BANK_CSV: &str = "wallet,hours,note\nana,30,\"the books, 2019-2025\"\nben,24,mixing and mastering\ncleo,40,\"street team, care work\"\n";
const TIME_BANK_FILE: &str = "time-bank.csv";
/// Where the co-op publishes the time bank's canonical list for members to check.
const TIME_BANK_URI: &str = "https://ampled.com/distributions/time-bank-2019-2025.csv";

/// Where the co-op publishes its token's JSON for wallets (the file is `assets/token/ampled.json`).
const DEMO_TOKEN_URI: &str = "https://ampled.com/token/ampled.json";

async fn pass(ctx: &mut Context, voters: &[&str]) -> Result<()> {
    let proposal = newest_proposal(ctx).await?;
    for voter in voters {
        as_wallet(ctx, voter);
        governance::proposal(
            ctx,
            governance::ProposalCommand::Approve {
                proposal: proposal.clone(),
            },
        )
        .await?;
    }
    governance::proposal(ctx, governance::ProposalCommand::Execute { proposal }).await?;
    Ok(())
}

async fn reward(
    ctx: &mut Context,
    proposer: &str,
    recipient: &str,
    amount: &str,
    reason: &str,
    voters: &[&str],
) -> Result<()> {
    as_wallet(ctx, proposer);
    governance::proposal(
        ctx,
        governance::ProposalCommand::Reward {
            recipient: recipient.into(),
            amount: amount.into(),
            reason: reason.into(),
        },
    )
    .await?;
    pass(ctx, voters).await
}

pub async fn run(args: DemoArgs, global: Global) -> Result<()> {
    let dir = args.dir.unwrap_or_else(|| {
        global
            .home
            .clone()
            .unwrap_or_else(default_home)
            .join("demo")
    });
    empty_demo_dir(&dir)?;
    let mut ctx = Context::open(Global {
        url: None,
        keypair: None,
        config: None,
        home: Some(dir.clone()),
        community: None,
        output: OutputFormat::Text,
        verbose: global.verbose,
    })?;
    let ctx = &mut ctx;
    std::fs::write(
        dir.join(DEMO_MARKER),
        "made by `ampled demo`; the next demo empties this directory\n",
    )
    .map_err(|e| ClientError::Io(format!("cannot write in {}: {e}", dir.display())))?;
    println!(
        "$AMPLED demo on a fresh embedded chain in {}",
        dir.display()
    );
    println!(
        "(the real $AMPLED program with the real Token-2022, Associated Token and Memo programs)"
    );

    chapter(
        1,
        "Wallets: three founders, an artist who will join, a contributor from outside",
    );
    for name in ["ana", "ben", "cleo", "eve", "dev"] {
        wallet::run(
            ctx,
            wallet::WalletCommand::New {
                name: name.into(),
                sol: 10,
            },
        )
        .await?;
    }

    chapter(
        2,
        "Ana, Ben and Cleo found the co-op and its token: no admin key, the mint authority is the program",
    );
    as_wallet(ctx, "ana");
    community::run(
        ctx,
        community::CommunityCommand::Create(Box::new(community::CreateArgs {
            name: "ampled-demo".into(),
            founders: vec![
                "ana:worker".into(),
                "ben:artist".into(),
                "cleo:worker".into(),
            ],
            decimals: 6,
            token_name: Some("Ampled".into()),
            symbol: Some("AMPLED".into()),
            uri: None,
            threshold: "50%".into(),
            min_approvals: 2,
            voting_period: "7d".into(),
            supply_cap: Some("1000000".into()),
            issuance_cap: None,
            issuance_period: None,
        })),
    )
    .await?;

    // The name and symbol wallets show live in the mint; even its image is a members' decision.
    as_wallet(ctx, "ana");
    governance::proposal(
        ctx,
        governance::ProposalCommand::Token(governance::TokenArgs {
            name: None,
            symbol: None,
            uri: Some(DEMO_TOKEN_URI.into()),
        }),
    )
    .await?;
    pass(ctx, &["ben", "cleo"]).await?;

    chapter(3, "Eve is admitted by vote: one member, one vote");
    as_wallet(ctx, "ana");
    governance::member(
        ctx,
        governance::MemberCommand::Add {
            wallet: "eve".into(),
            role: "artist".into(),
        },
    )
    .await?;
    pass(ctx, &["ben", "cleo"]).await?;

    chapter(
        4,
        "Rewards are approved by members and minted: earned, never sold",
    );
    reward(
        ctx,
        "ana",
        "ben",
        "120",
        "Mixed the co-op compilation",
        &["cleo", "eve"],
    )
    .await?;
    reward(
        ctx,
        "ben",
        "ana",
        "100",
        "Kept the co-op's books for October",
        &["cleo", "eve"],
    )
    .await?;
    reward(
        ctx,
        "ana",
        "eve",
        "60",
        "Street team for the Friday show",
        &["ben", "cleo"],
    )
    .await?;

    chapter(
        5,
        "The old time bank: the spreadsheet's hours, imported by one vote, claimed from each wallet",
    );
    let spreadsheet = dir.join(TIME_BANK_FILE);
    std::fs::write(&spreadsheet, TIME_BANK_CSV)
        .map_err(|e| ClientError::Io(format!("cannot write {}: {e}", spreadsheet.display())))?;
    as_wallet(ctx, "ana");
    distribution::run(
        ctx,
        distribution::DistributionCommand::Propose(distribution::ProposeArgs {
            file: spreadsheet.clone(),
            reason: "The time bank spreadsheet, 2019-2025".into(),
            uri: TIME_BANK_URI.into(),
            rate: Some("1/h".into()),
            claim_until: "90d".into(),
        }),
    )
    .await?;
    let proposal = newest_proposal(ctx).await?;
    pass(ctx, &["ben", "cleo"]).await?;
    // Ana and Cleo claim now; Ben's share waits for him (in the web app, say).
    let list = spreadsheet.with_extension("shares.csv");
    for claimant in ["ana", "cleo"] {
        as_wallet(ctx, claimant);
        distribution::run(
            ctx,
            distribution::DistributionCommand::Claim {
                distribution: proposal.clone(),
                list: list.clone(),
                for_wallet: None,
            },
        )
        .await?;
    }

    chapter(
        6,
        "A bounty: Ana funds it, Dev (not a member) claims it, does it and is paid",
    );
    as_wallet(ctx, "ana");
    bounty::run(
        ctx,
        bounty::BountyCommand::Post(bounty::PostArgs {
            title: "Fix the checkout bug".into(),
            reward: "25".into(),
            claims: 1,
            category: "code".into(),
            uri: "https://github.com/ampled/web/issues/42".into(),
            deadline_in: Some("14d".into()),
            coop: false,
        }),
    )
    .await?;
    let community_view = ctx.community().await?;
    let bounty_id = read::bounties(&mut ctx.chain, &community_view.address)
        .await?
        .last()
        .map(|(address, _)| id(address))
        .ok_or_else(|| ClientError::Io("the demo's bounty is missing".into()))?;
    as_wallet(ctx, "dev");
    bounty::run(
        ctx,
        bounty::BountyCommand::Claim {
            bounty: bounty_id.clone(),
        },
    )
    .await?;
    bounty::run(
        ctx,
        bounty::BountyCommand::Submit {
            bounty: bounty_id.clone(),
            evidence: "https://github.com/ampled/web/pull/43".into(),
        },
    )
    .await?;
    as_wallet(ctx, "ana");
    bounty::run(
        ctx,
        bounty::BountyCommand::Approve {
            bounty: bounty_id,
            claimant: "dev".into(),
        },
    )
    .await?;

    chapter(
        7,
        "The commissary: Cleo auctions a Rhodes; Ben is outbid by Eve and refunded at once",
    );
    as_wallet(ctx, "cleo");
    auction::run(
        ctx,
        auction::AuctionCommand::Create(auction::CreateArgs {
            title: "1972 Fender Rhodes".into(),
            reserve: "20".into(),
            increment: "5".into(),
            duration: "1d".into(),
            starts_in: None,
            uri: "https://ampled.com/commissary/rhodes".into(),
            members_only: true,
            snipe_window: "10m".into(),
            snipe_extension: "10m".into(),
            coop: false,
            burn: false,
        }),
    )
    .await?;
    let auction_id = read::auctions(&mut ctx.chain, &community_view.address)
        .await?
        .last()
        .map(|(address, _)| id(address))
        .ok_or_else(|| ClientError::Io("the demo's auction is missing".into()))?;
    as_wallet(ctx, "ben");
    auction::run(
        ctx,
        auction::AuctionCommand::Bid {
            auction: auction_id.clone(),
            amount: "30".into(),
        },
    )
    .await?;
    as_wallet(ctx, "eve");
    auction::run(
        ctx,
        auction::AuctionCommand::Bid {
            auction: auction_id.clone(),
            amount: "40".into(),
        },
    )
    .await?;
    println!("Ben's balance after the refund:");
    tokens::balance(
        ctx,
        tokens::BalanceArgs {
            wallet: Some("ben".into()),
        },
    )
    .await?;
    auction::run(ctx, auction::AuctionCommand::List { all: true }).await?;
    println!("A day passes on the embedded chain's clock.");
    wallet::clock(
        ctx,
        wallet::ClockCommand::Advance {
            duration: "1d".into(),
        },
    )
    .await?;
    as_wallet(ctx, "dev");
    auction::run(
        ctx,
        auction::AuctionCommand::Settle {
            auction: auction_id.clone(),
        },
    )
    .await?;
    as_wallet(ctx, "eve");
    auction::run(
        ctx,
        auction::AuctionCommand::HandedOver {
            auction: auction_id,
        },
    )
    .await?;

    chapter(
        8,
        "Peer to peer: Ben thanks Dev with a transfer and a memo; Cleo lists mastering in the directory and Ben pays for it",
    );
    as_wallet(ctx, "ben");
    tokens::transfer(
        ctx,
        tokens::TransferArgs {
            recipient: "dev".into(),
            amount: "10".into(),
            memo: Some("thanks for fixing checkout".into()),
        },
    )
    .await?;
    directory_story(ctx).await?;

    chapter(
        9,
        "Gating: a bot lets in holders of 25 AMPLED and members; signing in proves who is asking",
    );
    let holds = tokens::check(
        ctx,
        tokens::CheckArgs {
            wallet: Some("dev".into()),
            min: Some("25".into()),
            member: false,
            prove: false,
            gate: None,
        },
    )
    .await?;
    println!(
        "  exit status {}",
        if matches!(holds, Status::Done) { 0 } else { 1 }
    );
    let member = tokens::check(
        ctx,
        tokens::CheckArgs {
            wallet: Some("dev".into()),
            min: None,
            member: true,
            prove: false,
            gate: None,
        },
    )
    .await?;
    println!(
        "  exit status {}",
        if matches!(member, Status::Done) { 0 } else { 1 }
    );
    sign_in_story(ctx).await?;

    chapter(
        10,
        "The ledger, read back from the chain's events: the new time bank",
    );
    ledger::ledger(
        ctx,
        ledger::LedgerArgs {
            member: None,
            limit: 1_000,
        },
    )
    .await?;
    println!();
    ledger::timebank(ctx, ledger::TimebankArgs { csv: false }).await?;
    community::run(ctx, community::CommunityCommand::Show).await?;

    println!(
        "\nDone. The demo chain is kept: explore it with\n  ampled --home {} member list\n  ampled --home {} ledger --member dev\n  ampled --home {} timebank --csv",
        dir.display(),
        dir.display(),
        dir.display()
    );
    Ok(())
}

/// Cleo offers mastering for 20 AMPLED; Ben finds it and pays, and the memo names the offer.
async fn directory_story(ctx: &mut Context) -> Result<()> {
    as_wallet(ctx, "cleo");
    directory::run(
        ctx,
        directory::DirectoryCommand::Post(directory::PostArgs {
            kind: directory::Kind::Offer,
            category: "mastering".into(),
            title: "I'll master your track".into(),
            details: "https://ampled.com/directory/cleo-mastering".into(),
            contact: "mailto:cleo@ampled.example".into(),
            price: Some("20".into()),
            listed_for: "90d".into(),
        }),
    )
    .await?;
    as_wallet(ctx, "ben");
    println!("  ben searches the directory for \"master\":");
    directory::run(
        ctx,
        directory::DirectoryCommand::Search(directory::SearchArgs {
            keyword: Some("master".into()),
            category: None,
            kind: None,
        }),
    )
    .await?;
    let community = ctx.community().await?;
    let listings = read::listings(&mut ctx.chain, &community.address).await?;
    let offer = listings
        .first()
        .map(|(address, _)| id(address))
        .ok_or_else(|| ClientError::Io("the offer was not listed".into()))?;
    directory::run(
        ctx,
        directory::DirectoryCommand::Pay {
            listing: offer,
            amount: None,
        },
    )
    .await?;
    Ok(())
}

/// `check` believes whoever names a wallet; signing in proves it. Ben signs a Sign-In With
/// Solana challenge for the "members" gate and gets a pass a docs site checks offline; the same
/// signature again is refused, and so is Dev, who is not a member. (`ampled serve` does this
/// over HTTP for the web app and `ampled check --prove`.)
async fn sign_in_story(ctx: &mut Context) -> Result<()> {
    use ampled_client::gate::{self, Facts, GateRules, Gatekeeper, DEFAULT_GATE};
    use solana_signer::Signer;
    println!("  Proving it: each signs in to the \"{DEFAULT_GATE}\" gate with their own key");
    let community = ctx.community().await?;
    let issuer =
        crate::commands::serve::gate_key(&ctx.home.join(crate::commands::serve::GATE_KEY_FILE))?;
    let issuer_key = issuer.pubkey();
    let mut gatekeeper = Gatekeeper::new(
        "docs.ampled.example".into(),
        "https://docs.ampled.example".into(),
        GateRules::members_only(),
        issuer,
    );
    let now = gate::wall_clock();
    for name in ["ben", "dev"] {
        let signer = ctx.wallets.load(name)?;
        let wallet = signer.pubkey();
        let input = gatekeeper.challenge(DEFAULT_GATE, community.name(), Some(&wallet), now)?;
        let message = input.message(&wallet.to_string());
        let signature = signer.sign_message(message.as_bytes());
        let gate = gatekeeper.accept(&wallet, &message, &signature, now)?;
        let facts = Facts {
            wallet,
            community: community.name().to_string(),
            member: read::member(&mut ctx.chain, &community, &wallet).await?,
            balance: read::wallet_balance(&mut ctx.chain, &community, &wallet).await?,
            decimals: community.decimals,
        };
        match gatekeeper.issue(&gate, &facts, now) {
            Ok(issued) => {
                let checked = gate::verify_pass(&issued.pass, &issuer_key, DEFAULT_GATE, now)?;
                println!(
                    "  {name} signed the challenge (nonce {}…); the pass is good until {}",
                    &input.nonce[..8],
                    ampled_client::read::views::rfc3339(checked.exp)
                );
                println!("  the docs site checks the pass offline with the node's key {issuer_key}: valid for {name}");
                if let Err(replayed) = gatekeeper.accept(&wallet, &message, &signature, now) {
                    println!("  the same signature sent again: refused: {replayed}");
                }
            }
            Err(refusal) => println!("  {name}: {refusal}"),
        }
    }
    Ok(())
}
