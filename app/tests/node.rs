//! `ampled serve`: the embedded chain as a local Solana node. The client's own `RpcChain` (agave's
//! `RpcClient` underneath) runs a co-op's flow through it, refusals come back decoded from the
//! preflight logs, malformed requests get JSON-RPC errors without changing the chain, and what
//! the node confirmed is in the chain file after it stops.
#![allow(deprecated)]

use ampled::state::{CommunityRules, MemberRole};
use ampled_client::chain::{Chain, EmbeddedChain, RpcChain};
use ampled_client::node;
use ampled_client::read;
use ampled_client::{Client, ClientError};
use serde_json::{json, Value};
use solana_keypair::Keypair;
use solana_signer::Signer;
use std::net::SocketAddr;
use std::path::Path;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

#[path = "../../tests/src/fixtures.rs"]
mod fixtures;
use fixtures::{token_metadata, DAY, DECIMALS, SOL, TOKEN};

/// A node serving the chain in a directory, stopped (and its chain saved) by `stop`.
struct Node {
    url: String,
    ws_url: String,
    address: SocketAddr,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    served: tokio::task::JoinHandle<ampled_client::Result<()>>,
}

impl Node {
    async fn start(dir: &Path) -> Self {
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let (ready, listening) = tokio::sync::oneshot::channel();
        let dir = dir.to_path_buf();
        let served = tokio::spawn(async move {
            node::serve(
                &dir,
                "127.0.0.1:0".parse().unwrap(),
                None,
                async move {
                    let _ = stopped.await;
                },
                move |address, pubsub| {
                    let _ = ready.send((address, pubsub));
                },
            )
            .await
        });
        let (address, pubsub) = listening.await.expect("the node starts");
        Self {
            url: format!("http://{address}"),
            ws_url: format!("ws://{pubsub}"),
            address,
            stop: Some(stop),
            served,
        }
    }

    async fn stop(mut self) {
        let _ = self.stop.take().expect("running").send(());
        self.served
            .await
            .unwrap()
            .expect("the node saves its chain");
    }

    /// Posts `body` as it is and returns the JSON answer.
    async fn post_raw(&self, body: &[u8]) -> Value {
        let mut stream = tokio::net::TcpStream::connect(self.address).await.unwrap();
        let head = format!(
            "POST / HTTP/1.1\r\nHost: {}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
            self.address,
            body.len()
        );
        stream.write_all(head.as_bytes()).await.unwrap();
        stream.write_all(body).await.unwrap();
        let mut answer = Vec::new();
        stream.read_to_end(&mut answer).await.unwrap();
        let text = String::from_utf8_lossy(&answer);
        let (_, body) = text.split_once("\r\n\r\n").expect("an HTTP answer");
        serde_json::from_str(body).unwrap_or_else(|e| panic!("not JSON ({e}): {body}"))
    }

    async fn call(&self, method: &str, params: Value) -> Value {
        let request = json!({ "jsonrpc": "2.0", "id": 7, "method": method, "params": params });
        self.post_raw(request.to_string().as_bytes()).await
    }
}

fn rules() -> CommunityRules {
    CommunityRules {
        approval_threshold_bps: 5_000,
        min_approvals: 2,
        voting_period_secs: 7 * DAY,
        supply_cap: None,
        issuance_cap: None,
    }
}

