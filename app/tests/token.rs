//! The token as wallets show it: the name, symbol and uri a community writes into its Token-2022
//! mint when it is created (given, or derived from the community's name), what `community show`
//! reads back from the mint, and the proposals that change them. Every bad value is refused
//! before sending in the program's words, and, checked byte for byte, changes nothing.
#![allow(deprecated)]

mod harness;

use ampled::errors::AmpledError;
use ampled::events::TokenMetadataUpdated;
use ampled::state::{
    Community, MemberRole, ProposalAction, ProposalStatus, TokenMetadataFields,
    MAX_TOKEN_SYMBOL_LEN,
};
use ampled::utils::mint::read_token_metadata;
use ampled_client::chain::{Chain, EmbeddedChain};
use ampled_client::client::{default_symbol, default_token_metadata, TokenMetadataChange};
use ampled_client::events::Event;
use ampled_client::read::{self, CommunityView};
use ampled_client::{Client, ClientError};
use anchor_lang::prelude::Pubkey;
use anchor_spl::token_2022::spl_token_2022::extension::metadata_pointer::MetadataPointer;
use anchor_spl::token_2022::spl_token_2022::extension::{
    BaseStateWithExtensions, StateWithExtensions,
};
use anchor_spl::token_2022::spl_token_2022::state::Mint;
use anchor_spl::token_interface::spl_token_metadata_interface::state::TokenMetadata;
use harness::fixtures::{default_rules, token_metadata, DECIMALS, SOL};
use harness::Ampled;
use serde_json::Value;
use solana_keypair::Keypair;
use solana_signer::Signer;

const TOKEN_2022: Pubkey = anchor_spl::token_2022::ID;
const IMAGE: &str = "https://ampled.com/token/coop.json";

// Helpers.

/// The short id people type: the address's first 8 characters, as listings show it.
fn id(address: &Pubkey) -> String {
    address.to_string()[..8].to_string()
}

/// `signer` runs `args` with `--output json`; returns the proposal it created.
#[track_caller]
fn propose(ampled: &Ampled, signer: &str, args: &[&str]) -> Pubkey {
    let mut with_signer = vec!["-k", signer];
    with_signer.extend(args);
    ampled.json(&with_signer)["created"]
        .as_str()
        .expect("a created proposal")
        .parse()
        .expect("an address")
}

fn approve(ampled: &Ampled, proposal: &Pubkey, voters: &[&str]) {
    for voter in voters {
        ampled.ok(&["-k", voter, "proposal", "approve", &id(proposal)]);
    }
}

/// The message a person reads when `args` is refused before anything is sent (and, through
/// `refused`, the chain is byte-for-byte unchanged).
#[track_caller]
fn refusal(ampled: &Ampled, args: &[&str]) -> String {
    let run = ampled.refused(args);
    assert!(
        run.stderr.contains("Nothing was sent."),
        "`ampled {}` should have been refused before sending:\n{}",
        args.join(" "),
        run.stderr
    );
    run.stderr
        .lines()
        .find_map(|line| line.strip_prefix("error: "))
        .unwrap_or_else(|| panic!("no error line in:\n{}", run.stderr))
        .to_string()
}

/// The refusal's JSON names the program error and its pinned code, in the program's words, and
/// says nothing was sent.
#[track_caller]
fn assert_names_program_error(refusal: &Value, error: AmpledError) {
    assert_eq!(refusal["program_error"], format!("{error:?}"), "{refusal}");
    assert_eq!(refusal["code"], u32::from(error), "{refusal}");
    assert_eq!(refusal["error"], error.to_string(), "{refusal}");
    assert_eq!(refusal["sent"], false, "{refusal}");
    assert_eq!(refusal["changed_nothing"], true, "{refusal}");
}

/// The raw account at `address` on the home's embedded chain, as any wallet would read it.
fn raw_account(ampled: &Ampled, address: &Pubkey) -> Option<(Pubkey, Vec<u8>)> {
    let mut chain = EmbeddedChain::open(&ampled.home().join("chain")).expect("open chain");
    tokio::runtime::Builder::new_current_thread()
        .build()
        .expect("runtime")
        .block_on(chain.account(address))
        .expect("read the account")
        .map(|account| (account.owner, account.data))
}

