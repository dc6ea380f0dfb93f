//! The directory from the command line: members list offers and requests, anyone finds them by
//! keyword, category and kind; only the owner edits, pauses, renews or removes a listing (and gets
//! its rent back); expired listings and those of removed members drop out; paying for an offer is
//! a transfer whose memo names it. Every bad request is refused before anything is sent.

mod harness;

use ampled::state::{Listing, ListingKind, ListingTerms, MemberStatus};
use anchor_lang::prelude::Pubkey;
use harness::{Ampled, TOKEN};
use serde_json::Value;
use std::str::FromStr;

const DAY: i64 = 86_400;
/// What one signature costs on the embedded chain.
const FEE: u64 = 5_000;
/// How far the chain's clock may move between the command reading it and the program running.
const CLOCK_SLACK: i64 = 5;

const MASTERING: &str = "I'll master your track";
const MASTERING_DETAILS: &str = "https://ampled.com/directory/mastering";
const MASTERING_CONTACT: &str = "mailto:ben@ampled.com";
const PA: &str = "PA and mics for the weekend";
const CHILDCARE: &str = "Childcare on show nights";

// Fixtures.

/// A co-op of ana, ben and cy (two approvals needed) in which ana holds 100 tokens, and zed, a
/// wallet that is not a member.
fn coop() -> Ampled {
    let ampled = Ampled::new();
    ampled.coop(&["ana", "ben", "cy"], 2);
    ampled.reward("ben", "ana", "100", &["ben", "cy"]);
    ampled.wallets(&["zed"]);
    ampled
}

/// `owner` posts a listing (`kind` is offer or request) with `options` of `directory post`
/// (a details page and a contact link unless they name their own); returns its address.
fn post(
    ampled: &Ampled,
    owner: &str,
    kind: &str,
    title: &str,
    category: &str,
    options: &[&str],
) -> Pubkey {
    let mut command = vec![
        "-k",
        owner,
        "directory",
        "post",
        kind,
        "--title",
        title,
        "--category",
        category,
    ];
    for (flag, default) in [
        ("--details", "https://ampled.com/directory/listing"),
        ("--contact", "https://ampled.com/contact"),
    ] {
        if !options.contains(&flag) {
            command.extend([flag, default]);
        }
    }
    command.extend(options);
    let posted = ampled.json(&command);
    assert_eq!(posted["listing"], posted["created"], "{posted}");
    Pubkey::from_str(posted["created"].as_str().expect("the listing's address")).unwrap()
}

/// ben's offer: mastering one track for 25 tokens, listed for 30 days.
fn mastering(ampled: &Ampled) -> Pubkey {
    post(
        ampled,
        "ben",
        "offer",
        MASTERING,
        "mastering",
        &[
            "--details",
            MASTERING_DETAILS,
            "--contact",
            MASTERING_CONTACT,
            "--price",
            "25",
            "--for",
            "30d",
        ],
    )
}

/// cy's offer of gear for rent, priced on request.
fn pa(ampled: &Ampled) -> Pubkey {
    post(ampled, "cy", "offer", PA, "gear rental", &[])
}

/// cy's request for childcare.
fn childcare(ampled: &Ampled) -> Pubkey {
    post(ampled, "cy", "request", CHILDCARE, "childcare", &[])
}

/// The id people type: the address prefix `directory search` shows.
fn id(address: &Pubkey) -> String {
    address.to_string()[..8].to_string()
}

fn listing(ampled: &Ampled, address: &Pubkey) -> Listing {
    ampled.record(address).expect("the listing exists")
}

/// The ids `directory search <args>` finds, sorted.
fn found(ampled: &Ampled, args: &[&str]) -> Vec<String> {
    let mut command = vec!["directory", "search"];
    command.extend(args);
    ids(&ampled.json(&command))
}

/// The ids of a JSON list of listings, sorted.
fn ids(list: &Value) -> Vec<String> {
    let mut ids: Vec<String> = list
        .as_array()
        .unwrap_or_else(|| panic!("a list: {list}"))
        .iter()
        .map(|l| l["id"].as_str().unwrap().to_string())
        .collect();
    ids.sort();
    ids
}

fn sorted(addresses: &[&Pubkey]) -> Vec<String> {
    let mut ids: Vec<String> = addresses.iter().map(|a| id(a)).collect();
    ids.sort();
    ids
}

/// The one listing with this id in a JSON list.
fn entry<'a>(list: &'a Value, address: &Pubkey) -> &'a Value {
    list.as_array()
        .unwrap()
        .iter()
        .find(|l| l["id"] == id(address))
        .unwrap_or_else(|| panic!("{} in {list}", id(address)))
}

/// ana, ben and cy's balances, in base units.
fn balances(ampled: &Ampled) -> [u64; 3] {
    ["ana", "ben", "cy"].map(|wallet| ampled.balance(wallet))
}

