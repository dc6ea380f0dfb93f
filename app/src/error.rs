//! What can go wrong, told to a person: what happened, and what to do next.

use serde::Deserialize;
use solana_instruction::error::InstructionError;
use solana_instruction::Instruction;
use solana_transaction_error::TransactionError;
use std::fmt;
use std::path::PathBuf;
use std::sync::OnceLock;

pub type Result<T> = std::result::Result<T, ClientError>;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ClientError {
    /// Refused before anything was sent: the input, or the chain's state, says it would fail.
    Refused(String),
    /// Refused before anything was sent by one of the program's own rules, in its words: the
    /// chain would have refused it with this error.
    Rule {
        code: u32,
        /// The error's name in the program (`BidTooLow`).
        name: String,
        message: String,
    },
    /// Refused before anything was sent: something the request needs does not exist yet. The
    /// front end says how to create it.
    Missing(Missing),
    /// The chain refused the transaction; it changed nothing.
    Program {
        /// The custom error number, for people who search for it.
        code: u32,
        /// The error's name in the program (`BidTooLow`) or the SPL program.
        name: String,
        message: String,
        logs: Vec<String>,
    },
    /// The chain refused the transaction for a reason outside any program (fees, signatures).
    Transaction { message: String, logs: Vec<String> },
    /// The chain could not be reached or read, or a local file could not be used.
    Io(String),
    /// The embedded chain's file is not what ampled wrote (cut short or changed): it was neither
    /// used nor written over.
    ChainFileDamaged {
        file: PathBuf,
        /// What is wrong with it.
        problem: String,
        /// The generation before the last save, when it is intact.
        previous: Option<PathBuf>,
    },
}

/// What a request needs and does not find, told without naming any front end's commands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Missing {
    Community {
        name: String,
        chain: String,
    },
    /// No proposal, bounty or auction at this address.
    Record {
        kind: &'static str,
        address: String,
    },
    /// No record of this kind whose address starts with `prefix`.
    RecordPrefix {
        kind: String,
        prefix: String,
    },
    /// No wallet by this name or path.
    Wallet {
        name: String,
    },
    /// The signer has too little SOL to pay fees (`embedded`: on the embedded chain).
    FeeMoney {
        wallet: String,
        embedded: bool,
    },
    /// The signer is not a member (or was removed).
    Membership {
        wallet: String,
        community: String,
        removed: bool,
    },
    /// The signer has no claim on this bounty.
    Claim,
    /// A community needs at least one founder.
    Founders,
}

impl fmt::Display for Missing {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Community { name, chain } => {
                write!(f, "There is no community named \"{name}\" on the {chain}")
            }
            Self::Record { kind, address } => write!(f, "There is no {kind} {address}"),
            Self::RecordPrefix { kind, prefix } => write!(
                f,
                "No {kind} in this community has an address starting with \"{prefix}\""
            ),
            Self::Wallet { name } => write!(f, "No wallet \"{name}\""),
            Self::FeeMoney { wallet, .. } => {
                write!(f, "Your wallet {wallet} has no SOL to pay fees")
            }
            Self::Membership {
                wallet,
                community,
                removed: true,
            } => write!(
                f,
                "Your wallet {wallet} was removed from {community}; only active members can do this"
            ),
            Self::Membership {
                wallet, community, ..
            } => write!(f, "Your wallet {wallet} is not a member of {community}"),
            Self::Claim => f.write_str("You have not claimed this bounty"),
            Self::Founders => f.write_str("A community needs at least one founder"),
        }
    }
}

impl ClientError {
    pub fn refused(message: impl Into<String>) -> Self {
        Self::Refused(message.into())
    }

    /// Refused before anything was sent, whatever the reason.
    pub fn is_refusal(&self) -> bool {
        matches!(
            self,
            Self::Refused(_) | Self::Rule { .. } | Self::Missing(_)
        )
    }

