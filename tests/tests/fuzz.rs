//! Fuzzing every instruction of the program: a valid instruction of each kind is built in a live
//! co-op (proposals of every action approved and ready, bounties with claims at every step,
//! auctions running, ended and settled), then its data and accounts are mutated. Whatever comes
//! out, the program must never panic (a panic in the native program surfaces as
//! `ProgramFailedToComplete`) and a refused transaction must change nothing.
//!
//! A mutated transaction is simulated first. Refused ones are then processed for real and every
//! account they name is compared before and after; accepted ones (trailing bytes Anchor ignores,
//! a read-only account made writable, ...) are only simulated, so the live state stays valid
//! for the next mutation. `AMPLED_FUZZ_ITERATIONS` (default 2,000) sets how many mutated
//! transactions to try, `AMPLED_FUZZ_SEED` (a number) replays a run.
#![allow(deprecated)]

use ampled::state::*;
use ampled_tests::*;
use anchor_lang::prelude::{AccountInfo, Pubkey};
use anchor_lang::solana_program::entrypoint::ProgramResult;
use anchor_lang::solana_program::system_program;
use anchor_spl::associated_token;
use anchor_spl::token_2022::spl_token_2022 as spl_token;
use solana_instruction::error::InstructionError;
use solana_instruction::{AccountMeta, Instruction};
use solana_keypair::Keypair;
use solana_program_test::{processor, ProgramTest};
use solana_signer::Signer;
use solana_transaction::Transaction;
use solana_transaction_error::TransactionError;
use std::collections::BTreeMap;
use std::sync::{Mutex, Once};
use std::thread::ThreadId;
use std::time::Instant;

const CLOCK_SYSVAR: &str = "SysvarC1ock11111111111111111111111111111111";
const RENT_SYSVAR: &str = "SysvarRent111111111111111111111111111111111";

/// A valid instruction in the live state, and who signs it besides the fee payer.
struct Template {
    name: &'static str,
    instruction: Instruction,
    signers: Vec<Keypair>,
}

/// SplitMix64: small, seedable, and the same on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn bytes(&mut self, n: usize) -> Vec<u8> {
        (0..n).map(|_| self.next() as u8).collect()
    }
}

