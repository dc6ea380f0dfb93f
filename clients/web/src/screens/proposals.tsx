// Proposals: what the co-op is deciding, how the vote stands, and voting, executing and
// cancelling; proposing is in proposal-forms.tsx.
import type { ComponentChildren } from 'preact';
import { isSome, type Address, type Instruction, type TransactionSigner } from '@solana/kit';
import {
  ProposalStatus,
  fetchMember,
  getCancelProposalInstructionAsync,
  getCastVoteInstructionAsync,
  getExecuteAddMemberInstructionAsync,
  getExecuteChangeRoleInstructionAsync,
  getExecuteListAuctionInstructionAsync,
  getExecuteMintRewardInstructionAsync,
  getExecutePayBountyClaimInstructionAsync,
  getExecutePostBountyInstructionAsync,
  getExecuteRejectBountyClaimInstructionAsync,
  getExecuteRemoveMemberInstructionAsync,
  getExecuteDistributeInstructionAsync,
  getExecuteSetCategoryBudgetInstructionAsync,
  getExecuteTreasuryTransferInstructionAsync,
  getExecuteUpdateRulesInstructionAsync,
  getExecuteUpdateTokenMetadataInstructionAsync,
  type Proposal,
  type ProposalAction,
} from '@generated';
import { chainNow, rpc, type Rec, type Snapshot } from '../chain';
import { date, timeLeft } from '../format';
import { hasVoted, isOpen, tally, voteBlocked, type Tally } from '../rules';
import { Refusal } from '../send';
import { coop, mine } from '../state';
import { useStore } from '../store';
import { Action, Amount, Empty, Page, Wallet } from '../ui';
import { connected } from '../wallet';
import { roleName } from './home';
import { CATEGORY_NAMES, ProposalForm, rulesSummary } from './proposal-forms';
import { budgetAddress, counterAddress, memberAddress } from '../addresses';

export function Proposals({ id }: { id?: string }) {
  if (id === 'new') return <ProposalForm />;
  if (id) return <ProposalPage address={id as Address} />;
  return <ProposalList />;
}

/** What a proposal does, in a sentence. `links`: whether wallets link to their member page. */
export function ActionInWords({
  action,
  links = true,
}: {
  action: ProposalAction;
  links?: boolean;
}) {
  const who = (address: Address) => <Wallet address={address} link={links} />;
  switch (action.__kind) {
    case 'MintReward':
      return (
        <>
          Reward <Amount value={action.amount} /> to {who(action.recipient)} for “{action.reason}”
        </>
      );
    case 'TreasuryTransfer':
      return (
        <>
          Pay <Amount value={action.amount} /> from the treasury to {who(action.recipient)} for “
          {action.reason}”
        </>
      );
    case 'AddMember':
      return (
        <>
          Admit {who(action.wallet)} as {roleName(action.role)}
        </>
      );
    case 'RemoveMember':
      return <>Remove {who(action.wallet)} from the co-op</>;
    case 'ChangeRole':
      return (
        <>
          Make {who(action.wallet)} a {roleName(action.role)}
        </>
      );
    case 'UpdateRules':
      return <>Change the rules: {rulesSummary(action.rules)}</>;
    case 'UpdateTokenMetadata':
      return (
        <>
          Show the token as “{action.token.name}” ({action.token.symbol})
          {action.token.uri ? `, described at ${action.token.uri}` : ', with no description'}
        </>
      );
    case 'PostBounty':
      return (
        <>
          Post a co-op bounty “{action.terms.title}”: <Amount value={action.terms.reward} /> for
          each of up to {action.terms.maxClaims} claims
          {isSome(action.terms.deadline) && `, until ${date(action.terms.deadline.value)}`}
        </>
      );
    case 'ListAuction':
      return (
        <>
          Auction “{action.terms.title}” from the co-op, reserve{' '}
          <Amount value={action.terms.reservePrice} />, proceeds{' '}
          {action.burnProceeds ? 'burned' : 'to the treasury'}
        </>
      );
    case 'PayBountyClaim':
      return <>Pay {who(action.claimant)}'s bounty claim</>;
    case 'RejectBountyClaim':
      return <>Reject a bounty claim: “{action.reason}”</>;
    case 'SetCategoryBudget':
      return (
        <>
          Let {CATEGORY_NAMES[action.category]} bounties mint at most{' '}
          <Amount value={action.amountPerPeriod} /> every {timeLeft(Number(action.periodSecs), 0)}
        </>
      );
    case 'Distribute':
      return (
        <>
          Distribute <Amount value={action.terms.total} /> to {action.terms.recipients} recipients
          listed at <a href={action.terms.uri}>{action.terms.uri}</a>, claimable until{' '}
          {date(action.terms.claimUntil)}
        </>
      );
  }
}

