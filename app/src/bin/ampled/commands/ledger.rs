//! The ledger read back from the chain: the community's history, and the time bank.

use crate::context::Context;
use crate::print;
use crate::Status;
use ampled_client::amount::format_time;
use ampled_client::chain::{Chain, TxRecord};
use ampled_client::client::MEMO_PROGRAM_ID;
use ampled_client::events::{Describer, Event};
use ampled_client::read::{self, CommunityView};
use ampled_client::Result;
use anchor_lang::prelude::Pubkey;
use anchor_spl::token::{self, TokenAccount};
use clap::Args;
use serde_json::json;

#[derive(Args)]
pub struct LedgerArgs {
    /// Only what concerns this member (wallet name or address).
    #[arg(long)]
    pub member: Option<String>,
    /// At most this many of the latest transactions.
    #[arg(long, default_value_t = 1_000)]
    pub limit: usize,
}

#[derive(Args)]
pub struct TimebankArgs {
    /// Print CSV (for spreadsheets) instead of a table.
    #[arg(long)]
    pub csv: bool,
}

/// One line of the ledger.
struct Entry {
    time: Option<i64>,
    signature: String,
    kind: String,
    summary: String,
    wallets: Vec<Pubkey>,
}

/// SPL Token's `TransferChecked` instruction tag.
const TRANSFER_CHECKED: u8 = 12;

async fn token_owner(ctx: &mut Context, token_account: &Pubkey) -> Result<Option<Pubkey>> {
    Ok(read::fetch::<TokenAccount>(&mut ctx.chain, token_account)
        .await?
        .map(|a| a.owner))
}

/// Peer-to-peer transfers of the community token in `record` (they emit no program event).
async fn transfers(
    ctx: &mut Context,
    community: &CommunityView,
    record: &TxRecord,
) -> Result<Vec<Entry>> {
    let memo: Option<String> = record
        .instructions
        .iter()
        .find(|ix| ix.program_id == MEMO_PROGRAM_ID)
        .map(|ix| String::from_utf8_lossy(&ix.data).into_owned());
    let mut entries = Vec::new();
    for ix in &record.instructions {
        let is_transfer = ix.program_id == token::ID
            && ix.data.first() == Some(&TRANSFER_CHECKED)
            && ix.accounts.get(1) == Some(&community.mint());
        if !is_transfer || ix.data.len() < 9 || ix.accounts.len() < 4 {
            continue;
        }
        let amount = u64::from_le_bytes(ix.data[1..9].try_into().expect("8 bytes"));
        let sender = ix.accounts[3];
        let recipient = token_owner(ctx, &ix.accounts[2])
            .await?
            .unwrap_or(ix.accounts[2]);
        let label = ctx.label();
        let mut summary = format!(
            "{} sent {} AMPLED to {}",
            label(&sender),
            community.amount(amount),
            label(&recipient)
        );
        if let Some(memo) = &memo {
            summary.push_str(&format!(" (memo: {memo})"));
        }
        entries.push(Entry {
            time: record.time,
            signature: record.signature.clone(),
            kind: "Transfer".into(),
            summary,
            wallets: vec![sender, recipient],
        });
    }
    Ok(entries)
}

pub async fn ledger(ctx: &mut Context, args: LedgerArgs) -> Result<Status> {
    let community = ctx.community().await?;
    let member = args.member.as_deref().map(|m| ctx.address(m)).transpose()?;
    print::progress(
        ctx,
        &format!(
            "reading the history of {} from the {}",
            community.name(),
            ctx.describe_chain()
        ),
    );
    // Every program transaction, kept when its events name this community (a claim or a bid
    // does not pass the community account); peer-to-peer transfers name the mint instead.
    let mut records = ctx.chain.history(&ampled::ID, args.limit).await?;
    for record in ctx.chain.history(&community.mint(), args.limit).await? {
        if !records.iter().any(|r| r.signature == record.signature) {
            records.push(record);
        }
    }
    records.sort_by_key(|r| (r.slot, r.time));
    // Each of the two histories held up to `limit`; together they may hold more.
    records.drain(..records.len().saturating_sub(args.limit));
    let label = ctx.label();
    let describer = Describer {
        decimals: community.decimals,
        label: &label,
    };
    let mut entries = Vec::new();
    for record in &records {
        for event in record.events.iter().filter_map(|e| Event::decode(e)) {
            if event.community() != community.address {
                continue;
            }
            entries.push(Entry {
                time: Some(event.timestamp()),
                signature: record.signature.clone(),
                kind: event.kind().into(),
                summary: event.describe(&describer),
                wallets: event.wallets(),
            });
        }
        entries.extend(transfers(ctx, &community, record).await?);
    }
    if let Some(member) = member {
        entries.retain(|e| e.wallets.contains(&member));
    }
    print::either(
        ctx,
        json!(entries
            .iter()
            .map(|e| json!({
                "time": e.time,
                "signature": e.signature,
                "kind": e.kind,
                "summary": e.summary,
                "wallets": e.wallets.iter().map(|w| w.to_string()).collect::<Vec<_>>(),
            }))
            .collect::<Vec<_>>()),
        || {
            if entries.is_empty() {
                return "Nothing on record yet".into();
            }
            entries
                .iter()
                .map(|e| {
                    format!(
                        "{}  {}",
                        e.time
                            .map(format_time)
                            .unwrap_or_else(|| "unknown time    ".into()),
                        e.summary
                    )
                })
                .collect::<Vec<_>>()
                .join("\n")
        },
    );
    Ok(Status::Done)
}

fn csv_field(text: &str) -> String {
    if text.contains([',', '"', '\n']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

pub async fn timebank(ctx: &mut Context, args: TimebankArgs) -> Result<Status> {
    let community = ctx.community().await?;
    let members = read::members(&mut ctx.chain, &community.address).await?;
    let mut rows = Vec::new();
    for member in &members {
        let balance = read::wallet_balance(&mut ctx.chain, &community, &member.wallet).await?;
        rows.push((member, balance));
    }
    let label = ctx.label();
    if args.csv && !ctx.json() {
        println!("wallet,name,role,status,joined_at,rewards_received,total_earned,balance");
        for (m, balance) in &rows {
            println!(
                "{},{},{:?},{:?},{},{},{},{}",
                m.wallet,
                csv_field(&label(&m.wallet)),
                m.role,
                m.status,
                chrono::DateTime::from_timestamp(m.joined_at, 0)
                    .map(|t| t.to_rfc3339())
                    .unwrap_or_default(),
                m.rewards_received,
                community.amount(m.total_earned),
                community.amount(*balance)
            );
        }
        return Ok(Status::Done);
    }
    print::either(
        ctx,
        json!(rows
            .iter()
            .map(|(m, balance)| json!({
                "wallet": m.wallet.to_string(),
                "name": label(&m.wallet),
                "role": format!("{:?}", m.role),
                "status": format!("{:?}", m.status),
                "joined_at": m.joined_at,
                "rewards_received": m.rewards_received,
                "total_earned": community.amount(m.total_earned),
                "balance": community.amount(*balance),
            }))
            .collect::<Vec<_>>()),
        || {
            let mut text = format!(
                "Time bank of {}: what each member earned (rewards and bounties)\n",
                community.name()
            );
            for (m, _) in &rows {
                text.push_str(&format!(
                    "{:<44} {:>14} AMPLED  {} reward(s)  {:?}\n",
                    label(&m.wallet),
                    community.amount(m.total_earned),
                    m.rewards_received,
                    m.status
                ));
            }
            text
        },
    );
    Ok(Status::Done)
}
