#![allow(deprecated)]

mod local_bank;

use ampled::instructions::{CreateCommunityArgs, Founder};
use ampled::state::{CommunityRules, MemberRole, TokenMetadataFields};
use ampled_client::events::{event_payload, Event};
use anchor_spl::associated_token::spl_associated_token_account::instruction::create_associated_token_account;
use anchor_spl::associated_token::get_associated_token_address_with_program_id;
use anchor_spl::token_2022::spl_token_2022;
use local_bank::{Execution, LocalBank};
use solana_account::Account;
use solana_hash::Hash;
use solana_instruction::Instruction;
use solana_keypair::Keypair;
use solana_program_runtime::invoke_context::BuiltinFunctionWithContext;
use solana_pubkey::Pubkey;
use solana_signer::Signer;
use solana_transaction::versioned::VersionedTransaction;
use solana_transaction::Transaction;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

const SOL: u64 = 1_000_000_000;

fn now() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_secs() as i64
}

fn tx(ixs: &[Instruction], payer: &Keypair, signers: &[&Keypair], hash: Hash) -> VersionedTransaction {
    let mut all: Vec<&Keypair> = vec![payer];
    all.extend_from_slice(signers);
    Transaction::new_signed_with_payer(ixs, Some(&payer.pubkey()), &all, hash).into()
}

fn show(label: &str, transaction: &VersionedTransaction, e: &Execution) {
    let keys = transaction.message.static_account_keys();
    println!("== {label}: error {:?}, {} CU, fee {}", e.error, e.units, e.fee);
    println!("   pre  balances {:?}", e.pre_balances);
    println!("   post balances {:?}", e.post_balances);
    for (i, group) in e.inner.iter().enumerate() {
        for inner in group {
            let program = keys[inner.instruction.program_id_index as usize];
            let event = (program == ampled::ID)
                .then(|| event_payload(&inner.instruction.data))
                .flatten()
                .and_then(|p| Event::decode(&p))
                .map(|ev| format!("  <- ampled event {}", ev.kind()))
                .unwrap_or_default();
            println!(
                "   inner[{i}] h{} {program}{event}",
                inner.stack_height
            );
        }
    }
    for line in e.logs.iter().take(4) {
        println!("   log: {line}");
    }
    if e.logs.len() > 4 {
        println!("   ... {} log lines", e.logs.len());
    }
}

