//! The token as wallets show it: each community's Token-2022 mint carries its own name, symbol and
//! uri (MetadataPointer pointing at the mint, TokenMetadata in it), has no extension that could
//! take, freeze, tax or block members' tokens, and only the community PDA, acting on an approved
//! proposal, can mint or rewrite what wallets show.
#![allow(deprecated)]

use ampled::events::{CommunityCreated, TokenMetadataUpdated};
use ampled::instructions::{CreateCommunityArgs, Founder};
use ampled::state::*;
use ampled_tests::*;
use anchor_lang::prelude::Pubkey;
use anchor_spl::token_2022::spl_token_2022::error::TokenError;
use anchor_spl::token_2022::spl_token_2022::extension::metadata_pointer::{self, MetadataPointer};
use anchor_spl::token_2022::spl_token_2022::extension::{
    BaseStateWithExtensions, ExtensionType, StateWithExtensions,
};
use anchor_spl::token_2022::spl_token_2022::instruction::{self as token_ix, AuthorityType};
use anchor_spl::token_2022::spl_token_2022::state::{
    Account as TokenAccountState, Mint as MintState,
};
use anchor_spl::token_interface::spl_pod::optional_keys::OptionalNonZeroPubkey;
use anchor_spl::token_interface::spl_token_metadata_interface::error::TokenMetadataError;
use anchor_spl::token_interface::spl_token_metadata_interface::instruction as metadata_ix;
use anchor_spl::token_interface::spl_token_metadata_interface::state::{Field, TokenMetadata};
use solana_instruction::error::InstructionError;
use solana_keypair::Keypair;
use solana_signer::Signer;
use solana_transaction_error::TransactionError;

/// Token-2022's program id: the owner of every community mint and token account.
const TOKEN_2022: Pubkey = anchor_spl::token_2022::ID;

/// What a transaction signed only by the chain's payer costs at program-test's default fee.
const ONE_SIGNATURE_FEE: u64 = 5_000;

/// Metadata unlike the fixtures' default, so a test can tell the fields it gave from a default.
fn riot_token() -> TokenMetadataFields {
    TokenMetadataFields {
        name: "Riot Grrrl Records".into(),
        symbol: "RIOT".into(),
        uri: "https://riotgrrrl.coop/token.json".into(),
    }
}

fn founders_of(wallets: &[Keypair]) -> Vec<Founder> {
    wallets
        .iter()
        .map(|wallet| Founder {
            wallet: wallet.pubkey(),
            role: MemberRole::Artist,
        })
        .collect()
}

fn args_with(name: &str, token: TokenMetadataFields, founders: &[Keypair]) -> CreateCommunityArgs {
    CreateCommunityArgs {
        name: name.into(),
        decimals: DECIMALS,
        token,
        rules: default_rules(),
        founders: founders_of(founders),
    }
}

/// Creates the community `name` with `token` and `members` new founders; returns it and what the
/// creation emitted.
async fn found(
    chain: &mut Chain,
    name: &str,
    token: TokenMetadataFields,
    members: usize,
) -> (CommunityFixture, Emitted) {
    let mut founders = Vec::with_capacity(members);
    for _ in 0..members {
        founders.push(chain.wallet().await);
    }
    let emitted = chain
        .create_community(&args_with(name, token, &founders))
        .await
        .expect("create community");
    let address = ix::community_address(name);
    let fixture = CommunityFixture {
        name: name.into(),
        address,
        mint: ix::mint_address(&address),
        treasury: ix::treasury_address(&address),
        members: founders,
    };
    (fixture, emitted)
}

/// The raw account at `address` (lamports, owner, data); panics when it does not exist.
async fn raw(chain: &mut Chain, address: &Pubkey) -> (u64, Pubkey, Vec<u8>) {
    chain
        .snapshot(&[*address])
        .await
        .pop()
        .flatten()
        .unwrap_or_else(|| panic!("account {address} does not exist"))
}

/// The TokenMetadata extension held in a mint's data, as wallets read it.
fn metadata_in(mint_data: &[u8]) -> TokenMetadata {
    StateWithExtensions::<MintState>::unpack(mint_data)
        .expect("a Token-2022 mint")
        .get_variable_len_extension::<TokenMetadata>()
        .expect("the mint holds its metadata")
}