// Posting and finding.

#[test]
fn a_member_posts_an_offer_and_a_request_and_the_chain_holds_their_terms() {
    let ampled = coop();

    let offer = ampled.json(&[
        "-k",
        "ben",
        "directory",
        "post",
        "offer",
        "--category",
        "Mastering",
        "--title",
        MASTERING,
        "--details",
        MASTERING_DETAILS,
        "--contact",
        MASTERING_CONTACT,
        "--price",
        "25",
        "--for",
        "30d",
    ]);
    let request = ampled.json(&[
        "-k",
        "cy",
        "directory",
        "post",
        "request",
        "--category",
        "childcare",
        "--title",
        CHILDCARE,
        "--details",
        "ipfs://bafychildcare",
        "--contact",
        "tel:+15550100",
    ]);

    let offer_address = Pubkey::from_str(offer["created"].as_str().unwrap()).unwrap();
    assert_eq!(offer["listing"], offer_address.to_string());
    assert_eq!(offer["events"][0]["kind"], "ListingPosted", "{offer}");
    let stored = listing(&ampled, &offer_address);
    assert_eq!(stored.community, ampled.community().address);
    assert_eq!(stored.owner, ampled.address("ben"));
    assert!(!stored.paused);
    let listed_for = stored.terms.listed_until - stored.created_at;
    assert!(
        (30 * DAY - CLOCK_SLACK..=30 * DAY).contains(&listed_for),
        "listed for {listed_for}s"
    );
    assert_eq!(
        stored.terms,
        ListingTerms {
            kind: ListingKind::Offer,
            category: "mastering".into(),
            title: MASTERING.into(),
            uri: MASTERING_DETAILS.into(),
            price: Some(25 * TOKEN),
            contact: MASTERING_CONTACT.into(),
            listed_until: stored.terms.listed_until,
        }
    );

    let request_address = Pubkey::from_str(request["listing"].as_str().unwrap()).unwrap();
    let asked = listing(&ampled, &request_address);
    assert_eq!(asked.owner, ampled.address("cy"));
    assert_eq!(asked.terms.kind, ListingKind::Request);
    assert_eq!(asked.terms.price, None, "no --price: on request");
    assert_eq!(asked.terms.uri, "ipfs://bafychildcare");
    assert_eq!(asked.terms.contact, "tel:+15550100");
    let listed_for = asked.terms.listed_until - asked.created_at;
    assert!(
        (90 * DAY - CLOCK_SLACK..=90 * DAY).contains(&listed_for),
        "listed for {listed_for}s by default"
    );
    assert_eq!(ampled.listings().len(), 2);
}

#[test]
fn the_text_of_a_post_names_the_listing_and_how_to_find_and_change_it() {
    let ampled = coop();

    let text = ampled.ok(&[
        "-k",
        "ben",
        "directory",
        "post",
        "offer",
        "--category",
        "mastering",
        "--title",
        MASTERING,
        "--details",
        MASTERING_DETAILS,
        "--contact",
        MASTERING_CONTACT,
        "--price",
        "25",
    ]);

    let (address, _) = ampled.listings().remove(0);
    assert!(
        text.contains(&format!("Listed \"{MASTERING}\" as {}", id(&address))),
        "{text}"
    );
    assert!(
        text.contains(&format!("`ampled directory edit {}`", id(&address))),
        "{text}"
    );
    assert!(
        text.contains(&format!(
            "ben listed an offer \"{MASTERING}\" (mastering), 25 AMPLED"
        )),
        "{text}"
    );
}

#[test]
fn search_finds_listings_by_keyword_in_any_case_in_title_or_category_by_category_and_by_kind() {
    let ampled = coop();
    let mastering = mastering(&ampled);
    let pa = pa(&ampled);
    let childcare = childcare(&ampled);

    assert_eq!(found(&ampled, &[]), sorted(&[&mastering, &pa, &childcare]));
    // In the title, whatever the case.
    assert_eq!(found(&ampled, &["MASTER"]), sorted(&[&mastering]));
    assert_eq!(found(&ampled, &["show NIGHTS"]), sorted(&[&childcare]));
    // In the category.
    assert_eq!(found(&ampled, &["rental"]), sorted(&[&pa]));
    assert_eq!(found(&ampled, &["nothing like it"]), Vec::<String>::new());
    // A category matches whole, in any case.
    assert_eq!(
        found(&ampled, &["--category", "Gear Rental"]),
        sorted(&[&pa])
    );
    assert_eq!(
        found(&ampled, &["--category", "gear"]),
        Vec::<String>::new()
    );
    // By kind, and with the others.
    assert_eq!(
        found(&ampled, &["--kind", "offer"]),
        sorted(&[&mastering, &pa])
    );
    assert_eq!(
        found(&ampled, &["--kind", "request"]),
        sorted(&[&childcare])
    );
    assert_eq!(
        found(&ampled, &["master", "--kind", "request"]),
        Vec::<String>::new()
    );
    assert_eq!(
        found(&ampled, &["--category", "childcare", "--kind", "request"]),
        sorted(&[&childcare])
    );
    // Anyone searches, members or not.
    assert_eq!(
        ids(&ampled.json(&["-k", "zed", "directory", "search", "master"])),
        sorted(&[&mastering])
    );
    let nothing = ampled.ok(&["directory", "search", "nothing like it"]);
    assert_eq!(nothing.trim(), "Nothing listed matches");
}

