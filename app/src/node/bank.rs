//! The node's bank, driven straight on `solana-runtime`'s `Bank`: no simulated PoH thread (whose
//! new blockhash every 6.4 ms let a blockhash live about a second) and no banks server. One
//! blockhash per slot, so a blockhash lives 150 slots (a minute) as on a cluster, and one execution
//! per transaction, with its inner instructions (events) recorded.

use agave_feature_set::FeatureSet;
use solana_account::{Account, AccountSharedData};
use solana_accounts_db::accounts_db::ACCOUNTS_DB_CONFIG_FOR_TESTING;
use solana_clock::{Clock, MAX_PROCESSING_AGE};
use solana_cluster_type::ClusterType;
use solana_fee_calculator::FeeRateGovernor;
use solana_hash::Hash;
use solana_keypair::Keypair;
use solana_message::inner_instruction::InnerInstructionsList;
use solana_message::{SanitizedMessage, SanitizedVersionedMessage, VersionedMessage};
use solana_program_runtime::invoke_context::BuiltinFunctionWithContext;
use solana_program_runtime::loaded_programs::ProgramCacheEntry;
use solana_pubkey::Pubkey;
use solana_rent::Rent;
use solana_runtime::bank::Bank;
use solana_runtime::bank_forks::BankForks;
use solana_runtime::genesis_utils::create_genesis_config_with_leader_ex;
use solana_runtime::installed_scheduler_pool::BankWithScheduler;
use solana_runtime::runtime_config::RuntimeConfig;
use solana_signer::Signer;
use solana_svm::transaction_processing_result::ProcessedTransaction;
use solana_svm::transaction_processor::ExecutionRecordingConfig;
use solana_svm_timings::ExecuteTimings;
use solana_transaction::versioned::VersionedTransaction;
use solana_transaction::TransactionVerificationMode;
use solana_transaction_error::TransactionError;
use std::sync::{Arc, Once, RwLock};

/// Lamports per signature, as on mainnet.
pub(crate) const LAMPORTS_PER_SIGNATURE: u64 = 5_000;
/// What a transaction's logs may hold, as a validator's RPC default.
const LOG_BYTES_LIMIT: usize = 10_000;

/// What running a transaction did (simulated or committed).
#[derive(Clone, Debug, Default)]
pub(crate) struct Execution {
    pub error: Option<TransactionError>,
    pub logs: Vec<String>,
    pub units: u64,
    /// One list per top-level instruction (empty lists included), as the SVM records them.
    pub inner: InnerInstructionsList,
    pub fee: u64,
    pub pre_balances: Vec<u64>,
    pub post_balances: Vec<u64>,
}

pub(crate) struct LocalBank {
    forks: Arc<RwLock<BankForks>>,
    /// The working (unfrozen) bank: transactions go here.
    bank: Arc<Bank>,
    faucet: Keypair,
    genesis_hash: Hash,
}

/// program-test's private `SyscallStubs` (what a native program's `invoke_signed` goes through)
/// are installed by `ProgramTest::setup_bank`, once per process: start and drop a throwaway one.
fn install_program_test_stubs() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        // On a thread of its own: the caller may be inside an async runtime, which cannot
        // block on another.
        std::thread::spawn(|| {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("a runtime for the throwaway ProgramTest");
            runtime.block_on(async {
                let _ = solana_program_test::ProgramTest::default().start().await;
            });
            // Dropping the runtime stops its ticking task and banks server.
        })
        .join()
        .expect("the throwaway ProgramTest starts");
    });
}

