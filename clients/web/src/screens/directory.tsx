// The directory: members' offers ("I'll master your track", "gear rental") and requests
// ("childcare on show nights"), found by keyword, category and kind; one listing's page, where an
// offer is paid for with a transfer whose memo names it; and the owner's own listings with their
// controls. Posting and editing live in directory-post.tsx.
import { useState } from 'preact/hooks';
import type { Address } from '@solana/kit';
import {
  ListingKind,
  getRemoveListingInstructionAsync,
  getUpdateListingInstructionAsync,
  type Listing,
} from '@generated';
import type { Rec, Snapshot } from '../chain';
import {
  DEFAULT_LISTING_DAYS,
  MAX_LISTING_DAYS,
  followable,
  listedCategories,
  listedUntilIn,
  listingMemo,
  listingStatus,
  search,
  shownListings,
  type ListingStatus,
} from '../directory';
import { date, parseTokens, timeLeft, tokens } from '../format';
import { coop, mine, refresh, type Mine } from '../state';
import { store, useStore } from '../store';
import { FEE_MONEY, transferInstructions } from '../transfer';
import { Action, Amount, Empty, Field, Page, Wallet } from '../ui';
import { useChainNow } from './auction-parts';
import { signer } from './bounty-common';
import { ListingForm } from './directory-post';

export function Directory({ id, action }: { id?: string; action?: string }) {
  if (id === 'new') return <ListingForm />;
  if (id && action === 'edit') return <ListingForm key={id} editing={id} />;
  if (id) return <ListingPage key={id} address={id} />;
  return <DirectoryList />;
}

/** What the owner last did that removed a listing from view, said on the directory page. */
const notice = store<string | null>(null);

export function kindName(kind: ListingKind): string {
  return kind === ListingKind.Offer ? 'Offer' : 'Request';
}

/** The price as people read it: "2.5 AMPLED", or "ask" when it is agreed with each person. */
export function Price({ listing }: { listing: Listing }) {
  const { price } = listing.terms;
  return price.__option === 'Some' ? <Amount value={price.value} /> : <>ask</>;
}

/** A link when the page can follow it safely; the text as it is otherwise (ipfs://, ar://). */
function Link({ uri, schemes }: { uri: string; schemes?: string[] }) {
  return followable(uri, schemes) ? (
    <a href={uri} rel="noopener noreferrer">
      {uri}
    </a>
  ) : (
    <span class="uri">{uri}</span>
  );
}

const CONTACT_LINKS = ['https://', 'mailto:', 'tel:'];

const REMOVING =
  'Renewing lists it again from now for that many days. Removing takes it off the chain for good, and the rent it holds comes back to you.';

function statusWords(status: ListingStatus, listing: Listing, now: number): string {
  const until = Number(listing.terms.listedUntil);
  switch (status) {
    case 'listed':
      return `Listed until ${date(until)} (${timeLeft(until, now)} left)`;
    case 'paused':
      return 'Paused by you: nobody finds it until you resume it';
    case 'expired':
      return `Expired ${date(until)}: renew it to list it again`;
    default:
      return 'Hidden: you are no longer an active member, so nobody finds it';
  }
}

/** The listing's terms, as a list of facts. */
function ListingFacts({ listing, withKind = true }: { listing: Listing; withKind?: boolean }) {
  const { terms } = listing;
  return (
    <dl class="facts">
      {withKind && (
        <>
          <dt>Kind</dt>
          <dd>{kindName(terms.kind)}</dd>
        </>
      )}
      <dt>Category</dt>
      <dd>{terms.category}</dd>
      <dt>Price</dt>
      <dd>
        <Price listing={listing} />
      </dd>
      <dt>By</dt>
      <dd>
        <Wallet address={listing.owner} />
      </dd>
      <dt>Description</dt>
      <dd>
        <Link uri={terms.uri} />
      </dd>
      <dt>Contact</dt>
      <dd>
        <Link uri={terms.contact} schemes={CONTACT_LINKS} />
      </dd>
      <dt>Listed until</dt>
      <dd>{date(terms.listedUntil)}</dd>
    </dl>
  );
}

type KindChoice = 'all' | 'offers' | 'requests';

