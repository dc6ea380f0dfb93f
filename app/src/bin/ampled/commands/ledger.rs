//! The ledger read back from the chain: the community's history, and the time bank.

use crate::context::Context;
use crate::print;
use crate::Status;
use ampled::state::Listing;
use ampled_client::chain::{Chain, TxRecord};
use ampled_client::client::{listing_in_memo, MEMO_PROGRAM_ID};
use ampled_client::events::{short, Event, EventFields};
use ampled_client::read::views::{LedgerEntry, MemberView, Rows, Timebank};
use ampled_client::read::{self, CommunityView};
use ampled_client::Result;
use anchor_lang::prelude::Pubkey;
use anchor_spl::token_interface::TokenAccount;
use clap::Args;

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

/// Token-2022's `TransferChecked` instruction tag (the same as SPL Token's).
const TRANSFER_CHECKED: u8 = 12;

async fn token_owner(ctx: &mut Context, token_account: &Pubkey) -> Result<Option<Pubkey>> {
    Ok(read::fetch::<TokenAccount>(&mut ctx.chain, token_account)
        .await?
        .map(|a| a.owner))
}

/// A memo as it can be shown: whoever wrote it, a control character (a terminal escape, a
/// newline) must not reach the screen and fake the lines around it.
fn printable(memo: &str) -> String {
    memo.chars()
        .map(|c| if c.is_control() { '\u{fffd}' } else { c })
        .collect()
}

/// Peer-to-peer transfers of the community token in `record` (they emit no program event).
async fn transfers(
    ctx: &mut Context,
    community: &CommunityView,
    record: &TxRecord,
) -> Result<Vec<LedgerEntry>> {
    let memo: Option<String> = record
        .instructions
        .iter()
        .find(|ix| ix.program_id == MEMO_PROGRAM_ID)
        .map(|ix| String::from_utf8_lossy(&ix.data).into_owned());
    let mut entries = Vec::new();
    for ix in &record.instructions {
        let is_transfer = ix.program_id == community.token_program
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
        if let Some(memo) = memo.as_deref().map(printable) {
            // Anyone can write any memo: it reads as trade for a listing only when the tokens
            // went to that listing's owner.
            let paid_for = match listing_in_memo(&memo) {
                Some(listing) => read::fetch::<Listing>(&mut ctx.chain, &listing)
                    .await?
                    .filter(|l| l.owner == recipient)
                    .map(|_| listing),
                None => None,
            };
            match paid_for {
                Some(listing) => {
                    let title = memo.split_once(": ").map_or("", |(_, title)| title);
                    summary.push_str(&format!(" for listing {} \"{title}\"", short(&listing)));
                }
                None => summary.push_str(&format!(" (memo: {memo})")),
            }
        }
        let fields = EventFields {
            amount: Some(amount),
            from: Some(sender),
            to: Some(recipient),
            by: Some(sender),
            memo: memo.clone(),
            ..EventFields::default()
        };
        let names = print::names(ctx);
        entries.push(LedgerEntry::from_fields(
            fields,
            record.time,
            &record.signature,
            "Transfer",
            summary,
            vec![sender, recipient],
            community.decimals,
            &names,
        ));
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
    let names = print::names(ctx);
    let mut entries = Vec::new();
    for record in &records {
        for event in record.events.iter().filter_map(|e| Event::decode(e)) {
            if event.community() != community.address {
                continue;
            }
            entries.push(LedgerEntry::from_event(
                &event,
                &record.signature,
                community.decimals,
                &names,
            ));
        }
        entries.extend(transfers(ctx, &community, record).await?);
    }
    if let Some(member) = member {
        entries.retain(|e| e.wallets.contains(&member));
    }
    print::view(ctx, &Rows::new(entries, "Nothing on record yet"));
    Ok(Status::Done)
}

pub async fn timebank(ctx: &mut Context, args: TimebankArgs) -> Result<Status> {
    let community = ctx.community().await?;
    let members = read::members(&mut ctx.chain, &community.address).await?;
    let names = print::names(ctx);
    let mut rows = Vec::new();
    for member in &members {
        let balance = read::wallet_balance(&mut ctx.chain, &community, &member.wallet).await?;
        rows.push(MemberView::new(&community, member, &names).with_balance(&community, balance));
    }
    let timebank = Timebank {
        community: community.name().to_string(),
        members: rows,
    };
    if args.csv && !ctx.json() {
        println!("{}", timebank.csv());
        return Ok(Status::Done);
    }
    print::view(ctx, &timebank);
    Ok(Status::Done)
}