fn as_signer<'a>(chain: &'a mut RpcChain, who: &Keypair) -> Client<&'a mut RpcChain> {
    Client::new(chain, who.insecure_clone())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_coop_votes_and_pays_through_the_node_and_the_chain_keeps_it_after() {
    let dir = tempfile::tempdir().unwrap();
    let node = Node::start(dir.path()).await;
    let mut chain = RpcChain::new(&node.url);
    let (ana, ben, cleo) = (Keypair::new(), Keypair::new(), Keypair::new());
    for wallet in [&ana, &ben, &cleo] {
        chain.airdrop(&wallet.pubkey(), 10 * SOL).await.unwrap();
    }

    let founders = vec![
        (ana.pubkey(), MemberRole::Worker),
        (ben.pubkey(), MemberRole::Artist),
        (cleo.pubkey(), MemberRole::Worker),
    ];
    as_signer(&mut chain, &ana)
        .create_community("coop", DECIMALS, token_metadata(), rules(), founders)
        .await
        .unwrap();
    let community = read::community(&mut chain, "coop").await.unwrap();
    let reward = fixtures::reward(ben.pubkey(), 12 * TOKEN, "mixing");
    let proposal = as_signer(&mut chain, &ana)
        .propose(&community, reward)
        .await
        .unwrap()
        .created
        .expect("a proposal");
    for voter in [&ana, &cleo] {
        as_signer(&mut chain, voter)
            .vote(&community, &proposal, true)
            .await
            .unwrap();
    }
    let executed = as_signer(&mut chain, &cleo)
        .execute(&community, &proposal)
        .await
        .unwrap();

    // Events come back from the node's transaction records (inner instructions).
    assert!(
        executed.events.iter().any(|e| e.kind() == "RewardMinted"),
        "the execution's events: {:?}",
        executed.events.iter().map(|e| e.kind()).collect::<Vec<_>>()
    );
    let community = read::community(&mut chain, "coop").await.unwrap();
    assert_eq!(
        read::wallet_balance(&mut chain, &community, &ben.pubkey())
            .await
            .unwrap(),
        12 * TOKEN
    );
    let history = chain.history(&community.address, 100).await.unwrap();
    assert_eq!(history.len(), 5, "created, proposed, two votes, executed");

    node.stop().await;
    let mut embedded = EmbeddedChain::open(dir.path()).unwrap();
    let after = read::community(&mut embedded, "coop").await.unwrap();
    assert_eq!(after.supply, 12 * TOKEN);
    assert_eq!(
        read::wallet_balance(&mut embedded, &after, &ben.pubkey())
            .await
            .unwrap(),
        12 * TOKEN
    );
    assert_eq!(
        embedded.history(&after.address, 100).await.unwrap().len(),
        5
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refusal_comes_back_decoded_from_the_preflight_logs_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let node = Node::start(dir.path()).await;
    let mut chain = RpcChain::new(&node.url);
    let (ana, ben) = (Keypair::new(), Keypair::new());
    for wallet in [&ana, &ben] {
        chain.airdrop(&wallet.pubkey(), 10 * SOL).await.unwrap();
    }
    let founders = vec![
        (ana.pubkey(), MemberRole::Worker),
        (ben.pubkey(), MemberRole::Worker),
    ];
    as_signer(&mut chain, &ana)
        .create_community("coop", DECIMALS, token_metadata(), rules(), founders)
        .await
        .unwrap();
    let community = read::community(&mut chain, "coop").await.unwrap();
    let ana_before = chain
        .account(&ana.pubkey())
        .await
        .unwrap()
        .unwrap()
        .lamports;
    let proposals_before = read::proposals(&mut chain, &community.address)
        .await
        .unwrap()
        .len();

    // Two members, two approvals needed, and Ben may not approve his own reward: the program
    // refuses in preflight, and the node hands back its logs for the client to decode.
    let refused = as_signer(&mut chain, &ana)
        .propose(&community, fixtures::reward(ben.pubkey(), TOKEN, "work"))
        .await
        .map(|_| ())
        .unwrap_err();

    let ClientError::Program { name, logs, .. } = &refused else {
        panic!("not a refusal by the program: {refused:?}");
    };
    assert_eq!(name, "ProposalCannotPass");
    assert!(
        logs.iter()
            .any(|line| line.contains("custom program error: 0x17c6")),
        "{logs:?}"
    );
    assert_eq!(
        chain
            .account(&ana.pubkey())
            .await
            .unwrap()
            .unwrap()
            .lamports,
        ana_before,
        "a refused preflight commits nothing, not even the fee"
    );
    assert_eq!(
        read::proposals(&mut chain, &community.address)
            .await
            .unwrap()
            .len(),
        proposals_before
    );
    node.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn malformed_requests_get_json_rpc_errors_and_the_node_keeps_serving() {
    let dir = tempfile::tempdir().unwrap();
    let node = Node::start(dir.path()).await;

    let parse = node.post_raw(b"{not json").await;
    let empty_batch = node.post_raw(b"[]").await;
    let unknown = node.call("getEverything", json!([])).await;
    let bad_address = node.call("getBalance", json!(["not-an-address"])).await;
    let bad_base64 = node
        .call("sendTransaction", json!(["%%%", { "encoding": "base64" }]))
        .await;
    let garbage_tx = node
        .call("sendTransaction", json!(["AAAA", { "encoding": "base64" }]))
        .await;
    let object_params = node.call("getBalance", json!({ "pubkey": "x" })).await;
    let missing = node
        .call(
            "getAccountInfo",
            json!([Keypair::new().pubkey().to_string()]),
        )
        .await;

    assert_eq!(parse["error"]["code"], -32700, "{parse}");
    assert_eq!(empty_batch["error"]["code"], -32600, "{empty_batch}");
    assert_eq!(unknown["error"]["code"], -32601, "{unknown}");
    assert_eq!(unknown["id"], 7);
    assert_eq!(bad_address["error"]["code"], -32602, "{bad_address}");
    assert!(
        bad_address["error"]["message"]
            .as_str()
            .unwrap()
            .contains("not-an-address"),
        "{bad_address}"
    );
    assert_eq!(bad_base64["error"]["code"], -32602, "{bad_base64}");
    assert_eq!(garbage_tx["error"]["code"], -32602, "{garbage_tx}");
    assert_eq!(object_params["error"]["code"], -32602, "{object_params}");
    assert_eq!(missing["result"]["value"], Value::Null, "{missing}");
    assert_eq!(node.call("getHealth", json!([])).await["result"], "ok");
    assert_eq!(
        node.call(
            "getSignaturesForAddress",
            json!([Keypair::new().pubkey().to_string()])
        )
        .await["result"],
        json!([])
    );
    node.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_batch_is_answered_in_order_in_solanas_shapes() {
    let dir = tempfile::tempdir().unwrap();
    let node = Node::start(dir.path()).await;
    let batch = json!([
        { "jsonrpc": "2.0", "id": 1, "method": "getVersion" },
        { "jsonrpc": "2.0", "id": 2, "method": "getLatestBlockhash", "params": [{ "commitment": "confirmed" }] },
        { "jsonrpc": "2.0", "id": 3, "method": "getMinimumBalanceForRentExemption", "params": [165] },
        { "jsonrpc": "2.0", "id": 4, "method": "getEpochInfo" },
        { "jsonrpc": "2.0", "id": 5, "method": "getGenesisHash" },
    ]);

    let answers = node.post_raw(batch.to_string().as_bytes()).await;

    let answers = answers.as_array().expect("a batch answer");
    let ids: Vec<_> = answers.iter().map(|a| a["id"].as_u64().unwrap()).collect();
    assert_eq!(ids, [1, 2, 3, 4, 5]);
    assert_eq!(answers[0]["result"]["solana-core"], "3.1.12");
    let blockhash = &answers[1]["result"];
    assert!(
        blockhash["context"]["slot"].as_u64().is_some(),
        "{blockhash}"
    );
    assert!(
        blockhash["value"]["blockhash"].as_str().is_some(),
        "{blockhash}"
    );
    assert!(blockhash["value"]["lastValidBlockHeight"]
        .as_u64()
        .is_some());
    assert_eq!(answers[2]["result"], 2_039_280);
    assert!(answers[3]["result"]["absoluteSlot"].as_u64().is_some());
    let genesis = answers[4]["result"].as_str().unwrap().to_string();

    // The genesis hash stays the same across restarts, as a cluster's does.
    node.stop().await;
    let again = Node::start(dir.path()).await;
    assert_eq!(
        again.call("getGenesisHash", json!([])).await["result"],
        genesis
    );
    again.stop().await;
}

/// A co-op of two founders through the node, `ben` rewarded `amount`.
async fn rewarded_coop(node: &Node, ben: &Keypair, amount: u64) -> read::CommunityView {
    let mut chain = RpcChain::new(&node.url);
    let ana = Keypair::new();
    for wallet in [&ana, ben] {
        chain.airdrop(&wallet.pubkey(), 10 * SOL).await.unwrap();
    }
    let founders = vec![
        (ana.pubkey(), MemberRole::Worker),
        (ben.pubkey(), MemberRole::Artist),
    ];
    as_signer(&mut chain, &ana)
        .create_community(
            "coop",
            DECIMALS,
            token_metadata(),
            fixtures::default_rules(),
            founders,
        )
        .await
        .unwrap();
    let community = read::community(&mut chain, "coop").await.unwrap();
    let reward = fixtures::reward(ben.pubkey(), amount, "mixing");
    let mut proposer = as_signer(&mut chain, &ana);
    let proposal = proposer
        .propose(&community, reward)
        .await
        .unwrap()
        .created
        .unwrap();
    proposer.vote(&community, &proposal, true).await.unwrap();
    proposer.execute(&community, &proposal).await.unwrap();
    read::community(&mut chain, "coop").await.unwrap()
}

fn extension_names(parsed: &Value) -> Vec<&str> {
    parsed["info"]["extensions"]
        .as_array()
        .unwrap_or_else(|| panic!("no extensions in {parsed}"))
        .iter()
        .map(|e| e["extension"].as_str().unwrap())
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn token_accounts_and_the_mint_read_back_parsed_with_their_extensions_as_validators_give_them(
) {
    let dir = tempfile::tempdir().unwrap();
    let node = Node::start(dir.path()).await;
    let ben = Keypair::new();
    let community = rewarded_coop(&node, &ben, 12 * TOKEN).await;
    let (mint, ata) = (
        community.mint().to_string(),
        community.ata(&ben.pubkey()).to_string(),
    );

    let parsed_mint = node
        .call(
            "getAccountInfo",
            json!([mint, { "encoding": "jsonParsed" }]),
        )
        .await;
    let by_owner = node
        .call(
            "getTokenAccountsByOwner",
            json!([ben.pubkey().to_string(), { "mint": mint }, { "encoding": "jsonParsed" }]),
        )
        .await;
    let supply = node.call("getTokenSupply", json!([mint])).await;
    let balance = node.call("getTokenAccountBalance", json!([ata])).await;

    let data = &parsed_mint["result"]["value"]["data"];
    assert_eq!(data["program"], "spl-token-2022", "{parsed_mint}");
    let parsed = &data["parsed"];
    assert_eq!(parsed["type"], "mint");
    assert_eq!(parsed["info"]["supply"], "12000000");
    assert_eq!(parsed["info"]["decimals"], DECIMALS);
    assert_eq!(
        parsed["info"]["mintAuthority"],
        community.address.to_string()
    );
    assert_eq!(parsed["info"]["freezeAuthority"], Value::Null);
    assert_eq!(
        extension_names(parsed),
        ["metadataPointer", "tokenMetadata"]
    );
    let metadata = &parsed["info"]["extensions"][1]["state"];
    assert_eq!(metadata["name"], "Ampled", "{metadata}");
    assert_eq!(metadata["symbol"], "AMPLED");
    assert_eq!(metadata["updateAuthority"], community.address.to_string());

    let accounts = by_owner["result"]["value"].as_array().unwrap();
    assert_eq!(accounts.len(), 1, "{by_owner}");
    assert_eq!(accounts[0]["pubkey"], ata);
    let account = &accounts[0]["account"]["data"]["parsed"];
    assert_eq!(account["type"], "account");
    assert_eq!(account["info"]["owner"], ben.pubkey().to_string());
    assert_eq!(account["info"]["state"], "initialized");
    assert_eq!(account["info"]["tokenAmount"]["amount"], "12000000");
    assert_eq!(account["info"]["tokenAmount"]["uiAmountString"], "12");
    // The associated token account program makes every account it creates immutable-owner.
    assert_eq!(extension_names(account), ["immutableOwner"]);

    for answer in [&supply, &balance] {
        let amount = &answer["result"]["value"];
        assert_eq!(amount["amount"], "12000000", "{answer}");
        assert_eq!(amount["decimals"], DECIMALS);
        assert_eq!(amount["uiAmount"], 12.0);
        assert_eq!(amount["uiAmountString"], "12");
    }
    node.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn account_data_compressed_with_zstd_unpacks_to_the_same_bytes_as_base64() {
    use base64::Engine as _;
    let dir = tempfile::tempdir().unwrap();
    let node = Node::start(dir.path()).await;
    let ben = Keypair::new();
    let community = rewarded_coop(&node, &ben, 5 * TOKEN).await;
    let address = community.address.to_string();
    let data = |answer: &Value| -> (Vec<u8>, String) {
        let data = &answer["result"]["value"]["data"];
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(
                data[0]
                    .as_str()
                    .unwrap_or_else(|| panic!("no data in {answer}")),
            )
            .unwrap();
        (bytes, data[1].as_str().unwrap().to_string())
    };

    let plain = node
        .call("getAccountInfo", json!([address, { "encoding": "base64" }]))
        .await;
    let packed = node
        .call(
            "getAccountInfo",
            json!([address, { "encoding": "base64+zstd" }]),
        )
        .await;
    let sliced = node
        .call(
            "getAccountInfo",
            json!([address, { "encoding": "base64+zstd", "dataSlice": { "offset": 8, "length": 32 } }]),
        )
        .await;

    let (plain, encoding) = data(&plain);
    assert_eq!(encoding, "base64");
    let (packed, encoding) = data(&packed);
    assert_eq!(encoding, "base64+zstd");
    assert_eq!(zstd::decode_all(&packed[..]).unwrap(), plain);
    let (sliced, _) = data(&sliced);
    assert_eq!(zstd::decode_all(&sliced[..]).unwrap(), plain[8..40]);
    node.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_transaction_sent_twice_happens_once_and_preflight_says_it_already_has() {
    use solana_rpc_client::nonblocking::rpc_client::RpcClient;
    use solana_rpc_client_api::config::RpcSendTransactionConfig;
    let dir = tempfile::tempdir().unwrap();
    let node = Node::start(dir.path()).await;
    let rpc = RpcClient::new(node.url.clone());
    let (payer, to) = (Keypair::new(), Keypair::new().pubkey());
    let funded = rpc.request_airdrop(&payer.pubkey(), SOL).await.unwrap();
    while !rpc.confirm_transaction(&funded).await.unwrap() {}
    let transfer =
        anchor_lang::solana_program::system_instruction::transfer(&payer.pubkey(), &to, 1_000_000);
    let transaction = solana_transaction::Transaction::new_signed_with_payer(
        &[transfer],
        Some(&payer.pubkey()),
        &[&payer],
        rpc.get_latest_blockhash().await.unwrap(),
    );
    let wire = base64::Engine::encode(
        &base64::engine::general_purpose::STANDARD,
        bincode::serialize(&transaction).unwrap(),
    );
    let send = |skip_preflight: bool| json!([wire, { "encoding": "base64", "skipPreflight": skip_preflight }]);

    let first = node.call("sendTransaction", send(false)).await;
    let again = node.call("sendTransaction", send(false)).await;
    let again_unchecked = rpc
        .send_transaction_with_config(
            &transaction,
            RpcSendTransactionConfig {
                skip_preflight: true,
                ..RpcSendTransactionConfig::default()
            },
        )
        .await
        .unwrap();

    assert_eq!(
        first["result"],
        transaction.signatures[0].to_string(),
        "{first}"
    );
    assert_eq!(again["error"]["code"], -32002, "{again}");
    assert_eq!(again["error"]["data"]["err"], "AlreadyProcessed", "{again}");
    assert_eq!(again_unchecked, transaction.signatures[0]);
    assert_eq!(rpc.get_balance(&to).await.unwrap(), 1_000_000);
    let fees = rpc.get_balance(&payer.pubkey()).await.unwrap();
    assert_eq!(fees, SOL - 1_000_000 - 5_000, "one transfer and one fee");
    node.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn transactions_the_embedded_chain_made_before_the_node_started_are_served_whole() {
    let dir = tempfile::tempdir().unwrap();
    let (ana, ben) = (Keypair::new(), Keypair::new());
    let (community, executed) = {
        let mut embedded = EmbeddedChain::open(dir.path()).unwrap();
        for wallet in [&ana, &ben] {
            embedded.airdrop(&wallet.pubkey(), 10 * SOL).await.unwrap();
        }
        let founders = vec![
            (ana.pubkey(), MemberRole::Worker),
            (ben.pubkey(), MemberRole::Artist),
        ];
        let mut client = Client::new(embedded, ana.insecure_clone());
        client
            .create_community(
                "coop",
                DECIMALS,
                token_metadata(),
                fixtures::default_rules(),
                founders,
            )
            .await
            .unwrap();
        let community = client.community("coop").await.unwrap();
        let reward = fixtures::reward(ben.pubkey(), 3 * TOKEN, "flyers");
        let proposal = client
            .propose(&community, reward)
            .await
            .unwrap()
            .created
            .unwrap();
        client.vote(&community, &proposal, true).await.unwrap();
        let executed = client.execute(&community, &proposal).await.unwrap();
        (community, executed)
    };

    let node = Node::start(dir.path()).await;
    let history = RpcChain::new(&node.url)
        .history(&community.address, 100)
        .await
        .unwrap();
    let answer = node
        .call(
            "getTransaction",
            json!([executed.signature, { "encoding": "json" }]),
        )
        .await;

    assert_eq!(history.len(), 4, "created, proposed, voted, executed");
    let last = history.last().unwrap();
    assert_eq!(last.signature, executed.signature);
    let events: Vec<_> = last
        .events
        .iter()
        .filter_map(|raw| ampled_client::events::Event::decode(raw))
        .map(|event| event.kind())
        .collect();
    assert!(events.contains(&"RewardMinted"), "{events:?}");
    let transaction = &answer["result"];
    let keys = transaction["transaction"]["message"]["accountKeys"]
        .as_array()
        .unwrap();
    let meta = &transaction["meta"];
    assert_eq!(meta["err"], Value::Null, "{answer}");
    assert_eq!(meta["fee"], 5_000);
    assert_eq!(meta["preBalances"].as_array().unwrap().len(), keys.len());
    assert_eq!(meta["postBalances"].as_array().unwrap().len(), keys.len());
    assert!(meta["computeUnitsConsumed"].as_u64().unwrap() > 0, "{meta}");
    assert!(
        !meta["innerInstructions"].as_array().unwrap().is_empty(),
        "{meta}"
    );
    assert!(
        meta["logMessages"][0]
            .as_str()
            .unwrap()
            .starts_with("Program "),
        "{meta}"
    );
    node.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_node_serves_the_web_app_at_its_address_beside_json_rpc() {
    let dir = tempfile::tempdir().unwrap();
    let node = Node::start(dir.path()).await;
    let get = |path: &'static str| {
        let address = node.address;
        async move {
            let mut stream = tokio::net::TcpStream::connect(address).await.unwrap();
            let head =
                format!("GET {path} HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\r\n");
            stream.write_all(head.as_bytes()).await.unwrap();
            let mut answer = Vec::new();
            stream.read_to_end(&mut answer).await.unwrap();
            String::from_utf8_lossy(&answer).to_string()
        }
    };

    let page = get("/").await;
    let script = get("/assets/app.js").await;
    let missing = get("/nothing-here.js").await;
    let rpc = node.call("getHealth", json!([])).await;

    assert!(page.starts_with("HTTP/1.1 200"), "{page}");
    assert!(page.contains("content-type: text/html"), "{page}");
    assert!(page.contains(r#"<div id="app"></div>"#), "{page}");
    assert!(
        script.starts_with("HTTP/1.1 200"),
        "{}",
        &script[..200.min(script.len())]
    );
    assert!(script.contains("content-type: text/javascript"));
    assert!(missing.starts_with("HTTP/1.1 404"), "{missing}");
    assert_eq!(
        rpc["result"], "ok",
        "JSON-RPC still answers POSTs on the same path"
    );
    node.stop().await;
}

/// `ampled --home <home> <args>`, its stdout, and whether it succeeded.
fn ampled(home: &Path, args: &[&str]) -> (bool, String) {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_ampled"))
        .arg("--home")
        .arg(home)
        .args(args)
        .output()
        .unwrap();
    (
        output.status.success(),
        String::from_utf8_lossy(&output.stdout).into_owned()
            + &String::from_utf8_lossy(&output.stderr),
    )
}

#[test]
fn while_serve_runs_the_homes_other_commands_go_through_it_and_after_it_stops_the_file_has_it_all()
{
    use std::io::BufRead;
    let home = tempfile::tempdir().unwrap();
    let mut served = std::process::Command::new(env!("CARGO_BIN_EXE_ampled"))
        .arg("--home")
        .arg(home.path())
        .args(["serve", "--port", "0"])
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = std::io::BufReader::new(served.stdout.take().unwrap()).lines();
    let url = lines
        .by_ref()
        .map_while(Result::ok)
        .find_map(|line| {
            line.trim()
                .strip_prefix("JSON-RPC")
                .map(|u| u.trim().to_string())
        })
        .expect("serve names its endpoint");

    let (created, said) = ampled(home.path(), &["wallet", "new", "ana"]);
    let (second, _) = ampled(home.path(), &["serve", "--port", "0"]);
    let (advanced, clock) = ampled(home.path(), &["clock", "advance", "1d"]);
    // SIGTERM, as a service manager stops it.
    // SAFETY: signals a child process this test started and still owns (not yet waited for).
    unsafe { libc::kill(served.id() as i32, libc::SIGTERM) };
    let stopped = served.wait().unwrap();
    let (shown, balance) = ampled(home.path(), &["wallet", "show", "ana"]);

    assert!(created, "{said}");
    assert!(
        said.contains("funded with 10 SOL for fees on this local node"),
        "the wallet was funded through the node at {url}: {said}"
    );
    assert!(!second, "a second node on the same home is refused");
    assert!(advanced, "{clock}");
    assert!(stopped.success());
    assert!(!home.path().join("chain").join(node::NODE_FILE).exists());
    assert!(shown, "{balance}");
    assert!(balance.contains("10 SOL"), "{balance}");
}

/// The next item of a subscription stream, or a failure naming what never came.
async fn next<T>(stream: &mut (impl futures_util::Stream<Item = T> + Unpin), what: &str) -> T {
    use futures_util::StreamExt;
    tokio::time::timeout(std::time::Duration::from_secs(10), stream.next())
        .await
        .unwrap_or_else(|_| panic!("no {what} within 10 s"))
        .unwrap_or_else(|| panic!("the {what} stream ended"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn agaves_pubsub_client_hears_slots_accounts_programs_and_signatures_live() {
    use solana_pubsub_client::nonblocking::pubsub_client::PubsubClient;
    let dir = tempfile::tempdir().unwrap();
    let node = Node::start(dir.path()).await;
    let mut chain = RpcChain::new(&node.url);
    let pubsub = PubsubClient::new(node.ws_url.as_str()).await.unwrap();
    let (ana, ben) = (Keypair::new(), Keypair::new());
    let (mut slots, _) = pubsub.slot_subscribe().await.unwrap();
    let (mut ana_account, _) = pubsub.account_subscribe(&ana.pubkey(), None).await.unwrap();
    let (mut ampled_accounts, _) = pubsub
        .program_subscribe(&ampled_client::ampled::ID, None)
        .await
        .unwrap();

    let first = next(&mut slots, "slot").await;
    let second = next(&mut slots, "slot").await;
    chain.airdrop(&ana.pubkey(), 10 * SOL).await.unwrap();
    chain.airdrop(&ben.pubkey(), 10 * SOL).await.unwrap();
    let funded = next(&mut ana_account, "account notification").await;
    as_signer(&mut chain, &ana)
        .create_community(
            "coop",
            DECIMALS,
            token_metadata(),
            CommunityRules {
                min_approvals: 1,
                ..rules()
            },
            vec![(ana.pubkey(), MemberRole::Worker)],
        )
        .await
        .unwrap();
    let community = ampled_client::ix::community_address("coop");
    let mut program_changes = Vec::new();
    while program_changes.len() < 2 {
        program_changes.push(next(&mut ampled_accounts, "program notification").await);
    }
    // A signature already confirmed is told at once.
    let airdrop = node
        .call("requestAirdrop", json!([ben.pubkey().to_string(), SOL]))
        .await;
    let signature = airdrop["result"].as_str().unwrap().parse().unwrap();
    let (mut confirmed, _) = pubsub.signature_subscribe(&signature, None).await.unwrap();
    let told = next(&mut confirmed, "signature notification").await;

    assert!(second.slot > first.slot, "{first:?} then {second:?}");
    assert_eq!(funded.value.lamports, 10 * SOL);
    let changed: Vec<String> = program_changes
        .iter()
        .map(|c| c.value.pubkey.clone())
        .collect();
    assert!(
        changed.contains(&community.to_string()),
        "the community's account is among {changed:?}"
    );
    assert!(
        matches!(
            told.value,
            solana_rpc_client_api::response::RpcSignatureResult::ProcessedSignature(ref result)
                if result.err.is_none()
        ),
        "{told:?}"
    );
    node.stop().await;
}

#[test]
fn a_node_killed_outright_loses_nothing_it_confirmed() {
    use std::io::BufRead;
    let home = tempfile::tempdir().unwrap();
    let mut served = std::process::Command::new(env!("CARGO_BIN_EXE_ampled"))
        .arg("--home")
        .arg(home.path())
        .args(["serve", "--port", "0"])
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = std::io::BufReader::new(served.stdout.take().unwrap()).lines();
    lines
        .by_ref()
        .map_while(Result::ok)
        .find(|line| line.contains("JSON-RPC"))
        .expect("serve names its endpoint");
    for wallet in ["ana", "ben", "cleo"] {
        let (created, said) = ampled(home.path(), &["wallet", "new", wallet]);
        assert!(created, "{said}");
    }

    // SIGKILL: no chance to save; only what each confirmation wrote first remains.
    served.kill().unwrap();
    served.wait().unwrap();
    let shown: Vec<(bool, String)> = ["ana", "ben", "cleo"]
        .iter()
        .map(|wallet| ampled(home.path(), &["wallet", "show", wallet]))
        .collect();

    for (ok, text) in shown {
        assert!(ok, "{text}");
        assert!(text.contains("10 SOL"), "{text}");
    }
}

/// How many transactions the soak test sends: 10,000 by default (about 20 seconds on a debug
/// build here); `AMPLED_SOAK_TRANSACTIONS` sets another number for a quicker or longer run.
fn soak_transactions() -> usize {
    std::env::var("AMPLED_SOAK_TRANSACTIONS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(10_000)
}

/// What one soak client sent: each signature, and whether the node was to commit it as failed.
type Sent = Vec<(solana_signature::Signature, bool)>;

/// One of the soak's clients: its own connection, sending a mix of token transfers (with and
/// without a memo), SOL transfers, and overdrafts sent without preflight (committed as failed).
async fn soak_client(
    url: String,
    wallet: Keypair,
    next_wallet: anchor_lang::prelude::Pubkey,
    mint: anchor_lang::prelude::Pubkey,
    count: usize,
) -> Sent {
    use solana_rpc_client::nonblocking::rpc_client::RpcClient;
    use solana_rpc_client_api::config::RpcSendTransactionConfig;
    let rpc = RpcClient::new(url);
    let ix = ampled_client::ix::associated_token_address;
    let token = ampled_client::ix::TOKEN_PROGRAM;
    let (from, to) = (ix(&wallet.pubkey(), &mint), ix(&next_wallet, &mint));
    let mut sent = Vec::with_capacity(count);
    for i in 0..count {
        // As kit and web3.js clients do: a fresh blockhash for each transaction.
        let blockhash = rpc.get_latest_blockhash().await.unwrap();
        let amount = 1 + i as u64;
        let transfer = |amount| {
            anchor_spl::token_2022::spl_token_2022::instruction::transfer_checked(
                &token,
                &from,
                &mint,
                &to,
                &wallet.pubkey(),
                &[],
                amount,
                DECIMALS,
            )
            .unwrap()
        };
        let (instructions, fails) = match i % 4 {
            0 => (vec![transfer(amount)], false),
            1 => (
                vec![anchor_lang::solana_program::system_instruction::transfer(
                    &wallet.pubkey(),
                    &Keypair::new().pubkey(),
                    1_000_000 + amount,
                )],
                false,
            ),
            2 => (
                vec![
                    transfer(amount),
                    solana_instruction::Instruction {
                        program_id: ampled_client::client::MEMO_PROGRAM_ID,
                        accounts: vec![solana_instruction::AccountMeta::new_readonly(
                            wallet.pubkey(),
                            true,
                        )],
                        data: format!("soak {i}").into_bytes(),
                    },
                ],
                false,
            ),
            _ => (vec![transfer(u64::MAX - amount)], true),
        };
        let transaction = solana_transaction::Transaction::new_signed_with_payer(
            &instructions,
            Some(&wallet.pubkey()),
            &[&wallet],
            blockhash,
        );
        let config = RpcSendTransactionConfig {
            skip_preflight: fails,
            ..RpcSendTransactionConfig::default()
        };
        let signature = rpc
            .send_transaction_with_config(&transaction, config)
            .await
            .unwrap_or_else(|e| panic!("transaction {i} was refused: {e}"));
        sent.push((signature, fails));
    }
    sent
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ten_thousand_mixed_transactions_from_eight_clients_survive_a_restart_with_supply_whole() {
    use solana_rpc_client::nonblocking::rpc_client::RpcClient;
    const CLIENTS: usize = 8;
    let dir = tempfile::tempdir().unwrap();
    let node = Node::start(dir.path()).await;
    let mut chain = RpcChain::new(&node.url);
    let (ana, ben) = (Keypair::new(), Keypair::new());
    let clients: Vec<Keypair> = (0..CLIENTS).map(|_| Keypair::new()).collect();
    for wallet in [&ana, &ben].into_iter().chain(&clients) {
        chain.airdrop(&wallet.pubkey(), 100 * SOL).await.unwrap();
    }
    let founders = vec![
        (ana.pubkey(), MemberRole::Worker),
        (ben.pubkey(), MemberRole::Worker),
    ];
    let one_approval = CommunityRules {
        min_approvals: 1,
        ..rules()
    };
    as_signer(&mut chain, &ana)
        .create_community("soak", DECIMALS, token_metadata(), one_approval, founders)
        .await
        .unwrap();
    let community = read::community(&mut chain, "soak").await.unwrap();
    for client in &clients {
        let reward = fixtures::reward(client.pubkey(), 1_000 * TOKEN, "soak");
        let proposal = as_signer(&mut chain, &ana)
            .propose(&community, reward)
            .await
            .unwrap()
            .created
            .unwrap();
        as_signer(&mut chain, &ben)
            .vote(&community, &proposal, true)
            .await
            .unwrap();
        as_signer(&mut chain, &ben)
            .execute(&community, &proposal)
            .await
            .unwrap();
    }

    let per_client = soak_transactions() / CLIENTS;
    let mut tasks = Vec::new();
    for (i, client) in clients.iter().enumerate() {
        let next = clients[(i + 1) % CLIENTS].pubkey();
        tasks.push(tokio::spawn(soak_client(
            node.url.clone(),
            client.insecure_clone(),
            next,
            community.mint(),
            per_client,
        )));
    }
    let mut sent: Sent = Vec::new();
    for task in tasks {
        sent.extend(task.await.unwrap());
    }
    node.stop().await;
    let node = Node::start(dir.path()).await;
    let rpc = RpcClient::new(node.url.clone());

    let mut found = 0;
    for batch in sent.chunks(256) {
        let signatures: Vec<_> = batch.iter().map(|(s, _)| *s).collect();
        let statuses = rpc.get_signature_statuses(&signatures).await.unwrap().value;
        for ((signature, fails), status) in batch.iter().zip(statuses) {
            let status = status.unwrap_or_else(|| panic!("{signature} is gone after the restart"));
            assert_eq!(status.err.is_some(), *fails, "{signature}: {status:?}");
            found += 1;
        }
    }
    assert_eq!(found, CLIENTS * per_client);
    let supply: u64 = rpc
        .get_token_supply(&community.mint())
        .await
        .unwrap()
        .amount
        .parse()
        .unwrap();
    let mut held = 0u64;
    for wallet in clients.iter().chain([&ana, &ben]) {
        held += rpc
            .get_token_account_balance(&ampled_client::ix::associated_token_address(
                &wallet.pubkey(),
                &community.mint(),
            ))
            .await
            .map(|balance| balance.amount.parse::<u64>().unwrap())
            .unwrap_or(0);
    }
    assert_eq!(supply, CLIENTS as u64 * 1_000 * TOKEN);
    assert_eq!(held, supply, "every token is in someone's account");
    node.stop().await;
}

#[test]
fn serve_demo_plays_the_story_first_and_serves_its_chain() {
    use std::io::BufRead;
    let home = tempfile::tempdir().unwrap();
    let mut served = std::process::Command::new(env!("CARGO_BIN_EXE_ampled"))
        .arg("--home")
        .arg(home.path())
        .args(["serve", "--demo", "--port", "0"])
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = std::io::BufReader::new(served.stdout.take().unwrap()).lines();
    let told: Vec<String> = lines
        .by_ref()
        .map_while(Result::ok)
        .take_while(|line| !line.contains("JSON-RPC"))
        .collect();
    let demo = home.path().join("demo");

    let (listed, members) = ampled(&demo, &["member", "list"]);
    let (checked, balance) = ampled(&demo, &["balance", "eve"]);
    let routed = demo.join("chain").join(node::NODE_FILE).exists();
    // SAFETY: signals a child process this test started and still owns (not yet waited for).
    unsafe { libc::kill(served.id() as i32, libc::SIGTERM) };
    assert!(served.wait().unwrap().success());

    assert!(
        told.iter()
            .any(|line| line.contains("Time bank of ampled-demo")),
        "the demo's story comes first: {told:?}"
    );
    assert!(routed, "the demo's chain is what the node serves");
    assert!(listed && members.contains("eve"), "{members}");
    assert!(checked && balance.contains("20 AMPLED"), "{balance}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_blockhash_is_still_accepted_slots_later_as_on_a_cluster() {
    use solana_rpc_client::nonblocking::rpc_client::RpcClient;
    let dir = tempfile::tempdir().unwrap();
    let node = Node::start(dir.path()).await;
    let rpc = RpcClient::new(node.url.clone());
    let wallet = Keypair::new();
    let funded = rpc.request_airdrop(&wallet.pubkey(), SOL).await.unwrap();
    while !rpc.confirm_transaction(&funded).await.unwrap() {}
    let blockhash = rpc.get_latest_blockhash().await.unwrap();
    let slot = rpc.get_slot().await.unwrap();

    // A person reads the transaction in their wallet for a while before approving it.
    while rpc.get_slot().await.unwrap() < slot + 10 {
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let transfer = anchor_lang::solana_program::system_instruction::transfer(
        &wallet.pubkey(),
        &Keypair::new().pubkey(),
        SOL / 10,
    );
    let transaction = solana_transaction::Transaction::new_signed_with_payer(
        &[transfer],
        Some(&wallet.pubkey()),
        &[&wallet],
        blockhash,
    );
    let sent = rpc.send_transaction(&transaction).await;

    assert!(
        sent.is_ok(),
        "a blockhash ten slots old was refused: {sent:?}"
    );
    assert!(rpc
        .is_blockhash_valid(&blockhash, Default::default())
        .await
        .unwrap());
    node.stop().await;
}
