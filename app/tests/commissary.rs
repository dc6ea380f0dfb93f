//! The commissary: members auction gear for $AMPLED, bids are escrowed and the outbid refunded at
//! once, anyone settles after the end, and the winner or seller records the hand-over. Every bad
//! request is refused before anything is sent.

mod harness;

use ampled::state::{Auction, AuctionStatus, Proceeds};
use ampled_client::amount::format_time;
use anchor_lang::prelude::Pubkey;
use harness::{Ampled, TOKEN};
use serde_json::Value;

/// A co-op of ana, ben and cy (two approvals pass a proposal) in which ben and cy hold 100 tokens
/// each, and zed, who is no member, holds 50. Ana, who lists, holds none.
fn commissary() -> Ampled {
    let ampled = Ampled::new();
    ampled.coop(&["ana", "ben", "cy"], 1);
    ampled.wallets(&["zed"]);
    ampled.reward("ana", "ben", "100", &["ana", "cy"]);
    ampled.reward("ana", "cy", "100", &["ana", "ben"]);
    ampled.reward("ana", "zed", "50", &["ana", "ben"]);
    ampled
}

/// An auctioned item as the commands name it (`id`) and as the chain stores it (`address`).
struct Item {
    id: String,
    address: Pubkey,
}

/// `lister` lists an item titled `title` with `terms` (`auction create` options); returns it.
fn list(ampled: &Ampled, lister: &str, title: &str, terms: &[&str]) -> Item {
    let mut args = vec!["-k", lister, "auction", "create", "--title", title];
    args.extend(terms);
    let created = ampled.json(&args)["created"].as_str().unwrap().to_string();
    item(ampled, &created)
}

/// The item at `address`, with the id `auction list --all` shows for it.
fn item(ampled: &Ampled, address: &str) -> Item {
    let listed = ampled.json(&["auction", "list", "--all"]);
    let entry = listed
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["address"] == address)
        .unwrap_or_else(|| panic!("{address} is not listed: {listed}"));
    let id = entry["id"].as_str().unwrap().to_string();
    assert!(
        address.starts_with(&id),
        "{id} is not a prefix of {address}"
    );
    Item {
        id,
        address: address.parse().unwrap(),
    }
}

/// The auction's record on chain.
fn auction(ampled: &Ampled, item: &Item) -> Auction {
    ampled
        .record::<Auction>(&item.address)
        .expect("the auction exists")
}

/// The entry of `auction list` (running auctions only) for `item`, if it is there.
fn listed(ampled: &Ampled, item: &Item) -> Option<Value> {
    let list = ampled.json(&["auction", "list"]);
    list.as_array()
        .unwrap()
        .iter()
        .find(|a| a["id"] == item.id.as_str())
        .cloned()
}

fn bid(ampled: &Ampled, bidder: &str, item: &Item, amount: &str) -> Value {
    ampled.json(&["-k", bidder, "auction", "bid", &item.id, amount])
}

/// The one line of an error, as printed on stderr.
#[track_caller]
fn assert_error(run: &harness::Run, message: &str) {
    let first = run.stderr.lines().find(|l| l.starts_with("error: "));
    assert_eq!(
        first,
        Some(format!("error: {message}").as_str()),
        "{}",
        run.stderr
    );
}

/// An item ana lists for a reserve of 10, bidding open for a day.
fn amp(ampled: &Ampled) -> Item {
    list(
        ampled,
        "ana",
        "Fender amp",
        &["--reserve=10", "--duration=1d"],
    )
}

/// `amp` with ben's 12 then cy's 15, ended and settled by zed.
fn sold_amp(ampled: &Ampled) -> Item {
    let item = amp(ampled);
    bid(ampled, "ben", &item, "12");
    bid(ampled, "cy", &item, "15");
    ampled.ok(&["clock", "advance", "2d"]);
    ampled.ok(&["-k", "zed", "auction", "settle", &item.id]);
    item
}

// Listing and reading.

