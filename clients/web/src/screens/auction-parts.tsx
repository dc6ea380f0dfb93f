// What the commissary's pages share: the program's auction rules said for people (so a button
// can say why it is disabled before anything is sent), the live countdown, and an auction's
// figures.
import { useEffect, useState } from 'preact/hooks';
import { isSome, type Address } from '@solana/kit';
import { AuctionStatus, MemberStatus, type Auction } from '@generated';
import { chainNow, type Rec, type Snapshot } from '../chain';
import { date, timeLeft, tokens } from '../format';
import type { Bid } from '../history';
import type { Mine } from '../state';
import { Amount, Wallet } from '../ui';

/** Renders the caller again every second, so countdowns move between chain reads. */
export function useChainNow(snapshot: Snapshot): number {
  const [, tick] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => tick((n) => n + 1), 1_000);
    return () => clearInterval(timer);
  }, []);
  return chainNow(snapshot);
}

/** The smallest bid the program accepts now: the reserve first, then the highest plus the step. */
export function minimumBid(auction: Auction): bigint {
  return isSome(auction.highestBidder)
    ? auction.highestBid + auction.terms.minIncrement
    : auction.terms.reservePrice;
}

export function leader(auction: Auction): Address | null {
  return isSome(auction.highestBidder) ? auction.highestBidder.value : null;
}

export function seller(auction: Auction): Address | null {
  return auction.proceeds.__kind === 'Seller' ? auction.proceeds.wallet : null;
}

/** An anti-sniping extension moved the end past the one listed. */
export function extended(auction: Auction): boolean {
  return auction.endsAt > auction.terms.endsAt;
}

export function statusWords(auction: Auction, now: number): string {
  switch (auction.status) {
    case AuctionStatus.Settled:
      return auction.handedOverAt.__option === 'Some' ? 'Sold, handed over' : 'Sold';
    case AuctionStatus.Unsold:
      return 'Ended unsold';
    case AuctionStatus.Cancelled:
      return 'Cancelled';
    default:
      if (now < Number(auction.terms.startsAt)) return 'Not started';
      return now < Number(auction.endsAt) ? 'Open' : 'Ended, not settled yet';
  }
}

function isActiveMember(me: Mine): boolean {
  return me.member?.data.status === MemberStatus.Active;
}

/** Why the auction takes no bid from anyone now, or null. */
function closedToBids(auction: Auction, now: number): string | null {
  if (auction.status === AuctionStatus.Cancelled) return 'This auction was cancelled by its seller';
  if (auction.status !== AuctionStatus.Open) return 'This auction has already been settled';
  if (now < Number(auction.terms.startsAt)) return 'This auction has not started yet';
  if (now >= Number(auction.endsAt)) return 'This auction has ended; no more bids';
  return null;
}

/** Why `me` cannot bid `amount` (null: not a readable amount) now, or null: the program's rules. */
export function bidBlocked(
  snapshot: Snapshot,
  auction: Auction,
  me: Mine | null,
  amount: bigint | null,
  now: number,
): string | null {
  const closed = closedToBids(auction, now);
  if (closed) return closed;
  if (!me) return 'Connect a wallet to bid';
  if (seller(auction) === me.address) return 'The seller cannot bid on their own auction';
  if (auction.terms.membersOnly && !isActiveMember(me))
    return 'Only members may bid in this auction';
  const { decimals, symbol } = snapshot.token;
  if (amount === null || amount === 0n) return `Enter your bid in ${symbol}`;
  const minimum = minimumBid(auction);
  if (amount < minimum)
    return `Bid too low: the lowest acceptable bid now is ${tokens(minimum, decimals)} ${symbol}`;
  if (me.tokens < amount)
    return `Not enough ${symbol} in your wallet: you have ${tokens(me.tokens, decimals)} ${symbol}`;
  return null;
}

export function settleBlocked(auction: Auction, me: Mine | null, now: number): string | null {
  if (auction.status === AuctionStatus.Cancelled) return 'This auction was cancelled by its seller';
  if (auction.status !== AuctionStatus.Open) return 'This auction has already been settled';
  if (now < Number(auction.endsAt))
    return `This auction is still running; it can be settled once it ends (${date(auction.endsAt)})`;
  if (!me) return 'Connect a wallet to settle it';
  return null;
}