/// Whether a community named `name` exists on the home's embedded chain.
fn community_exists(ampled: &Ampled, name: &str) -> bool {
    raw_account(ampled, &ampled_client::ix::community_address(name)).is_some()
}

/// What wallets read from `community`'s mint: the owning program and the TokenMetadata
/// extension, found through the MetadataPointer as wallets find it.
fn mint_as_wallets_read_it(ampled: &Ampled, community: &CommunityView) -> (Pubkey, TokenMetadata) {
    let (owner, data) = raw_account(ampled, &community.mint()).expect("the mint");
    let mint = StateWithExtensions::<Mint>::unpack(&data).expect("a Token-2022 mint");
    let pointer = mint
        .get_extension::<MetadataPointer>()
        .expect("a metadata pointer");
    assert_eq!(
        Option::<Pubkey>::from(pointer.metadata_address),
        Some(community.mint()),
        "the metadata lives in the mint itself"
    );
    let metadata = read_token_metadata(&data).expect("token metadata");
    (owner, metadata)
}

/// The fields of `metadata` wallets show.
fn shown(metadata: &TokenMetadata) -> TokenMetadataFields {
    TokenMetadataFields {
        name: metadata.name.clone(),
        symbol: metadata.symbol.clone(),
        uri: metadata.uri.clone(),
    }
}

fn fields(name: &str, symbol: &str, uri: &str) -> TokenMetadataFields {
    TokenMetadataFields {
        name: name.into(),
        symbol: symbol.into(),
        uri: uri.into(),
    }
}

/// ana, ben and cleo found `coop` (all workers) with the default token, needing 2 approvals; dan
/// is a wallet outside it.
fn coop_of_three() -> Ampled {
    let ampled = Ampled::new();
    ampled.coop(&["ana", "ben", "cleo"], 2);
    ampled.wallets(&["dan"]);
    ampled
}

// Creating a community with its token.

#[test]
fn a_community_created_with_a_token_name_symbol_and_uri_shows_them_as_its_mint_holds_them() {
    let ampled = Ampled::new();
    ampled.wallets(&["ana", "ben"]);

    ampled.ok(&[
        "-k",
        "ana",
        "community",
        "create",
        "coop",
        "--founder",
        "ana",
        "--founder",
        "ben",
        "--token-name",
        "Ampled Co-op",
        "--symbol",
        "AMPD",
        "--uri",
        IMAGE,
    ]);
    let text = ampled.ok(&["community", "show"]);
    let json = ampled.json(&["community", "show"]);

    let community = ampled.community();
    let expected = fields("Ampled Co-op", "AMPD", IMAGE);
    assert_eq!(community.token, expected);
    assert_eq!(community.token_program, TOKEN_2022);
    let (owner, metadata) = mint_as_wallets_read_it(&ampled, &community);
    assert_eq!(owner, TOKEN_2022);
    assert_eq!(shown(&metadata), expected);
    assert_eq!(metadata.mint, community.mint());
    assert_eq!(
        Option::<Pubkey>::from(metadata.update_authority),
        Some(community.address),
        "only the community, by proposal, can change what wallets show"
    );

    assert!(
        text.contains("token        Ampled Co-op (AMPD), shown in wallets from the mint"),
        "{text}"
    );
    assert!(text.contains(&format!("token uri    {IMAGE}")), "{text}");
    assert!(
        text.contains(&format!("mint         {} (Token-2022)", community.mint())),
        "{text}"
    );
    let token = &json["token"];
    assert_eq!(token["name"], "Ampled Co-op", "{json}");
    assert_eq!(token["symbol"], "AMPD", "{json}");
    assert_eq!(token["uri"], IMAGE, "{json}");
    assert_eq!(token["program"], TOKEN_2022.to_string(), "{json}");
    assert_eq!(token["program_name"], "Token-2022", "{json}");
    assert_eq!(json["mint"], community.mint().to_string(), "{json}");
}

