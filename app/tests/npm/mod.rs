//! Running the npm project in `clients/` from Rust tests: Node.js and npm present and new enough,
//! `npm ci` when needed, `ampled serve` as a child process, and npm's runs bounded in time.
#![allow(dead_code)]

use std::io::{BufRead, BufReader, Read};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

/// Kit and web3.js need at least this Node.js.
pub const NODE_MIN: (u32, u32) = (20, 18);
pub const INSTALL_NODE: &str = "install Node.js 20 (20.18 or newer) with npm, e.g. `apt-get install -y nodejs npm` where it is new enough, or from nodejs.org";
/// Far beyond what `npm ci` or the suite take (about 20 s and 5 s here): only a hang gets here.
pub const NPM_LIMIT: Duration = Duration::from_secs(600);

pub fn clients_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join("clients")
}

/// `ampled serve` as a child process, stopped with SIGTERM (as a service manager stops it) when
/// dropped, so a failing test does not leave it running.
pub struct ServedNode {
    child: Child,
    pub url: String,
    pub ws_url: Option<String>,
}

impl ServedNode {
    pub fn start(home: &Path) -> Self {
        Self::start_with(home, &[])
    }

    /// `ampled --home <home> serve --port 0 <extra>` (`--demo` plays the demo's story first).
    pub fn start_with(home: &Path, extra: &[&str]) -> Self {
        let mut child = Command::new(env!("CARGO_BIN_EXE_ampled"))
            .arg("--home")
            .arg(home)
            .args(["serve", "--port", "0"])
            .args(extra)
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
    pub fn stop(&mut self) -> ExitStatus {
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
pub struct Finished {
    pub status: ExitStatus,
    pub stdout: String,
    pub stderr: String,
}

/// Runs `command` (in its own process group) to the end, or kills the whole group once
/// [`NPM_LIMIT`] has passed: npm's children must not outlive a hung run.
pub fn run_bounded(command: &mut Command, what: &str) -> Finished {
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
pub fn require_node() {
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
pub fn install_clients(clients: &Path) {
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

/// A run of node's test runner passed and ran at least one test (a run that found none fails).
pub fn assert_tests_passed(tests: &Finished, what: &str) {
    assert!(
        tests.status.success(),
        "{what} failed:\n{}\n{}",
        tests.stdout,
        tests.stderr
    );
    let passed = tests
        .stdout
        .lines()
        .filter_map(|line| line.strip_prefix("# pass "))
        .filter_map(|count| count.trim().parse::<u32>().ok())
        .sum::<u32>();
    assert!(
        passed > 0 && tests.stdout.contains("# fail 0"),
        "{what} ran no test:\n{}",
        tests.stdout
    );
}
