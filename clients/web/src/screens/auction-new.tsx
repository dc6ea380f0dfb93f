// Listing an item: a member's own (listed at once, proceeds to them) or the co-op's (a
// proposal the members vote on, proceeds to the treasury or burned).
import { useRef, useState } from 'preact/hooks';
import {
  MemberStatus,
  getCreateProposalInstructionAsync,
  getListAuctionInstructionAsync,
  type AuctionTermsArgs,
} from '@generated';
import type { Snapshot } from '../chain';
import { parseTokens } from '../format';
import { coop, mine, type Mine } from '../state';
import { useStore } from '../store';
import { Action, Field, Page } from '../ui';
import { connected } from '../wallet';
import { counterAddress } from '../addresses';

/** The program's limits (state/auction.rs, state/bounty.rs). */
const MAX_TITLE_BYTES = 64;
const MAX_URI_BYTES = 200;
const MAX_DURATION_SECS = 90 * 86_400;
const MAX_SNIPE_SECS = 86_400;

type Form = {
  coop: boolean;
  burn: boolean;
  title: string;
  uri: string;
  reserve: string;
  increment: string;
  days: string;
  snipeMinutes: string;
  extensionMinutes: string;
  membersOnly: boolean;
};

const EMPTY: Form = {
  coop: false,
  burn: false,
  title: '',
  uri: '',
  reserve: '',
  increment: '1',
  days: '3',
  snipeMinutes: '5',
  extensionMinutes: '5',
  membersOnly: false,
};

function bytes(text: string): number {
  return new TextEncoder().encode(text).length;
}

function seconds(text: string, unit: number): number | null {
  const value = Number(text);
  return text.trim() !== '' && Number.isFinite(value) && value >= 0
    ? Math.round(value * unit)
    : null;
}

/** The terms the form describes, or why the program would refuse them. */
function termsOf(form: Form, snapshot: Snapshot): AuctionTermsArgs | string {
  const { decimals, symbol } = snapshot.token;
  const title = form.title.trim();
  if (!title) return 'Give the item a title';
  if (bytes(title) > MAX_TITLE_BYTES)
    return `The title is too long: at most ${MAX_TITLE_BYTES} bytes`;
  if (bytes(form.uri.trim()) > MAX_URI_BYTES)
    return `The link is too long: at most ${MAX_URI_BYTES} bytes`;
  const reserve = parseTokens(form.reserve, decimals);
  if (!reserve) return `Enter a reserve price in ${symbol} above 0`;
  const increment = parseTokens(form.increment, decimals);
  if (!increment) return `Enter a minimum increment in ${symbol} above 0`;
  const duration = seconds(form.days, 86_400);
  if (!duration || duration > MAX_DURATION_SECS)
    return 'Bidding runs for more than 0 and at most 90 days';
  const window = seconds(form.snipeMinutes, 60);
  const extension = seconds(form.extensionMinutes, 60);
  if (
    window === null ||
    extension === null ||
    window > MAX_SNIPE_SECS ||
    extension > MAX_SNIPE_SECS
  )
    return 'Anti-sniping times are 0 to 1440 minutes (a day)';
  // The clock as last read, never ahead of the chain's: bidding must be open at once.
  const startsAt = BigInt(snapshot.clock.unixTimestamp);
  return {
    title,
    uri: form.uri.trim(),
    reservePrice: reserve,
    minIncrement: increment,
    startsAt,
    endsAt: startsAt + BigInt(duration),
    snipeWindowSecs: BigInt(window),
    snipeExtensionSecs: BigInt(extension),
    membersOnly: form.membersOnly,
  };
}

function memberBlocked(me: Mine | null): string | null {
  if (!me) return 'Connect a wallet to list an item';
  if (me.member?.data.status !== MemberStatus.Active) return 'Only active members list items';
  return null;
}