#[test]
fn without_token_flags_the_token_is_named_after_the_community_and_has_no_image_yet() {
    let ampled = Ampled::new();
    ampled.wallets(&["ana"]);

    let created = ampled.run(&[
        "-k",
        "ana",
        "community",
        "create",
        "street-team-coop",
        "--founder",
        "ana",
    ]);
    let text = ampled.ok(&["community", "show"]);
    let json = ampled.json(&["community", "show"]);

    assert_eq!(created.status, 0, "{}", created.stderr);
    assert!(
        created
            .stdout
            .contains("token Street Team Coop (STREETTEAM), a Token-2022 mint"),
        "{}",
        created.stdout
    );
    let community = ampled.community_named("street-team-coop");
    let expected = fields("Street Team Coop", "STREETTEAM", "");
    assert_eq!(community.token, expected);
    let (owner, metadata) = mint_as_wallets_read_it(&ampled, &community);
    assert_eq!(owner, TOKEN_2022);
    assert_eq!(shown(&metadata), expected);
    assert!(
        text.contains("token        Street Team Coop (STREETTEAM), shown in wallets from the mint"),
        "{text}"
    );
    assert!(
        text.contains("token uri    none yet (wallets show no image)"),
        "{text}"
    );
    assert_eq!(json["token"]["name"], "Street Team Coop", "{json}");
    assert_eq!(json["token"]["symbol"], "STREETTEAM", "{json}");
    assert_eq!(json["token"]["uri"], "", "{json}");
    assert_eq!(json["token"]["program_name"], "Token-2022", "{json}");
}

#[test]
fn the_default_symbol_is_the_name_in_capitals_without_hyphens_cut_to_ten_characters() {
    assert_eq!(default_symbol("street-team-coop"), "STREETTEAM");
    assert_eq!(default_symbol("ampled"), "AMPLED");
    assert_eq!(default_symbol("abc"), "ABC");
    assert_eq!(default_symbol("a-b"), "AB");
    assert_eq!(default_symbol("ampled-east"), "AMPLEDEAST");
    assert_eq!(default_symbol("ampled-east-2"), "AMPLEDEAST");
    assert_eq!(default_symbol("2nd-street-42"), "2NDSTREET4");
    assert_eq!(default_symbol("coop-42"), "COOP42");
}

#[test]
fn the_default_token_name_is_the_community_s_name_in_words() {
    assert_eq!(
        default_token_metadata("street-team-coop"),
        fields("Street Team Coop", "STREETTEAM", "")
    );
    assert_eq!(
        default_token_metadata("ampled"),
        fields("Ampled", "AMPLED", "")
    );
    assert_eq!(
        default_token_metadata("2nd-street-42"),
        fields("2nd Street 42", "2NDSTREET4", "")
    );
    assert_eq!(default_token_metadata("a-b"), fields("A B", "AB", ""));
}

#[test]
fn every_valid_community_name_gives_a_token_the_program_accepts() {
    // The longest names a community may have (32 characters), with and without hyphens: their
    // defaults must still fit the program's limits, or creating them without flags would fail.
    let longest = [
        "a".repeat(32),
        "ab-".repeat(10) + "ab",
        "a-".repeat(15) + "ab",
        "9".repeat(32),
    ];
    for name in longest
        .iter()
        .map(String::as_str)
        .chain(["abc", "a-b", "x-2"])
    {
        assert!(
            Community::validate_name(name).is_ok(),
            "{name} is not a community name"
        );
        let token = default_token_metadata(name);
        assert!(
            token.validate().is_ok(),
            "{name} gives {token:?}, which the program refuses"
        );
        assert!(token.symbol.len() <= MAX_TOKEN_SYMBOL_LEN, "{name}");
        assert_eq!(token.name.len(), name.len(), "{name}: one space per hyphen");
    }
}

// Changing it by proposal.

