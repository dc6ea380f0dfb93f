// The directory's rules, mirrored from the program (programs/ampled/src/state/listing.rs) and the
// Rust client (app/src/client/directory.rs) so the page shows what `ampled directory search`
// shows and explains a refusal before anything is signed. The program decides; this only says.
import { isAddress, type Address } from '@solana/kit';
import { ListingKind, MemberStatus, type Listing, type Member } from '@generated';
import type { Rec } from './chain';

/** `MAX_LISTING_TITLE_LEN`, in bytes. */
export const MAX_TITLE_BYTES = 64;
/** `MAX_LISTING_CATEGORY_LEN`: ASCII only, so characters and bytes agree. */
export const MAX_CATEGORY_LEN = 24;
/** `MAX_URI_LEN` (state/bounty.rs), for the description link and the contact alike, in bytes. */
export const MAX_URI_BYTES = 200;
/** `MAX_LISTING_SECS`: a listing stays up at most 366 days before its owner renews it. */
export const MAX_LISTING_DAYS = 366;
export const MAX_LISTING_SECS = MAX_LISTING_DAYS * 86_400;
/** `TOKEN_URI_SCHEMES`: where a longer description may live. */
export const URI_SCHEMES = ['https://', 'ipfs://', 'ar://'];
/** `CONTACT_SCHEMES`: a page, an email or a phone number. */
export const CONTACT_SCHEMES = ['https://', 'mailto:', 'tel:'];
export const DEFAULT_LISTING_DAYS = 90;

const MEMO_PREFIX = 'listing ';

/**
 * What a payment for a listing carries as its memo: `listing <address>: <title>`, the words
 * `ampled directory pay` writes, so the ledger of either reads the other's payments.
 */
export function listingMemo(address: Address, title: string): string {
  return `${MEMO_PREFIX}${address}: ${title}`;
}

/** The listing a memo names, when it is a payment for one; null for any other memo. */
export function parseListingMemo(memo: string): Address | null {
  if (!memo.startsWith(MEMO_PREFIX)) return null;
  const rest = memo.slice(MEMO_PREFIX.length);
  const end = rest.indexOf(': ');
  if (end < 0) return null;
  const candidate = rest.slice(0, end);
  return isAddress(candidate) ? candidate : null;
}

function activeWallets(members: Rec<Member>[]): Set<Address> {
  return new Set(
    members.filter((m) => m.data.status === MemberStatus.Active).map((m) => m.data.wallet),
  );
}

/**
 * Whether people find it now: not paused, not expired (`Listing::is_listed`), and posted by a
 * member who is still active (a removed member's listings stay on chain but drop out).
 */
export function isListed(listing: Listing, now: number, members: Rec<Member>[]): boolean {
  return listedAmong(listing, now, activeWallets(members));
}

function listedAmong(listing: Listing, now: number, active: Set<Address>): boolean {
  return !listing.paused && now < Number(listing.terms.listedUntil) && active.has(listing.owner);
}

/** Why a listing shows or not, as `ampled directory mine` says it. */
export type ListingStatus = 'listed' | 'paused' | 'expired' | 'owner-removed';

export function listingStatus(
  listing: Listing,
  now: number,
  members: Rec<Member>[],
): ListingStatus {
  if (!activeWallets(members).has(listing.owner)) return 'owner-removed';
  if (listing.paused) return 'paused';
  if (now >= Number(listing.terms.listedUntil)) return 'expired';
  return 'listed';
}

export type DirectoryQuery = {
  /** Matched whole: categories are lowercase words ("mastering", "gear rental"). Empty: any. */
  category?: string;
  /** Found in the title or the category, in any case. Empty: any. */
  keyword?: string;
  /** Offers, requests, or both when missing. */
  kind?: ListingKind | null;
};

/**
 * The listings matching `query`, newest first (those of the same second in address order, so
 * the order holds from one read to the next). Whether they are listed is `isListed`'s to say.
 */
export function search(listings: Rec<Listing>[], query: DirectoryQuery): Rec<Listing>[] {
  const category = query.category?.trim().toLowerCase() ?? '';
  const keyword = query.keyword?.trim().toLowerCase() ?? '';
  return listings
    .filter(({ data: { terms } }) => {
      const kindOk = query.kind === undefined || query.kind === null || terms.kind === query.kind;
      const categoryOk = !category || terms.category === category;
      const keywordOk =
        !keyword || terms.title.toLowerCase().includes(keyword) || terms.category.includes(keyword);
      return kindOk && categoryOk && keywordOk;
    })
    .sort(
      (a, b) =>
        Number(b.data.createdAt - a.data.createdAt) ||
        (a.address < b.address ? -1 : a.address > b.address ? 1 : 0),
    );
}