    /// The program error's name, when the chain refused with one or a pre-send check applied one.
    pub fn program_error_name(&self) -> Option<&str> {
        match self {
            Self::Program { name, .. } | Self::Rule { name, .. } => Some(name),
            _ => None,
        }
    }

    /// Whether anything may have reached the chain (only I/O failures leave that open).
    pub fn changed_nothing(&self) -> bool {
        !matches!(self, Self::Io(_))
    }

    pub fn logs(&self) -> &[String] {
        match self {
            Self::Program { logs, .. } | Self::Transaction { logs, .. } => logs,
            _ => &[],
        }
    }
}

impl fmt::Display for ClientError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Refused(message) | Self::Io(message) | Self::Rule { message, .. } => {
                f.write_str(message)
            }
            Self::Missing(missing) => missing.fmt(f),
            Self::Program { message, name, .. } => write!(f, "{message} ({name})"),
            Self::Transaction { message, .. } => f.write_str(message),
            Self::ChainFileDamaged {
                file,
                problem,
                previous,
            } => {
                let file = file.display();
                write!(
                    f,
                    "The embedded chain's file {file} is damaged: {problem}. It was not used, and it is left as it is. "
                )?;
                match previous {
                    Some(previous) => write!(
                        f,
                        "To go back to the chain as it was before its last change, keep the damaged file aside and restore the previous one: `mv {file} {file}.damaged && cp {} {file}`. To start a fresh chain instead: `mv {file} {file}.damaged`",
                        previous.display()
                    ),
                    None => write!(
                        f,
                        "No intact previous copy exists; to start a fresh chain, move it aside: `mv {file} {file}.damaged`"
                    ),
                }
            }
        }
    }
}

impl std::error::Error for ClientError {}

#[derive(Deserialize)]
struct IdlError {
    code: u32,
    name: String,
    msg: String,
}

#[derive(Deserialize)]
struct IdlErrors {
    errors: Vec<IdlError>,
}

/// The program's own errors, read from its IDL (which CI keeps in step with the program).
fn program_errors() -> &'static [IdlError] {
    static ERRORS: OnceLock<Vec<IdlError>> = OnceLock::new();
    ERRORS.get_or_init(|| {
        serde_json::from_str::<IdlErrors>(include_str!("../../idl/ampled.json"))
            .map(|idl| idl.errors)
            .unwrap_or_default()
    })
}

/// Name and message of an $AMPLED program error code.
pub fn program_error(code: u32) -> Option<(String, String)> {
    program_errors()
        .iter()
        .find(|e| e.code == code)
        .map(|e| (e.name.clone(), e.msg.clone()))
}

/// Anchor's framework errors that a person can meet, in words about their situation.
fn anchor_error(code: u32) -> (String, String) {
    let (name, message) = match code {
        2000 => ("ConstraintMut", "An account that must be writable was passed read-only"),
        2001 => ("ConstraintHasOne", "An account does not belong with the others passed (wrong community, bounty or auction)"),
        2002 => ("ConstraintSigner", "A wallet that must sign did not"),
        2003 => ("ConstraintRaw", "An account failed a check of the program"),
        2006 => ("ConstraintSeeds", "An account is not the one the program expects at this address"),
        2012 => ("ConstraintAddress", "An account is not at the address the program expects"),
        2014 => ("ConstraintTokenMint", "A token account holds another token than this community's"),
        2015 => ("ConstraintTokenOwner", "A token account belongs to someone else"),
        3001..=3003 => ("AccountDiscriminatorMismatch", "An account passed is not the kind of record the program expects"),
        3007 => ("AccountOwnedByWrongProgram", "An account passed is not owned by the program that should own it"),
        3012 => ("AccountNotInitialized", "A record or escrow this needs no longer exists or never did: the bounty may be completed, the auction settled, or the record closed. Check its state with `show`"),
        3014 => ("AccountNotAssociatedTokenAccount", "A token account is not the wallet's associated token account"),
        _ => ("AnchorError", "The program refused one of the accounts passed to it"),
    };
    (name.to_string(), message.to_string())
}