#[derive(Debug, Clone)]
enum Mutation {
    FlipBit {
        byte: usize,
        bit: u8,
    },
    Truncate {
        len: usize,
    },
    Extend {
        bytes: Vec<u8>,
    },
    RandomArgs {
        bytes: Vec<u8>,
    },
    Swap {
        a: usize,
        b: usize,
    },
    Duplicate {
        from: usize,
        to: usize,
    },
    Drop {
        index: usize,
    },
    /// The replacement and what it is, for the failure report.
    Replace {
        index: usize,
        with: (Pubkey, &'static str),
    },
    ToggleSigner {
        index: usize,
    },
    ToggleWritable {
        index: usize,
    },
    Append {
        key: Pubkey,
    },
}

fn mutate(rng: &mut Rng, ix: &mut Instruction, pool: &[(Pubkey, &'static str)]) -> Mutation {
    let accounts = ix.accounts.len();
    let mutation = match rng.below(11) {
        0 if !ix.data.is_empty() => Mutation::FlipBit {
            byte: rng.below(ix.data.len()),
            bit: rng.below(8) as u8,
        },
        1 => Mutation::Truncate {
            len: rng.below(ix.data.len()),
        },
        2 => {
            let n = 1 + rng.below(40);
            Mutation::Extend {
                bytes: rng.bytes(n),
            }
        }
        3 => {
            let n = rng.below(2 * ix.data.len().saturating_sub(8) + 16);
            Mutation::RandomArgs {
                bytes: rng.bytes(n),
            }
        }
        4 if accounts > 1 => Mutation::Swap {
            a: rng.below(accounts),
            b: rng.below(accounts),
        },
        5 if accounts > 1 => Mutation::Duplicate {
            from: rng.below(accounts),
            to: rng.below(accounts),
        },
        6 if accounts > 0 => Mutation::Drop {
            index: rng.below(accounts),
        },
        7 | 8 if accounts > 0 => {
            let with = if rng.below(6) == 0 {
                (Pubkey::new_unique(), "a random key")
            } else {
                pool[rng.below(pool.len())]
            };
            Mutation::Replace {
                index: rng.below(accounts),
                with,
            }
        }
        9 if accounts > 0 => Mutation::ToggleSigner {
            index: rng.below(accounts),
        },
        10 if accounts > 0 => Mutation::ToggleWritable {
            index: rng.below(accounts),
        },
        _ => Mutation::Append {
            key: pool[rng.below(pool.len())].0,
        },
    };
    match &mutation {
        Mutation::FlipBit { byte, bit } => ix.data[*byte] ^= 1 << bit,
        Mutation::Truncate { len } => ix.data.truncate(*len),
        Mutation::Extend { bytes } => ix.data.extend_from_slice(bytes),
        Mutation::RandomArgs { bytes } => {
            ix.data.truncate(8);
            ix.data.extend_from_slice(bytes);
        }
        Mutation::Swap { a, b } => ix.accounts.swap(*a, *b),
        Mutation::Duplicate { from, to } => ix.accounts[*to] = ix.accounts[*from].clone(),
        Mutation::Drop { index } => {
            ix.accounts.remove(*index);
        }
        Mutation::Replace { index, with } => ix.accounts[*index].pubkey = with.0,
        Mutation::ToggleSigner { index } => {
            ix.accounts[*index].is_signer = !ix.accounts[*index].is_signer
        }
        Mutation::ToggleWritable { index } => {
            ix.accounts[*index].is_writable = !ix.accounts[*index].is_writable
        }
        Mutation::Append { key } => ix.accounts.push(AccountMeta::new(*key, false)),
    }
    mutation
}

/// The live co-op the templates act in, and a second community whose accounts stand in for
/// this one's.
struct Live {
    templates: Vec<Template>,
    /// Accounts a mutation may put in place of another: this co-op's other records, another
    /// community's, other programs', sysvars.
    pool: Vec<(Pubkey, &'static str)>,
    /// Every keypair the fuzzer holds, so a mutation that asks for a signature it can give
    /// still produces a signed transaction.
    keys: Vec<Keypair>,
}

async fn member_counter(
    chain: &mut Chain,
    community: &CommunityFixture,
    wallet: &Pubkey,
) -> Member {
    chain.account(&community.member_address(wallet)).await
}

async fn live_state(chain: &mut Chain) -> Live {
    let payer = chain.payer().pubkey();
    let a = chain.community_named("fuzz-live", 3, default_rules()).await;
    let other = chain
        .community_named("fuzz-other", 2, default_rules())
        .await;
    let (m0, m1, m2) = (
        a.member(0).insecure_clone(),
        a.member(1).insecure_clone(),
        a.member(2).insecure_clone(),
    );
    let outsider = chain.wallet().await;
    let newcomer = chain.wallet().await;
    chain.reward_member(&a, &m0.pubkey(), 1_000 * TOKEN).await;
    chain.reward_member(&a, &m1.pubkey(), 1_000 * TOKEN).await;
    chain.reward_member(&a, &m2.pubkey(), 1_000 * TOKEN).await;
    chain.send_tokens(&a, &m0, &a.treasury, 100 * TOKEN).await;
    let other_proposal = chain
        .propose(
            &other,
            other.member(0),
            reward(other.member(1).pubkey(), 1, "x"),
        )
        .await
        .expect("a proposal in the other community");

    let mut templates = Vec::new();
    let mut add = |name: &'static str, instruction: Instruction, signers: Vec<&Keypair>| {
        templates.push(Template {
            name,
            instruction,
            signers: signers.into_iter().map(|k| k.insecure_clone()).collect(),
        })
    };

    // Community and governance.
    let args = ampled::instructions::CreateCommunityArgs {
        name: "fuzz-new".into(),
        decimals: DECIMALS,
        token: token_metadata(),
        rules: default_rules(),
        founders: vec![ampled::instructions::Founder {
            wallet: outsider.pubkey(),
            role: MemberRole::Artist,
        }],
    };
    add(
        "create_community",
        ix::create_community(&payer, &args),
        vec![],
    );

    let open = chain
        .propose(&a, &m0, reward(m1.pubkey(), 10, "flyers"))
        .await
        .unwrap();
    add(
        "cast_vote",
        ix::cast_vote(&a.address, &open, &m2.pubkey(), true),
        vec![&m2],
    );
    add(
        "cancel_proposal",
        ix::cancel_proposal(&a.address, &open, &m0.pubkey()),
        vec![&m0],
    );
    let cancelled = chain
        .propose(&a, &m0, reward(m1.pubkey(), 11, "flyers"))
        .await
        .unwrap();
    chain
        .send(
            &[ix::cancel_proposal(&a.address, &cancelled, &m0.pubkey())],
            &[&m0],
        )
        .await
        .unwrap();
    add(
        "close_proposal",
        ix::close_proposal(&a.address, &cancelled, &m0.pubkey(), None),
        vec![],
    );

    // Every action, approved and ready to execute.
    let actions = [
        (
            "execute_mint_reward",
            reward(m1.pubkey(), 10, "work"),
            vec![0, 2],
        ),
        (
            "execute_treasury_transfer",
            ProposalAction::TreasuryTransfer {
                recipient: m1.pubkey(),
                amount: 10,
                reason: "gear".into(),
            },
            vec![0, 2],
        ),
        (
            "execute_add_member",
            ProposalAction::AddMember {
                wallet: newcomer.pubkey(),
                role: MemberRole::Artist,
            },
            vec![0, 1, 2],
        ),
        (
            "execute_remove_member",
            ProposalAction::RemoveMember {
                wallet: m2.pubkey(),
            },
            vec![0, 1],
        ),
        (
            "execute_change_role",
            ProposalAction::ChangeRole {
                wallet: m2.pubkey(),
                role: MemberRole::Artist,
            },
            vec![0, 1],
        ),
        (
            "execute_update_rules",
            ProposalAction::UpdateRules {
                rules: CommunityRules {
                    approval_threshold_bps: 6_000,
                    ..default_rules()
                },
            },
            vec![0, 1],
        ),
        (
            "execute_update_token_metadata",
            ProposalAction::UpdateTokenMetadata {
                token: TokenMetadataFields {
                    uri: "https://ampled.com/token/ampled-2027.json".into(),
                    ..token_metadata()
                },
            },
            vec![0, 1],
        ),
        (
            "execute_distribute",
            ProposalAction::Distribute {
                terms: ShareList::new(vec![(m2.pubkey(), 4)]).terms(chain.now() + 30 * DAY),
            },
            vec![0, 1],
        ),
    ];
    for (name, action, approvers) in actions {
        let proposal = chain.passed_proposal(&a, action.clone(), &approvers).await;
        add(
            name,
            ix::execute_proposal(
                &a.address,
                &a.mint,
                &proposal,
                &action,
                &m0.pubkey(),
                &ix::ExecuteRecords::default(),
                &payer,
            )
            .expect("these actions need no other record"),
            vec![],
        );
    }

    // Distributions: one open with a share to claim, one whose only share is claimed.
    let shares = ShareList::new(vec![(m1.pubkey(), 5), (outsider.pubkey(), 7)]);
    let open_distribution = chain
        .open_distribution(&a, shares.terms(chain.now() + 30 * DAY))
        .await
        .unwrap();
    add(
        "claim_share",
        ix::claim_share(
            &a.address,
            &a.mint,
            &open_distribution,
            &m1.pubkey(),
            &m1.pubkey(),
            0,
            5,
            shares.proof(0),
        ),
        vec![&m1],
    );
    let single = ShareList::new(vec![(m2.pubkey(), 3)]);
    let claimed_distribution = chain
        .open_distribution(&a, single.terms(chain.now() + 30 * DAY))
        .await
        .unwrap();
    chain
        .claim_share(&a, &claimed_distribution, &single, 0, &m2)
        .await
        .unwrap();
    add(
        "close_distribution",
        ix::close_distribution(&a.address, &claimed_distribution, &payer),
        vec![],
    );

    // The directory: a listing to edit and one to remove, and a fresh id to post.
    let listing = |until: i64| ListingTerms {
        kind: ListingKind::Offer,
        category: "mastering".into(),
        title: "I'll master your track".into(),
        uri: "https://ampled.com/directory/mastering".into(),
        price: Some(TOKEN),
        contact: "mailto:ana@ampled.com".into(),
        listed_until: until,
    };
    let until = chain.now() + 30 * DAY;
    for id in [1, 2] {
        chain
            .send(
                &[ix::post_listing(
                    &a.address,
                    &m0.pubkey(),
                    id,
                    listing(until),
                )],
                &[&m0],
            )
            .await
            .unwrap();
    }
    add(
        "post_listing",
        ix::post_listing(&a.address, &m0.pubkey(), 3, listing(until)),
        vec![&m0],
    );
    add(
        "update_listing",
        ix::update_listing(
            &ix::listing_address(&a.address, &m0.pubkey(), 1),
            &m0.pubkey(),
            listing(until),
            true,
        ),
        vec![&m0],
    );
    add(
        "remove_listing",
        ix::remove_listing(
            &ix::listing_address(&a.address, &m0.pubkey(), 2),
            &m0.pubkey(),
        ),
        vec![&m0],
    );

    // Bounties.
    let post = chain
        .passed_proposal(
            &a,
            ProposalAction::PostBounty {
                terms: bounty_terms(5, 2),
            },
            &[1, 2],
        )
        .await;
    let member_bounty = chain
        .post_member_bounty(&a, &m0, bounty_terms(10, 3))
        .await
        .unwrap()
        .address;
    add(
        "claim_bounty",
        ix::claim_bounty(&member_bounty, &outsider.pubkey()),
        vec![&outsider],
    );
    chain
        .send(&[ix::claim_bounty(&member_bounty, &m1.pubkey())], &[&m1])
        .await
        .unwrap();
    add(
        "submit_evidence",
        ix::submit_evidence(&member_bounty, &m1.pubkey(), "https://example.org/proof"),
        vec![&m1],
    );
    add(
        "withdraw_claim",
        ix::withdraw_claim(&member_bounty, &m1.pubkey()),
        vec![&m1],
    );
    chain.claim_and_submit(&member_bounty, &m2).await;
    add(
        "approve_bounty_claim",
        ix::approve_bounty_claim(
            &a.address,
            &a.mint,
            &member_bounty,
            &m2.pubkey(),
            &m0.pubkey(),
        ),
        vec![&m0],
    );
    add(
        "reject_bounty_claim",
        ix::reject_bounty_claim(&member_bounty, &m2.pubkey(), &m0.pubkey(), "not done"),
        vec![&m0],
    );
    let coop_bounty = chain
        .post_coop_bounty(&a, bounty_terms(5, 3), &[1, 2])
        .await
        .address;
    let coop_claim = chain.claim_and_submit(&coop_bounty, &m1).await;
    let pay = chain
        .passed_proposal(
            &a,
            ProposalAction::PayBountyClaim {
                claim: coop_claim,
                claimant: m1.pubkey(),
            },
            &[0, 2],
        )
        .await;
    add(
        "execute_pay_bounty_claim",
        ix::instruction(
            ix::execute_pay_bounty_claim_accounts(
                &a.address,
                &a.mint,
                &pay,
                &coop_bounty,
                &m1.pubkey(),
                BountyCategory::StreetTeam,
                &payer,
            ),
            ampled::instruction::ExecutePayBountyClaim {},
        ),
        vec![],
    );
    let reject = chain
        .passed_proposal(
            &a,
            ProposalAction::RejectBountyClaim {
                claim: coop_claim,
                reason: "no proof".into(),
            },
            &[0, 2],
        )
        .await;
    add(
        "execute_reject_bounty_claim",
        ix::execute_reject_bounty_claim(&a.address, &reject, &coop_bounty, &coop_claim),
        vec![],
    );
    let budget = chain
        .passed_proposal(
            &a,
            ProposalAction::SetCategoryBudget {
                category: BountyCategory::Code,
                amount_per_period: 100,
                period_secs: DAY,
            },
            &[1, 2],
        )
        .await;
    add(
        "execute_set_category_budget",
        ix::execute_set_category_budget(&a.address, &budget, BountyCategory::Code, &payer),
        vec![],
    );
    let quiet_bounty = chain
        .post_member_bounty(&a, &m1, bounty_terms(10, 1))
        .await
        .unwrap()
        .address;
    let escrow = Some((m1.pubkey(), m1.pubkey()));
    add(
        "end_bounty",
        ix::end_bounty(&a.address, &a.mint, &quiet_bounty, &m1.pubkey(), escrow),
        vec![&m1],
    );
    let ended = chain
        .post_member_bounty(&a, &m1, bounty_terms(1, 1))
        .await
        .unwrap()
        .address;
    chain
        .send(
            &[ix::end_bounty(
                &a.address,
                &a.mint,
                &ended,
                &m1.pubkey(),
                escrow,
            )],
            &[&m1],
        )
        .await
        .unwrap();
    add(
        "close_bounty",
        ix::close_bounty(&ended, &m1.pubkey()),
        vec![],
    );
    chain
        .send(
            &[
                ix::claim_bounty(&quiet_bounty, &outsider.pubkey()),
                ix::withdraw_claim(&quiet_bounty, &outsider.pubkey()),
            ],
            &[&outsider],
        )
        .await
        .unwrap();
    add(
        "close_claim",
        ix::close_claim(&quiet_bounty, &outsider.pubkey()),
        vec![],
    );

    // Commissary.
    let now = chain.now();
    let listing = chain
        .passed_proposal(
            &a,
            ProposalAction::ListAuction {
                terms: auction_terms(now, 10, 1, 5 * DAY),
                burn_proceeds: false,
            },
            &[1, 2],
        )
        .await;
    let running = chain
        .list_member_auction(&a, &m0, auction_terms(now, 10, 1, 5 * DAY))
        .await
        .unwrap()
        .address;
    add(
        "place_bid",
        ix::place_bid(&a.address, &a.mint, &running, &m1.pubkey(), None, true, 20),
        vec![&m1],
    );
    add(
        "cancel_auction",
        ix::cancel_auction(&a.address, &a.mint, &running, &m0.pubkey(), &m0.pubkey()),
        vec![&m0],
    );
    let ending = chain
        .list_member_auction(&a, &m1, auction_terms(now, 10, 1, 60 * 60))
        .await
        .unwrap()
        .address;
    let sold = chain
        .list_member_auction(&a, &m1, auction_terms(now, 10, 1, 60 * 60))
        .await
        .unwrap()
        .address;
    chain.bid(&a, &ending, &m0, 20).await.unwrap();
    chain.bid(&a, &sold, &m0, 20).await.unwrap();
    let withdrawn = chain
        .list_member_auction(&a, &m1, auction_terms(now, 10, 1, DAY))
        .await
        .unwrap()
        .address;
    chain
        .send(
            &[ix::cancel_auction(
                &a.address,
                &a.mint,
                &withdrawn,
                &m1.pubkey(),
                &m1.pubkey(),
            )],
            &[&m1],
        )
        .await
        .unwrap();
    chain.advance(2 * 60 * 60).await;
    chain.settle(&a, &sold).await.unwrap();
    add(
        "settle_auction",
        ix::instruction(
            ix::settle_auction_accounts(
                &a.address,
                &a.mint,
                &ending,
                &a.ata(&m1.pubkey()),
                &m1.pubkey(),
                &m1.pubkey(),
                &payer,
            ),
            ampled::instruction::SettleAuction {},
        ),
        vec![],
    );
    add(
        "mark_handed_over",
        ix::mark_handed_over(&sold, &m0.pubkey()),
        vec![&m0],
    );
    add(
        "close_auction",
        ix::close_auction(&withdrawn, &m1.pubkey()),
        vec![],
    );

    // Last, the instructions whose addresses follow a member's counters, read after every other
    // record of the live state was made.
    let nonce = member_counter(chain, &a, &m0.pubkey())
        .await
        .proposals_created;
    add(
        "create_proposal",
        ix::create_proposal(
            &a.address,
            &m0.pubkey(),
            ix::proposal_address(&a.address, &m0.pubkey(), nonce),
            reward(m1.pubkey(), 10, "flyers"),
        ),
        vec![&m0],
    );
    let bounties_posted = member_counter(chain, &a, &m0.pubkey())
        .await
        .bounties_posted;
    add(
        "post_bounty",
        ix::post_bounty(
            &a.address,
            &a.mint,
            &m0.pubkey(),
            bounties_posted,
            bounty_terms(10, 2),
        ),
        vec![&m0],
    );
    let bounties_posted = member_counter(chain, &a, &m0.pubkey())
        .await
        .bounties_posted;
    add(
        "execute_post_bounty",
        ix::execute_post_bounty(&a.address, &post, &m0.pubkey(), bounties_posted, &payer),
        vec![],
    );
    let auctions_listed = member_counter(chain, &a, &m0.pubkey())
        .await
        .auctions_listed;
    add(
        "list_auction",
        ix::list_auction(
            &a.address,
            &a.mint,
            &m0.pubkey(),
            auctions_listed,
            auction_terms(now, 10, 1, 5 * DAY),
        ),
        vec![&m0],
    );
    let auctions_listed = member_counter(chain, &a, &m0.pubkey())
        .await
        .auctions_listed;
    add(
        "execute_list_auction",
        ix::execute_list_auction(
            &a.address,
            &a.mint,
            &listing,
            &m0.pubkey(),
            auctions_listed,
            &payer,
        ),
        vec![],
    );

    let mut pool: Vec<(Pubkey, &'static str)> = vec![
        (other.address, "another community"),
        (other.mint, "another community's mint"),
        (other.treasury, "another community's treasury"),
        (
            other.member_address(&other.member(0).pubkey()),
            "another community's member",
        ),
        (other_proposal, "another community's proposal"),
        (spl_token::ID, "the token program"),
        (anchor_spl::token::ID, "the classic SPL Token program"),
        (system_program::ID, "the system program"),
        (associated_token::ID, "the associated token program"),
        (ampled::ID, "this program"),
        (ix::event_authority(), "the event authority"),
        (CLOCK_SYSVAR.parse().unwrap(), "the clock sysvar"),
        (RENT_SYSVAR.parse().unwrap(), "the rent sysvar"),
        (a.ata(&m0.pubkey()), "a member's token account"),
        (a.address, "this community"),
        (a.mint, "this community's mint"),
        (a.treasury, "this community's treasury"),
        (payer, "the fee payer"),
    ];
    for template in &templates {
        for meta in &template.instruction.accounts {
            pool.push((meta.pubkey, "an account of another instruction"));
        }
    }
    // Kept in the order built (not sorted by key, which changes from run to run), so a seed
    // replays the same mutations.
    let mut seen = std::collections::BTreeSet::new();
    pool.retain(|(key, _)| seen.insert(*key));

    let mut keys = vec![
        chain.payer(),
        m0,
        m1,
        m2,
        outsider,
        newcomer,
        other.member(0).insecure_clone(),
        other.member(1).insecure_clone(),
    ];
    keys.dedup_by_key(|k| k.pubkey());
    Live {
        templates,
        pool,
        keys,
    }
}

/// Signs `ix` with the fee payer and whichever held keys its accounts ask for; `None` when it
/// asks for a signature the fuzzer cannot give.
async fn sign(
    chain: &mut Chain,
    live: &Live,
    template: &Template,
    ix: &Instruction,
) -> Option<Transaction> {
    let payer = chain.payer();
    let message =
        Transaction::new_with_payer(std::slice::from_ref(ix), Some(&payer.pubkey())).message;
    let required = usize::from(message.header.num_required_signatures);
    let mut signers: Vec<&Keypair> = Vec::with_capacity(required);
    for key in &message.account_keys[..required] {
        let held = template.signers.iter().chain(&live.keys);
        signers.push(held.into_iter().find(|k| k.pubkey() == *key)?);
    }
    let blockhash = chain.ctx.banks_client.get_latest_blockhash().await.unwrap();
    Some(Transaction::new(&signers, message, blockhash))
}

/// The instructions the program's `#[program]` module declares, read from its source so that a
/// new instruction without a template fails this test.
fn program_instructions() -> Vec<&'static str> {
    let source = include_str!("../../programs/ampled/src/lib.rs");
    let mut names: Vec<&str> = source
        .split("pub fn ")
        .skip(1)
        .map(|rest| rest.split(['<', '(']).next().unwrap().trim())
        .collect();
    names.sort();
    names
}

fn failed_to_complete(error: &TransactionError) -> bool {
    matches!(
        error,
        TransactionError::InstructionError(_, InstructionError::ProgramFailedToComplete)
    )
}

/// Where the last panic on each thread happened: the test runtime turns any panic under a
/// natively loaded program into `ProgramFailedToComplete`, and only the location tells the
/// program's own panics from the runtime's.
static PANICS: Mutex<Vec<(ThreadId, String)>> = Mutex::new(Vec::new());

fn record_panic_locations() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let report = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let location = info.location().map_or("unknown".to_string(), |l| {
                format!("{}:{}", l.file(), l.line())
            });
            let harness = location.contains(HARNESS_CPI_STUB);
            PANICS
                .lock()
                .unwrap()
                .push((std::thread::current().id(), location));
            if !harness {
                report(info);
            }
        }));
    });
}

