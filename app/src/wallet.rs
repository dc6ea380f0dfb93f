//! Wallets as keypair files in the Solana CLI's format, named for people: `alice` is
//! `<home>/wallets/alice.json`. A wallet can also be any keypair file path, and any recipient a
//! plain address.

use crate::error::{ClientError, Missing, Result};
use anchor_lang::prelude::Pubkey;
use solana_account::Account;
use solana_keypair::{read_keypair_file, write_keypair_file, Keypair};
use solana_signer::Signer;
use std::fmt;
use std::path::{Path, PathBuf};

pub struct Wallets {
    dir: PathBuf,
}

fn valid_name(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 32
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

impl Wallets {
    pub fn new(dir: &Path) -> Self {
        Self {
            dir: dir.to_path_buf(),
        }
    }

    fn path_of(&self, name: &str) -> PathBuf {
        self.dir.join(format!("{name}.json"))
    }

    /// Creates the keypair file of a new wallet called `name`.
    pub fn create(&self, name: &str) -> Result<Keypair> {
        if !valid_name(name) {
            return Err(ClientError::refused(format!(
                "\"{name}\" cannot name a wallet: use up to 32 letters, digits, - or _"
            )));
        }
        let path = self.path_of(name);
        if path.exists() {
            return Err(ClientError::refused(format!(
                "A wallet named \"{name}\" already exists ({}); pick another name",
                path.display()
            )));
        }
        std::fs::create_dir_all(&self.dir)
            .map_err(|e| ClientError::Io(format!("cannot create {}: {e}", self.dir.display())))?;
        let keypair = Keypair::new();
        write_keypair_file(&keypair, &path)
            .map_err(|e| ClientError::Io(format!("cannot write {}: {e}", path.display())))?;
        Ok(keypair)
    }

    /// The keypair named `name_or_path`: a wallet of this home, or a keypair file.
    pub fn load(&self, name_or_path: &str) -> Result<Keypair> {
        let named = self.path_of(name_or_path);
        let path = if valid_name(name_or_path) && named.exists() {
            named
        } else {
            PathBuf::from(shellexpand_home(name_or_path))
        };
        if !path.exists() {
            return Err(ClientError::Missing(Missing::Wallet {
                name: name_or_path.to_string(),
            }));
        }
        read_keypair_file(&path).map_err(|e| {
            ClientError::refused(format!("{} is not a keypair file: {e}", path.display()))
        })
    }

    /// Every named wallet of this home, by name.
    pub fn list(&self) -> Vec<(String, Pubkey)> {
        let Ok(entries) = std::fs::read_dir(&self.dir) else {
            return Vec::new();
        };
        let mut wallets: Vec<(String, Pubkey)> = entries
            .filter_map(|entry| {
                let path = entry.ok()?.path();
                let name = path.file_stem()?.to_str()?.to_string();
                (path.extension()? == "json").then_some(())?;
                let keypair = read_keypair_file(&path).ok()?;
                Some((name, keypair.pubkey()))
            })
            .collect();
        wallets.sort();
        wallets
    }

    /// A wallet's address from its name, or an address as written.
    pub fn address(&self, name_or_address: &str) -> Result<Pubkey> {
        self.resolve(name_or_address)
            .map_err(|problem| ClientError::refused(problem.to_string()))
    }

    /// Like [`Self::address`], with what is wrong as a value rather than in words.
    pub fn resolve(&self, name_or_address: &str) -> std::result::Result<Pubkey, AddressProblem> {
        resolve_among(&self.list(), name_or_address)
    }

    /// [`Self::resolve`] for many names or addresses at once (a distribution's rows): the known
    /// wallets are read once, not once a row.
    pub fn resolver(&self) -> impl Fn(&str) -> std::result::Result<Pubkey, AddressProblem> + use<> {
        let known = self.list();
        move |name_or_address| resolve_among(&known, name_or_address)
    }

    /// Names of known wallets, to label addresses in listings.
    pub fn labeller(&self) -> impl Fn(&Pubkey) -> String {
        let known = self.list();
        move |address: &Pubkey| {
            known
                .iter()
                .find(|(_, a)| a == address)
                .map(|(name, _)| name.clone())
                .unwrap_or_else(|| address.to_string())
        }
    }
}

fn shellexpand_home(path: &str) -> String {
    match (path.strip_prefix("~/"), std::env::var("HOME")) {
        (Some(rest), Ok(home)) => format!("{home}/{rest}"),
        _ => path.to_string(),
    }
}

/// Base58 spellings of 32 bytes are 32 to 44 characters long.
const MIN_ADDRESS_LEN: usize = 32;

/// Why text names no address: the refusal says which, and to check for a typo.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AddressProblem {
    /// Too short to be an address, and no wallet of this home has that name.
    UnknownName { text: String },
    /// A character base58 never uses (`0`, `O`, `I`, `l`, punctuation).
    NotBase58 { text: String, character: char },
    /// Base58, but not 32 bytes: a character missing or extra.
    WrongLength { text: String, bytes: usize },
    /// A valid address one or two characters away from a wallet of this home.
    LooksLike {
        text: String,
        name: String,
        wallet: Pubkey,
    },
}

