// Wallet: the connected wallet's AMPLED and SOL, sending AMPLED with a memo (the same
// instructions as `ampled transfer`), its history from the ledger, and the time bank as CSV.
import { useEffect, useState } from 'preact/hooks';
import { address, getUtf8Encoder, isAddress, isOffCurveAddress, type Address } from '@solana/kit';
import { MemberRole, MemberStatus } from '@generated';
import { rpc, tokenAccount, tokenBalance, type Snapshot } from '../chain';
import { parseTokens, tokens } from '../format';
import { useHistory } from '../history';
import { coop, mine, refresh, type Mine } from '../state';
import { useStore } from '../store';
import { FEE_MONEY, MAX_MEMO_BYTES, SYSTEM_PROGRAM, transferInstructions } from '../transfer';
import { Action, Amount, Empty, Field, Page, Wallet } from '../ui';
import { roleName } from './home';
import { HistoryTable, byAdmission } from './members';

export function WalletScreen() {
  const snapshot = useStore(coop).snapshot!;
  const me = useStore(mine);
  const entries = useHistory();
  return (
    <Page title="Wallet">
      {!me ? (
        <Empty>Connect a wallet to see your balance, send AMPLED and read your history.</Empty>
      ) : (
        <>
          <dl class="figures">
            <div>
              <dt>{snapshot.token.symbol}</dt>
              <dd>
                <Amount value={me.tokens} />
              </dd>
            </div>
            <div>
              <dt>SOL (for network fees)</dt>
              <dd>{tokens(me.sol, 9)} SOL</dd>
            </div>
            <div>
              <dt>Membership</dt>
              <dd>
                {me.member
                  ? me.member.data.status === MemberStatus.Active
                    ? roleName(me.member.data.role)
                    : 'Removed member'
                  : 'Not a member'}
              </dd>
            </div>
          </dl>
          <h2>Send {snapshot.token.symbol}</h2>
          <SendForm me={me} snapshot={snapshot} />
          <h2>Your history from the ledger</h2>
          <HistoryTable wallet={me.address} entries={entries} />
        </>
      )}
      <h2>The time bank</h2>
      <TimebankDownload snapshot={snapshot} />
    </Page>
  );
}

type Sent = { signature: string; amount: bigint; recipient: Address; memo: string };

function SendForm({ me, snapshot }: { me: Mine; snapshot: Snapshot }) {
  const { decimals, symbol } = snapshot.token;
  const [recipient, setRecipient] = useState('');
  const [amountText, setAmountText] = useState('');
  const [memo, setMemo] = useState('');
  const [sent, setSent] = useState<Sent | null>(null);
  const notAWallet = useNotAWallet(recipient.trim());

  const to = recipient.trim();
  const amount = parseTokens(amountText, decimals);
  const memoBytes = getUtf8Encoder().encode(memo).length;

  let recipientProblem: string | null = null;
  if (to && !isAddress(to)) {
    recipientProblem = 'That is not a wallet address; check it for a typo';
  } else if (to && to === me.address) {
    recipientProblem = 'That is your own wallet; pick another recipient';
  } else if (to && isOffCurveAddress(address(to))) {
    recipientProblem =
      'That address is derived by a program and has no key, so tokens sent there could never move again; use the person’s wallet address';
  } else if (to) {
    recipientProblem = notAWallet;
  }
  let amountProblem: string | null = null;
  if (amountText.trim() && amount === null) {
    amountProblem = `Write an amount in ${symbol}, like 5 or 2.5 (at most ${decimals} decimals)`;
  } else if (amount === 0n) {
    amountProblem = 'The amount must be more than zero';
  } else if (amount !== null && amount > me.tokens) {
    amountProblem = `You hold ${tokens(me.tokens, decimals)} ${symbol} but this needs ${tokens(amount, decimals)} ${symbol}`;
  }
  const memoProblem =
    memoBytes > MAX_MEMO_BYTES
      ? `A memo is 1 to ${MAX_MEMO_BYTES} bytes (this one is ${memoBytes})`
      : null;

  let blocked: string | null = null;
  if (recipientProblem || amountProblem || memoProblem) blocked = 'Correct what is marked above';
  else if (!to || amount === null) blocked = 'Enter a recipient and an amount';
  else if (me.sol < FEE_MONEY)
    blocked = 'Your wallet has no SOL to pay the network fee; add a little SOL first';

  const build = () =>
    transferInstructions({
      sender: me.address,
      recipient: address(to),
      mint: snapshot.community.data.mint,
      amount: amount!,
      decimals,
      memo,
    });

  const done = (signature: string) => {
    setSent({ signature, amount: amount!, recipient: address(to), memo });
    setRecipient('');
    setAmountText('');
    setMemo('');
    void refresh();
  };

  return (
    <form class="card send" onSubmit={(e) => e.preventDefault()}>
      <Field label="Recipient's wallet address">
        <input
          name="recipient"
          value={recipient}
          autocomplete="off"
          spellcheck={false}
          aria-invalid={!!recipientProblem}
          aria-describedby={recipientProblem ? 'recipient-problem' : undefined}
          onInput={(e) => setRecipient(e.currentTarget.value)}
        />
        {recipientProblem && (
          <span id="recipient-problem" class="error">
            {recipientProblem}
          </span>
        )}
      </Field>
      <Field
        label={`Amount in ${symbol}`}
        hint={`You hold ${tokens(me.tokens, decimals)} ${symbol}`}
      >
        <input
          name="amount"
          inputMode="decimal"
          value={amountText}
          autocomplete="off"
          aria-invalid={!!amountProblem}
          aria-describedby={amountProblem ? 'amount-problem' : undefined}
          onInput={(e) => setAmountText(e.currentTarget.value)}
        />
        {amountProblem && (
          <span id="amount-problem" class="error">
            {amountProblem}
          </span>
        )}
      </Field>
      <Field
        label="Memo (optional)"
        hint={`Recorded on chain with the transfer, for anyone to read; up to ${MAX_MEMO_BYTES} bytes`}
      >
        <input
          name="memo"
          value={memo}
          autocomplete="off"
          aria-invalid={!!memoProblem}
          aria-describedby={memoProblem ? 'memo-problem' : undefined}
          onInput={(e) => setMemo(e.currentTarget.value)}
        />
        {memoProblem && (
          <span id="memo-problem" class="error">
            {memoProblem}
          </span>
        )}
      </Field>
      <Action
        label="Send"
        progressLabel={
          amount !== null && to ? `Send ${tokens(amount, decimals)} ${symbol}` : 'Send'
        }
        blocked={blocked}
        build={build}
        done={done}
      />
      {sent && (
        <p role="status" class="ok sent">
          Sent <Amount value={sent.amount} /> to <Wallet address={sent.recipient} />
          {sent.memo && ` with the memo “${sent.memo}”`}: confirmed. Signature{' '}
          <code class="signature-full">{sent.signature}</code>
        </p>
      )}
    </form>
  );
}