function statusInWords(snapshot: Snapshot, proposal: Proposal, now: number): string {
  switch (proposal.status) {
    case ProposalStatus.Executed:
      return 'Carried out';
    case ProposalStatus.Cancelled:
      return 'Cancelled';
    case ProposalStatus.Defeated:
      return 'Defeated';
  }
  if (proposal.rulesVersion !== snapshot.community.data.rulesVersion) return 'Stale: rules changed';
  if (now >= Number(proposal.votingEndsAt)) return 'Expired';
  return tally(snapshot, proposal).missing === 0 ? 'Passed: ready to carry out' : 'Voting';
}

function tallyInWords(t: Tally): string {
  const against = t.rejections ? ` · ${t.rejections} against` : '';
  const needs = t.missing ? `needs ${t.missing} more` : 'enough to pass';
  return `${t.approvals} of ${t.required} approvals · ${needs}${against}`;
}

/** When a proposal stopped being open: decided, or its voting period over. */
function endedAt(proposal: Proposal): bigint {
  return isSome(proposal.decidedAt) ? proposal.decidedAt.value : proposal.votingEndsAt;
}

function timeInWords(snapshot: Snapshot, proposal: Proposal, now: number): string {
  return isOpen(proposal, snapshot, now)
    ? `${timeLeft(Number(proposal.votingEndsAt), now)} left`
    : `Ended ${date(endedAt(proposal))}`;
}

function ProposalList() {
  const snapshot = useStore(coop).snapshot!;
  const now = chainNow(snapshot);
  const newestFirst = (a: Rec<Proposal>, b: Rec<Proposal>) =>
    Number(b.data.createdAt - a.data.createdAt);
  const open = snapshot.proposals.filter((p) => isOpen(p.data, snapshot, now)).sort(newestFirst);
  const closed = snapshot.proposals.filter((p) => !isOpen(p.data, snapshot, now)).sort(newestFirst);
  return (
    <Page title="Proposals">
      <p>
        <a href="#/proposals/new" class="button-link">
          Make a proposal
        </a>
      </p>
      <h2>Open</h2>
      <ProposalCards proposals={open} empty="Nothing is being decided right now." now={now} />
      <h2>Decided or ended</h2>
      <ProposalCards proposals={closed} empty="No earlier proposals." now={now} />
    </Page>
  );
}

function ProposalCards({
  proposals,
  empty,
  now,
}: {
  proposals: Rec<Proposal>[];
  empty: string;
  now: number;
}) {
  const snapshot = useStore(coop).snapshot!;
  if (proposals.length === 0) return <Empty>{empty}</Empty>;
  return (
    <ul class="proposal-list">
      {proposals.map(({ address, data }) => (
        <li key={address} class="card" data-proposal={address}>
          <a href={`#/proposals/${address}`} class="proposal-title">
            <ActionInWords action={data.action} links={false} />
          </a>
          <div class="proposal-facts">
            <span class="badge">{statusInWords(snapshot, data, now)}</span>
            <span>{tallyInWords(tally(snapshot, data))}</span>
            <span>{timeInWords(snapshot, data, now)}</span>
          </div>
        </li>
      ))}
    </ul>
  );
}

