//! The shared harness of the integration tests: an in-process chain running the real SPL Token,
//! Associated Token Account and Memo programs (SBF) with the $AMPLED program loaded natively,
//! plus one-call fixtures ("a community with N members", "a passed proposal").
#![allow(deprecated)]

pub use ampled_client::ix;

use ampled::instructions::{CreateCommunityArgs, Founder};
use ampled::state::*;
use anchor_lang::prelude::Pubkey;
use anchor_lang::solana_program::clock::Clock;
use anchor_lang::solana_program::system_instruction;
use anchor_lang::{AccountDeserialize, AnchorDeserialize, Discriminator};
use anchor_spl::associated_token::get_associated_token_address;
use anchor_spl::token::{Mint, TokenAccount};
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
        let transfer = anchor_spl::token::spl_token::instruction::transfer(
            &anchor_spl::token::ID,
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

impl Chain {
    /// A community named `name` whose founders are `members` new funded wallets, all workers.
    pub async fn community_named(
        &mut self,
        name: &str,
        members: usize,
        rules: CommunityRules,
    ) -> CommunityFixture {
        let mut keys = Vec::with_capacity(members);
        for _ in 0..members {
            keys.push(self.wallet().await);
        }
        let founders = keys
            .iter()
            .map(|k| Founder {
                wallet: k.pubkey(),
                role: MemberRole::Worker,
            })
            .collect();
        let args = CreateCommunityArgs {
            name: name.to_string(),
            decimals: DECIMALS,
            rules,
            founders,
        };
        let payer = self.payer().pubkey();
        let create = ix::create_community(&payer, &args);
        self.send(&[create], &[]).await.expect("create community");
        let address = ix::community_address(name);
        let community: Community = self.account(&address).await;
        CommunityFixture {
            name: name.to_string(),
            address,
            mint: community.mint,
            treasury: community.treasury,
            members: keys,
        }
    }

    /// A community of `members` founders under the default rules.
    pub async fn community(&mut self, members: usize) -> CommunityFixture {
        self.community_named("ampled", members, default_rules())
            .await
    }

    /// `proposer` proposes `action`; returns the proposal's address.
    pub async fn propose(
        &mut self,
        community: &CommunityFixture,
        proposer: &Keypair,
        action: ProposalAction,
    ) -> Result<Pubkey, Failure> {
        let member: Member = self
            .account(&community.member_address(&proposer.pubkey()))
            .await;
        let proposal = ix::proposal_address(
            &community.address,
            &proposer.pubkey(),
            member.proposals_created,
        );
        let create = ix::create_proposal(&community.address, &proposer.pubkey(), proposal, action);
        self.send(&[create], &[proposer]).await?;
        Ok(proposal)
    }

    pub async fn vote(
        &mut self,
        community: &CommunityFixture,
        proposal: &Pubkey,
        voter: &Keypair,
        approve: bool,
    ) -> Result<Emitted, Failure> {
        let vote = ix::cast_vote(&community.address, proposal, &voter.pubkey(), approve);
        self.send(&[vote], &[voter]).await
    }

    /// Each of `voters` approves `proposal`.
    pub async fn approve_by(
        &mut self,
        community: &CommunityFixture,
        proposal: &Pubkey,
        voters: &[&Keypair],
    ) {
        for voter in voters {
            self.vote(community, proposal, voter, true)
                .await
                .expect("approve");
        }
    }

    /// Proposes `action` as member 0 and has members `approvers` approve it.
    pub async fn passed_proposal(
        &mut self,
        community: &CommunityFixture,
        action: ProposalAction,
        approvers: &[usize],
    ) -> Pubkey {
        let proposer = community.member(0).insecure_clone();
        let proposal = self
            .propose(community, &proposer, action)
            .await
            .expect("propose");
        let voters: Vec<&Keypair> = approvers.iter().map(|&i| community.member(i)).collect();
        self.approve_by(community, &proposal, &voters).await;
        proposal
    }

    /// Executes a passed proposal with the instruction its action needs.
    pub async fn execute(
        &mut self,
        community: &CommunityFixture,
        proposal: &Pubkey,
    ) -> Result<Emitted, Failure> {
        let stored = self.account::<Proposal>(proposal).await;
        let needed = ix::ExecuteRecords::needed(&stored.action);
        let mut records = ix::ExecuteRecords::default();
        if needed.proposer_member {
            records.proposer = self
                .try_account(&community.member_address(&stored.proposer))
                .await;
        }
        if let Some(claim) = needed.claim {
            records.claim = self.try_account::<Claim>(&claim).await;
            if let Some(bounty) = records.claim.as_ref().map(|c| c.bounty) {
                records.claim_bounty = self.try_account(&bounty).await;
            }
        }
        let payer = self.payer().pubkey();
        let execute = ix::execute_proposal(
            &community.address,
            &community.mint,
            proposal,
            &stored.action,
            &stored.proposer,
            &records,
            &payer,
        )
        .expect("the records the proposal names exist");
        self.send(&[execute], &[]).await
    }

    /// Closes a finished proposal as a stranger would, naming its target so that a proposal
    /// whose target changed closes at once.
    pub async fn close_proposal(
        &mut self,
        community: &CommunityFixture,
        proposal: &Pubkey,
    ) -> Result<Emitted, Failure> {
        let stored = self.account::<Proposal>(proposal).await;
        let close = ix::close_proposal(
            &community.address,
            proposal,
            &stored.proposer,
            stored.target,
        );
        self.send(&[close], &[]).await
    }

    /// Admits a new wallet through a proposal approved by every founder; returns its keypair.
    pub async fn admit_member(
        &mut self,
        community: &CommunityFixture,
        role: MemberRole,
    ) -> Keypair {
        let newcomer = self.wallet().await;
        let approvers: Vec<usize> = (0..community.members.len()).collect();
        let action = ProposalAction::AddMember {
            wallet: newcomer.pubkey(),
            role,
        };
        let proposal = self.passed_proposal(community, action, &approvers).await;
        self.execute(community, &proposal).await.expect("admit");
        newcomer
    }

    /// Mints `amount` to `recipient` through a reward proposal approved by every founder except
    /// the recipient.
    pub async fn reward_member(
        &mut self,
        community: &CommunityFixture,
        recipient: &Pubkey,
        amount: u64,
    ) {
        let approvers: Vec<usize> = (0..community.members.len())
            .filter(|&i| community.member(i).pubkey() != *recipient)
            .collect();
        let proposal = self
            .passed_proposal(community, reward(*recipient, amount, "work"), &approvers)
            .await;
        self.execute(community, &proposal).await.expect("reward");
    }
}

/// A bounty posted by the harness.
pub struct BountyFixture {
    pub address: Pubkey,
    pub poster: Keypair,
}

impl Chain {
    /// `poster` (a member holding enough tokens) posts a member-funded bounty.
    pub async fn post_member_bounty(
        &mut self,
        community: &CommunityFixture,
        poster: &Keypair,
        terms: BountyTerms,
    ) -> Result<BountyFixture, Failure> {
        let member: Member = self
            .account(&community.member_address(&poster.pubkey()))
            .await;
        let post = ix::post_bounty(
            &community.address,
            &community.mint,
            &poster.pubkey(),
            member.bounties_posted,
            terms,
        );
        self.send(&[post], &[poster]).await?;
        Ok(BountyFixture {
            address: ix::bounty_address(
                &community.address,
                &poster.pubkey(),
                member.bounties_posted,
            ),
            poster: poster.insecure_clone(),
        })
    }

    /// Member 0 proposes a co-op bounty, `approvers` approve it and it is executed.
    pub async fn post_coop_bounty(
        &mut self,
        community: &CommunityFixture,
        terms: BountyTerms,
        approvers: &[usize],
    ) -> BountyFixture {
        let poster = community.member(0).insecure_clone();
        let member: Member = self
            .account(&community.member_address(&poster.pubkey()))
            .await;
        let proposal = self
            .passed_proposal(community, ProposalAction::PostBounty { terms }, approvers)
            .await;
        self.execute(community, &proposal)
            .await
            .expect("post co-op bounty");
        BountyFixture {
            address: ix::bounty_address(
                &community.address,
                &poster.pubkey(),
                member.bounties_posted,
            ),
            poster,
        }
    }

    /// `claimant` claims the bounty and submits evidence; returns the claim's address.
    pub async fn claim_and_submit(&mut self, bounty: &Pubkey, claimant: &Keypair) -> Pubkey {
        let claim = ix::claim_bounty(bounty, &claimant.pubkey());
        let submit = ix::submit_evidence(bounty, &claimant.pubkey(), "https://example.org/proof");
        self.send(&[claim, submit], &[claimant])
            .await
            .expect("claim and submit");
        ix::claim_address(bounty, &claimant.pubkey())
    }
}

/// An auction listed by the harness.
pub struct AuctionFixture {
    pub address: Pubkey,
    pub lister: Keypair,
}

impl Chain {
    /// `lister`, a member, auctions their own item.
    pub async fn list_member_auction(
        &mut self,
        community: &CommunityFixture,
        lister: &Keypair,
        terms: AuctionTerms,
    ) -> Result<AuctionFixture, Failure> {
        let member: Member = self
            .account(&community.member_address(&lister.pubkey()))
            .await;
        let list = ix::list_auction(
            &community.address,
            &community.mint,
            &lister.pubkey(),
            member.auctions_listed,
            terms,
        );
        self.send(&[list], &[lister]).await?;
        Ok(AuctionFixture {
            address: ix::auction_address(
                &community.address,
                &lister.pubkey(),
                member.auctions_listed,
            ),
            lister: lister.insecure_clone(),
        })
    }

    /// Member 0 proposes a co-op auction, `approvers` approve it and it is executed.
    pub async fn list_coop_auction(
        &mut self,
        community: &CommunityFixture,
        terms: AuctionTerms,
        burn_proceeds: bool,
        approvers: &[usize],
    ) -> AuctionFixture {
        let lister = community.member(0).insecure_clone();
        let member: Member = self
            .account(&community.member_address(&lister.pubkey()))
            .await;
        let action = ProposalAction::ListAuction {
            terms,
            burn_proceeds,
        };
        let proposal = self.passed_proposal(community, action, approvers).await;
        self.execute(community, &proposal)
            .await
            .expect("list co-op auction");
        AuctionFixture {
            address: ix::auction_address(
                &community.address,
                &lister.pubkey(),
                member.auctions_listed,
            ),
            lister,
        }
    }

    /// `bidder` bids `amount` from their associated token account, refunding whoever it beats.
    pub async fn bid(
        &mut self,
        community: &CommunityFixture,
        auction: &Pubkey,
        bidder: &Keypair,
        amount: u64,
    ) -> Result<Emitted, Failure> {
        let state: Auction = self.account(auction).await;
        let is_member = self
            .exists(&community.member_address(&bidder.pubkey()))
            .await;
        let accounts = ix::place_bid_accounts(
            &community.address,
            &community.mint,
            auction,
            &bidder.pubkey(),
            state.highest_bidder,
            is_member,
        );
        self.send(&[ix::place_bid(accounts, amount)], &[bidder])
            .await
    }

    /// Settles an auction as a stranger would, paying wherever the listing says.
    pub async fn settle(
        &mut self,
        community: &CommunityFixture,
        auction: &Pubkey,
    ) -> Result<Emitted, Failure> {
        let state: Auction = self.account(auction).await;
        let (proceeds_account, seller) = match state.proceeds {
            Proceeds::Seller { wallet } => (community.ata(&wallet), wallet),
            Proceeds::Treasury | Proceeds::Burn => (community.treasury, state.lister),
        };
        let caller = self.payer().pubkey();
        let accounts = ix::settle_auction_accounts(
            &community.address,
            &community.mint,
            auction,
            &proceeds_account,
            &seller,
            &state.rent_payer,
            &caller,
        );
        let settle = ix::instruction(accounts, ampled::instruction::SettleAuction {});
        self.send(&[settle], &[]).await
    }
}

impl Chain {
    /// `proposer` proposes `action` with the accounts a client would pass, after letting `tamper`
    /// change them (to name the wrong target record, for instance); returns the proposal's
    /// address.
    pub async fn propose_with(
        &mut self,
        community: &CommunityFixture,
        proposer: &Keypair,
        action: ProposalAction,
        tamper: impl FnOnce(&mut ampled::accounts::CreateProposal),
    ) -> Result<Pubkey, Failure> {
        let member: Member = self
            .account(&community.member_address(&proposer.pubkey()))
            .await;
        let proposal = ix::proposal_address(
            &community.address,
            &proposer.pubkey(),
            member.proposals_created,
        );
        let mut accounts = ampled::accounts::CreateProposal {
            proposer: proposer.pubkey(),
            community: community.address,
            proposer_member: community.member_address(&proposer.pubkey()),
            proposal,
            target: ix::proposal_target_address(&community.address, &action),
            beneficiary_member: action
                .beneficiary()
                .map(|wallet| community.member_address(&wallet)),
            system_program: anchor_lang::solana_program::system_program::ID,
            event_authority: ix::event_authority(),
            program: ampled::ID,
        };
        tamper(&mut accounts);
        let create = ix::instruction(
            accounts,
            ampled::instruction::CreateProposal {
                args: ampled::instructions::CreateProposalArgs { action },
            },
        );
        self.send(&[create], &[proposer]).await?;
        Ok(proposal)
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

/// Closes `proposal` as a stranger would and asserts it is gone and all its lamports went back to
/// its proposer: what anyone may do as soon as a proposal can no longer execute.
pub async fn assert_proposal_closes_at_once(
    chain: &mut Chain,
    community: &CommunityFixture,
    proposal: &Pubkey,
) {
    let proposer = chain.account::<Proposal>(proposal).await.proposer;
    let rent = chain.lamports(proposal).await;
    let proposer_before = chain.lamports(&proposer).await;

    chain
        .close_proposal(community, proposal)
        .await
        .expect("the proposal closes at once");

    assert!(
        !chain.exists(proposal).await,
        "the proposal account is gone"
    );
    assert_eq!(
        chain.lamports(&proposer).await,
        proposer_before + rent,
        "its rent went back to the proposer"
    );
}