/**
 * Why `candidate` is not a person's wallet, as `ampled transfer` refuses it: a program, or an
 * account some program other than the System program keeps (a token account, a mint, a record).
 */
function useNotAWallet(candidate: string): string | null {
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    setProblem(null);
    if (!isAddress(candidate)) return;
    let current = true;
    rpc
      .getAccountInfo(candidate, { encoding: 'base64' })
      .send()
      .then(({ value }) => {
        if (!current || !value) return;
        if (value.executable) {
          setProblem('That address is a program, not a wallet; use the person’s wallet address');
        } else if (value.owner !== SYSTEM_PROGRAM) {
          setProblem(
            `That address is an account of program ${value.owner}, not a wallet: tokens sent there could never move again; use the person’s wallet address`,
          );
        }
      })
      .catch(() => {
        // The node is unreachable: sending will say so.
      });
    return () => {
      current = false;
    };
  }, [candidate]);
  return problem;
}

/** `2026-11-27T15:51:39Z`, as `ampled timebank --csv` writes times. */
function rfc3339(unix: bigint): string {
  return new Date(Number(unix) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * The rows `ampled timebank --csv` prints, in its columns and order. The name column holds the
 * names of the CLI's local wallets, which a browser does not have: it stays empty here.
 */
async function timebankCsv(snapshot: Snapshot): Promise<string> {
  const { mint, decimals } = snapshot.token;
  const members = byAdmission(snapshot.members);
  const balances = await Promise.all(
    members.map((m) => tokenAccount(m.data.wallet, mint).then(tokenBalance)),
  );
  const rows = members.map(({ data }, i) =>
    [
      data.wallet,
      '',
      MemberRole[data.role],
      MemberStatus[data.status],
      rfc3339(data.joinedAt),
      data.rewardsReceived,
      tokens(data.totalEarned, decimals).replace(/,/g, ''),
      tokens(balances[i], decimals).replace(/,/g, ''),
    ].join(','),
  );
  return `${['wallet,name,role,status,joined_at,rewards_received,total_earned,balance', ...rows].join('\n')}\n`;
}

function TimebankDownload({ snapshot }: { snapshot: Snapshot }) {
  const [link, setLink] = useState<string | null>(null);
  useEffect(() => {
    let url: string | null = null;
    let current = true;
    timebankCsv(snapshot).then((csv) => {
      if (!current) return;
      url = URL.createObjectURL(new Blob([csv], { type: 'text/csv' }));
      setLink(url);
    });
    return () => {
      current = false;
      if (url) URL.revokeObjectURL(url);
    };
  }, [snapshot]);
  return (
    <p>
      Every member’s wallet, role, status, joining date, rewards, earned total and balance, for a
      spreadsheet (the same columns as <code>ampled timebank --csv</code>).{' '}
      {link ? (
        <a href={link} download={`${snapshot.community.data.name}-timebank.csv`}>
          Download the time bank as CSV
        </a>
      ) : (
        'Preparing the time bank…'
      )}
    </p>
  );
}
