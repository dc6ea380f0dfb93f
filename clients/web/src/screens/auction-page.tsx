// One auction: its figures, where you stand, the bid form with the lowest acceptable bid filled
// in, and settling, cancelling, handing over and closing, each saying why it cannot be used yet.
import { useState } from 'preact/hooks';
import type { Address } from '@solana/kit';
import {
  AMPLED_PROGRAM_ADDRESS,
  AuctionStatus,
  getCancelAuctionInstructionAsync,
  getCloseAuctionInstructionAsync,
  getMarkHandedOverInstructionAsync,
  getPlaceBidInstructionAsync,
  getSettleAuctionInstructionAsync,
  type Auction,
} from '@generated';
import { getCreateAssociatedTokenIdempotentInstructionAsync } from '@solana-program/token-2022';
import { tokenAccount, type Rec, type Snapshot } from '../chain';
import { parseTokens, tokens } from '../format';
import { useMyBids } from '../history';
import { coop, mine, type Mine } from '../state';
import { useStore } from '../store';
import { Action, Amount, Field, Page } from '../ui';
import { connected } from '../wallet';
import {
  AuctionFigures,
  ItemLink,
  bidBlocked,
  cancelBlocked,
  closeBlocked,
  handOverBlocked,
  lastBids,
  leader,
  minimumBid,
  myStanding,
  proceedsWords,
  seller,
  settleBlocked,
  useChainNow,
} from './auction-parts';

function signer() {
  const wallet = connected.get();
  if (!wallet) throw new Error('Connect a wallet first');
  return wallet.signer;
}

export function AuctionPage({ address }: { address: string }) {
  const snapshot = useStore(coop).snapshot!;
  const me = useStore(mine);
  const bids = useMyBids();
  const now = useChainNow(snapshot);
  const auction = snapshot.auctions.find((a) => a.address === address);
  if (!auction) {
    return (
      <Page title="No such auction">
        <p role="alert">No auction of this co-op lives at {address}.</p>
        <p>
          <a href="#/commissary">All auctions</a>
        </p>
      </Page>
    );
  }
  const a = auction.data;
  const myLast = me ? lastBids(bids).get(auction.address) : undefined;
  return (
    <Page title={a.terms.title}>
      <p>
        <a href="#/commissary">All auctions</a>
        {' · '}
        Item: <ItemLink uri={a.terms.uri} />
      </p>
      <AuctionFigures auction={auction} now={now} />
      {me && myLast !== undefined && <Standing auction={a} wallet={me.address} last={myLast} />}

      {a.status === AuctionStatus.Open && (
        <BidForm snapshot={snapshot} auction={auction} me={me} now={now} />
      )}

      <h2>The sale</h2>
      {a.status === AuctionStatus.Open ? (
        <>
          <p class="hint">
            Once it ends, anyone can settle it (proceeds: {proceedsWords(a)}). The seller can
            withdraw the item only while nobody has bid.
          </p>
          <Action
            label="Settle"
            progressLabel={`Settle “${a.terms.title}”`}
            blocked={settleBlocked(a, me, now)}
            build={() => settle(snapshot, auction)}
          />
          <Action
            label="Cancel the auction"
            progressLabel={`Cancel “${a.terms.title}”`}
            kind="danger"
            blocked={cancelBlocked(a, me)}
            build={() => cancel(snapshot, auction)}
          />
        </>
      ) : (
        <>
          <p class="hint">
            The winner or the seller records that the item changed hands; a finished auction can
            then be closed and its rent goes back to whoever paid it.
          </p>
          <Action
            label="Mark handed over"
            progressLabel={`Hand over “${a.terms.title}”`}
            blocked={handOverBlocked(a, me)}
            build={async () => [
              await getMarkHandedOverInstructionAsync({
                signer: signer(),
                auction: auction.address,
              }),
            ]}
          />
          <Action
            label="Close the auction"
            progressLabel={`Close “${a.terms.title}”`}
            kind="secondary"
            blocked={closeBlocked(a, me)}
            build={async () => [
              await getCloseAuctionInstructionAsync({
                auction: auction.address,
                rentPayer: a.rentPayer,
              }),
            ]}
            done={() => (location.hash = '#/commissary')}
          />
        </>
      )}
    </Page>
  );
}

