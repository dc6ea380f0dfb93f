//! Shared fixtures of the client's tests: the real `ampled` binary run against its embedded
//! chain in a fresh home directory, and direct reads of that chain's state to check what the
//! commands did (or, for refusals, that they changed nothing at all).
#![allow(dead_code, deprecated)]

use ampled::state::{Auction, Bounty, Claim, Listing, Member, Proposal};
use ampled_client::chain::EmbeddedChain;
use ampled_client::read::{self, CommunityView};
use anchor_lang::prelude::Pubkey;
use serde_json::Value;
use solana_keypair::read_keypair_file;
use solana_signer::Signer;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// Shared with the program's tests: the same constants, rules and terms.
#[path = "../../../tests/src/fixtures.rs"]
pub mod fixtures;
#[allow(unused_imports)]
pub use fixtures::TOKEN;
/// The exit status of every error.
pub const ERROR_EXIT: i32 = 2;

/// What a run of the binary printed and returned.
#[derive(Debug)]
pub struct Run {
    pub status: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    fn from(output: Output) -> Self {
        Self {
            status: output.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    }

    pub fn json(&self) -> Value {
        serde_json::from_str(self.stdout.trim())
            .unwrap_or_else(|e| panic!("stdout is not JSON ({e}):\n{}", self.stdout))
    }
}

/// A home directory (wallets, settings, embedded chain) of its own, removed when dropped.
pub struct Ampled {
    home: tempfile::TempDir,
}

impl Default for Ampled {
    fn default() -> Self {
        Self::new()
    }
}

impl Ampled {
    pub fn new() -> Self {
        Self {
            home: tempfile::tempdir().expect("temporary home"),
        }
    }

    pub fn home(&self) -> &Path {
        self.home.path()
    }

    fn chain_file(&self) -> PathBuf {
        self.home().join("chain").join("chain.bin")
    }

    /// Runs `ampled --home <home> <args>` and returns whatever happened.
    pub fn run(&self, args: &[&str]) -> Run {
        let output = Command::new(env!("CARGO_BIN_EXE_ampled"))
            .arg("--home")
            .arg(self.home())
            .args(args)
            .env_remove("AMPLED_WALLET")
            .env_remove("AMPLED_COMMUNITY")
            .env_remove("AMPLED_HOME")
            .output()
            .expect("run ampled");
        Run::from(output)
    }

    /// Runs a command that must succeed; returns its stdout.
    #[track_caller]
    pub fn ok(&self, args: &[&str]) -> String {
        let run = self.run(args);
        assert_eq!(
            run.status,
            0,
            "`ampled {}` failed:\n{}{}",
            args.join(" "),
            run.stdout,
            run.stderr
        );
        run.stdout
    }

    /// Runs a command with `--output json` that must succeed; returns its parsed output.
    #[track_caller]
    pub fn json(&self, args: &[&str]) -> Value {
        let mut with_json = args.to_vec();
        with_json.extend(["--output", "json"]);
        let run = self.run(&with_json);
        assert_eq!(
            run.status,
            0,
            "`ampled {}` failed:\n{}{}",
            args.join(" "),
            run.stdout,
            run.stderr
        );
        run.json()
    }

    /// Runs a command that must be refused, and asserts that the chain is byte-for-byte what it
    /// was before. Returns the run, whose stderr holds the message.
    #[track_caller]
    pub fn refused(&self, args: &[&str]) -> Run {
        let before = std::fs::read(self.chain_file()).ok();
        let run = self.run(args);
        assert_eq!(
            run.status,
            ERROR_EXIT,
            "`ampled {}` should have been refused:\n{}{}",
            args.join(" "),
            run.stdout,
            run.stderr
        );
        // Exit 2 is also clap's for a command line it cannot read: a test that misspells its
        // own command must not pass as a refusal.
        assert!(
            !run.stderr.contains("\nUsage: ampled"),
            "`ampled {}` was not understood, so nothing was tested:\n{}",
            args.join(" "),
            run.stderr
        );
        let after = std::fs::read(self.chain_file()).ok();
        assert!(before == after, "a refused command changed the chain");
        run
    }

    /// [`Self::refused`], saying `message` on stderr.
    #[track_caller]
    pub fn refused_with(&self, args: &[&str], message: &str) {
        let run = self.refused(args);
        assert!(
            run.stderr.contains(message),
            "`ampled {}` should say {message:?}:\n{}",
            args.join(" "),
            run.stderr
        );
    }

    /// Like [`Self::refused`] with `--output json`; returns the error object.
    #[track_caller]
    pub fn refused_json(&self, args: &[&str]) -> Value {
        let mut with_json = args.to_vec();
        with_json.extend(["--output", "json"]);
        self.refused(&with_json).json()
    }

    // Fixtures.

    /// New wallets, funded with SOL for fees on the embedded chain.
    pub fn wallets(&self, names: &[&str]) {
        for name in names {
            self.ok(&["wallet", "new", name]);
        }
    }

    /// A community named `coop` whose founders are new wallets named `founders` (all workers),
    /// needing `min_approvals` approvals and at least half the members.
    pub fn coop(&self, founders: &[&str], min_approvals: u32) {
        self.wallets(founders);
        let min = min_approvals.to_string();
        let mut args = vec!["community", "create", "coop", "--min-approvals", &min];
        for founder in founders {
            args.extend(["--founder", founder]);
        }
        self.ok(&args);
    }

    /// The id (address prefix) of the newest proposal.
    pub fn newest_proposal(&self) -> String {
        let list = self.json(&["proposal", "list", "--all"]);
        let proposals = list.as_array().expect("a list");
        proposals.last().expect("a proposal")["id"]
            .as_str()
            .unwrap()
            .to_string()
    }