#[test]
fn a_listed_item_shows_its_reserve_as_the_minimum_bid_and_its_time_left() {
    let ampled = commissary();

    let item = amp(&ampled);

    let record = auction(&ampled, &item);
    assert_eq!(record.lister, ampled.address("ana"));
    assert_eq!(record.terms.title, "Fender amp");
    assert_eq!(record.terms.reserve_price, 10 * TOKEN);
    assert_eq!(record.terms.min_increment, TOKEN);
    assert_eq!(record.ends_at - record.terms.starts_at, 86_400);
    assert_eq!(record.status, AuctionStatus::Open);
    assert_eq!(
        record.proceeds,
        Proceeds::Seller {
            wallet: ampled.address("ana")
        }
    );
    let entry = listed(&ampled, &item).expect("a running auction is listed");
    assert_eq!(entry["status"], "Open");
    assert_eq!(entry["lister"], ampled.address("ana").to_string());
    assert_eq!(entry["lister_name"], "ana");
    assert_eq!(entry["proceeds"], "seller");
    assert_eq!(entry["proceeds_to"], ampled.address("ana").to_string());
    assert_eq!(entry["proceeds_to_name"], "ana");
    assert_eq!(entry["reserve_price"], "10");
    assert_eq!(entry["reserve_price_base_units"], 10 * TOKEN);
    assert_eq!(entry["ends_at_unix"], record.ends_at);
    assert_eq!(entry["highest_bid"], Value::Null);
    assert_eq!(entry["highest_bidder"], Value::Null);
    assert_eq!(entry["minimum_bid"], "10");
    assert_eq!(entry["bids"], 0);
    let left = entry["seconds_left"].as_i64().unwrap();
    assert!((86_400 - 300..=86_400).contains(&left), "{left}");
    let text = ampled.ok(&["auction", "list"]);
    assert!(text.contains(&item.id), "{text}");
    assert!(text.contains("no bids (reserve 10)"), "{text}");
    assert!(text.trim_end().ends_with(" left"), "{text}");
}

#[test]
fn auction_show_tells_the_highest_bid_and_the_next_acceptable_bid() {
    let ampled = commissary();
    let item = amp(&ampled);

    bid(&ampled, "ben", &item, "12");

    let shown = ampled.json(&["auction", "show", &item.id]);
    assert_eq!(shown["address"], item.address.to_string());
    assert_eq!(shown["title"], "Fender amp");
    assert_eq!(shown["highest_bid"], "12");
    assert_eq!(shown["highest_bid_base_units"], 12 * TOKEN);
    assert_eq!(shown["highest_bidder"], ampled.address("ben").to_string());
    assert_eq!(shown["highest_bidder_name"], "ben");
    assert_eq!(shown["minimum_bid"], "13");
    assert_eq!(shown["bids"], 1);
    let text = ampled.ok(&["auction", "show", &item.id]);
    assert!(
        text.contains("highest bid  12 AMPLED by ben (1 bid(s))"),
        "{text}"
    );
    assert!(text.contains("next bid     at least 13 AMPLED"), "{text}");
    assert!(text.contains(" left)"), "{text}");
}

// Bidding.

#[test]
fn a_bid_is_escrowed_and_becomes_the_highest_bid() {
    let ampled = commissary();
    let item = amp(&ampled);

    let outcome = bid(&ampled, "ben", &item, "12");

    assert_eq!(ampled.balance("ben"), 88 * TOKEN);
    let record = auction(&ampled, &item);
    assert_eq!(record.highest_bid, 12 * TOKEN);
    assert_eq!(record.highest_bidder, Some(ampled.address("ben")));
    assert_eq!(record.bid_count, 1);
    assert_eq!(
        outcome["events"][0]["summary"],
        format!("ben bid 12 AMPLED on auction {}", item.id)
    );
    let entry = listed(&ampled, &item).unwrap();
    assert_eq!(entry["highest_bid"], "12");
    assert_eq!(entry["highest_bidder_name"], "ben");
    assert_eq!(entry["minimum_bid"], "13");
}

