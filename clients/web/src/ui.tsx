// Pieces every screen uses: amounts, addresses, buttons that say why they are disabled, and
// actions that send a transaction and show its outcome.
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import type { Address, Instruction } from '@solana/kit';
import { short, tokens } from './format';
import { coop, mine } from './state';
import { send } from './send';
import { useStore } from './store';

export function Amount({ value }: { value: bigint }) {
  const snapshot = useStore(coop).snapshot;
  const decimals = snapshot?.token.decimals ?? 0;
  const symbol = snapshot?.token.symbol ?? 'AMPLED';
  return (
    <span class="amount">
      {tokens(value, decimals)} {symbol}
    </span>
  );
}

/** A wallet: "you" for the connected one, else its short form, with the whole address on hover. */
export function Wallet({ address, link = true }: { address: Address; link?: boolean }) {
  const me = useStore(mine);
  const text = me?.address === address ? 'you' : short(address);
  return link ? (
    <a href={`#/members/${address}`} title={address} class="wallet">
      {text}
    </a>
  ) : (
    <span title={address} class="wallet">
      {text}
    </span>
  );
}

/**
 * A button that sends a transaction. `blocked` says why it cannot be used now (shown beside it,
 * and nothing is sent); `build` makes the instructions when pressed. `reasonId` names the reason
 * when a page shows several buttons with the same label (one per record).
 */
export function Action({
  label,
  progressLabel,
  blocked,
  build,
  done,
  kind = 'primary',
  reasonId,
}: {
  label: string;
  progressLabel?: string;
  blocked?: string | null;
  build: () => Promise<Instruction[]>;
  done?: (signature: string) => void;
  kind?: 'primary' | 'secondary' | 'danger';
  reasonId?: string;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const whyId = reasonId ?? `why-${label.replace(/\W+/g, '-').toLowerCase()}`;
  const onClick = async () => {
    setBusy(true);
    setError(null);
    try {
      const signature = await send(progressLabel ?? label, await build());
      done?.(signature);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <span class="action">
      <button
        type="button"
        class={kind}
        disabled={!!blocked || busy}
        aria-describedby={blocked ? whyId : undefined}
        onClick={onClick}
      >
        {busy ? `${label}…` : label}
      </button>
      <Reasons whyId={whyId} blocked={blocked} error={error} />
    </span>
  );
}

/** Why a button is disabled (its `aria-describedby` target), and what its last try hit. */
function Reasons({
  whyId,
  blocked,
  error,
}: {
  whyId: string;
  blocked?: string | null;
  error?: string | null;
}) {
  return (
    <>
      {blocked && (
        <span id={whyId} class="why">
          {blocked}
        </span>
      )}
      {error && (
        <span role="alert" class="error">
          {error}
        </span>
      )}
    </>
  );
}

/** A form's submit button, disabled with its reason beside it, and the error of its last try. */
export function Submit({
  label,
  whyId,
  blocked,
  busy,
  error,
}: {
  label: string;
  whyId: string;
  blocked?: string | null;
  busy: boolean;
  error?: string | null;
}) {
  return (
    <span class="action">
      <button
        type="submit"
        disabled={!!blocked || busy}
        aria-describedby={blocked ? whyId : undefined}
      >
        {label}
      </button>
      <Reasons whyId={whyId} blocked={blocked} error={error} />
    </span>
  );
}

export function Field({
  label,
  hint,
  children,
}: {
  label: string;
  hint?: string;
  children: ComponentChildren;
}) {
  return (
    <label class="field">
      <span class="label">{label}</span>
      {children}
      {hint && <span class="hint">{hint}</span>}
    </label>
  );
}

export function Page({ title, children }: { title: string; children: ComponentChildren }) {
  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title" tabIndex={-1}>
        {title}
      </h1>
      {children}
    </section>
  );
}

export function Empty({ children }: { children: ComponentChildren }) {
  return <p class="empty">{children}</p>;
}
