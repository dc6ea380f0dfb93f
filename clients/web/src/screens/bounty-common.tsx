// What the bounty screens share: names for the program's enums, the rules a bounty follows
// (mirroring state/bounty.rs, so buttons say why before anything is sent) and proposal creation.
import { getUtf8Encoder, type Address, type Instruction } from '@solana/kit';
import {
  BountyFunding,
  BountyStatus,
  ClaimStatus,
  findMemberPda,
  getCreateProposalInstructionAsync,
  type Bounty,
  type Claim,
  type Member,
  type ProposalActionArgs,
} from '@generated';
import type { Rec, Snapshot } from '../chain';
import { Refusal } from '../send';
import type { Mine } from '../state';
import { connected } from '../wallet';
import { counterAddress } from '../addresses';

export const CATEGORY_NAMES = [
  'Code',
  'Street team',
  'Artist growth',
  'Care work',
  'Community',
  'Other',
];
export const BOUNTY_STATUS_NAMES = ['Open', 'Completed', 'Cancelled', 'Expired'];
export const CLAIM_STATUS_NAMES = ['Claimed', 'Submitted', 'Paid', 'Rejected', 'Withdrawn'];

export const MAX_TITLE_BYTES = 64;
export const MAX_URI_BYTES = 200;
export const MAX_REASON_BYTES = 128;
export const MAX_CLAIMS = 1000;

export const bytes = (text: string) => getUtf8Encoder().encode(text).length;

export function fundingName(bounty: Bounty): string {
  return bounty.funding === BountyFunding.Member ? 'Member-funded (escrow)' : 'Co-op (minted)';
}

export function isPastDeadline(bounty: Bounty, now: number): boolean {
  return bounty.deadline.__option === 'Some' && now >= Number(bounty.deadline.value);
}

/** The program's words for a bounty that is not open (`Bounty::require_open`). */
export function notOpenReason(bounty: Bounty): string | null {
  switch (bounty.status) {
    case BountyStatus.Open:
      return null;
    case BountyStatus.Completed:
      return 'This bounty has already paid all the claims it accepts';
    case BountyStatus.Cancelled:
      return 'This bounty was cancelled by its poster';
    default:
      return "This bounty's deadline has passed";
  }
}

/** Why the bounty takes no claim or evidence now (`Bounty::require_accepting_work`). */
export function notAcceptingWorkReason(bounty: Bounty, now: number): string | null {
  return (
    notOpenReason(bounty) ??
    (isPastDeadline(bounty, now) ? "This bounty's deadline has passed" : null)
  );
}

export function claimsOf(snapshot: Snapshot, bounty: Address): Rec<Claim>[] {
  return snapshot.claims
    .filter((c) => c.data.bounty === bounty)
    .sort((a, b) => Number(a.data.claimedAt - b.data.claimedAt));
}

export function isUnsettled(claim: Claim): boolean {
  return claim.status === ClaimStatus.Claimed || claim.status === ClaimStatus.Submitted;
}

/** Why this wallet may not propose (`Member::require_active`). */
export function notActiveMemberReason(me: Mine | null): string | null {
  if (!me) return 'Connect a wallet first';
  if (!me.member || me.member.data.status !== 0) {
    return 'This wallet is not an active member of the community';
  }
  return null;
}

export function signer() {
  const wallet = connected.get();
  if (!wallet) throw new Refusal('Connect a wallet first');
  return wallet.signer;
}

/** Where the poster's next bounty will live: seeded by their `bountiesPosted`. */
export function nextBountyAddress(community: Address, poster: Rec<Member>): Promise<Address> {
  return counterAddress('bounty', community, poster.data.wallet, poster.data.bountiesPosted);
}

/**
 * A proposal by the connected member, at the address its `proposalsCreated` gives, with the
 * claim it is about as its target and the claimant's membership as its beneficiary.
 */
export async function proposal(
  snapshot: Snapshot,
  proposer: Rec<Member>,
  action: ProposalActionArgs,
): Promise<{ address: Address; instruction: Instruction }> {
  const community = snapshot.community.address;
  const address = await counterAddress(
    'proposal',
    community,
    proposer.data.wallet,
    proposer.data.proposalsCreated,
  );
  const target =
    action.__kind === 'PayBountyClaim' || action.__kind === 'RejectBountyClaim'
      ? action.claim
      : undefined;
  const beneficiaryMember =
    action.__kind === 'PayBountyClaim'
      ? (await findMemberPda({ community, wallet: action.claimant }))[0]
      : undefined;
  const instruction = await getCreateProposalInstructionAsync({
    proposer: signer(),
    community,
    proposal: address,
    target,
    beneficiaryMember,
    action,
  });
  return { address, instruction };
}
