//! Solana's JavaScript clients, written by nobody here, work against `ampled serve` unchanged:
//! this test prepares a chain with the `ampled` command line (a co-op, tokens, proposals open for
//! a vote, auctions open for bids), serves it, and runs `npm test` in `clients/` against it:
//! `@solana/kit` with `@solana-program/token-2022`, `@anchor-lang/core`, and the client Codama
//! generates from `idl/ampled.json`. Each JavaScript test says what it proves.
//!
//! It needs Node.js 20.18 or newer with npm; without them it fails and says so. When
//! `clients/node_modules` is missing or older than the lock file, it runs `npm ci` first.

use serde_json::{json, Value};
use std::io::{BufRead, BufReader, Read};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

/// Kit and web3.js need at least this Node.js.
const NODE_MIN: (u32, u32) = (20, 18);
const INSTALL_NODE: &str = "install Node.js 20 (20.18 or newer) with npm, e.g. `apt-get install -y nodejs npm` where it is new enough, or from nodejs.org";
/// Far beyond what `npm ci` or the suite take (about 20 s and 5 s here): only a hang gets here.
const NPM_LIMIT: Duration = Duration::from_secs(600);
/// The community the fixture creates.
const COMMUNITY: &str = "ampled";

fn clients_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join("clients")
}

/// `ampled --home <home> <args>` on the embedded chain; its stdout, trimmed. Panics with what it
/// said when it fails.
#[track_caller]
fn ampled(home: &Path, args: &[&str]) -> String {
    let output = Command::new(env!("CARGO_BIN_EXE_ampled"))
        .arg("--home")
        .arg(home)
        .args(args)
        .env_remove("AMPLED_WALLET")
        .env_remove("AMPLED_HOME")
        .env("AMPLED_COMMUNITY", COMMUNITY)
        .output()
        .expect("run ampled");
    assert!(
        output.status.success(),
        "`ampled {}` failed:\n{}{}",
        args.join(" "),
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout)
        .expect("utf-8")
        .trim()
        .to_string()
}

/// The chain the JavaScript tests start from, and what they need to know of it (written to
/// `<home>/npm-clients.json`; `clients/lib/node.mjs` reads it). Each client gets its own wallets,
/// proposal and auction, so the test files can run in any order, or together.
fn prepare_chain(home: &Path) -> Value {
    for wallet in ["ana", "ben", "cleo", "eve", "dev", "fan"] {
        ampled(home, &["wallet", "new", wallet]);
    }
    ampled(
        home,
        &[
            "community",
            "create",
            COMMUNITY,
            "--founder",
            "ana:worker",
            "--founder",
            "ben:artist",
            "--founder",
            "cleo:worker",
            "--founder",
            "eve:artist",
            "--threshold",
            "50%",
            "--min-approvals",
            "2",
            "--voting-period",
            "7d",
            "--token-name",
            "Ampled",
            "--symbol",
            "AMPLED",
        ],
    );
    // Tokens: minted to Ana by vote, then handed out to every wallet that bids or sends.
    let seed = ampled(
        home,
        &[
            "-k", "ben", "-q", "proposal", "reward", "ana", "1000", "--reason", "seed",
        ],
    );
    ampled(home, &["-k", "cleo", "proposal", "approve", &seed]);
    ampled(home, &["-k", "eve", "proposal", "approve", &seed]);
    ampled(home, &["proposal", "execute", &seed]);
    for wallet in ["cleo", "eve", "dev", "fan"] {
        ampled(home, &["-k", "ana", "transfer", wallet, "100"]);
    }

    // Two of four members must approve: Ben's approval is in, so the client's vote passes each.
    let open_proposal = |reason: &str| {
        let proposal = ampled(
            home,
            &[
                "-k", "ana", "-q", "proposal", "reward", "dev", "5", "--reason", reason,
            ],
        );
        ampled(home, &["-k", "ben", "proposal", "approve", &proposal]);
        proposal
    };
    let anchor_proposal = open_proposal("voted on with Anchor");
    let codama_proposal = open_proposal("voted on with the Codama client");

    let auction = |title: &str| {
        ampled(
            home,
            &[
                "-k",
                "ben",
                "-q",
                "auction",
                "create",
                "--title",
                title,
                "--reserve",
                "10",
            ],
        )
    };
    let anchor_auction = auction("bid on with Anchor");
    let codama_auction = auction("outbid with the Codama client");
    ampled(
        home,
        &["-k", "ana", "auction", "bid", &codama_auction, "15"],
    );
    let open_auction = auction("bid on by a non-member");

    let community: Value =
        serde_json::from_str(&ampled(home, &["community", "show", "--output", "json"]))
            .expect("community JSON");
    json!({
        "community": community["address"],
        "mint": community["mint"],
        "kit": { "sender": "dev" },
        "anchor": {
            "voter": "cleo",
            "proposal": anchor_proposal,
            "bidder": "cleo",
            "auction": anchor_auction,
        },
        "codama": {
            "voter": "eve",
            "proposal": codama_proposal,
            "bidder": "eve",
            "auction": codama_auction,
            "nonMember": "fan",
            "openAuction": open_auction,
        },
    })
}