#[test]
fn an_approved_uri_proposal_gives_the_token_its_image_and_the_ledger_says_so() {
    let ampled = coop_of_three();

    let proposal = propose(&ampled, "ana", &["proposal", "token", "--uri", IMAGE]);
    let described = ampled.ok(&["proposal", "show", &id(&proposal)]);
    let described_json = ampled.json(&["proposal", "show", &id(&proposal)]);
    approve(&ampled, &proposal, &["ben", "cleo"]);
    ampled.ok(&["-k", "ana", "proposal", "execute", &id(&proposal)]);
    let text = ampled.ok(&["community", "show"]);
    let json = ampled.json(&["community", "show"]);
    let ledger = ampled.ok(&["ledger"]);
    let ledger_json = ampled.json(&["ledger"]);

    let community = ampled.community();
    let expected = fields("Coop", "COOP", IMAGE);
    assert_eq!(community.token, expected);
    let (_, metadata) = mint_as_wallets_read_it(&ampled, &community);
    assert_eq!(shown(&metadata), expected);
    assert!(
        described.contains(&format!(
            "show the token in wallets as \"Coop\" (COOP), image and description from {IMAGE}"
        )),
        "{described}"
    );
    let action = &described_json["action"];
    assert_eq!(action["kind"], "UpdateTokenMetadata", "{described_json}");
    assert_eq!(action["token_name"], "Coop", "{described_json}");
    assert_eq!(action["symbol"], "COOP", "{described_json}");
    assert_eq!(action["uri"], IMAGE, "{described_json}");
    assert!(text.contains(&format!("token uri    {IMAGE}")), "{text}");
    assert_eq!(json["token"]["uri"], IMAGE, "{json}");
    assert!(
        ledger.contains(&format!(
            "the token now shows in wallets as \"Coop\" (COOP), uri {IMAGE} (was \"Coop\" (COOP), uri none)"
        )),
        "{ledger}"
    );
    let updated: Vec<&Value> = ledger_json
        .as_array()
        .expect("a list")
        .iter()
        .filter(|entry| entry["kind"] == "TokenMetadataUpdated")
        .collect();
    assert_eq!(updated.len(), 1, "{ledger_json}");
    assert_eq!(updated[0]["proposal"], proposal.to_string());
    assert_eq!(
        ampled
            .record::<ampled::state::Proposal>(&proposal)
            .unwrap()
            .status,
        ProposalStatus::Executed
    );
}

#[test]
fn uri_none_removes_the_image_and_keeps_the_name_and_symbol() {
    let ampled = coop_of_three();
    ampled.pass(
        "ana",
        &["proposal", "token", "--uri", IMAGE],
        &["ben", "cleo"],
    );

    let proposal = propose(&ampled, "ana", &["proposal", "token", "--uri", "none"]);
    let described = ampled.ok(&["proposal", "show", &id(&proposal)]);
    approve(&ampled, &proposal, &["ben", "cleo"]);
    ampled.ok(&["-k", "ana", "proposal", "execute", &id(&proposal)]);
    let text = ampled.ok(&["community", "show"]);
    let ledger = ampled.ok(&["ledger"]);

    let community = ampled.community();
    let expected = fields("Coop", "COOP", "");
    assert_eq!(community.token, expected);
    let (_, metadata) = mint_as_wallets_read_it(&ampled, &community);
    assert_eq!(shown(&metadata), expected);
    assert!(
        described.contains("show the token in wallets as \"Coop\" (COOP), with no image"),
        "{described}"
    );
    assert!(
        text.contains("token uri    none yet (wallets show no image)"),
        "{text}"
    );
    assert!(
        ledger.contains(&format!(
            "the token now shows in wallets as \"Coop\" (COOP), uri none (was \"Coop\" (COOP), uri {IMAGE})"
        )),
        "{ledger}"
    );
}