#[test]
fn an_outbid_bidder_is_refunded_in_the_same_transaction() {
    let ampled = commissary();
    let item = amp(&ampled);
    bid(&ampled, "ben", &item, "12");

    let outcome = bid(&ampled, "cy", &item, "15");

    assert_eq!(ampled.balance("ben"), 100 * TOKEN);
    assert_eq!(ampled.balance("cy"), 85 * TOKEN);
    let record = auction(&ampled, &item);
    assert_eq!(record.highest_bid, 15 * TOKEN);
    assert_eq!(record.highest_bidder, Some(ampled.address("cy")));
    assert_eq!(record.bid_count, 2);
    assert_eq!(
        outcome["events"][0]["summary"],
        format!(
            "cy bid 15 AMPLED on auction {}; 12 AMPLED refunded to ben",
            item.id
        )
    );
}

#[test]
fn a_non_member_holding_tokens_may_bid_on_an_open_auction() {
    let ampled = commissary();
    let item = amp(&ampled);

    bid(&ampled, "zed", &item, "10");

    assert_eq!(ampled.balance("zed"), 40 * TOKEN);
    assert_eq!(
        auction(&ampled, &item).highest_bidder,
        Some(ampled.address("zed"))
    );
}

#[test]
fn a_members_only_auction_refuses_a_non_member_bidder() {
    let ampled = commissary();
    let item = list(
        &ampled,
        "ana",
        "Rehearsal slot",
        &["--reserve=5", "--members-only"],
    );

    let run = ampled.refused(&["-k", "zed", "auction", "bid", &item.id, "5"]);
    bid(&ampled, "ben", &item, "5");

    assert_error(&run, "Only members may bid in this auction");
    assert_eq!(
        auction(&ampled, &item).highest_bidder,
        Some(ampled.address("ben"))
    );
    assert_eq!(listed(&ampled, &item).unwrap()["members_only"], true);
}

#[test]
fn a_bid_in_the_snipe_window_extends_the_end_and_an_earlier_one_does_not() {
    let ampled = commissary();
    let item = list(
        &ampled,
        "ana",
        "Snare drum",
        &[
            "--reserve=10",
            "--duration=1h",
            "--snipe-window=10m",
            "--snipe-extension=30m",
        ],
    );
    let listed_end = auction(&ampled, &item).terms.ends_at;

    bid(&ampled, "ben", &item, "10");
    let after_early_bid = auction(&ampled, &item).ends_at;
    ampled.ok(&["clock", "advance", "55m"]);
    bid(&ampled, "cy", &item, "11");
    let after_late_bid = auction(&ampled, &item).ends_at;
    ampled.ok(&["clock", "advance", "10m"]);
    bid(&ampled, "ben", &item, "12");
    let settle_early = ampled.refused(&["auction", "settle", &item.id]);

    assert_eq!(after_early_bid, listed_end);
    assert_eq!(after_late_bid, listed_end + 30 * 60);
    let record = auction(&ampled, &item);
    assert_eq!(
        record.ends_at,
        listed_end + 30 * 60,
        "a bid 25 minutes before the end is outside the window"
    );
    assert_eq!(record.highest_bidder, Some(ampled.address("ben")));
    assert_eq!(record.highest_bid, 12 * TOKEN);
    assert_error(
        &settle_early,
        &format!(
            "The auction is still running until {}; settle it after it ends",
            format_time(listed_end + 30 * 60)
        ),
    );
}

// Settling, cancelling, handing over.

#[test]
fn after_the_end_anyone_settles_and_the_seller_receives_the_winning_bid() {
    let ampled = commissary();
    let item = amp(&ampled);
    bid(&ampled, "ben", &item, "12");
    bid(&ampled, "cy", &item, "15");
    ampled.ok(&["clock", "advance", "2d"]);
    let supply = ampled.community().supply;

    let outcome = ampled.json(&["-k", "zed", "auction", "settle", &item.id]);

    assert_eq!(ampled.balance("ana"), 15 * TOKEN);
    assert_eq!(ampled.balance("ben"), 100 * TOKEN);
    assert_eq!(ampled.balance("cy"), 85 * TOKEN);
    assert_eq!(ampled.community().supply, supply);
    let record = auction(&ampled, &item);
    assert_eq!(record.status, AuctionStatus::Settled);
    assert!(record.settled_at.is_some());
    assert_eq!(
        outcome["events"][0]["summary"],
        format!("auction {} won by cy for 15 AMPLED, paid to ana", item.id)
    );
    assert_eq!(
        listed(&ampled, &item),
        None,
        "only running auctions are listed"
    );
    let shown = ampled.json(&["auction", "show", &item.id]);
    assert_eq!(shown["status"], "Settled");
    assert_eq!(
        shown["seconds_left"],
        Value::Null,
        "a settled auction has no time left"
    );
    assert_eq!(shown["minimum_bid"], Value::Null, "nobody can bid any more");
    let text = ampled.ok(&["auction", "show", &item.id]);
    assert!(
        text.contains("next bid     none: bidding is closed"),
        "{text}"
    );
    assert!(
        !text.contains("(ended)") && !text.contains("left"),
        "a settled auction shows no time left: {text}"
    );
}

