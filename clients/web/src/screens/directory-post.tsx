// Posting a listing to the directory (active members only), and editing one's own with the same
// form. The terms are checked as the program checks them (directory.ts `termsProblems`), so
// what would be refused is said next to its field before anything is signed.
import { useState } from 'preact/hooks';
import type { Address } from '@solana/kit';
import {
  ListingKind,
  getPostListingInstructionAsync,
  getUpdateListingInstructionAsync,
  type Listing,
  type ListingTermsArgs,
} from '@generated';
import { listingAddress } from '../addresses';
import { chainNow, type Rec } from '../chain';
import {
  DEFAULT_LISTING_DAYS,
  MAX_CATEGORY_LEN,
  MAX_LISTING_DAYS,
  MAX_TITLE_BYTES,
  MAX_URI_BYTES,
  listedCategories,
  listedUntilIn,
  newListingId,
  termsProblems,
  type TermsProblems,
} from '../directory';
import { parseTokens, tokens } from '../format';
import { send } from '../send';
import { coop, mine } from '../state';
import { useStore } from '../store';
import { Field, Page, Submit } from '../ui';
import { notActiveMemberReason, signer } from './bounty-common';

type Form = {
  kind: 'offer' | 'request';
  category: string;
  title: string;
  uri: string;
  ask: boolean;
  price: string;
  contact: string;
  days: string;
};

type Key = keyof TermsProblems;

const EMPTY: Form = {
  kind: 'offer',
  category: '',
  title: '',
  uri: '',
  ask: false,
  price: '',
  contact: '',
  days: String(DEFAULT_LISTING_DAYS),
};

/** The form filled with a listing's terms; "listed for" is the days it has left. */
function filled(listing: Listing, decimals: number, now: number): Form {
  const { terms } = listing;
  const left = Math.ceil((Number(terms.listedUntil) - now) / 86_400);
  return {
    kind: terms.kind === ListingKind.Offer ? 'offer' : 'request',
    category: terms.category,
    title: terms.title,
    uri: terms.uri,
    ask: terms.price.__option === 'None',
    price: terms.price.__option === 'Some' ? tokens(terms.price.value, decimals) : '',
    contact: terms.contact,
    days: String(left > 0 ? Math.min(left, MAX_LISTING_DAYS) : DEFAULT_LISTING_DAYS),
  };
}