function Figure({ label, children }: { label: string; children: ComponentChildren }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function ProposalPage({ address }: { address: Address }) {
  const snapshot = useStore(coop).snapshot!;
  const me = useStore(mine);
  const found = snapshot.proposals.find((p) => p.address === address);
  if (!found) {
    return (
      <Page title="No such proposal">
        <p>This co-op has no proposal at that address.</p>
        <a href="#/proposals">All proposals</a>
      </Page>
    );
  }
  const proposal = found.data;
  const now = chainNow(snapshot);
  const counted = tally(snapshot, proposal);
  const open = isOpen(proposal, snapshot, now);
  const voters = snapshot.members
    .filter((m) => m.data.index < proposal.voterSlotLimit && hasVoted(proposal, m.data.index))
    .sort((a, b) => a.data.index - b.data.index);
  const approved = (slot: number) =>
    ((proposal.approvals as ArrayLike<number>)[slot >> 3] & (1 << (slot & 7))) !== 0;
  const voteReason = (approve: boolean) =>
    voteBlocked(snapshot, found, me?.address, me?.member, now, approve);
  const vote = (approve: boolean) => async () => [
    await getCastVoteInstructionAsync({
      voter: signer(),
      community: snapshot.community.address,
      proposal: address,
      approve,
    }),
  ];
  const isProposer = me?.address === proposal.proposer;
  return (
    <Page title="Proposal">
      <p class="lead">
        <ActionInWords action={proposal.action} />
      </p>
      <dl class="figures">
        <Figure label="Status">{statusInWords(snapshot, proposal, now)}</Figure>
        <Figure label="Tally">{tallyInWords(counted)}</Figure>
        <Figure label={open ? 'Time left' : 'Ended'}>
          {open ? timeLeft(Number(proposal.votingEndsAt), now) : date(endedAt(proposal))}
        </Figure>
        <Figure label="Proposed by">
          <Wallet address={proposal.proposer} />
        </Figure>
        <Figure label="Created">{date(proposal.createdAt)}</Figure>
      </dl>

      <h2>Votes</h2>
      {voters.length === 0 ? (
        <Empty>Nobody has voted yet.</Empty>
      ) : (
        <ul class="votes">
          {voters.map((m) => (
            <li key={m.address}>
              <Wallet address={m.data.wallet} />: {approved(m.data.index) ? 'approved' : 'rejected'}
            </li>
          ))}
        </ul>
      )}

      <h2>Your part</h2>
      <div>
        <Action
          label="Approve"
          progressLabel="Approve the proposal"
          blocked={voteReason(true)}
          build={vote(true)}
        />
        <Action
          label="Reject"
          progressLabel="Reject the proposal"
          kind="secondary"
          blocked={voteReason(false)}
          build={vote(false)}
        />
      </div>
      {open && counted.missing === 0 && (
        <div>
          <p class="hint">It has the approvals it needs: anyone may carry it out now.</p>
          <Action
            label="Execute"
            progressLabel="Carry out the proposal"
            blocked={me ? null : 'Connect a wallet to carry it out'}
            build={async () => [await executeInstruction(snapshot, found, signer())]}
          />
        </div>
      )}
      {isProposer && open && (
        <div>
          <Action
            label="Cancel proposal"
            progressLabel="Cancel the proposal"
            kind="danger"
            blocked={
              counted.missing === 0 ? 'It already passed, so it can no longer be cancelled' : null
            }
            build={async () => [
              await getCancelProposalInstructionAsync({
                proposer: signer(),
                community: snapshot.community.address,
                proposal: address,
              }),
            ]}
          />
        </div>
      )}
      <p>
        <a href="#/proposals">All proposals</a>
      </p>
    </Page>
  );
}

function signer(): TransactionSigner {
  const wallet = connected.get();
  if (!wallet) throw new Refusal('Connect a wallet first');
  return wallet.signer;
}

/** The `execute_*` instruction for the proposal's action, with the accounts that action touches. */
async function executeInstruction(
  snapshot: Snapshot,
  { address: proposal, data }: Rec<Proposal>,
  payer: TransactionSigner,
): Promise<Instruction> {
  const community = snapshot.community.address;
  const mint = snapshot.community.data.mint;
  const action = data.action;
  // The proposer's counters name what a bounty or auction proposal creates: read them fresh.
  const proposerRecord = async () =>
    (await fetchMember(rpc, await memberAddress(community, data.proposer))).data;
  switch (action.__kind) {
    case 'MintReward':
      return getExecuteMintRewardInstructionAsync({
        community,
        proposal,
        payer,
        mint,
        recipient: action.recipient,
        recipientMember: await memberAddress(community, action.recipient),
      });
    case 'TreasuryTransfer':
      return getExecuteTreasuryTransferInstructionAsync({
        community,
        proposal,
        treasury: snapshot.community.data.treasury,
        payer,
        mint,
        recipient: action.recipient,
      });
    case 'AddMember':
      return getExecuteAddMemberInstructionAsync({
        executor: payer,
        community,
        proposal,
        wallet: action.wallet,
      });
    case 'RemoveMember':
      return getExecuteRemoveMemberInstructionAsync({
        community,
        proposal,
        member: await memberAddress(community, action.wallet),
      });
    case 'ChangeRole':
      return getExecuteChangeRoleInstructionAsync({
        community,
        proposal,
        member: await memberAddress(community, action.wallet),
      });
    case 'UpdateRules':
      return getExecuteUpdateRulesInstructionAsync({ community, proposal });
    case 'UpdateTokenMetadata':
      return getExecuteUpdateTokenMetadataInstructionAsync({ payer, community, proposal, mint });
    case 'PostBounty': {
      const poster = await proposerRecord();
      return getExecutePostBountyInstructionAsync({
        executor: payer,
        community,
        proposal,
        posterMember: await memberAddress(community, data.proposer),
        bounty: await counterAddress('bounty', community, data.proposer, poster.bountiesPosted),
      });
    }
    case 'ListAuction': {
      const lister = await proposerRecord();
      return getExecuteListAuctionInstructionAsync({
        executor: payer,
        community,
        proposal,
        listerMember: await memberAddress(community, data.proposer),
        auction: await counterAddress('auction', community, data.proposer, lister.auctionsListed),
        mint,
      });
    }
    case 'PayBountyClaim': {
      const claim = snapshot.claims.find((c) => c.address === action.claim);
      const bounty = snapshot.bounties.find((b) => b.address === claim?.data.bounty);
      if (!claim || !bounty) throw new Refusal('That claim or its bounty no longer exists');
      return getExecutePayBountyClaimInstructionAsync({
        community,
        proposal,
        bounty: bounty.address,
        claim: claim.address,
        payer,
        mint,
        recipient: action.claimant,
        claimantMember: await memberAddress(community, action.claimant),
        categoryBudget: await budgetAddress(community, bounty.data.category),
      });
    }
    case 'RejectBountyClaim': {
      const claim = snapshot.claims.find((c) => c.address === action.claim);
      if (!claim) throw new Refusal('That claim no longer exists');
      return getExecuteRejectBountyClaimInstructionAsync({
        community,
        proposal,
        bounty: claim.data.bounty,
        claim: claim.address,
      });
    }
    case 'SetCategoryBudget':
      return getExecuteSetCategoryBudgetInstructionAsync({
        executor: payer,
        community,
        proposal,
        categoryBudget: await budgetAddress(community, action.category),
      });
    case 'Distribute':
      return getExecuteDistributeInstructionAsync({ executor: payer, community, proposal });
  }
}