impl fmt::Display for AddressProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::UnknownName { text } => write!(
                f,
                "\"{text}\" is neither a wallet of yours nor an address: check the spelling, see `ampled wallet list`, or paste the full address"
            ),
            Self::NotBase58 { text, character } => write!(
                f,
                "\"{text}\" is not an address: addresses never contain {character:?} (nor 0, O, I or l); check for a typo, or paste the address again"
            ),
            Self::WrongLength { text, bytes } => write!(
                f,
                "\"{text}\" is not an address: it spells {bytes} bytes where an address has 32; check for a typo (a character missing or extra), or paste the address again"
            ),
            Self::LooksLike { text, name, wallet } => write!(
                f,
                "\"{text}\" is not a wallet of yours but differs from {name}'s address {wallet} by a character or two; check for a typo, or name the wallet ({name})"
            ),
        }
    }
}

/// Reads a base58 address, saying what is wrong with text that is not one.
pub fn parse_address(text: &str) -> std::result::Result<Pubkey, AddressProblem> {
    let bytes = bs58::decode(text).into_vec().map_err(|error| match error {
        bs58::decode::Error::InvalidCharacter { character, .. } => AddressProblem::NotBase58 {
            text: text.to_string(),
            character,
        },
        bs58::decode::Error::NonAsciiCharacter { .. } => AddressProblem::NotBase58 {
            text: text.to_string(),
            character: text.chars().find(|c| !c.is_ascii()).unwrap_or('?'),
        },
        _ => AddressProblem::WrongLength {
            text: text.to_string(),
            bytes: 0,
        },
    })?;
    let bytes: [u8; 32] = bytes
        .as_slice()
        .try_into()
        .map_err(|_| AddressProblem::WrongLength {
            text: text.to_string(),
            bytes: bytes.len(),
        })?;
    Ok(Pubkey::new_from_array(bytes))
}

/// A known wallet's address by its name, or an address as written, refused when it is one or two
/// characters away from a known wallet's.
fn resolve_among(
    known: &[(String, Pubkey)],
    name_or_address: &str,
) -> std::result::Result<Pubkey, AddressProblem> {
    if let Some((_, address)) = known.iter().find(|(n, _)| n == name_or_address) {
        return Ok(*address);
    }
    let address = match parse_address(name_or_address) {
        Ok(address) => address,
        // Something short of an address's length was meant as a wallet's name.
        Err(_) if name_or_address.len() < MIN_ADDRESS_LEN => {
            return Err(AddressProblem::UnknownName {
                text: name_or_address.to_string(),
            })
        }
        Err(problem) => return Err(problem),
    };
    // Base58 has no check digit: one wrong character is another valid address, whose tokens
    // nobody holds the key to. Near-misses of a known wallet are refused as typos.
    if let Some((name, wallet)) = known.iter().find(|(_, wallet)| {
        *wallet != address && within_edits(&wallet.to_string(), name_or_address, 2)
    }) {
        return Err(AddressProblem::LooksLike {
            text: name_or_address.to_string(),
            name: name.clone(),
            wallet: *wallet,
        });
    }
    Ok(address)
}

/// Whether `a` becomes `b` in at most `limit` insertions, deletions or replacements. Only the
/// diagonal band within `limit` of the Levenshtein table is computed: checking every row of a
/// 65,536-row list against each known wallet stays fast.
fn within_edits(a: &str, b: &str, limit: usize) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    if a.len().abs_diff(b.len()) > limit {
        return false;
    }
    let over = limit + 1;
    let mut previous: Vec<usize> = (0..=b.len()).map(|j| j.min(over)).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut current = vec![over; b.len() + 1];
        current[0] = (i + 1).min(over);
        let from = (i + 1).saturating_sub(limit).max(1);
        let to = (i + 1 + limit).min(b.len());
        for j in from..=to {
            let replace = previous[j - 1] + usize::from(*ca != b[j - 1]);
            current[j] = replace
                .min(previous[j] + 1)
                .min(current[j - 1] + 1)
                .min(over);
        }
        if current.iter().all(|&d| d > limit) {
            return false;
        }
        previous = current;
    }
    previous[b.len()] <= limit
}