/// The token program's errors (Token-2022 numbers them as SPL Token does), also what a token CPI
/// inside the program fails with.
fn token_error(code: u32) -> (String, String) {
    let (name, message) = match code {
        0 => (
            "NotRentExempt",
            "A token account would not hold enough SOL for rent",
        ),
        1 => (
            "InsufficientFunds",
            "The paying token account does not hold enough tokens",
        ),
        3 => (
            "MintMismatch",
            "A token account holds another token than this community's",
        ),
        4 => (
            "OwnerMismatch",
            "The token account belongs to another wallet",
        ),
        17 => ("AccountFrozen", "The token account is frozen"),
        _ => (
            "TokenError",
            "The token program (Token-2022) refused the transfer",
        ),
    };
    (name.to_string(), message.to_string())
}

/// Whether the innermost program to fail (the first to log its failure) is the System program.
fn raised_by_system_program(logs: &[String]) -> bool {
    logs.iter()
        .find(|line| line.contains(" failed: custom program error"))
        .is_some_and(|line| line.starts_with("Program 11111111111111111111111111111111 "))
}

/// The System program's errors, met when an account is created or funded.
fn system_error(code: u32) -> (String, String) {
    let (name, message) = match code {
        0 => (
            "AccountAlreadyInUse",
            "An account this would create already exists",
        ),
        1 => (
            "ResultWithNegativeLamports",
            "The paying wallet does not hold enough SOL for the rent of the accounts this creates; fund it first",
        ),
        _ => (
            "SystemError",
            "The System program refused to create or fund an account",
        ),
    };
    (name.to_string(), message.to_string())
}

/// Turns a transaction failure into what a person needs to read.
pub fn explain_failure(
    failure: &TransactionError,
    instructions: &[Instruction],
    logs: Vec<String>,
) -> ClientError {
    match failure {
        TransactionError::InstructionError(index, InstructionError::Custom(code)) => {
            let program = instructions.get(usize::from(*index)).map(|ix| ix.program_id);
            let is_ours = program == Some(ampled::ID);
            let (name, message) = if is_ours && *code >= 6000 {
                program_error(*code)
                    .unwrap_or_else(|| ("Unknown".into(), format!("The program refused (error {code})")))
            } else if is_ours && *code >= 100 {
                anchor_error(*code)
            } else if raised_by_system_program(&logs) {
                // Creating an account (directly, by the ATA program or by ours) ran out of SOL.
                system_error(*code)
            } else {
                // Below 100, only the token program's errors apply (directly or by CPI).
                token_error(*code)
            };
            ClientError::Program { code: *code, name, message, logs }
        }
        TransactionError::InstructionError(_, error) => ClientError::Transaction {
            message: match error {
                InstructionError::MissingRequiredSignature => {
                    "A wallet that must sign this did not; use -k to sign with it".to_string()
                }
                InstructionError::InsufficientFunds => {
                    "The paying wallet does not hold enough SOL for this; fund it first".to_string()
                }
                InstructionError::AccountAlreadyInitialized => {
                    "An account this would create already exists".to_string()
                }
                other => format!("The chain refused the transaction: {other}"),
            },
            logs,
        },
        TransactionError::AccountNotFound | TransactionError::InsufficientFundsForFee => {
            ClientError::Transaction {
                message: "The paying wallet has no SOL for fees: fund it (`ampled wallet fund` on the embedded chain, `solana airdrop` on devnet)".into(),
                logs,
            }
        }
        TransactionError::InsufficientFundsForRent { .. } => ClientError::Transaction {
            message: "The paying wallet does not hold enough SOL for the rent of the records this creates; fund it first".into(),
            logs,
        },
        other => ClientError::Transaction {
            message: format!("The chain refused the transaction: {other}"),
            logs,
        },
    }
}

impl From<crate::gate::GateRefusal> for ClientError {
    fn from(refusal: crate::gate::GateRefusal) -> Self {
        Self::refused(refusal.to_string())
    }
}
