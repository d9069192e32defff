// Dutch display formats.
import type { Amount, Cell } from '../api/bindings/types';

const euro = new Intl.NumberFormat('nl-NL', {
  style: 'currency',
  currency: 'EUR',
  maximumFractionDigits: 0,
});
const num = new Intl.NumberFormat('nl-NL');

export const formatEuro = (n: number) => euro.format(n);
export const formatNumber = (n: number) => num.format(n);

/** `2026-03-05` → `5 mrt 2026`. */
export function formatDate(iso: string): string {
  const d = new Date(iso.length === 10 ? `${iso}T12:00:00` : iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleDateString('nl-NL', { day: 'numeric', month: 'short', year: 'numeric' });
}

export function formatTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleTimeString('nl-NL', { hour: '2-digit', minute: '2-digit' });
}

export function today(): string {
  const d = new Date();
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

/** A published cell: a number, or the mark it is withheld with ("< 5", "x"), verbatim. */
export function formatCell(c: Cell): string {
  return typeof c === 'number' ? num.format(c) : c;
}

/** A euro estimate: whole euros, or "x" (hidden) / "onbekend" (no estimate), verbatim. */
export function formatAmount(a: Amount): string {
  return typeof a === 'number' ? euro.format(a) : a;
}

/** A percentage that may not be publishable (`null`). */
export function formatPct(p: number | null | undefined, none = '—'): string {
  return p === null || p === undefined
    ? none
    : `${p.toLocaleString('nl-NL', { maximumFractionDigits: 1 })} %`;
}
