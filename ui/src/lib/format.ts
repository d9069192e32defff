// Dutch display formats.
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

/** A count that may have been withheld because it is small. */
export function formatCount(n: number | null | undefined): string {
  return n === null || n === undefined ? 'te weinig gegevens' : num.format(n);
}
