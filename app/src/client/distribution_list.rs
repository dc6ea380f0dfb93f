//! A distribution's list: read from the source CSV people write (wallet, hours or amount, note),
//! checked row by row, turned into the canonical list that is published and hashed, and the
//! Merkle tree the program verifies claims against. Pure: nothing here reads the chain.
//!
//! The canonical list (what `uri` serves and `list_hash` hashes) is UTF-8 text with LF line
//! endings: the line `index,wallet,amount`, then one line `<index>,<base58 wallet>,<base units>`
//! per share in index order, every line ending with `\n`. The web app writes the same bytes.

use crate::amount::{format_amount, parse_amount};
use crate::wallet::{not_a_wallet, parse_address, AddressProblem};
use ampled::state::{DistributionTerms, MAX_DISTRIBUTION_RECIPIENTS};
use ampled::utils::merkle::{self, Hash};
use anchor_lang::prelude::Pubkey;
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::fmt;

/// The canonical list's first line.
pub const CANONICAL_HEADER: &str = "index,wallet,amount";

/// One thing wrong with the file: the line it is on (1 is the header; 0 for the file as a
/// whole) and what is wrong there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListError {
    pub line: usize,
    pub problem: String,
}

impl fmt::Display for ListError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            f.write_str(&self.problem)
        } else {
            write!(f, "line {}: {}", self.line, self.problem)
        }
    }
}

/// Everything wrong with a file, every bad row included; nothing is proposed from it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListErrors(pub Vec<ListError>);

impl fmt::Display for ListErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let count = self.0.len();
        write!(
            f,
            "the list has {count} problem{}; fix {} and try again:",
            if count == 1 { "" } else { "s" },
            if count == 1 { "it" } else { "them" }
        )?;
        for error in &self.0 {
            write!(f, "\n  {error}")?;
        }
        Ok(())
    }
}

impl From<ListErrors> for crate::ClientError {
    fn from(errors: ListErrors) -> Self {
        crate::ClientError::refused(errors.to_string())
    }
}

fn whole_file(problem: impl Into<String>) -> ListErrors {
    ListErrors(vec![ListError {
        line: 0,
        problem: problem.into(),
    }])
}

/// How the source CSV says what each person gets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Quantity {
    /// Tokens, with decimals.
    Amount,
    /// Hours, paid at a rate.
    Hours,
}

/// Tokens per hour, in base units: `10/h` or `2.5/h` (the `/h` may be left out).
pub fn parse_rate(text: &str, decimals: u8) -> crate::Result<u64> {
    let number = text.trim().strip_suffix("/h").unwrap_or(text.trim()).trim();
    match parse_amount(number, decimals) {
        Ok(0) => Err(crate::ClientError::refused(
            "The rate must be more than zero tokens per hour",
        )),
        Ok(rate) => Ok(rate),
        Err(_) => Err(crate::ClientError::refused(format!(
            "\"{text}\" is not a rate: write tokens per hour, e.g. 10/h or 2.5/h"
        ))),
    }
}

/// A share as the source CSV gave it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceRow {
    /// Where it is in the file (the header is line 1).
    pub line: usize,
    pub wallet: Pubkey,
    pub amount: u64,
    pub note: String,
}

/// What to read a source CSV with.
pub struct SourceOptions<'a> {
    /// The token's decimals.
    pub decimals: u8,
    /// Base units per hour, for an `hours` column.
    pub rate: Option<u64>,
    /// A wallet's address from a name or an address (as other commands resolve them).
    pub resolve: &'a dyn Fn(&str) -> Result<Pubkey, AddressProblem>,
}