#[test]
fn a_rename_changes_the_name_and_symbol_and_keeps_the_uri() {
    let ampled = coop_of_three();
    ampled.pass(
        "ana",
        &["proposal", "token", "--uri", IMAGE],
        &["ben", "cleo"],
    );

    // Longer than before: the mint grows, its rent paid by whoever executes.
    ampled.pass(
        "ana",
        &[
            "proposal",
            "token",
            "--name",
            "The Street Team Collective",
            "--symbol",
            "STREET",
        ],
        &["ben", "cleo"],
    );
    let json = ampled.json(&["community", "show"]);

    let community = ampled.community();
    let expected = fields("The Street Team Collective", "STREET", IMAGE);
    assert_eq!(community.token, expected);
    let (_, metadata) = mint_as_wallets_read_it(&ampled, &community);
    assert_eq!(shown(&metadata), expected);
    assert_eq!(
        json["token"]["name"], "The Street Team Collective",
        "{json}"
    );
    assert_eq!(json["token"]["symbol"], "STREET", "{json}");
    assert_eq!(json["token"]["uri"], IMAGE, "{json}");
}

// Refusals before sending.

const UNCHANGED: &str =
    "This proposal would leave the token's name, symbol and uri as they are; change at least one";

#[test]
fn a_token_proposal_that_changes_nothing_is_refused_as_token_metadata_unchanged() {
    let ampled = coop_of_three();

    let no_flags = refusal(&ampled, &["-k", "ana", "proposal", "token"]);
    let same_values = refusal(
        &ampled,
        &[
            "-k", "ana", "proposal", "token", "--name", "Coop", "--symbol", "COOP",
        ],
    );
    let no_image_already = refusal(
        &ampled,
        &["-k", "ana", "proposal", "token", "--uri", "none"],
    );
    let json = ampled.refused_json(&[
        "-k", "ana", "proposal", "token", "--name", "Coop", "--symbol", "COOP",
    ]);

    assert_eq!(AmpledError::TokenMetadataUnchanged.to_string(), UNCHANGED);
    assert_eq!(no_flags, "Say what to change: --name, --symbol or --uri");
    assert_eq!(same_values, UNCHANGED);
    assert_eq!(no_image_already, UNCHANGED);
    assert_names_program_error(&json, AmpledError::TokenMetadataUnchanged);
    assert!(ampled.proposals().is_empty());
    assert_eq!(ampled.member("ana").unwrap().proposals_created, 0);
}

#[test]
fn an_eleven_character_symbol_is_refused_as_invalid_token_symbol() {
    let ampled = coop_of_three();

    let message = refusal(
        &ampled,
        &["-k", "ana", "proposal", "token", "--symbol", "ABCDEFGHIJK"],
    );
    let json = ampled.refused_json(&["-k", "ana", "proposal", "token", "--symbol", "ABCDEFGHIJK"]);

    assert_eq!(message, AmpledError::InvalidTokenSymbol.to_string());
    assert_eq!(
        message,
        "The token's symbol must be 1 to 10 bytes with no spaces (up to 10 plain letters or digits), for example AMPLED"
    );
    assert_names_program_error(&json, AmpledError::InvalidTokenSymbol);
    assert!(ampled.proposals().is_empty());
    assert_eq!(ampled.community().token.symbol, "COOP");
}

#[test]
fn a_plain_http_uri_is_refused_as_invalid_token_uri() {
    let ampled = coop_of_three();
    let http = "http://ampled.com/token/coop.json";

    let message = refusal(&ampled, &["-k", "ana", "proposal", "token", "--uri", http]);
    let json = ampled.refused_json(&["-k", "ana", "proposal", "token", "--uri", http]);

    assert_eq!(message, AmpledError::InvalidTokenUri.to_string());
    assert_eq!(
        message,
        "The token's uri must be at most 200 characters with no spaces, starting with https://, ipfs:// or ar:// (or empty for no image yet)"
    );
    assert_names_program_error(&json, AmpledError::InvalidTokenUri);
    assert!(ampled.proposals().is_empty());
    assert_eq!(ampled.community().token.uri, "");
}

