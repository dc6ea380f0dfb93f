//! A size, rent and compute report: the accounts members create, at several community sizes,
//! compared with what a per-vote-account or per-member-key design would cost; the community's
//! Token-2022 mint beside a classic SPL Token mint; and the compute units of the token
//! instructions the program calls, measured in the VM for SPL Token and Token-2022; and what a
//! distribution costs per recipient beside Jito's merkle distributor, with the size of its claim
//! transaction. Run with `cargo run -p ampled-tests --example costs`.
#![allow(deprecated)] // solana-program-test 3.1 marks all of itself deprecated.

use ampled::instructions::{CreateCommunityArgs, Founder};
use ampled::state::*;
use ampled::utils::mint::{mint_space_with, mint_space_without_metadata, token_metadata};
use ampled_tests::{fixtures, ix, Chain, DECIMALS};
use anchor_lang::prelude::{Pubkey, Rent};
use anchor_lang::solana_program::program_pack::Pack;
use anchor_lang::solana_program::system_instruction;
use anchor_spl::associated_token::spl_associated_token_account::instruction::{
    create_associated_token_account, create_associated_token_account_idempotent,
};
use anchor_spl::associated_token::{self, get_associated_token_address_with_program_id};
use anchor_spl::token::spl_token;
use anchor_spl::token_2022::spl_token_2022::extension::{metadata_pointer, ExtensionType};
use anchor_spl::token_2022::spl_token_2022::{self, instruction as token_ix};
use anchor_spl::token_interface::spl_token_metadata_interface::instruction as metadata_ix;
use solana_instruction::Instruction;
use solana_keypair::Keypair;
use solana_signer::Signer;
use solana_transaction::Transaction;

fn sol(lamports: u64) -> String {
    format!("{:.6}", lamports as f64 / 1e9)
}

/// Prints `text` wrapped at 100 columns, `first` before its first line and `indent` before the
/// others, so the notes read as prose in the source.
fn print_wrapped(first: &str, indent: &str, text: &str) {
    const WIDTH: usize = 100;
    let mut line = first.to_string();
    let mut line_is_empty = true;
    for word in text.split_whitespace() {
        if !line_is_empty && line.len() + 1 + word.len() > WIDTH {
            println!("{line}");
            line = indent.to_string();
            line_is_empty = true;
        }
        if !line_is_empty {
            line.push(' ');
        }
        line.push_str(word);
        line_is_empty = false;
    }
    println!("{line}");
}

#[tokio::main]
async fn main() {
    let rent = Rent::default();
    print_record_costs(&rent);
    println!();
    print_distribution_costs(&rent);
    println!();

    let mut chain = Chain::start().await;
    let classic = create_classic_mint(&mut chain).await;
    let token_2022 = create_community_like_mint(&mut chain).await;
    let program_mint = print_token_account_costs(&mut chain, &rent, &classic).await;
    // Compute units are measured on a stand-in whose mint authority this example holds (the
    // program's PDA signs only inside the program); it must be laid out as the program's mint
    // is, or Token-2022's costs would not be the community's.
    assert_eq!(
        chain.data_len(&token_2022.address).await,
        chain.data_len(&program_mint).await
    );
    println!();
    print_token_compute_units(&mut chain, &classic, &token_2022).await;
}

// ---- The program's own records ----

