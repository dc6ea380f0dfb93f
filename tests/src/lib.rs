//! The shared harness of the integration tests: an in-process chain running the real SPL Token,
//! Associated Token Account and Memo programs (SBF) with the $AMPLED program loaded natively,
//! plus one method per instruction with a tamper hook for attack tests (`harness`), and one-call
//! fixtures ("a community with N members", "a passed proposal").
#![allow(deprecated)]

pub use ampled_client::ix;

use ampled_client::ix::associated_token_address as get_associated_token_address;
use anchor_lang::prelude::Pubkey;
use anchor_lang::solana_program::clock::Clock;
use anchor_lang::solana_program::system_instruction;
use anchor_lang::{
    AccountDeserialize, AnchorDeserialize, Discriminator, InstructionData, ToAccountMetas,
};
use anchor_spl::token_interface::{Mint, TokenAccount};
use solana_instruction::error::InstructionError;
use solana_instruction::Instruction;
use solana_keypair::Keypair;
use solana_program_test::{processor, BanksClientError, ProgramTest, ProgramTestContext};
use solana_signer::Signer;
use solana_transaction::Transaction;
use solana_transaction_error::TransactionError;

pub use ampled;
pub mod fixtures;
pub use ampled::errors::AmpledError;
pub use anchor_lang::error::ErrorCode as AnchorError;
pub use fixtures::*;
pub use harness::*;

/// One `Chain` method per program instruction, grouped as the program groups them.
mod harness;

/// What a transaction emitted, decoded from the program's self-CPI event instructions.
#[derive(Debug, Default)]
pub struct Emitted {
    events: Vec<Vec<u8>>,
}

impl Emitted {
    /// Every event of type `T`, in order.
    pub fn all<T: AnchorDeserialize + Discriminator>(&self) -> Vec<T> {
        self.events
            .iter()
            .filter(|data| data.starts_with(T::DISCRIMINATOR))
            .map(|data| {
                T::deserialize(&mut &data[T::DISCRIMINATOR.len()..]).expect("event decodes")
            })
            .collect()
    }

    /// The single event of type `T`; panics when there is none or more than one.
    pub fn one<T: AnchorDeserialize + Discriminator>(&self) -> T {
        let mut found = self.all::<T>();
        assert_eq!(found.len(), 1, "expected exactly one such event");
        found.pop().unwrap()
    }

    pub fn len(&self) -> usize {
        self.events.len()
    }

    pub fn is_empty(&self) -> bool {
        self.events.is_empty()
    }
}

/// An account as raw lamports, owner and data; `None` when it does not exist.
pub type RawAccount = Option<(u64, Pubkey, Vec<u8>)>;

/// Why a transaction failed.
#[derive(Debug)]
pub struct Failure(pub TransactionError);

impl Failure {
    /// The custom error code the program returned, if it failed with one.
    pub fn code(&self) -> Option<u32> {
        match self.0 {
            TransactionError::InstructionError(_, InstructionError::Custom(code)) => Some(code),
            _ => None,
        }
    }
}

/// Asserts that `result` failed with exactly `expected` (an `AmpledError` or Anchor `ErrorCode`).
#[track_caller]
pub fn assert_error<T: std::fmt::Debug>(result: Result<T, Failure>, expected: impl Into<u32>) {
    let expected = expected.into();
    match result {
        Ok(value) => panic!("expected error {expected}, but it succeeded: {value:?}"),
        Err(failure) => assert_eq!(
            failure.code(),
            Some(expected),
            "expected error {expected}, got {:?}",
            failure.0
        ),
    }
}

/// program-test logs every instruction at debug level; keep test output readable unless the
/// developer asks for logs with `RUST_LOG`.
fn quiet_runtime_logs() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        if std::env::var_os("RUST_LOG").is_none() {
            std::env::set_var("RUST_LOG", "error");
        }
    });
}

/// Transactions sent in one slot before the harness moves to the next. A new slot is the costly
/// part of a send (the bank is frozen, hashed and a child made), so slots are shared, but not
/// without bound: a real leader fills a block and moves on.
const TRANSACTIONS_PER_SLOT: usize = 64;

/// The chain, its clock (set explicitly by tests) and the fee payer.
pub struct Chain {
    pub ctx: ProgramTestContext,
    now: i64,
    /// Signatures of the transactions committed in the current slot: sending a byte-identical
    /// transaction again needs a new slot (and blockhash), as on a cluster.
    sent_in_slot: std::collections::HashSet<solana_transaction::Signature>,
}

impl Chain {
    pub async fn start() -> Self {
        quiet_runtime_logs();
        let mut program = ProgramTest::new(
            "ampled",
            ampled::ID,
            processor!(ampled::native::process_instruction),
        );
        program.prefer_bpf(false);
        let mut ctx = program.start_with_context().await;
        let clock: Clock = ctx.banks_client.get_sysvar().await.unwrap();
        let now = clock.unix_timestamp;
        // A fresh bank's first blockhash needs a slot to settle before fixtures start sending.
        ctx.warp_to_slot(clock.slot + 2).unwrap();
        let mut chain = Self {
            ctx,
            now,
            sent_in_slot: Default::default(),
        };
        chain.set_clock().await;
        chain
    }

