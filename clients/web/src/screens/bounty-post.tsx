// Posting a bounty: paid from the poster's own tokens (escrowed now), or proposed to the members
// as a co-op bounty (minted per approved claim). The terms are checked as the program checks them.
import { useState } from 'preact/hooks';
import { getPostBountyInstructionAsync, type BountyTermsArgs } from '@generated';
import { chainNow, tokenAccount } from '../chain';
import { parseTokens, tokens } from '../format';
import { send } from '../send';
import { coop, mine } from '../state';
import { useStore } from '../store';
import { Amount, Field, Page, Submit } from '../ui';
import {
  CATEGORY_NAMES,
  MAX_CLAIMS,
  MAX_TITLE_BYTES,
  MAX_URI_BYTES,
  bytes,
  nextBountyAddress,
  notActiveMemberReason,
  proposal,
  signer,
} from './bounty-common';

type Form = {
  funding: 'member' | 'coop';
  category: string;
  title: string;
  uri: string;
  reward: string;
  maxClaims: string;
  days: string;
};

type Problems = Partial<Record<keyof Form, string>>;

const EMPTY: Form = {
  funding: 'member',
  category: '0',
  title: '',
  uri: '',
  reward: '',
  maxClaims: '1',
  days: '',
};

export function PostBounty() {
  const snapshot = useStore(coop).snapshot!;
  const me = useStore(mine);
  const [form, setForm] = useState<Form>(EMPTY);
  const [problems, setProblems] = useState<Problems>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const { decimals } = snapshot.token;
  const set = (key: keyof Form) => (e: { currentTarget: { value: string } }) =>
    setForm({ ...form, [key]: e.currentTarget.value });

  /** The terms, or what is wrong with each field. */
  const check = (): { terms?: BountyTermsArgs; problems: Problems } => {
    const found: Problems = {};
    const title = form.title.trim();
    if (!title || bytes(title) > MAX_TITLE_BYTES) {
      found.title = `Bounty title must be 1 to ${MAX_TITLE_BYTES} bytes long`;
    }
    const uri = form.uri.trim();
    if (bytes(uri) > MAX_URI_BYTES) {
      found.uri = `Link is too long (at most ${MAX_URI_BYTES} bytes); use a shorter URL or a content hash`;
    }
    const reward = parseTokens(form.reward, decimals);
    if (reward === null) found.reward = `Write an amount of tokens, e.g. 25 or 2.5`;
    else if (reward === 0n) found.reward = 'Amount must be greater than zero';
    const maxClaims = /^\s*\d+\s*$/.test(form.maxClaims) ? Number(form.maxClaims) : NaN;
    if (!(maxClaims >= 1 && maxClaims <= MAX_CLAIMS)) {
      found.maxClaims = `A bounty accepts between 1 and ${MAX_CLAIMS} claims`;
    }
    let deadline: bigint | null = null;
    if (form.days.trim()) {
      const days = Number(form.days);
      if (!(days > 0) || !Number.isFinite(days)) found.days = 'The deadline must be in the future';
      else deadline = BigInt(chainNow(snapshot) + Math.round(days * 86_400));
    }
    if (form.funding === 'member' && reward && maxClaims >= 1 && me) {
      const escrow = reward * BigInt(maxClaims);
      if (escrow > me.tokens) {
        found.reward = `The escrow is ${tokens(escrow, decimals)} ${snapshot.token.symbol} (reward × claims) and you hold ${tokens(me.tokens, decimals)}`;
      }
    }
    if (Object.keys(found).length || reward === null) return { problems: found };
    return {
      problems: found,
      terms: {
        category: Number(form.category),
        title,
        uri,
        reward,
        maxClaims,
        deadline,
      },
    };
  };

  const blocked = notActiveMemberReason(me);
  const submit = async (e: Event) => {
    e.preventDefault();
    const { terms, problems: found } = check();
    setProblems(found);
    setError(null);
    if (!terms || blocked || !me?.member) return;
    setBusy(true);
    try {
      const community = snapshot.community.address;
      if (form.funding === 'member') {
        const bounty = await nextBountyAddress(community, me.member);
        const post = await getPostBountyInstructionAsync({
          poster: signer(),
          community,
          bounty,
          mint: snapshot.community.data.mint,
          posterTokens: await tokenAccount(me.address, snapshot.community.data.mint),
          terms,
        });
        await send(`Post bounty “${terms.title}”`, [post]);
        location.hash = `#/bounties/${bounty}`;
      } else {
        const { address, instruction } = await proposal(snapshot, me.member, {
          __kind: 'PostBounty',
          terms,
        });
        await send(`Propose bounty “${terms.title}”`, [instruction]);
        location.hash = `#/proposals/${address}`;
      }
      setForm(EMPTY);
    } catch (failure) {
      setError((failure as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const problem = (key: keyof Form) =>
    problems[key] && (
      <span id={`problem-${key}`} class="error">
        {problems[key]}
      </span>
    );
  const described = (key: keyof Form) => ({
    'aria-invalid': problems[key] ? true : undefined,
    'aria-describedby': problems[key] ? `problem-${key}` : undefined,
  });

  return (
    <Page title="Post a bounty">
      <p>
        <a href="#/bounties">Back to all bounties</a>
      </p>
      {me && (
        <p class="hint">
          You hold <Amount value={me.tokens} />.
        </p>
      )}
      <form class="card bounty-form" onSubmit={submit} noValidate>
        <fieldset>
          <legend>Who pays</legend>
          <label class="choice">
            <input
              type="radio"
              name="funding"
              value="member"
              checked={form.funding === 'member'}
              onChange={set('funding')}
            />
            From my tokens: reward × claims move into the bounty's escrow now; what is not paid
            comes back if I cancel it
          </label>
          <label class="choice">
            <input
              type="radio"
              name="funding"
              value="coop"
              checked={form.funding === 'coop'}
              onChange={set('funding')}
            />
            The co-op: a proposal the members vote on; each approved claim is minted
          </label>
        </fieldset>
        <Field label="Category">
          <select value={form.category} onChange={set('category')}>
            {CATEGORY_NAMES.map((name, i) => (
              <option key={name} value={String(i)}>
                {name}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Title" hint={`Up to ${MAX_TITLE_BYTES} bytes.`}>
          <input type="text" value={form.title} onInput={set('title')} {...described('title')} />
          {problem('title')}
        </Field>
        <Field label="Link to the full description" hint="A URL or content address (optional).">
          <input type="url" value={form.uri} onInput={set('uri')} {...described('uri')} />
          {problem('uri')}
        </Field>
        <Field label={`Reward per accepted claim (${snapshot.token.symbol})`}>
          <input
            type="text"
            inputMode="decimal"
            value={form.reward}
            onInput={set('reward')}
            {...described('reward')}
          />
          {problem('reward')}
        </Field>
        <Field label="Claims it pays at most">
          <input
            type="number"
            min={1}
            max={MAX_CLAIMS}
            value={form.maxClaims}
            onInput={set('maxClaims')}
            {...described('maxClaims')}
          />
          {problem('maxClaims')}
        </Field>
        <Field
          label="Open for (days, optional)"
          hint="Claims and evidence are accepted until then; leave empty for no deadline."
        >
          <input
            type="text"
            inputMode="decimal"
            value={form.days}
            onInput={set('days')}
            {...described('days')}
          />
          {problem('days')}
        </Field>
        <Submit
          label={
            form.funding === 'member' ? 'Post and escrow the reward' : 'Propose to the members'
          }
          whyId="why-post"
          blocked={blocked}
          busy={busy}
          error={error}
        />
      </form>
    </Page>
  );
}