async fn metadata_of(chain: &mut Chain, mint: &Pubkey) -> TokenMetadata {
    metadata_in(&raw(chain, mint).await.2)
}

fn fields_of(metadata: &TokenMetadata) -> TokenMetadataFields {
    TokenMetadataFields {
        name: metadata.name.clone(),
        symbol: metadata.symbol.clone(),
        uri: metadata.uri.clone(),
    }
}

async fn rent_exempt_minimum(chain: &mut Chain, len: usize) -> u64 {
    let rent = chain.ctx.banks_client.get_rent().await.unwrap();
    rent.minimum_balance(len)
}

fn update_token(token: TokenMetadataFields) -> ProposalAction {
    ProposalAction::UpdateTokenMetadata { token }
}

/// Asserts that `result` failed with the non-custom `expected` in its first instruction.
#[track_caller]
fn assert_instruction_error<T: std::fmt::Debug>(
    result: Result<T, Failure>,
    expected: InstructionError,
) {
    match result {
        Ok(value) => panic!("expected {expected:?}, but it succeeded: {value:?}"),
        Err(Failure(error)) => {
            assert_eq!(error, TransactionError::InstructionError(0, expected));
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The mint as created
// ---------------------------------------------------------------------------------------------

/// Extensions a Token-2022 mint may carry that would put members' tokens in someone's hands: a
/// permanent delegate can take tokens from any holder; transfer fees tax every payment; a
/// transfer hook can block or reroute payments through another program; a default frozen state
/// and pausing freeze holders; non-transferability blocks every payment; a close authority could
/// close the mint and recreate it with other terms; confidential transfers hide balances from
/// the co-op's books; interest and a scaled ui amount change what wallets show holders own.
const DANGEROUS_MINT_EXTENSIONS: [ExtensionType; 10] = [
    ExtensionType::PermanentDelegate,
    ExtensionType::TransferFeeConfig,
    ExtensionType::TransferHook,
    ExtensionType::DefaultAccountState,
    ExtensionType::NonTransferable,
    ExtensionType::Pausable,
    ExtensionType::MintCloseAuthority,
    ExtensionType::ConfidentialTransferMint,
    ExtensionType::InterestBearingConfig,
    ExtensionType::ScaledUiAmount,
];

#[tokio::test]
async fn the_mint_holds_its_own_metadata_under_the_community_and_nothing_else() {
    let mut chain = Chain::start().await;

    let (community, _) = found(&mut chain, "riot-grrrl", riot_token(), 2).await;

    let (lamports, owner, data) = raw(&mut chain, &community.mint).await;
    assert_eq!(owner, TOKEN_2022, "a Token-2022 mint");
    let mint = StateWithExtensions::<MintState>::unpack(&data).unwrap();
    assert_eq!(
        mint.get_extension_types().unwrap(),
        vec![ExtensionType::MetadataPointer, ExtensionType::TokenMetadata]
    );
    for extension in DANGEROUS_MINT_EXTENSIONS {
        assert!(
            !mint.get_extension_types().unwrap().contains(&extension),
            "the mint has {extension:?}"
        );
    }

    assert_eq!(
        Option::<Pubkey>::from(mint.base.mint_authority),
        Some(community.address),
        "only the community PDA mints"
    );
    assert_eq!(
        Option::<Pubkey>::from(mint.base.freeze_authority),
        None,
        "nobody can freeze holders"
    );
    assert_eq!(mint.base.decimals, DECIMALS);
    assert_eq!(mint.base.supply, 0);

    let pointer = mint.get_extension::<MetadataPointer>().unwrap();
    assert_eq!(
        Option::<Pubkey>::from(pointer.authority),
        None,
        "nobody can point wallets at other metadata"
    );
    assert_eq!(
        Option::<Pubkey>::from(pointer.metadata_address),
        Some(community.mint),
        "the metadata lives in the mint itself"
    );

    let metadata = mint.get_variable_len_extension::<TokenMetadata>().unwrap();
    assert_eq!(
        Option::<Pubkey>::from(metadata.update_authority),
        Some(community.address),
        "only the community PDA rewrites what wallets show"
    );
    assert_eq!(metadata.mint, community.mint);
    assert_eq!(fields_of(&metadata), riot_token());
    assert!(metadata.additional_metadata.is_empty());

    assert_eq!(
        lamports,
        rent_exempt_minimum(&mut chain, data.len()).await,
        "the mint holds exactly its rent"
    );
}

#[tokio::test]
async fn the_treasury_and_members_token_accounts_are_token_2022_accounts_of_the_mint() {
    let mut chain = Chain::start().await;
    let (community, _) = found(&mut chain, "riot-grrrl", riot_token(), 2).await;
    let bob = community.member(1).pubkey();

    chain.reward_member(&community, &bob, 5 * TOKEN).await;

    let (_, owner, data) = raw(&mut chain, &community.treasury).await;
    assert_eq!(owner, TOKEN_2022);
    let treasury = StateWithExtensions::<TokenAccountState>::unpack(&data).unwrap();
    assert_eq!(treasury.base.mint, community.mint);
    assert_eq!(treasury.base.owner, community.address);

    let ata = ix::associated_token_address(&bob, &community.mint);
    assert_eq!(ata, community.ata(&bob));
    let (_, owner, data) = raw(&mut chain, &ata).await;
    assert_eq!(owner, TOKEN_2022);
    let account = StateWithExtensions::<TokenAccountState>::unpack(&data).unwrap();
    assert_eq!(account.base.mint, community.mint);
    assert_eq!(account.base.owner, bob);
    assert_eq!(account.base.amount, 5 * TOKEN);
}

#[tokio::test]
async fn community_created_carries_the_tokens_name_symbol_uri_and_decimals() {
    let mut chain = Chain::start().await;

    let (community, emitted) = found(&mut chain, "riot-grrrl", riot_token(), 1).await;

    let event: CommunityCreated = emitted.one();
    assert_eq!(event.community, community.address);
    assert_eq!(event.mint, community.mint);
    assert_eq!(event.decimals, DECIMALS);
    assert_eq!(event.token, riot_token());
    assert_eq!(
        event.token,
        fields_of(&metadata_of(&mut chain, &community.mint).await),
        "the event says what the mint holds"
    );
}

// ---------------------------------------------------------------------------------------------
// Changing what wallets show, by vote
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn an_approved_metadata_change_rewrites_the_mint_and_the_executor_pays_its_growth() {
    let mut chain = Chain::start().await;
    let (community, _) = found(&mut chain, "riot-grrrl", riot_token(), 3).await;
    let longer = TokenMetadataFields {
        name: "Riot Grrrl Records Cooperative".into(),
        symbol: "RIOT".into(),
        uri: format!(
            "https://riotgrrrl.coop/{}/token.json",
            "releases".repeat(18)
        ),
    };
    assert!(longer.uri.len() <= 200 && longer.uri.len() > 3 * riot_token().uri.len());
    let proposal = chain
        .passed_proposal(&community, update_token(longer.clone()), &[1, 2])
        .await;
    let (mint_lamports, _, mint_data) = raw(&mut chain, &community.mint).await;
    let payer = chain.payer().pubkey();
    let payer_before = chain.lamports(&payer).await;

    let emitted = chain.execute(&community, &proposal).await.unwrap();

    let (lamports, owner, data) = raw(&mut chain, &community.mint).await;
    assert_eq!(owner, TOKEN_2022);
    let metadata = metadata_in(&data);
    assert_eq!(fields_of(&metadata), longer);
    assert_eq!(
        Option::<Pubkey>::from(metadata.update_authority),
        Some(community.address),
        "the community keeps the metadata"
    );
    assert!(metadata.additional_metadata.is_empty());
    assert!(data.len() > mint_data.len(), "the mint grew");
    assert_eq!(
        lamports,
        rent_exempt_minimum(&mut chain, data.len()).await,
        "the mint is still exactly rent-exempt"
    );
    let growth = lamports - mint_lamports;
    assert_eq!(
        chain.lamports(&payer).await,
        payer_before - growth - ONE_SIGNATURE_FEE,
        "the executor paid the mint's extra rent"
    );
    let stored: Proposal = chain.account(&proposal).await;
    assert_eq!(stored.status, ProposalStatus::Executed);

    let event: TokenMetadataUpdated = emitted.one();
    assert_eq!(event.community, community.address);
    assert_eq!(event.proposal, proposal);
    assert_eq!(event.mint, community.mint);
    assert_eq!(event.old, riot_token());
    assert_eq!(event.new, longer);
    assert_eq!(event.timestamp, chain.now());

    // A later vote shortens everything again, the uri down to none at all.
    let shorter = TokenMetadataFields {
        name: "Riot".into(),
        symbol: "RGR".into(),
        uri: String::new(),
    };
    let second = chain
        .passed_proposal(&community, update_token(shorter.clone()), &[1, 2])
        .await;

    let emitted = chain.execute(&community, &second).await.unwrap();

    let (shrunk_lamports, _, shrunk) = raw(&mut chain, &community.mint).await;
    assert_eq!(fields_of(&metadata_in(&shrunk)), shorter);
    assert!(shrunk.len() < data.len(), "the mint shrank");
    assert!(shrunk_lamports >= rent_exempt_minimum(&mut chain, shrunk.len()).await);
    let event: TokenMetadataUpdated = emitted.one();
    assert_eq!(event.old, longer);
    assert_eq!(event.new, shorter);
    let stored: Proposal = chain.account(&second).await;
    assert_eq!(stored.status, ProposalStatus::Executed);
}

// ---------------------------------------------------------------------------------------------
// Nobody but the community rewrites the metadata
// ---------------------------------------------------------------------------------------------

/// `signer` sends `attack` straight to Token-2022; asserts it fails with the token-metadata
/// error `expected` and leaves the mint byte for byte as it was.
async fn assert_metadata_attack_refused(
    chain: &mut Chain,
    community: &CommunityFixture,
    signer: &Keypair,
    attack: solana_instruction::Instruction,
    expected: TokenMetadataError,
) {
    let before = chain.snapshot(&[community.mint]).await;

    let result = chain.send(&[attack], &[signer]).await;

    assert_error(result, expected as u32);
    assert_eq!(chain.snapshot(&[community.mint]).await, before);
    assert_eq!(
        fields_of(&metadata_of(chain, &community.mint).await),
        riot_token()
    );
}

#[tokio::test]
async fn a_founder_rewriting_the_token_name_directly_is_refused_by_token_2022() {
    let mut chain = Chain::start().await;
    let (community, _) = found(&mut chain, "riot-grrrl", riot_token(), 2).await;
    let founder = community.member(0).insecure_clone();
    let rename = metadata_ix::update_field(
        &TOKEN_2022,
        &community.mint,
        &founder.pubkey(),
        Field::Name,
        "Rugged".into(),
    );

    assert_metadata_attack_refused(
        &mut chain,
        &community,
        &founder,
        rename,
        TokenMetadataError::IncorrectUpdateAuthority,
    )
    .await;
}

#[tokio::test]
async fn an_outsider_repointing_the_token_uri_directly_is_refused_by_token_2022() {
    let mut chain = Chain::start().await;
    let (community, _) = found(&mut chain, "riot-grrrl", riot_token(), 2).await;
    let outsider = chain.wallet().await;
    let phish = metadata_ix::update_field(
        &TOKEN_2022,
        &community.mint,
        &outsider.pubkey(),
        Field::Uri,
        "https://drainer.example/token.json".into(),
    );

    assert_metadata_attack_refused(
        &mut chain,
        &community,
        &outsider,
        phish,
        TokenMetadataError::IncorrectUpdateAuthority,
    )
    .await;
}

#[tokio::test]
async fn a_founder_adding_a_metadata_key_directly_is_refused_by_token_2022() {
    let mut chain = Chain::start().await;
    let (community, _) = found(&mut chain, "riot-grrrl", riot_token(), 2).await;
    let founder = community.member(0).insecure_clone();
    let extra = metadata_ix::update_field(
        &TOKEN_2022,
        &community.mint,
        &founder.pubkey(),
        Field::Key("website".into()),
        "https://drainer.example".into(),
    );

    assert_metadata_attack_refused(
        &mut chain,
        &community,
        &founder,
        extra,
        TokenMetadataError::IncorrectUpdateAuthority,
    )
    .await;
}

#[tokio::test]
async fn a_founder_taking_the_metadata_update_authority_is_refused_by_token_2022() {
    let mut chain = Chain::start().await;
    let (community, _) = found(&mut chain, "riot-grrrl", riot_token(), 2).await;
    let founder = community.member(0).insecure_clone();
    let take = metadata_ix::update_authority(
        &TOKEN_2022,
        &community.mint,
        &founder.pubkey(),
        OptionalNonZeroPubkey(founder.pubkey()),
    );

    assert_metadata_attack_refused(
        &mut chain,
        &community,
        &founder,
        take,
        TokenMetadataError::IncorrectUpdateAuthority,
    )
    .await;
    let metadata = metadata_of(&mut chain, &community.mint).await;
    assert_eq!(
        Option::<Pubkey>::from(metadata.update_authority),
        Some(community.address)
    );
}

#[tokio::test]
async fn naming_the_community_as_metadata_authority_without_its_signature_is_refused() {
    let mut chain = Chain::start().await;
    let (community, _) = found(&mut chain, "riot-grrrl", riot_token(), 2).await;
    let attacker = chain.payer().pubkey();
    // Nobody holds the PDA's key, so the instruction can only name it unsigned.
    let mut take = metadata_ix::update_authority(
        &TOKEN_2022,
        &community.mint,
        &community.address,
        OptionalNonZeroPubkey(attacker),
    );
    take.accounts[1].is_signer = false;
    let before = chain.snapshot(&[community.mint]).await;

    let result = chain.send(&[take], &[]).await;

    assert_instruction_error(result, InstructionError::MissingRequiredSignature);
    assert_eq!(chain.snapshot(&[community.mint]).await, before);
}

#[tokio::test]
async fn a_founder_repointing_the_metadata_pointer_is_refused_as_it_has_no_authority() {
    let mut chain = Chain::start().await;
    let (community, _) = found(&mut chain, "riot-grrrl", riot_token(), 2).await;
    let founder = community.member(0).insecure_clone();
    // Another mint whose metadata a founder would control, shown instead of the co-op's.
    let elsewhere = Keypair::new().pubkey();
    let repoint = metadata_pointer::instruction::update(
        &TOKEN_2022,
        &community.mint,
        &founder.pubkey(),
        &[],
        Some(elsewhere),
    )
    .unwrap();
    let before = chain.snapshot(&[community.mint]).await;

    let result = chain.send(&[repoint], &[&founder]).await;

    assert_error(result, TokenError::NoAuthorityExists as u32);
    assert_eq!(chain.snapshot(&[community.mint]).await, before);
}

// ---------------------------------------------------------------------------------------------
// Executing a metadata proposal: what is refused
// ---------------------------------------------------------------------------------------------

/// The accounts a refused execution must leave as they were.
fn execution_footprint(community: &CommunityFixture, proposal: &Pubkey) -> Vec<Pubkey> {
    vec![community.address, *proposal, community.mint]
}

async fn assert_still_approved(chain: &mut Chain, proposal: &Pubkey) {
    let stored: Proposal = chain.account(proposal).await;
    assert_eq!(
        stored.status,
        ProposalStatus::Approved,
        "passed, unexecuted"
    );
    assert_eq!(stored.decided_at, None);
}

#[tokio::test]
async fn executing_a_metadata_change_that_changes_nothing_is_refused() {
    let mut chain = Chain::start().await;
    let (community, _) = found(&mut chain, "riot-grrrl", riot_token(), 3).await;
    let proposal = chain
        .passed_proposal(&community, update_token(riot_token()), &[1, 2])
        .await;
    let watched = execution_footprint(&community, &proposal);
    let before = chain.snapshot(&watched).await;

    let result = chain.execute(&community, &proposal).await;

    assert_error(result, AmpledError::TokenMetadataUnchanged);
    assert_eq!(chain.snapshot(&watched).await, before);
    assert_still_approved(&mut chain, &proposal).await;
}

#[tokio::test]
async fn executing_a_metadata_change_on_another_communitys_mint_is_refused() {
    let mut chain = Chain::start().await;
    let (community, _) = found(&mut chain, "riot-grrrl", riot_token(), 3).await;
    let (victim, _) = found(&mut chain, "ampled", token_metadata(), 1).await;
    let proposal = chain
        .passed_proposal(&community, update_token(token_metadata()), &[1, 2])
        .await;
    let mut watched = execution_footprint(&community, &proposal);
    watched.push(victim.mint);
    let before = chain.snapshot(&watched).await;

    let result = chain
        .execute_with(&community, &proposal, |execute| {
            redirect(execute, &community.mint, victim.mint)
        })
        .await;

    assert_error(result, AmpledError::WrongMint);
    assert_eq!(chain.snapshot(&watched).await, before);
    assert_still_approved(&mut chain, &proposal).await;
}

#[tokio::test]
async fn executing_a_metadata_change_through_the_classic_token_program_is_refused() {
    let mut chain = Chain::start().await;
    let (community, _) = found(&mut chain, "riot-grrrl", riot_token(), 3).await;
    let proposal = chain
        .passed_proposal(&community, update_token(token_metadata()), &[1, 2])
        .await;
    let watched = execution_footprint(&community, &proposal);
    let before = chain.snapshot(&watched).await;

    let result = chain
        .execute_with(&community, &proposal, |execute| {
            redirect(execute, &TOKEN_2022, anchor_spl::token::ID)
        })
        .await;

    assert_error(result, AnchorError::InvalidProgramId);
    assert_eq!(chain.snapshot(&watched).await, before);
    assert_still_approved(&mut chain, &proposal).await;
}

#[tokio::test]
async fn executing_a_metadata_change_before_the_threshold_is_refused() {
    let mut chain = Chain::start().await;
    let (community, _) = found(&mut chain, "riot-grrrl", riot_token(), 3).await;
    let proposal = chain
        .passed_proposal(&community, update_token(token_metadata()), &[1])
        .await;
    let watched = execution_footprint(&community, &proposal);
    let before = chain.snapshot(&watched).await;

    let result = chain.execute(&community, &proposal).await;

    assert_error(result, AmpledError::ThresholdNotReached);
    assert_eq!(chain.snapshot(&watched).await, before);
    let stored: Proposal = chain.account(&proposal).await;
    assert_eq!(stored.status, ProposalStatus::Voting);
    assert_eq!(
        fields_of(&metadata_of(&mut chain, &community.mint).await),
        riot_token()
    );
}

// ---------------------------------------------------------------------------------------------
// Metadata wallets would cut or misread is refused up front
// ---------------------------------------------------------------------------------------------

fn with_name(name: &str) -> TokenMetadataFields {
    TokenMetadataFields {
        name: name.into(),
        ..riot_token()
    }
}

fn with_symbol(symbol: &str) -> TokenMetadataFields {
    TokenMetadataFields {
        symbol: symbol.into(),
        ..riot_token()
    }
}

fn with_uri(uri: &str) -> TokenMetadataFields {
    TokenMetadataFields {
        uri: uri.into(),
        ..riot_token()
    }
}

/// A 201-character https uri: one past what wallets show.
fn overlong_uri() -> String {
    let uri = format!("https://riotgrrrl.coop/{}", "a".repeat(178));
    assert_eq!(uri.len(), 201);
    uri
}

/// Member 0 proposes each of `tokens`; asserts each is refused with `expected` and creates no
/// proposal, charges nobody and leaves the proposer's record (its proposal count) unchanged.
async fn assert_proposals_refused(tokens: &[TokenMetadataFields], expected: AmpledError) {
    let mut chain = Chain::start().await;
    let (community, _) = found(&mut chain, "riot-grrrl", riot_token(), 2).await;
    let proposer = community.member(0).insecure_clone();
    let member = community.member_address(&proposer.pubkey());
    let proposal = ix::proposal_address(&community.address, &proposer.pubkey(), 0);
    let watched = [
        community.address,
        member,
        proposal,
        proposer.pubkey(),
        community.mint,
    ];
    let before = chain.snapshot(&watched).await;

    for token in tokens {
        let result = chain
            .propose(&community, &proposer, update_token(token.clone()))
            .await;

        assert_error(result, expected);
        assert_eq!(chain.snapshot(&watched).await, before, "{token:?}");
        assert!(!chain.exists(&proposal).await);
    }
}

#[tokio::test]
async fn proposing_a_token_name_wallets_would_cut_or_misread_is_refused() {
    assert_proposals_refused(
        &[
            with_name(""),
            with_name(&"n".repeat(33)),
            with_name(" Riot"),
            with_name("Riot\nGrrrl"),
        ],
        AmpledError::InvalidTokenName,
    )
    .await;
}

#[tokio::test]
async fn proposing_a_token_symbol_wallets_would_cut_or_misread_is_refused() {
    assert_proposals_refused(
        &[
            with_symbol(""),
            with_symbol("ABCDEFGHIJK"),
            with_symbol("RI OT"),
        ],
        AmpledError::InvalidTokenSymbol,
    )
    .await;
}

#[tokio::test]
async fn proposing_a_token_uri_wallets_cannot_fetch_is_refused() {
    assert_proposals_refused(
        &[
            with_uri("http://riotgrrrl.coop/token.json"),
            with_uri("javascript:alert(1)"),
            with_uri("https://riotgrrrl.coop/a b.json"),
            with_uri(&overlong_uri()),
        ],
        AmpledError::InvalidTokenUri,
    )
    .await;
}

/// Tries to found a community with `token`; asserts it is refused with `expected` and that no
/// account of it exists: not the community, its mint, its treasury nor its founder's record.
async fn assert_creation_refused(token: TokenMetadataFields, expected: AmpledError) {
    let mut chain = Chain::start().await;
    let founder = chain.wallet().await;
    let args = args_with("riot-grrrl", token, std::slice::from_ref(&founder));
    let address = ix::community_address("riot-grrrl");
    let footprint = [
        address,
        ix::mint_address(&address),
        ix::treasury_address(&address),
        ix::member_address(&address, &founder.pubkey()),
    ];

    let result = chain.create_community(&args).await;

    assert_error(result, expected);
    for account in footprint {
        assert!(!chain.exists(&account).await, "{account} was created");
    }
}

#[tokio::test]
async fn founding_with_a_token_name_wallets_would_cut_is_refused() {
    assert_creation_refused(with_name(&"n".repeat(33)), AmpledError::InvalidTokenName).await;
}

#[tokio::test]
async fn founding_with_an_empty_token_symbol_is_refused() {
    assert_creation_refused(with_symbol(""), AmpledError::InvalidTokenSymbol).await;
}

#[tokio::test]
async fn founding_with_a_token_uri_wallets_cannot_fetch_is_refused() {
    assert_creation_refused(
        with_uri("http://riotgrrrl.coop/token.json"),
        AmpledError::InvalidTokenUri,
    )
    .await;
    assert_creation_refused(with_uri(&overlong_uri()), AmpledError::InvalidTokenUri).await;
}

// ---------------------------------------------------------------------------------------------
// Only the community signs for the mint
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn a_founder_minting_to_themself_directly_is_refused_by_token_2022() {
    let mut chain = Chain::start().await;
    let (community, _) = found(&mut chain, "riot-grrrl", riot_token(), 3).await;
    let founder = community.member(0).insecure_clone();
    // An earlier reward gave the founder a token account to mint into.
    chain
        .reward_member(&community, &founder.pubkey(), TOKEN)
        .await;
    let ata = community.ata(&founder.pubkey());
    let mint_to = token_ix::mint_to(
        &TOKEN_2022,
        &community.mint,
        &ata,
        &founder.pubkey(),
        &[],
        1_000 * TOKEN,
    )
    .unwrap();
    let watched = [community.mint, ata];
    let before = chain.snapshot(&watched).await;

    let result = chain.send(&[mint_to], &[&founder]).await;

    assert_error(result, TokenError::OwnerMismatch as u32);
    assert_eq!(chain.snapshot(&watched).await, before);
    assert_eq!(chain.supply(&community).await, TOKEN);
    assert_eq!(chain.balance(&ata).await, TOKEN);
}

#[tokio::test]
async fn a_founder_taking_the_mint_authority_directly_is_refused_by_token_2022() {
    let mut chain = Chain::start().await;
    let (community, _) = found(&mut chain, "riot-grrrl", riot_token(), 2).await;
    let founder = community.member(0).insecure_clone();
    let take = token_ix::set_authority(
        &TOKEN_2022,
        &community.mint,
        Some(&founder.pubkey()),
        AuthorityType::MintTokens,
        &founder.pubkey(),
        &[],
    )
    .unwrap();
    let before = chain.snapshot(&[community.mint]).await;

    let result = chain.send(&[take], &[&founder]).await;

    assert_error(result, TokenError::OwnerMismatch as u32);
    assert_eq!(chain.snapshot(&[community.mint]).await, before);
    let (_, _, data) = raw(&mut chain, &community.mint).await;
    let mint = StateWithExtensions::<MintState>::unpack(&data).unwrap();
    assert_eq!(
        Option::<Pubkey>::from(mint.base.mint_authority),
        Some(community.address)
    );
}