#[test]
fn search_shows_each_listing_with_its_status_price_and_owner() {
    let ampled = coop();
    let mastering = mastering(&ampled);
    let pa = pa(&ampled);

    let list = ampled.json(&["directory", "search"]);
    let text = ampled.ok(&["directory", "search"]);

    let offer = entry(&list, &mastering);
    let stored = listing(&ampled, &mastering);
    assert_eq!(offer["address"], mastering.to_string());
    assert_eq!(offer["kind"], "offer");
    assert_eq!(offer["category"], "mastering");
    assert_eq!(offer["title"], MASTERING);
    assert_eq!(offer["uri"], MASTERING_DETAILS);
    assert_eq!(offer["contact"], MASTERING_CONTACT);
    assert_eq!(offer["status"], "listed");
    assert_eq!(offer["price"], "25");
    assert_eq!(offer["price_base_units"], 25 * TOKEN);
    assert_eq!(offer["owner"], ampled.address("ben").to_string());
    assert_eq!(offer["owner_name"], "ben");
    assert_eq!(offer["listed_until_unix"], stored.terms.listed_until);
    let on_request = entry(&list, &pa);
    assert_eq!(on_request["price"], Value::Null);
    assert_eq!(on_request["price_base_units"], Value::Null);
    assert_eq!(on_request["owner_name"], "cy");
    assert!(
        text.contains(&format!(
            "{}  offer   mastering        \"{MASTERING}\"  25 AMPLED  by ben",
            id(&mastering)
        )),
        "{text}"
    );
    assert!(
        text.contains(&format!("\"{PA}\"  price on request  by cy")),
        "{text}"
    );
}

// The owner's controls.

#[test]
fn a_paused_listing_drops_out_of_search_while_mine_shows_it_paused_until_resumed() {
    let ampled = coop();
    let mastering = mastering(&ampled);

    let paused = ampled.json(&["-k", "ben", "directory", "pause", &id(&mastering)]);

    assert_eq!(paused["listing"], mastering.to_string());
    assert!(listing(&ampled, &mastering).paused);
    assert_eq!(found(&ampled, &[]), Vec::<String>::new());
    assert_eq!(found(&ampled, &["master"]), Vec::<String>::new());
    let mine = ampled.json(&["-k", "ben", "directory", "mine"]);
    assert_eq!(ids(&mine), sorted(&[&mastering]));
    assert_eq!(mine[0]["status"], "paused");
    let text = ampled.ok(&["-k", "ben", "directory", "mine"]);
    assert!(text.contains("(paused by its owner)"), "{text}");
    let shown = ampled.json(&["directory", "show", &id(&mastering)]);
    assert_eq!(shown["status"], "paused");

    ampled.ok(&["-k", "ben", "directory", "resume", &id(&mastering)]);

    assert!(!listing(&ampled, &mastering).paused);
    assert_eq!(found(&ampled, &["master"]), sorted(&[&mastering]));
    assert_eq!(
        ampled.json(&["-k", "ben", "directory", "mine"])[0]["status"],
        "listed"
    );
}

#[test]
fn mine_shows_only_the_signers_own_listings() {
    let ampled = coop();
    let mastering = mastering(&ampled);
    let pa = pa(&ampled);
    let childcare = childcare(&ampled);

    assert_eq!(
        ids(&ampled.json(&["-k", "cy", "directory", "mine"])),
        sorted(&[&pa, &childcare])
    );
    assert_eq!(
        ids(&ampled.json(&["-k", "ben", "directory", "mine"])),
        sorted(&[&mastering])
    );
    let none = ampled.ok(&["-k", "ana", "directory", "mine"]);
    assert_eq!(
        none.trim(),
        "You list nothing; post with `ampled directory post offer ...`"
    );
}