export function NewAuction() {
  const snapshot = useStore(coop).snapshot!;
  const me = useStore(mine);
  const [form, setForm] = useState<Form>(EMPTY);
  const { symbol } = snapshot.token;
  const terms = termsOf(form, snapshot);
  const blocked = memberBlocked(me) ?? (typeof terms === 'string' ? terms : null);
  const set =
    <K extends keyof Form>(key: K) =>
    (e: Event) => {
      const input = e.target as HTMLInputElement;
      setForm({
        ...form,
        [key]: input.type === 'checkbox' || input.type === 'radio' ? input.checked : input.value,
      });
    };

  // Where to go once it is confirmed: the new auction, or the proposal to vote on.
  const destination = useRef('');
  const build = async () => {
    const wallet = connected.get();
    const member = me?.member;
    if (!wallet || !member || typeof terms === 'string') return [];
    const community = snapshot.community.address;
    if (form.coop) {
      const proposal = await counterAddress(
        'proposal',
        community,
        wallet.address,
        member.data.proposalsCreated,
      );
      destination.current = `#/proposals/${proposal}`;
      return [
        await getCreateProposalInstructionAsync({
          proposer: wallet.signer,
          community,
          proposal,
          action: { __kind: 'ListAuction', terms, burnProceeds: form.burn },
        }),
      ];
    }
    const auction = await counterAddress(
      'auction',
      community,
      wallet.address,
      member.data.auctionsListed,
    );
    destination.current = `#/commissary/${auction}`;
    return [
      await getListAuctionInstructionAsync({
        lister: wallet.signer,
        community,
        auction,
        mint: snapshot.community.data.mint,
        terms,
      }),
    ];
  };

  return (
    <Page title="List an item">
      <p>
        <a href="#/commissary">All auctions</a>
      </p>
      <form class="card" onSubmit={(e) => e.preventDefault()}>
        <fieldset class="choice">
          <legend>Whose item</legend>
          <label>
            <input
              type="radio"
              name="whose"
              checked={!form.coop}
              onChange={() => setForm({ ...form, coop: false })}
            />{' '}
            Mine: it is listed at once and the winning bid comes to me
          </label>
          <label>
            <input
              type="radio"
              name="whose"
              checked={form.coop}
              onChange={() => setForm({ ...form, coop: true })}
            />{' '}
            The co-op’s: the members vote on listing it, and the winning bid goes to the treasury
          </label>
        </fieldset>
        <Field label="Title" hint={`What it is, up to ${MAX_TITLE_BYTES} characters`}>
          <input
            name="title"
            value={form.title}
            onInput={set('title')}
            maxLength={MAX_TITLE_BYTES}
          />
        </Field>
        <Field label="Link" hint="Photos and a description (optional)">
          <input name="uri" type="url" value={form.uri} onInput={set('uri')} />
        </Field>
        <Field label={`Reserve price (${symbol})`} hint="The lowest acceptable first bid">
          <input name="reserve" inputMode="decimal" value={form.reserve} onInput={set('reserve')} />
        </Field>
        <Field
          label={`Minimum increment (${symbol})`}
          hint="How much each bid must beat the highest by"
        >
          <input
            name="increment"
            inputMode="decimal"
            value={form.increment}
            onInput={set('increment')}
          />
        </Field>
        <Field label="Bidding runs for (days)" hint="Up to 90 days; 0.5 is twelve hours">
          <input name="days" inputMode="decimal" value={form.days} onInput={set('days')} />
        </Field>
        <Field label="Anti-sniping window (minutes)" hint="A bid this close to the end…">
          <input
            name="snipe"
            inputMode="numeric"
            value={form.snipeMinutes}
            onInput={set('snipeMinutes')}
          />
        </Field>
        <Field label="Extension (minutes)" hint="…moves the end this much later">
          <input
            name="extension"
            inputMode="numeric"
            value={form.extensionMinutes}
            onInput={set('extensionMinutes')}
          />
        </Field>
        <label class="check">
          <input type="checkbox" checked={form.membersOnly} onChange={set('membersOnly')} /> Only
          members may bid
        </label>
        {form.coop && (
          <label class="check">
            <input type="checkbox" checked={form.burn} onChange={set('burn')} /> Burn what it
            fetches instead of keeping it in the treasury
          </label>
        )}
        <Action
          label={form.coop ? 'Propose to the members' : 'List the item'}
          progressLabel={
            form.coop ? `Propose auctioning “${form.title.trim()}”` : `List “${form.title.trim()}”`
          }
          blocked={blocked}
          build={build}
          done={() => (location.hash = destination.current)}
        />
      </form>
    </Page>
  );
}
