// A fake backend for component tests: handlers per command, every call recorded.
// Unknown commands fail the test loudly.
import { mockIPC } from '@tauri-apps/api/mocks';
import type { Catalogs, MapCells, Profile, ReportModel, Value } from '../api/bindings/types';
import { session } from '../lib/session.svelte';

export type Call = { cmd: string; args: Record<string, unknown> };
export type Handlers = Record<string, (args: Record<string, unknown>) => unknown>;

export function backend(handlers: Handlers): Call[] {
  const calls: Call[] = [];
  mockIPC((cmd, args) => {
    const a = (args ?? {}) as Record<string, unknown>;
    calls.push({ cmd, args: a });
    const h = handlers[cmd];
    if (!h) throw { code: 'internal', message: `onverwacht commando ${cmd}` };
    return h(a);
  });
  return calls;
}

export const profile: Profile = {
  device_id: 'dev-1',
  worker_name: 'Anna de Boer',
  team: 'Team Dukenburg',
  device_name: 'Laptop 3',
};

export const values: Value[] = [
  { id: 'ontmoeting', label: 'Ontmoeting', description: 'Elkaar tegenkomen', bevorderend: [], belemmerend: [], builtin: true, retired: false },
  { id: 'groen', label: 'Groen', description: 'Bomen, parken', bevorderend: [], belemmerend: [], builtin: true, retired: false },
  { id: 'veiligheid', label: 'Veiligheid', description: 'Je veilig voelen', bevorderend: [], belemmerend: [], builtin: true, retired: false },
];

export const catalogs: Catalogs = {
  outcomes: [
    { code: 'niet_thuis', label: 'Niet thuis', shortcut: 'n', approached: true, reached: false, is_final: false, description: '' },
    { code: 'gesprek', label: 'Gesprek gevoerd', shortcut: 'g', approached: true, reached: true, is_final: true, description: '' },
    { code: 'geweigerd', label: 'Geweigerd', shortcut: 'w', approached: true, reached: false, is_final: true, description: '' },
  ],
  referral_targets: [{ code: 'few', label: 'FEW', description: '', closed: false, counts_as: '', retired: false }],
  referral_statuses: [{ code: 'voorgesteld', label: 'Voorgesteld', description: '', closed: false, counts_as: '', retired: false }],
  check_statuses: [
    { code: 'mogelijk_recht', label: 'Mogelijk recht', description: '', closed: false, counts_as: 'non_take_up', retired: false },
    { code: 'aangevraagd', label: 'Aanvraag ingediend', description: '', closed: false, counts_as: 'applied', retired: false },
    { code: 'toegekend', label: 'Toegekend', description: '', closed: false, counts_as: 'granted', retired: false },
    { code: 'onbekend', label: 'Onbekend', description: '', closed: false, counts_as: 'unknown', retired: false },
  ],
  check_steps: {
    helpers: [
      { code: 'formulierenbrigade', label: 'Formulierenbrigade' },
      { code: 'few', label: 'Financieel Expert in de Wijk' },
      { code: 'zelf', label: 'De bewoner zelf' },
    ],
    periods: [
      { code: 'maand', label: 'per maand' },
      { code: 'jaar', label: 'per jaar' },
      { code: 'eenmalig', label: 'eenmalig' },
    ],
    rejection_reasons: [{ code: 'anders', label: 'Andere reden' }],
    not_applied_reasons: [{ code: 'wil_niet', label: 'Wil niet' }],
    actions: [
      { code: 'schulden', label: 'Schulden geïnventariseerd' },
      { code: 'budgetplan', label: 'Budgetplan gemaakt' },
      { code: 'uitkering', label: 'Uitkering aangevraagd' },
      { code: 'few_overdracht', label: 'Warme overdracht aan de FEW' },
    ],
    agencies: [
      { code: 'gemeente', label: 'Gemeente Nijmegen' },
      { code: 'uwv', label: 'UWV' },
      { code: 'svb', label: 'SVB' },
    ],
  },
  participation_kinds: [
    { code: 'activiteiten', label: 'Activiteit in de wijk' },
    { code: 'vrijwilligerswerk', label: 'Vrijwilligerswerk' },
    { code: 'werk_opleiding', label: 'Werk of opleiding' },
  ],
  participation_statuses: [
    { code: 'interesse', label: 'Interesse' },
    { code: 'in_contact', label: 'In contact gebracht' },
    { code: 'doet_mee', label: 'Doet mee' },
    { code: 'gestopt', label: 'Gestopt' },
  ],
  collective_statuses: [
    { code: 'idee', label: 'Idee' },
    { code: 'in_voorbereiding', label: 'In voorbereiding' },
    { code: 'uitgevoerd', label: 'Uitgevoerd' },
    { code: 'geevalueerd', label: 'Geëvalueerd' },
  ],
  collective_partners: [
    { code: 'woningcorporatie', label: 'Woningcorporatie' },
    { code: 'stip', label: 'Stip' },
  ],
  regulations_year: 2026,
  regulations: [],
  screen_inputs: { household_types: [], age_groups: [], income_bands: [], rent_bands: [] },
  disclaimer: 'Indicatie, geen besluit.',
  areas: [
    { code: 'WK026807', name: 'Dukenburg', kind: 'stadsdeel', parent_code: null },
    { code: 'BU02680734', name: 'Lankforst', kind: 'wijk', parent_code: 'WK026807' },
    { code: 'BU02680733', name: 'Meijhorst', kind: 'wijk', parent_code: 'WK026807' },
  ],
  map_attribution: 'Kaart: CBS/Kadaster Wijk- en Buurtkaart 2025, CC BY 4.0',
};

