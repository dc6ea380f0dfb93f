// The program's rules, mirrored so a page can explain them before anything is sent: the tally
// and who may vote. The program decides; these only say why a button is disabled.
import { isSome, type Address } from '@solana/kit';
import { ProposalStatus, type CommunityRules, type Member, type Proposal } from '@generated';
import type { Rec, Snapshot } from './chain';
import { timeLeft, tokens } from './format';

function bit(bitmap: ReadonlyUint8Array | Uint8Array | number[], index: number): boolean {
  const byte = (bitmap as ArrayLike<number>)[index >> 3] ?? 0;
  return (byte & (1 << (index & 7))) !== 0;
}
type ReadonlyUint8Array = ArrayLike<number>;

function bytes(value: unknown): ArrayLike<number> {
  return value as ArrayLike<number>;
}

/** Whether the member in `slot` is active (the community's bitmap). */
function isActive(snapshot: Snapshot, slot: number): boolean {
  return bit(bytes(snapshot.community.data.activeMembers), slot);
}

export type Tally = {
  approvals: number;
  rejections: number;
  eligible: number;
  required: number;
  /** Approvals still missing. */
  missing: number;
};

function ceilBps(count: number, bps: number): number {
  return Math.ceil((count * bps) / 10_000);
}

export function tally(snapshot: Snapshot, proposal: Proposal): Tally {
  const limit = proposal.voterSlotLimit;
  let approvals = 0;
  let rejections = 0;
  let eligible = 0;
  for (let slot = 0; slot < limit; slot++) {
    if (!isActive(snapshot, slot)) continue;
    eligible++;
    if (bit(bytes(proposal.approvals), slot)) approvals++;
    if (bit(bytes(proposal.rejections), slot)) rejections++;
  }
  const rules = snapshot.community.data.rules;
  const required = Math.max(ceilBps(eligible, rules.approvalThresholdBps), rules.minApprovals);
  return { approvals, rejections, eligible, required, missing: Math.max(0, required - approvals) };
}

export function hasVoted(proposal: Proposal, slot: number): boolean {
  return bit(bytes(proposal.approvals), slot) || bit(bytes(proposal.rejections), slot);
}

export function isOpen(proposal: Proposal, snapshot: Snapshot, now: number): boolean {
  return (
    (proposal.status === ProposalStatus.Voting || proposal.status === ProposalStatus.Approved) &&
    proposal.rulesVersion === snapshot.community.data.rulesVersion &&
    now < Number(proposal.votingEndsAt)
  );
}

/** The wallet an action benefits (paid, admitted, promoted), if any. */
export function beneficiary(proposal: Proposal): Address | null {
  const action = proposal.action as {
    __kind: string;
    recipient?: Address;
    wallet?: Address;
    claimant?: Address;
  };
  switch (action.__kind) {
    case 'MintReward':
    case 'TreasuryTransfer':
      return action.recipient ?? null;
    case 'AddMember':
    case 'ChangeRole':
      return action.wallet ?? null;
    case 'PayBountyClaim':
      return action.claimant ?? null;
    default:
      return null;
  }
}

/**
 * Why `me` cannot vote on `proposal` now (approve when `approve`), or null if they can: the same
 * rules the program applies, said for people.
 */
export function voteBlocked(
  snapshot: Snapshot,
  proposal: Rec<Proposal>,
  wallet: Address | undefined,
  me: Rec<Member> | undefined,
  now: number,
  approve: boolean,
): string | null {
  const p = proposal.data;
  if (!wallet) return 'Connect a wallet to vote';
  if (!me || me.data.status !== 0) return 'Only active members vote';
  if (p.status === ProposalStatus.Executed) return 'Already carried out';
  if (p.status === ProposalStatus.Cancelled) return 'Cancelled by its proposer';
  if (p.status === ProposalStatus.Defeated) return 'Defeated: it can no longer pass';
  if (p.rulesVersion !== snapshot.community.data.rulesVersion)
    return 'The rules changed after it was proposed, so it can no longer pass';
  if (now >= Number(p.votingEndsAt)) return 'Voting has ended';
  if (me.data.index >= p.voterSlotLimit) return 'You joined after it was proposed';
  if (hasVoted(p, me.data.index)) return 'You already voted';
  if (approve && beneficiary(p) === wallet) return 'It benefits you: other members decide';
  return null;
}

/** Open proposals the member may still vote on. */
export function needsMyVote(
  snapshot: Snapshot,
  me: Rec<Member> | undefined,
  now: number,
): Rec<Proposal>[] {
  if (!me) return [];
  return snapshot.proposals.filter(
    (p) => voteBlocked(snapshot, p, me.data.wallet, me, now, false) === null,
  );
}

export function rulesInWords(rules: CommunityRules, decimals: number, symbol: string): string[] {
  const share = `${rules.approvalThresholdBps / 100}%`;
  const lines = [
    `A proposal passes when ${share} of the members who could vote approve it, and at least ${rules.minApprovals}.`,
    `Each member has one vote, whatever they hold. Nobody approves what benefits them.`,
    `Voting stays open for ${timeLeft(Number(rules.votingPeriodSecs), 0)}.`,
  ];
  lines.push(
    isSome(rules.supplyCap)
      ? `No more than ${tokens(rules.supplyCap.value, decimals)} ${symbol} can ever exist.`
      : `There is no cap on the total supply.`,
  );
  if (isSome(rules.issuanceCap)) {
    const cap = rules.issuanceCap.value;
    lines.push(
      `At most ${tokens(cap.amount, decimals)} ${symbol} are minted every ${timeLeft(Number(cap.periodSecs), 0)}.`,
    );
  }
  return lines;
}