export function cancelBlocked(auction: Auction, me: Mine | null): string | null {
  if (!me) return 'Connect a wallet to cancel';
  if (auction.lister !== me.address) return 'Only the seller can do this';
  if (auction.status === AuctionStatus.Cancelled) return 'This auction was cancelled by its seller';
  if (auction.status !== AuctionStatus.Open) return 'This auction has already been settled';
  if (!seller(auction))
    return 'The members decided this by vote, so one member cannot undo it: a co-op auction ends at its end';
  if (leader(auction)) return 'Bids have been placed, so the auction can no longer be cancelled';
  return null;
}

export function handOverBlocked(auction: Auction, me: Mine | null): string | null {
  if (auction.status !== AuctionStatus.Settled)
    return 'Only a sold and settled auction’s item can be handed over';
  if (isSome(auction.handedOverAt)) return 'The item was already marked handed over';
  if (!me) return 'Connect a wallet to mark it';
  if (leader(auction) !== me.address && auction.lister !== me.address)
    return 'Only the winner or the seller can mark the item handed over';
  return null;
}

export function closeBlocked(auction: Auction, me: Mine | null): string | null {
  const finished =
    auction.status === AuctionStatus.Unsold ||
    auction.status === AuctionStatus.Cancelled ||
    (auction.status === AuctionStatus.Settled && isSome(auction.handedOverAt));
  if (!finished) return 'Only an unsold, cancelled, or sold and handed over auction can be closed';
  if (!me) return 'Connect a wallet to close it';
  return null;
}

/** Where a sale's winning bid goes, in words. */
export function proceedsWords(auction: Auction): string {
  switch (auction.proceeds.__kind) {
    case 'Seller':
      return 'to the seller';
    case 'Treasury':
      return 'to the co-op treasury';
    default:
      return 'burned';
  }
}

/** The wallet's newest bid on each auction it bid on (`bids` is newest first). */
export function lastBids(bids: Bid[]): Map<Address, bigint> {
  const last = new Map<Address, bigint>();
  for (const bid of bids) if (!last.has(bid.auction)) last.set(bid.auction, bid.amount);
  return last;
}

/** Where the wallet stands in an auction it bid on. */
export function myStanding(
  auction: Auction,
  wallet: Address,
): 'leading' | 'won' | 'outbid' | 'closed' {
  const leads = leader(auction) === wallet;
  if (auction.status === AuctionStatus.Open) return leads ? 'leading' : 'outbid';
  if (auction.status === AuctionStatus.Settled) return leads ? 'won' : 'outbid';
  return 'closed';
}

export function Countdown({ auction, now }: { auction: Auction; now: number }) {
  const ends = Number(auction.endsAt);
  if (auction.status !== AuctionStatus.Open) return <>Ended {date(auction.endsAt)}</>;
  const starts = Number(auction.terms.startsAt);
  if (now < starts) return <>Starts in {timeLeft(starts, now)}</>;
  return (
    <>
      {now < ends ? `${timeLeft(ends, now)} left` : 'Ended'} (ends {date(auction.endsAt)})
      {extended(auction) && (
        <>
          {' '}
          <span class="badge">extended by a late bid</span>
        </>
      )}
    </>
  );
}

/** An auction's figures, as on the chain. */
export function AuctionFigures({ auction, now }: { auction: Rec<Auction>; now: number }) {
  const a = auction.data;
  const top = leader(a);
  return (
    <dl class="figures">
      <div>
        <dt>Status</dt>
        <dd>{statusWords(a, now)}</dd>
      </div>
      <div>
        <dt>Time</dt>
        <dd>
          <Countdown auction={a} now={now} />
        </dd>
      </div>
      <div>
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
      </div>
      <div>
        <dt>Bids</dt>
        <dd>{a.bidCount}</dd>
      </div>
      <div>
        <dt>Reserve</dt>
        <dd>
          <Amount value={a.terms.reservePrice} />
        </dd>
      </div>
      <div>
        <dt>Minimum increment</dt>
        <dd>
          <Amount value={a.terms.minIncrement} />
        </dd>
      </div>
      <div>
        <dt>Seller</dt>
        <dd>
          <Wallet address={a.lister} /> (proceeds {proceedsWords(a)})
        </dd>
      </div>
      <div>
        <dt>Who may bid</dt>
        <dd>{a.terms.membersOnly ? 'Members only' : 'Anyone'}</dd>
      </div>
    </dl>
  );
}

export function ItemLink({ uri }: { uri: string }) {
  if (!uri) return <span class="hint">No link</span>;
  return /^https?:\/\//.test(uri) ? (
    <a href={uri} rel="noopener noreferrer" target="_blank">
      {uri}
    </a>
  ) : (
    <span>{uri}</span>
  );
}