/// `ampled serve` as a child process, stopped with SIGTERM (as a service manager stops it) when
/// dropped, so a failing test does not leave it running.
struct ServedNode {
    child: Child,
    url: String,
    ws_url: Option<String>,
}

impl ServedNode {
    fn start(home: &Path) -> Self {
        let mut child = Command::new(env!("CARGO_BIN_EXE_ampled"))
            .arg("--home")
            .arg(home)
            .args(["serve", "--port", "0"])
            .stdout(Stdio::piped())
            .spawn()
            .expect("start ampled serve");
        let mut lines = BufReader::new(child.stdout.take().expect("piped"));
        let (mut url, mut ws_url, mut banner) = (None, None, String::new());
        // Both endpoints, or the banner's last line (saying how to stop it) for a node without
        // PubSub.
        while (url.is_none() || ws_url.is_none()) && !banner.contains("Ctrl-C") {
            let mut line = String::new();
            if lines.read_line(&mut line).expect("read the node's output") == 0 {
                panic!("ampled serve stopped before it was ready; it said:\n{banner}");
            }
            let words: Vec<&str> = line.split_whitespace().collect();
            match words.as_slice() {
                ["JSON-RPC", endpoint] => url = Some(endpoint.to_string()),
                ["PubSub", endpoint] => ws_url = Some(endpoint.to_string()),
                _ => {}
            }
            banner.push_str(&line);
        }
        // Keep draining its output so that it never blocks on a full pipe.
        std::thread::spawn(move || std::io::copy(&mut lines, &mut std::io::sink()));
        let url =
            url.unwrap_or_else(|| panic!("ampled serve named no JSON-RPC endpoint:\n{banner}"));
        Self { child, url, ws_url }
    }

    /// SIGTERM, then the node's exit status (it saves the chain before exiting).
    fn stop(&mut self) -> ExitStatus {
        // SAFETY: signals a child process this test started and has not yet waited for.
        unsafe { libc::kill(self.child.id() as i32, libc::SIGTERM) };
        self.child.wait().expect("wait for ampled serve")
    }
}

impl Drop for ServedNode {
    fn drop(&mut self) {
        if matches!(self.child.try_wait(), Ok(None)) {
            self.stop();
        }
    }
}

/// A command's output, whatever it is.
struct Finished {
    status: ExitStatus,
    stdout: String,
    stderr: String,
}