#[test]
fn an_outsider_proposing_a_token_change_is_told_they_are_not_a_member() {
    let ampled = coop_of_three();
    let dan = ampled.address("dan");

    let message = refusal(&ampled, &["-k", "dan", "proposal", "token", "--uri", IMAGE]);

    assert_eq!(
        message,
        format!(
            "Your wallet {dan} is not a member of coop; members admit new members by vote (`ampled member add`)"
        )
    );
    assert!(ampled.proposals().is_empty());
    assert_eq!(ampled.community().token, fields("Coop", "COOP", ""));
}

#[test]
fn creating_a_community_with_an_empty_symbol_is_refused_and_creates_nothing() {
    let ampled = Ampled::new();
    ampled.wallets(&["ana"]);
    let create = [
        "-k",
        "ana",
        "community",
        "create",
        "band",
        "--founder",
        "ana",
    ];
    let with_empty_symbol = [&create[..], &["--symbol", ""]].concat();

    let message = refusal(&ampled, &with_empty_symbol);
    let json = ampled.refused_json(&with_empty_symbol);

    assert_eq!(message, AmpledError::InvalidTokenSymbol.to_string());
    assert_names_program_error(&json, AmpledError::InvalidTokenSymbol);
    assert!(!community_exists(&ampled, "band"));
}

#[test]
fn creating_a_community_with_a_33_byte_token_name_is_refused_and_creates_nothing() {
    let ampled = Ampled::new();
    ampled.wallets(&["ana"]);
    let create = [
        "-k",
        "ana",
        "community",
        "create",
        "band",
        "--founder",
        "ana",
    ];
    let ascii = "n".repeat(33);
    // Eleven characters but 33 bytes: the limit is what the mint stores, in bytes.
    let euros = "€".repeat(11);

    let too_long = refusal(&ampled, &[&create[..], &["--token-name", &ascii]].concat());
    let too_many_bytes = refusal(&ampled, &[&create[..], &["--token-name", &euros]].concat());
    let json = ampled.refused_json(&[&create[..], &["--token-name", &ascii]].concat());

    assert_eq!(euros.len(), 33);
    assert_eq!(too_long, AmpledError::InvalidTokenName.to_string());
    assert_eq!(
        too_long,
        "The token's name must be 1 to 32 bytes of printable text, as wallets show it"
    );
    assert_eq!(too_many_bytes, too_long);
    assert_names_program_error(&json, AmpledError::InvalidTokenName);
    assert!(!community_exists(&ampled, "band"));
}

#[test]
fn creating_a_community_with_a_plain_http_uri_is_refused_and_creates_nothing() {
    let ampled = Ampled::new();
    ampled.wallets(&["ana"]);

    let message = refusal(
        &ampled,
        &[
            "-k",
            "ana",
            "community",
            "create",
            "band",
            "--founder",
            "ana",
            "--uri",
            "http://ampled.com/token/band.json",
        ],
    );

    assert_eq!(message, AmpledError::InvalidTokenUri.to_string());
    assert!(!community_exists(&ampled, "band"));
}

// The library.

/// A chain in `dir` holding "coop", founded by ana and ben with the fixtures' token, needing one
/// approval; ana paid.
async fn found_coop(dir: &std::path::Path) -> (EmbeddedChain, Keypair, Keypair) {
    let mut chain = EmbeddedChain::open(dir).unwrap();
    let (ana, ben) = (Keypair::new(), Keypair::new());
    for founder in [&ana, &ben] {
        chain.airdrop(&founder.pubkey(), 10 * SOL).await.unwrap();
    }
    let founders = vec![
        (ana.pubkey(), MemberRole::Worker),
        (ben.pubkey(), MemberRole::Artist),
    ];
    Client::new(&mut chain, ana.insecure_clone())
        .create_community(
            "coop",
            DECIMALS,
            token_metadata(),
            default_rules(),
            founders,
        )
        .await
        .unwrap();
    (chain, ana, ben)
}

/// Everything a sent proposal would show in: the program's transactions, the proposals, the
/// mint's bytes and the proposer's SOL.
#[derive(Debug, PartialEq, Eq)]
struct Snapshot {
    program_transactions: Vec<String>,
    proposals: usize,
    mint: Vec<u8>,
    lamports: u64,
}

