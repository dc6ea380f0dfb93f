// Proposing: one form per action the members can decide. Every input is checked here first and
// what is wrong is said beside it, so nothing the program would refuse is sent.
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import {
  getUtf8Encoder,
  isAddress,
  isOffCurveAddress,
  isSome,
  none,
  some,
  type Address,
} from '@solana/kit';
import {
  BountyCategory,
  MemberRole,
  fetchMember,
  getCreateProposalInstructionAsync,
  type CommunityRules,
  type ProposalActionArgs,
} from '@generated';
import { counterAddress, memberAddress } from '../addresses';
import { chainNow, rpc, type Snapshot } from '../chain';
import { parseTokens, short, timeLeft, tokens } from '../format';
import { send } from '../send';
import { coop, mine, refresh } from '../state';
import { useStore } from '../store';
import { Amount, Field, Page, Submit } from '../ui';
import { connected } from '../wallet';
import { roleName } from './home';

export const CATEGORY_NAMES: Record<BountyCategory, string> = {
  [BountyCategory.Code]: 'code',
  [BountyCategory.StreetTeam]: 'street team',
  [BountyCategory.ArtistGrowth]: 'artist growth',
  [BountyCategory.CareWork]: 'care work',
  [BountyCategory.Community]: 'community',
  [BountyCategory.Other]: 'other',
};

export function rulesSummary(rules: CommunityRules): ComponentChildren {
  return (
    <>
      {rules.approvalThresholdBps / 100}% of the members who can vote and at least{' '}
      {rules.minApprovals} approvals; voting lasts {timeLeft(Number(rules.votingPeriodSecs), 0)};{' '}
      {isSome(rules.supplyCap) ? (
        <>
          supply capped at <Amount value={rules.supplyCap.value} />
        </>
      ) : (
        'no supply cap'
      )}
      ;{' '}
      {isSome(rules.issuanceCap) ? (
        <>
          at most <Amount value={rules.issuanceCap.value.amount} /> minted every{' '}
          {timeLeft(Number(rules.issuanceCap.value.periodSecs), 0)}
        </>
      ) : (
        'no issuance cap'
      )}
    </>
  );
}

type Kind =
  | 'MintReward'
  | 'TreasuryTransfer'
  | 'AddMember'
  | 'RemoveMember'
  | 'ChangeRole'
  | 'UpdateRules'
  | 'UpdateTokenMetadata'
  | 'PostBounty'
  | 'ListAuction';

const KINDS: [Kind, string][] = [
  ['MintReward', 'Reward someone with new tokens'],
  ['TreasuryTransfer', 'Pay someone from the treasury'],
  ['AddMember', 'Admit a member'],
  ['RemoveMember', 'Remove a member'],
  ['ChangeRole', "Change a member's role"],
  ['UpdateRules', 'Change the rules'],
  ['UpdateTokenMetadata', "Change the token's name, symbol or link"],
  ['PostBounty', 'Post a co-op bounty'],
  ['ListAuction', 'Auction an item for the co-op'],
];

const ROLES = [MemberRole.Worker, MemberRole.Artist, MemberRole.CommunityMember];
const CATEGORIES = Object.keys(CATEGORY_NAMES).map(Number) as BountyCategory[];
const DAY = 86_400;
const MAX_PERIOD_DAYS = 366;
const MAX_AUCTION_DAYS = 90;
const URI_SCHEMES = ['https://', 'ipfs://', 'ar://'];

type Values = Record<string, string>;
type Errors = Record<string, string>;

function startingValues(kind: Kind, snapshot: Snapshot): Values {
  const { rules } = snapshot.community.data;
  const decimals = snapshot.token.decimals;
  switch (kind) {
    case 'UpdateRules':
      return {
        threshold: String(rules.approvalThresholdBps / 100),
        minApprovals: String(rules.minApprovals),
        votingDays: String(Number(rules.votingPeriodSecs) / DAY),
        supplyCap: isSome(rules.supplyCap) ? tokens(rules.supplyCap.value, decimals) : '',
        issuanceAmount: isSome(rules.issuanceCap)
          ? tokens(rules.issuanceCap.value.amount, decimals)
          : '',
        issuanceDays: isSome(rules.issuanceCap)
          ? String(Number(rules.issuanceCap.value.periodSecs) / DAY)
          : '30',
      };
    case 'UpdateTokenMetadata':
      return { name: snapshot.token.name, symbol: snapshot.token.symbol, uri: snapshot.token.uri };
    case 'AddMember':
    case 'ChangeRole':
      return { role: String(MemberRole.Worker) };
    case 'PostBounty':
      return { category: String(BountyCategory.Community), maxClaims: '1' };
    case 'ListAuction':
      return { days: '7', lateWindow: '5', lateExtension: '5' };
    default:
      return {};
  }
}

