//! Sign-In With Solana through the real binary: `ampled serve` with a gate rule file, `ampled
//! check --prove` signing in from a wallet's keypair, `ampled gate verify` checking the pass as a
//! site would, and the node's HTTP API driven by hand for what a script never sends (a replayed
//! signature, another key's, another domain's, one signed too late). Each refusal is asserted
//! by its code and its words, and nothing is issued with it.

mod harness;
mod npm;

use ampled_client::gate::{verify_pass, GateRefusal};
use ampled_client::read::views::rfc3339;
use anchor_lang::prelude::Pubkey;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use harness::{Ampled, Run, ERROR_EXIT};
use npm::ServedNode;
use serde_json::{json, Value};
use solana_keypair::{read_keypair_file, Keypair};
use solana_signer::Signer;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The exit status of a `check` or `gate verify` whose answer is no.
const UNMET_EXIT: i32 = 1;

const GATES: &str = r#"
[gates.members]
about = "Member docs"
member = true

[gates.artists]
about = "The artists' calendar"
roles = ["artist"]

[gates.workspace]
about = "The shared workspace"
member = true
min_tokens = 25
"#;

// Fixtures.

/// A co-op whose home has the gate rules above, served by `ampled serve`: ana (an artist
/// holding 30 tokens), ben and cleo (workers holding none), and dan, a wallet that is not a
/// member. The node stops before the home is removed (fields drop in order).
struct Gated {
    node: ServedNode,
    ampled: Ampled,
}

impl Gated {
    fn start(serve_options: &[&str]) -> Self {
        let ampled = Ampled::new();
        ampled.wallets(&["ana", "ben", "cleo", "dan"]);
        ampled.ok(&[
            "community",
            "create",
            "coop",
            "--min-approvals",
            "2",
            "--founder",
            "ana:artist",
            "--founder",
            "ben",
            "--founder",
            "cleo",
        ]);
        ampled.reward("ben", "ana", "30", &["ben", "cleo"]);
        std::fs::write(ampled.home().join("gates.toml"), GATES).expect("write gates.toml");
        let node = ServedNode::start_with(ampled.home(), serve_options);
        Self { node, ampled }
    }

    /// The domain sign-in messages name: by default the address the node listens on.
    fn domain(&self) -> &str {
        self.node.url.trim_start_matches("http://")
    }

    fn keypair(&self, wallet: &str) -> Keypair {
        let path = self
            .ampled
            .home()
            .join("wallets")
            .join(format!("{wallet}.json"));
        read_keypair_file(&path).expect("the wallet's keypair file")
    }

    /// The key passes are signed with, as `ampled gate key` tells it.
    fn issuer(&self) -> Pubkey {
        let key = self.ampled.json(&["gate", "key"]);
        key["issuer"].as_str().unwrap().parse().unwrap()
    }

    /// `ampled -k <wallet> check --prove --gate <gate>`, in JSON.
    fn prove(&self, wallet: &str, gate: &str) -> Run {
        self.ampled.run(&[
            "-k", wallet, "check", "--prove", "--gate", gate, "--output", "json",
        ])
    }

    /// A pass `wallet` proves for `gate`.
    #[track_caller]
    fn pass(&self, wallet: &str, gate: &str) -> Value {
        let proved = self.prove(wallet, gate);
        assert_eq!(
            proved.status, 0,
            "{wallet} should get a pass to {gate}:\n{}{}",
            proved.stdout, proved.stderr
        );
        proved.json()
    }

    /// `wallet` proves for `gate` and is refused by its rule: exit 1 saying `reason`, and no pass.
    #[track_caller]
    fn refused_by_rule(&self, wallet: &str, gate: &str, reason: &str) {
        let proved = self.prove(wallet, gate);
        assert_eq!(
            proved.status, UNMET_EXIT,
            "{wallet} should not get a pass to {gate}:\n{}{}",
            proved.stdout, proved.stderr
        );
        let answer = proved.json();
        assert_eq!(answer["passes"], false);
        assert_eq!(answer["code"], "rule_unmet");
        assert_eq!(
            answer["reason"],
            format!("Not let into \"{gate}\": {reason}")
        );
        assert!(
            answer.get("pass").is_none(),
            "a pass with a refusal: {answer}"
        );
    }

