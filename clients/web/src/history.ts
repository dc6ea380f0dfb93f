// A wallet's history, read back from the ledger: every transaction that named it, with its
// instructions identified (the program's by name, token transfers with their amount and memo).
import { useEffect, useState } from 'preact/hooks';
import { getBase58Encoder, type Address, type Signature } from '@solana/kit';
import {
  AMPLED_PROGRAM_ADDRESS,
  AmpledInstruction,
  AuctionStatus,
  getPlaceBidInstructionDataDecoder,
  identifyAmpledInstruction,
  type Auction,
} from '@generated';
import { MEMO_PROGRAM, TOKEN_2022, rpc, type Rec, type Snapshot } from './chain';
import { coop, mine } from './state';
import { useStore } from './store';

export type Step = {
  program: Address;
  /** The program's instruction name, or "transfer" and "memo". */
  name: string;
  accounts: Address[];
  data: Uint8Array;
};

export type Entry = {
  signature: Signature;
  time: number | null;
  failed: boolean;
  steps: Step[];
};

/** Token-2022's `TransferChecked` instruction tag. */
const TRANSFER_CHECKED = 12;

function stepName(program: Address, data: Uint8Array): string {
  if (program === AMPLED_PROGRAM_ADDRESS) {
    try {
      const name = AmpledInstruction[identifyAmpledInstruction(data)];
      return name.charAt(0).toLowerCase() + name.slice(1);
    } catch {
      return 'ampled';
    }
  }
  if (program === TOKEN_2022) return data[0] === TRANSFER_CHECKED ? 'transfer' : 'token';
  if (program === MEMO_PROGRAM) return 'memo';
  return 'other';
}

/** The newest `limit` transactions naming `wallet`, newest first. */
export async function history(wallet: Address, limit = 50): Promise<Entry[]> {
  const signatures = await rpc.getSignaturesForAddress(wallet, { limit }).send();
  const base58 = getBase58Encoder();
  const entries = await Promise.all(
    signatures.map(async (s) => {
      const tx = await rpc
        .getTransaction(s.signature, { encoding: 'json', maxSupportedTransactionVersion: 0 })
        .send();
      if (!tx) return null;
      const keys = tx.transaction.message.accountKeys as Address[];
      const steps = tx.transaction.message.instructions.map((ix): Step => {
        const program = keys[ix.programIdIndex];
        const data = new Uint8Array(base58.encode(ix.data));
        return {
          program,
          name: stepName(program, data),
          accounts: ix.accounts.map((i) => keys[i]),
          data,
        };
      });
      const entry: Entry = {
        signature: s.signature,
        time: tx.blockTime === null ? null : Number(tx.blockTime),
        failed: tx.meta?.err != null,
        steps,
      };
      return entry;
    }),
  );
  return entries.filter((e): e is Entry => e !== null);
}

/** A token transfer's amount (base units), read from `TransferChecked`'s data. */
export function transferAmount(step: Step): bigint {
  const view = new DataView(step.data.buffer, step.data.byteOffset);
  return view.getBigUint64(1, true);
}

/** A memo's text. */
export function memoText(step: Step): string {
  return new TextDecoder().decode(step.data);
}

/** The wallet's own bids: the auction and the whole amount of each, newest first (as the ledger lists them). */
export type Bid = { auction: Address; amount: bigint; signature: Signature };

export function bidsIn(entries: Entry[], wallet: Address): Bid[] {
  const decoder = getPlaceBidInstructionDataDecoder();
  const bids: Bid[] = [];
  for (const entry of entries) {
    if (entry.failed) continue;
    for (const step of entry.steps) {
      // placeBid's accounts: bidder first, then the community, then the auction.
      if (step.name === 'placeBid' && step.accounts[0] === wallet) {
        const { amount } = decoder.decode(step.data);
        bids.push({ auction: step.accounts[2], amount, signature: entry.signature });
      }
    }
  }
  return bids;
}

/** The connected wallet's history, read again whenever the co-op changes. */
export function useHistory(): Entry[] | null {
  const me = useStore(mine);
  const loaded = useStore(coop);
  const [entries, setEntries] = useState<Entry[] | null>(null);
  useEffect(() => {
    if (!me) {
      setEntries(null);
      return;
    }
    let current = true;
    history(me.address).then(
      (found) => current && setEntries(found),
      () => current && setEntries([]),
    );
    return () => {
      current = false;
    };
  }, [me?.address, loaded.snapshot]);
  return entries;
}

export function useMyBids(): Bid[] {
  const me = useStore(mine);
  const entries = useHistory();
  return me && entries ? bidsIn(entries, me.address) : [];
}

/** Open auctions the wallet bid on where someone else now leads: its bid is already refunded. */
export function outbidAuctions(
  snapshot: Snapshot,
  wallet: Address,
  bids: Bid[],
): { auction: Rec<Auction>; amount: bigint }[] {
  const found: { auction: Rec<Auction>; amount: bigint }[] = [];
  for (const auction of snapshot.auctions) {
    const mine = bids.filter((b) => b.auction === auction.address);
    if (mine.length === 0 || auction.data.status !== AuctionStatus.Open) continue;
    const leader = auction.data.highestBidder;
    if (leader.__option === 'Some' && leader.value === wallet) continue;
    // Its newest bid is the one just refunded.
    found.push({ auction, amount: mine[0].amount });
  }
  return found;
}
