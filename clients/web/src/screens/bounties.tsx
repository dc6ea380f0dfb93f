// Bounties: paid work anyone can claim (code, street-team marketing, artist growth, care work).
// The list with filters; one bounty with its claims (bounty-page); posting one (bounty-post).
import { useState } from 'preact/hooks';
import { BountyStatus } from '@generated';
import { chainNow } from '../chain';
import { date, timeLeft } from '../format';
import { coop } from '../state';
import { useStore } from '../store';
import { Amount, Empty, Field, Page } from '../ui';
import { BOUNTY_STATUS_NAMES, CATEGORY_NAMES, fundingName, isPastDeadline } from './bounty-common';
import { BountyPage } from './bounty-page';
import { PostBounty } from './bounty-post';

export function Bounties({ id }: { id?: string }) {
  if (id === 'new') return <PostBounty />;
  if (id) return <BountyPage address={id} />;
  return <BountyList />;
}

function BountyList() {
  const snapshot = useStore(coop).snapshot!;
  const [category, setCategory] = useState('all');
  const [status, setStatus] = useState('all');
  const now = chainNow(snapshot);
  const shown = snapshot.bounties
    .filter((b) => category === 'all' || b.data.category === Number(category))
    .filter((b) => status === 'all' || b.data.status === Number(status))
    .sort((a, b) => Number(b.data.createdAt - a.data.createdAt));
  return (
    <Page title="Bounties">
      <p>
        Paid work for the co-op: anyone with a wallet claims a bounty, links the work done, and is
        paid when it is approved. <a href="#/bounties/new">Post a bounty</a>
      </p>
      <div class="bounty-filters">
        <Field label="Category">
          <select value={category} onChange={(e) => setCategory(e.currentTarget.value)}>
            <option value="all">All categories</option>
            {CATEGORY_NAMES.map((name, i) => (
              <option key={name} value={String(i)}>
                {name}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Status">
          <select value={status} onChange={(e) => setStatus(e.currentTarget.value)}>
            <option value="all">All statuses</option>
            {BOUNTY_STATUS_NAMES.map((name, i) => (
              <option key={name} value={String(i)}>
                {name}
              </option>
            ))}
          </select>
        </Field>
      </div>
      {shown.length === 0 ? (
        <Empty>No bounty matches these filters.</Empty>
      ) : (
        <div class="table-wrap">
          <table class="bounty-table">
            <caption class="hint">
              {shown.length} {shown.length === 1 ? 'bounty' : 'bounties'}
            </caption>
            <thead>
              <tr>
                <th scope="col">Title</th>
                <th scope="col">Category</th>
                <th scope="col">Reward</th>
                <th scope="col">Funding</th>
                <th scope="col">Status</th>
                <th scope="col">Claims</th>
                <th scope="col">Deadline</th>
              </tr>
            </thead>
            <tbody>
              {shown.map(({ address, data }) => {
                const late = data.status === BountyStatus.Open && isPastDeadline(data, now);
                return (
                  <tr key={address}>
                    <td data-label="Title">
                      <a href={`#/bounties/${address}`}>{data.title}</a>
                    </td>
                    <td data-label="Category">{CATEGORY_NAMES[data.category]}</td>
                    <td data-label="Reward">
                      <Amount value={data.reward} />
                    </td>
                    <td data-label="Funding">{fundingName(data)}</td>
                    <td data-label="Status">
                      <span class="badge">
                        {late ? 'Deadline passed' : BOUNTY_STATUS_NAMES[data.status]}
                      </span>
                    </td>
                    <td data-label="Claims">
                      {data.openClaims} open, {data.submittedClaims} submitted, {data.paidClaims}{' '}
                      paid of {data.maxClaims}
                    </td>
                    <td data-label="Deadline">
                      {data.deadline.__option === 'Some' ? (
                        <>
                          {date(data.deadline.value)}
                          {!late && data.status === BountyStatus.Open && (
                            <span class="hint">
                              {' '}
                              ({timeLeft(Number(data.deadline.value), now)} left)
                            </span>
                          )}
                        </>
                      ) : (
                        'None'
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </Page>
  );
}