/** Puts the test session in the unlocked state. */
export function unlocked() {
  session.unlocked = true;
  session.profile = profile;
  session.catalogs = catalogs;
  session.values = values;
}

/** An area profile as `area_dashboard` returns it, with small cells withheld. */
export function reportModel(over: Partial<ReportModel> = {}): ReportModel {
  return {
    title: 'Wijkprofiel Lankforst',
    level: 'wijk',
    area_code: 'BU02680734',
    area_name: 'Lankforst',
    parent_name: 'Dukenburg',
    campaign_name: null,
    period: { from: '2026-01-05', to: '2026-04-30' },
    organisation: 'Sociaal Wijkteam Nijmegen',
    team: 'Team Dukenburg',
    generated_at: '2026-05-01T10:00:00+02:00',
    policy: { k: 5, min_base_for_pct: 20 },
    key_figures: {
      approached: 1240,
      reached: 31,
      reached_pct: 2.5,
      conversations: 24,
      follow_ups: '< 5',
      referrals: 'x',
      checks: 12,
      funnel: [
        { label: 'Benaderd', count: 1240, pct_of_first: 100 },
        { label: 'Bereikt', count: 31, pct_of_first: 2.5 },
        { label: 'Gesprekken', count: 24, pct_of_first: 1.9 },
        { label: 'Vervolg gewenst', count: '< 5', pct_of_first: null },
        { label: 'Doorverwezen', count: 'x', pct_of_first: null },
      ],
    },
    map: { highlight: ['BU02680734'], shading: null, attribution: 'Kaart: CBS/Kadaster Wijk- en Buurtkaart 2025, CC BY 4.0' },
    values: {
      status: 'shown',
      data: {
        conversations: 24,
        as_pct: true,
        rows: [
          { id: 'ontmoeting', label: 'Ontmoeting', named: 14, valued: 9, concern: 'x', named_pct: 58.3, valued_pct: 37.5, concern_pct: null },
          { id: 'groen', label: 'Groen', named: '< 5', valued: '< 5', concern: '< 5', named_pct: null, valued_pct: null, concern_pct: null },
        ],
        top_factors: [
          { label: 'Ontmoeting', bevorderend: [{ text: 'Buurthuis', count: 6 }], belemmerend: [{ text: 'Geen plek', count: '< 5' }] },
        ],
      },
    },
    themes: {
      status: 'shown',
      data: { rows: [['Eenzaamheid', 7]], other: '< 5', quotes: ['Het buurthuis is mijn tweede huis.'], quotes_note: null },
    },
    checks: {
      status: 'shown',
      data: {
        households: 12,
        applied_households: 6,
        granted_households: '< 5',
        rows: [
          { id: 'zorgtoeslag', name: 'Zorgtoeslag', level: 'rijk', checked: 12, receiving: 7, non_take_up: '< 5', applied: 'x', granted: 0, other: 'x', granted_eur: 'x', potential_eur: 'onbekend' },
        ],
        total_granted: 'x',
        total_potential: 4321,
        catalog_year: 2026,
        disclaimer: 'Indicatie, geen besluit.',
        sources: ['Dienst Toeslagen, bedragen zorgtoeslag 2026 (2026)'],
        actions: [['Schulden geïnventariseerd', '< 5']],
        clients: [{ title: 'Samenstelling huishouden', rows: [['Alleenstaand', 7], ['Paar met kinderen', 'x']] }],
      },
    },
    referrals: {
      status: 'shown',
      data: { by_target: [], by_status: [['Voorgesteld', 'x']], total: 6, participation: [['Vrijwilligerswerk', '< 5']], participation_total: '< 5', participation_status: [['Doet mee', '< 5']] },
    },
    collective: { actions: [], note: 'Er zijn in deze periode geen collectieve acties vastgelegd.' },
    development: null,
    accountability: { method: [], sources: [], catalogs: [], suppression: '', privacy: [] },
    ...over,
  };
}

/** One wijk's map cells; everything withheld unless given. */
export function mapCells(code: string, name: string, over: Partial<MapCells> = {}): MapCells {
  return {
    code,
    name,
    approached: '< 5',
    reached: '< 5',
    reached_pct: null,
    conversations: '< 5',
    values: [],
    checks: '< 5',
    potential_per_household: null,
    ...over,
  };
}
