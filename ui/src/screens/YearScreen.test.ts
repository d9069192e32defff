import { describe, expect, it } from 'vitest';
import { fireEvent, render, screen, within } from '@testing-library/svelte';
import YearScreen from './YearScreen.svelte';
import { backend, reportModel, unlocked } from '../test/backend';
import type { YearRow } from '../api/bindings/types';

const row = (over: Partial<YearRow>): YearRow => ({
  kind: 'wijk',
  code: 'BU02680734',
  name: 'Lankforst',
  parent: 'Dukenburg',
  approached: 120,
  reached: 66,
  reached_pct: 55,
  reach_band: { min_pct: 50, max_pct: 60 },
  reach_status: 'binnen het doel',
  follow_ups: 12,
  checks: 20,
  applied: 9,
  granted: 6,
  granted_eur: 1020,
  potential_eur: 4300,
  referrals: [7, '< 5'],
  referrals_total: 9,
  participation: '< 5',
  collective_actions: 1,
  ...over,
});

describe('Jaarverantwoording', () => {
  it('shows the targets and one row per wijk and complex with the total, and sets a target', async () => {
    unlocked();
    const calls = backend({
      programmes: () => ['In de wijk'],
      programme_targets: () => [],
      year_report: (a) => ({
        title: `Jaarverantwoording In de wijk ${a.year}`,
        year: a.year,
        programme: a.programme,
        period: { from: `${a.year}-01-01`, to: `${a.year}-12-31` },
        organisation: 'Bindkracht10',
        generated_at: '2026-12-01T10:00:00Z',
        policy: { k: 5, min_base_for_pct: 20 },
        targets: [
          {
            programme: 'In de wijk',
            households_min: 500,
            households_max: 600,
            approached: 120,
            approached_status: 'onder het doel',
            reach_band: { min_pct: 50, max_pct: 60 },
            reached_pct: 55,
            reach_status: 'binnen het doel',
          },
        ],
        targets_note: null,
        referral_targets: ['Financieel Expert in de Wijk (FEW)', 'Stip'],
        total: row({ kind: 'total', code: 'GM0268', name: 'Totaal', parent: null }),
        rows: [row({}), row({ kind: 'complex', code: 'c1', name: 'Flat Zwanenveld', approached: '< 5' })],
        notes: [],
        profile: reportModel(),
        areas: [reportModel(), reportModel()],
      }),
      set_programme_target: (a) => ({ id: 't1', updated_at: '', ...(a.input as object) }),
    });
    render(YearScreen);
    await fireEvent.input(screen.getByLabelText('Jaar'), { target: { value: '2026' } });
    await screen.findByRole('option', { name: 'In de wijk' });
    await fireEvent.change(screen.getByLabelText('Programma', { exact: true }), { target: { value: 'In de wijk' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Tonen' }));
    const reach = await screen.findByRole('table', { name: 'Bereik per wijk en complex' });
    const rows = within(reach).getAllByRole('row');
    expect(rows.map((r) => r.textContent)).toEqual([
      expect.stringContaining('Wijk / complex'),
      expect.stringContaining('Lankforst'),
      expect.stringContaining('complex Flat Zwanenveld'),
      expect.stringContaining('Totaal'),
    ]);
    expect(rows[2].textContent).toContain('< 5');
    expect(screen.getByRole('table', { name: 'Voortgang tegen de doelen' }).textContent).toContain('onder het doel');
    expect(calls.find((c) => c.cmd === 'year_report')?.args).toMatchObject({ year: 2026, programme: 'In de wijk' });

    await fireEvent.input(screen.getByLabelText('Programma van het jaardoel'), { target: { value: 'In de wijk' } });
    await fireEvent.input(screen.getByLabelText('Huishoudens van'), { target: { value: '450' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Vastleggen voor 2026' }));
    expect((await screen.findByText(/Jaardoel In de wijk 2026 vastgelegd/)).textContent).toContain('450–600');
    expect(calls.find((c) => c.cmd === 'set_programme_target')?.args).toMatchObject({
      input: { programme: 'In de wijk', year: 2026, households_min: 450, households_max: 600, reach_min_pct: 50, reach_max_pct: 60 },
    });
  });
});
