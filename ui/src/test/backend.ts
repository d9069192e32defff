// A fake backend for component tests: handlers per command, every call recorded.
// Unknown commands fail the test loudly.
import { mockIPC } from '@tauri-apps/api/mocks';
import type { Catalogs, Profile, Value } from '../api/bindings/types';
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
  referral_targets: [{ code: 'few', label: 'FEW', description: '', closed: false, counts_as: '' }],
  referral_statuses: [{ code: 'voorgesteld', label: 'Voorgesteld', description: '', closed: false, counts_as: '' }],
  check_statuses: [{ code: 'onbekend', label: 'Onbekend', description: '', closed: false, counts_as: 'unknown' }],
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
