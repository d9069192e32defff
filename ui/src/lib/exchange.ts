// Dutch names and small helpers for the Uitwisselen screens.
import type { Progress, MergeCounts } from '../api/bindings/types';

/** Tables in payload order with their Dutch (plural) names. */
export const TABLES: [string, string][] = [
  ['value_catalog', 'waarden (catalogus)'],
  ['complex', 'complexen'],
  ['campaign', 'rondes'],
  ['household', 'huishoudens'],
  ['campaign_address', 'looplijstadressen'],
  ['visit', 'bezoeken'],
  ['conversation', 'gesprekken'],
  ['benefit_check', 'voorzieningenchecks'],
  ['referral', 'doorverwijzingen'],
  ['participation', 'deelname-signalen'],
];

export function tableName(table: string): string {
  return TABLES.find(([t]) => t === table)?.[1] ?? table;
}

/** Per-table counts in payload order, skipping tables with nothing. */
export function tableRows(counts: Record<string, number | undefined>): [string, number][] {
  return TABLES.filter(([t]) => (counts[t] ?? 0) > 0).map(([t, name]) => [name, counts[t] ?? 0]);
}

export const OUTCOMES: [keyof MergeCounts, string][] = [
  ['new', 'nieuw'],
  ['updated', 'bijgewerkt'],
  ['duplicate', 'dubbel'],
  ['conflict', 'conflict'],
  ['rejected', 'geweigerd (verouderd)'],
];

export function progressText(p: Progress): string {
  const file = p.file ? ` — ${baseName(p.file)}` : '';
  return `${p.stage}: ${p.done} van ${p.total}${file}`;
}

/** The file name of a path (either separator). */
export function baseName(path: string): string {
  return path.split(/[\\/]/).pop() || path;
}

/** A readable value from a conflict's field diff. */
export function showValue(v: unknown): string {
  if (v === null || v === undefined || v === '') return '(leeg)';
  if (typeof v === 'boolean') return v ? 'ja' : 'nee';
  if (typeof v === 'string' || typeof v === 'number') return String(v);
  return JSON.stringify(v);
}