const byteLength = (text: string) => getUtf8Encoder().encode(text).length;

/**
 * The action the form describes, or what is wrong with each field: the program's own limits,
 * and what the co-op's state already says (a member already admitted, a treasury too small).
 */
function actionFrom(
  kind: Kind,
  values: Values,
  snapshot: Snapshot,
): { action?: ProposalActionArgs; errors: Errors } {
  const errors: Errors = {};
  const { community, token, treasury, members } = snapshot;
  const now = chainNow(snapshot);
  const text = (name: string) => (values[name] ?? '').trim();
  const activeMember = (wallet: string) =>
    members.find((m) => m.data.wallet === wallet && m.data.status === 0);

  const wallet = (name: string): Address => {
    const value = text(name);
    if (!value) errors[name] = 'Enter a wallet address';
    else if (!isAddress(value)) errors[name] = 'This is not a Solana address';
    else if (isOffCurveAddress(value))
      errors[name] = "This address belongs to a program, not a person's wallet";
    return value as Address;
  };
  const amount = (name: string): bigint => {
    const parsed = parseTokens(text(name), token.decimals);
    if (parsed === null)
      errors[name] = `Write an amount like 12 or 12.5 (at most ${token.decimals} decimals)`;
    else if (parsed <= 0n) errors[name] = 'Must be more than zero';
    return parsed ?? 0n;
  };
  const optionalAmount = (name: string): bigint | null => (text(name) ? amount(name) : null);
  const whole = (name: string, min: number, max: number, what: string): number => {
    const value = Number(text(name));
    if (!/^\d+$/.test(text(name)) || value < min || value > max)
      errors[name] = `${what} is a whole number from ${min} to ${max}`;
    return value;
  };
  const days = (name: string, max: number): number => {
    const value = Number(text(name));
    if (!text(name) || !Number.isFinite(value) || value * DAY < 60 || value > max)
      errors[name] = `Between one minute (0.001) and ${max} days`;
    return Math.round(value * DAY);
  };
  const words = (name: string, min: number, max: number, what: string): string => {
    const value = text(name);
    const length = byteLength(value);
    if (length < min) errors[name] = `Write ${what}`;
    else if (length > max) errors[name] = `At most ${max} bytes (now ${length})`;
    return value;
  };
  const link = (name: string): string => {
    const value = text(name);
    if (byteLength(value) > 200) errors[name] = 'At most 200 characters: use a shorter link';
    return value;
  };
  const role = () => Number(values.role) as MemberRole;

  let action: ProposalActionArgs;
  switch (kind) {
    case 'MintReward': {
      const recipient = wallet('recipient');
      const value = amount('amount');
      const reason = words('reason', 1, 128, 'what the reward is for');
      const cap = community.data.rules.supplyCap;
      if (!errors.amount && isSome(cap) && community.data.totalMinted + value > cap.value) {
        const room = cap.value - community.data.totalMinted;
        errors.amount = `The supply cap allows only ${tokens(room, token.decimals)} ${token.symbol} more`;
      }
      action = { __kind: 'MintReward', recipient, amount: value, reason };
      break;
    }
    case 'TreasuryTransfer': {
      const recipient = wallet('recipient');
      const value = amount('amount');
      const reason = words('reason', 1, 128, 'what the payment is for');
      if (!errors.amount && value > treasury)
        errors.amount = `The treasury holds only ${tokens(treasury, token.decimals)} ${token.symbol}`;
      action = { __kind: 'TreasuryTransfer', recipient, amount: value, reason };
      break;
    }
    case 'AddMember': {
      const address = wallet('wallet');
      if (!errors.wallet && activeMember(address)) errors.wallet = 'Already an active member';
      action = { __kind: 'AddMember', wallet: address, role: role() };
      break;
    }
    case 'RemoveMember': {
      const address = text('member') as Address;
      if (!activeMember(address)) errors.member = 'Choose a member';
      else if (community.data.activeMemberCount <= community.data.rules.minApprovals)
        errors.member = `The rules need at least ${community.data.rules.minApprovals} members to approve anything: admit someone or lower the minimum first`;
      action = { __kind: 'RemoveMember', wallet: address };
      break;
    }
    case 'ChangeRole': {
      const address = text('member') as Address;
      const member = activeMember(address);
      if (!member) errors.member = 'Choose a member';
      else if (member.data.role === role()) errors.role = `Already a ${roleName(role())}`;
      action = { __kind: 'ChangeRole', wallet: address, role: role() };
      break;
    }
    case 'UpdateRules': {
      const threshold = Number(text('threshold'));
      if (!text('threshold') || !(threshold >= 0.01 && threshold <= 100))
        errors.threshold = 'A share from 0.01 to 100';
      const minApprovals = whole(
        'minApprovals',
        1,
        community.data.activeMemberCount,
        'Minimum approvals',
      );
      const votingPeriodSecs = days('votingDays', MAX_PERIOD_DAYS);
      const supplyCap = optionalAmount('supplyCap');
      if (!errors.supplyCap && supplyCap !== null && supplyCap < community.data.totalMinted)
        errors.supplyCap = `Already ${tokens(community.data.totalMinted, token.decimals)} ${token.symbol} minted: the cap cannot be lower`;
      const issuance = optionalAmount('issuanceAmount');
      const issuancePeriod = issuance === null ? 0 : days('issuanceDays', MAX_PERIOD_DAYS);
      action = {
        __kind: 'UpdateRules',
        rules: {
          approvalThresholdBps: Math.round(threshold * 100),
          minApprovals,
          votingPeriodSecs,
          supplyCap: supplyCap === null ? none() : some(supplyCap),
          issuanceCap:
            issuance === null ? none() : some({ amount: issuance, periodSecs: issuancePeriod }),
        },
      };
      break;
    }
    case 'UpdateTokenMetadata': {
      const name = words('name', 1, 32, 'a name');
      const symbol = words('symbol', 1, 10, 'a symbol');
      if (/\s/.test(symbol)) errors.symbol = 'No spaces in a symbol';
      const uri = link('uri');
      if (!errors.uri && uri && (!URI_SCHEMES.some((s) => uri.startsWith(s)) || /\s/.test(uri)))
        errors.uri = 'A link starting with https://, ipfs:// or ar://, without spaces';
      if (name === token.name && symbol === token.symbol && uri === token.uri)
        errors.name = 'Change at least one of the name, the symbol or the link';
      action = { __kind: 'UpdateTokenMetadata', token: { name, symbol, uri } };
      break;
    }
    case 'PostBounty': {
      const title = words('title', 1, 64, 'a title');
      const uri = link('uri');
      const reward = amount('reward');
      const maxClaims = whole('maxClaims', 1, 1000, 'Claims accepted');
      const openDays = text('deadlineDays') ? days('deadlineDays', MAX_PERIOD_DAYS) : null;
      action = {
        __kind: 'PostBounty',
        terms: {
          category: Number(values.category) as BountyCategory,
          title,
          uri,
          reward,
          maxClaims,
          deadline: openDays === null ? none() : some(now + openDays),
        },
      };
      break;
    }
    case 'ListAuction': {
      const title = words('title', 1, 64, 'a title');
      const uri = link('uri');
      const reservePrice = amount('reserve');
      const minIncrement = amount('increment');
      const bidding = days('days', MAX_AUCTION_DAYS);
      const lateWindow = whole('lateWindow', 0, 1440, 'Minutes');
      const lateExtension = whole('lateExtension', 0, 1440, 'Minutes');
      action = {
        __kind: 'ListAuction',
        terms: {
          title,
          uri,
          reservePrice,
          minIncrement,
          startsAt: now,
          endsAt: now + bidding,
          snipeWindowSecs: lateWindow * 60,
          snipeExtensionSecs: lateExtension * 60,
          membersOnly: values.membersOnly === 'yes',
        },
        burnProceeds: values.burnProceeds === 'yes',
      };
      break;
    }
  }
  return Object.keys(errors).length ? { errors } : { action, errors };
}

