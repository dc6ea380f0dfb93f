//! The security.txt explorers and researchers read from the deployed program to learn whom to tell
//! about a vulnerability. It is checked in the library cargo builds from this crate, not only in
//! the source: a feature flag, a linker dropping an unused static or a wrong macro call would
//! otherwise ship a program nobody can report a flaw in.

use solana_security_txt::{find_and_parse, Contact, SecurityTxt};
use std::env::consts::{DLL_PREFIX, DLL_SUFFIX};
use std::path::{Path, PathBuf};

// What lib.rs declares, restated here so that changing how researchers reach the co-op takes a
// deliberate edit in two places.
const NAME: &str = "$AMPLED";
const PROJECT_URL: &str = "https://ampled.com";
const CONTACT_EMAIL: &str = "security@ampled.com";
const SOURCE_CODE: &str = "https://github.com/ampled/ampled-token";
const POLICY: &str = "https://github.com/ampled/ampled-token/blob/main/SECURITY.md";
const PREFERRED_LANGUAGES: [&str; 1] = ["en"];

/// The program's cdylib (`libampled.so` on Linux). Cargo writes it into `target/<profile>/deps`
/// beside this test binary when it compiles the library the test links against, and links a copy
/// into `target/<profile>`.
fn built_library() -> PathBuf {
    let file = format!("{DLL_PREFIX}ampled{DLL_SUFFIX}");
    let test_binary = std::env::current_exe().expect("the test binary's path");
    let deps = test_binary
        .parent()
        .expect("the test binary sits in a directory");
    let places: Vec<&Path> = [Some(deps), deps.parent()].into_iter().flatten().collect();
    places
        .iter()
        .map(|dir| dir.join(&file))
        .find(|path| path.is_file())
        .unwrap_or_else(|| {
            let looked: Vec<String> = places.iter().map(|d| d.display().to_string()).collect();
            panic!(
                "the program's built library {file} is missing; looked in {}. Cargo builds it with \
                 the library (crate-type \"cdylib\" in programs/ampled/Cargo.toml): run \
                 `cargo test -p ampled` rather than the test binary alone",
                looked.join(" and ")
            )
        })
}

/// Asserts every field researchers rely on, exactly as lib.rs declares it.
#[track_caller]
fn assert_declared_fields(security_txt: &SecurityTxt) {
    assert_eq!(security_txt.name, NAME, "name");
    assert_eq!(security_txt.project_url, PROJECT_URL, "project_url");
    let contacts: Vec<String> = security_txt
        .contacts
        .iter()
        .map(|contact| match contact {
            Contact::Email(address) => address.clone(),
            other => panic!("only the security email is a contact, found {other}"),
        })
        .collect();
    assert_eq!(contacts, [CONTACT_EMAIL], "contacts");
    assert_eq!(security_txt.policy, POLICY, "policy");
    assert_eq!(
        security_txt.source_code.as_deref(),
        Some(SOURCE_CODE),
        "source_code"
    );
    assert_eq!(
        security_txt.preferred_languages, PREFERRED_LANGUAGES,
        "preferred_languages"
    );
}

#[test]
fn the_built_program_library_carries_the_security_txt() {
    let library = built_library();

    let bytes = std::fs::read(&library)
        .unwrap_or_else(|err| panic!("cannot read {}: {err}", library.display()));
    let security_txt = find_and_parse(&bytes).unwrap_or_else(|err| {
        // A workspace build unifies features: a crate depending on `ampled` with `cpi` or
        // `no-entrypoint` strips the security.txt from this library too.
        let why = if cfg!(feature = "no-entrypoint") {
            " (this build has feature `no-entrypoint`, which leaves it out)"
        } else {
            ""
        };
        panic!(
            "no readable security.txt in {}: {err}{why}; explorers would show none",
            library.display()
        )
    });

    assert_declared_fields(&security_txt);
}

// Under `no-entrypoint` lib.rs declares no SECURITY_TXT at all.
#[cfg(not(feature = "no-entrypoint"))]
#[test]
fn the_security_txt_static_parses_to_the_declared_fields() {
    let security_txt =
        solana_security_txt::parse(ampled::SECURITY_TXT.as_bytes()).expect("the static parses");

    assert_declared_fields(&security_txt);
}

#[test]
fn the_policy_it_points_to_is_in_this_repository() {
    let in_repository = POLICY
        .strip_prefix(SOURCE_CODE)
        .and_then(|rest| rest.strip_prefix("/blob/main/"))
        .expect("the policy is a file of the source repository's main branch");

    let repository_root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");

    assert!(
        repository_root.join(in_repository).is_file(),
        "the security.txt points researchers at {in_repository}, which the repository lacks"
    );
}