#[test]
fn an_ended_auction_waiting_to_be_settled_says_so_in_the_list() {
    let ampled = commissary();
    let item = amp(&ampled);
    bid(&ampled, "ben", &item, "12");

    ampled.ok(&["clock", "advance", "2d"]);

    let entry = listed(&ampled, &item).expect("still open until settled");
    assert_eq!(entry["status"], "Ended");
    assert_eq!(entry["seconds_left"], Value::Null);
    assert_eq!(entry["minimum_bid"], Value::Null);
    let text = ampled.ok(&["auction", "list"]);
    assert!(text.trim_end().ends_with("Ended, to settle"), "{text}");
    assert!(!text.contains("ended left"), "{text}");
}

#[test]
fn an_auction_without_bids_settles_as_unsold_and_pays_nobody() {
    let ampled = commissary();
    let item = amp(&ampled);
    ampled.ok(&["clock", "advance", "2d"]);
    let before = ampled.community();

    let outcome = ampled.json(&["-k", "ben", "auction", "settle", &item.id]);

    let record = auction(&ampled, &item);
    assert_eq!(record.status, AuctionStatus::Unsold);
    assert_eq!(record.highest_bidder, None);
    assert_eq!(ampled.balance("ana"), 0);
    let after = ampled.community();
    assert_eq!(after.supply, before.supply);
    assert_eq!(after.treasury_balance, before.treasury_balance);
    assert_eq!(
        outcome["events"][0]["summary"],
        format!("auction {} ended unsold", item.id)
    );
}

#[test]
fn a_coop_listing_passes_by_vote_and_its_proceeds_go_to_the_treasury() {
    let ampled = commissary();
    let listing = [
        "auction",
        "create",
        "--coop",
        "--title=Spare PA",
        "--reserve=20",
    ];

    ampled.ok(&[&["-k", "ana"][..], &listing].concat());
    assert!(
        ampled.auctions().is_empty(),
        "nothing is listed before the vote"
    );
    let proposal = ampled.newest_proposal();
    ampled.ok(&["-k", "ben", "proposal", "approve", &proposal]);
    ampled.ok(&["-k", "cy", "proposal", "approve", &proposal]);
    ampled.ok(&["-k", "ben", "proposal", "execute", &proposal]);
    let (address, record) = ampled.auctions().pop().expect("listed once passed");
    let item = item(&ampled, &address.to_string());
    bid(&ampled, "ben", &item, "20");
    ampled.ok(&["clock", "advance", "4d"]);
    let before = ampled.community();
    ampled.ok(&["-k", "cy", "auction", "settle", &item.id]);

    assert_eq!(record.proceeds, Proceeds::Treasury);
    assert_eq!(record.lister, ampled.address("ana"));
    assert_eq!(listed(&ampled, &item), None);
    let after = ampled.community();
    assert_eq!(after.treasury_balance, before.treasury_balance + 20 * TOKEN);
    assert_eq!(after.supply, before.supply);
    assert_eq!(ampled.balance("ana"), 0, "the proposer gets nothing");
    assert_eq!(ampled.balance("ben"), 80 * TOKEN);
    assert_eq!(auction(&ampled, &item).status, AuctionStatus::Settled);
}

