//! The IDL that clients in other languages are generated from (`idl/ampled.json`, written by
//! `scripts/idl.py`). A generator such as Codama fills in an account only when the IDL gives its
//! address or its seeds; an account without them becomes one more thing every caller must pass.
//! So every account whose address no caller chooses carries it: the event authority and the
//! program that `#[event_cpi]` adds, and the system, Token-2022 and associated token programs. And
//! every PDA that the program checks with `seeds = [...]` is described by seeds in the IDL.
//!
//! What the program declares is read from its source, so a new instruction, program account or
//! seeds constraint is checked without this file changing.

use ampled::state::{
    AUCTION_SEED, AUCTION_VAULT_SEED, BOUNTY_SEED, BOUNTY_VAULT_SEED, BUDGET_SEED, CLAIM_SEED,
    COMMUNITY_SEED, DISTRIBUTION_SEED, LISTING_SEED, MEMBER_SEED, MINT_SEED, PROPOSAL_SEED,
    TREASURY_SEED,
};
use ampled_client::ix::{self, TOKEN_PROGRAM};
use anchor_lang::prelude::Pubkey;
use anchor_lang::system_program;
use anchor_spl::associated_token;
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::str::FromStr;

/// The seed Anchor derives every program's event authority from.
const EVENT_AUTHORITY_SEED: &[u8] = b"__event_authority";

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn idl() -> Value {
    let path = root().join("idl/ampled.json");
    let text = fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).expect("the IDL parses")
}

fn instructions(idl: &Value) -> &Vec<Value> {
    idl["instructions"]
        .as_array()
        .expect("the IDL lists instructions")
}

fn name(item: &Value) -> &str {
    item["name"].as_str().expect("every IDL item has a name")
}

/// The instruction's accounts, those of composite fields (`payout`) named by their path
/// (`payout.token_program`).
fn accounts(instruction: &Value) -> Vec<(String, &Value)> {
    fn walk<'a>(items: &'a Value, prefix: &str, out: &mut Vec<(String, &'a Value)>) {
        for item in items.as_array().expect("accounts are a list") {
            let path = format!("{prefix}{}", name(item));
            match item.get("accounts") {
                Some(nested) => walk(nested, &format!("{path}."), out),
                None => out.push((path, item)),
            }
        }
    }
    let mut out = Vec::new();
    walk(&instruction["accounts"], "", &mut out);
    out
}