#[test]
fn an_edit_changes_only_what_it_names() {
    let ampled = coop();
    let mastering = mastering(&ampled);
    let original = listing(&ampled, &mastering).terms;

    ampled.ok(&[
        "-k",
        "ben",
        "directory",
        "edit",
        &id(&mastering),
        "--title",
        "Mastering: one track",
    ]);
    let retitled = listing(&ampled, &mastering);
    ampled.ok(&["-k", "ben", "directory", "edit", &id(&mastering), "--ask"]);
    let asked = listing(&ampled, &mastering);
    ampled.ok(&[
        "-k",
        "ben",
        "directory",
        "edit",
        &id(&mastering),
        "--price",
        "12.5",
        "--category",
        "Mixing",
    ]);
    let repriced = listing(&ampled, &mastering);

    assert_eq!(
        retitled.terms,
        ListingTerms {
            title: "Mastering: one track".into(),
            ..original.clone()
        }
    );
    assert!(!retitled.paused);
    assert_eq!(
        asked.terms,
        ListingTerms {
            price: None,
            ..retitled.terms.clone()
        }
    );
    assert_eq!(
        repriced.terms,
        ListingTerms {
            price: Some(12 * TOKEN + TOKEN / 2),
            category: "mixing".into(),
            ..asked.terms.clone()
        }
    );
    assert_eq!(repriced.created_at, retitled.created_at);
    let shown = ampled.json(&["directory", "show", &id(&mastering)]);
    assert_eq!(shown["price"], "12.5");
    assert_eq!(shown["title"], "Mastering: one track");
}

#[test]
fn an_edit_keeps_a_paused_listing_paused() {
    let ampled = coop();
    let mastering = mastering(&ampled);
    ampled.ok(&["-k", "ben", "directory", "pause", &id(&mastering)]);

    ampled.ok(&[
        "-k",
        "ben",
        "directory",
        "edit",
        &id(&mastering),
        "--contact",
        "tel:+15550101",
    ]);

    let edited = listing(&ampled, &mastering);
    assert!(edited.paused);
    assert_eq!(edited.terms.contact, "tel:+15550101");
    assert_eq!(found(&ampled, &[]), Vec::<String>::new());
}

#[test]
fn renewing_moves_listed_until_to_the_period_counted_from_now() {
    let ampled = coop();
    let mastering = mastering(&ampled);
    let before = listing(&ampled, &mastering);
    ampled.ok(&["clock", "advance", "20d"]);

    let renewed = ampled.json(&[
        "-k",
        "ben",
        "directory",
        "renew",
        &id(&mastering),
        "--for",
        "30d",
    ]);

    assert_eq!(renewed["listing"], mastering.to_string());
    let after = listing(&ampled, &mastering);
    let listed_for = after.terms.listed_until - after.updated_at;
    assert!(
        (30 * DAY - CLOCK_SLACK..=30 * DAY).contains(&listed_for),
        "listed for {listed_for}s from the renewal"
    );
    let moved = after.terms.listed_until - before.terms.listed_until;
    assert!(
        (20 * DAY - CLOCK_SLACK..=20 * DAY + CLOCK_SLACK).contains(&moved),
        "moved by {moved}s"
    );
    assert_eq!(
        after.terms,
        ListingTerms {
            listed_until: after.terms.listed_until,
            ..before.terms
        },
        "only listed_until changed"
    );
}

#[test]
fn removing_a_listing_closes_its_account_and_returns_the_rent_to_its_owner() {
    let ampled = coop();
    let mastering = mastering(&ampled);
    let rent = ampled
        .account_lamports(&mastering)
        .expect("the listing's account");
    let before = ampled.lamports("ben");

    let text = ampled.ok(&["-k", "ben", "directory", "remove", &id(&mastering)]);

    assert!(ampled.record::<Listing>(&mastering).is_none());
    assert_eq!(ampled.account_lamports(&mastering), None);
    assert_eq!(ampled.lamports("ben"), before + rent - FEE);
    assert!(
        text.contains(&format!(
            "Removed \"{MASTERING}\" from the directory; its rent is back in your wallet"
        )),
        "{text}"
    );
    assert_eq!(found(&ampled, &[]), Vec::<String>::new());
    ampled.refused_with(
        &["directory", "show", &id(&mastering)],
        &format!(
            "No listing in this community has an address starting with \"{}\"; it may have been removed. See `ampled directory search`, or `ampled directory mine` for yours",
            id(&mastering)
        ),
    );
}

// What drops out.

#[test]
fn an_expired_listing_drops_out_of_search_and_show_says_expired() {
    let ampled = coop();
    let mastering = mastering(&ampled);
    let pa = pa(&ampled);

    ampled.ok(&["clock", "advance", "31d"]);

    assert_eq!(found(&ampled, &[]), sorted(&[&pa]), "only the 90-day one");
    let shown = ampled.json(&["directory", "show", &id(&mastering)]);
    assert_eq!(shown["status"], "expired");
    let text = ampled.ok(&["directory", "show", &id(&mastering)]);
    assert!(text.contains("  status       expired "), "{text}");
    let mine = ampled.json(&["-k", "ben", "directory", "mine"]);
    assert_eq!(mine[0]["status"], "expired");
    assert!(
        ampled.record::<Listing>(&mastering).is_some(),
        "an expired listing stays on chain until its owner removes it"
    );

    // Editing or pausing it first says to renew it, and changes nothing.
    let before = listing(&ampled, &mastering);
    for change in [
        vec!["edit", &id(&mastering), "--price", "3"],
        vec!["pause", &id(&mastering)],
    ] {
        let mut command = vec!["-k", "ben", "directory"];
        command.extend(change.iter().map(|s| &**s));
        ampled.refused_with(&command, "expired on");
        ampled.refused_with(&command, "renew it first (`ampled directory renew");
    }
    assert_eq!(listing(&ampled, &mastering).terms, before.terms);

    // Renewed, it is found again.
    ampled.ok(&["-k", "ben", "directory", "renew", &id(&mastering)]);
    assert_eq!(found(&ampled, &[]), sorted(&[&mastering, &pa]));
}