function DirectoryList() {
  const snapshot = useStore(coop).snapshot!;
  const me = useStore(mine);
  const said = useStore(notice);
  const [keyword, setKeyword] = useState('');
  const [category, setCategory] = useState('');
  const [kind, setKind] = useState<KindChoice>('all');
  const now = useChainNow(snapshot);
  const categories = listedCategories(snapshot.listings, now, snapshot.members);
  const found = shownListings(snapshot.listings, now, snapshot.members, {
    keyword,
    category,
    kind: kind === 'offers' ? ListingKind.Offer : kind === 'requests' ? ListingKind.Request : null,
  });
  const own = me
    ? search(
        snapshot.listings.filter((l) => l.data.owner === me.address),
        {},
      )
    : [];
  return (
    <Page title="Directory">
      <p>
        What members offer for {snapshot.token.symbol} (“I’ll master your track”, gear rental,
        lessons) and what they are looking for, like a local currency’s directory. Pay for an offer
        from its page: the payment’s memo names it, so the ledger shows trade inside the co-op.{' '}
        <a href="#/directory/new">Post an offer or a request</a>
      </p>
      <form
        class="directory-search"
        role="search"
        aria-label="Directory"
        onSubmit={(e) => e.preventDefault()}
      >
        <Field label="Keyword" hint="Found in the title or the category.">
          <input
            type="search"
            name="keyword"
            value={keyword}
            autocomplete="off"
            onInput={(e) => setKeyword(e.currentTarget.value)}
          />
        </Field>
        <Field label="Category">
          <select
            name="category"
            value={category}
            onChange={(e) => setCategory(e.currentTarget.value)}
          >
            <option value="">All categories</option>
            {categories.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Offers or requests">
          <select
            name="kind"
            value={kind}
            onChange={(e) => setKind(e.currentTarget.value as KindChoice)}
          >
            <option value="all">Both</option>
            <option value="offers">Offers</option>
            <option value="requests">Requests</option>
          </select>
        </Field>
      </form>
      <p class="hint" role="status">
        {found.length} {found.length === 1 ? 'listing' : 'listings'} found
      </p>
      {found.length === 0 ? (
        <Empty>Nothing listed matches. Try another keyword or category.</Empty>
      ) : (
        <ul class="cards listing-cards" aria-label="Listings found">
          {found.map((listing) => (
            <li key={listing.address}>
              <ListingCard listing={listing} />
            </li>
          ))}
        </ul>
      )}
      {me && (
        <section aria-labelledby="your-listings">
          <h2 id="your-listings">Your listings</h2>
          <p class="hint">
            All of yours, with those paused or expired that nobody else finds now. {REMOVING}
          </p>
          {said && (
            <p role="status" class="ok">
              {said}
            </p>
          )}
          {own.length === 0 ? (
            <Empty>You have listed nothing yet.</Empty>
          ) : (
            <ul class="own-listings">
              {own.map((listing) => (
                <li key={listing.address}>
                  <article class="card" aria-labelledby={`own-${listing.address}`}>
                    <h3 id={`own-${listing.address}`}>
                      <span class="badge">{kindName(listing.data.terms.kind)}</span>{' '}
                      <a href={`#/directory/${listing.address}`}>{listing.data.terms.title}</a>
                    </h3>
                    <OwnerControls listing={listing} snapshot={snapshot} now={now} />
                  </article>
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
    </Page>
  );
}

function ListingCard({ listing }: { listing: Rec<Listing> }) {
  const headingId = `listing-${listing.address}`;
  return (
    <article class="card listing" aria-labelledby={headingId}>
      <h3 id={headingId}>
        <span class="badge">{kindName(listing.data.terms.kind)}</span>{' '}
        <a href={`#/directory/${listing.address}`}>{listing.data.terms.title}</a>
      </h3>
      <ListingFacts listing={listing.data} withKind={false} />
    </article>
  );
}

function ListingPage({ address }: { address: string }) {
  const snapshot = useStore(coop).snapshot!;
  const me = useStore(mine);
  const now = useChainNow(snapshot);
  const listing = snapshot.listings.find((l) => l.address === address);
  if (!listing) {
    return (
      <Page title="Listing not found">
        <p role="alert">
          No listing of this co-op lives at {address}: its owner may have removed it.
        </p>
        <p>
          <a href="#/directory">The directory</a>
        </p>
      </Page>
    );
  }
  const { data } = listing;
  const status = listingStatus(data, now, snapshot.members);
  const mineToo = me?.address === data.owner;
  return (
    <Page title={data.terms.title}>
      <p>
        <a href="#/directory">The directory</a>
      </p>
      {status !== 'listed' && !mineToo && (
        <p class="card notice">{notListedReason(data, status)}: people do not find it now.</p>
      )}
      <ListingFacts listing={data} />
      {mineToo ? (
        <>
          <h2>Yours to change</h2>
          <OwnerControls listing={listing} snapshot={snapshot} now={now} leave />
        </>
      ) : data.terms.kind === ListingKind.Offer ? (
        <>
          <h2>Pay for this offer</h2>
          <PayForm listing={listing} snapshot={snapshot} me={me} status={status} />
        </>
      ) : (
        <p>
          A request: if you can help, write to its owner through the contact above. Pay them from
          your <a href="#/wallet">wallet</a> once you agree.
        </p>
      )}
    </Page>
  );
}

/** Why a listing is not shown, as `ampled directory pay` words it. */
function notListedReason(listing: Listing, status: ListingStatus): string {
  const why =
    status === 'paused'
      ? 'its owner paused it'
      : status === 'owner-removed'
        ? 'its owner is no longer a member'
        : 'it expired';
  return `“${listing.terms.title}” is not listed now (${why})`;
}

type Paid = { amount: bigint; signature: string };

function PayForm({
  listing,
  snapshot,
  me,
  status,
}: {
  listing: Rec<Listing>;
  snapshot: Snapshot;
  me: Mine | null;
  status: ListingStatus;
}) {
  const { decimals, symbol } = snapshot.token;
  const { terms, owner } = listing.data;
  const priced = terms.price.__option === 'Some';
  const [amountText, setAmountText] = useState(
    terms.price.__option === 'Some' ? tokens(terms.price.value, decimals) : '',
  );
  const [paid, setPaid] = useState<Paid | null>(null);
  // The price set by its owner, kept in step with their edits.
  const shownText =
    terms.price.__option === 'Some' ? tokens(terms.price.value, decimals) : amountText;
  const amount = parseTokens(shownText, decimals);

  let amountProblem: string | null = null;
  if (shownText.trim() && amount === null) {
    amountProblem = `Write an amount in ${symbol}, like 5 or 2.5 (at most ${decimals} decimals)`;
  } else if (amount === 0n) {
    amountProblem = 'The amount must be more than zero';
  } else if (me && amount !== null && amount > me.tokens) {
    amountProblem = `You hold ${tokens(me.tokens, decimals)} ${symbol} but this needs ${tokens(amount, decimals)} ${symbol}`;
  }

  let blocked: string | null = null;
  if (!me) blocked = 'Connect a wallet first';
  else if (status !== 'listed')
    blocked = `${notListedReason(listing.data, status)}; contact its owner before paying`;
  else if (amountProblem) blocked = 'Correct the amount above';
  else if (amount === null) blocked = 'Enter the amount you agreed with its owner';
  else if (me.sol < FEE_MONEY)
    blocked = 'Your wallet has no SOL to pay the network fee; add a little SOL first';

  const build = () =>
    transferInstructions({
      sender: me!.address,
      recipient: owner,
      mint: snapshot.community.data.mint,
      amount: amount!,
      decimals,
      memo: listingMemo(listing.address, terms.title),
    });

  return (
    <form class="card pay" onSubmit={(e) => e.preventDefault()}>
      <Field
        label={`Amount in ${symbol}`}
        hint={`${
          priced
            ? 'The price its owner set.'
            : 'Priced on request: enter the amount you agreed with its owner.'
        }${me ? ` You hold ${tokens(me.tokens, decimals)} ${symbol}.` : ''}`}
      >
        <input
          name="amount"
          inputMode="decimal"
          value={shownText}
          readOnly={priced}
          autocomplete="off"
          aria-invalid={!!amountProblem}
          aria-describedby={amountProblem ? 'pay-amount-problem' : undefined}
          onInput={(e) => setAmountText(e.currentTarget.value)}
        />
        {amountProblem && (
          <span id="pay-amount-problem" class="error">
            {amountProblem}
          </span>
        )}
      </Field>
      <p class="hint">
        The transfer’s memo names this offer (“{listingMemo(listing.address, terms.title)}”), so the
        ledger shows what it paid for.
      </p>
      <Action
        label="Pay"
        progressLabel={
          amount !== null ? `Pay ${tokens(amount, decimals)} ${symbol} for “${terms.title}”` : 'Pay'
        }
        blocked={blocked}
        build={build}
        done={(signature) => {
          setPaid({ amount: amount!, signature });
          if (!priced) setAmountText('');
          void refresh();
        }}
      />
      {paid && (
        <p role="status" class="ok paid">
          Paid <Amount value={paid.amount} /> to <Wallet address={owner} /> for “{terms.title}”.
          Signature <code class="signature-full">{paid.signature}</code>
        </p>
      )}
    </form>
  );
}

function OwnerControls({
  listing,
  snapshot,
  now,
  leave = false,
}: {
  listing: Rec<Listing>;
  snapshot: Snapshot;
  now: number;
  /** On the listing's own page: go back to the directory once it is removed. */
  leave?: boolean;
}) {
  const { data, address } = listing;
  const { terms } = data;
  const [daysText, setDaysText] = useState(String(DEFAULT_LISTING_DAYS));
  const status = listingStatus(data, now, snapshot.members);
  const expired = now >= Number(terms.listedUntil);
  const days = /^\s*\d+(\.\d+)?\s*$/.test(daysText) ? Number(daysText) : NaN;
  const daysProblem =
    days > 0 && days <= MAX_LISTING_DAYS ? null : `Renew for 1 to ${MAX_LISTING_DAYS} days`;
  const key = address.slice(0, 8);

  const update = (changes: { listedUntil?: number; paused?: boolean }) =>
    getUpdateListingInstructionAsync({
      owner: signer(),
      listing: address as Address,
      terms: {
        ...terms,
        listedUntil: BigInt(changes.listedUntil ?? terms.listedUntil),
      },
      paused: changes.paused ?? data.paused,
    }).then((ix) => [ix]);

  const titled = `“${terms.title}”`;
  return (
    <div class="owner-controls">
      <p class="status">{statusWords(status, data, now)}</p>
      <div class="controls">
        <span class="action">
          <a class="button-link" href={`#/directory/${address}/edit`}>
            Edit
          </a>
        </span>
        <Action
          label={data.paused ? 'Resume' : 'Pause'}
          progressLabel={`${data.paused ? 'Resume' : 'Pause'} ${titled}`}
          kind="secondary"
          reasonId={`why-pause-${key}`}
          blocked={expired ? 'It expired: renew it first' : null}
          build={() => update({ paused: !data.paused })}
          done={() => void refresh()}
        />
        <label class="inline-field">
          <span>Renew for (days)</span>
          <input
            name="renew-days"
            inputMode="numeric"
            value={daysText}
            autocomplete="off"
            aria-invalid={!!daysProblem}
            onInput={(e) => setDaysText(e.currentTarget.value)}
          />
        </label>
        <Action
          label="Renew"
          progressLabel={`Renew ${titled}`}
          kind="secondary"
          reasonId={`why-renew-${key}`}
          blocked={daysProblem}
          build={() => update({ listedUntil: listedUntilIn(days, now) })}
          done={() => void refresh()}
        />
        <Action
          label="Remove"
          progressLabel={`Remove ${titled}`}
          kind="danger"
          reasonId={`why-remove-${key}`}
          build={async () => [
            await getRemoveListingInstructionAsync({
              owner: signer(),
              listing: address as Address,
            }),
          ]}
          done={() => {
            notice.set(`Removed ${titled}: its rent came back to your wallet.`);
            if (leave) location.hash = '#/directory';
            void refresh();
          }}
        />
      </div>
      {leave && <p class="hint">{REMOVING}</p>}
    </div>
  );
}