/// Every Rust file under `programs/ampled/src`, by path.
fn program_sources() -> BTreeMap<PathBuf, String> {
    fn walk(dir: &Path, out: &mut BTreeMap<PathBuf, String>) {
        for entry in fs::read_dir(dir).expect("the program's source is readable") {
            let path = entry.expect("a directory entry").path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|ext| ext == "rs") {
                let text = fs::read_to_string(&path).expect("a source file is readable");
                out.insert(path, text);
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(&root().join("programs/ampled/src"), &mut out);
    out
}

/// The source of each instruction's accounts struct: one file per instruction under
/// `instructions/`, named after it.
fn instruction_sources() -> BTreeMap<String, String> {
    let instructions = root().join("programs/ampled/src/instructions");
    program_sources()
        .into_iter()
        .filter(|(path, _)| path.starts_with(&instructions))
        .map(|(path, text)| {
            let stem = path.file_stem().expect("a file name").to_string_lossy();
            (stem.into_owned(), text)
        })
        .collect()
}

fn const_seed(bytes: &[u8]) -> Value {
    json!({ "kind": "const", "value": bytes })
}

fn event_authority_account() -> Value {
    json!({ "name": "event_authority", "pda": { "seeds": [const_seed(EVENT_AUTHORITY_SEED)] } })
}

fn program_account() -> Value {
    json!({ "name": "program", "address": ampled::ID.to_string() })
}

#[test]
fn every_event_cpi_instruction_names_its_event_authority_and_program() {
    let idl = idl();
    let sources = instruction_sources();
    assert_eq!(idl["address"], json!(ampled::ID.to_string()));

    let mut with_events = 0;
    for instruction in instructions(&idl) {
        let source = sources
            .get(name(instruction))
            .unwrap_or_else(|| panic!("no source file for `{}`", name(instruction)));
        if !source.contains("#[event_cpi]") {
            continue;
        }
        with_events += 1;
        // `#[event_cpi]` appends both accounts to the end of the instruction's own struct.
        let items = instruction["accounts"]
            .as_array()
            .expect("accounts are a list");
        assert!(
            items.len() >= 2,
            "`{}` has too few accounts",
            name(instruction)
        );
        assert_eq!(
            items[items.len() - 2..],
            [event_authority_account(), program_account()],
            "`{}` does not give its event authority and program",
            name(instruction)
        );
    }
    assert_eq!(
        with_events,
        instructions(&idl).len(),
        "every instruction emits its events by CPI"
    );

    // Nothing else may claim those names with other addresses.
    for instruction in instructions(&idl) {
        for (path, account) in accounts(instruction) {
            match name(account) {
                "event_authority" => assert_eq!(*account, event_authority_account(), "{path}"),
                "program" => assert_eq!(*account, program_account(), "{path}"),
                _ => {}
            }
        }
    }
}

#[test]
fn the_event_authority_derived_from_the_idl_is_the_one_the_program_checks() {
    let idl = idl();
    let program_id = Pubkey::from_str(idl["address"].as_str().expect("an address")).unwrap();
    let first = &instructions(&idl)[0];
    let (_, authority) = accounts(first)
        .into_iter()
        .find(|(path, _)| path == "event_authority")
        .expect("the first instruction has an event authority");
    let seeds: Vec<Vec<u8>> = authority["pda"]["seeds"]
        .as_array()
        .expect("seeds")
        .iter()
        .map(|seed| {
            assert_eq!(
                seed["kind"], "const",
                "a client can derive only constant seeds alone"
            );
            serde_json::from_value(seed["value"].clone()).expect("seed bytes")
        })
        .collect();
    let seeds: Vec<&[u8]> = seeds.iter().map(Vec::as_slice).collect();

    let (derived, _) = Pubkey::find_program_address(&seeds, &program_id);

    assert_eq!(derived, ix::event_authority());
    assert_eq!(derived, ampled::EVENT_AUTHORITY_AND_BUMP.0);
}

#[test]
fn every_program_account_carries_its_fixed_address() {
    // The name each `Program<'info, T>` field must have, and the address Anchor writes for it.
    let known = [
        ("System", "system_program", system_program::ID),
        ("Token2022", "token_program", TOKEN_PROGRAM),
        (
            "AssociatedToken",
            "associated_token_program",
            associated_token::ID,
        ),
    ];
    let mut declared = 0;
    for (path, text) in program_sources() {
        for line in text.lines().map(str::trim) {
            let Some((field, ty)) = line
                .strip_prefix("pub ")
                .and_then(|rest| rest.split_once(": Program<'info, "))
            else {
                continue;
            };
            declared += 1;
            let ty = ty.trim_end_matches(['>', ',']);
            assert!(
                known.iter().any(|(t, f, _)| *t == ty && *f == field),
                "{}: `{field}: Program<{ty}>` is not a program this test knows the address of",
                path.display()
            );
        }
    }
    assert!(
        declared > 0,
        "no `Program<'info, T>` field found in the program's source"
    );

    let idl = idl();
    let mut seen = 0;
    for instruction in instructions(&idl) {
        for (path, account) in accounts(instruction) {
            let Some((_, _, address)) = known.iter().find(|(_, f, _)| *f == name(account)) else {
                continue;
            };
            seen += 1;
            assert_eq!(
                account["address"],
                json!(address.to_string()),
                "`{}`: `{path}`",
                name(instruction)
            );
        }
    }
    assert!(
        seen >= declared,
        "{seen} program accounts in the IDL, {declared} declared"
    );
}

/// The `seeds = [...]` constraints of one accounts struct: (field, seed expressions).
fn seeds_constraints(source: &str) -> Vec<(String, Vec<String>)> {
    let mut found = Vec::new();
    let mut rest = source;
    while let Some(start) = rest.find("#[account(") {
        let after = &rest[start + "#[account(".len()..];
        let end = closing(after, '(', ')').expect("an #[account(...)] closes");
        let constraint: String = after[..end].split_whitespace().collect();
        let field = after[end..]
            .split("pub ")
            .nth(1)
            .and_then(|tail| tail.split(':').next())
            .expect("a field follows its #[account(...)]")
            .trim()
            .to_string();
        if let Some(at) = constraint.find("seeds=[") {
            let list = &constraint[at + "seeds=[".len()..];
            let list = &list[..closing(list, '[', ']').expect("a seeds list closes")];
            let seeds = list
                .split(',')
                .filter(|seed| !seed.is_empty())
                .map(str::to_string)
                .collect();
            found.push((field, seeds));
        }
        rest = &after[end..];
    }
    found
}

/// Where the bracket opened just before `text` closes.
fn closing(text: &str, open: char, close: char) -> Option<usize> {
    let mut depth = 1;
    for (at, c) in text.char_indices() {
        if c == open {
            depth += 1;
        } else if c == close {
            depth -= 1;
            if depth == 0 {
                return Some(at);
            }
        }
    }
    None
}

/// Seeds no IDL seed can express (the category's byte inside a proposal's action), left out so
/// that clients pass the account rather than derive a wrong one (`scripts/idl.py` says why).
const SEEDS_CLIENTS_PASS: [(&str, &str); 1] = [("execute_set_category_budget", "category_budget")];

#[test]
fn every_seeds_constraint_is_described_by_seeds_in_the_idl() {
    let prefixes: BTreeMap<&str, &[u8]> = [
        ("COMMUNITY_SEED", COMMUNITY_SEED),
        ("MINT_SEED", MINT_SEED),
        ("TREASURY_SEED", TREASURY_SEED),
        ("MEMBER_SEED", MEMBER_SEED),
        ("PROPOSAL_SEED", PROPOSAL_SEED),
        ("BOUNTY_SEED", BOUNTY_SEED),
        ("BOUNTY_VAULT_SEED", BOUNTY_VAULT_SEED),
        ("CLAIM_SEED", CLAIM_SEED),
        ("BUDGET_SEED", BUDGET_SEED),
        ("AUCTION_SEED", AUCTION_SEED),
        ("AUCTION_VAULT_SEED", AUCTION_VAULT_SEED),
        ("DISTRIBUTION_SEED", DISTRIBUTION_SEED),
        ("LISTING_SEED", LISTING_SEED),
    ]
    .into();
    let idl = idl();
    let by_name: BTreeMap<&str, &Value> =
        instructions(&idl).iter().map(|ix| (name(ix), ix)).collect();

    let mut constraints = 0;
    for (file, source) in instruction_sources() {
        for (field, seeds) in seeds_constraints(&source) {
            constraints += 1;
            let instruction = by_name
                .get(file.as_str())
                .unwrap_or_else(|| panic!("`{file}.rs` has seeds but no instruction of its name"));
            let accounts = accounts(instruction);
            let (_, account) = accounts
                .iter()
                .find(|(path, _)| *path == field)
                .unwrap_or_else(|| panic!("`{file}` has no account `{field}` in the IDL"));
            if SEEDS_CLIENTS_PASS.contains(&(file.as_str(), field.as_str())) {
                assert!(account.get("pda").is_none(), "`{file}.{field}`: {account}");
                continue;
            }
            let described = account["pda"]["seeds"]
                .as_array()
                .unwrap_or_else(|| panic!("`{file}.{field}` has seeds but no pda in the IDL"));

            assert_eq!(described.len(), seeds.len(), "`{file}.{field}`: {seeds:?}");
            let prefix = prefixes
                .get(seeds[0].as_str())
                .unwrap_or_else(|| panic!("`{file}.{field}` starts with {}", seeds[0]));
            assert_eq!(described[0], const_seed(prefix), "`{file}.{field}`");
            // What a seed refers to must be something a client has: an account or an argument.
            let args: Vec<&str> = instruction["args"]
                .as_array()
                .expect("args")
                .iter()
                .map(name)
                .collect();
            for seed in &described[1..] {
                let path = seed["path"].as_str().expect("a variable seed has a path");
                let head = path.split('.').next().expect("a path");
                let known = match seed["kind"].as_str() {
                    Some("account") => accounts
                        .iter()
                        .any(|(p, _)| p.split('.').next() == Some(head)),
                    Some("arg") => args.contains(&head),
                    other => panic!("`{file}.{field}`: unexpected seed kind {other:?}"),
                };
                assert!(
                    known,
                    "`{file}.{field}`: seed `{path}` names nothing the instruction has"
                );
            }
        }
    }
    assert!(
        constraints > 0,
        "no seeds constraint found in the program's source"
    );
}

#[test]
fn the_community_derived_from_the_idl_is_the_one_the_program_creates() {
    let idl = idl();
    let create = instructions(&idl)
        .iter()
        .find(|ix| name(ix) == "create_community")
        .expect("create_community");
    let (_, community) = accounts(create)
        .into_iter()
        .find(|(path, _)| path == "community")
        .expect("its community account");
    let seeds = community["pda"]["seeds"].as_array().expect("seeds");
    let program = Pubkey::from_str(idl["address"].as_str().unwrap()).unwrap();

    // The name is the second seed, as the arguments' `name` field gives it.
    assert_eq!(seeds[0], const_seed(COMMUNITY_SEED));
    assert_eq!(seeds[1], json!({ "kind": "arg", "path": "args.name" }));
    for community_name in [
        "ampled",
        "street-team-coop",
        "the-longest-name-32-bytes-allowd",
    ] {
        let derived =
            Pubkey::find_program_address(&[COMMUNITY_SEED, community_name.as_bytes()], &program).0;
        assert_eq!(
            derived,
            ix::community_address(community_name),
            "{community_name}"
        );
    }
}