#[test]
fn pausing_twice_or_resuming_a_listed_offer_sends_nothing() {
    let ampled = coop();
    let mastering = mastering(&ampled);
    ampled.refused_with(
        &["-k", "ben", "directory", "resume", &id(&mastering)],
        "is already listed just so: nothing to change",
    );
    ampled.ok(&["-k", "ben", "directory", "pause", &id(&mastering)]);
    let paused = listing(&ampled, &mastering);
    let lamports = ampled.lamports("ben");

    ampled.refused_with(
        &["-k", "ben", "directory", "pause", &id(&mastering)],
        "is already paused",
    );

    assert_eq!(ampled.lamports("ben"), lamports, "no fee was paid");
    assert_eq!(listing(&ampled, &mastering).updated_at, paused.updated_at);
}

#[test]
fn a_removed_members_listing_drops_out_while_show_says_owner_removed() {
    let ampled = coop();
    let pa = pa(&ampled);
    let mastering = mastering(&ampled);

    ampled.pass("ana", &["member", "remove", "cy"], &["ana", "ben"]);

    assert_eq!(ampled.member("cy").unwrap().status, MemberStatus::Removed);
    assert_eq!(found(&ampled, &[]), sorted(&[&mastering]));
    assert_eq!(found(&ampled, &["rental"]), Vec::<String>::new());
    let shown = ampled.json(&["directory", "show", &id(&pa)]);
    assert_eq!(shown["status"], "owner_removed");
    let text = ampled.ok(&["directory", "show", &id(&pa)]);
    assert!(
        text.contains("status       hidden: its owner is no longer a member"),
        "{text}"
    );
    assert!(ampled.record::<Listing>(&pa).is_some());

    // They may not post again, but they take down what they listed and get its rent back.
    ampled.refused_with(
        &[
            "-k",
            "cy",
            "directory",
            "post",
            "offer",
            "--category",
            "gear rental",
            "--title",
            "More gear",
            "--details",
            "https://ampled.com/gear",
            "--contact",
            "tel:+15550100",
        ],
        &format!(
            "Your wallet {} was removed from coop; only active members can do this",
            ampled.address("cy")
        ),
    );
    let rent = ampled.account_lamports(&pa).unwrap();
    let before = ampled.lamports("cy");
    ampled.ok(&["-k", "cy", "directory", "remove", &id(&pa)]);
    assert_eq!(ampled.account_lamports(&pa), None);
    assert_eq!(ampled.lamports("cy"), before + rent - FEE);
}

// Paying.

#[test]
fn paying_for_a_priced_offer_sends_its_price_to_the_owner_with_a_memo_naming_it() {
    let ampled = coop();
    let mastering = mastering(&ampled);

    let paid = ampled.json(&["-k", "ana", "directory", "pay", &id(&mastering)]);

    assert_eq!(ampled.balance("ben"), 25 * TOKEN);
    assert_eq!(ampled.balance("ana"), 75 * TOKEN);
    let memo = format!("listing {mastering}: {MASTERING}");
    assert_eq!(paid["listing"], mastering.to_string());
    assert_eq!(paid["recipient"], ampled.address("ben").to_string());
    assert_eq!(paid["recipient_name"], "ben");
    assert_eq!(paid["amount"], "25");
    assert_eq!(paid["amount_base_units"], 25 * TOKEN);
    assert_eq!(paid["memo"], memo);

    let ledger = ampled.ok(&["ledger"]);
    assert!(
        ledger.contains(&format!(
            "ana sent 25 AMPLED to ben for listing {} \"{MASTERING}\"",
            id(&mastering)
        )),
        "{ledger}"
    );
    let entries = ampled.json(&["ledger", "--member", "ben"]);
    let transfer = entries
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["kind"] == "Transfer")
        .unwrap_or_else(|| panic!("a transfer in {entries}"));
    assert_eq!(transfer["memo"], memo);
    assert_eq!(transfer["amount_base_units"], 25 * TOKEN);
    assert_eq!(transfer["from_name"], "ana");
    assert_eq!(transfer["to_name"], "ben");
}

