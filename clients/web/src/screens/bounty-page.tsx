// One bounty: its terms, its claims, and what the connected wallet may do with them. Each button
// says why the program would refuse it before anything is sent (rules in state/bounty.rs).
import { useState } from 'preact/hooks';
import type { Address } from '@solana/kit';
import {
  BountyFunding,
  BountyStatus,
  ClaimStatus,
  ProposalStatus,
  findMemberPda,
  findPostBountyVaultPda,
  getApproveBountyClaimInstructionAsync,
  getClaimBountyInstructionAsync,
  getCloseBountyInstructionAsync,
  getEndBountyInstructionAsync,
  getRejectBountyClaimInstructionAsync,
  getSubmitEvidenceInstructionAsync,
  getWithdrawClaimInstructionAsync,
  type Bounty,
  type Claim,
} from '@generated';
import { chainNow, tokenAccount, type Rec, type Snapshot } from '../chain';
import { date, short, timeLeft } from '../format';
import { coop, mine, type Mine } from '../state';
import { useStore } from '../store';
import { Action, Amount, Empty, Field, Page, Wallet } from '../ui';
import {
  BOUNTY_STATUS_NAMES,
  CATEGORY_NAMES,
  CLAIM_STATUS_NAMES,
  MAX_REASON_BYTES,
  MAX_URI_BYTES,
  bytes,
  claimsOf,
  fundingName,
  isPastDeadline,
  isUnsettled,
  notAcceptingWorkReason,
  notActiveMemberReason,
  notOpenReason,
  proposal,
  signer,
} from './bounty-common';

/** A link people can follow, or the text as it is (a content hash, or something unsafe). */
function Link({ uri }: { uri: string }) {
  if (!uri) return <>None</>;
  return /^https?:\/\//i.test(uri) ? (
    <a href={uri} rel="noopener noreferrer">
      {uri}
    </a>
  ) : (
    <span class="uri">{uri}</span>
  );
}

export function BountyPage({ address }: { address: string }) {
  const snapshot = useStore(coop).snapshot!;
  const me = useStore(mine);
  const bounty = snapshot.bounties.find((b) => b.address === address);
  if (!bounty) {
    return (
      <Page title="Bounty not found">
        <p>
          No open record of a bounty at this address: it may have been closed after it ended.{' '}
          <a href="#/bounties">All bounties</a>
        </p>
      </Page>
    );
  }
  const { data } = bounty;
  const now = chainNow(snapshot);
  const claims = claimsOf(snapshot, bounty.address);
  const late = data.status === BountyStatus.Open && isPastDeadline(data, now);
  return (
    <Page title={data.title}>
      <p>
        <a href="#/bounties">All bounties</a>
      </p>
      <dl class="figures">
        <div>
          <dt>Reward per claim</dt>
          <dd>
            <Amount value={data.reward} />
          </dd>
        </div>
        <div>
          <dt>Category</dt>
          <dd>{CATEGORY_NAMES[data.category]}</dd>
        </div>
        <div>
          <dt>Funding</dt>
          <dd>{fundingName(data)}</dd>
        </div>
        <div>
          <dt>Status</dt>
          <dd>{late ? 'Deadline passed' : BOUNTY_STATUS_NAMES[data.status]}</dd>
        </div>
        <div>
          <dt>Claims</dt>
          <dd>
            {data.openClaims} open, {data.submittedClaims} submitted, {data.paidClaims} paid of{' '}
            {data.maxClaims}
          </dd>
        </div>
        <div>
          <dt>Deadline</dt>
          <dd>
            {data.deadline.__option === 'Some' ? date(data.deadline.value) : 'None'}
            {data.deadline.__option === 'Some' && !late && data.status === BountyStatus.Open && (
              <span class="hint"> ({timeLeft(Number(data.deadline.value), now)} left)</span>
            )}
          </dd>
        </div>
      </dl>
      <dl class="terms">
        <dt>Description</dt>
        <dd>
          <Link uri={data.uri} />
        </dd>
        <dt>Posted by</dt>
        <dd>
          <Wallet address={data.poster} /> on {date(data.createdAt)}
        </dd>
        {data.funding === BountyFunding.Member && data.status === BountyStatus.Open && (
          <>
            <dt>Still in escrow</dt>
            <dd>
              <Amount value={data.reward * BigInt(data.maxClaims - data.paidClaims)} />
            </dd>
          </>
        )}
        <dt>Who decides</dt>
        <dd>
          {data.funding === BountyFunding.Member
            ? 'The poster approves or rejects each submitted claim; approval pays from the escrow.'
            : 'The members vote on paying or rejecting each submitted claim; payment is minted.'}
        </dd>
      </dl>

      <h2>Your claim</h2>
      <MyClaim snapshot={snapshot} me={me} bounty={bounty} now={now} />

      <h2>Claims</h2>
      {claims.length === 0 ? (
        <Empty>Nobody has claimed this bounty yet.</Empty>
      ) : (
        claims.map((claim) => (
          <ClaimCard
            key={claim.address}
            snapshot={snapshot}
            me={me}
            bounty={bounty}
            claim={claim}
          />
        ))
      )}

      <Ending snapshot={snapshot} me={me} bounty={bounty} now={now} />
    </Page>
  );
}

