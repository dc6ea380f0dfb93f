//! Printing for people (text) and for scripts (`--output json`).

use crate::context::{Context, OutputFormat};
use ampled_client::error::Missing;
use ampled_client::events::{Describer, Event};
use ampled_client::read::views::LedgerEntry;
use ampled_client::read::CommunityView;
use ampled_client::{ClientError, Outcome};
use anchor_lang::prelude::Pubkey;
use serde::Serialize;
use serde_json::{json, Value};

/// Progress goes to stderr so that stdout stays the command's result.
pub fn progress(ctx: &Context, message: &str) {
    if ctx.output == OutputFormat::Text {
        eprintln!("… {message}");
    }
}

pub fn error(error: &ClientError, json: bool, verbose: bool) {
    if json {
        println!("{}", error_json(error));
        return;
    }
    eprintln!("error: {}", worded(error));
    if error.is_refusal() {
        eprintln!("Nothing was sent.");
    } else if error.changed_nothing() {
        eprintln!("Nothing was changed on chain.");
    }
    if verbose {
        for line in error.logs() {
            eprintln!("  {line}");
        }
    }
}

/// The library's words, and for what is missing, the command that would create or find it.
/// Where to look when a listing is not found.
const LISTING_GONE: &str =
    "it may have been removed. See `ampled directory search`, or `ampled directory mine` for yours";

pub fn worded(error: &ClientError) -> String {
    let ClientError::Missing(missing) = error else {
        return error.to_string();
    };
    let next_step = match missing {
        Missing::Community { name, .. } => format!(
            "create it with `ampled community create {name} ...` or pick another with --community"
        ),
        Missing::Record {
            kind: "proposal", ..
        } => "it may have been closed. See `ampled proposal list --all`".to_string(),
        Missing::Record {
            kind: "listing", ..
        } => LISTING_GONE.to_string(),
        Missing::Record { kind, .. } => format!("see `ampled {kind} list`"),
        Missing::RecordPrefix { kind, .. } => match kind.as_str() {
            "listing" => LISTING_GONE.to_string(),
            "distribution" => "list them with `ampled distribution list`".to_string(),
            kind => format!("list them with `ampled {kind} list --all`"),
        },
        Missing::Wallet { name } => {
            format!("create it with `ampled wallet new {name}`, or pass a keypair file with -k")
        }
        Missing::FeeMoney { embedded: true, .. } => {
            "fund it with `ampled wallet fund <name>`".to_string()
        }
        Missing::FeeMoney { .. } => {
            "fund it with `solana airdrop 1` on devnet, or a transfer from another wallet"
                .to_string()
        }
        Missing::Membership { removed: true, .. } => return error.to_string(),
        Missing::Membership { .. } => {
            "members admit new members by vote (`ampled member add`)".to_string()
        }
        Missing::Claim => "claim it first with `ampled bounty claim`".to_string(),
        Missing::Founders => "name at least one with --founder".to_string(),
    };
    format!("{error}; {next_step}")
}

/// A refusal for scripts: the message, and the program error it comes from (by name and code)
/// whether the chain raised it or the client found it before sending.
pub fn error_json(error: &ClientError) -> Value {
    let program_error = match error {
        ClientError::Program { code, name, .. } | ClientError::Rule { code, name, .. } => {
            Some((name.clone(), *code))
        }
        ClientError::Refused(message) => program_rule_of(message),
        _ => None,
    };
    json!({
        "error": worded(error),
        "program_error": program_error.as_ref().map(|(name, _)| name),
        "code": program_error.as_ref().map(|(_, code)| code),
        "sent": matches!(error, ClientError::Program { .. } | ClientError::Transaction { .. }),
        "changed_nothing": error.changed_nothing(),
        "logs": error.logs(),
    })
}

/// The program error whose rule a pre-send refusal applied: the client checks the program's own
/// rules and reports them in the program's words, which name the error.
fn program_rule_of(message: &str) -> Option<(String, u32)> {
    const FIRST_PROGRAM_ERROR: u32 = 6000;
    const PROGRAM_ERRORS_AT_MOST: u32 = 1000;
    (FIRST_PROGRAM_ERROR..FIRST_PROGRAM_ERROR + PROGRAM_ERRORS_AT_MOST)
        .filter_map(|code| ampled_client::error::program_error(code).map(|e| (code, e)))
        .filter(|(_, (_, rule))| message.starts_with(rule.as_str()))
        // The fullest match: one rule's words may begin another's.
        .max_by_key(|(_, (_, rule))| rule.len())
        .map(|(code, (name, _))| (name, code))
}

/// How listings name wallets: the nickname of a wallet of this home, when it is one.
pub fn names(ctx: &Context) -> impl Fn(&Pubkey) -> Option<String> {
    let label = ctx.label();
    move |address: &Pubkey| Some(label(address)).filter(|label| *label != address.to_string())
}

/// The events a transaction emitted, each with its terms as fields beside its sentence.
pub fn events_json(ctx: &Context, outcome: &Outcome, decimals: u8) -> Vec<Value> {
    let names = names(ctx);
    outcome
        .events
        .iter()
        .map(|event| {
            let entry = LedgerEntry::from_event(event, &outcome.signature, decimals, &names);
            serde_json::to_value(&entry).unwrap_or(Value::Null)
        })
        .collect()
}

/// Prints a view: its JSON for scripts, its text for people. One type decides both.
pub fn view<V: Serialize + std::fmt::Display>(ctx: &Context, view: &V) {
    if ctx.json() {
        println!(
            "{}",
            serde_json::to_value(view).unwrap_or_else(|e| json!({ "error": e.to_string() }))
        );
    } else {
        let text = view.to_string();
        if !text.is_empty() {
            println!("{}", text.trim_end());
        }
    }
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