/// Reads a source CSV (or a canonical list: its header tells) into the shares it lists, in the
/// file's order, refusing it with every bad row when any row is wrong. `progress(done, total)`
/// is called as rows are checked.
pub fn read_list(
    bytes: &[u8],
    options: &SourceOptions,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<Vec<SourceRow>, ListErrors> {
    let text = std::str::from_utf8(bytes).map_err(|e| {
        whole_file(format!(
            "the file is not UTF-8 text (at byte {}); save it as UTF-8 CSV",
            e.valid_up_to()
        ))
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(whole_file(
            "the file is empty: it needs a header row (wallet, and hours or amount) and one row per share",
        ));
    }
    let records = csv_records(text).map_err(|e| ListErrors(vec![e]))?;
    let (header_line, header) = &records[0];
    let names: Vec<String> = header
        .iter()
        .map(|h| h.trim().to_ascii_lowercase())
        .collect();
    let canonical = header.join(",") == CANONICAL_HEADER;
    let column = |name: &str| names.iter().position(|n| n == name);
    let mut errors = Vec::new();
    let header_error = |problem: &str| ListError {
        line: *header_line,
        problem: problem.to_string(),
    };
    let wallet_column = column("wallet");
    if wallet_column.is_none() {
        errors.push(header_error(
            "no \"wallet\" column: the header row names the columns (wallet, hours or amount, and an optional note)",
        ));
    }
    let (quantity, quantity_column) = match (column("amount"), column("hours")) {
        (Some(_), Some(_)) => {
            errors.push(header_error(
                "both an \"amount\" and an \"hours\" column: give each share in one of them",
            ));
            (Quantity::Amount, None)
        }
        (Some(c), None) => (Quantity::Amount, Some(c)),
        (None, Some(c)) => {
            if options.rate.is_none() {
                errors.push(header_error(
                    "an \"hours\" column needs a rate in tokens per hour (e.g. 10/h)",
                ));
            }
            (Quantity::Hours, Some(c))
        }
        (None, None) => {
            errors.push(header_error(
                "no \"hours\" or \"amount\" column: the header row names the columns (wallet, hours or amount, and an optional note)",
            ));
            (Quantity::Amount, None)
        }
    };
    let note_column = column("note");
    let rows = &records[1..];
    if rows.is_empty() {
        errors.push(header_error(
            "the list has no shares: add one row per recipient below the header",
        ));
    }
    if rows.len() > MAX_DISTRIBUTION_RECIPIENTS as usize {
        errors.push(ListError {
            line: 0,
            problem: format!(
                "the list has {} shares; a distribution has at most {MAX_DISTRIBUTION_RECIPIENTS}: split it into several",
                rows.len()
            ),
        });
    }
    let (Some(wallet_column), Some(quantity_column)) = (wallet_column, quantity_column) else {
        return Err(ListErrors(errors));
    };
    if !errors.is_empty() {
        return Err(ListErrors(errors));
    }
    let mut shares = Vec::with_capacity(rows.len());
    let mut first_line: HashMap<Pubkey, usize> = HashMap::with_capacity(rows.len());
    let mut total: u64 = 0;
    for (done, (line, fields)) in rows.iter().enumerate() {
        progress(done, rows.len());
        let line = *line;
        let mut fail = |problem: String| errors.push(ListError { line, problem });
        if fields.len() != header.len() {
            fail(format!(
                "{} field{} where the header has {}; quote a field that holds a comma (\"...\")",
                fields.len(),
                if fields.len() == 1 { "" } else { "s" },
                header.len()
            ));
            continue;
        }
        if canonical && fields[0] != (line - 2).to_string() {
            fail(format!(
                "index {} where {} was expected: indexes count from 0 in line order",
                fields[0],
                line - 2
            ));
        }
        let wallet_text = fields[wallet_column].trim();
        let wallet = if wallet_text.is_empty() {
            fail("no wallet".to_string());
            None
        } else {
            let resolved = if canonical {
                parse_address(wallet_text)
            } else {
                (options.resolve)(wallet_text)
            };
            match resolved {
                Err(problem) => {
                    fail(problem.to_string());
                    None
                }
                Ok(wallet) => match not_a_wallet(&wallet, None) {
                    Some(reason) => {
                        fail(reason.refusal(&wallet));
                        None
                    }
                    None => Some(wallet),
                },
            }
        };
        let amount_text = fields[quantity_column].trim();
        let amount = if canonical {
            match amount_text.parse::<u64>() {
                Ok(units) if units > 0 && amount_text.bytes().all(|b| b.is_ascii_digit()) => {
                    Some(units)
                }
                _ => {
                    fail(format!(
                        "amount \"{amount_text}\" is not a whole number of base units above zero"
                    ));
                    None
                }
            }
        } else {
            match quantity {
                Quantity::Amount => read_amount(amount_text, options.decimals),
                Quantity::Hours => {
                    read_hours(amount_text, options.rate.unwrap_or(1), options.decimals)
                }
            }
            .map_err(&mut fail)
            .ok()
        };
        let (Some(wallet), Some(amount)) = (wallet, amount) else {
            continue;
        };
        if let Some(first) = first_line.get(&wallet) {
            fail(format!(
                "{wallet} already appears on line {first}; merge its rows into one"
            ));
            continue;
        }
        first_line.insert(wallet, line);
        match total.checked_add(amount) {
            Some(sum) => total = sum,
            None => {
                fail("the shares add up to more tokens than can exist".to_string());
                continue;
            }
        }
        shares.push(SourceRow {
            line,
            wallet,
            amount,
            note: note_column
                .and_then(|c| fields.get(c))
                .map(|n| n.trim().to_string())
                .unwrap_or_default(),
        });
    }
    progress(rows.len(), rows.len());
    if errors.is_empty() {
        Ok(shares)
    } else {
        Err(ListErrors(errors))
    }
}

/// A share in tokens: more than zero, at most the token's decimals.
fn read_amount(text: &str, decimals: u8) -> Result<u64, String> {
    if text.is_empty() {
        return Err("no amount".into());
    }
    if text.starts_with('-') {
        return Err(format!(
            "amount {text} is negative; every share is more than zero"
        ));
    }
    match parse_amount(text, decimals) {
        Ok(0) => Err(format!(
            "amount {text} is zero; every share is more than zero (leave the row out instead)"
        )),
        Ok(units) => Ok(units),
        Err(_) if looks_decimal(text) && fraction_len(text) > usize::from(decimals) => Err(
            format!("amount {text} has more decimals than the token's {decimals}"),
        ),
        Err(_) if looks_decimal(text) => {
            Err(format!("amount {text} is more tokens than can exist"))
        }
        Err(_) => Err(format!(
            "amount \"{text}\" is not a number: write tokens such as 12 or 12.5"
        )),
    }
}

/// Hours at `rate` base units per hour, which must come to a whole number of base units.
fn read_hours(text: &str, rate: u64, decimals: u8) -> Result<u64, String> {
    if text.is_empty() {
        return Err("no hours".into());
    }
    if text.starts_with('-') {
        return Err(format!(
            "hours {text} are negative; every share is more than zero"
        ));
    }
    if !looks_decimal(text) {
        return Err(format!(
            "hours \"{text}\" are not a number: write hours such as 12 or 1.5"
        ));
    }
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    let digits = format!("{whole}{fraction}");
    let scale = 10u128
        .checked_pow(fraction.len() as u32)
        .ok_or_else(|| format!("hours {text} have too many decimals"))?;
    let hours: u128 = digits
        .parse()
        .map_err(|_| format!("hours {text} are more than can be paid"))?;
    let units = hours
        .checked_mul(u128::from(rate))
        .ok_or_else(|| format!("hours {text} are more than can be paid"))?;
    if hours == 0 {
        return Err(format!(
            "hours {text} are zero; every share is more than zero (leave the row out instead)"
        ));
    }
    if units % scale != 0 {
        return Err(format!(
            "hours {text} at this rate come to a fraction beyond the token's {decimals} decimals; round the hours"
        ));
    }
    u64::try_from(units / scale).map_err(|_| format!("hours {text} are more than can be paid"))
}

/// Digits with at most one dot, and at least one digit.
fn looks_decimal(text: &str) -> bool {
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    (!whole.is_empty() || !fraction.is_empty())
        && whole.bytes().all(|b| b.is_ascii_digit())
        && fraction.bytes().all(|b| b.is_ascii_digit())
}

fn fraction_len(text: &str) -> usize {
    text.split_once('.').map_or(0, |(_, f)| f.len())
}

/// The records of a CSV file with the line each starts on: fields separated by commas, quoted
/// with `"` (a doubled `""` inside quotes is one quote; a quoted field may hold commas and line
/// breaks), lines ending in LF or CRLF. Blank lines are skipped.
fn csv_records(text: &str) -> Result<Vec<(usize, Vec<String>)>, ListError> {
    let mut records = Vec::new();
    let mut chars = text.chars().peekable();
    let mut line = 1;
    while chars.peek().is_some() {
        let start = line;
        let mut fields = Vec::new();
        let mut field = String::new();
        let mut quoted = false;
        let mut was_quoted = false;
        loop {
            let Some(c) = chars.next() else {
                if quoted {
                    return Err(ListError {
                        line: start,
                        problem: "a quoted field is never closed (a \" is missing)".into(),
                    });
                }
                break;
            };
            if quoted {
                match c {
                    '"' if chars.peek() == Some(&'"') => {
                        chars.next();
                        field.push('"');
                    }
                    '"' => quoted = false,
                    '\n' => {
                        line += 1;
                        field.push(c);
                    }
                    _ => field.push(c),
                }
                continue;
            }
            match c {
                '"' if field.trim().is_empty() && !was_quoted => {
                    field.clear();
                    quoted = true;
                    was_quoted = true;
                }
                ',' => {
                    fields.push(std::mem::take(&mut field));
                    was_quoted = false;
                }
                '\r' if chars.peek() == Some(&'\n') => {}
                '\n' => {
                    line += 1;
                    break;
                }
                _ => field.push(c),
            }
        }
        fields.push(field);
        let blank = fields.len() == 1 && fields[0].trim().is_empty() && !was_quoted;
        if !blank {
            records.push((start, fields));
        }
    }
    Ok(records)
}

/// The shares of a distribution in index order, and the tree over them.
#[derive(Debug, Clone)]
pub struct ShareList {
    shares: Vec<(Pubkey, u64)>,
    leaves: Vec<Hash>,
}

impl ShareList {
    pub fn new(shares: Vec<(Pubkey, u64)>) -> Self {
        let leaves = shares
            .iter()
            .enumerate()
            .map(|(i, (wallet, amount))| merkle::leaf_hash(i as u32, wallet, *amount))
            .collect();
        Self { shares, leaves }
    }

    pub fn from_rows(rows: &[SourceRow]) -> Self {
        Self::new(rows.iter().map(|r| (r.wallet, r.amount)).collect())
    }

    pub fn shares(&self) -> &[(Pubkey, u64)] {
        &self.shares
    }

    pub fn recipients(&self) -> u32 {
        self.shares.len() as u32
    }

    /// The sum of every share (checked when the list was read: it fits).
    pub fn total(&self) -> u64 {
        self.shares
            .iter()
            .fold(0u64, |sum, (_, amount)| sum.saturating_add(*amount))
    }

    pub fn root(&self) -> Hash {
        merkle::root(&self.leaves).unwrap_or_default()
    }

    pub fn proof(&self, index: usize) -> Option<Vec<Hash>> {
        merkle::proof(&self.leaves, index)
    }

    /// Where `wallet`'s share is.
    pub fn index_of(&self, wallet: &Pubkey) -> Option<usize> {
        self.shares.iter().position(|(w, _)| w == wallet)
    }

    /// The canonical list's bytes, as published at the distribution's uri.
    pub fn canonical(&self) -> String {
        let mut text = String::with_capacity(16 + self.shares.len() * 64);
        text.push_str(CANONICAL_HEADER);
        text.push('\n');
        for (i, (wallet, amount)) in self.shares.iter().enumerate() {
            text.push_str(&format!("{i},{wallet},{amount}\n"));
        }
        text
    }

    /// sha256 of the canonical list.
    pub fn list_hash(&self) -> Hash {
        sha256(self.canonical().as_bytes())
    }

    /// What members vote on.
    pub fn terms(&self, uri: &str, reason: &str, claim_until: i64) -> DistributionTerms {
        DistributionTerms {
            root: self.root(),
            recipients: self.recipients(),
            total: self.total(),
            list_hash: self.list_hash(),
            uri: uri.to_string(),
            claim_until,
            reason: reason.to_string(),
        }
    }
}

pub fn sha256(bytes: &[u8]) -> Hash {
    Sha256::digest(bytes).into()
}

/// One way a file differs from what a proposal carries.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Difference {
    pub what: &'static str,
    pub proposal: String,
    pub file: String,
}

/// How a list compares with a proposal's terms: every field that differs (none: it matches).
pub fn compare(terms: &DistributionTerms, list: &ShareList, decimals: u8) -> Vec<Difference> {
    let hex = crate::read::views::hex;
    let mut differences = Vec::new();
    let mut differ = |what, proposal: String, file: String| {
        if proposal != file {
            differences.push(Difference {
                what,
                proposal,
                file,
            });
        }
    };
    differ(
        "recipients",
        terms.recipients.to_string(),
        list.recipients().to_string(),
    );
    differ(
        "total",
        format_amount(terms.total, decimals),
        format_amount(list.total(), decimals),
    );
    differ("root", hex(&terms.root), hex(&list.root()));
    differ(
        "sha256 of the list",
        hex(&terms.list_hash),
        hex(&list.list_hash()),
    );
    differences
}

#[cfg(test)]
mod tests {
    use super::*;

    const DECIMALS: u8 = 6;
    const TOKEN: u64 = 1_000_000;

    fn wallet(seed: u8) -> Pubkey {
        use solana_keypair::Keypair;
        use solana_signer::Signer;
        Keypair::new_from_array([seed; 32]).pubkey()
    }

    fn resolve(name: &str) -> Result<Pubkey, AddressProblem> {
        match name {
            "ana" => Ok(wallet(1)),
            "ben" => Ok(wallet(2)),
            "cleo" => Ok(wallet(3)),
            _ if name.len() < 32 => Err(AddressProblem::UnknownName {
                text: name.to_string(),
            }),
            _ => parse_address(name),
        }
    }

    fn read(text: &str, rate: Option<u64>) -> Result<Vec<SourceRow>, ListErrors> {
        let options = SourceOptions {
            decimals: DECIMALS,
            rate,
            resolve: &resolve,
        };
        read_list(text.as_bytes(), &options, &mut |_, _| {})
    }

    fn problems(text: &str, rate: Option<u64>) -> Vec<String> {
        read(text, rate)
            .expect_err("refused")
            .0
            .iter()
            .map(ToString::to_string)
            .collect()
    }

    #[test]
    fn reads_names_hours_quotes_bom_crlf_and_any_column_order() {
        let text = "\u{feff}Note,HOURS,Wallet\r\n\"sound, lights\",12,ana\r\n\"said \"\"hi\"\"\",1.5,ben\r\n";
        let rows = read(text, Some(10 * TOKEN)).unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(
            (rows[0].line, rows[0].wallet, rows[0].amount),
            (2, wallet(1), 120 * TOKEN)
        );
        assert_eq!(rows[0].note, "sound, lights");
        assert_eq!((rows[1].wallet, rows[1].amount), (wallet(2), 15 * TOKEN));
        assert_eq!(rows[1].note, "said \"hi\"");
    }

    #[test]
    fn reads_amounts_with_decimals_and_keeps_the_row_order() {
        let rows = read("wallet,amount\ncleo,2.5\nana,0.000001\n", None).unwrap();
        let list = ShareList::from_rows(&rows);
        assert_eq!(list.shares(), &[(wallet(3), 2_500_000), (wallet(1), 1)]);
        assert_eq!(list.total(), 2_500_001);
    }

    #[test]
    fn the_canonical_list_is_exact_and_reads_back_to_the_same_tree() {
        let list = ShareList::new(vec![(wallet(1), 5), (wallet(2), 7)]);
        let canonical = list.canonical();
        assert_eq!(
            canonical,
            format!(
                "index,wallet,amount\n0,{},5\n1,{},7\n",
                wallet(1),
                wallet(2)
            )
        );
        assert_eq!(list.list_hash(), sha256(canonical.as_bytes()));
        let again = ShareList::from_rows(&read(&canonical, None).unwrap());
        assert_eq!(again.root(), list.root());
        assert_eq!(again.list_hash(), list.list_hash());
        assert!(compare(&list.terms("https://x", "r", 1), &again, DECIMALS).is_empty());
    }

    #[test]
    fn every_share_proves_itself_against_the_root() {
        let list = ShareList::new((1..=9).map(|i| (wallet(i), u64::from(i))).collect());
        for (i, (w, amount)) in list.shares().iter().enumerate() {
            let proof = list.proof(i).unwrap();
            assert!(merkle::verify(
                &proof,
                &list.root(),
                merkle::leaf_hash(i as u32, w, *amount)
            ));
        }
    }

    #[test]
    fn every_bad_row_is_reported_not_just_the_first() {
        let off_curve = ampled::ID.to_string();
        let text = format!(
            "wallet,amount\nana,-5\nben,ten\nzed,1\n{off_curve},1\ncleo,1.1234567\nana,0\ncleo,3\ncleo,4\n"
        );
        let found = problems(&text, None);
        assert_eq!(found.len(), 7, "{found:#?}");
        assert_eq!(
            found[0],
            "line 2: amount -5 is negative; every share is more than zero"
        );
        assert_eq!(
            found[1],
            "line 3: amount \"ten\" is not a number: write tokens such as 12 or 12.5"
        );
        assert!(found[2].starts_with("line 4: \"zed\" is neither a wallet of yours nor an address"));
        assert!(found[3].starts_with(&format!("line 5: {off_curve} is not a wallet")));
        assert_eq!(
            found[4],
            "line 6: amount 1.1234567 has more decimals than the token's 6"
        );
        assert!(found[5].starts_with("line 7: amount 0 is zero"));
        assert_eq!(
            found[6],
            format!(
                "line 9: {} already appears on line 8; merge its rows into one",
                wallet(3)
            )
        );
    }

    #[test]
    fn an_address_off_the_curve_is_refused() {
        let derived = Pubkey::find_program_address(&[b"x"], &ampled::ID).0;
        let found = problems(&format!("wallet,amount\n{derived},1\n"), None);
        assert!(found[0].contains("derived by a program"), "{found:?}");
    }

    #[test]
    fn the_file_and_its_header_are_checked() {
        assert_eq!(
            problems("", None),
            ["the file is empty: it needs a header row (wallet, and hours or amount) and one row per share"]
        );
        assert_eq!(problems("\u{feff}\r\n", None).len(), 1);
        assert!(problems("wallet,note\nana,x\n", None)[0]
            .starts_with("line 1: no \"hours\" or \"amount\" column"));
        assert!(
            problems("name,amount\nana,1\n", None)[0].starts_with("line 1: no \"wallet\" column")
        );
        assert_eq!(
            problems("wallet,amount\n", None),
            ["line 1: the list has no shares: add one row per recipient below the header"]
        );
        assert_eq!(
            problems("wallet,hours\nana,1\n", None),
            ["line 1: an \"hours\" column needs a rate in tokens per hour (e.g. 10/h)"]
        );
        assert_eq!(
            problems("wallet,amount\nana,1,extra\n", None),
            ["line 2: 3 fields where the header has 2; quote a field that holds a comma (\"...\")"]
        );
    }

    #[test]
    fn hours_must_come_to_whole_base_units() {
        assert_eq!(read_hours("1.5", 10 * TOKEN, DECIMALS), Ok(15 * TOKEN));
        assert!(read_hours("0.0000001", 1, DECIMALS).is_err());
        assert!(read_hours("0", 1, DECIMALS).is_err());
    }

    #[test]
    fn rates_are_tokens_per_hour() {
        assert_eq!(parse_rate("10/h", DECIMALS).unwrap(), 10 * TOKEN);
        assert_eq!(parse_rate("2.5/h", DECIMALS).unwrap(), 2_500_000);
        assert!(parse_rate("0/h", DECIMALS).is_err());
        assert!(parse_rate("ten/h", DECIMALS).is_err());
    }

    #[test]
    fn more_rows_than_a_distribution_holds_are_refused() {
        let mut text = String::from("wallet,amount\n");
        for _ in 0..=MAX_DISTRIBUTION_RECIPIENTS {
            text.push_str("ana,1\n");
        }
        let found = problems(&text, None);
        assert_eq!(
            found,
            ["the list has 65537 shares; a distribution has at most 65536: split it into several"]
        );
    }

    #[test]
    fn a_changed_amount_changes_the_total_the_root_and_the_hash() {
        let list = ShareList::new(vec![(wallet(1), 5), (wallet(2), 7)]);
        let changed = ShareList::new(vec![(wallet(1), 5), (wallet(2), 8)]);
        let found = compare(&list.terms("https://x", "r", 1), &changed, 0);
        let what: Vec<&str> = found.iter().map(|d| d.what).collect();
        assert_eq!(what, ["total", "root", "sha256 of the list"]);
    }
}