fn print_record_costs(rent: &Rent) {
    let reward = ProposalAction::MintReward {
        recipient: Pubkey::default(),
        amount: 1,
        reason: "40 hours of street team flyering".into(),
    };
    println!("Account sizes (bytes) and rent-exempt deposits (SOL, refundable on close)");
    println!();
    println!(
        "{:>8} | {:>9} {:>9} | {:>9} {:>9} | {:>17} | {:>17}",
        "members",
        "proposal",
        "rent",
        "community",
        "rent",
        "Squads-style keys",
        "a record per vote"
    );
    for members in [3u32, 10, 100, 1_000, MAX_MEMBER_SLOTS] {
        let proposal = Proposal::space(&reward, members);
        let community = Community::space(members);
        // Squads v4 keeps 32-byte keys per approval, rejection and cancel; spl-governance creates a
        // 217-byte VoteRecord account per vote (rent of each counted here for all members).
        let squads = 3 * 32 * members as usize;
        let vote_records = rent.minimum_balance(217) * u64::from(members);
        println!(
            "{:>8} | {:>9} {:>9} | {:>9} {:>9} | {:>11} bytes | {:>13} SOL",
            members,
            proposal,
            sol(rent.minimum_balance(proposal)),
            community,
            sol(rent.minimum_balance(community)),
            squads,
            sol(vote_records),
        );
    }
    println!();
    println!("Fixed-size records");
    for (name, space) in [
        ("member", Member::SPACE),
        ("bounty", Bounty::SPACE),
        ("claim", Claim::SPACE),
        ("category budget", CategoryBudget::SPACE),
        ("listing", Listing::SPACE),
    ] {
        println!(
            "{name:>16}: {space:>4} bytes, {} SOL",
            sol(rent.minimum_balance(space))
        );
    }
    println!();
    println!("A vote creates no account and writes only its proposal (2 bits per member slot).");
    println!("A listing's rent comes back to its owner when they remove it.");
}

// ---- Distributions ----

/// Jito's merkle distributor creates a `ClaimStatus` account per claimant (64 bytes with its
/// discriminator); a distribution here keeps one bit per recipient in its own record.
const JITO_CLAIM_STATUS_BYTES: usize = 64;

fn print_distribution_costs(rent: &Rent) {
    println!("Distributions: what recording claims costs");
    println!();
    println!(
        "{:>10} | {:>8} {:>10} | {:>13} | {:>22}",
        "recipients", "record", "rent", "claim bitmap", "Jito: a record per claim"
    );
    for recipients in [3u32, 1_000, 10_000, MAX_DISTRIBUTION_RECIPIENTS] {
        let terms = distribution_terms(recipients);
        let space = Distribution::space(&terms);
        let jito = rent.minimum_balance(JITO_CLAIM_STATUS_BYTES) * u64::from(recipients);
        println!(
            "{:>10} | {:>8} {:>10} | {:>7} bytes | {:>18} SOL",
            recipients,
            space,
            sol(rent.minimum_balance(space)),
            space - Distribution::space(&distribution_terms(0)),
            sol(jito),
        );
    }
    println!("One bit per recipient, in whole bytes; the record's rent returns when it closes.");
    let (legacy, proof) = claim_transaction_size(MAX_DISTRIBUTION_RECIPIENTS);
    println!(
        "A claim at {MAX_DISTRIBUTION_RECIPIENTS} recipients carries a {proof}-hash proof: its transaction is {legacy} bytes (at most 1,232)."
    );
}

fn distribution_terms(recipients: u32) -> DistributionTerms {
    DistributionTerms {
        root: [0; 32],
        recipients,
        total: u64::from(recipients),
        list_hash: [0; 32],
        uri: "https://ampled.com/distributions/time-bank-2019-2025.csv".into(),
        claim_until: 0,
        reason: "the old time bank, 2019 to 2025".into(),
    }
}

/// The wire size of a claim of the deepest share in a tree of `recipients` leaves, sent and paid
/// by the recipient, as a legacy transaction; and its proof's length.
fn claim_transaction_size(recipients: u32) -> (usize, usize) {
    use ampled::utils::merkle;
    let leaves: Vec<merkle::Hash> = (0..recipients)
        .map(|i| merkle::leaf_hash(i, &Pubkey::new_unique(), 1))
        .collect();
    let index = recipients as usize - 1;
    let proof = merkle::proof(&leaves, index).expect("an index of the tree");
    let depth = proof.len();
    let wallet = Pubkey::new_unique();
    let community = ix::community_address("ampled");
    let claim = ix::claim_share(
        &community,
        &ix::mint_address(&community),
        &ix::distribution_address(&Pubkey::new_unique()),
        &wallet,
        &wallet,
        index as u32,
        u64::MAX,
        proof,
    );
    let transaction = Transaction::new_with_payer(&[claim], Some(&wallet));
    let bytes = bincode::serialize(&transaction).expect("a transaction serializes");
    (bytes.len(), depth)
}

// ---- Mints and token accounts ----