/** What people can find now, newest first. */
export function shownListings(
  listings: Rec<Listing>[],
  now: number,
  members: Rec<Member>[],
  query: DirectoryQuery = {},
): Rec<Listing>[] {
  const active = activeWallets(members);
  return search(
    listings.filter((l) => listedAmong(l.data, now, active)),
    query,
  );
}

/** The categories of what is listed now, sorted, each once: the search form's choices. */
export function listedCategories(
  listings: Rec<Listing>[],
  now: number,
  members: Rec<Member>[],
): string[] {
  return [
    ...new Set(shownListings(listings, now, members).map((l) => l.data.terms.category)),
  ].sort();
}

export const bytes = (text: string) => new TextEncoder().encode(text).length;

/** The terms a listing form holds, before they become `ListingTerms`. */
export type TermsDraft = {
  category: string;
  title: string;
  uri: string;
  contact: string;
  /** Base units, or null for "ask". */
  price: bigint | null;
  listedUntil: number;
};

export type TermsProblems = Partial<
  Record<'category' | 'title' | 'uri' | 'contact' | 'price' | 'days', string>
>;

/** What `ListingTerms::validate` would refuse, field by field, in words. */
export function termsProblems(terms: TermsDraft, now: number): TermsProblems {
  const found: TermsProblems = {};
  if (!terms.category || terms.category.length > MAX_CATEGORY_LEN) {
    found.category = `A category is 1 to ${MAX_CATEGORY_LEN} characters`;
  } else if (!/^[a-z0-9 -]+$/.test(terms.category)) {
    found.category = 'A category uses lowercase letters, digits, spaces and hyphens only';
  }
  if (!terms.title.trim() || bytes(terms.title) > MAX_TITLE_BYTES) {
    found.title = `A title is 1 to ${MAX_TITLE_BYTES} bytes and not blank`;
  } else if (/\p{Cc}/u.test(terms.title)) {
    found.title = 'A title is one line of text, without control characters';
  }
  const spaced = /[\s\p{Cc}]/u;
  if (!URI_SCHEMES.some((s) => terms.uri.startsWith(s))) {
    found.uri = 'Link to the description at an https://, ipfs:// or ar:// address';
  } else if (spaced.test(terms.uri)) {
    found.uri = 'A link has no spaces';
  } else if (bytes(terms.uri) > MAX_URI_BYTES) {
    found.uri = `The link is at most ${MAX_URI_BYTES} bytes; use a shorter address`;
  }
  if (
    !CONTACT_SCHEMES.some((s) => terms.contact.startsWith(s) && terms.contact.length > s.length)
  ) {
    found.contact =
      'A contact is an https:// page, a mailto: address or a tel: number (for example mailto:you@example.org)';
  } else if (spaced.test(terms.contact)) {
    found.contact = 'A contact has no spaces (write a phone number as tel:+15550100)';
  } else if (bytes(terms.contact) > MAX_URI_BYTES) {
    found.contact = `The contact is at most ${MAX_URI_BYTES} bytes`;
  }
  if (terms.price === 0n) found.price = 'A price must be more than zero, or choose “ask”';
  if (!(terms.listedUntil > now) || terms.listedUntil - now > MAX_LISTING_SECS) {
    found.days = `A listing stays up from now until at most ${MAX_LISTING_DAYS} days from now`;
  }
  return found;
}

/**
 * When a listing listed for `days` from `now` ends. The full 366 days are kept a minute short,
 * so a clock read a little early cannot make the program find it too long.
 */
export function listedUntilIn(days: number, now: number): number {
  return Math.min(now + Math.round(days * 86_400), now + MAX_LISTING_SECS - 60);
}

/** Whether a link can be followed safely from the page (the chain may hold anything). */
export function followable(uri: string, schemes = ['https://']): boolean {
  return schemes.some((s) => uri.startsWith(s) && uri.length > s.length);
}

/** A random listing id, as `ampled directory post` picks one: posting reads no counter. */
export function newListingId(): bigint {
  const random = crypto.getRandomValues(new Uint8Array(8));
  return new DataView(random.buffer).getBigUint64(0, true);
}