function MyClaim({
  snapshot,
  me,
  bounty,
  now,
}: {
  snapshot: Snapshot;
  me: Mine | null;
  bounty: Rec<Bounty>;
  now: number;
}) {
  const [evidence, setEvidence] = useState('');
  const mineClaim = me
    ? snapshot.claims.find(
        (c) => c.data.bounty === bounty.address && c.data.claimant === me.address,
      )
    : undefined;
  const notAccepting = notAcceptingWorkReason(bounty.data, now);
  const claimBlocked = !me
    ? 'Connect a wallet first'
    : (notAccepting ??
      (mineClaim && mineClaim.data.status !== ClaimStatus.Withdrawn
        ? 'You already have a claim on this bounty'
        : bounty.data.funding === BountyFunding.Member && bounty.data.poster === me.address
          ? 'You posted this bounty: its escrow cannot pay you'
          : null));
  const link = evidence.trim();
  const evidenceBlocked =
    notAccepting ??
    (!link
      ? 'Evidence is required: link to the work you did'
      : bytes(link) > MAX_URI_BYTES
        ? `Link is too long (at most ${MAX_URI_BYTES} bytes); use a shorter URL or a content hash`
        : null);
  const claimed = mineClaim && isUnsettled(mineClaim.data);
  return (
    <div class="card">
      {mineClaim && mineClaim.data.status !== ClaimStatus.Withdrawn && (
        <p>
          Your claim is <strong>{CLAIM_STATUS_NAMES[mineClaim.data.status]}</strong>
          {mineClaim.data.status === ClaimStatus.Rejected && (
            <>. Reason given: “{mineClaim.data.rejectionReason}”</>
          )}
          {mineClaim.data.status === ClaimStatus.Paid && (
            <>
              : <Amount value={bounty.data.reward} /> paid to you
            </>
          )}
          .
        </p>
      )}
      <Action
        label="Claim this bounty"
        progressLabel={`Claim “${bounty.data.title}”`}
        blocked={claimBlocked}
        build={async () => [
          await getClaimBountyInstructionAsync({ claimant: signer(), bounty: bounty.address }),
        ]}
      />
      {claimed && (
        <>
          <Field
            label="Link to your work"
            hint="A pull request, photos, a note from the artist you helped. You can replace it until it is decided."
          >
            <input
              type="url"
              value={evidence}
              onInput={(e) => setEvidence(e.currentTarget.value)}
            />
          </Field>
          {mineClaim.data.evidenceUri && (
            <p class="hint">
              Evidence submitted: <Link uri={mineClaim.data.evidenceUri} />
            </p>
          )}
          <Action
            label="Submit evidence"
            progressLabel={`Submit evidence for “${bounty.data.title}”`}
            blocked={evidenceBlocked}
            build={async () => [
              await getSubmitEvidenceInstructionAsync({
                claimant: signer(),
                bounty: bounty.address,
                evidenceUri: link,
              }),
            ]}
            done={() => setEvidence('')}
          />
          <Action
            label="Withdraw my claim"
            progressLabel={`Withdraw claim on “${bounty.data.title}”`}
            kind="secondary"
            build={async () => [
              await getWithdrawClaimInstructionAsync({
                claimant: signer(),
                bounty: bounty.address,
              }),
            ]}
          />
        </>
      )}
    </div>
  );
}