/// The metadata fields at the limits `TokenMetadataFields::validate` allows: the largest mint a
/// community can have.
fn longest_token_metadata() -> TokenMetadataFields {
    TokenMetadataFields {
        name: "N".repeat(MAX_TOKEN_NAME_LEN),
        symbol: "S".repeat(MAX_TOKEN_SYMBOL_LEN),
        uri: format!(
            "https://{}",
            "u".repeat(MAX_TOKEN_URI_LEN - "https://".len())
        ),
    }
}

/// What the program sizes a community mint's rent by (`mint_space_with`). The update authority
/// and mint addresses are fixed-size, so any will do.
fn mint_space_the_program_funds(fields: &TokenMetadataFields) -> usize {
    let metadata = token_metadata(Pubkey::new_unique(), Pubkey::new_unique(), fields);
    mint_space_with(&metadata).expect("metadata fits")
}

/// A Token-2022 token account created by the ATA program, which adds the ImmutableOwner extension.
fn token_2022_ata_space() -> usize {
    ExtensionType::try_calculate_account_len::<spl_token_2022::state::Account>(&[
        ExtensionType::ImmutableOwner,
    ])
    .expect("fixed-size extension")
}

/// The mint the program creates for a new community named `name` whose token is `token`: its
/// size and lamports are read from the bank rather than computed, so the report shows what
/// `create_community` really does.
async fn mint_made_by_the_program(
    chain: &mut Chain,
    name: &str,
    token: TokenMetadataFields,
) -> Pubkey {
    let founder = chain.wallet().await;
    let args = CreateCommunityArgs {
        name: name.into(),
        decimals: DECIMALS,
        token,
        rules: fixtures::default_rules(),
        founders: vec![Founder {
            wallet: founder.pubkey(),
            role: MemberRole::Worker,
        }],
    };
    chain
        .create_community(&args)
        .await
        .expect("create community");
    chain
        .account::<Community>(&ix::community_address(name))
        .await
        .mint
}

/// One line of the mint table: size, the rent-exempt minimum for it, and what the account holds
/// when that is more.
async fn print_mint_row(chain: &mut Chain, rent: &Rent, name: &str, mint: &Pubkey) {
    let space = chain.data_len(mint).await;
    let minimum = rent.minimum_balance(space);
    let held = chain.lamports(mint).await;
    let held = if held > minimum {
        format!(" ({} SOL held)", sol(held))
    } else {
        String::new()
    };
    println!("{name:>44}: {space:>4} bytes, {} SOL{held}", sol(minimum));
}

/// Mint and token account sizes, the mints as the bank holds them after their creation. Returns
/// the mint the program made with the test metadata.
async fn print_token_account_costs(chain: &mut Chain, rent: &Rent, classic: &TestMint) -> Pubkey {
    let fixture = fixtures::token_metadata();
    let longest = longest_token_metadata();
    let with_fixture = mint_made_by_the_program(chain, "fixture", fixture.clone()).await;
    let with_longest = mint_made_by_the_program(chain, "longest", longest.clone()).await;

    println!(
        "Mints and token accounts: size, rent-exempt minimum (SOL), and lamports held if more"
    );
    println!();
    print_mint_row(chain, rent, "classic SPL Token mint", &classic.address).await;
    let before_metadata = mint_space_without_metadata().expect("fixed-size extension");
    println!(
        "{:>44}: {before_metadata:>4} bytes, {} SOL",
        "community mint, allocated before metadata",
        sol(rent.minimum_balance(before_metadata))
    );
    print_mint_row(chain, rent, "community mint, test metadata*", &with_fixture).await;
    let name = "community mint, longest metadata (32/10/200)";
    print_mint_row(chain, rent, name, &with_longest).await;
    for (name, space) in [
        (
            "token account (a vault or the treasury)",
            spl_token_2022::state::Account::LEN,
        ),
        (
            "Token-2022 associated token account",
            token_2022_ata_space(),
        ),
    ] {
        println!(
            "{name:>44}: {space:>4} bytes, {} SOL",
            sol(rent.minimum_balance(space))
        );
    }
    println!();
    println!(
        "* name {:?}, symbol {:?}, uri {:?} ({} bytes).",
        fixture.name,
        fixture.symbol,
        fixture.uri,
        fixture.uri.len()
    );
    let fixture_space = chain.data_len(&with_fixture).await;
    let funded_space = mint_space_the_program_funds(&fixture);
    if funded_space > fixture_space {
        print_wrapped(
            "  ",
            "  ",
            &format!(
                "A mint holds more than its minimum because the program funds rent for \
                 mint_space_with ({funded_space} bytes here, not {fixture_space}), which counts \
                 the metadata's TLV header as spl-type-length-value's 12 bytes where Token-2022 \
                 writes 4. The excess stays locked in the mint: only the mint authority could \
                 withdraw it."
            ),
        );
    }
    print_wrapped(
        "  ",
        "  ",
        "A token account is 165 bytes under either program, and so is a classic associated \
         token account: classic Token ignores the ImmutableOwner extension the ATA program asks \
         for, which Token-2022 stores (5 bytes).",
    );
    with_fixture
}

