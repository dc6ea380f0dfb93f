//! Printing for people (text) and for scripts (`--output json`).

use crate::context::{Context, OutputFormat};
use ampled_client::events::{Describer, Event};
use ampled_client::read::CommunityView;
use ampled_client::{ClientError, Outcome};
use anchor_lang::prelude::Pubkey;
use serde_json::{json, Value};

/// Progress goes to stderr so that stdout stays the command's result.
pub fn progress(ctx: &Context, message: &str) {
    if ctx.output == OutputFormat::Text {
        eprintln!("… {message}");
    }
}

pub fn error(error: &ClientError, json: bool, verbose: bool) {
    if json {
        let value = json!({
            "error": error.to_string(),
            "program_error": error.program_error_name(),
            "changed_nothing": error.changed_nothing(),
            "logs": error.logs(),
        });
        println!("{value}");
        return;
    }
    eprintln!("error: {error}");
    if error.changed_nothing() && !matches!(error, ClientError::Refused(_)) {
        eprintln!("Nothing was changed on chain.");
    } else if matches!(error, ClientError::Refused(_)) {
        eprintln!("Nothing was sent.");
    }
    if verbose {
        for line in error.logs() {
            eprintln!("  {line}");
        }
    }
}

pub fn events_json(ctx: &Context, outcome: &Outcome, decimals: u8) -> Vec<Value> {
    let label = ctx.label();
    let describer = Describer {
        decimals,
        label: &label,
    };
    outcome
        .events
        .iter()
        .map(|event| json!({ "kind": event.kind(), "summary": event.describe(&describer) }))
        .collect()
}

/// Reports a sent transaction: a headline, what it emitted, its signature.
pub fn outcome(
    ctx: &Context,
    community: Option<&CommunityView>,
    headline: &str,
    outcome: &Outcome,
) {
    outcome_with(ctx, community, headline, outcome, json!({}));
}

/// [`outcome`] with more fields in its JSON form (what a script needs besides the events).
pub fn outcome_with(
    ctx: &Context,
    community: Option<&CommunityView>,
    headline: &str,
    outcome: &Outcome,
    extra: Value,
) {
    if ctx.output == OutputFormat::Quiet {
        quiet_outcome(outcome);
        return;
    }
    let decimals = community.map(|c| c.decimals).unwrap_or(0);
    if ctx.json() {
        let mut value = json!({
            "signature": outcome.signature,
            "created": outcome.created.map(|a| a.to_string()),
            "events": events_json(ctx, outcome, decimals),
        });
        if let (Some(fields), Value::Object(extra)) = (value.as_object_mut(), extra) {
            fields.extend(extra);
        }
        println!("{value}");
        return;
    }
    println!("{headline}");
    let label = ctx.label();
    let describer = Describer {
        decimals,
        label: &label,
    };
    for event in &outcome.events {
        println!("  {}", event.describe(&describer));
    }
    println!("  signature {}", outcome.signature);
}

/// Prints `value` as JSON, or `text` for people.
pub fn either(ctx: &Context, value: Value, text: impl FnOnce() -> String) {
    if ctx.json() {
        println!("{value}");
    } else {
        let text = text();
        if !text.is_empty() {
            println!("{}", text.trim_end());
        }
    }
}

/// `-q`: the address of what a transaction created and nothing else, so a script (or the README)
/// can write `id=$(ampled -q ...)`; a transaction that created nothing prints nothing.
fn quiet_outcome(outcome: &Outcome) {
    if let Some(address) = created_record(outcome) {
        println!("{address}");
    }
}

/// The proposal, bounty or auction a transaction created, including the bounty or auction an
/// executed proposal posted or listed (known only from its event).
fn created_record(outcome: &Outcome) -> Option<Pubkey> {
    outcome.created.or_else(|| {
        outcome.events.iter().find_map(|event| match event {
            Event::BountyPosted(posted) => Some(posted.bounty),
            Event::AuctionListed(listed) => Some(listed.auction),
            _ => None,
        })
    })
}
