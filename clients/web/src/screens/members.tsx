// Members: everyone in the co-op with their role and time bank, and one wallet's page: its
// record, balance and history read back from the ledger.
import { Fragment, type ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { isAddress, type Address } from '@solana/kit';
import { MemberStatus, getPlaceBidInstructionDataDecoder, type Member } from '@generated';
import { chainNow, rpc, tokenAccount, tokenBalance, type Rec, type Snapshot } from '../chain';
import { parseListingMemo, shownListings } from '../directory';
import { date, short, tokens } from '../format';
import { history, memoText, transferAmount, type Entry, type Step } from '../history';
import { coop } from '../state';
import { useStore } from '../store';
import { Amount, Empty, Page, Wallet } from '../ui';
import { kindName, Price } from './directory';
import { roleName } from './home';

export function Members({ id }: { id?: string }) {
  // Keyed by the wallet, so another wallet's page starts without the last one's figures.
  return id ? <MemberPage key={id} id={id} /> : <MemberList />;
}

/** Members in the order the program admitted them (as `ampled member list` shows them). */
export function byAdmission(members: Rec<Member>[]): Rec<Member>[] {
  return [...members].sort((a, b) => a.data.index - b.data.index);
}

function statusName(member: Member): string {
  return member.status === MemberStatus.Active ? 'Active' : 'Removed';
}

function MemberList() {
  const snapshot = useStore(coop).snapshot!;
  const members = byAdmission(snapshot.members);
  return (
    <Page title="Members">
      <p>
        {snapshot.community.data.activeMemberCount} active of {members.length} ever admitted. The
        time bank counts what each member earned from rewards and bounties.
      </p>
      {members.length === 0 ? (
        <Empty>No members yet.</Empty>
      ) : (
        <div class="table-wrap" tabIndex={0} role="region" aria-labelledby="members-caption">
          <table class="members">
            <caption id="members-caption">Members and their time bank</caption>
            <thead>
              <tr>
                <th scope="col">Member</th>
                <th scope="col">Role</th>
                <th scope="col">Status</th>
                <th scope="col">Joined</th>
                <th scope="col">Earned</th>
                <th scope="col">Rewards</th>
              </tr>
            </thead>
            <tbody>
              {members.map(({ address, data }) => (
                <tr key={address}>
                  <th scope="row">
                    <Wallet address={data.wallet} />
                  </th>
                  <td>{roleName(data.role)}</td>
                  <td>
                    <span class="badge">{statusName(data)}</span>
                  </td>
                  <td>{date(data.joinedAt)}</td>
                  <td>
                    <Amount value={data.totalEarned} />
                  </td>
                  <td>{data.rewardsReceived}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Page>
  );
}

/** A wallet's token balance, read again whenever the co-op changes. */
function useBalance(wallet: Address | null, snapshot: Snapshot): bigint | null {
  const [balance, setBalance] = useState<bigint | null>(null);
  useEffect(() => {
    if (!wallet) return;
    let current = true;
    tokenAccount(wallet, snapshot.community.data.mint)
      .then(tokenBalance)
      .then((units) => current && setBalance(units));
    return () => {
      current = false;
    };
  }, [wallet, snapshot]);
  return balance;
}

/** Any wallet's history from the ledger, read again whenever the co-op changes. */
function useWalletHistory(wallet: Address | null, snapshot: Snapshot): Entry[] | null {
  const [entries, setEntries] = useState<Entry[] | null>(null);
  useEffect(() => {
    if (!wallet) return;
    let current = true;
    history(wallet).then(
      (found) => current && setEntries(found),
      () => current && setEntries([]),
    );
    return () => {
      current = false;
    };
  }, [wallet, snapshot]);
  return entries;
}

function MemberPage({ id }: { id: string }) {
  const snapshot = useStore(coop).snapshot!;
  const wallet = isAddress(id) ? id : null;
  const balance = useBalance(wallet, snapshot);
  const entries = useWalletHistory(wallet, snapshot);
  if (!wallet) {
    return (
      <Page title="No such wallet">
        <p role="alert">
          “{id}” is not a wallet address. <a href="#/members">Back to the members</a>
        </p>
      </Page>
    );
  }
  const member = snapshot.members.find((m) => m.data.wallet === wallet)?.data;
  return (
    <Page title={member ? `Member ${short(wallet)}` : `Wallet ${short(wallet)}`}>
      <p class="address">
        <code>{wallet}</code>
      </p>
      {!member && (
        <p class="card notice">This wallet is not a member of {snapshot.community.data.name}.</p>
      )}
      <dl class="figures">
        <div>
          <dt>Balance</dt>
          <dd>{balance === null ? '…' : <Amount value={balance} />}</dd>
        </div>
        {member && (
          <>
            <div>
              <dt>Role</dt>
              <dd>{roleName(member.role)}</dd>
            </div>
            <div>
              <dt>Status</dt>
              <dd>{statusName(member)}</dd>
            </div>
            <div>
              <dt>{member.status === MemberStatus.Active ? 'Joined' : 'Last joined'}</dt>
              <dd>{date(member.joinedAt)}</dd>
            </div>
            {member.removedAt.__option === 'Some' && (
              <div>
                <dt>Removed</dt>
                <dd>{date(member.removedAt.value)}</dd>
              </div>
            )}
            <div>
              <dt>Time bank (earned)</dt>
              <dd>
                <Amount value={member.totalEarned} />
              </dd>
            </div>
            <div>
              <dt>Rewards received</dt>
              <dd>{member.rewardsReceived}</dd>
            </div>
          </>
        )}
      </dl>
      {member?.status === MemberStatus.Active && (
        <p>
          <a href="#/proposals/new">Propose changing this member's role, or removing them</a>
        </p>
      )}
      {member && <MemberListings wallet={wallet} snapshot={snapshot} />}
      <h2>History from the ledger</h2>
      <HistoryTable wallet={wallet} entries={entries} />
    </Page>
  );
}

/** What the member offers and asks for in the directory now, newest first. */
function MemberListings({ wallet, snapshot }: { wallet: Address; snapshot: Snapshot }) {
  const listed = shownListings(snapshot.listings, chainNow(snapshot), snapshot.members).filter(
    (l) => l.data.owner === wallet,
  );
  return (
    <>
      <h2>Offers and requests</h2>
      {listed.length === 0 ? (
        <Empty>Nothing listed in the directory now.</Empty>
      ) : (
        <ul class="member-listings">
          {listed.map(({ address, data }) => (
            <li key={address}>
              {kindName(data.terms.kind)}: <a href={`#/directory/${address}`}>{data.terms.title}</a>{' '}
              <span class="hint">
                ({data.terms.category}, <Price listing={data} />)
              </span>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

/** A memo, linked to the listing it pays for when it names one still on chain. */
function Memo({ text, snapshot }: { text: string; snapshot: Snapshot }) {
  const listing = parseListingMemo(text);
  const found = listing && snapshot.listings.some((l) => l.address === listing);
  return <>memo: “{found ? <a href={`#/directory/${listing}`}>{text}</a> : text}”</>;
}

/** The wallets holding these token accounts, read from the chain. */
function useTokenAccountOwners(entries: Entry[] | null): Map<Address, Address> {
  const [owners, setOwners] = useState(new Map<Address, Address>());
  useEffect(() => {
    const destinations = [
      ...new Set(
        (entries ?? []).flatMap((e) =>
          e.steps.filter((s) => s.name === 'transfer').map((s) => s.accounts[2]),
        ),
      ),
    ];
    if (destinations.length === 0) return;
    let current = true;
    rpc
      .getMultipleAccounts(destinations, { encoding: 'jsonParsed' })
      .send()
      .then(({ value }) => {
        const found = new Map<Address, Address>();
        value.forEach((account, i) => {
          const owner = (account?.data as { parsed?: { info?: { owner?: Address } } })?.parsed?.info
            ?.owner;
          if (owner) found.set(destinations[i], owner);
        });
        if (current) setOwners(found);
      })
      .catch(() => {
        // Unknown owners: the transfers then name the token account instead.
      });
    return () => {
      current = false;
    };
  }, [entries]);
  return owners;
}

const WORDS: Record<string, string> = {
  approveBountyClaim: 'Approved a bounty claim',
  cancelAuction: 'Cancelled an auction',
  cancelProposal: 'Cancelled a proposal',
  castVote: 'Voted',
  claimBounty: 'Claimed a bounty',
  closeAuction: 'Closed an auction',
  closeBounty: 'Closed a bounty',
  closeClaim: 'Closed a claim',
  closeProposal: 'Closed a proposal',
  createCommunity: 'Founded the co-op',
  createProposal: 'Made a proposal',
  endBounty: 'Ended a bounty',
  executeAddMember: 'Carried out a vote: a member admitted',
  executeChangeRole: "Carried out a vote: a member's role changed",
  executeListAuction: 'Carried out a vote: an auction listed',
  executeMintReward: 'Carried out a vote: a reward minted',
  executePayBountyClaim: 'Carried out a vote: a bounty claim paid',
  executePostBounty: 'Carried out a vote: a bounty posted',
  executeRejectBountyClaim: 'Carried out a vote: a bounty claim rejected',
  executeRemoveMember: 'Carried out a vote: a member removed',
  executeSetCategoryBudget: "Carried out a vote: a category's budget set",
  executeTreasuryTransfer: 'Carried out a vote: a payment from the treasury',
  executeUpdateRules: 'Carried out a vote: new rules',
  executeUpdateTokenMetadata: "Carried out a vote: the token's details changed",
  listAuction: 'Listed an auction',
  markHandedOver: 'Marked an item handed over',
  postBounty: 'Posted a bounty',
  postListing: 'Listed an offer or a request in the directory',
  rejectBountyClaim: 'Rejected a bounty claim',
  removeListing: 'Removed a listing from the directory',
  settleAuction: 'Settled an auction',
  submitEvidence: 'Submitted evidence',
  updateListing: 'Changed a listing in the directory',
  withdrawClaim: 'Withdrew a claim',
  token: 'A token operation',
};

/** What one transaction did, in words, as seen by `wallet`. */
function describe(
  entry: Entry,
  wallet: Address,
  owners: Map<Address, Address>,
  snapshot: Snapshot,
): ComponentChildren {
  const { decimals, symbol, mint } = snapshot.token;
  const amount = (units: bigint) => `${tokens(units, decimals)} ${symbol}`;
  const name = (address: Address) => (address === wallet ? 'this wallet' : short(address));
  const say = (step: Step): ComponentChildren => {
    if (step.name === 'transfer') {
      const [, stepMint, destination, sender] = step.accounts;
      if (stepMint !== mint) return 'Moved another token';
      const moved = amount(transferAmount(step));
      if (sender === wallet)
        return `Sent ${moved} to ${name(owners.get(destination) ?? destination)}`;
      return `Received ${moved} from ${name(sender)}`;
    }
    if (step.name === 'memo') return <Memo text={memoText(step)} snapshot={snapshot} />;
    if (step.name === 'placeBid') {
      return `Bid ${amount(getPlaceBidInstructionDataDecoder().decode(step.data).amount)}`;
    }
    return WORDS[step.name] ?? null;
  };
  const said = entry.steps.map(say).filter((s) => s !== null);
  const text = said.length
    ? said.map((s, i) => (
        <Fragment key={i}>
          {i > 0 && '; '}
          {s}
        </Fragment>
      ))
    : 'Another transaction';
  return entry.failed ? <>Failed: {text}</> : text;
}

export function HistoryTable({ wallet, entries }: { wallet: Address; entries: Entry[] | null }) {
  const snapshot = useStore(coop).snapshot!;
  const owners = useTokenAccountOwners(entries);
  if (entries === null) return <p>Reading the ledger…</p>;
  if (entries.length === 0) return <Empty>Nothing on the ledger for this wallet yet.</Empty>;
  return (
    <div class="table-wrap" tabIndex={0} role="region" aria-label="History">
      <table class="history">
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">What</th>
            <th scope="col">Signature</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => (
            <tr key={entry.signature}>
              <td>{entry.time === null ? 'Unknown time' : date(entry.time)}</td>
              <td>{describe(entry, wallet, owners, snapshot)}</td>
              <td>
                <code class="signature-full">{entry.signature}</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