// ---- Compute units of the token instructions ----

/// The token instructions the program calls, in the order they are measured.
const MEASURED: [&str; 7] = [
    "ATA CreateIdempotent",
    "ATA Create",
    "MintTo",
    "TransferChecked",
    "Burn",
    "InitializeAccount3",
    "CloseAccount",
];

/// A mint under one token program, with the key that can mint and own vaults (the community PDA
/// plays this part on chain).
struct TestMint {
    program: Pubkey,
    address: Pubkey,
    authority: Keypair,
}

impl TestMint {
    fn ata(&self, wallet: &Pubkey) -> Pubkey {
        get_associated_token_address_with_program_id(wallet, &self.address, &self.program)
    }

    /// A new wallet whose associated token account is found at the first bump seed tried. The
    /// ATA program searches for the bump on chain at about 1,500 CU a try, so wallets chosen at
    /// random would blur the comparison between the token programs by multiples of that.
    fn wallet_with_first_try_ata(&self) -> Keypair {
        loop {
            let wallet = Keypair::new();
            let seeds = [
                wallet.pubkey().to_bytes(),
                self.program.to_bytes(),
                self.address.to_bytes(),
            ];
            let seeds: Vec<&[u8]> = seeds.iter().map(|seed| seed.as_slice()).collect();
            let (_, bump) = Pubkey::find_program_address(&seeds, &associated_token::ID);
            if bump == u8::MAX {
                return wallet;
            }
        }
    }
}

async fn print_token_compute_units(chain: &mut Chain, classic: &TestMint, token_2022: &TestMint) {
    let classic_units = measure_token_instructions(chain, classic).await;
    let token_2022_units = measure_token_instructions(chain, token_2022).await;

    print_wrapped(
        "",
        "",
        "Compute units of each token instruction alone in a transaction, measured in the SBF VM \
         (SPL Token 3.5.0, Token-2022 10.0.0 and ATA 1.1.1, as solana-program-test 3.1.12 \
         bundles them; the Token-2022 mint carries the community mint's extensions and metadata)",
    );
    println!();
    println!(
        "{:<20} | {:>12} | {:>13} | {:>16}",
        "instruction", "SPL Token CU", "Token-2022 CU", "difference"
    );
    println!("{:-<20}-+-{:->12}-+-{:->13}-+-{:->16}", "", "", "", "");
    for ((name, classic), token_2022) in MEASURED.iter().zip(classic_units).zip(token_2022_units) {
        let difference = token_2022 as i64 - classic as i64;
        let percent = 100.0 * difference as f64 / classic as f64;
        println!(
            "{name:<20} | {classic:>12} | {token_2022:>13} | {:>16}",
            format!("{difference:+} ({percent:+.0}%)")
        );
    }
    println!();
    print_wrapped(
        "",
        "",
        "Create and CreateIdempotent cost the same for a new account. Both ATA rows use wallets \
         whose account address is found at the first bump seed: each further seed the ATA \
         program tries costs about 1,500 CU more. Called from the program, each instruction \
         costs this plus the CPI's own charge and the program's own work, which are not metered \
         here (the program runs natively). Clusters may run other builds of these programs.",
    );
    println!();
    print_flows_footnote();
}