/** A new listing, or (with `editing`, a listing's address) the owner's changes to theirs. */
export function ListingForm({ editing }: { editing?: string }) {
  const snapshot = useStore(coop).snapshot!;
  const me = useStore(mine);
  const listing: Rec<Listing> | undefined = editing
    ? snapshot.listings.find((l) => l.address === editing)
    : undefined;
  const { decimals, symbol } = snapshot.token;
  const [form, setForm] = useState<Form>(() =>
    listing ? filled(listing.data, decimals, chainNow(snapshot)) : EMPTY,
  );
  // An edit keeps the listing's end unless "listed for" is changed (or it already ended).
  const [daysChanged, setDaysChanged] = useState(
    () => !listing || chainNow(snapshot) >= Number(listing.data.terms.listedUntil),
  );
  const [problems, setProblems] = useState<TermsProblems>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  if (editing && !listing) {
    return (
      <Page title="Listing not found">
        <p role="alert">No listing of this co-op lives at {editing}: it may have been removed.</p>
        <p>
          <a href="#/directory">The directory</a>
        </p>
      </Page>
    );
  }

  const set =
    (key: keyof Form) =>
    (e: { currentTarget: { value: string } }): void => {
      if (key === 'days') setDaysChanged(true);
      setForm({ ...form, [key]: e.currentTarget.value });
    };

  /** The terms, or what is wrong with each field. */
  const check = (): { terms?: ListingTermsArgs; problems: TermsProblems } => {
    const now = chainNow(snapshot);
    const category = form.category.trim().toLowerCase();
    const price = form.ask ? null : parseTokens(form.price, decimals);
    const days = /^\s*\d+(\.\d+)?\s*$/.test(form.days) ? Number(form.days) : NaN;
    const listedUntil =
      listing && !daysChanged ? Number(listing.data.terms.listedUntil) : listedUntilIn(days, now);
    const found = termsProblems(
      {
        category,
        title: form.title.trim(),
        uri: form.uri.trim(),
        contact: form.contact.trim(),
        price: price ?? (form.ask ? null : 0n),
        listedUntil,
      },
      now,
    );
    if (!form.ask && price === null) {
      found.price = `Write a price in ${symbol}, like 25 or 2.5, or choose “ask”`;
    }
    if (daysChanged && !(days > 0 && days <= MAX_LISTING_DAYS)) {
      found.days = `A listing stays up for 1 to ${MAX_LISTING_DAYS} days`;
    }
    if (Object.keys(found).length) return { problems: found };
    return {
      problems: found,
      terms: {
        kind: form.kind === 'offer' ? ListingKind.Offer : ListingKind.Request,
        category,
        title: form.title.trim(),
        uri: form.uri.trim(),
        price,
        contact: form.contact.trim(),
        listedUntil: BigInt(listedUntil),
      },
    };
  };

  const blocked = listing
    ? me?.address === listing.data.owner
      ? null
      : me
        ? 'Only the member who posted this listing can change it'
        : 'Connect a wallet first'
    : notActiveMemberReason(me);

  const submit = async (e: Event) => {
    e.preventDefault();
    const { terms, problems: found } = check();
    setProblems(found);
    setError(null);
    if (!terms || blocked || !me) return;
    setBusy(true);
    try {
      if (listing) {
        const update = await getUpdateListingInstructionAsync({
          owner: signer(),
          listing: listing.address,
          terms,
          paused: listing.data.paused,
        });
        await send(`Save “${terms.title}”`, [update]);
        location.hash = `#/directory/${listing.address}`;
      } else {
        const community = snapshot.community.address;
        const id = newListingId();
        const address: Address = await listingAddress(community, me.address, id);
        const post = await getPostListingInstructionAsync({
          owner: signer(),
          community,
          listing: address,
          id,
          terms,
        });
        await send(`Post “${terms.title}”`, [post]);
        setForm(EMPTY);
        location.hash = `#/directory/${address}`;
      }
    } catch (failure) {
      setError((failure as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const problem = (key: Key) =>
    problems[key] && (
      <span id={`problem-${key}`} class="error">
        {problems[key]}
      </span>
    );
  const described = (key: Key) => ({
    'aria-invalid': problems[key] ? true : undefined,
    'aria-describedby': problems[key] ? `problem-${key}` : undefined,
  });
  const categories = listedCategories(snapshot.listings, chainNow(snapshot), snapshot.members);

  return (
    <Page title={listing ? `Edit “${listing.data.terms.title}”` : 'Post to the directory'}>
      <p>
        <a href={listing ? `#/directory/${listing.address}` : '#/directory'}>
          {listing ? 'Back to the listing' : 'The directory'}
        </a>
      </p>
      {!listing && (
        <p class="hint">
          Posting pays a little SOL as rent for the listing’s record; removing it gives the rent
          back.
        </p>
      )}
      <form class="card listing-form" onSubmit={submit} noValidate>
        <fieldset class="choice">
          <legend>Offer or request</legend>
          <label>
            <input
              type="radio"
              name="kind"
              value="offer"
              checked={form.kind === 'offer'}
              onChange={set('kind')}
            />
            An offer: something I do or lend for {symbol}
          </label>
          <label>
            <input
              type="radio"
              name="kind"
              value="request"
              checked={form.kind === 'request'}
              onChange={set('kind')}
            />
            A request: something I am looking for
          </label>
        </fieldset>
        <Field
          label="Category"
          hint={`A word or two to find it by, like mastering or gear rental: lowercase letters, digits, spaces and hyphens, up to ${MAX_CATEGORY_LEN}.`}
        >
          <input
            name="category"
            list="directory-categories"
            autocomplete="off"
            value={form.category}
            onInput={set('category')}
            {...described('category')}
          />
          {problem('category')}
        </Field>
        <datalist id="directory-categories">
          {categories.map((name) => (
            <option key={name} value={name} />
          ))}
        </datalist>
        <Field label="Title" hint={`What it is, in up to ${MAX_TITLE_BYTES} bytes.`}>
          <input
            name="title"
            autocomplete="off"
            value={form.title}
            onInput={set('title')}
            {...described('title')}
          />
          {problem('title')}
        </Field>
        <Field
          label="Link to the description"
          hint={`An https://, ipfs:// or ar:// address, up to ${MAX_URI_BYTES} bytes.`}
        >
          <input
            name="uri"
            type="url"
            autocomplete="off"
            value={form.uri}
            onInput={set('uri')}
            {...described('uri')}
          />
          {problem('uri')}
        </Field>
        <Field label={`Price in ${symbol}`}>
          <input
            name="price"
            inputMode="decimal"
            autocomplete="off"
            value={form.ask ? '' : form.price}
            disabled={form.ask}
            onInput={set('price')}
            {...described('price')}
          />
          {problem('price')}
        </Field>
        <label class="check">
          <input
            type="checkbox"
            name="ask"
            checked={form.ask}
            onChange={(e) => setForm({ ...form, ask: e.currentTarget.checked })}
          />
          Ask: the price is agreed with each person
        </label>
        <Field
          label="Contact"
          hint="How people reach you: an https:// page, a mailto: address or a tel: number."
        >
          <input
            name="contact"
            autocomplete="off"
            value={form.contact}
            onInput={set('contact')}
            {...described('contact')}
          />
          {problem('contact')}
        </Field>
        <Field
          label="Listed for (days)"
          hint={`From now; at most ${MAX_LISTING_DAYS}. It drops out of the directory then, unless you renew it.`}
        >
          <input
            name="days"
            inputMode="numeric"
            autocomplete="off"
            value={form.days}
            onInput={set('days')}
            {...described('days')}
          />
          {problem('days')}
        </Field>
        <Submit
          label={listing ? 'Save changes' : 'Post'}
          whyId="why-post"
          blocked={blocked}
          busy={busy}
          error={error}
        />
      </form>
    </Page>
  );
}