    /// `ampled gate verify <pass> --gate <gate>`: its exit status and JSON answer.
    fn verify(&self, pass: &str, gate: &str) -> (i32, Value) {
        let run = self
            .ampled
            .run(&["gate", "verify", pass, "--gate", gate, "--output", "json"]);
        (run.status, run.json())
    }

    /// A challenge to `gate` for `wallet`, from the node: the input and the text to sign.
    fn challenge(&self, gate: &str, wallet: &str) -> (Value, String) {
        let address = self.keypair(wallet).pubkey().to_string();
        let (status, answer) = post(
            &format!("{}/siws/challenge", self.node.url),
            json!({ "gate": gate, "address": address }),
        );
        assert_eq!(status, 200, "a challenge: {answer}");
        let message = answer["message"]
            .as_str()
            .expect("the text to sign")
            .to_string();
        (answer["input"].clone(), message)
    }

    /// Hands `message`, signed by `signer`, to the node as `wallet`'s sign-in.
    fn sign_in(&self, wallet: &str, message: &str, signer: &str) -> (u16, Value) {
        let signature = self.keypair(signer).sign_message(message.as_bytes());
        post(
            &format!("{}/siws/verify", self.node.url),
            json!({
                "address": self.keypair(wallet).pubkey().to_string(),
                "message": message,
                "signature": signature.to_string(),
            }),
        )
    }
}

/// An HTTP request to the node (`body`: POST it as JSON; else GET): the status and JSON answer.
fn http(url: &str, body: Option<Value>) -> (u16, Value) {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime")
        .block_on(async {
            let client = reqwest::Client::new();
            let request = match body {
                Some(body) => client.post(url).json(&body),
                None => client.get(url),
            };
            let response = request.send().await.expect("the node answers");
            let status = response.status().as_u16();
            (status, response.json().await.expect("a JSON answer"))
        })
}

fn post(url: &str, body: Value) -> (u16, Value) {
    http(url, Some(body))
}

/// The node's refusal: status, code and words, with no pass.
#[track_caller]
fn assert_refusal(answer: (u16, Value), status: u16, code: &str, message: &str) {
    let (got_status, body) = answer;
    assert_eq!(got_status, status, "{body}");
    assert_eq!(body["error"]["code"], code, "{body}");
    assert_eq!(body["error"]["message"], message, "{body}");
    assert!(body.get("pass").is_none(), "a pass with a refusal: {body}");
}