/// Compute units `instruction` consumes as the only instruction of a transaction (no
/// compute-budget instructions), then commits it so the next measurement builds on its result.
async fn measure(chain: &mut Chain, instruction: Instruction, signers: &[&Keypair]) -> u64 {
    let payer = chain.payer();
    let mut all_signers = vec![&payer];
    all_signers.extend_from_slice(signers);
    let blockhash = chain.ctx.banks_client.get_latest_blockhash().await.unwrap();
    let transaction = Transaction::new_signed_with_payer(
        std::slice::from_ref(&instruction),
        Some(&payer.pubkey()),
        &all_signers,
        blockhash,
    );
    let simulation = chain
        .ctx
        .banks_client
        .simulate_transaction(transaction)
        .await
        .expect("simulate");
    if let Some(Err(err)) = simulation.result {
        panic!("the measured instruction failed: {err:?}");
    }
    let units = simulation
        .simulation_details
        .expect("simulation details")
        .units_consumed;
    chain
        .send(&[instruction], signers)
        .await
        .expect("commit the measured instruction");
    units
}

/// Runs each instruction of `MEASURED` once on `mint`, as the program's flows use them: tokens
/// land in associated token accounts, move between them, are burnt, and a vault (a plain token
/// account at an address the program chooses) is created and closed.
async fn measure_token_instructions(chain: &mut Chain, mint: &TestMint) -> Vec<u64> {
    let payer = chain.payer().pubkey();
    let (alice, bob) = (
        mint.wallet_with_first_try_ata(),
        mint.wallet_with_first_try_ata(),
    );
    let (alice_tokens, bob_tokens) = (mint.ata(&alice.pubkey()), mint.ata(&bob.pubkey()));
    let vault = allocate_token_account(chain, mint.program).await;
    let (program, address, authority) = (&mint.program, &mint.address, &mint.authority);

    let create_idempotent =
        create_associated_token_account_idempotent(&payer, &alice.pubkey(), address, program);
    let create = create_associated_token_account(&payer, &bob.pubkey(), address, program);
    let mint_to = token_ix::mint_to(
        program,
        address,
        &alice_tokens,
        &authority.pubkey(),
        &[],
        1_000,
    );
    let transfer = token_ix::transfer_checked(
        program,
        &alice_tokens,
        address,
        &bob_tokens,
        &alice.pubkey(),
        &[],
        400,
        DECIMALS,
    );
    let burn = token_ix::burn(program, &alice_tokens, address, &alice.pubkey(), &[], 100);
    let init_vault =
        token_ix::initialize_account3(program, &vault.pubkey(), address, &authority.pubkey());
    let close_vault =
        token_ix::close_account(program, &vault.pubkey(), &payer, &authority.pubkey(), &[]);

    vec![
        measure(chain, create_idempotent, &[]).await,
        measure(chain, create, &[]).await,
        measure(chain, mint_to.unwrap(), &[authority]).await,
        measure(chain, transfer.unwrap(), &[&alice]).await,
        measure(chain, burn.unwrap(), &[&alice]).await,
        measure(chain, init_vault.unwrap(), &[]).await,
        measure(chain, close_vault.unwrap(), &[authority]).await,
    ]
}

/// An uninitialized 165-byte account owned by `program`: the state a vault is in when the program
/// calls InitializeAccount3 (it allocates the PDA first, as pre-funding cannot block that).
async fn allocate_token_account(chain: &mut Chain, program: Pubkey) -> Keypair {
    let account = Keypair::new();
    let space = spl_token_2022::state::Account::LEN;
    let allocate = system_instruction::create_account(
        &chain.payer().pubkey(),
        &account.pubkey(),
        Rent::default().minimum_balance(space),
        space as u64,
        &program,
    );
    chain
        .send(&[allocate], &[&account])
        .await
        .expect("allocate");
    account
}

/// A classic SPL Token mint with a local key as its authority. Token-2022's instruction layout is
/// classic Token's, so the same builders serve both programs.
async fn create_classic_mint(chain: &mut Chain) -> TestMint {
    let (mint, authority) = (Keypair::new(), Keypair::new());
    let space = spl_token::state::Mint::LEN;
    let instructions = [
        system_instruction::create_account(
            &chain.payer().pubkey(),
            &mint.pubkey(),
            Rent::default().minimum_balance(space),
            space as u64,
            &spl_token::ID,
        ),
        token_ix::initialize_mint2(
            &spl_token::ID,
            &mint.pubkey(),
            &authority.pubkey(),
            None,
            DECIMALS,
        )
        .unwrap(),
    ];
    chain
        .send(&instructions, &[&mint])
        .await
        .expect("classic mint");
    TestMint {
        program: spl_token::ID,
        address: mint.pubkey(),
        authority,
    }
}