fn last_panic_here() -> Option<String> {
    let mut panics = PANICS.lock().unwrap();
    let here = std::thread::current().id();
    let last = panics
        .iter()
        .rev()
        .find(|(id, _)| *id == here)
        .map(|(_, l)| l.clone());
    panics.retain(|(id, _)| *id != here);
    last
}

/// program-test's stand-in for `invoke_signed` unwraps where a cluster's runtime returns an
/// error: a self-CPI (the program's event log) whose program account the instruction does not
/// pass panics there, while on a cluster the CPI fails with `MissingAccount`.
const HARNESS_CPI_STUB: &str = "solana-program-test";

/// `Some(location)` when `error` is a panic of the program itself (not of the test runtime).
fn program_panic(error: &TransactionError) -> Option<String> {
    if !failed_to_complete(error) {
        return None;
    }
    match last_panic_here() {
        Some(location) if location.contains(HARNESS_CPI_STUB) => None,
        location => Some(location.unwrap_or_else(|| "an unknown place".into())),
    }
}

#[derive(Default)]
struct Stats {
    refused: BTreeMap<&'static str, u64>,
    accepted: BTreeMap<&'static str, u64>,
    unsignable: u64,
    /// Refusals that came from the test runtime's CPI stand-in panicking (see `HARNESS_CPI_STUB`).
    runtime_stub_panics: u64,
    /// Accepted transactions whose account list was changed, for a human to review.
    accepted_account_changes: Vec<String>,
}