#[test]
fn paying_for_an_offer_priced_on_request_sends_the_amount_given() {
    let ampled = coop();
    let pa = pa(&ampled);

    let text = ampled.ok(&["-k", "ana", "directory", "pay", &id(&pa), "--amount", "2.5"]);

    assert_eq!(ampled.balance("cy"), 2 * TOKEN + TOKEN / 2);
    assert_eq!(ampled.balance("ana"), 97 * TOKEN + TOKEN / 2);
    assert!(
        text.contains(&format!("Paid 2.5 AMPLED to cy for \"{PA}\"")),
        "{text}"
    );
    assert!(
        text.contains(&format!("memo: listing {pa}: {PA}")),
        "{text}"
    );
    let ledger = ampled.ok(&["ledger"]);
    assert!(
        ledger.contains(&format!(
            "ana sent 2.5 AMPLED to cy for listing {} \"{PA}\"",
            id(&pa)
        )),
        "{ledger}"
    );
}

#[test]
fn paying_for_a_request_is_refused_and_nothing_moves() {
    let ampled = coop();
    let childcare = childcare(&ampled);
    let before = balances(&ampled);

    ampled.refused_with(
        &[
            "-k",
            "ana",
            "directory",
            "pay",
            &id(&childcare),
            "--amount",
            "5",
        ],
        "That is a request, not an offer: contact its owner and send tokens with `ampled transfer`",
    );

    assert_eq!(balances(&ampled), before);
}

#[test]
fn paying_for_your_own_offer_is_refused_and_nothing_moves() {
    let ampled = coop();
    ampled.reward("ana", "ben", "50", &["ana", "cy"]);
    let mastering = mastering(&ampled);
    let before = balances(&ampled);

    ampled.refused_with(
        &["-k", "ben", "directory", "pay", &id(&mastering)],
        "That is your own offer",
    );

    assert_eq!(balances(&ampled), before);
}

#[test]
fn paying_for_a_paused_offer_is_refused_and_nothing_moves() {
    let ampled = coop();
    let mastering = mastering(&ampled);
    ampled.ok(&["-k", "ben", "directory", "pause", &id(&mastering)]);
    let before = balances(&ampled);

    ampled.refused_with(
        &["-k", "ana", "directory", "pay", &id(&mastering)],
        &format!(
            "\"{MASTERING}\" is not listed now (its owner paused it); contact its owner before paying"
        ),
    );

    assert_eq!(balances(&ampled), before);
}

#[test]
fn paying_for_an_expired_offer_or_a_removed_members_is_refused_and_nothing_moves() {
    let ampled = coop();
    let mastering = mastering(&ampled);
    let pa = pa(&ampled);
    ampled.pass("ana", &["member", "remove", "cy"], &["ana", "ben"]);
    ampled.ok(&["clock", "advance", "31d"]);
    let before = balances(&ampled);

    ampled.refused_with(
        &["-k", "ana", "directory", "pay", &id(&mastering)],
        &format!("\"{MASTERING}\" is not listed now (it expired); contact its owner before paying"),
    );
    ampled.refused_with(
        &[
            "-k",
            "ana",
            "directory",
            "pay",
            &id(&pa),
            "--amount",
            "5",
        ],
        &format!(
            "\"{PA}\" is not listed now (its owner is no longer a member); contact its owner before paying"
        ),
    );

    assert_eq!(balances(&ampled), before);
}

#[test]
fn paying_for_an_offer_priced_on_request_without_an_amount_is_refused_and_nothing_moves() {
    let ampled = coop();
    let pa = pa(&ampled);
    let before = balances(&ampled);

    ampled.refused_with(
        &["-k", "ana", "directory", "pay", &id(&pa)],
        &format!(
            "\"{PA}\" is priced on request: agree an amount with its owner and give it with --amount"
        ),
    );

    assert_eq!(balances(&ampled), before);
}

#[test]
fn paying_more_than_you_hold_is_refused_and_nothing_moves() {
    let ampled = coop();
    let mastering = mastering(&ampled);
    let pa = pa(&ampled);
    let before = balances(&ampled);

    ampled.refused_with(
        &[
            "-k",
            "ana",
            "directory",
            "pay",
            &id(&pa),
            "--amount",
            "100.5",
        ],
        "You hold 100 AMPLED but this needs 100.5",
    );
    ampled.refused_with(
        &["-k", "zed", "directory", "pay", &id(&mastering)],
        "You hold 0 AMPLED but this needs 25",
    );

    assert_eq!(balances(&ampled), before);
    assert_eq!(ampled.balance("zed"), 0);
}

#[test]
fn a_memo_naming_a_listing_reads_as_its_payment_only_when_its_owner_is_paid() {
    let ampled = coop();
    let mastering = mastering(&ampled);
    let forged = format!("listing {mastering}: {MASTERING}");

    ampled.ok(&["-k", "ana", "transfer", "zed", "1", "--memo", &forged]);

    let ledger = ampled.ok(&["ledger"]);
    assert!(
        ledger.contains(&format!("ana sent 1 AMPLED to zed (memo: {forged})")),
        "{ledger}"
    );
    assert!(!ledger.contains("for listing"), "{ledger}");
}