    pub fn payer(&self) -> Keypair {
        self.ctx.payer.insecure_clone()
    }

    pub fn now(&self) -> i64 {
        self.now
    }

    /// Moves the on-chain clock to `unix_timestamp`.
    pub async fn set_time(&mut self, unix_timestamp: i64) {
        self.now = unix_timestamp;
        self.set_clock().await;
    }

    pub async fn advance(&mut self, seconds: i64) {
        self.set_time(self.now + seconds).await;
    }

    async fn set_clock(&mut self) {
        let mut clock: Clock = self.ctx.banks_client.get_sysvar().await.unwrap();
        clock.unix_timestamp = self.now;
        self.ctx.set_sysvar(&clock);
    }

    /// A new wallet holding `10 SOL` for fees and rent.
    pub async fn wallet(&mut self) -> Keypair {
        let wallet = Keypair::new();
        self.airdrop(&wallet.pubkey(), 10 * SOL).await;
        wallet
    }

    pub async fn airdrop(&mut self, to: &Pubkey, lamports: u64) {
        let payer = self.payer();
        let transfer = system_instruction::transfer(&payer.pubkey(), to, lamports);
        self.send(&[transfer], &[]).await.expect("airdrop");
    }

    /// Sends a transaction paid by the chain's payer and signed by `signers` too; returns the
    /// events it emitted. A byte-identical retry lands in a new slot, so it is a new transaction.
    ///
    /// One simulation yields the events (inner instructions) and the verdict; only a transaction
    /// that passes is then committed, straight into the working bank, without polling for its
    /// confirmation. A refused transaction therefore changes nothing, not even the payer's fee.
    pub async fn send(
        &mut self,
        instructions: &[Instruction],
        signers: &[&Keypair],
    ) -> Result<Emitted, Failure> {
        let payer = self.payer();
        let mut all_signers: Vec<&Keypair> = vec![&payer];
        all_signers.extend(signers.iter().filter(|s| s.pubkey() != payer.pubkey()));
        let mut tx = self.sign(instructions, &all_signers).await;
        if self.sent_in_slot.contains(&tx.signatures[0])
            || self.sent_in_slot.len() >= TRANSACTIONS_PER_SLOT
        {
            self.next_slot().await;
            tx = self.sign(instructions, &all_signers).await;
        }

        let simulation = self
            .ctx
            .banks_client
            .simulate_transaction(tx.clone())
            .await
            .expect("simulate");
        if let Some(Err(err)) = simulation.result {
            return Err(Failure(err));
        }
        let mut emitted = Emitted::default();
        let inner_instructions = simulation
            .simulation_details
            .and_then(|details| details.inner_instructions)
            .unwrap_or_default();
        for inner in inner_instructions {
            for ix in inner {
                let data = &ix.instruction.data;
                if data.starts_with(anchor_lang::event::EVENT_IX_TAG_LE) {
                    emitted.events.push(data[8..].to_vec());
                }
            }
        }
        let signature = tx.signatures[0];
        let committed = self
            .ctx
            .banks_client
            .process_transaction_with_metadata(tx)
            .await;
        match committed {
            Ok(outcome) => {
                outcome.result.map_err(Failure)?;
                self.sent_in_slot.insert(signature);
                Ok(emitted)
            }
            Err(BanksClientError::TransactionError(err)) => Err(Failure(err)),
            Err(BanksClientError::SimulationError { err, .. }) => Err(Failure(err)),
            Err(other) => panic!("transport failure: {other:?}"),
        }
    }

    /// Sends `instruction` after `tamper` changed it: the hook attack tests use to reuse an honest
    /// instruction with one account, flag or byte changed (see `redirect`).
    pub async fn send_tampered(
        &mut self,
        mut instruction: Instruction,
        signers: &[&Keypair],
        tamper: impl FnOnce(&mut Instruction),
    ) -> Result<Emitted, Failure> {
        tamper(&mut instruction);
        self.send(&[instruction], signers).await
    }

    /// Sends this program's instruction made of `accounts` and `data`, after `tamper` changed the
    /// accounts by name: the typed `_with` hooks of the harness go through here.
    pub async fn send_accounts_tampered<A: ToAccountMetas>(
        &mut self,
        mut accounts: A,
        data: impl InstructionData,
        signers: &[&Keypair],
        tamper: impl FnOnce(&mut A),
    ) -> Result<Emitted, Failure> {
        tamper(&mut accounts);
        self.send(&[ix::instruction(accounts, data)], signers).await
    }

    async fn sign(&mut self, instructions: &[Instruction], signers: &[&Keypair]) -> Transaction {
        let blockhash = self.ctx.banks_client.get_latest_blockhash().await.unwrap();
        Transaction::new_signed_with_payer(
            instructions,
            Some(&signers[0].pubkey()),
            signers,
            blockhash,
        )
    }

