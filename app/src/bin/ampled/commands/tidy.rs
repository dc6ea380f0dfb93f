//! Closing finished records (proposals, bounties, claims, auctions) to get their rent back.

use crate::context::Context;
use crate::print;
use crate::Status;
use ampled_client::amount::format_amount;
use ampled_client::client::Closable;
use ampled_client::events::short;
use ampled_client::read::views::{Fields, ToFields, WalletRef};
use ampled_client::{Outcome, Result};
use clap::Args;
use serde::{Serialize, Serializer};
use std::fmt;

#[derive(Args)]
pub struct CloseAllArgs {
    /// Only list what would be closed.
    #[arg(long)]
    pub dry_run: bool,
}

const SOL_DECIMALS: u8 = 9;

fn sol(lamports: u64) -> String {
    format!("{} SOL", format_amount(lamports, SOL_DECIMALS))
}

/// One record closed (or, in a dry run, to close).
struct Closed {
    record: Closable,
    rent_to: WalletRef,
    signature: Option<String>,
}

/// What closing did: each record, where its rent went, and what the signer recovered.
struct ClosedReport {
    closed: Vec<Closed>,
    /// Rent returned to the signer, in lamports.
    recovered: u64,
    /// The signer's SOL after, less before (rent recovered less fees), when anything was sent.
    net_change: Option<i128>,
    dry_run: bool,
}

impl ToFields for Closed {
    fn fields(&self) -> Fields {
        Fields::new()
            .put("kind", self.record.kind)
            .address("address", Some(&self.record.address))
            .put("id", short(&self.record.address))
            .put("title", &self.record.title)
            .put("rent", format_amount(self.record.rent, SOL_DECIMALS))
            .put("rent_lamports", self.record.rent)
            .wallet("rent_to", Some(&self.rent_to))
            .put("signature", &self.signature)
    }
}

impl Serialize for ClosedReport {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        Fields::new()
            .put(
                "closed",
                self.closed
                    .iter()
                    .map(|c| c.fields().into_value())
                    .collect::<Vec<_>>(),
            )
            .put("recovered", format_amount(self.recovered, SOL_DECIMALS))
            .put("recovered_lamports", self.recovered)
            .put("net_change_lamports", self.net_change.map(|n| n as i64))
            .put("dry_run", self.dry_run)
            .into_value()
            .serialize(serializer)
    }
}

impl fmt::Display for ClosedReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.closed.is_empty() {
            return f.write_str("Nothing of yours is finished and left to close");
        }
        let verb = if self.dry_run {
            "Would close"
        } else {
            "Closed"
        };
        for c in &self.closed {
            writeln!(
                f,
                "{verb} {} {} \"{}\": {} back to {}",
                format!("{:?}", c.record.kind).to_lowercase(),
                short(&c.record.address),
                c.record.title,
                sol(c.record.rent),
                c.rent_to
            )?;
        }
        let recovered = if self.dry_run {
            "You would recover"
        } else {
            "You recovered"
        };
        write!(f, "{recovered} {}", sol(self.recovered))?;
        if let Some(net) = self.net_change {
            let net_lamports = u64::try_from(net.unsigned_abs()).unwrap_or(u64::MAX);
            write!(
                f,
                " ({}{} after fees)",
                if net < 0 { "-" } else { "" },
                sol(net_lamports)
            )?;
        }
        Ok(())
    }
}

fn closed(ctx: &Context, record: Closable, signature: Option<String>) -> Closed {
    let names = print::names(ctx);
    Closed {
        rent_to: WalletRef::new(record.rent_to, &names),
        record,
        signature,
    }
}

/// Reports records closed one by one (`proposal close`, `bounty close`, ...).
pub fn report_closed(ctx: &Context, done: &[(Closable, Outcome)]) {
    let me = ctx.my_address().ok();
    let report = ClosedReport {
        recovered: done
            .iter()
            .filter(|(record, _)| Some(record.rent_to) == me)
            .map(|(record, _)| record.rent)
            .sum(),
        closed: done
            .iter()
            .map(|(record, outcome)| closed(ctx, record.clone(), Some(outcome.signature.clone())))
            .collect(),
        net_change: None,
        dry_run: false,
    };
    print::view(ctx, &report);
}

/// `ampled close-all`: closes everything of the signer's that is finished.
pub async fn close_all(ctx: &mut Context, args: CloseAllArgs) -> Result<Status> {
    let community = ctx.community().await?;
    let me = ctx.my_address()?;
    let report = if args.dry_run {
        let found = ctx.client()?.closable_records(&community).await?;
        ClosedReport {
            recovered: found
                .iter()
                .filter(|r| r.rent_to == me)
                .map(|r| r.rent)
                .sum(),
            closed: found.into_iter().map(|r| closed(ctx, r, None)).collect(),
            net_change: None,
            dry_run: true,
        }
    } else {
        print::progress(
            ctx,
            &format!("closing your finished records in {}", community.name()),
        );
        let tidied = ctx.client()?.close_all(&community).await?;
        ClosedReport {
            recovered: tidied.recovered,
            net_change: (!tidied.closed.is_empty()).then_some(tidied.net_change),
            closed: tidied
                .closed
                .into_iter()
                .map(|(r, signature)| closed(ctx, r, Some(signature)))
                .collect(),
            dry_run: false,
        }
    };
    print::view(ctx, &report);
    Ok(Status::Done)
}
