//! Holding and sending tokens, and gating on them.

use crate::context::Context;
use crate::print;
use crate::Status;
use ampled_client::amount::{parse_amount, parse_positive_amount};
use ampled_client::read;
use ampled_client::read::views::{Fields, Tokens, WalletRef};
use ampled_client::{ClientError, Result};
use clap::Args;

#[derive(Args)]
pub struct BalanceArgs {
    /// Wallet name or address (default: the signing wallet).
    pub wallet: Option<String>,
}

#[derive(Args)]
pub struct TransferArgs {
    /// Wallet name or address of the recipient.
    pub recipient: String,
    /// Whole tokens, e.g. 5 or 2.5.
    pub amount: String,
    /// A note recorded on chain with the transfer (SPL Memo).
    #[arg(long)]
    pub memo: Option<String>,
}

#[derive(Args)]
pub struct CheckArgs {
    /// Wallet name or address to check (with --prove, the signing wallet).
    #[arg(required_unless_present = "prove", conflicts_with = "prove")]
    pub wallet: Option<String>,
    /// Holds at least this many whole tokens.
    #[arg(long, conflicts_with = "prove")]
    pub min: Option<String>,
    /// Is an active member.
    #[arg(long, conflicts_with = "prove")]
    pub member: bool,
    /// Prove it instead of claiming it: sign a Sign-In With Solana challenge with the signing
    /// wallet (-k) and get a pass to --gate from the node (`ampled serve`, or -u).
    #[arg(long, requires = "gate")]
    pub prove: bool,
    /// The gate to prove for, as the node's gate rules name it.
    #[arg(long)]
    pub gate: Option<String>,
}

pub async fn balance(ctx: &mut Context, args: BalanceArgs) -> Result<Status> {
    let community = ctx.community().await?;
    let wallet = match &args.wallet {
        Some(wallet) => ctx.address(wallet)?,
        None => ctx.my_address()?,
    };
    let units = read::wallet_balance(&mut ctx.chain, &community, &wallet).await?;
    let names = print::names(ctx);
    print::either(
        ctx,
        Fields::new()
            .wallet("wallet", Some(&WalletRef::new(wallet, &names)))
            .tokens("balance", Some(Tokens::of(&community, units)))
            .into_value(),
        || format!("{} AMPLED", community.amount(units)),
    );
    Ok(Status::Done)
}

pub async fn transfer(ctx: &mut Context, args: TransferArgs) -> Result<Status> {
    let community = ctx.community().await?;
    let recipient = ctx.address(&args.recipient)?;
    let amount = parse_positive_amount(&args.amount, community.decimals)?;
    let label = ctx.label();
    print::progress(
        ctx,
        &format!(
            "sending {} AMPLED to {}",
            community.amount(amount),
            label(&recipient)
        ),
    );
    let outcome = ctx
        .client()?
        .transfer(&community, &recipient, amount, args.memo.as_deref())
        .await?;
    let sender = ctx.my_address()?;
    let left = read::wallet_balance(&mut ctx.chain, &community, &sender).await?;
    let mut headline = format!(
        "Sent {} AMPLED to {}; you hold {} AMPLED",
        community.amount(amount),
        label(&recipient),
        community.amount(left)
    );
    if let Some(memo) = &args.memo {
        headline.push_str(&format!("\n  memo: {memo}"));
    }
    let names = print::names(ctx);
    let details = Fields::new()
        .wallet("recipient", Some(&WalletRef::new(recipient, &names)))
        .tokens("amount", Some(Tokens::of(&community, amount)))
        .put("memo", &args.memo)
        .tokens("balance", Some(Tokens::of(&community, left)))
        .into_value();
    print::outcome_with(ctx, Some(&community), &headline, &outcome, details);
    Ok(Status::Done)
}

pub async fn check(ctx: &mut Context, args: CheckArgs) -> Result<Status> {
    if args.prove {
        return super::gate::prove(ctx, args.gate.as_deref().unwrap_or_default()).await;
    }
    if args.min.is_none() && !args.member {
        return Err(ClientError::refused(
            "Say what to check: --min <tokens>, --member, or both",
        ));
    }
    let community = ctx.community().await?;
    let wallet = ctx.address(args.wallet.as_deref().unwrap_or_default())?;
    let minimum = args
        .min
        .as_deref()
        .map(|m| parse_amount(m, community.decimals))
        .transpose()?;
    let balance = read::wallet_balance(&mut ctx.chain, &community, &wallet).await?;
    let is_member = matches!(read::member(&mut ctx.chain, &community, &wallet).await?, Some(m) if m.is_active());
    let holds_enough = minimum.is_none_or(|minimum| balance >= minimum);
    let member_ok = !args.member || is_member;
    let passes = holds_enough && member_ok;
    let label = ctx.label();
    let names = print::names(ctx);
    print::either(
        ctx,
        Fields::new()
            .wallet("wallet", Some(&WalletRef::new(wallet, &names)))
            .tokens("balance", Some(Tokens::of(&community, balance)))
            .tokens("minimum", minimum.map(|m| Tokens::of(&community, m)))
            .put("member", is_member)
            .put("passes", passes)
            .into_value(),
        || {
            let mut reasons = Vec::new();
            if let Some(minimum) = minimum {
                reasons.push(format!(
                    "holds {} AMPLED ({} {})",
                    community.amount(balance),
                    if holds_enough {
                        "at least"
                    } else {
                        "less than"
                    },
                    community.amount(minimum)
                ));
            }
            if args.member {
                reasons.push(if is_member {
                    "is an active member".into()
                } else {
                    "is not an active member".into()
                });
            }
            format!(
                "{}: {} {}",
                if passes { "PASS" } else { "FAIL" },
                label(&wallet),
                reasons.join(" and ")
            )
        },
    );
    Ok(if passes { Status::Done } else { Status::Unmet })
}