fn fuzz_seed() -> u64 {
    match std::env::var("AMPLED_FUZZ_SEED") {
        Ok(seed) => seed
            .parse()
            .unwrap_or_else(|_| panic!("AMPLED_FUZZ_SEED must be a number, not {seed:?}")),
        Err(_) => u64::from_le_bytes(Keypair::new().to_bytes()[..8].try_into().unwrap()),
    }
}

#[tokio::test]
async fn mutated_instructions_never_panic_and_refusals_change_nothing() {
    let iterations: usize = std::env::var("AMPLED_FUZZ_ITERATIONS")
        .map(|v| v.parse().expect("AMPLED_FUZZ_ITERATIONS must be a number"))
        .unwrap_or(2_000);
    let seed = fuzz_seed();
    record_panic_locations();
    let started = Instant::now();
    let mut chain = Chain::start().await;
    let live = live_state(&mut chain).await;
    let mut names: Vec<&str> = live.templates.iter().map(|t| t.name).collect();
    names.sort();
    assert_eq!(
        names,
        program_instructions(),
        "the fuzzer needs one template per instruction of the program"
    );

    // Each template is valid as built, so every mutation starts from a real instruction.
    for template in &live.templates {
        let tx = sign(&mut chain, &live, template, &template.instruction)
            .await
            .expect("templates are signable");
        let simulation = chain
            .ctx
            .banks_client
            .simulate_transaction(tx)
            .await
            .unwrap();
        assert!(
            matches!(simulation.result, Some(Ok(()))),
            "template {} is not valid: {:?}",
            template.name,
            simulation.result
        );
    }
    let setup = started.elapsed();

    let mut rng = Rng(seed);
    let mut stats = Stats::default();
    let fee_payer = chain.payer().pubkey();
    for iteration in 0..iterations {
        let template = &live.templates[iteration % live.templates.len()];
        let mut instruction = template.instruction.clone();
        let mutations: Vec<Mutation> = (0..1 + rng.below(3))
            .map(|_| mutate(&mut rng, &mut instruction, &live.pool))
            .collect();
        let context = || {
            format!(
                "AMPLED_FUZZ_SEED={seed}, iteration {iteration}, {} with {mutations:?}",
                template.name
            )
        };
        let Some(tx) = sign(&mut chain, &live, template, &instruction).await else {
            stats.unsignable += 1;
            continue;
        };
        let simulation = chain
            .ctx
            .banks_client
            .simulate_transaction(tx.clone())
            .await
            .unwrap();
        let refusal = match simulation.result {
            None | Some(Ok(())) => {
                *stats.accepted.entry(template.name).or_default() += 1;
                let same = |x: &AccountMeta, y: &AccountMeta| {
                    x.pubkey == y.pubkey && x.is_signer == y.is_signer
                };
                let accounts_changed = instruction.accounts.len()
                    != template.instruction.accounts.len()
                    || instruction
                        .accounts
                        .iter()
                        .zip(&template.instruction.accounts)
                        .any(|(x, y)| !same(x, y));
                if accounts_changed {
                    stats.accepted_account_changes.push(context());
                }
                continue;
            }
            Some(Err(error)) => error,
        };
        if let Some(location) = program_panic(&refusal) {
            panic!("the program panicked at {location}: {}", context());
        }
        if failed_to_complete(&refusal) {
            stats.runtime_stub_panics += 1;
        }
        *stats.refused.entry(template.name).or_default() += 1;

        // Processed for real: a refusal must leave every account it named as it was, but for
        // the fee its payer owes.
        let keys = tx.message.account_keys.clone();
        let before = chain.snapshot(&keys).await;
        let processed = chain
            .ctx
            .banks_client
            .process_transaction_with_metadata(tx.clone())
            .await;
        let after = chain.snapshot(&keys).await;
        match processed {
            Ok(outcome) => match outcome.result {
                Ok(()) => panic!("simulation refused but processing accepted: {}", context()),
                Err(error) => {
                    if let Some(location) = program_panic(&error) {
                        panic!("the program panicked at {location}: {}", context());
                    }
                }
            },
            Err(other) => panic!("transport failure {other:?}: {}", context()),
        }
        let fee = 5_000 * tx.signatures.len() as u64;
        for ((key, was), is) in keys.iter().zip(&before).zip(&after) {
            if *key == fee_payer {
                let (was, is) = (was.as_ref().unwrap(), is.as_ref().unwrap());
                let spent = was.0 - is.0;
                assert!(
                    (spent == 0 || spent == fee) && was.1 == is.1 && was.2 == is.2,
                    "the fee payer lost {spent} lamports to a refusal: {}",
                    context()
                );
            } else {
                assert_eq!(was, is, "refused, yet {key} changed: {}", context());
            }
        }
    }

    println!(
        "fuzz: {iterations} mutated transactions over {} instructions in {:.1?} (live state {:.1?}), \
         seed {seed}; {} refused ({} by the test runtime's CPI stand-in), {} accepted, {} needed \
         a key we do not hold",
        live.templates.len(),
        started.elapsed(),
        setup,
        stats.refused.values().sum::<u64>(),
        stats.runtime_stub_panics,
        stats.accepted.values().sum::<u64>(),
        stats.unsignable
    );
    if std::env::var_os("AMPLED_FUZZ_VERBOSE").is_some() {
        for name in &names {
            println!(
                "  {name}: {} refused, {} accepted",
                stats.refused.get(name).unwrap_or(&0),
                stats.accepted.get(name).unwrap_or(&0)
            );
        }
        for accepted in &stats.accepted_account_changes {
            println!("  accepted with changed accounts: {accepted}");
        }
    }
}

