//! The directory: members list what they offer for $AMPLED or ask for; only the owner edits,
//! pauses or removes a listing (and gets its rent back); non-members cannot list.
#![allow(deprecated)]

use ampled::errors::AmpledError;
use ampled::events::{ListingPosted, ListingRemoved, ListingUpdated};
use ampled::state::*;
use ampled_tests::*;
use solana_keypair::Keypair;
use solana_signer::Signer;

fn mastering(now: i64) -> ListingTerms {
    ListingTerms {
        kind: ListingKind::Offer,
        category: "mastering".into(),
        title: "I'll master your track".into(),
        uri: "https://ampled.com/directory/mastering".into(),
        price: Some(25 * TOKEN),
        contact: "mailto:ana@ampled.com".into(),
        listed_until: now + 30 * DAY,
    }
}

async fn post(
    chain: &mut Chain,
    community: &CommunityFixture,
    owner: &Keypair,
    id: u64,
    terms: ListingTerms,
) -> Result<Emitted, Failure> {
    let post = ix::post_listing(&community.address, &owner.pubkey(), id, terms);
    chain.send(&[post], &[owner]).await
}

#[tokio::test]
async fn a_member_lists_edits_pauses_and_removes_an_offer_and_gets_the_rent_back() {
    let mut chain = Chain::start().await;
    let community = chain.community(3).await;
    let ana = community.member(0).insecure_clone();
    let listing = ix::listing_address(&community.address, &ana.pubkey(), 7);
    let terms = mastering(chain.now());

    let posted = post(&mut chain, &community, &ana, 7, terms.clone())
        .await
        .unwrap();
    let stored: Listing = chain.account(&listing).await;
    assert_eq!(stored.owner, ana.pubkey());
    assert_eq!(stored.terms, terms);
    assert!(stored.is_listed(chain.now()));
    assert_eq!(posted.one::<ListingPosted>().terms, terms);

    let edited = ListingTerms {
        price: None,
        title: "Mastering: ask me".into(),
        ..terms.clone()
    };
    let update = ix::update_listing(&listing, &ana.pubkey(), edited.clone(), true);
    let updated = chain.send(&[update], &[&ana]).await.unwrap();
    let stored: Listing = chain.account(&listing).await;
    assert_eq!(stored.terms, edited);
    assert!(stored.paused && !stored.is_listed(chain.now()));
    assert!(updated.one::<ListingUpdated>().paused);

    let rent = chain.lamports(&listing).await;
    let before = chain.lamports(&ana.pubkey()).await;
    let removed = chain
        .send(&[ix::remove_listing(&listing, &ana.pubkey())], &[&ana])
        .await
        .unwrap();
    assert!(!chain.exists(&listing).await);
    assert_eq!(chain.lamports(&ana.pubkey()).await, before + rent);
    assert_eq!(removed.one::<ListingRemoved>().owner, ana.pubkey());
}

#[tokio::test]
async fn someone_else_cannot_edit_or_remove_a_listing() {
    let mut chain = Chain::start().await;
    let community = chain.community(3).await;
    let (ana, ben) = (
        community.member(0).insecure_clone(),
        community.member(1).insecure_clone(),
    );
    let terms = mastering(chain.now());
    post(&mut chain, &community, &ana, 1, terms.clone())
        .await
        .unwrap();
    let listing = ix::listing_address(&community.address, &ana.pubkey(), 1);

    let hijack = ListingTerms {
        contact: "mailto:ben@ampled.com".into(),
        ..terms.clone()
    };
    let edit = chain
        .send(
            &[ix::update_listing(&listing, &ben.pubkey(), hijack, false)],
            &[&ben],
        )
        .await;
    let remove = chain
        .send(&[ix::remove_listing(&listing, &ben.pubkey())], &[&ben])
        .await;

    assert_error(edit, AmpledError::NotListingOwner);
    assert_error(remove, AmpledError::NotListingOwner);
    let stored: Listing = chain.account(&listing).await;
    assert_eq!(stored.terms, terms);
}