/** The membership records `create_proposal` checks: what the action is about, whom it benefits. */
async function proposalAccounts(community: Address, action: ProposalActionArgs) {
  switch (action.__kind) {
    case 'AddMember':
    case 'ChangeRole': {
      const record = await memberAddress(community, action.wallet);
      return { target: record, beneficiaryMember: record };
    }
    case 'RemoveMember':
      return { target: await memberAddress(community, action.wallet) };
    case 'MintReward':
    case 'TreasuryTransfer':
      return { beneficiaryMember: await memberAddress(community, action.recipient) };
    default:
      return {};
  }
}

export function ProposalForm() {
  const snapshot = useStore(coop).snapshot!;
  const me = useStore(mine);
  const [kind, setKind] = useState<Kind>('MintReward');
  const [values, setValues] = useState<Values>(() => startingValues('MintReward', snapshot));
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const community = snapshot.community.address;
  const activeMembers = snapshot.members.filter((m) => m.data.status === 0);

  const blocked = !me
    ? 'Connect a wallet to make a proposal'
    : me.member?.data.status !== 0
      ? 'Only active members make proposals'
      : null;

  const choose = (next: Kind) => {
    setKind(next);
    setValues(startingValues(next, snapshot));
    setErrors({});
    setFailure(null);
  };
  const set = (name: string, value: string) => setValues({ ...values, [name]: value });

  const submit = async (event: Event) => {
    event.preventDefault();
    setFailure(null);
    const checked = actionFrom(kind, values, snapshot);
    setErrors(checked.errors);
    if (!checked.action) {
      const first = Object.keys(checked.errors)[0];
      document.getElementById(`field-${first}`)?.focus();
      return;
    }
    const wallet = connected.get();
    if (!wallet) return;
    setBusy(true);
    try {
      // The proposal's address uses the proposer's counter as the chain holds it now.
      const proposerRecord = await memberAddress(community, wallet.address);
      const { proposalsCreated } = (await fetchMember(rpc, proposerRecord)).data;
      const proposal = await counterAddress(
        'proposal',
        community,
        wallet.address,
        proposalsCreated,
      );
      const create = await getCreateProposalInstructionAsync({
        proposer: wallet.signer,
        community,
        proposal,
        action: checked.action,
        ...(await proposalAccounts(community, checked.action)),
      });
      await send('Make the proposal', [create]);
      await refresh();
      location.hash = `#/proposals/${proposal}`;
    } catch (e) {
      setFailure((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const described = (name: string, hint?: string) =>
    [errors[name] && `error-${name}`, hint && `hint-${name}`].filter(Boolean).join(' ') ||
    undefined;
  const problem = (name: string) =>
    errors[name] && (
      <span id={`error-${name}`} class="error">
        {errors[name]}
      </span>
    );
  const input = (
    name: string,
    label: string,
    options: { hint?: string; inputMode?: 'decimal' | 'numeric'; placeholder?: string } = {},
  ) => (
    <div class="form-field">
      <Field label={label}>
        <input
          id={`field-${name}`}
          value={values[name] ?? ''}
          inputMode={options.inputMode}
          placeholder={options.placeholder}
          aria-invalid={errors[name] ? true : undefined}
          aria-describedby={described(name, options.hint)}
          onInput={(e) => set(name, (e.target as HTMLInputElement).value)}
        />
      </Field>
      {options.hint && (
        <p id={`hint-${name}`} class="hint">
          {options.hint}
        </p>
      )}
      {problem(name)}
    </div>
  );
  const select = (name: string, label: string, choices: [string, string][]) => (
    <div class="form-field">
      <Field label={label}>
        {/* Named by the label alone, not also by the chosen option. */}
        <select
          id={`field-${name}`}
          aria-label={label}
          value={values[name] ?? ''}
          aria-invalid={errors[name] ? true : undefined}
          aria-describedby={described(name)}
          onChange={(e) => set(name, (e.target as HTMLSelectElement).value)}
        >
          {choices.map(([value, text]) => (
            <option key={value} value={value}>
              {text}
            </option>
          ))}
        </select>
      </Field>
      {problem(name)}
    </div>
  );
  const checkbox = (name: string, label: string) => (
    <label class="check">
      <input
        type="checkbox"
        checked={values[name] === 'yes'}
        onChange={(e) => set(name, (e.target as HTMLInputElement).checked ? 'yes' : '')}
      />{' '}
      {label}
    </label>
  );
  const amountHint = `In ${snapshot.token.symbol}, e.g. 12 or 12.5`;
  const roles = ROLES.map((r): [string, string] => [String(r), roleName(r)]);
  const memberChoices: [string, string][] = [
    ['', 'Choose a member'],
    ...activeMembers.map((m): [string, string] => [
      m.data.wallet,
      `${short(m.data.wallet)} (${roleName(m.data.role)})`,
    ]),
  ];

  return (
    <Page title="Make a proposal">
      <p>
        Members vote on it; it is carried out once enough approve. The rules now:{' '}
        {rulesSummary(snapshot.community.data.rules)}.
      </p>
      <form onSubmit={submit} noValidate>
        <Field label="What to propose">
          <select
            id="field-kind"
            aria-label="What to propose"
            value={kind}
            onChange={(e) => choose((e.target as HTMLSelectElement).value as Kind)}
          >
            {KINDS.map(([value, text]) => (
              <option key={value} value={value}>
                {text}
              </option>
            ))}
          </select>
        </Field>

        {(kind === 'MintReward' || kind === 'TreasuryTransfer') && (
          <>
            {input('recipient', 'Recipient wallet', { hint: "The person's Solana address" })}
            {input('amount', 'Amount', { hint: amountHint, inputMode: 'decimal' })}
            {input('reason', 'What it is for', { hint: 'At most 128 bytes; link to details' })}
          </>
        )}
        {kind === 'AddMember' && (
          <>
            {input('wallet', 'Wallet to admit', { hint: "The person's Solana address" })}
            {select('role', 'Role', roles)}
          </>
        )}
        {kind === 'RemoveMember' && select('member', 'Member to remove', memberChoices)}
        {kind === 'ChangeRole' && (
          <>
            {select('member', 'Member', memberChoices)}
            {select('role', 'New role', roles)}
          </>
        )}
        {kind === 'UpdateRules' && (
          <>
            {input('threshold', 'Share of members who must approve (%)', { inputMode: 'decimal' })}
            {input('minApprovals', 'Minimum approvals', { inputMode: 'numeric' })}
            {input('votingDays', 'Voting period (days)', { inputMode: 'decimal' })}
            {input('supplyCap', 'Supply cap', {
              hint: `In ${snapshot.token.symbol}; empty for no cap`,
              inputMode: 'decimal',
            })}
            {input('issuanceAmount', 'Most minted per period', {
              hint: `In ${snapshot.token.symbol}; empty for no limit`,
              inputMode: 'decimal',
            })}
            {input('issuanceDays', 'Period (days)', { inputMode: 'decimal' })}
          </>
        )}
        {kind === 'UpdateTokenMetadata' && (
          <>
            {input('name', 'Token name', { hint: 'At most 32 bytes' })}
            {input('symbol', 'Symbol', { hint: 'At most 10 letters or digits, no spaces' })}
            {input('uri', 'Description link', {
              hint: 'A JSON document for wallets: https://, ipfs:// or ar://; empty for none',
            })}
          </>
        )}
        {kind === 'PostBounty' && (
          <>
            {select(
              'category',
              'Category',
              CATEGORIES.map((c): [string, string] => [String(c), CATEGORY_NAMES[c]]),
            )}
            {input('title', 'Title', { hint: 'At most 64 bytes' })}
            {input('uri', 'Details link', { hint: 'Optional, at most 200 characters' })}
            {input('reward', 'Reward per claim', { hint: amountHint, inputMode: 'decimal' })}
            {input('maxClaims', 'Claims accepted', { inputMode: 'numeric' })}
            {input('deadlineDays', 'Open for (days)', {
              hint: 'Optional; counted from now',
              inputMode: 'decimal',
            })}
          </>
        )}
        {kind === 'ListAuction' && (
          <>
            {input('title', 'Item', { hint: 'At most 64 bytes' })}
            {input('uri', 'Photos and description link', {
              hint: 'Optional, at most 200 characters',
            })}
            {input('reserve', 'Reserve price', { hint: amountHint, inputMode: 'decimal' })}
            {input('increment', 'Minimum raise', { hint: amountHint, inputMode: 'decimal' })}
            {input('days', 'Bidding lasts (days)', {
              hint: 'At most 90; bidding opens when the proposal is carried out',
              inputMode: 'decimal',
            })}
            {input('lateWindow', 'Late-bid window (minutes)', {
              hint: 'A bid this close to the end…',
              inputMode: 'numeric',
            })}
            {input('lateExtension', 'Extension (minutes)', {
              hint: '…extends the end by this much (at most 1440)',
              inputMode: 'numeric',
            })}
            {checkbox('membersOnly', 'Only members may bid')}
            {checkbox('burnProceeds', 'Burn the proceeds instead of paying them to the treasury')}
          </>
        )}

        <Submit
          label={busy ? 'Proposing…' : 'Propose'}
          whyId="why-propose"
          blocked={blocked}
          busy={busy}
          error={failure}
        />
      </form>
      <p>
        <a href="#/proposals">All proposals</a>
      </p>
    </Page>
  );
}