impl LocalBank {
    /// A chain whose working bank is at `first_slot` (at least 1; more: warped there, so slot
    /// numbers keep going up across restarts), holding `accounts`, the SPL and core BPF
    /// programs, and `builtins` (native programs, from `solana_program_test::processor!`).
    pub fn start(
        accounts: Vec<(Pubkey, Account)>,
        builtins: &[(Pubkey, &'static str, BuiltinFunctionWithContext)],
        first_slot: u64,
        unix_timestamp: i64,
    ) -> Self {
        install_program_test_stubs();
        let rent = Rent::default();
        let faucet = Keypair::new();
        let feature_set = FeatureSet::all_enabled();
        let genesis = create_genesis_config_with_leader_ex(
            1_000_000_000 * 1_000_000_000,
            &faucet.pubkey(),
            &Pubkey::new_unique(),
            &Pubkey::new_unique(),
            &Pubkey::new_unique(),
            None,
            1_000_000 * 1_000_000_000,
            42,
            FeeRateGovernor {
                lamports_per_signature: LAMPORTS_PER_SIGNATURE,
                ..FeeRateGovernor::default()
            },
            rent.clone(),
            ClusterType::Development,
            &feature_set,
            Vec::new(),
        );
        let bank = Bank::new_from_genesis(
            &genesis,
            Arc::new(RuntimeConfig::default()),
            Vec::new(),
            None,
            ACCOUNTS_DB_CONFIG_FOR_TESTING,
            None,
            None,
            Arc::default(),
            None,
            None,
        );
        for (address, account) in solana_program_binaries::spl_programs(&rent) {
            bank.store_account(&address, &account);
        }
        for (address, account) in solana_program_binaries::core_bpf_programs(&rent, |feature| {
            genesis.accounts.contains_key(feature)
        }) {
            bank.store_account(&address, &account);
        }
        for (address, name, function) in builtins {
            bank.add_builtin(
                *address,
                name,
                ProgramCacheEntry::new_builtin(0, name.len(), *function),
            );
        }
        for (address, account) in accounts {
            bank.store_account(&address, &AccountSharedData::from(account));
        }
        bank.set_capitalization_for_tests(bank.calculate_capitalization_for_tests());
        let genesis_hash = bank.last_blockhash();
        // BankForks installs itself as the program cache's fork graph: without one
        // `ProgramCache::extract` panics on the first transaction (it unwraps the fork graph), and
        // the forks must stay alive (it is held weakly).
        let forks = BankForks::new_rw_arc(bank);
        let bank = forks.read().unwrap().working_bank();
        let mut local = Self {
            forks,
            bank,
            faucet,
            genesis_hash,
        };
        if first_slot > 1 {
            // Jump to the slot the chain had reached (slot numbers never go back across
            // restarts): a frozen, rooted bank at `first_slot - 1`, as program-test's warp.
            local.end_slot();
            let mut forks = local.forks.write().unwrap();
            let warped =
                Bank::warp_from_parent(local.bank.clone(), &Pubkey::default(), first_slot - 1);
            let warped = forks.insert(warped).clone_without_scheduler();
            forks.set_root(first_slot - 1, None, Some(first_slot - 1));
            drop(forks);
            local.bank = warped;
        }
        local.advance_slot(unix_timestamp);
        local
    }

    /// Registers the slot's ticks (the last one's hash becomes the new blockhash) and freezes it.
    fn end_slot(&self) {
        let bank = &self.bank;
        if bank.is_frozen() {
            return;
        }
        // Unpredictable hashes, so a blockhash of an earlier run of the node is never valid again.
        let seed = Keypair::new().pubkey().to_bytes();
        let mut tick = 0u64;
        while !bank.is_complete() {
            let hash = solana_sha256_hasher::hashv(&[
                &seed,
                &bank.slot().to_le_bytes(),
                &tick.to_le_bytes(),
            ]);
            bank.register_tick(&hash, &BankWithScheduler::no_scheduler_available());
            tick += 1;
        }
        bank.freeze();
    }

    pub fn faucet(&self) -> &Keypair {
        &self.faucet
    }

    pub fn genesis_hash(&self) -> Hash {
        self.genesis_hash
    }

    pub fn slot(&self) -> u64 {
        self.bank.slot()
    }

    pub fn block_height(&self) -> u64 {
        self.bank.block_height()
    }

    /// Ends the slot (its ticks, hence one new blockhash), freezes it, roots it, and opens the next
    /// with the clock at `unix_timestamp`.
    pub fn advance_slot(&mut self, unix_timestamp: i64) {
        self.end_slot();
        let bank = self.bank.clone();
        let slot = bank.slot();
        let mut forks = self.forks.write().unwrap();
        let next = Bank::new_from_parent(bank, &Pubkey::default(), slot + 1);
        let next = forks.insert(next).clone_without_scheduler();
        forks.set_root(slot, None, Some(slot));
        drop(forks);
        let clock = Clock {
            unix_timestamp,
            ..next.clock()
        };
        next.set_sysvar_for_tests(&clock);
        self.bank = next;
    }

    /// What a validator's accounts background service does: write the rooted slots' cached
    /// account versions to storage, drop the versions no root needs, and compact storage.
    /// Without it every account write stays in memory for good.
    pub fn maintain_accounts(&self) {
        let bank = &self.bank;
        let root = self.forks.read().unwrap().root();
        bank.force_flush_accounts_cache();
        bank.rc
            .accounts
            .accounts_db
            .clean_accounts(Some(root), false, bank.epoch_schedule());
        bank.shrink_candidate_slots();
    }

    /// The newest blockhash and the last block height at which it is accepted.
    pub fn latest_blockhash(&self) -> (Hash, u64) {
        let hash = self.bank.last_blockhash();
        let last_valid = self
            .bank
            .get_blockhash_last_valid_block_height(&hash)
            .unwrap_or_default();
        (hash, last_valid)
    }

    pub fn is_blockhash_valid(&self, hash: &Hash) -> bool {
        self.bank.is_blockhash_valid(hash)
    }

    pub fn account(&self, address: &Pubkey) -> Option<Account> {
        self.bank.get_account(address).map(Account::from)
    }

    /// Runs `transaction` without committing it (`sig_verify` false: as RPC's default, the
    /// signatures are not checked, only the message is sanitized).
    pub fn simulate(
        &self,
        transaction: VersionedTransaction,
        sig_verify: bool,
    ) -> Result<Execution, TransactionError> {
        let mode = if sig_verify {
            TransactionVerificationMode::FullVerification
        } else {
            TransactionVerificationMode::HashOnly
        };
        let sanitized = self.bank.verify_transaction(transaction, mode)?;
        let simulated = self.bank.simulate_transaction_unchecked(&sanitized, true);
        Ok(Execution {
            error: simulated.result.err(),
            logs: simulated.logs,
            units: simulated.units_consumed,
            inner: simulated.inner_instructions.unwrap_or_default(),
            fee: simulated.fee.unwrap_or_default(),
            pre_balances: simulated.pre_balances.unwrap_or_default(),
            post_balances: simulated.post_balances.unwrap_or_default(),
        })
    }

    /// `sendTransaction`: with `preflight`, a transaction whose execution fails is not committed
    /// and its execution (logs, units, inner instructions) is returned instead; still one
    /// execution (the commit is aborted from the pre-commit callback).
    pub fn send(
        &self,
        transaction: VersionedTransaction,
        preflight: bool,
    ) -> Result<Execution, Refusal> {
        let sanitized = self
            .bank
            .verify_transaction(transaction, TransactionVerificationMode::FullVerification)
            .map_err(Refusal::NotLoaded)?;
        let batch = self
            .bank
            .prepare_sanitized_batch(std::slice::from_ref(&sanitized));
        let mut refused: Option<Execution> = None;
        let outcome = self
            .bank
            .load_execute_and_commit_transactions_with_pre_commit_callback(
                &batch,
                MAX_PROCESSING_AGE,
                ExecutionRecordingConfig {
                    enable_cpi_recording: true,
                    enable_log_recording: true,
                    enable_return_data_recording: true,
                    enable_transaction_balance_recording: true,
                },
                &mut ExecuteTimings::default(),
                Some(LOG_BYTES_LIMIT),
                |_timings, results| {
                    if !preflight {
                        return Ok(None);
                    }
                    let failed = match &results[0] {
                        Ok(ProcessedTransaction::Executed(executed)) => {
                            let details = &executed.execution_details;
                            details.status.as_ref().err().map(|error| Execution {
                                error: Some(error.clone()),
                                logs: details.log_messages.clone().unwrap_or_default(),
                                units: details.executed_units,
                                inner: details.inner_instructions.clone().unwrap_or_default(),
                                fee: executed.loaded_transaction.fee_details.total_fee(),
                                ..Execution::default()
                            })
                        }
                        Ok(ProcessedTransaction::FeesOnly(fees_only)) => Some(Execution {
                            error: Some(fees_only.load_error.clone()),
                            fee: fees_only.fee_details.total_fee(),
                            ..Execution::default()
                        }),
                        // Not loaded: the commit step drops it anyway.
                        Err(_) => None,
                    };
                    match failed {
                        Some(execution) => {
                            let error = execution.error.clone().unwrap();
                            refused = Some(execution);
                            Err(error)
                        }
                        None => Ok(None),
                    }
                },
            );
        drop(batch);
        let (mut results, balances) = match outcome {
            Ok(outcome) => outcome,
            Err(error) => {
                return Err(refused
                    .map(|execution| Refusal::Preflight(Box::new(execution)))
                    .unwrap_or(Refusal::NotLoaded(error)))
            }
        };
        let committed = results.remove(0).map_err(Refusal::NotLoaded)?;
        let (pre_balances, post_balances) = balances
            .map(|collector| {
                let (mut pre, mut post, _, _) = collector.into_vecs();
                (pre.remove(0), post.remove(0))
            })
            .unwrap_or_default();
        Ok(Execution {
            error: committed.status.err(),
            logs: committed.log_messages.unwrap_or_default(),
            units: committed.executed_units,
            inner: committed.inner_instructions.unwrap_or_default(),
            fee: committed.fee_details.total_fee(),
            pre_balances,
            post_balances,
        })
    }

    /// `getFeeForMessage`: the fee, or `None` if the blockhash is unknown or expired (legacy and
    /// v0 messages; lookup tables are resolved against the bank).
    pub fn fee_for_message(&self, message: VersionedMessage) -> Option<u64> {
        let message = SanitizedVersionedMessage::try_from(message).ok()?;
        let message = SanitizedMessage::try_new(
            message,
            self.bank.as_ref(),
            self.bank.get_reserved_account_keys(),
        )
        .ok()?;
        self.bank.get_fee_for_message(&message)
    }
}

/// Why a transaction was not committed.
#[derive(Debug)]
pub(crate) enum Refusal {
    /// It could not be loaded: nothing happened (not even a fee).
    NotLoaded(TransactionError),
    /// Preflight: it failed in execution, so it was not committed.
    Preflight(Box<Execution>),
}