#[tokio::test]
async fn a_non_member_cannot_list() {
    let mut chain = Chain::start().await;
    let community = chain.community(3).await;
    let outsider = chain.wallet().await;
    let now = chain.now();

    let result = post(&mut chain, &community, &outsider, 1, mastering(now)).await;

    // The outsider has no membership record, which the account constraints require.
    assert_error(result, anchor_lang::error::ErrorCode::AccountNotInitialized);
    assert!(
        !chain
            .exists(&ix::listing_address(
                &community.address,
                &outsider.pubkey(),
                1
            ))
            .await
    );
}

#[tokio::test]
async fn an_expired_listing_drops_out_of_the_directory() {
    let mut chain = Chain::start().await;
    let community = chain.community(3).await;
    let ana = community.member(0).insecure_clone();
    let terms = mastering(chain.now());
    post(&mut chain, &community, &ana, 3, terms.clone())
        .await
        .unwrap();
    let listing = ix::listing_address(&community.address, &ana.pubkey(), 3);

    chain.set_time(terms.listed_until).await;

    let stored: Listing = chain.account(&listing).await;
    assert!(!stored.is_listed(chain.now()));
}

#[tokio::test]
async fn listings_outside_the_limits_are_refused() {
    let mut chain = Chain::start().await;
    let community = chain.community(3).await;
    let ana = community.member(0).insecure_clone();
    let good = mastering(chain.now());
    let cases = [
        (
            ListingTerms {
                category: "Mastering".into(),
                ..good.clone()
            },
            AmpledError::InvalidListingCategory,
        ),
        (
            ListingTerms {
                category: "x".repeat(MAX_LISTING_CATEGORY_LEN + 1),
                ..good.clone()
            },
            AmpledError::InvalidListingCategory,
        ),
        (
            ListingTerms {
                title: "x".repeat(MAX_LISTING_TITLE_LEN + 1),
                ..good.clone()
            },
            AmpledError::InvalidListingTitle,
        ),
        (
            ListingTerms {
                title: "  ".into(),
                ..good.clone()
            },
            AmpledError::InvalidListingTitle,
        ),
        (
            // A terminal escape would let a title fake the rows printed after it.
            ListingTerms {
                title: "Mastering\u{1b}[2K 1 AMPLED".into(),
                ..good.clone()
            },
            AmpledError::InvalidListingTitle,
        ),
        (
            ListingTerms {
                title: "Mastering\nby cleo  5 AMPLED".into(),
                ..good.clone()
            },
            AmpledError::InvalidListingTitle,
        ),
        (
            ListingTerms {
                uri: "https://example.com/a b".into(),
                ..good.clone()
            },
            AmpledError::InvalidListingUri,
        ),
        (
            ListingTerms {
                contact: "tel:+1 555 0100".into(),
                ..good.clone()
            },
            AmpledError::InvalidListingContact,
        ),
        (
            ListingTerms {
                uri: "http://example.com".into(),
                ..good.clone()
            },
            AmpledError::InvalidListingUri,
        ),
        (
            ListingTerms {
                contact: "call me".into(),
                ..good.clone()
            },
            AmpledError::InvalidListingContact,
        ),
        (
            ListingTerms {
                price: Some(0),
                ..good.clone()
            },
            AmpledError::ZeroAmount,
        ),
        (
            ListingTerms {
                listed_until: chain.now(),
                ..good.clone()
            },
            AmpledError::InvalidListingPeriod,
        ),
        (
            ListingTerms {
                listed_until: chain.now() + MAX_LISTING_SECS + 1,
                ..good.clone()
            },
            AmpledError::InvalidListingPeriod,
        ),
    ];
    for (id, (terms, error)) in cases.into_iter().enumerate() {
        let result = post(&mut chain, &community, &ana, id as u64, terms).await;
        assert_error(result, error);
    }
}