#[test]
fn a_memo_cannot_write_control_characters_to_the_terminal() {
    let ampled = coop();

    ampled.ok(&[
        "-k",
        "ana",
        "transfer",
        "zed",
        "1",
        "--memo",
        "thanks\u{1b}[2K\nfake line",
    ]);

    let ledger = ampled.ok(&["ledger"]);
    assert!(
        ledger.contains("(memo: thanks\u{fffd}[2K\u{fffd}fake line)"),
        "{ledger}"
    );
}

#[test]
fn paying_a_priced_offer_another_amount_is_refused_and_nothing_moves() {
    let ampled = coop();
    let mastering = mastering(&ampled);
    let before = balances(&ampled);

    ampled.refused_with(
        &[
            "-k",
            "ana",
            "directory",
            "pay",
            &id(&mastering),
            "--amount",
            "1",
        ],
        &format!("\"{MASTERING}\" is priced at 25 AMPLED: pay it as listed (without --amount)"),
    );

    assert_eq!(balances(&ampled), before);
}

// Refusals.

#[test]
fn a_wallet_that_is_not_a_member_cannot_post() {
    let ampled = coop();

    ampled.refused_with(
        &[
            "-k",
            "zed",
            "directory",
            "post",
            "offer",
            "--category",
            "mastering",
            "--title",
            MASTERING,
            "--details",
            MASTERING_DETAILS,
            "--contact",
            "mailto:zed@example.com",
            "--price",
            "5",
        ],
        &format!(
            "Your wallet {} is not a member of coop; members admit new members by vote (`ampled member add`)",
            ampled.address("zed")
        ),
    );

    assert!(ampled.listings().is_empty());
}

#[test]
fn someone_else_cannot_edit_pause_resume_renew_or_remove_a_listing() {
    let ampled = coop();
    let mastering = mastering(&ampled);
    let listing_id = id(&mastering);
    let before = listing(&ampled, &mastering);
    let attempts: [&[&str]; 6] = [
        &["edit", &listing_id, "--title", "Mastered by ana"],
        &["edit", &listing_id, "--price", "1"],
        &["pause", &listing_id],
        &["resume", &listing_id],
        &["renew", &listing_id, "--for", "366d"],
        &["remove", &listing_id],
    ];

    for signer in ["ana", "zed"] {
        for attempt in attempts {
            let mut command = vec!["-k", signer, "directory"];
            command.extend(attempt);
            ampled.refused_with(
                &command,
                "Only the member who posted this listing can change or remove it",
            );
        }
    }

    let after = listing(&ampled, &mastering);
    assert_eq!(after.terms, before.terms);
    assert_eq!(
        (after.paused, after.updated_at),
        (before.paused, before.updated_at)
    );
    let refusal = ampled.refused_json(&["-k", "ana", "directory", "pause", &listing_id]);
    assert_eq!(refusal["program_error"], "NotListingOwner", "{refusal}");
    assert_eq!(refusal["code"], 6108);
    assert_eq!(refusal["sent"], false);
}

#[test]
fn bad_terms_are_refused_before_anything_is_sent() {
    let ampled = coop();
    let long_title = "a".repeat(65);
    let long_category = "a".repeat(25);
    let cases: [(&str, &str, &str); 10] = [
        (
            "--category",
            "gear_rental",
            "A listing's category is 1 to 24 characters: lowercase letters, digits, spaces and hyphens",
        ),
        (
            "--category",
            &long_category,
            "A listing's category is 1 to 24 characters: lowercase letters, digits, spaces and hyphens",
        ),
        ("--title", "   ", "A listing's title is 1 to 64 bytes"),
        ("--title", &long_title, "A listing's title is 1 to 64 bytes"),
        (
            "--details",
            "http://ampled.com/directory/mastering",
            "A listing's description must be at an https://, ipfs:// or ar:// address of at most 200 bytes",
        ),
        (
            "--contact",
            "cleo@x",
            "A listing's contact is an https:// page, a mailto: address or a tel: number, at most 200 bytes",
        ),
        (
            "--contact",
            "mailto:",
            "A listing's contact is an https:// page, a mailto: address or a tel: number, at most 200 bytes",
        ),
        ("--price", "0", "The amount must be more than zero"),
        (
            "--for",
            "400d",
            "\"400d\" is too long: no period ampled accepts is longer than 366d",
        ),
        (
            "--for",
            "0",
            "How long it stays listed must be longer than zero",
        ),
    ];

    for (flag, value, message) in cases {
        let mut terms = vec![
            ("--category", "mastering"),
            ("--title", MASTERING),
            ("--details", MASTERING_DETAILS),
            ("--contact", MASTERING_CONTACT),
        ];
        terms.retain(|(other, _)| *other != flag);
        terms.push((flag, value));
        let mut command = vec!["-k", "ben", "directory", "post", "offer"];
        command.extend(terms.into_iter().flat_map(|(flag, value)| [flag, value]));
        ampled.refused_with(&command, message);
    }

    assert!(ampled.listings().is_empty());
    let refusal = ampled.refused_json(&[
        "-k",
        "ben",
        "directory",
        "post",
        "offer",
        "--category",
        "mastering",
        "--title",
        &long_title,
        "--details",
        MASTERING_DETAILS,
        "--contact",
        MASTERING_CONTACT,
    ]);
    assert_eq!(refusal["program_error"], "InvalidListingTitle", "{refusal}");
    assert_eq!(refusal["code"], 6104);
    assert_eq!(refusal["sent"], false);
}

