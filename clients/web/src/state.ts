// The co-op as last read, the connected wallet's own figures, and when to read again.
import type { Address } from '@solana/kit';
import type { Member } from '@generated';
import {
  communityNames,
  loadSnapshot,
  rpc,
  tokenAccount,
  tokenBalance,
  watch,
  type Rec,
  type Snapshot,
} from './chain';
import { clusterOf, communityName } from './config';
import { explain } from './errors';
import { store } from './store';
import { cluster, connected, reconnect } from './wallet';

export type Loaded = {
  snapshot: Snapshot | null;
  error?: string;
  loading: boolean;
  /** Co-ops to choose from, when the address names none and the chain has several (or none). */
  choices?: string[];
};

export const coop = store<Loaded>({ snapshot: null, loading: true });

/** The connected wallet as the co-op sees it. */
export type Mine = { address: Address; tokens: bigint; sol: bigint; member?: Rec<Member> };
export const mine = store<Mine | null>(null);

let chosen: string | null = communityName;
let reading: Promise<void> | null = null;
let again = false;

/** Reads everything again (once more after the current read, if one is running). */
export function refresh(): Promise<void> {
  if (reading) {
    again = true;
    return reading;
  }
  reading = (async () => {
    do {
      again = false;
      try {
        if (!chosen) {
          const names = await communityNames();
          if (names.length !== 1) {
            coop.set({ snapshot: null, loading: false, choices: names });
            continue;
          }
          chosen = names[0];
        }
        const snapshot = await loadSnapshot(chosen);
        coop.set({ snapshot, loading: false });
        await refreshMine();
      } catch (error) {
        coop.set({ ...coop.get(), error: explain(error), loading: false });
      }
    } while (again);
    reading = null;
  })();
  return reading;
}

async function refreshMine(): Promise<void> {
  const wallet = connected.get();
  const snapshot = coop.get().snapshot;
  if (!wallet) {
    mine.set(null);
    return;
  }
  const [sol, tokens] = await Promise.all([
    rpc
      .getBalance(wallet.address)
      .send()
      .then((r) => r.value),
    snapshot
      ? tokenAccount(wallet.address, snapshot.community.data.mint).then(tokenBalance)
      : Promise.resolve(0n),
  ]);
  const member = snapshot?.members.find((m) => m.data.wallet === wallet.address);
  mine.set({ address: wallet.address, tokens, sol: BigInt(sol), member });
}

/** Finds the chain, reconnects the last wallet, reads, and follows every change. */
export async function start(): Promise<void> {
  try {
    const genesis = await rpc.getGenesisHash().send();
    cluster.set(clusterOf(genesis));
  } catch (error) {
    coop.set({ snapshot: null, loading: false, error: explain(error) });
    return;
  }
  connected.subscribe(() => void refreshMine());
  await reconnect();
  await refresh();
  const stop = new AbortController();
  watch(() => void refresh(), stop.signal).catch(() => {
    // PubSub unavailable: read again every few seconds instead.
    setInterval(() => void refresh(), 4_000);
  });
}