/// Runs `command` (in its own process group) to the end, or kills the whole group once
/// [`NPM_LIMIT`] has passed: npm's children must not outlive a hung run.
fn run_bounded(command: &mut Command, what: &str) -> Finished {
    let mut child = command
        .process_group(0)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot run {what} ({e}): {INSTALL_NODE}"));
    let drain = |mut pipe: Box<dyn Read + Send>| {
        std::thread::spawn(move || {
            let mut text = String::new();
            let _ = pipe.read_to_string(&mut text);
            text
        })
    };
    let stdout = drain(Box::new(child.stdout.take().expect("piped")));
    let stderr = drain(Box::new(child.stderr.take().expect("piped")));
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        if started.elapsed() > NPM_LIMIT {
            // SAFETY: signals the process group of a child this test started (its id is the
            // group's, from `process_group(0)`) and has not yet waited for.
            unsafe { libc::kill(-(child.id() as i32), libc::SIGKILL) };
            let _ = child.wait();
            panic!(
                "{what} did not finish within {} s and was killed; it said:\n{}\n{}",
                NPM_LIMIT.as_secs(),
                stdout.join().unwrap_or_default(),
                stderr.join().unwrap_or_default()
            );
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    Finished {
        status,
        stdout: stdout.join().unwrap_or_default(),
        stderr: stderr.join().unwrap_or_default(),
    }
}

/// `node --version` is new enough and npm is there; otherwise the test fails saying what to
/// install (it never passes without having run the clients).
fn require_node() {
    let version = Command::new("node")
        .arg("--version")
        .output()
        .unwrap_or_else(|e| panic!("Node.js is not installed (`node`: {e}): {INSTALL_NODE}"));
    let text = String::from_utf8_lossy(&version.stdout).trim().to_string();
    let parts: Vec<u32> = text
        .trim_start_matches('v')
        .split('.')
        .filter_map(|part| part.parse().ok())
        .collect();
    assert!(
        parts.len() >= 2 && (parts[0], parts[1]) >= NODE_MIN,
        "Node.js {text} is too old for @solana/kit: {INSTALL_NODE}"
    );
    let npm = Command::new("npm").arg("--version").output();
    assert!(
        npm.as_ref().is_ok_and(|output| output.status.success()),
        "npm is not installed ({npm:?}): {INSTALL_NODE}"
    );
}

/// `npm ci` when `clients/node_modules` is missing or was installed from an older lock file.
fn install_clients(clients: &Path) {
    let modified = |path: PathBuf| std::fs::metadata(path).and_then(|m| m.modified()).ok();
    let installed = modified(clients.join("node_modules").join(".package-lock.json"));
    let locked = modified(clients.join("package-lock.json"));
    if installed.is_some() && installed >= locked {
        return;
    }
    let ci = run_bounded(
        Command::new("npm")
            .args(["ci", "--no-audit", "--no-fund"])
            .current_dir(clients),
        "npm ci",
    );
    assert!(
        ci.status.success(),
        "`npm ci` in {} failed:\n{}\n{}",
        clients.display(),
        ci.stdout,
        ci.stderr
    );
}

#[test]
fn solanas_javascript_clients_vote_bid_and_transfer_through_the_node_unchanged() {
    require_node();
    let clients = clients_dir();
    install_clients(&clients);
    let home = tempfile::tempdir().expect("temporary home");
    let fixture = prepare_chain(home.path());
    let fixture_file = home.path().join("npm-clients.json");
    std::fs::write(&fixture_file, fixture.to_string()).expect("write the fixture");
    let mut node = ServedNode::start(home.path());

    let mut npm = Command::new("npm");
    npm.arg("test")
        .current_dir(&clients)
        .env("AMPLED_NODE_URL", &node.url)
        .env("AMPLED_HOME", home.path())
        .env("AMPLED_FIXTURE", &fixture_file);
    match &node.ws_url {
        Some(ws_url) => npm.env("AMPLED_NODE_WS_URL", ws_url),
        // Validators serve PubSub on the next port; the tests default to that.
        None => npm.env_remove("AMPLED_NODE_WS_URL"),
    };
    let tests = run_bounded(&mut npm, "npm test");
    let stopped = node.stop();

    assert!(
        tests.status.success(),
        "npm test against {} failed:\n{}\n{}",
        node.url,
        tests.stdout,
        tests.stderr
    );
    // The runner's own count, so a run that found no test cannot pass.
    assert!(
        tests.stdout.lines().any(|line| line.starts_with("# pass ")
            && line
                .trim_start_matches("# pass ")
                .parse::<u32>()
                .unwrap_or(0)
                > 0)
            && tests.stdout.contains("# fail 0"),
        "npm test ran no test:\n{}",
        tests.stdout
    );
    println!("{}", tests.stdout);
    assert!(stopped.success(), "ampled serve stopped with {stopped}");
}