#[test]
fn a_coop_listing_with_burn_destroys_what_it_fetched() {
    let ampled = commissary();
    ampled.pass(
        "ana",
        &[
            "auction",
            "create",
            "--coop",
            "--burn",
            "--title=Old cables",
            "--reserve=20",
        ],
        &["ben", "cy"],
    );
    let (address, _) = ampled.auctions().pop().expect("listed once passed");
    let item = item(&ampled, &address.to_string());
    assert_eq!(listed(&ampled, &item).unwrap()["proceeds"], "burn");
    bid(&ampled, "cy", &item, "30");
    ampled.ok(&["clock", "advance", "4d"]);
    let before = ampled.community();

    ampled.ok(&["-k", "cy", "auction", "settle", &item.id]);

    let after = ampled.community();
    assert_eq!(after.supply, before.supply - 30 * TOKEN);
    assert_eq!(after.treasury_balance, before.treasury_balance);
    assert_eq!(ampled.balance("cy"), 70 * TOKEN);
    assert_eq!(auction(&ampled, &item).status, AuctionStatus::Settled);
}

#[test]
fn the_lister_cancels_an_item_nobody_has_bid_on() {
    let ampled = commissary();
    let item = amp(&ampled);

    ampled.ok(&["-k", "ana", "auction", "cancel", &item.id]);
    let late_bid = ampled.refused(&["-k", "ben", "auction", "bid", &item.id, "12"]);

    let record = auction(&ampled, &item);
    assert_eq!(record.status, AuctionStatus::Cancelled);
    assert_eq!(listed(&ampled, &item), None);
    assert_error(&late_bid, "This auction was cancelled by its seller");
}

#[test]
fn the_winner_marks_the_item_handed_over_once() {
    let ampled = commissary();
    let item = sold_amp(&ampled);

    ampled.ok(&["-k", "cy", "auction", "handed-over", &item.id]);
    let again = ampled.refused(&["-k", "ana", "auction", "handed-over", &item.id]);

    assert!(auction(&ampled, &item).handed_over_at.is_some());
    let shown = ampled.json(&["auction", "show", &item.id]);
    assert_eq!(shown["handed_over"], true);
    assert_error(&again, "This item was already marked as handed over");
}

#[test]
fn the_seller_may_mark_the_item_handed_over_too() {
    let ampled = commissary();
    let item = sold_amp(&ampled);

    ampled.ok(&["-k", "ana", "auction", "handed-over", &item.id]);

    assert!(auction(&ampled, &item).handed_over_at.is_some());
}

// Bad input, refused before anything is sent.

#[test]
fn a_bid_below_the_reserve_is_refused_with_the_lowest_acceptable_bid() {
    let ampled = commissary();
    let item = amp(&ampled);

    let run = ampled.refused(&["-k", "ben", "auction", "bid", &item.id, "9.5"]);

    assert_error(
        &run,
        "Bid too low: it must reach the reserve price and beat the highest bid by the minimum increment: the lowest acceptable bid now is 10 AMPLED",
    );
}

#[test]
fn a_bid_that_does_not_beat_the_highest_by_the_increment_is_refused() {
    let ampled = commissary();
    let item = list(
        &ampled,
        "ana",
        "Mic stand",
        &["--reserve=10", "--increment=2"],
    );
    bid(&ampled, "ben", &item, "12");

    let equal = ampled.refused_json(&["-k", "cy", "auction", "bid", &item.id, "12"]);
    let short = ampled.refused_json(&["-k", "cy", "auction", "bid", &item.id, "13.99"]);
    bid(&ampled, "cy", &item, "14");

    let message = "Bid too low: it must reach the reserve price and beat the highest bid by the minimum increment: the lowest acceptable bid now is 14 AMPLED";
    assert_eq!(equal["error"], message);
    assert_eq!(short["error"], message);
    assert_eq!(short["program_error"], "BidTooLow");
    assert_eq!(short["sent"], false, "nothing was sent");
    assert_eq!(short["changed_nothing"], true);
    assert_eq!(
        auction(&ampled, &item).highest_bidder,
        Some(ampled.address("cy"))
    );
}

#[test]
fn a_bid_of_more_than_the_bidder_holds_is_refused() {
    let ampled = commissary();
    let item = amp(&ampled);

    let run = ampled.refused(&["-k", "zed", "auction", "bid", &item.id, "50.000001"]);

    assert_error(&run, "You hold 50 AMPLED but this needs 50.000001");
}

