// Distributions: batches of shares (the old time bank, batch rewards) members approved in one
// vote. The list of the co-op's distributions; one distribution with its terms, the published
// list checked against what was approved, and each recipient's claim.
import { useEffect, useState } from 'preact/hooks';
import { type Address, type Instruction, type ReadonlyUint8Array } from '@solana/kit';
import {
  DISTRIBUTION_DISCRIMINATOR,
  findMemberPda,
  getClaimShareInstructionAsync,
  getCloseDistributionInstructionAsync,
  getDistributionDecoder,
  type Distribution,
} from '@generated';
import { chainNow, records, type Rec, type Snapshot } from '../chain';
import { explain } from '../errors';
import { date, timeLeft } from '../format';
import {
  hex,
  isClaimed,
  leafHash,
  parseList,
  proofOf,
  rootOf,
  sameBytes,
  sha256,
  treeLevels,
  type Hash,
  type Share,
} from '../merkle';
import { Refusal } from '../send';
import { coop, mine, refresh } from '../state';
import { useStore } from '../store';
import { Action, Amount, Empty, Field, Page, Wallet } from '../ui';
import { connected } from '../wallet';

/** Rows shown at once: a list may hold 65,536 shares; the search box finds the others. */
const ROWS_SHOWN = 200;

/** After the discriminator (8 bytes) and the bump (1), a distribution keeps its community. */
const COMMUNITY_OFFSET = 9;

function loadDistributions(community: Address): Promise<Rec<Distribution>[]> {
  return records(DISTRIBUTION_DISCRIMINATOR, getDistributionDecoder(), community, COMMUNITY_OFFSET);
}

/** The co-op's distributions, read again whenever the snapshot is (on every change). */
function useDistributions(snapshot: Snapshot) {
  const [found, setFound] = useState<{ list?: Rec<Distribution>[]; error?: string }>({});
  useEffect(() => {
    let current = true;
    loadDistributions(snapshot.community.address).then(
      (list) => current && setFound({ list }),
      (error) => current && setFound({ error: explain(error) }),
    );
    return () => {
      current = false;
    };
  }, [snapshot]);
  return found;
}

function status(data: Distribution, now: number): string {
  if (data.claimedCount === data.terms.recipients) return 'all claimed';
  if (now >= Number(data.terms.claimUntil)) return 'claims over';
  return 'open';
}

function deadline(data: Distribution, now: number): string {
  const until = Number(data.terms.claimUntil);
  return until > now ? `${date(until)} (${timeLeft(until, now)} left)` : `${date(until)} (passed)`;
}

export function Distributions({ id }: { id?: string }) {
  const snapshot = useStore(coop).snapshot!;
  const { list, error } = useDistributions(snapshot);
  const title = id ? 'Distribution' : 'Distributions';
  if (error) {
    return (
      <Page title={title}>
        <p role="alert" class="error">
          {error}
        </p>
      </Page>
    );
  }
  if (!list) {
    return (
      <Page title={title}>
        <p>Reading the distributions from the chain…</p>
      </Page>
    );
  }
  if (!id) return <DistributionList list={list} now={chainNow(snapshot)} />;
  const found = list.find((d) => d.address === id);
  if (!found) {
    return (
      <Page title={title}>
        <Empty>
          No distribution at this address: it may have been closed.{' '}
          <a href="#/distributions">All distributions</a>
        </Empty>
      </Page>
    );
  }
  return <DistributionPage key={found.address} distribution={found} />;
}