fn main() {
    let founder = Keypair::new();
    let ampled_builtin: Option<BuiltinFunctionWithContext> =
        solana_program_test::processor!(ampled::native::process_instruction);
    // The slot the chain had reached before a restart (FIRST_SLOT=... to try a warp).
    let first_slot: u64 = std::env::var("FIRST_SLOT").ok().and_then(|s| s.parse().ok()).unwrap_or(1);
    let t = Instant::now();
    let mut chain = LocalBank::start(
        vec![(
            founder.pubkey(),
            Account::new(100 * SOL, 0, &solana_sdk_ids::system_program::ID),
        )],
        &[(ampled::ID, "ampled", ampled_builtin.unwrap())],
        first_slot,
        now(),
    );
    println!(
        "started in {:?}: slot {}, height {}, genesis {}",
        t.elapsed(),
        chain.slot(),
        chain.block_height(),
        chain.genesis_hash()
    );
    let faucet = chain.faucet().insecure_clone();
    if std::env::var("SOAK").is_ok() {
        println!("RSS at start {} MiB", rss_kib() / 1024);
        soak(&mut chain);
        return;
    }

    // 1. A community, through the native program (its CPIs to system and Token-2022 go through
    // program-test's syscall stubs).
    let args = CreateCommunityArgs {
        name: "proto".into(),
        decimals: 6,
        token: TokenMetadataFields {
            name: "Ampled".into(),
            symbol: "AMPLED".into(),
            uri: "https://ampled.com/token/ampled.json".into(),
        },
        rules: CommunityRules {
            approval_threshold_bps: 5_000,
            min_approvals: 1,
            voting_period_secs: 7 * 86_400,
            supply_cap: None,
            issuance_cap: None,
        },
        founders: vec![Founder {
            wallet: founder.pubkey(),
            role: MemberRole::Worker,
        }],
    };
    let (hash, last_valid) = chain.latest_blockhash();
    println!("latest blockhash {hash}, last valid height {last_valid}");
    let create = tx(
        &[ampled_client::ix::create_community(&founder.pubkey(), &args)],
        &founder,
        &[],
        hash,
    );
    let simulated = chain.simulate(create.clone(), false).expect("simulate");
    show("simulate create_community", &create, &simulated);
    let t = Instant::now();
    let created = chain.process(create.clone()).expect("process");
    println!("process took {:?}", t.elapsed());
    show("process create_community", &create, &created);
    let community = ampled_client::ix::community_address("proto");
    let account = chain.account(&community).expect("community account");
    println!("community {community}: {} bytes, owner {}", account.data.len(), account.owner);
    match chain.process(create.clone()) {
        Err(e) => println!("sent again: refused with {e:?} (not committed)"),
        Ok(e) => println!("sent again: UNEXPECTED {:?}", e.error),
    }

    // 2. Token-2022 (SBF): a mint, two ATAs, mint_to, transfer_checked.
    let token = spl_token_2022::ID;
    let mint = Keypair::new();
    let alice = Keypair::new();
    let bob = Pubkey::new_unique();
    let space = 82;
    let rent = chain.working_bank().get_minimum_balance_for_rent_exemption(space);
    let ata_a = get_associated_token_address_with_program_id(&alice.pubkey(), &mint.pubkey(), &token);
    let ata_b = get_associated_token_address_with_program_id(&bob, &mint.pubkey(), &token);
    let setup = tx(
        &[
            anchor_lang::solana_program::system_instruction::create_account(
                &founder.pubkey(),
                &mint.pubkey(),
                rent,
                space as u64,
                &token,
            ),
            spl_token_2022::instruction::initialize_mint2(&token, &mint.pubkey(), &founder.pubkey(), None, 6)
                .unwrap(),
            create_associated_token_account(&founder.pubkey(), &alice.pubkey(), &mint.pubkey(), &token),
            create_associated_token_account(&founder.pubkey(), &bob, &mint.pubkey(), &token),
            spl_token_2022::instruction::mint_to(&token, &mint.pubkey(), &ata_a, &founder.pubkey(), &[], 1_000_000)
                .unwrap(),
        ],
        &founder,
        &[&mint],
        chain.latest_blockhash().0,
    );
    let done = chain.process(setup.clone()).expect("token setup");
    show("token-2022 mint + ATAs + mint_to", &setup, &done);
    chain.advance_slot(now());
    let transfer = tx(
        &[spl_token_2022::instruction::transfer_checked(
            &token,
            &ata_a,
            &mint.pubkey(),
            &ata_b,
            &alice.pubkey(),
            &[],
            250_000,
            6,
        )
        .unwrap()],
        &founder,
        &[&alice],
        chain.latest_blockhash().0,
    );
    let done = chain.process(transfer.clone()).expect("transfer");
    show("token-2022 transfer_checked", &transfer, &done);
    let b = chain.account(&ata_b).unwrap();
    println!("bob's token account: amount {}", u64::from_le_bytes(b.data[64..72].try_into().unwrap()));

    // A transaction that fails in execution is committed, fee charged.
    let poor = Keypair::new();
    let fund = tx(
        &[anchor_lang::solana_program::system_instruction::transfer(&faucet.pubkey(), &poor.pubkey(), SOL)],
        &faucet,
        &[],
        chain.latest_blockhash().0,
    );
    chain.process(fund).unwrap();
    let too_much = tx(
        &[anchor_lang::solana_program::system_instruction::transfer(&poor.pubkey(), &bob, 5 * SOL)],
        &poor,
        &[],
        chain.latest_blockhash().0,
    );
    match chain.send(too_much.clone(), true) {
        Err(local_bank::Refusal::Preflight(e)) => {
            show("failing transfer, preflight (NOT committed)", &too_much, &e);
            println!("payer still {} lamports", chain.account(&poor.pubkey()).unwrap().lamports);
        }
        other => println!("preflight: UNEXPECTED {other:?}"),
    }
    let unsigned = {
        let mut t = too_much.clone();
        t.signatures[0] = solana_signature::Signature::default();
        t
    };
    println!(
        "simulate unsigned, sigVerify false: {:?}; sigVerify true: {:?}",
        chain.simulate(unsigned.clone(), false).map(|e| e.error),
        chain.simulate(unsigned, true).map(|e| e.error)
    );
    println!(
        "fee_for_message legacy {:?}, v0 {:?}, unknown blockhash {:?}",
        chain.fee_for_message(too_much.message.clone()),
        chain.fee_for_message(solana_message::VersionedMessage::V0(
            solana_message::v0::Message::try_compile(
                &poor.pubkey(),
                &[anchor_lang::solana_program::system_instruction::transfer(&poor.pubkey(), &bob, 1)],
                &[],
                chain.latest_blockhash().0,
            )
            .unwrap()
        )),
        chain.fee_for_message(solana_message::VersionedMessage::Legacy(solana_message::Message::new_with_blockhash(
            &[anchor_lang::solana_program::system_instruction::transfer(&poor.pubkey(), &bob, 1)],
            Some(&poor.pubkey()),
            &Hash::new_unique(),
        )))
    );
    let failed = chain.process(too_much.clone()).expect("committed though failed");
    show("failing transfer (committed)", &too_much, &failed);
    println!("payer now {} lamports (1 SOL less the fee)", chain.account(&poor.pubkey()).unwrap().lamports);
    let unknown = tx(
        &[anchor_lang::solana_program::system_instruction::transfer(&poor.pubkey(), &bob, 1)],
        &poor,
        &[],
        Hash::new_unique(),
    );
    println!("unknown blockhash: {:?}", chain.process(unknown).map(|e| e.error));
    let mut bad = tx(
        &[anchor_lang::solana_program::system_instruction::transfer(&poor.pubkey(), &bob, 2)],
        &poor,
        &[],
        chain.latest_blockhash().0,
    );
    bad.signatures[0] = solana_signature::Signature::from([7; 64]);
    println!("bad signature: {:?}", chain.process(bad).map(|e| e.error));

    // 3. Blockhash lifetime: one new blockhash per slot.
    let (old, last_valid) = chain.latest_blockhash();
    let start_slot = chain.slot();
    println!("blockhash {old} at slot {start_slot}, height {}, last valid height {last_valid}", chain.block_height());
    let send_with_old = |chain: &LocalBank, lamports: u64| {
        let t = tx(
            &[anchor_lang::solana_program::system_instruction::transfer(&faucet.pubkey(), &founder.pubkey(), lamports)],
            &faucet,
            &[],
            old,
        );
        chain.process(t).map(|e| e.error)
    };
    let mut clock = now();
    let t = Instant::now();
    for _ in 0..100 {
        clock += 0; // wall clock, as the node does: several slots per second here
        chain.advance_slot(clock);
    }
    println!("100 advance_slot took {:?}", t.elapsed());
    println!(
        "after 100 slots (slot {}, height {}): valid {} -> {:?}",
        chain.slot(),
        chain.block_height(),
        chain.is_blockhash_valid(&old),
        send_with_old(&chain, 100)
    );
    for _ in 0..50 {
        chain.advance_slot(clock);
    }
    println!(
        "after 150 slots (slot {}, height {}): valid {} -> {:?}",
        chain.slot(),
        chain.block_height(),
        chain.is_blockhash_valid(&old),
        send_with_old(&chain, 150)
    );
    chain.advance_slot(clock);
    println!(
        "after 151 slots (slot {}, height {}): valid {} -> {:?}",
        chain.slot(),
        chain.block_height(),
        chain.is_blockhash_valid(&old),
        send_with_old(&chain, 151)
    );
    let clock_sysvar = chain.working_bank().clock();
    println!("clock sysvar: slot {} unix {} (now {})", clock_sysvar.slot, clock_sysvar.unix_timestamp, now());

    breakdown(&chain);
    // Realistic work: 100 create_community (native program, CPIs into system and Token-2022 SBF).
    let hash = chain.latest_blockhash().0;
    let creates: Vec<VersionedTransaction> = (0..100)
        .map(|i| {
            let args = CreateCommunityArgs { name: format!("community{i}"), ..args.clone() };
            tx(&[ampled_client::ix::create_community(&founder.pubkey(), &args)], &founder, &[], hash)
        })
        .collect();
    let mut latencies = Vec::new();
    let t = Instant::now();
    for create in creates {
        let one = Instant::now();
        let e = chain.process(create).expect("create");
        assert!(e.error.is_none(), "{:?}", e.logs);
        latencies.push(one.elapsed());
    }
    latencies.sort();
    println!(
        "100 create_community: {:.0} tx/s; p50 {:?}, p99 {:?}",
        100.0 / t.elapsed().as_secs_f64(),
        latencies[50],
        latencies[98]
    );
    // 4. Throughput: 1,000 SOL transfers processed one at a time.
    let n = 1_000;
    let hash = chain.latest_blockhash().0;
    let transfers: Vec<VersionedTransaction> = (0..n)
        .map(|i| {
            tx(
                &[anchor_lang::solana_program::system_instruction::transfer(
                    &faucet.pubkey(),
                    &Pubkey::new_unique(),
                    SOL + i,
                )],
                &faucet,
                &[],
                hash,
            )
        })
        .collect();
    let mut latencies = Vec::with_capacity(n as usize);
    let t = Instant::now();
    let mut slot_start = Instant::now();
    for transfer in transfers {
        let one = Instant::now();
        let e = chain.process(transfer).expect("transfer");
        assert!(e.error.is_none());
        latencies.push(one.elapsed());
        if slot_start.elapsed() >= Duration::from_millis(400) {
            chain.advance_slot(now());
            slot_start = Instant::now();
        }
    }
    let total = t.elapsed();
    latencies.sort();
    println!(
        "{n} SOL transfers in {total:?}: {:.0} tx/s; per tx p50 {:?}, p99 {:?}, max {:?}; now slot {}",
        n as f64 / total.as_secs_f64(),
        latencies[latencies.len() / 2],
        latencies[latencies.len() * 99 / 100],
        latencies[latencies.len() - 1],
        chain.slot()
    );
    // The same through simulate (no commit).
    let t = Instant::now();
    let hash = chain.latest_blockhash().0;
    for i in 0..200u64 {
        let s = tx(
            &[anchor_lang::solana_program::system_instruction::transfer(&faucet.pubkey(), &bob, 1 + i)],
            &faucet,
            &[],
            hash,
        );
        chain.simulate(s, true).unwrap();
    }
    println!("200 simulations: {:.0}/s", 200.0 / t.elapsed().as_secs_f64());
    let t = Instant::now();
    for _ in 0..100 {
        chain.advance_slot(now());
    }
    println!("advance_slot: {:?} each", t.elapsed() / 100);
}