/// Why an address cannot be paid or admitted: whatever is sent there, nobody can move again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NotAWallet {
    /// A program's own address, a sysvar's, or the incinerator's.
    Reserved { what: &'static str },
    /// An executable account: a deployed program.
    Program,
    /// An account owned by a program other than the System program.
    ProgramAccount { program: Pubkey, kind: AccountKind },
    /// An account of the System program that holds data (a durable nonce), not a plain wallet.
    SystemData,
    /// An address derived by a program (off the curve): no private key exists for it.
    Derived,
}

/// What a program-owned account is, as far as the client can tell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AccountKind {
    TokenAccount { holder: Pubkey },
    Mint,
    AmpledRecord,
    Other,
}

impl NotAWallet {
    /// Says what `address` is and what to use instead.
    pub fn refusal(&self, address: &Pubkey) -> String {
        // In the parenthesis, why no key can use it; after it, what it is when that says more.
        let (why, what) = match self {
            Self::Reserved { what } => (format!("it is {what}"), String::new()),
            Self::Program => ("it is a program".to_string(), String::new()),
            Self::ProgramAccount { program, kind } => {
                let what = match kind {
                    AccountKind::TokenAccount { holder } => {
                        format!("a token account, holding tokens for {holder}")
                    }
                    AccountKind::Mint => "a token's mint".to_string(),
                    AccountKind::AmpledRecord => "a record of the $AMPLED program (a community, membership, proposal, bounty or auction)".to_string(),
                    AccountKind::Other => "data that program controls".to_string(),
                };
                (
                    format!("it is an account of program {program}"),
                    format!(": it is {what}; tokens sent there could never move again"),
                )
            }
            Self::SystemData => (
                "it is a System program account holding data, such as a durable nonce".to_string(),
                String::new(),
            ),
            Self::Derived => (
                "it is derived by a program and has no key, so tokens sent there could never move again".to_string(),
                String::new(),
            ),
        };
        // A PDA typed by hand is as likely a typo of a wallet's address as a real PDA.
        let typo = if *self == Self::Derived {
            " (if you typed or pasted it, check for a typo)"
        } else {
            ""
        };
        format!("{address} is not a wallet ({why}){what}; use the person's wallet address{typo}")
    }
}

/// Addresses that belong to the chain itself: programs every cluster carries, sysvars, and the
/// incinerator. Tokens sent to any of them are lost (or burned).
fn reserved_address(address: &Pubkey) -> Option<&'static str> {
    use anchor_spl::{associated_token, token, token_2022};
    use solana_sdk_ids::*;
    let programs: [(Pubkey, &str); 22] = [
        (system_program::ID, "the System program's address"),
        (token::ID, "the SPL Token program's address"),
        (token_2022::ID, "the Token-2022 program's address"),
        (
            associated_token::ID,
            "the Associated Token Account program's address",
        ),
        (crate::client::MEMO_PROGRAM_ID, "the Memo program's address"),
        (MEMO_V1_PROGRAM_ID, "the Memo program's (v1) address"),
        (ampled::ID, "the $AMPLED program's address"),
        (
            incinerator::ID,
            "the incinerator, where whatever is sent is destroyed",
        ),
        (bpf_loader::ID, "a program loader's address"),
        (bpf_loader_deprecated::ID, "a program loader's address"),
        (bpf_loader_upgradeable::ID, "a program loader's address"),
        (loader_v4::ID, "a program loader's address"),
        (native_loader::ID, "a program loader's address"),
        (compute_budget::ID, "the Compute Budget program's address"),
        (config::ID, "the Config program's address"),
        (stake::ID, "the Stake program's address"),
        (stake::config::ID, "the stake configuration's address"),
        (vote::ID, "the Vote program's address"),
        (
            address_lookup_table::ID,
            "the Address Lookup Table program's address",
        ),
        (
            ed25519_program::ID,
            "a signature-verification program's address",
        ),
        (
            secp256k1_program::ID,
            "a signature-verification program's address",
        ),
        (
            secp256r1_program::ID,
            "a signature-verification program's address",
        ),
    ];
    let sysvars = [
        sysvar::ID,
        sysvar::clock::ID,
        sysvar::epoch_rewards::ID,
        sysvar::epoch_schedule::ID,
        sysvar::fees::ID,
        sysvar::instructions::ID,
        sysvar::last_restart_slot::ID,
        sysvar::recent_blockhashes::ID,
        sysvar::rent::ID,
        sysvar::rewards::ID,
        sysvar::slot_hashes::ID,
        sysvar::slot_history::ID,
        sysvar::stake_history::ID,
    ];
    if sysvars.contains(address) {
        return Some("a sysvar's address (the chain's own state)");
    }
    programs
        .iter()
        .find(|(program, _)| program == address)
        .map(|(_, what)| *what)
}