    /// `proposer` proposes `args` (a `proposal`, `member` or `bounty` command), `voters`
    /// approve, and it is executed. Returns the proposal's id.
    pub fn pass(&self, proposer: &str, args: &[&str], voters: &[&str]) -> String {
        let mut with_signer = vec!["-k", proposer];
        with_signer.extend(args);
        self.ok(&with_signer);
        let proposal = self.newest_proposal();
        for voter in voters {
            self.ok(&["-k", voter, "proposal", "approve", &proposal]);
        }
        self.ok(&["-k", proposer, "proposal", "execute", &proposal]);
        proposal
    }

    /// Mints `amount` whole tokens to `recipient` by a reward that `voters` approve.
    pub fn reward(&self, proposer: &str, recipient: &str, amount: &str, voters: &[&str]) {
        self.pass(
            proposer,
            &["proposal", "reward", recipient, amount, "--reason", "work"],
            voters,
        );
    }

    // Chain state, read directly from the embedded chain's file.

    pub fn address(&self, wallet: &str) -> Pubkey {
        read_keypair_file(self.home().join("wallets").join(format!("{wallet}.json")))
            .expect("wallet file")
            .pubkey()
    }

    fn read<T>(&self, work: impl AsyncFnOnce(&mut EmbeddedChain) -> T) -> T {
        let mut chain = EmbeddedChain::open(&self.home().join("chain")).expect("open chain");
        tokio::runtime::Builder::new_current_thread()
            .build()
            .expect("runtime")
            .block_on(work(&mut chain))
    }

    pub fn community(&self) -> CommunityView {
        self.read(async |chain| read::community(chain, "coop").await.expect("community"))
    }

    /// `wallet`'s balance of the `coop` token, in base units.
    pub fn balance(&self, wallet: &str) -> u64 {
        let community = self.community();
        let address = self.address(wallet);
        self.read(async |chain| {
            read::wallet_balance(chain, &community, &address)
                .await
                .unwrap()
        })
    }

    pub fn member(&self, wallet: &str) -> Option<Member> {
        let community = self.community();
        let address = self.address(wallet);
        self.read(async |chain| read::member(chain, &community, &address).await.unwrap())
    }

    /// The record at `address` (a proposal, bounty, claim or auction).
    pub fn record<T: anchor_lang::AccountDeserialize>(&self, address: &Pubkey) -> Option<T> {
        self.read(async |chain| read::fetch::<T>(chain, address).await.unwrap())
    }

    pub fn proposals(&self) -> Vec<(Pubkey, Proposal)> {
        let community = self.community().address;
        self.read(async |chain| read::proposals(chain, &community).await.unwrap())
    }

    pub fn bounties(&self) -> Vec<(Pubkey, Bounty)> {
        let community = self.community().address;
        self.read(async |chain| read::bounties(chain, &community).await.unwrap())
    }

    pub fn claims(&self, bounty: &Pubkey) -> Vec<(Pubkey, Claim)> {
        let community = self.community().address;
        self.read(async |chain| read::claims(chain, &community, bounty).await.unwrap())
    }

    pub fn auctions(&self) -> Vec<(Pubkey, Auction)> {
        let community = self.community().address;
        self.read(async |chain| read::auctions(chain, &community).await.unwrap())
    }

    /// Every listing of the `coop` directory, paused, expired and removed members' ones included,
    /// newest first.
    pub fn listings(&self) -> Vec<(Pubkey, Listing)> {
        let community = self.community().address;
        self.read(async |chain| read::listings(chain, &community).await.unwrap())
    }

    /// The SOL balance of `wallet`, in lamports.
    pub fn lamports(&self, wallet: &str) -> u64 {
        let address = self.address(wallet);
        self.read(async |chain| read::sol_balance(chain, &address).await.unwrap())
    }
}

// Reads of a community named other than `coop`, such as the README's `ampled`.
impl Ampled {
    pub fn community_named(&self, name: &str) -> CommunityView {
        self.read(async |chain| read::community(chain, name).await.expect("community"))
    }

    /// `wallet`'s balance of `community`'s token, in base units.
    pub fn balance_in(&self, community: &CommunityView, wallet: &str) -> u64 {
        let address = self.address(wallet);
        self.read(async |chain| {
            read::wallet_balance(chain, community, &address)
                .await
                .unwrap()
        })
    }

    pub fn member_of(&self, community: &CommunityView, wallet: &str) -> Option<Member> {
        let address = self.address(wallet);
        self.read(async |chain| read::member(chain, community, &address).await.unwrap())
    }

    pub fn proposals_of(&self, community: &CommunityView) -> Vec<(Pubkey, Proposal)> {
        self.read(async |chain| read::proposals(chain, &community.address).await.unwrap())
    }

    pub fn bounties_of(&self, community: &CommunityView) -> Vec<(Pubkey, Bounty)> {
        self.read(async |chain| read::bounties(chain, &community.address).await.unwrap())
    }

    pub fn auctions_of(&self, community: &CommunityView) -> Vec<(Pubkey, Auction)> {
        self.read(async |chain| read::auctions(chain, &community.address).await.unwrap())
    }

    pub fn listings_of(&self, community: &CommunityView) -> Vec<(Pubkey, Listing)> {
        self.read(async |chain| read::listings(chain, &community.address).await.unwrap())
    }
}

// Accounts by address, for rent returned when records close.
impl Ampled {
    /// The lamports held at `address`, or `None` when no account is there (closed or never made).
    pub fn account_lamports(&self, address: &Pubkey) -> Option<u64> {
        self.read(async |chain| {
            use ampled_client::chain::Chain;
            chain
                .account(address)
                .await
                .unwrap()
                .map(|account| account.lamports)
        })
    }
}