/// Where a debug build spends a transfer's time.
pub fn breakdown(chain: &LocalBank) {
    use solana_transaction::TransactionVerificationMode as Mode;
    let faucet = chain.faucet().insecure_clone();
    let hash = chain.latest_blockhash().0;
    let make = |i: u64| {
        tx(
            &[anchor_lang::solana_program::system_instruction::transfer(&faucet.pubkey(), &Pubkey::new_unique(), SOL + i)],
            &faucet,
            &[],
            hash,
        )
    };
    let t = Instant::now();
    let txs: Vec<_> = (0..50).map(make).collect();
    println!("sign: {:?} each", t.elapsed() / 50);
    let bank = chain.working_bank();
    let t = Instant::now();
    for x in &txs {
        bank.verify_transaction(x.clone(), Mode::FullVerification).unwrap();
    }
    println!("verify (full): {:?} each", t.elapsed() / 50);
    let t = Instant::now();
    let sanitized: Vec<_> = txs
        .iter()
        .map(|x| bank.verify_transaction(x.clone(), Mode::HashOnly).unwrap())
        .collect();
    println!("sanitize (hash only): {:?} each", t.elapsed() / 50);
    let t = Instant::now();
    for s in &sanitized {
        let batch = bank.prepare_sanitized_batch(std::slice::from_ref(s));
        let (r, _) = bank.load_execute_and_commit_transactions(
            &batch,
            150,
            solana_svm::transaction_processor::ExecutionRecordingConfig::new_single_setting(true),
            &mut Default::default(),
            None,
        );
        r[0].as_ref().unwrap();
    }
    println!("load+execute+commit: {:?} each", t.elapsed() / 50);
}