/// The SPL Memo program's first version, which clusters still carry.
const MEMO_V1_PROGRAM_ID: Pubkey =
    anchor_lang::pubkey!("Memo1UhkJRfHyvLMcVucJwxXeuD728EqVDDwQDxFMNo");

/// Why `address` (with `account`, what the chain holds there) cannot be paid or admitted, or
/// `None` when it is a wallet: an address on the curve that is empty or a plain System account.
pub fn not_a_wallet(address: &Pubkey, account: Option<&Account>) -> Option<NotAWallet> {
    use anchor_spl::{token, token_2022};
    if let Some(what) = reserved_address(address) {
        return Some(NotAWallet::Reserved { what });
    }
    if let Some(account) = account {
        if account.executable {
            return Some(NotAWallet::Program);
        }
        let program = account.owner;
        if program == token::ID || program == token_2022::ID {
            return Some(NotAWallet::ProgramAccount {
                program,
                kind: token_account_kind(&account.data),
            });
        }
        if program == ampled::ID {
            return Some(NotAWallet::ProgramAccount {
                program,
                kind: AccountKind::AmpledRecord,
            });
        }
        if program != anchor_lang::system_program::ID {
            return Some(NotAWallet::ProgramAccount {
                program,
                kind: AccountKind::Other,
            });
        }
        if !account.data.is_empty() {
            return Some(NotAWallet::SystemData);
        }
    }
    ampled::state::require_wallet(address)
        .is_err()
        .then_some(NotAWallet::Derived)
}