/// Runs `ampled --home <home> <args>` (which must end on its own: `serve` refusing to start),
/// killed if it has not ended within a minute.
fn run_to_the_end(home: &Path, args: &[&str]) -> Run {
    let mut child = Command::new(env!("CARGO_BIN_EXE_ampled"))
        .arg("--home")
        .arg(home)
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run ampled");
    let started = Instant::now();
    while child.try_wait().expect("wait").is_none() {
        if started.elapsed() > Duration::from_secs(60) {
            let _ = child.kill();
            let output = child.wait_with_output().expect("wait");
            panic!(
                "`ampled {}` kept running:\n{}",
                args.join(" "),
                String::from_utf8_lossy(&output.stdout)
            );
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let output = child.wait_with_output().expect("wait");
    Run {
        status: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

// Tests.

#[test]
fn members_prove_for_the_gates_their_role_and_tokens_open_and_a_site_checks_the_pass() {
    let gated = Gated::start(&[]);
    let issuer = gated.issuer();
    let [ben, cleo, dan] = ["ben", "cleo", "dan"].map(|w| gated.ampled.address(w));

    // What the node offers, and its key as a JWK Set for JWT libraries.
    let (status, gates) = http(&format!("{}/siws/gates", gated.node.url), None);
    assert_eq!(status, 200);
    assert_eq!(gates["issuer"], issuer.to_string());
    assert_eq!(gates["domain"], gated.domain());
    assert_eq!(gates["community"], "coop");
    let rules: Vec<(&str, &str)> = gates["gates"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| (g["name"].as_str().unwrap(), g["rule"].as_str().unwrap()))
        .collect();
    assert_eq!(
        rules,
        [
            ("artists", "active artist members"),
            ("members", "active members"),
            ("workspace", "active members holding at least 25 AMPLED"),
        ]
    );
    let (status, jwks) = http(&format!("{}/.well-known/jwks.json", gated.node.url), None);
    assert_eq!(status, 200);
    let key = &jwks["keys"][0];
    assert_eq!(key["x"], URL_SAFE_NO_PAD.encode(issuer.as_ref()));
    assert_eq!(key["kid"], issuer.to_string());
    assert_eq!(
        (&key["kty"], &key["crv"], &key["alg"]),
        (&json!("OKP"), &json!("Ed25519"), &json!("EdDSA"))
    );
    assert_eq!(gated.ampled.json(&["gate", "key"])["jwks"], jwks);

    // A worker proves membership; a site checks the pass offline.
    let proved = gated.pass("ben", "members");
    assert_eq!(proved["passes"], true);
    assert_eq!(proved["wallet"], ben.to_string());
    let pass = proved["pass"].as_str().unwrap();
    let (status, checked) = gated.verify(pass, "members");
    assert_eq!(status, 0, "{checked}");
    assert_eq!(checked["valid"], true);
    let claims = &checked["claims"];
    assert_eq!(claims, &proved["claims"]);
    assert_eq!(claims["iss"], issuer.to_string());
    assert_eq!(claims["sub"], ben.to_string());
    assert_eq!(claims["aud"], "members");
    assert_eq!(claims["community"], "coop");
    assert_eq!(claims["member"], true);
    assert_eq!(claims["role"], "worker");
    assert_eq!(claims["balance"], "0");
    let lifetime = claims["exp"].as_i64().unwrap() - claims["iat"].as_i64().unwrap();
    assert_eq!(
        lifetime, 600,
        "ten minutes unless the node is told otherwise"
    );
    assert_eq!(
        proved["expires_at"],
        rfc3339(claims["exp"].as_i64().unwrap())
    );
    let text = gated
        .ampled
        .ok(&["gate", "verify", pass, "--gate", "members"]);
    assert!(
        text.starts_with(&format!("VALID: {ben} may open \"members\" until ")),
        "{text}"
    );
    // The pass opens its own gate only.
    let (status, other) = gated.verify(pass, "artists");
    assert_eq!(status, UNMET_EXIT);
    assert_eq!(other["valid"], false);
    assert_eq!(other["code"], "pass_for_other_gate");
    assert_eq!(
        other["reason"],
        "That pass opens \"members\", not \"artists\""
    );

    // Roles and tokens.
    gated.refused_by_rule(
        "ben",
        "artists",
        &format!("{ben} is a worker member; this is for artist members"),
    );
    let text = gated
        .ampled
        .run(&["-k", "ben", "check", "--prove", "--gate", "artists"]);
    assert_eq!(text.status, UNMET_EXIT);
    assert_eq!(
        text.stdout,
        format!("FAIL: Not let into \"artists\": {ben} is a worker member; this is for artist members\n")
    );
    // `-q`: the pass alone, for `PASS=$(ampled -q check --prove ...)`.
    let quiet = gated
        .ampled
        .ok(&["-q", "-k", "ana", "check", "--prove", "--gate", "members"]);
    let (status, checked) = gated.verify(quiet.trim_end(), "members");
    assert_eq!(status, 0, "{quiet:?}: {checked}");
    assert_eq!(quiet.lines().count(), 1, "{quiet:?}");
    let artist = gated.pass("ana", "artists");
    assert_eq!(artist["claims"]["role"], "artist");
    let holder = gated.pass("ana", "workspace");
    assert_eq!(holder["claims"]["balance"], "30");
    gated.refused_by_rule(
        "ben",
        "workspace",
        &format!("{ben} holds 0 AMPLED; this needs at least 25"),
    );
    gated.refused_by_rule(
        "dan",
        "members",
        &format!("{dan} is not a member of coop: members admit new members by vote"),
    );

    // A gate the rules do not name.
    let unknown = gated
        .ampled
        .run(&["-k", "ben", "check", "--prove", "--gate", "nope"]);
    assert_eq!(unknown.status, ERROR_EXIT, "{}", unknown.stdout);
    assert!(
        unknown.stderr.ends_with(
            "\nerror: There is no gate \"nope\" here; the gates are: artists, members, workspace\nNothing was sent.\n"
        ),
        "{}",
        unknown.stderr
    );
    assert_eq!(unknown.stdout, "");

    // cleo's pass, then the members vote her out. The pass says what was true when it was
    // issued: a site accepts it until it expires (the documented exposure, bounded by the
    // pass's lifetime) and not a second longer; the node gives her no new one.
    let before = gated.pass("cleo", "members");
    let old_pass = before["pass"].as_str().unwrap();
    gated
        .ampled
        .pass("ana", &["member", "remove", "cleo"], &["ana", "ben"]);
    let (status, still) = gated.verify(old_pass, "members");
    assert_eq!(status, 0, "{still}");
    assert_eq!(still["claims"]["sub"], cleo.to_string());
    let exp = still["claims"]["exp"].as_i64().unwrap();
    assert_eq!(exp - still["claims"]["iat"].as_i64().unwrap(), 600);
    assert_eq!(
        verify_pass(old_pass, &issuer, "members", exp),
        Err(GateRefusal::PassExpired { at: rfc3339(exp) })
    );
    gated.refused_by_rule(
        "cleo",
        "members",
        &format!("{cleo} is no longer a member of coop: their membership was removed"),
    );
    let text = gated
        .ampled
        .run(&["-k", "cleo", "check", "--prove", "--gate", "members"]);
    assert_eq!(text.status, UNMET_EXIT);
    assert!(
        text.stdout.contains("is no longer a member"),
        "{}",
        text.stdout
    );
}

#[test]
fn the_node_refuses_a_replayed_signature_another_keys_and_another_domains() {
    let gated = Gated::start(&[]);
    let ben = gated.ampled.address("ben");

    // Signed once, accepted once.
    let (input, message) = gated.challenge("members", "ben");
    assert_eq!(input["domain"], gated.domain());
    assert_eq!(input["address"], ben.to_string());
    assert!(message.starts_with(&format!(
        "{} wants you to sign in with your Solana account:\n{ben}\n\n",
        gated.domain()
    )));
    let (status, issued) = gated.sign_in("ben", &message, "ben");
    assert_eq!(status, 200, "{issued}");
    assert_eq!(issued["claims"]["sub"], ben.to_string());
    assert!(issued["pass"].as_str().is_some());
    assert_refusal(
        gated.sign_in("ben", &message, "ben"),
        401,
        "replayed",
        "That signed challenge was already used: each sign-in is good once, so sign in again",
    );

    // The same signed challenge sent twice at once: one pass, one refusal.
    let (_, message) = gated.challenge("members", "ben");
    let signature = gated.keypair("ben").sign_message(message.as_bytes());
    let body = json!({
        "address": ben.to_string(),
        "message": message,
        "signature": signature.to_string(),
    });
    let url = format!("{}/siws/verify", gated.node.url);
    let both: Vec<(u16, Value)> = std::thread::scope(|scope| {
        let sent: Vec<_> = (0..2)
            .map(|_| scope.spawn(|| post(&url, body.clone())))
            .collect();
        sent.into_iter().map(|s| s.join().unwrap()).collect()
    });
    let mut statuses: Vec<u16> = both.iter().map(|(status, _)| *status).collect();
    statuses.sort();
    assert_eq!(statuses, [200, 401], "{both:?}");
    let refused = both.into_iter().find(|(status, _)| *status == 401).unwrap();
    assert_eq!(refused.1["error"]["code"], "replayed");

    // cleo signs ben's challenge and claims to be ben: refused, and ben's challenge is still his.
    let (_, message) = gated.challenge("members", "ben");
    assert_refusal(
        gated.sign_in("ben", &message, "cleo"),
        401,
        "bad_signature",
        &format!("The signature is not by {ben}: sign the challenge with that wallet"),
    );
    let (status, issued) = gated.sign_in("ben", &message, "ben");
    assert_eq!(status, 200, "the challenge is still ben's to use: {issued}");

    // ben signs a challenge edited to name another domain (as a phishing site would ask).
    let (_, message) = gated.challenge("members", "ben");
    let elsewhere = message.replacen(gated.domain(), "evil.example", 1);
    assert!(elsewhere.starts_with("evil.example wants you to sign in"));
    let domain = gated.domain();
    assert_refusal(
        gated.sign_in("ben", &elsewhere, "ben"),
        400,
        "wrong_domain",
        &format!("This sign-in is for evil.example, not {domain}: sign in on {domain} itself"),
    );

    // A gate the rules do not name, asked by hand.
    assert_refusal(
        post(
            &format!("{}/siws/challenge", gated.node.url),
            json!({ "gate": "nope" }),
        ),
        404,
        "unknown_gate",
        "There is no gate \"nope\" here; the gates are: artists, members, workspace",
    );

    // A post that does not say it is JSON (what a form on another site can send) is not read.
    let plain = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime")
        .block_on(async {
            reqwest::Client::new()
                .post(format!("{}/siws/challenge", gated.node.url))
                .header("content-type", "text/plain")
                .body(r#"{"gate":"members"}"#)
                .send()
                .await
                .expect("the node answers")
                .status()
                .as_u16()
        });
    assert_eq!(plain, 415);

    // Reached by another name than the one it signs in for, the command line signs nothing:
    // whoever answers there could be passing on another site's challenge.
    let port = gated.domain().rsplit(':').next().unwrap().to_string();
    let elsewhere = gated.ampled.run(&[
        "-u",
        &format!("http://localhost:{port}"),
        "-k",
        "ben",
        "check",
        "--prove",
        "--gate",
        "members",
    ]);
    assert_eq!(elsewhere.status, 2, "{}", elsewhere.stderr);
    assert!(
        elsewhere.stderr.contains(&format!(
            "asked to sign in to {}, not localhost:{port}: nothing was signed",
            gated.domain()
        )),
        "{}",
        elsewhere.stderr
    );
}

#[test]
fn a_challenge_signed_too_late_and_a_pass_used_after_its_expiry_are_refused() {
    let gated = Gated::start(&["--challenge-lifetime", "2s", "--pass-lifetime", "2s"]);
    let (input, message) = gated.challenge("members", "ben");
    let proved = gated.pass("ben", "members");
    let pass = proved["pass"].as_str().unwrap();
    let exp = proved["claims"]["exp"].as_i64().unwrap();
    assert_eq!(exp - proved["claims"]["iat"].as_i64().unwrap(), 2);

    std::thread::sleep(Duration::from_secs(3));

    let expired_at = input["expirationTime"].as_str().unwrap();
    assert_refusal(
        gated.sign_in("ben", &message, "ben"),
        401,
        "challenge_expired",
        &format!(
            "The challenge expired at {expired_at}: ask for a new one and sign it straight away"
        ),
    );
    let (status, checked) = gated.verify(pass, "members");
    assert_eq!(status, UNMET_EXIT, "{checked}");
    assert_eq!(checked["valid"], false);
    assert_eq!(checked["code"], "pass_expired");
    assert_eq!(
        checked["reason"],
        format!(
            "That pass expired at {}: sign in again for a new one",
            rfc3339(exp)
        )
    );
    assert!(checked.get("claims").is_none());
    let text = gated
        .ampled
        .run(&["gate", "verify", pass, "--gate", "members"]);
    assert_eq!(text.status, UNMET_EXIT);
    assert_eq!(
        text.stdout,
        format!(
            "INVALID: That pass expired at {}: sign in again for a new one\n",
            rfc3339(exp)
        )
    );
}

#[test]
fn proving_needs_a_node_and_a_node_needs_good_gate_rules() {
    let ampled = Ampled::new();
    ampled.coop(&["ana", "ben"], 1);

    // With no node, the embedded chain cannot sign a pass.
    let run = ampled.refused(&["-k", "ana", "check", "--prove", "--gate", "members"]);
    assert_eq!(
        run.stderr,
        "error: Proving needs a node to sign the pass: start `ampled serve` for this home (in another terminal), or name one with -u http://host:port\nNothing was sent.\n"
    );
    assert_eq!(run.stdout, "");

    // Listening everywhere, a node cannot guess the domain its sign-in messages should name.
    let home = ampled.home();
    let everywhere = run_to_the_end(home, &["serve", "--port", "0", "--bind", "0.0.0.0"]);
    assert_eq!(everywhere.status, ERROR_EXIT, "{}", everywhere.stdout);
    assert!(
        everywhere
            .stderr
            .contains("the node cannot know the domain people reach it by: name it with --domain"),
        "{}",
        everywhere.stderr
    );

    // A bad rule file: the node does not start, and says which file and what is wrong.
    let gates = home.join("gates.toml");
    std::fs::write(&gates, "[gates.open]\nabout = \"Everything\"\n").unwrap();
    let refused = run_to_the_end(home, &["serve", "--port", "0"]);
    assert_eq!(refused.status, ERROR_EXIT, "{}", refused.stdout);
    assert_eq!(
        refused.stderr,
        format!(
            "error: {}: gate \"open\" opens to anyone: say member = true, roles or min_tokens\nNothing was sent.\n",
            gates.display()
        )
    );
    let typo = home.join("typo.toml");
    std::fs::write(&typo, "[gates.docs]\nmembr = true\n").unwrap();
    let refused = run_to_the_end(
        home,
        &["serve", "--port", "0", "--gates", typo.to_str().unwrap()],
    );
    assert_eq!(refused.status, ERROR_EXIT, "{}", refused.stdout);
    assert!(
        refused
            .stderr
            .starts_with(&format!("error: {}: unknown field `membr`", typo.display())),
        "{}",
        refused.stderr
    );
    let missing = home.join("missing.toml");
    let refused = run_to_the_end(
        home,
        &["serve", "--port", "0", "--gates", missing.to_str().unwrap()],
    );
    assert_eq!(refused.status, ERROR_EXIT, "{}", refused.stdout);
    assert!(
        refused.stderr.starts_with(&format!(
            "error: cannot read the gate rules {}: ",
            missing.display()
        )),
        "{}",
        refused.stderr
    );
    // A lifetime of nothing.
    std::fs::write(&gates, GATES).unwrap();
    let refused = run_to_the_end(home, &["serve", "--port", "0", "--pass-lifetime", "0"]);
    assert_eq!(refused.status, ERROR_EXIT, "{}", refused.stdout);
    assert!(
        refused
            .stderr
            .starts_with("error: The pass lifetime must be longer than zero"),
        "{}",
        refused.stderr
    );
    // None of them left a node behind for commands to use.
    assert!(!home.join("chain").join("node.json").exists());
}