fn rss_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .unwrap()
        .lines()
        .find(|l| l.starts_with("VmRSS:"))
        .and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
        .unwrap_or(0)
}

/// Many slots with transactions: does memory grow? (FLUSH=1: flush rooted slots' write cache.)
pub fn soak(chain: &mut LocalBank) {
    let flush = std::env::var("FLUSH").is_ok();
    let faucet = chain.faucet().insecure_clone();
    let recipients: Vec<Pubkey> = (0..50).map(|_| Pubkey::new_unique()).collect();
    let t = Instant::now();
    let mut n = 0u64;
    for slot in 0..3_000u64 {
        let hash = chain.latest_blockhash().0;
        for i in 0..20u64 {
            n += 1;
            let x = tx(
                &[anchor_lang::solana_program::system_instruction::transfer(
                    &faucet.pubkey(),
                    &recipients[(n % 50) as usize],
                    SOL + slot * 100 + i,
                )],
                &faucet,
                &[],
                hash,
            );
            assert!(chain.process(x).unwrap().error.is_none());
        }
        chain.advance_slot(now());
        if flush && slot % 100 == 99 {
            let t = Instant::now();
            chain.maintain_accounts();
            if slot % 500 == 499 {
                println!("maintain_accounts took {:?}", t.elapsed());
            }
        }
        if slot % 500 == 0 {
            println!("soak: slot {} after {n} tx, {:?}: RSS {} MiB", chain.slot(), t.elapsed(), rss_kib() / 1024);
        }
    }
    println!("soak: {n} tx over 3000 slots in {:?}, RSS {} MiB", t.elapsed(), rss_kib() / 1024);
}