/** Where the connected wallet stands, said once: the program refunds an outbid bid at once. */
export function Standing({
  auction,
  wallet,
  last,
}: {
  auction: Auction;
  wallet: Address;
  last: bigint;
}) {
  switch (myStanding(auction, wallet)) {
    case 'leading':
      return (
        <p class="notice card ok">
          You lead with <Amount value={last} />; it is held until someone outbids you.
        </p>
      );
    case 'won':
      return (
        <p class="notice card ok">
          You won with <Amount value={last} />.
        </p>
      );
    case 'outbid':
      return (
        <p class="notice card">
          You were outbid; your <Amount value={last} /> are back in your wallet.
        </p>
      );
    default:
      return null;
  }
}

function BidForm({
  snapshot,
  auction,
  me,
  now,
}: {
  snapshot: Snapshot;
  auction: Rec<Auction>;
  me: Mine | null;
  now: number;
}) {
  const { decimals, symbol } = snapshot.token;
  const minimum = minimumBid(auction.data);
  // Untouched, the field follows the lowest acceptable bid as others bid.
  const [typed, setTyped] = useState<string | null>(null);
  const text = typed ?? tokens(minimum, decimals).replace(/,/g, '');
  const amount = parseTokens(text, decimals);
  return (
    <>
      <h2>Bid</h2>
      <form class="card" onSubmit={(e) => e.preventDefault()}>
        <Field
          label={`Your bid (${symbol})`}
          hint={`The lowest acceptable bid now is ${tokens(minimum, decimals)} ${symbol}. Your tokens are held until someone outbids you, then come straight back.`}
        >
          <input
            name="bid"
            inputMode="decimal"
            autoComplete="off"
            value={text}
            onInput={(e) => setTyped((e.target as HTMLInputElement).value)}
          />
        </Field>
        <Action
          label="Place bid"
          progressLabel={`Bid on “${auction.data.terms.title}”`}
          blocked={bidBlocked(snapshot, auction.data, me, amount, now)}
          build={() => placeBid(snapshot, auction, me!, amount!)}
          done={() => setTyped(null)}
        />
      </form>
    </>
  );
}

async function placeBid(snapshot: Snapshot, auction: Rec<Auction>, me: Mine, amount: bigint) {
  const mint = snapshot.community.data.mint;
  const outbid = leader(auction.data);
  return [
    await getPlaceBidInstructionAsync({
      bidder: signer(),
      community: snapshot.community.address,
      auction: auction.address,
      mint,
      bidderTokens: await tokenAccount(me.address, mint),
      // Without a membership record the optional account is left out (the program's address).
      bidderMember: me.member ? undefined : AMPLED_PROGRAM_ADDRESS,
      previousBidder: outbid ?? undefined,
      previousBidderTokens: outbid ? await tokenAccount(outbid, mint) : undefined,
      amount,
    }),
  ];
}

async function settle(snapshot: Snapshot, auction: Rec<Auction>) {
  const mint = snapshot.community.data.mint;
  const sellerWallet = seller(auction.data);
  return [
    await getSettleAuctionInstructionAsync({
      caller: signer(),
      community: snapshot.community.address,
      auction: auction.address,
      mint,
      proceedsAccount: sellerWallet
        ? await tokenAccount(sellerWallet, mint)
        : snapshot.community.data.treasury,
      seller: sellerWallet ?? auction.data.lister,
      rentPayer: auction.data.rentPayer,
    }),
  ];
}

async function cancel(snapshot: Snapshot, auction: Rec<Auction>) {
  const lister = signer();
  const mint = snapshot.community.data.mint;
  // Anything sent to the vault goes back to the lister's token account, which must exist.
  return [
    await getCreateAssociatedTokenIdempotentInstructionAsync({
      payer: lister,
      owner: lister.address,
      mint,
    }),
    await getCancelAuctionInstructionAsync({
      lister,
      community: snapshot.community.address,
      auction: auction.address,
      mint,
      listerTokens: await tokenAccount(lister.address, mint),
      rentPayer: auction.data.rentPayer,
    }),
  ];
}