/// A Token-2022 mint built as `create_community_mint` builds one (MetadataPointer at itself with
/// no authority, no freeze authority, the test metadata), but with a local key as its authority,
/// since the community PDA could not sign MintTo outside the program.
async fn create_community_like_mint(chain: &mut Chain) -> TestMint {
    let program = spl_token_2022::ID;
    let (mint, authority) = (Keypair::new(), Keypair::new());
    let fields = fixtures::token_metadata();
    let metadata = token_metadata(authority.pubkey(), mint.pubkey(), &fields);
    // Allocated without the metadata but funded for it: Token-2022 grows the account itself.
    let space = mint_space_without_metadata().unwrap();
    let funded = Rent::default().minimum_balance(mint_space_with(&metadata).unwrap());
    let instructions = [
        system_instruction::create_account(
            &chain.payer().pubkey(),
            &mint.pubkey(),
            funded,
            space as u64,
            &program,
        ),
        metadata_pointer::instruction::initialize(
            &program,
            &mint.pubkey(),
            None,
            Some(mint.pubkey()),
        )
        .unwrap(),
        token_ix::initialize_mint2(
            &program,
            &mint.pubkey(),
            &authority.pubkey(),
            None,
            DECIMALS,
        )
        .unwrap(),
        metadata_ix::initialize(
            &program,
            &mint.pubkey(),
            &authority.pubkey(),
            &mint.pubkey(),
            &authority.pubkey(),
            fields.name,
            fields.symbol,
            fields.uri,
        ),
    ];
    chain
        .send(&instructions, &[&mint, &authority])
        .await
        .expect("Token-2022 mint");
    TestMint {
        program,
        address: mint.pubkey(),
        authority,
    }
}

/// Which token instructions each of the program's flows calls (read from
/// `programs/ampled/src/instructions`). "ATA Create if needed" is Anchor's `init_if_needed` on
/// the recipient's associated token account, or the program re-creating one a wallet closed; both
/// use Create, not CreateIdempotent.
fn print_flows_footnote() {
    let flows = [
        (
            "create_community",
            "MetadataPointer init + InitializeMint2 + TokenMetadata init (mint); \
             InitializeAccount3 (treasury)",
        ),
        ("execute_mint_reward", "ATA Create if needed + MintTo"),
        (
            "execute_treasury_transfer",
            "ATA Create if needed + TransferChecked (treasury to wallet)",
        ),
        (
            "execute_pay_bounty_claim",
            "ATA Create if needed + MintTo (a co-op bounty)",
        ),
        (
            "post_bounty",
            "InitializeAccount3 (vault) + TransferChecked (poster to vault)",
        ),
        (
            "approve_bounty_claim",
            "ATA Create if needed + TransferChecked (vault to claimant); on the last \
             claim also TransferChecked of any rest to the poster + CloseAccount (vault)",
        ),
        (
            "end_bounty",
            "a member's bounty: TransferChecked of any rest to the poster + CloseAccount",
        ),
        (
            "list_auction, execute_list_auction",
            "InitializeAccount3 (vault)",
        ),
        (
            "place_bid",
            "TransferChecked (bidder to vault); when outbidding, ATA Create if the \
             previous bidder closed theirs + TransferChecked (refund vault to previous bidder)",
        ),
        (
            "settle_auction",
            "burnt proceeds: Burn (if the vault holds any) + CloseAccount; otherwise \
             ATA Create if the seller has none + TransferChecked (if any) + CloseAccount",
        ),
        (
            "cancel_auction",
            "TransferChecked (only if someone sent tokens to the vault) + CloseAccount",
        ),
        (
            "execute_update_token_metadata",
            "TokenMetadata UpdateField, once per changed field",
        ),
    ];
    println!("Which flows call which (every other instruction calls no token program):");
    for (flow, calls) in flows {
        print_wrapped(&format!("  {flow:<35} "), &" ".repeat(38), calls);
    }
}
