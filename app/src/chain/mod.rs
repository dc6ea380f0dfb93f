//! One interface to a chain, with two implementations: the embedded chain (the real program and
//! SPL programs running in-process, its state kept in a directory) and any Solana cluster over
//! JSON-RPC. Everything above this module is the same code for both.

pub mod config;
pub mod embedded;
pub mod rpc;

use crate::error::{ClientError, Result};
use anchor_lang::prelude::Pubkey;
use anchor_lang::{AnchorDeserialize, AnchorSerialize};
use solana_account::Account;
use solana_instruction::Instruction;
use solana_keypair::Keypair;

pub use embedded::EmbeddedChain;
pub use rpc::RpcChain;

/// A top-level instruction of a recorded transaction, with its accounts resolved.
#[derive(Clone, Debug, PartialEq, Eq, AnchorSerialize, AnchorDeserialize)]
pub struct RecordedInstruction {
    pub program_id: Pubkey,
    pub accounts: Vec<Pubkey>,
    pub data: Vec<u8>,
}

impl From<&Instruction> for RecordedInstruction {
    fn from(ix: &Instruction) -> Self {
        Self {
            program_id: ix.program_id,
            accounts: ix.accounts.iter().map(|m| m.pubkey).collect(),
            data: ix.data.clone(),
        }
    }
}

/// A confirmed transaction as the ledger reads it back.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TxRecord {
    pub signature: String,
    pub slot: u64,
    /// Block time (unix seconds), when the chain knows it.
    pub time: Option<i64>,
    pub instructions: Vec<RecordedInstruction>,
    /// Raw program events (Anchor discriminator followed by the Borsh body), in order.
    pub events: Vec<Vec<u8>>,
}

/// Where requests go. Implemented by [`EmbeddedChain`] and [`RpcChain`]; [`AnyChain`] picks one
/// at run time.
#[allow(async_fn_in_trait)]
pub trait Chain {
    /// A short description for people: "embedded chain in ~/.ampled" or the RPC URL.
    fn describe(&self) -> String;

    fn is_embedded(&self) -> bool;

    /// Whether new wallets get SOL for fees for free: on the embedded chain and on a local node
    /// (`ampled serve`, a test validator), never on a public cluster.
    fn funds_new_wallets(&self) -> bool {
        self.is_embedded()
    }

    async fn account(&mut self, address: &Pubkey) -> Result<Option<Account>>;

    /// Accounts of `program` whose data starts with `discriminator` and holds `community` at
    /// byte `community_offset` (every $AMPLED record stores its community near the start).
    async fn program_accounts(
        &mut self,
        program: &Pubkey,
        discriminator: &[u8],
        community: Option<(usize, Pubkey)>,
    ) -> Result<Vec<(Pubkey, Account)>>;

    /// Signs with `payer` and `signers`, sends, waits for confirmation and returns the record.
    async fn send(
        &mut self,
        instructions: &[Instruction],
        payer: &Keypair,
        signers: &[&Keypair],
    ) -> Result<TxRecord>;

    /// The chain's clock (unix seconds), which the program compares deadlines with.
    async fn now(&mut self) -> Result<i64>;

    /// Gives `to` SOL for fees: created out of thin air on the embedded chain, requested from the
    /// faucet on a test cluster.
    async fn airdrop(&mut self, to: &Pubkey, lamports: u64) -> Result<()>;

    /// Confirmed transactions that named `address`, oldest first, at most `limit`.
    async fn history(&mut self, address: &Pubkey, limit: usize) -> Result<Vec<TxRecord>>;

    /// Moves the clock forward (embedded chain only).
    async fn advance_clock(&mut self, _seconds: i64) -> Result<i64> {
        Err(ClientError::refused(
            "Only the embedded chain's clock can be moved; a cluster's clock follows real time",
        ))
    }
}

/// The embedded chain or a cluster, chosen at run time.
pub enum AnyChain {
    Embedded(Box<EmbeddedChain>),
    Rpc(RpcChain),
}

macro_rules! dispatch {
    ($self:ident, $chain:ident => $call:expr) => {
        match $self {
            AnyChain::Embedded($chain) => $call,
            AnyChain::Rpc($chain) => $call,
        }
    };
}

impl Chain for AnyChain {
    fn describe(&self) -> String {
        dispatch!(self, c => c.describe())
    }

    fn is_embedded(&self) -> bool {
        matches!(self, AnyChain::Embedded(_))
    }

    fn funds_new_wallets(&self) -> bool {
        dispatch!(self, chain => chain.funds_new_wallets())
    }

    async fn account(&mut self, address: &Pubkey) -> Result<Option<Account>> {
        dispatch!(self, c => c.account(address).await)
    }

    async fn program_accounts(
        &mut self,
        program: &Pubkey,
        discriminator: &[u8],
        community: Option<(usize, Pubkey)>,
    ) -> Result<Vec<(Pubkey, Account)>> {
        dispatch!(self, c => c.program_accounts(program, discriminator, community).await)
    }

    async fn send(
        &mut self,
        instructions: &[Instruction],
        payer: &Keypair,
        signers: &[&Keypair],
    ) -> Result<TxRecord> {
        dispatch!(self, c => c.send(instructions, payer, signers).await)
    }

    async fn now(&mut self) -> Result<i64> {
        dispatch!(self, c => c.now().await)
    }

    async fn airdrop(&mut self, to: &Pubkey, lamports: u64) -> Result<()> {
        dispatch!(self, c => c.airdrop(to, lamports).await)
    }

    async fn history(&mut self, address: &Pubkey, limit: usize) -> Result<Vec<TxRecord>> {
        dispatch!(self, c => c.history(address, limit).await)
    }

    async fn advance_clock(&mut self, seconds: i64) -> Result<i64> {
        dispatch!(self, c => c.advance_clock(seconds).await)
    }
}

/// A borrowed chain is a chain, so a [`crate::Client`] can work on one it does not own.
impl<C: Chain> Chain for &mut C {
    fn describe(&self) -> String {
        (**self).describe()
    }

    fn is_embedded(&self) -> bool {
        (**self).is_embedded()
    }

    fn funds_new_wallets(&self) -> bool {
        (**self).funds_new_wallets()
    }

    async fn account(&mut self, address: &Pubkey) -> Result<Option<Account>> {
        (**self).account(address).await
    }

    async fn program_accounts(
        &mut self,
        program: &Pubkey,
        discriminator: &[u8],
        community: Option<(usize, Pubkey)>,
    ) -> Result<Vec<(Pubkey, Account)>> {
        (**self)
            .program_accounts(program, discriminator, community)
            .await
    }

    async fn send(
        &mut self,
        instructions: &[Instruction],
        payer: &Keypair,
        signers: &[&Keypair],
    ) -> Result<TxRecord> {
        (**self).send(instructions, payer, signers).await
    }

    async fn now(&mut self) -> Result<i64> {
        (**self).now().await
    }

    async fn airdrop(&mut self, to: &Pubkey, lamports: u64) -> Result<()> {
        (**self).airdrop(to, lamports).await
    }

    async fn history(&mut self, address: &Pubkey, limit: usize) -> Result<Vec<TxRecord>> {
        (**self).history(address, limit).await
    }

    async fn advance_clock(&mut self, seconds: i64) -> Result<i64> {
        (**self).advance_clock(seconds).await
    }
}