/// A token program's account is a mint (82 bytes) or a token account (165), the holder's wallet
/// at bytes 32..64; Token-2022 accounts with extensions are longer and say which at byte 165.
fn token_account_kind(data: &[u8]) -> AccountKind {
    const MINT_LEN: usize = 82;
    const TOKEN_ACCOUNT_LEN: usize = 165;
    const MINT_TYPE: u8 = 1;
    let holder = || {
        data.get(32..64)
            .and_then(|bytes| <[u8; 32]>::try_from(bytes).ok())
            .map(Pubkey::new_from_array)
    };
    match (data.len(), data.get(TOKEN_ACCOUNT_LEN)) {
        (MINT_LEN, _) | (_, Some(&MINT_TYPE)) => AccountKind::Mint,
        (len, _) if len >= TOKEN_ACCOUNT_LEN => holder()
            .map(|holder| AccountKind::TokenAccount { holder })
            .unwrap_or(AccountKind::Other),
        _ => AccountKind::Other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_that_is_not_an_address_says_why_and_asks_to_check_for_a_typo() {
        let address = anchor_spl::token::ID.to_string();
        let with_zero = format!("0{}", &address[1..]);
        let two_short = &address[..address.len() - 2];
        let two_extra = format!("{address}zz");

        assert_eq!(parse_address(&address), Ok(anchor_spl::token::ID));
        let not_base58 = parse_address(&with_zero).unwrap_err();
        assert_eq!(
            not_base58,
            AddressProblem::NotBase58 {
                text: with_zero.clone(),
                character: '0'
            }
        );
        let accented = format!("{}é", &address[..address.len() - 1]);
        assert!(matches!(
            parse_address(&accented),
            Err(AddressProblem::NotBase58 {
                character: 'é', ..
            })
        ));
        let short = parse_address(two_short).unwrap_err();
        let long = parse_address(&two_extra).unwrap_err();
        assert!(matches!(short, AddressProblem::WrongLength { bytes, .. } if bytes < 32));
        assert!(matches!(long, AddressProblem::WrongLength { bytes, .. } if bytes > 32));
        for problem in [not_base58, short, long] {
            assert!(
                problem.to_string().contains("check for a typo"),
                "{problem}"
            );
        }
    }

    #[test]
    fn near_misses_are_counted_in_characters() {
        assert!(within_edits("abcdef", "abcdef", 0));
        assert!(within_edits("abcdef", "abXdef", 1));
        assert!(within_edits("abcdef", "abdef", 1));
        assert!(within_edits("abcdef", "abcdefg", 1));
        assert!(!within_edits("abcdef", "bacdef", 1));
        assert!(within_edits("abcdef", "bacdef", 2));
        assert!(!within_edits("abc", "xyz", 2));
        assert!(!within_edits("abcdef", "abcdefghi", 2));
        assert!(within_edits("Xbcdef", "abcdeY", 2));
        assert!(!within_edits("XYcdef", "abcdeZ", 2));
    }

    #[test]
    fn programs_sysvars_and_the_incinerator_are_not_wallets() {
        for reserved in [
            anchor_spl::token::ID,
            anchor_spl::token_2022::ID,
            anchor_spl::associated_token::ID,
            anchor_lang::system_program::ID,
            crate::client::MEMO_PROGRAM_ID,
            ampled::ID,
            solana_sdk_ids::sysvar::clock::ID,
            solana_sdk_ids::incinerator::ID,
        ] {
            assert!(
                matches!(
                    not_a_wallet(&reserved, None),
                    Some(NotAWallet::Reserved { .. })
                ),
                "{reserved}"
            );
        }
        let wallet = solana_keypair::Keypair::new().pubkey();
        assert_eq!(not_a_wallet(&wallet, None), None);
        let funded = Account {
            lamports: 1,
            owner: anchor_lang::system_program::ID,
            ..Account::default()
        };
        assert_eq!(not_a_wallet(&wallet, Some(&funded)), None);
    }

    fn account(owner: Pubkey, data: Vec<u8>, executable: bool) -> Account {
        Account {
            lamports: 1_000_000,
            data,
            owner,
            executable,
            rent_epoch: 0,
        }
    }

    #[test]
    fn programs_token_accounts_mints_and_program_data_are_not_wallets() {
        let address = solana_keypair::Keypair::new().pubkey();
        let holder = solana_keypair::Keypair::new().pubkey();
        let mut token_account = vec![0; 165];
        token_account[32..64].copy_from_slice(holder.as_ref());
        let mut token_2022_mint = vec![0; 170];
        token_2022_mint[165] = 1;
        let other_program = solana_keypair::Keypair::new().pubkey();
        let cases = [
            (
                account(solana_sdk_ids::bpf_loader_upgradeable::ID, vec![], true),
                NotAWallet::Program,
            ),
            (
                account(anchor_spl::token::ID, token_account, false),
                NotAWallet::ProgramAccount {
                    program: anchor_spl::token::ID,
                    kind: AccountKind::TokenAccount { holder },
                },
            ),
            (
                account(anchor_spl::token::ID, vec![0; 82], false),
                NotAWallet::ProgramAccount {
                    program: anchor_spl::token::ID,
                    kind: AccountKind::Mint,
                },
            ),
            (
                account(anchor_spl::token_2022::ID, token_2022_mint, false),
                NotAWallet::ProgramAccount {
                    program: anchor_spl::token_2022::ID,
                    kind: AccountKind::Mint,
                },
            ),
            (
                account(ampled::ID, vec![0; 40], false),
                NotAWallet::ProgramAccount {
                    program: ampled::ID,
                    kind: AccountKind::AmpledRecord,
                },
            ),
            (
                account(other_program, vec![], false),
                NotAWallet::ProgramAccount {
                    program: other_program,
                    kind: AccountKind::Other,
                },
            ),
            (
                account(anchor_lang::system_program::ID, vec![0; 80], false),
                NotAWallet::SystemData,
            ),
        ];

        for (account, expected) in cases {
            assert_eq!(not_a_wallet(&address, Some(&account)), Some(expected));
        }
    }

    #[test]
    fn a_refusal_says_what_the_address_is_and_to_use_a_wallet() {
        let address = anchor_spl::token::ID;
        let holder = Pubkey::new_from_array([7; 32]);
        let token_account = NotAWallet::ProgramAccount {
            program: anchor_spl::token::ID,
            kind: AccountKind::TokenAccount { holder },
        };

        assert_eq!(
            not_a_wallet(&address, None).unwrap().refusal(&address),
            format!("{address} is not a wallet (it is the SPL Token program's address); use the person's wallet address")
        );
        assert_eq!(
            token_account.refusal(&address),
            format!("{address} is not a wallet (it is an account of program {address}): it is a token account, holding tokens for {holder}; tokens sent there could never move again; use the person's wallet address")
        );
        assert_eq!(
            NotAWallet::Derived.refusal(&address),
            format!("{address} is not a wallet (it is derived by a program and has no key, so tokens sent there could never move again); use the person's wallet address (if you typed or pasted it, check for a typo)")
        );
    }
}
