// The commissary: the co-op and its members auction gear, artists bid with $AMPLED, and an
// outbid bid comes straight back. The list with your bids, one auction, or listing an item.
import { AuctionStatus, type Auction } from '@generated';
import type { Rec } from '../chain';
import { bidsIn, useHistory } from '../history';
import { coop, mine } from '../state';
import { useStore } from '../store';
import { Amount, Empty, Page, Wallet } from '../ui';
import { NewAuction } from './auction-new';
import { AuctionPage, Standing } from './auction-page';
import { Countdown, ItemLink, lastBids, leader, statusWords, useChainNow } from './auction-parts';

export function Commissary({ id }: { id?: string }) {
  if (id === 'new') return <NewAuction />;
  if (id) return <AuctionPage address={id} />;
  return <Auctions />;
}

/** Where an auction is in its life: running, waiting to be settled, or finished. */
function phase(auction: Auction, now: number): number {
  if (auction.status !== AuctionStatus.Open) return 2;
  return now < Number(auction.endsAt) ? 0 : 1;
}

/** Running auctions first, soonest end first; then those to settle; then the newest finished. */
function byInterest(now: number) {
  return (a: Rec<Auction>, b: Rec<Auction>): number => {
    const [phaseA, phaseB] = [phase(a.data, now), phase(b.data, now)];
    if (phaseA !== phaseB) return phaseA - phaseB;
    const order = Number(a.data.endsAt - b.data.endsAt);
    return phaseA === 2 ? -order : order;
  };
}

function Auctions() {
  const snapshot = useStore(coop).snapshot!;
  const me = useStore(mine);
  const history = useHistory();
  const now = useChainNow(snapshot);
  const auctions = [...snapshot.auctions].sort(byInterest(now));
  const myLast = lastBids(me && history ? bidsIn(history, me.address) : []);
  const myAuctions = auctions.filter((a) => myLast.has(a.address));
  return (
    <Page title="Commissary">
      <p>
        Members and the co-op auction gear for {snapshot.token.symbol}. Your bid is held until
        someone outbids you, and then comes straight back to your wallet.
      </p>
      <p>
        <a href="#/commissary/new" class="button-link">
          List an item
        </a>
      </p>

      <h2>My bids</h2>
      {!me ? (
        <Empty>Connect a wallet to see your bids.</Empty>
      ) : !history ? (
        <p>Reading your bids from the ledger…</p>
      ) : myAuctions.length === 0 ? (
        <Empty>You have not bid on anything yet.</Empty>
      ) : (
        <ul class="my-bids">
          {myAuctions.map((auction) => (
            <li key={auction.address}>
              <a href={`#/commissary/${auction.address}`}>{auction.data.terms.title}</a>: your last
              bid <Amount value={myLast.get(auction.address)!} />
              <Standing
                auction={auction.data}
                wallet={me.address}
                last={myLast.get(auction.address)!}
              />
            </li>
          ))}
        </ul>
      )}

      <h2>Auctions</h2>
      {auctions.length === 0 && <Empty>Nothing is being auctioned yet.</Empty>}
      <div class="cards">
        {auctions.map((auction) => {
          const a = auction.data;
          const top = leader(a);
          return (
            <article class="card auction" key={auction.address}>
              <h3>
                <a href={`#/commissary/${auction.address}`}>{a.terms.title}</a>
              </h3>
              <dl class="facts">
                <dt>Status</dt>
                <dd>{statusWords(a, now)}</dd>
                <dt>Time</dt>
                <dd>
                  <Countdown auction={a} now={now} />
                </dd>
                <dt>Current bid</dt>
                <dd>
                  {top ? (
                    <>
                      <Amount value={a.highestBid} /> by <Wallet address={top} />
                    </>
                  ) : (
                    'No bid yet'
                  )}
                </dd>
                <dt>Bids</dt>
                <dd>{a.bidCount}</dd>
                <dt>Reserve</dt>
                <dd>
                  <Amount value={a.terms.reservePrice} />
                </dd>
                <dt>Increment</dt>
                <dd>
                  <Amount value={a.terms.minIncrement} />
                </dd>
                <dt>Link</dt>
                <dd>
                  <ItemLink uri={a.terms.uri} />
                </dd>
              </dl>
            </article>
          );
        })}
      </div>
    </Page>
  );
}