/// The fuzzer's oracle for "the program panicked": a panic in a natively loaded program is
/// caught by the test runtime and reported as `ProgramFailedToComplete` on its instruction.
#[tokio::test]
async fn a_panicking_native_program_is_reported_as_program_failed_to_complete() {
    fn panics<'a, 'b, 'c, 'd>(
        _program_id: &'a Pubkey,
        _accounts: &'b [AccountInfo<'c>],
        data: &'d [u8],
    ) -> ProgramResult {
        // Stands for any bug that panics: a failed assertion, an index out of bounds, ...
        assert!(data.is_empty(), "a bug in the program");
        Ok(())
    }
    let program_id = Pubkey::new_unique();
    let mut program = ProgramTest::new("panics", program_id, processor!(panics));
    program.prefer_bpf(false);
    let ctx = program.start_with_context().await;
    let ix = Instruction {
        program_id,
        accounts: vec![],
        data: vec![7],
    };
    let blockhash = ctx.banks_client.get_latest_blockhash().await.unwrap();
    let tx = Transaction::new_signed_with_payer(
        &[ix],
        Some(&ctx.payer.pubkey()),
        &[&ctx.payer],
        blockhash,
    );
    record_panic_locations();
    let simulation = ctx.banks_client.simulate_transaction(tx).await.unwrap();
    let error = simulation.result.unwrap().unwrap_err();
    let location = program_panic(&error).expect("the panic is reported as the program's");
    assert!(
        location.contains("fuzz.rs"),
        "the panic was placed at {location}"
    );
}