function DistributionList({ list, now }: { list: Rec<Distribution>[]; now: number }) {
  const shown = [...list].sort((a, b) => Number(b.data.createdAt - a.data.createdAt));
  return (
    <Page title="Distributions">
      <p>
        Batches of shares the members approved in one vote (the old time bank, batch rewards). Each
        recipient claims their share from their own wallet before the deadline.
      </p>
      {shown.length === 0 ? (
        <Empty>No distribution yet: one starts as a Distribute proposal.</Empty>
      ) : (
        <div class="table-wrap">
          <table class="distribution-table">
            <caption class="hint">
              {shown.length} {shown.length === 1 ? 'distribution' : 'distributions'}
            </caption>
            <thead>
              <tr>
                <th scope="col">Reason</th>
                <th scope="col">Total</th>
                <th scope="col">Recipients</th>
                <th scope="col">Claimed</th>
                <th scope="col">Deadline</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {shown.map(({ address, data }) => (
                <tr key={address}>
                  <td data-label="Reason">
                    <a href={`#/distributions/${address}`}>{data.terms.reason}</a>
                  </td>
                  <td data-label="Total">
                    <Amount value={data.terms.total} />
                  </td>
                  <td data-label="Recipients">{data.terms.recipients}</td>
                  <td data-label="Claimed">
                    {data.claimedCount} of {data.terms.recipients} ·{' '}
                    <Amount value={data.claimedTotal} />
                  </td>
                  <td data-label="Deadline">{deadline(data, now)}</td>
                  <td data-label="Status">
                    <span class="badge">{status(data, now)}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Page>
  );
}

/** The list once it is known to be the approved one: its shares and its tree for proofs. */
type CheckedList = { shares: Share[]; levels: Hash[][]; from: string };

type ListState =
  | { stage: 'fetching' }
  | { stage: 'missing'; why: string }
  | { stage: 'checking' }
  | { stage: 'refused'; why: string }
  | { stage: 'checked'; list: CheckedList };

/** Checks a list file against the distribution's terms; throws the refusal in words. */
async function checkList(
  bytes: Uint8Array,
  terms: Distribution['terms'],
  from: string,
): Promise<CheckedList> {
  const listHash = await sha256(bytes);
  if (!sameBytes(listHash, terms.listHash)) {
    throw new Error(
      `This list is not the one members approved: its sha256 is ${hex(listHash)} but the distribution's is ${hex(terms.listHash)}.`,
    );
  }
  const shares = parseList(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  const levels = await treeLevels(await Promise.all(shares.map(leafHash)));
  const root = rootOf(levels);
  if (!sameBytes(root, terms.root)) {
    throw new Error(
      `This list does not give the distribution's Merkle root: its root is ${hex(root)} but the distribution's is ${hex(terms.root)}.`,
    );
  }
  return { shares, levels, from };
}

/** The list from where it is published; throws why it cannot be read from this page. */
async function fetchList(uri: string): Promise<Uint8Array> {
  // ipfs:// and ar:// need a gateway the co-op has not chosen.
  if (!uri.startsWith('https://')) throw new Error('a browser cannot open that address');
  let response;
  try {
    response = await fetch(uri);
  } catch {
    throw new Error('offline, or that site does not let other sites read it');
  }
  if (!response.ok) throw new Error(`the site answered ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

function useList(distribution: Rec<Distribution>) {
  const terms = distribution.data.terms;
  const [state, setState] = useState<ListState>({ stage: 'fetching' });
  useEffect(() => {
    let current = true;
    // A file chosen while the fetch was under way wins over what the fetch finds.
    const settle = (next: ListState) =>
      current && setState((now) => (now.stage === 'fetching' ? next : now));
    fetchList(terms.uri)
      .then(
        (bytes) =>
          checkList(bytes, terms, terms.uri).then(
            (list): ListState => ({ stage: 'checked', list }),
            (error): ListState => ({ stage: 'refused', why: (error as Error).message }),
          ),
        (error): ListState => ({
          stage: 'missing',
          why: `The list could not be fetched from where it is published (${(error as Error).message}): choose the file below.`,
        }),
      )
      .then(settle);
    return () => {
      current = false;
    };
  }, [distribution.address]);
  const choose = async (file: File) => {
    setState({ stage: 'checking' });
    try {
      const bytes = new Uint8Array(await file.arrayBuffer());
      setState({ stage: 'checked', list: await checkList(bytes, terms, file.name) });
    } catch (error) {
      setState({ stage: 'refused', why: (error as Error).message });
    }
  };
  return { state, choose };
}

function DistributionPage({ distribution }: { distribution: Rec<Distribution> }) {
  const snapshot = useStore(coop).snapshot!;
  const me = useStore(mine);
  const { data } = distribution;
  const { terms } = data;
  const now = chainNow(snapshot);
  const { state, choose } = useList(distribution);
  const over = now >= Number(terms.claimUntil);
  const allClaimed = data.claimedCount === terms.recipients;

  const claimBlocked = (share: Share) =>
    isClaimed(data.claimed, share.index)
      ? 'This share is already claimed'
      : over
        ? 'The deadline to claim has passed'
        : !me
          ? 'Connect a wallet first'
          : null;

  const claim = (list: CheckedList, share: Share | undefined) => async () => {
    const wallet = connected.get();
    if (!wallet) throw new Refusal('Connect a wallet first');
    if (!share) throw new Refusal('Not in this list');
    const community = snapshot.community.address;
    return [
      await getClaimShareInstructionAsync({
        community,
        distribution: distribution.address,
        payer: wallet.signer,
        mint: snapshot.community.data.mint,
        recipient: share.wallet,
        recipientMember: (await findMemberPda({ community, wallet: share.wallet }))[0],
        index: share.index,
        amount: share.amount,
        proof: proofOf(list.levels, share.index),
      }),
    ];
  };

  return (
    <Page title={terms.reason}>
      <p>
        <a href="#/distributions">All distributions</a>
      </p>
      <dl class="figures">
        <div>
          <dt>Total</dt>
          <dd>
            <Amount value={terms.total} />
          </dd>
        </div>
        <div>
          <dt>Recipients</dt>
          <dd>{terms.recipients}</dd>
        </div>
        <div>
          <dt>Claimed so far</dt>
          <dd>
            {data.claimedCount} of {terms.recipients} · <Amount value={data.claimedTotal} />
          </dd>
        </div>
        <div>
          <dt>Claims until</dt>
          <dd>{deadline(data, now)}</dd>
        </div>
        <div>
          <dt>Status</dt>
          <dd>{status(data, now)}</dd>
        </div>
      </dl>

      <h2>What members approved</h2>
      <dl class="terms">
        <dt>Reason</dt>
        <dd>{terms.reason}</dd>
        <dt>The list, published at</dt>
        <dd>
          <a href={terms.uri} rel="noopener noreferrer">
            {terms.uri}
          </a>
        </dd>
        <dt>sha256 of the list</dt>
        <dd class="hash">{hex(terms.listHash)}</dd>
        <dt>Merkle root</dt>
        <dd class="hash">{hex(terms.root)}</dd>
        <dt>Approved by</dt>
        <dd>
          <a href={`#/proposals/${data.proposal}`}>the proposal</a>
        </dd>
      </dl>

      <h2>The list</h2>
      <ListSource state={state} choose={choose} />
      {state.stage === 'checked' && (
        <>
          <YourShare
            list={state.list}
            claimed={data.claimed}
            claimBlocked={claimBlocked}
            claim={claim}
          />
          <ShareTable
            list={state.list}
            claimed={data.claimed}
            claimBlocked={claimBlocked}
            claim={claim}
          />
        </>
      )}

      <h2>Closing</h2>
      <p>
        Once claims are over, closing releases what was never claimed under the supply cap and
        returns the record's rent to <Wallet address={data.rentPayer} />, who executed it.
      </p>
      <Action
        label="Close the distribution"
        kind="secondary"
        blocked={
          !over && !allClaimed
            ? `Claims are open until ${date(terms.claimUntil)}: it can be closed after the deadline or once every share is claimed`
            : !me
              ? 'Connect a wallet first'
              : null
        }
        build={async () => [
          await getCloseDistributionInstructionAsync({
            community: snapshot.community.address,
            distribution: distribution.address,
            rentPayer: data.rentPayer,
          }),
        ]}
        done={() => {
          location.hash = '#/distributions';
          void refresh();
        }}
      />
    </Page>
  );
}

function ListSource({ state, choose }: { state: ListState; choose: (file: File) => void }) {
  return (
    <>
      {state.stage === 'fetching' && <p>Fetching the list from where it is published…</p>}
      {state.stage === 'checking' && <p>Checking the list…</p>}
      {state.stage === 'missing' && <p class="notice">{state.why}</p>}
      {state.stage === 'refused' && (
        <p role="alert" class="error">
          {state.why}
        </p>
      )}
      {state.stage === 'checked' && (
        <p class="ok list-checked" role="status">
          This is the list members approved: its sha256 and its Merkle root match (read from{' '}
          {state.list.from}).
        </p>
      )}
      <Field
        label="Choose the list file"
        hint="The CSV published for this distribution; it is checked against what members approved."
      >
        <input
          type="file"
          accept=".csv,text/csv,text/plain"
          onChange={(e) => {
            const file = e.currentTarget.files?.[0];
            if (file) choose(file);
          }}
        />
      </Field>
    </>
  );
}

type ShareProps = {
  list: CheckedList;
  claimed: ReadonlyUint8Array;
  claimBlocked: (share: Share) => string | null;
  claim: (list: CheckedList, share: Share | undefined) => () => Promise<Instruction[]>;
};

function YourShare({ list, claimed, claimBlocked, claim }: ShareProps) {
  const me = useStore(mine);
  // A wallet listed twice claims its unclaimed line first.
  const yours = me ? list.shares.filter((s) => s.wallet === me.address) : [];
  const share = yours.find((s) => !isClaimed(claimed, s.index)) ?? yours[0];
  return (
    <section aria-labelledby="your-share" class="card">
      <h3 id="your-share">Your share</h3>
      {!me ? (
        <p>Connect a wallet to see your share.</p>
      ) : !share ? (
        <p>Your wallet is not in this list: it has no share to claim.</p>
      ) : (
        <p>
          Your share: <Amount value={share.amount} /> (index {share.index}
          {isClaimed(claimed, share.index) ? ', claimed' : ''}).
        </p>
      )}
      <Action
        label="Claim"
        progressLabel="Claim my share"
        blocked={!me ? 'Connect a wallet first' : !share ? 'Not in this list' : claimBlocked(share)}
        build={claim(list, share)}
        done={() => void refresh()}
      />
    </section>
  );
}

function ShareTable({ list, claimed, claimBlocked, claim }: ShareProps) {
  const me = useStore(mine);
  const [search, setSearch] = useState('');
  const matching = search.trim()
    ? list.shares.filter((s) => s.wallet.toLowerCase().includes(search.trim().toLowerCase()))
    : list.shares;
  const shown = matching.slice(0, ROWS_SHOWN);
  return (
    <>
      <h3>Every share</h3>
      <Field label="Find a wallet" hint="Part of an address.">
        <input type="search" value={search} onInput={(e) => setSearch(e.currentTarget.value)} />
      </Field>
      {shown.length === 0 ? (
        <Empty>No share for a wallet like “{search}”.</Empty>
      ) : (
        <div class="table-wrap">
          <table class="share-table">
            <caption class="hint">
              {matching.length > shown.length
                ? `The first ${shown.length} of ${matching.length} shares: search by address for the others`
                : `${shown.length} ${shown.length === 1 ? 'share' : 'shares'}`}
            </caption>
            <thead>
              <tr>
                <th scope="col">Index</th>
                <th scope="col">Wallet</th>
                <th scope="col">Amount</th>
                <th scope="col">Claimed</th>
                <th scope="col">Claim for them</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((share) => {
                const done = isClaimed(claimed, share.index);
                const blocked = claimBlocked(share);
                return (
                  <tr key={share.index}>
                    <td data-label="Index">{share.index}</td>
                    <td data-label="Wallet">
                      <Wallet address={share.wallet} />
                    </td>
                    <td data-label="Amount">
                      <Amount value={share.amount} />
                    </td>
                    <td data-label="Claimed">{done ? 'Claimed' : 'Not yet'}</td>
                    <td data-label="Claim for them">
                      {!blocked && me?.address !== share.wallet && (
                        <Action
                          label={`Claim #${share.index}`}
                          progressLabel={`Claim share #${share.index} for its wallet`}
                          kind="secondary"
                          build={claim(list, share)}
                          done={() => void refresh()}
                        />
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
