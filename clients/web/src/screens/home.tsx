// Home: the co-op at a glance, your place in it, and what needs you.
import { AMPLED_PROGRAM_ADDRESS, BountyFunding } from '@generated';
import { chainNow } from '../chain';
import { timeLeft, tokens } from '../format';
import { coop, mine } from '../state';
import { useStore } from '../store';
import { Amount, Empty, Page } from '../ui';
import { needsMyVote, rulesInWords } from '../rules';
import { outbidAuctions, useMyBids } from '../history';

export function Home() {
  const snapshot = useStore(coop).snapshot!;
  const me = useStore(mine);
  const bids = useMyBids();
  const { community, token, treasury } = snapshot;
  const now = chainNow(snapshot);
  const member = me?.member?.data;
  const active = member && member.status === 0;
  const toVote = me ? needsMyVote(snapshot, me.member, now) : [];
  const toReview = me
    ? snapshot.claims.filter((claim) => {
        if (claim.data.status !== 1) return false; // Submitted
        const bounty = snapshot.bounties.find((b) => b.address === claim.data.bounty);
        return bounty?.data.poster === me.address && bounty.data.funding === BountyFunding.Member;
      })
    : [];
  const outbid = me ? outbidAuctions(snapshot, me.address, bids) : [];
  return (
    <Page title={community.data.name}>
      <dl class="figures">
        <div>
          <dt>Token</dt>
          <dd>
            {token.name} ({token.symbol})
          </dd>
        </div>
        <div>
          <dt>Supply</dt>
          <dd>{tokens(token.supply, token.decimals)}</dd>
        </div>
        <div>
          <dt>Treasury</dt>
          <dd>
            <Amount value={treasury} />
          </dd>
        </div>
        <div>
          <dt>Active members</dt>
          <dd>{community.data.activeMemberCount}</dd>
        </div>
      </dl>

      <h2>The rules</h2>
      <ul>
        {rulesInWords(community.data.rules, token.decimals, token.symbol).map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>

      <h2>You</h2>
      {!me ? (
        <Empty>Connect a wallet to see your balance, your role and what needs you.</Empty>
      ) : (
        <dl class="figures">
          <div>
            <dt>Balance</dt>
            <dd>
              <Amount value={me.tokens} />
            </dd>
          </div>
          <div>
            <dt>Role</dt>
            <dd>{member ? (active ? roleName(member.role) : 'Removed member') : 'Not a member'}</dd>
          </div>
          {member && (
            <div>
              <dt>Time bank (earned)</dt>
              <dd>
                <Amount value={member.totalEarned} />
              </dd>
            </div>
          )}
        </dl>
      )}

      {me && (
        <>
          <h2>What needs you</h2>
          {toVote.length + toReview.length + outbid.length === 0 && (
            <Empty>Nothing right now.</Empty>
          )}
          <ul class="needs">
            {toVote.map((p) => (
              <li key={p.address}>
                <a href={`#/proposals/${p.address}`}>Vote on proposal {p.address.slice(0, 4)}</a>
                {' · '}
                {timeLeft(Number(p.data.votingEndsAt), now)} left
              </li>
            ))}
            {toReview.map((c) => (
              <li key={c.address}>
                <a href={`#/bounties/${c.data.bounty}`}>Review a submitted claim</a>
              </li>
            ))}
            {outbid.map(({ auction, amount }) => (
              <li key={auction.address}>
                <a href={`#/commissary/${auction.address}`}>
                  You were outbid on “{auction.data.terms.title}”
                </a>
                ; your <Amount value={amount} /> are back in your wallet.
              </li>
            ))}
          </ul>
        </>
      )}
      <p class="hint">Program {AMPLED_PROGRAM_ADDRESS}</p>
    </Page>
  );
}

export function roleName(role: number): string {
  return ['Worker', 'Artist', 'Community member'][role] ?? 'Member';
}