async fn snapshot(chain: &mut EmbeddedChain, proposer: &Pubkey) -> Snapshot {
    let view = read::community(chain, "coop").await.unwrap();
    Snapshot {
        program_transactions: chain
            .history(&ampled::ID, usize::MAX)
            .await
            .unwrap()
            .into_iter()
            .map(|record| record.signature)
            .collect(),
        proposals: read::proposals(chain, &view.address).await.unwrap().len(),
        mint: chain.account(&view.mint()).await.unwrap().unwrap().data,
        lamports: read::sol_balance(chain, proposer).await.unwrap(),
    }
}

#[tokio::test]
async fn the_library_refuses_a_token_change_that_changes_nothing_by_the_program_s_rule() {
    let dir = tempfile::tempdir().unwrap();
    let (mut chain, ana, _) = found_coop(dir.path()).await;
    let view = read::community(&mut chain, "coop").await.unwrap();
    let current = token_metadata();
    let before = snapshot(&mut chain, &ana.pubkey()).await;

    let changes = [
        TokenMetadataChange::default(),
        TokenMetadataChange {
            name: Some(current.name.clone()),
            symbol: Some(current.symbol.clone()),
            uri: Some(current.uri.clone()),
        },
        TokenMetadataChange {
            uri: Some(current.uri.clone()),
            ..TokenMetadataChange::default()
        },
    ];
    let mut results = Vec::new();
    for change in &changes {
        let result = Client::new(&mut chain, ana.insecure_clone())
            .propose_token_metadata(&view, change)
            .await;
        results.push(result.err());
    }

    for (change, result) in changes.iter().zip(results) {
        match result {
            Some(ClientError::Rule {
                code,
                name,
                message,
            }) => {
                assert_eq!(name, "TokenMetadataUnchanged", "{change:?}");
                assert_eq!(code, u32::from(AmpledError::TokenMetadataUnchanged));
                assert_eq!(message, UNCHANGED);
            }
            other => panic!("{change:?} should be refused as unchanged, got {other:?}"),
        }
    }
    assert_eq!(snapshot(&mut chain, &ana.pubkey()).await, before);
}

#[tokio::test]
async fn the_library_proposes_the_current_token_with_the_change_made_and_execution_writes_it() {
    let dir = tempfile::tempdir().unwrap();
    let (mut chain, ana, ben) = found_coop(dir.path()).await;
    let view = read::community(&mut chain, "coop").await.unwrap();
    let change = TokenMetadataChange {
        symbol: Some("AMPCOOP".into()),
        ..TokenMetadataChange::default()
    };

    let proposed = Client::new(&mut chain, ana.insecure_clone())
        .propose_token_metadata(&view, &change)
        .await
        .unwrap();
    let proposal = proposed.created.expect("a proposal");
    Client::new(&mut chain, ben.insecure_clone())
        .vote(&view, &proposal, true)
        .await
        .unwrap();
    let executed = Client::new(&mut chain, ben.insecure_clone())
        .execute(&view, &proposal)
        .await
        .unwrap();

    let expected = TokenMetadataFields {
        symbol: "AMPCOOP".into(),
        ..token_metadata()
    };
    let stored = read::fetch::<ampled::state::Proposal>(&mut chain, &proposal)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        stored.action,
        ProposalAction::UpdateTokenMetadata {
            token: expected.clone()
        }
    );
    let updated: Vec<&TokenMetadataUpdated> = executed
        .events
        .iter()
        .filter_map(|event| match event {
            Event::TokenMetadataUpdated(e) => Some(e),
            _ => None,
        })
        .collect();
    assert_eq!(updated.len(), 1);
    assert_eq!(
        (&updated[0].old, &updated[0].new, updated[0].proposal),
        (&token_metadata(), &expected, proposal)
    );
    let after = read::community(&mut chain, "coop").await.unwrap();
    assert_eq!(after.token, expected);
    assert_eq!(after.token_program, TOKEN_2022);
}