#[test]
fn a_bid_of_zero_or_of_words_is_refused() {
    let ampled = commissary();
    let item = amp(&ampled);

    let zero = ampled.refused(&["-k", "ben", "auction", "bid", &item.id, "0"]);
    let words = ampled.refused(&["-k", "ben", "auction", "bid", &item.id, "abc"]);

    assert_error(&zero, "The amount must be more than zero");
    assert_error(
        &words,
        "\"abc\" is not an amount of tokens: write a number such as 12 or 12.5 (at most 6 decimals)",
    );
}

#[test]
fn a_bid_before_the_start_is_refused() {
    let ampled = commissary();
    let item = list(&ampled, "ana", "Bass", &["--reserve=10", "--starts-in=1h"]);

    let run = ampled.refused(&["-k", "ben", "auction", "bid", &item.id, "10"]);

    assert_error(&run, "This auction has not started yet");
    assert_eq!(listed(&ampled, &item).unwrap()["status"], "NotStarted");
}

#[test]
fn a_bid_after_the_end_is_refused_without_naming_a_lowest_acceptable_bid() {
    let ampled = commissary();
    let item = amp(&ampled);
    bid(&ampled, "ben", &item, "12");
    ampled.ok(&["clock", "advance", "2d"]);

    let high = ampled.refused_json(&["-k", "cy", "auction", "bid", &item.id, "50"]);
    let low = ampled.refused_json(&["-k", "cy", "auction", "bid", &item.id, "1"]);

    assert_eq!(high["error"], "This auction has ended; no more bids");
    assert_eq!(low["error"], "This auction has ended; no more bids");
}

#[test]
fn a_bid_on_a_settled_auction_is_refused_and_it_cannot_be_settled_again() {
    let ampled = commissary();
    let item = sold_amp(&ampled);

    let late_bid = ampled.refused(&["-k", "ben", "auction", "bid", &item.id, "50"]);
    let again = ampled.refused(&["-k", "ben", "auction", "settle", &item.id]);

    assert_error(&late_bid, "This auction has already been settled");
    assert_error(&again, "This auction has already been settled");
}

#[test]
fn settling_before_the_end_is_refused() {
    let ampled = commissary();
    let item = amp(&ampled);
    bid(&ampled, "ben", &item, "12");

    let run = ampled.refused(&["-k", "ana", "auction", "settle", &item.id]);

    let ends_at = auction(&ampled, &item).ends_at;
    assert_error(
        &run,
        &format!(
            "The auction is still running until {}; settle it after it ends",
            format_time(ends_at)
        ),
    );
    assert_eq!(ampled.balance("ben"), 88 * TOKEN);
}

#[test]
fn cancelling_after_a_bid_is_refused_and_the_bid_stays_escrowed() {
    let ampled = commissary();
    let item = amp(&ampled);
    bid(&ampled, "ben", &item, "12");

    let run = ampled.refused(&["-k", "ana", "auction", "cancel", &item.id]);

    assert_error(
        &run,
        "Bids have been placed, so the auction can no longer be cancelled",
    );
    assert_eq!(auction(&ampled, &item).status, AuctionStatus::Open);
    assert_eq!(ampled.balance("ben"), 88 * TOKEN);
}

#[test]
fn cancelling_someone_elses_auction_is_refused() {
    let ampled = commissary();
    let item = amp(&ampled);

    let member = ampled.refused(&["-k", "ben", "auction", "cancel", &item.id]);
    let outsider = ampled.refused(&["-k", "zed", "auction", "cancel", &item.id]);

    let message = "Only the seller can do this";
    assert_error(&member, message);
    assert_error(&outsider, message);
}

#[test]
fn a_stranger_or_the_outbid_cannot_mark_the_item_handed_over() {
    let ampled = commissary();
    let item = sold_amp(&ampled);

    let stranger = ampled.refused(&["-k", "zed", "auction", "handed-over", &item.id]);
    let outbid = ampled.refused(&["-k", "ben", "auction", "handed-over", &item.id]);

    let message = "Only the winner or the seller can mark the item handed over";
    assert_error(&stranger, message);
    assert_error(&outbid, message);
    assert_eq!(auction(&ampled, &item).handed_over_at, None);
}

