// Numbers, addresses and times as people read them.
import type { Address } from '@solana/kit';

/** `amount` base units of a token with `decimals`, without trailing zeros: 12.5, 3, 0.000001. */
export function tokens(amount: bigint, decimals: number): string {
  const negative = amount < 0n;
  const digits = (negative ? -amount : amount).toString().padStart(decimals + 1, '0');
  const whole = digits.slice(0, digits.length - decimals);
  const fraction = digits.slice(digits.length - decimals).replace(/0+$/, '');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${negative ? '-' : ''}${grouped}${fraction ? `.${fraction}` : ''}`;
}

/** Parses what a person typed ("12.5") into base units; null if it is not an amount. */
export function parseTokens(text: string, decimals: number): bigint | null {
  const match = /^\s*(\d+)(?:\.(\d*))?\s*$/.exec(text.replace(/,/g, ''));
  if (!match) return null;
  const fraction = match[2] ?? '';
  if (fraction.length > decimals) return null;
  return BigInt(match[1]) * 10n ** BigInt(decimals) + BigInt(fraction.padEnd(decimals, '0') || '0');
}

export function short(address: Address | string): string {
  return `${address.slice(0, 4)}…${address.slice(-4)}`;
}

/** "2 d 4 h", "5 min", "40 s": how long until `until` (unix seconds) from `now`. */
export function timeLeft(until: number, now: number): string {
  let seconds = Math.max(0, until - now);
  const days = Math.floor(seconds / 86_400);
  seconds -= days * 86_400;
  const hours = Math.floor(seconds / 3_600);
  seconds -= hours * 3_600;
  const minutes = Math.floor(seconds / 60);
  if (days > 0) return `${days} d ${hours} h`;
  if (hours > 0) return `${hours} h ${minutes} min`;
  if (minutes > 0) return `${minutes} min`;
  return `${seconds} s`;
}

export function date(unix: bigint | number): string {
  return new Date(Number(unix) * 1000).toLocaleString(undefined, {
    dateStyle: 'medium',
    timeStyle: 'short',
  });
}