function ClaimCard({
  snapshot,
  me,
  bounty,
  claim,
}: {
  snapshot: Snapshot;
  me: Mine | null;
  bounty: Rec<Bounty>;
  claim: Rec<Claim>;
}) {
  const { data } = claim;
  return (
    <article class="card claim" aria-labelledby={`claim-${claim.address}`}>
      <h3 id={`claim-${claim.address}`}>
        Claim by <Wallet address={data.claimant} />
      </h3>
      <dl class="terms">
        <dt>Status</dt>
        <dd>
          <span class="badge">{CLAIM_STATUS_NAMES[data.status]}</span>
        </dd>
        <dt>Claimed</dt>
        <dd>{date(data.claimedAt)}</dd>
        <dt>Evidence</dt>
        <dd>
          <Link uri={data.evidenceUri} />
        </dd>
        {data.status === ClaimStatus.Rejected && (
          <>
            <dt>Rejection reason</dt>
            <dd class="reason">{data.rejectionReason}</dd>
          </>
        )}
        {data.decidedBy.__option === 'Some' && (
          <>
            <dt>Decided by</dt>
            <dd>
              {data.decidedBy.value === bounty.data.poster ? (
                <Wallet address={data.decidedBy.value} />
              ) : (
                <a href={`#/proposals/${data.decidedBy.value}`}>
                  members' proposal {short(data.decidedBy.value)}
                </a>
              )}
            </dd>
          </>
        )}
      </dl>
      {data.status === ClaimStatus.Submitted &&
        (bounty.data.funding === BountyFunding.Member ? (
          <PosterDecision snapshot={snapshot} me={me} bounty={bounty} claim={claim} />
        ) : (
          <MembersDecision snapshot={snapshot} me={me} bounty={bounty} claim={claim} />
        ))}
    </article>
  );
}

/** The poster of a member-funded bounty pays a submitted claim from the escrow, or rejects it. */
function PosterDecision({
  snapshot,
  me,
  bounty,
  claim,
}: {
  snapshot: Snapshot;
  me: Mine | null;
  bounty: Rec<Bounty>;
  claim: Rec<Claim>;
}) {
  const [reason, setReason] = useState('');
  if (me?.address !== bounty.data.poster) {
    return <p class="hint">Waiting for the poster to approve or reject it.</p>;
  }
  const who = short(claim.data.claimant);
  const approveBlocked =
    notOpenReason(bounty.data) ??
    (claim.data.claimant === me.address ? 'You cannot pay your own claim' : null);
  const text = reason.trim();
  const rejectBlocked = !text
    ? 'A rejection needs a reason the claimant can read'
    : bytes(text) > MAX_REASON_BYTES
      ? 'Reason is too long (at most 128 bytes); link to details instead'
      : null;
  const { community, token } = snapshot;
  return (
    <div class="decision">
      <Action
        label={`Approve claim by ${who}`}
        progressLabel={`Pay claim on “${bounty.data.title}”`}
        blocked={approveBlocked}
        build={async () => [
          await getApproveBountyClaimInstructionAsync({
            community: community.address,
            bounty: bounty.address,
            claim: claim.address,
            vault: (await findPostBountyVaultPda({ bounty: bounty.address }))[0],
            payer: signer(),
            mint: token.mint,
            recipient: claim.data.claimant,
            posterTokens: await tokenAccount(me.address, token.mint),
            claimantMember: (
              await findMemberPda({ community: community.address, wallet: claim.data.claimant })
            )[0],
          }),
        ]}
      />
      <Field label={`Reason for rejecting the claim by ${who}`} hint="The claimant reads it.">
        <input type="text" value={reason} onInput={(e) => setReason(e.currentTarget.value)} />
      </Field>
      <Action
        label={`Reject claim by ${who}`}
        progressLabel={`Reject claim on “${bounty.data.title}”`}
        kind="danger"
        blocked={rejectBlocked}
        build={async () => [
          await getRejectBountyClaimInstructionAsync({
            poster: signer(),
            bounty: bounty.address,
            claim: claim.address,
            reason: text,
          }),
        ]}
      />
    </div>
  );
}