#[test]
fn handing_over_before_settlement_is_refused() {
    let ampled = commissary();
    let item = amp(&ampled);
    bid(&ampled, "ben", &item, "12");

    let run = ampled.refused(&["-k", "ben", "auction", "handed-over", &item.id]);

    assert_error(
        &run,
        "The auction is Open; only a settled auction's item can be handed over",
    );
}

#[test]
fn listings_with_impossible_terms_are_refused() {
    let ampled = commissary();
    let long_title = format!("--title={}", "a".repeat(65));
    let bad_times = "Auction times are invalid: it must end in the future, after it starts, within 90 days, with anti-sniping windows of at most a day";
    let cases: [(&[&str], &str); 6] = [
        (
            &["--title=Amp", "--reserve=0"],
            "The reserve price must be more than zero",
        ),
        (
            &["--title=Amp", "--reserve=10", "--increment=0"],
            "The minimum increment must be more than zero",
        ),
        (
            &["--title=Amp", "--reserve=10", "--duration=0"],
            "The auction's duration must be longer than zero",
        ),
        (
            &[&long_title, "--reserve=10"],
            "Item title must be 1 to 64 bytes long",
        ),
        (
            &["--title=", "--reserve=10"],
            "Item title must be 1 to 64 bytes long",
        ),
        (
            &["--title=Amp", "--reserve=10", "--duration=91d"],
            bad_times,
        ),
    ];

    for (terms, message) in cases {
        let mut args = vec!["-k", "ana", "auction", "create"];
        args.extend(terms);
        let run = ampled.refused(&args);
        assert_error(&run, message);
    }
    let longest = list(&ampled, "ana", &"a".repeat(64), &["--reserve=10"]);

    assert_eq!(ampled.auctions().len(), 1);
    assert_eq!(auction(&ampled, &longest).terms.title.len(), 64);
}

#[test]
fn a_non_member_cannot_list_an_item() {
    let ampled = commissary();
    let terms = ["--title", "Amp", "--reserve", "10"];

    let own = ampled.refused(&[&["-k", "zed", "auction", "create"][..], &terms].concat());
    let coop =
        ampled.refused(&[&["-k", "zed", "auction", "create", "--coop"][..], &terms].concat());

    // How members are admitted is another command's business; the refusal names the wallet.
    let refusal = format!(
        "error: Your wallet {} is not a member of coop; ",
        ampled.address("zed")
    );
    for run in [own, coop] {
        assert!(
            run.stderr.lines().any(|line| line.starts_with(&refusal)),
            "{}",
            run.stderr
        );
    }
}

#[test]
fn an_unknown_auction_id_is_refused_by_every_command() {
    let ampled = commissary();
    amp(&ampled);
    let message = "No auction in this community has an address starting with \"0000\"; list them with `ampled auction list --all`";

    for args in [
        &["auction", "show", "0000"][..],
        &["-k", "ben", "auction", "bid", "0000", "12"],
        &["-k", "ben", "auction", "settle", "0000"],
        &["-k", "ana", "auction", "cancel", "0000"],
        &["-k", "ana", "auction", "handed-over", "0000"],
    ] {
        let error = ampled.refused_json(args);
        assert_eq!(error["error"], message, "{args:?}");
        assert_eq!(error["changed_nothing"], true);
    }
}

#[test]
fn the_seller_bidding_on_their_own_item_is_refused_before_sending() {
    let ampled = commissary();
    ampled.reward("ben", "ana", "40", &["ben", "cy"]);
    let item = amp(&ampled);
    let before = ampled.balance("ana");

    let run = ampled.refused(&["-k", "ana", "auction", "bid", &item.id, "20"]);

    assert_error(&run, "The seller cannot bid on their own auction");
    assert!(run.stderr.contains("Nothing was sent."), "{}", run.stderr);
    assert_eq!(auction(&ampled, &item).highest_bidder, None);
    assert_eq!(ampled.balance("ana"), before);
}
