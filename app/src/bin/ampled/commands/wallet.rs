//! Wallets (keypair files with names) and the embedded chain's clock.

use crate::context::Context;
use crate::print;
use crate::Status;
use ampled_client::amount::{format_amount, format_time};
use ampled_client::chain::Chain;
use ampled_client::read;
use ampled_client::read::views::{Fields, Tokens, WalletRef};
use ampled_client::{ClientError, Result};
use clap::Subcommand;
use serde_json::{json, Value};
use solana_signer::Signer;

const LAMPORTS_PER_SOL: u64 = 1_000_000_000;

#[derive(Subcommand)]
pub enum WalletCommand {
    /// Create a wallet (a keypair file in <home>/wallets); on the embedded chain it gets SOL for fees.
    New {
        name: String,
        /// SOL to fund it with on the embedded chain.
        #[arg(long, default_value_t = 10)]
        sol: u64,
    },
    /// List your wallets with their SOL.
    List,
    /// Give a wallet SOL for fees: minted on the embedded chain, airdropped on a test cluster.
    Fund {
        /// Wallet name or address.
        wallet: String,
        #[arg(long, default_value_t = 10)]
        sol: u64,
    },
    /// Sign with this wallet from now on (instead of passing -k every time).
    Use { name: String },
    /// A wallet's address, SOL and, with a community chosen, its $AMPLED.
    Show {
        /// Wallet name or address (default: the signing wallet).
        wallet: Option<String>,
    },
}

#[derive(Subcommand)]
pub enum ClockCommand {
    /// The chain's current time.
    Show,
    /// Move the embedded chain's clock forward, e.g. `3d` or `90m`.
    Advance { duration: String },
}

/// `value` with an amount of SOL beside it, in whole SOL and in lamports.
fn sol_fields(mut value: Value, lamports: u64) -> Value {
    value["sol"] = json!(format_amount(lamports, 9));
    value["lamports"] = json!(lamports);
    value
}

pub async fn run(ctx: &mut Context, command: WalletCommand) -> Result<Status> {
    match command {
        WalletCommand::New { name, sol } => {
            let keypair = ctx.wallets.create(&name)?;
            if ctx.chain.funds_new_wallets() && sol > 0 {
                ctx.chain
                    .airdrop(&keypair.pubkey(), sol * LAMPORTS_PER_SOL)
                    .await?;
            }
            if ctx.settings.wallet.is_none() {
                ctx.settings.wallet = Some(name.clone());
                ctx.save_settings()?;
            }
            let funded = ctx.chain.funds_new_wallets() && sol > 0;
            let chain = if ctx.chain.is_embedded() {
                "the embedded chain"
            } else {
                "this local node"
            };
            print::either(
                ctx,
                sol_fields(
                    json!({ "name": name, "address": keypair.pubkey().to_string() }),
                    if funded { sol * LAMPORTS_PER_SOL } else { 0 },
                ),
                || {
                    let mut text = format!("Created wallet {name}: {}", keypair.pubkey());
                    if funded {
                        text.push_str(&format!("\n  funded with {sol} SOL for fees on {chain}"));
                    } else {
                        text.push_str(
                            "\n  send it some SOL for fees before using it on this cluster",
                        );
                    }
                    text
                },
            );
        }
        WalletCommand::List => {
            let mut rows = Vec::new();
            for (name, address) in ctx.wallets.list() {
                let lamports = read::sol_balance(&mut ctx.chain, &address).await?;
                rows.push((name, address, lamports));
            }
            let chosen = ctx.settings.wallet.clone();
            print::either(
                ctx,
                json!(rows
                    .iter()
                    .map(|(name, address, lamports)| sol_fields(
                        json!({ "name": name, "address": address.to_string() }),
                        *lamports
                    ))
                    .collect::<Vec<_>>()),
                || {
                    if rows.is_empty() {
                        return "No wallets yet: create one with `ampled wallet new <name>`".into();
                    }
                    rows.iter()
                        .map(|(name, address, lamports)| {
                            let mark = if chosen.as_deref() == Some(name) {
                                "*"
                            } else {
                                " "
                            };
                            format!(
                                "{mark} {name:<16} {address}  {} SOL",
                                format_amount(*lamports, 9)
                            )
                        })
                        .collect::<Vec<_>>()
                        .join("\n")
                },
            );
        }
        WalletCommand::Fund { wallet, sol } => {
            let address = ctx.address(&wallet)?;
            if sol == 0 {
                return Err(ClientError::refused("Give at least 1 SOL with --sol"));
            }
            print::progress(ctx, &format!("funding {wallet} with {sol} SOL"));
            ctx.chain.airdrop(&address, sol * LAMPORTS_PER_SOL).await?;
            let lamports = read::sol_balance(&mut ctx.chain, &address).await?;
            print::either(
                ctx,
                sol_fields(json!({ "address": address.to_string() }), lamports),
                || format!("{wallet} now holds {} SOL", format_amount(lamports, 9)),
            );
        }
        WalletCommand::Use { name } => {
            let keypair = ctx.wallets.load(&name)?;
            ctx.settings.wallet = Some(name.clone());
            ctx.save_settings()?;
            print::either(
                ctx,
                json!({ "wallet": name, "address": keypair.pubkey().to_string() }),
                || format!("Signing with {name} ({}) from now on", keypair.pubkey()),
            );
        }
        WalletCommand::Show { wallet } => {
            let address = match &wallet {
                Some(wallet) => ctx.address(wallet)?,
                None => ctx.my_address()?,
            };
            let lamports = read::sol_balance(&mut ctx.chain, &address).await?;
            let tokens = match ctx.community_name() {
                Ok(_) => {
                    let community = ctx.community().await?;
                    let balance =
                        read::wallet_balance(&mut ctx.chain, &community, &address).await?;
                    Some((
                        community.name().to_string(),
                        Tokens::of(&community, balance),
                    ))
                }
                Err(_) => None,
            };
            let names = print::names(ctx);
            let fields = Fields::new()
                .wallet("address", Some(&WalletRef::new(address, &names)))
                .put("community", tokens.as_ref().map(|(name, _)| name))
                .tokens("balance", tokens.as_ref().map(|(_, balance)| *balance))
                .into_value();
            print::either(ctx, sol_fields(fields, lamports), || {
                let mut text = format!("{address}\n  {} SOL", format_amount(lamports, 9));
                if let Some((name, balance)) = &tokens {
                    text.push_str(&format!("\n  {balance} ({name})"));
                }
                text
            });
        }
    }
    Ok(Status::Done)
}

pub async fn clock(ctx: &mut Context, command: ClockCommand) -> Result<Status> {
    let now = match command {
        ClockCommand::Show => ctx.chain.now().await?,
        ClockCommand::Advance { duration } => {
            let seconds = ampled_client::amount::parse_duration(&duration)?;
            ctx.chain.advance_clock(seconds).await?
        }
    };
    print::either(
        ctx,
        Fields::new().time("time", Some(now)).into_value(),
        || format!("Chain time: {}", format_time(now)),
    );
    Ok(Status::Done)
}