    /// Moves to the next slot (with a new blockhash), keeping the test's clock.
    async fn next_slot(&mut self) {
        let slot = self.ctx.banks_client.get_root_slot().await.unwrap();
        self.ctx.warp_to_slot(slot + 1).unwrap();
        self.sent_in_slot.clear();
        self.set_clock().await;
    }

    pub async fn try_account<T: AccountDeserialize>(&mut self, address: &Pubkey) -> Option<T> {
        let account = self.ctx.banks_client.get_account(*address).await.unwrap()?;
        Some(T::try_deserialize(&mut account.data.as_slice()).expect("account decodes"))
    }

    pub async fn account<T: AccountDeserialize>(&mut self, address: &Pubkey) -> T {
        self.try_account(address)
            .await
            .unwrap_or_else(|| panic!("account {address} does not exist"))
    }

    /// Raw copies of `addresses`, to prove a refused transaction changed nothing at all.
    pub async fn snapshot(&mut self, addresses: &[Pubkey]) -> Vec<RawAccount> {
        let mut raws = Vec::with_capacity(addresses.len());
        for address in addresses {
            let account = self.ctx.banks_client.get_account(*address).await.unwrap();
            raws.push(account.map(|a| (a.lamports, a.owner, a.data)));
        }
        raws
    }

    pub async fn exists(&mut self, address: &Pubkey) -> bool {
        self.ctx
            .banks_client
            .get_account(*address)
            .await
            .unwrap()
            .is_some()
    }

    pub async fn lamports(&mut self, address: &Pubkey) -> u64 {
        self.ctx.banks_client.get_balance(*address).await.unwrap()
    }

    pub async fn data_len(&mut self, address: &Pubkey) -> usize {
        let account = self.ctx.banks_client.get_account(*address).await.unwrap();
        account.map(|a| a.data.len()).unwrap_or(0)
    }

    /// Token balance of a token account; 0 when it does not exist.
    pub async fn balance(&mut self, token_account: &Pubkey) -> u64 {
        match self.try_account::<TokenAccount>(token_account).await {
            Some(account) => account.amount,
            None => 0,
        }
    }

    /// `from` sends `amount` of the community token from their associated token account to the
    /// token account `to`, as any holder can (a payment, a donation, a stray deposit).
    pub async fn send_tokens(
        &mut self,
        community: &CommunityFixture,
        from: &Keypair,
        to: &Pubkey,
        amount: u64,
    ) {
        let transfer = anchor_spl::token_2022::spl_token_2022::instruction::transfer(
            &anchor_spl::token_2022::ID,
            &community.ata(&from.pubkey()),
            to,
            &from.pubkey(),
            &[],
            amount,
        )
        .unwrap();
        self.send(&[transfer], &[from])
            .await
            .expect("token transfer");
    }

    /// Balance of `wallet`'s associated token account for `community`'s token.
    pub async fn wallet_balance(&mut self, community: &CommunityFixture, wallet: &Pubkey) -> u64 {
        self.balance(&community.ata(wallet)).await
    }

    pub async fn supply(&mut self, community: &CommunityFixture) -> u64 {
        self.account::<Mint>(&community.mint).await.supply
    }

    /// Rewrites the program account at `address` as `edit` says, keeping its size, owner and
    /// lamports: a forged record, to reach checks that honest instructions never get past.
    pub async fn forge<T>(&mut self, address: &Pubkey, edit: impl FnOnce(&mut T))
    where
        T: AccountDeserialize + anchor_lang::AccountSerialize,
    {
        let mut account = self
            .ctx
            .banks_client
            .get_account(*address)
            .await
            .unwrap()
            .unwrap_or_else(|| panic!("account {address} does not exist"));
        let mut record = T::try_deserialize(&mut account.data.as_slice()).expect("decodes");
        edit(&mut record);
        let mut data = Vec::with_capacity(account.data.len());
        record.try_serialize(&mut data).expect("encodes");
        assert!(data.len() <= account.data.len(), "the forged record grew");
        data.resize(account.data.len(), 0);
        account.data = data;
        self.ctx.set_account(address, &account.into());
    }
}

/// A community created by the harness, with its founders' keypairs.
pub struct CommunityFixture {
    pub name: String,
    pub address: Pubkey,
    pub mint: Pubkey,
    pub treasury: Pubkey,
    pub members: Vec<Keypair>,
}

impl CommunityFixture {
    pub fn member(&self, i: usize) -> &Keypair {
        &self.members[i]
    }

    pub fn ata(&self, wallet: &Pubkey) -> Pubkey {
        get_associated_token_address(wallet, &self.mint)
    }

    pub fn member_address(&self, wallet: &Pubkey) -> Pubkey {
        ix::member_address(&self.address, wallet)
    }
}

/// Points `instruction`'s account `from` at `to` instead: the usual tamper of an attack test.
pub fn redirect(instruction: &mut Instruction, from: &Pubkey, to: Pubkey) {
    let meta = instruction
        .accounts
        .iter_mut()
        .find(|meta| meta.pubkey == *from)
        .expect("the instruction names the account");
    meta.pubkey = to;
}