/** For a co-op bounty, paying or rejecting a claim is the members' decision: a proposal. */
function MembersDecision({
  snapshot,
  me,
  bounty,
  claim,
}: {
  snapshot: Snapshot;
  me: Mine | null;
  bounty: Rec<Bounty>;
  claim: Rec<Claim>;
}) {
  const [reason, setReason] = useState('');
  const [created, setCreated] = useState<Address | null>(null);
  const voting = snapshot.proposals.filter((p) => {
    const action = p.data.action as { __kind: string; claim?: Address };
    return (
      p.data.status === ProposalStatus.Voting &&
      (action.__kind === 'PayBountyClaim' || action.__kind === 'RejectBountyClaim') &&
      action.claim === claim.address
    );
  });
  const who = short(claim.data.claimant);
  const memberBlocked = notActiveMemberReason(me);
  const alreadyProposed = voting.length
    ? 'A proposal about this claim is already being voted on'
    : null;
  const text = reason.trim();
  const propose = (action: 'pay' | 'reject') => async () => {
    const made = await proposal(
      snapshot,
      me!.member!,
      action === 'pay'
        ? { __kind: 'PayBountyClaim', claim: claim.address, claimant: claim.data.claimant }
        : { __kind: 'RejectBountyClaim', claim: claim.address, reason: text },
    );
    setCreated(made.address);
    return [made.instruction];
  };
  return (
    <div class="decision">
      {voting.map((p) => (
        <p key={p.address}>
          <a href={`#/proposals/${p.address}`}>
            {(p.data.action as { __kind: string }).__kind === 'PayBountyClaim'
              ? 'Proposal to pay this claim'
              : 'Proposal to reject this claim'}
          </a>{' '}
          is being voted on.
        </p>
      ))}
      {created && !voting.some((p) => p.address === created) && (
        <p class="ok">
          <a href={`#/proposals/${created}`}>Your proposal</a> was created.
        </p>
      )}
      <Action
        label={`Propose paying claim by ${who}`}
        progressLabel={`Propose paying a claim on “${bounty.data.title}”`}
        blocked={memberBlocked ?? alreadyProposed}
        build={propose('pay')}
      />
      <Field label={`Reason for rejecting the claim by ${who}`} hint="The claimant reads it.">
        <input type="text" value={reason} onInput={(e) => setReason(e.currentTarget.value)} />
      </Field>
      <Action
        label={`Propose rejecting claim by ${who}`}
        progressLabel={`Propose rejecting a claim on “${bounty.data.title}”`}
        kind="secondary"
        blocked={
          memberBlocked ??
          alreadyProposed ??
          (!text
            ? 'A rejection needs a reason the claimant can read'
            : bytes(text) > MAX_REASON_BYTES
              ? 'Reason is too long (at most 128 bytes); link to details instead'
              : null)
        }
        build={propose('reject')}
      />
    </div>
  );
}

/** Cancelling (the poster), expiring after the deadline (anyone), and closing the ended record. */
function Ending({
  snapshot,
  me,
  bounty,
  now,
}: {
  snapshot: Snapshot;
  me: Mine | null;
  bounty: Rec<Bounty>;
  now: number;
}) {
  const { data } = bounty;
  const past = isPastDeadline(data, now);
  const isPoster = me?.address === data.poster;
  if (data.status === BountyStatus.Open && !past && !isPoster) return null;
  const { community, token } = snapshot;
  const endBlocked = !me
    ? 'Connect a wallet first'
    : data.submittedClaims > 0
      ? 'Claims with submitted evidence are waiting for a decision; approve or reject them first'
      : !past && data.funding === BountyFunding.Coop
        ? 'The members decided this by vote, so one member cannot undo it: a co-op bounty ends at its deadline, a co-op auction at its end'
        : null;
  return (
    <>
      <h2>{data.status === BountyStatus.Open ? 'End the bounty' : 'Close the record'}</h2>
      {data.status === BountyStatus.Open ? (
        <>
          <p class="hint">
            {data.funding === BountyFunding.Member
              ? 'What is left in the escrow goes back to the poster. '
              : ''}
            Open claims can no longer be decided.
          </p>
          <Action
            label={past ? 'End this bounty (deadline passed)' : 'Cancel this bounty'}
            progressLabel={`End “${data.title}”`}
            kind="danger"
            blocked={endBlocked}
            build={async () => {
              const escrow =
                data.funding === BountyFunding.Member
                  ? {
                      vault: (await findPostBountyVaultPda({ bounty: bounty.address }))[0],
                      posterTokens: await tokenAccount(data.poster, token.mint),
                      rentPayer: data.rentPayer,
                    }
                  : {};
              return [
                await getEndBountyInstructionAsync({
                  caller: signer(),
                  community: community.address,
                  bounty: bounty.address,
                  mint: token.mint,
                  ...escrow,
                }),
              ];
            }}
          />
        </>
      ) : (
        <>
          <p class="hint">
            The bounty has ended; closing its record returns the rent to whoever paid it. Its
            history stays on the ledger.
          </p>
          <Action
            label="Close this bounty's record"
            progressLabel={`Close “${data.title}”`}
            kind="secondary"
            blocked={
              !me
                ? 'Connect a wallet first'
                : data.openClaims > 0
                  ? 'This bounty is still open or has unsettled claims; it can be closed once ended and every claim is settled'
                  : null
            }
            build={async () => [
              await getCloseBountyInstructionAsync({
                bounty: bounty.address,
                rentPayer: data.rentPayer,
              }),
            ]}
          />
        </>
      )}
    </>
  );
}
