// Sending AMPLED from the connected wallet: the same instructions as `ampled transfer` (the
// recipient's token account created if missing, a Token-2022 TransferChecked, and an optional
// memo). The wallet screen's Send and the directory's Pay both build their transfer here.
import {
  AccountRole,
  address,
  getU64Encoder,
  getUtf8Encoder,
  type Address,
  type Instruction,
} from '@solana/kit';
import { ASSOCIATED_TOKEN_PROGRAM, MEMO_PROGRAM, TOKEN_2022, tokenAccount } from './chain';

export const SYSTEM_PROGRAM = address('11111111111111111111111111111111');
/** The longest memo `ampled transfer` sends (app/src/client/mod.rs `MAX_MEMO_LEN`), in bytes. */
export const MAX_MEMO_BYTES = 500;
/** What a transaction's fee needs at least, as `ampled` checks it (lamports). */
export const FEE_MONEY = 10_000n;
/** Associated Token program's `CreateIdempotent` and Token-2022's `TransferChecked`. */
const CREATE_IDEMPOTENT = 1;
const TRANSFER_CHECKED = 12;

export type Transfer = {
  /** The connected wallet: it signs and pays the fee and any new token account's rent. */
  sender: Address;
  recipient: Address;
  mint: Address;
  /** Base units. */
  amount: bigint;
  decimals: number;
  /** Recorded on chain with the transfer when not empty. */
  memo?: string;
};

export async function transferInstructions({
  sender,
  recipient,
  mint,
  amount,
  decimals,
  memo,
}: Transfer): Promise<Instruction[]> {
  const [source, destination] = await Promise.all([
    tokenAccount(sender, mint),
    tokenAccount(recipient, mint),
  ]);
  const data = new Uint8Array(10);
  data[0] = TRANSFER_CHECKED;
  data.set(getU64Encoder().encode(amount), 1);
  data[9] = decimals;
  const instructions: Instruction[] = [
    {
      programAddress: ASSOCIATED_TOKEN_PROGRAM,
      accounts: [
        { address: sender, role: AccountRole.WRITABLE_SIGNER },
        { address: destination, role: AccountRole.WRITABLE },
        { address: recipient, role: AccountRole.READONLY },
        { address: mint, role: AccountRole.READONLY },
        { address: SYSTEM_PROGRAM, role: AccountRole.READONLY },
        { address: TOKEN_2022, role: AccountRole.READONLY },
      ],
      data: new Uint8Array([CREATE_IDEMPOTENT]),
    },
    {
      programAddress: TOKEN_2022,
      accounts: [
        { address: source, role: AccountRole.WRITABLE },
        { address: mint, role: AccountRole.READONLY },
        { address: destination, role: AccountRole.WRITABLE },
        { address: sender, role: AccountRole.READONLY_SIGNER },
      ],
      data,
    },
  ];
  if (memo) {
    instructions.push({
      programAddress: MEMO_PROGRAM,
      accounts: [{ address: sender, role: AccountRole.READONLY_SIGNER }],
      data: getUtf8Encoder().encode(memo),
    });
  }
  return instructions;
}