#[test]
fn the_longest_title_and_category_are_accepted_and_an_uppercase_category_is_lowered() {
    let ampled = coop();
    let title = "a".repeat(64);

    let address = post(
        &ampled,
        "ben",
        "offer",
        &title,
        "Gear Rental and PA hires",
        &[],
    );

    let stored = listing(&ampled, &address);
    assert_eq!(stored.terms.title, title);
    assert_eq!(stored.terms.category, "gear rental and pa hires");
    assert_eq!(stored.terms.category.len(), 24);
}

#[test]
fn bad_edits_are_refused_and_change_nothing() {
    let ampled = coop();
    let mastering = mastering(&ampled);
    let listing_id = id(&mastering);
    let before = listing(&ampled, &mastering);

    ampled.refused_with(
        &[
            "-k",
            "ben",
            "directory",
            "edit",
            &listing_id,
            "--contact",
            "cleo@x",
        ],
        "A listing's contact is an https:// page, a mailto: address or a tel: number, at most 200 bytes",
    );
    ampled.refused_with(
        &[
            "-k",
            "ben",
            "directory",
            "edit",
            &listing_id,
            "--price",
            "0",
        ],
        "The amount must be more than zero",
    );
    ampled.refused_with(
        &[
            "-k",
            "ben",
            "directory",
            "edit",
            &listing_id,
            "--category",
            "gear_rental",
        ],
        "A listing's category is 1 to 24 characters: lowercase letters, digits, spaces and hyphens",
    );
    ampled.refused_with(
        &[
            "-k",
            "ben",
            "directory",
            "renew",
            &listing_id,
            "--for",
            "400d",
        ],
        "\"400d\" is too long: no period ampled accepts is longer than 366d",
    );

    let after = listing(&ampled, &mastering);
    assert_eq!(after.terms, before.terms);
    assert_eq!(after.updated_at, before.updated_at);
}

#[test]
fn an_unknown_listing_id_points_to_directory_search() {
    let ampled = coop();
    mastering(&ampled);
    let message = "No listing in this community has an address starting with \"ZZZZ\"; it may have been removed. See `ampled directory search`, or `ampled directory mine` for yours";

    for command in [
        &["directory", "show", "ZZZZ"][..],
        &["-k", "ana", "directory", "pay", "ZZZZ"],
        &["-k", "ben", "directory", "edit", "ZZZZ", "--title", "x"],
        &["-k", "ben", "directory", "pause", "ZZZZ"],
        &["-k", "ben", "directory", "remove", "ZZZZ"],
    ] {
        ampled.refused_with(command, message);
    }
}

// A member's page.

#[test]
fn member_show_lists_the_listings_people_find_of_that_member() {
    let ampled = coop();
    let pa = pa(&ampled);
    let childcare = childcare(&ampled);
    let mastering = mastering(&ampled);
    ampled.ok(&["-k", "cy", "directory", "pause", &id(&childcare)]);

    let shown = ampled.json(&["member", "show", "cy"]);
    let text = ampled.ok(&["member", "show", "cy"]);

    assert_eq!(ids(&shown["listings"]), sorted(&[&pa]), "{shown}");
    assert_eq!(shown["listings"][0]["title"], PA);
    assert_eq!(shown["listings"][0]["status"], "listed");
    assert!(text.contains("\n  directory\n"), "{text}");
    assert!(
        text.contains(&format!("{}  offer   gear rental", id(&pa))),
        "{text}"
    );
    assert!(
        !text.contains(&id(&childcare)),
        "a paused listing is not shown: {text}"
    );
    assert!(!text.contains(&id(&mastering)), "{text}");
    let bens = ampled.json(&["member", "show", "ben"]);
    assert_eq!(ids(&bens["listings"]), sorted(&[&mastering]));
    let anas = ampled.ok(&["member", "show", "ana"]);
    assert!(anas.contains("  directory    nothing listed"), "{anas}");
}
