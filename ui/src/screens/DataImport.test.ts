import { beforeEach, describe, expect, it } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/svelte';
import DataImport from './DataImport.svelte';
import { backend, unlocked } from '../test/backend';

const report = (outcome: string, fresh: number, unchanged: number) => ({
  file: 'brigade.csv', sha256: 'ab', source: 'brigade', read_as: 'CSV, UTF-8, ;',
  mapping: { source: 'brigade', columns: {}, regulation_columns: {}, regulations: {}, statuses: {}, defaults: {} },
  mapping_origin: 'saved', assumptions: [], rows: 3, rows_valid: 2, rows_invalid: 1,
  checks: { new: fresh, updated: 0, unchanged, deleted: 0 },
  problems: [{ line: 4, reason: 'geen huishouden gevonden bij 6544AB 99' }],
  unmapped_regulations: [], unmapped_statuses: [],
  preview: [{ lines: [2], household_id: 'h1', checked_on: '2026-03-14', items: [['zorgtoeslag', 'mogelijk_recht']], action: 'new' }],
  outcome, previously_imported_at: null,
});

describe('Checks importeren', () => {
  beforeEach(() => unlocked());

  it('previews (dry run) with bad lines, then imports skipping them', async () => {
    const calls = backend({
      import_mappings: () => [{ source: 'brigade' }],
      import_checks_file: (a) => {
        const input = a.input as { dry_run: boolean; skip_invalid: boolean };
        const r = input.dry_run ? report('dry_run', 1, 0) : report('imported', 1, 0);
        return { report: r, lines: ['Regel 4: geen huishouden gevonden bij 6544AB 99'] };
      },
    });
    render(DataImport);
    expect(await screen.findByText(/Opgeslagen koppelingen: brigade/)).toBeTruthy();
    await fireEvent.input(screen.getByLabelText('Bestand (CSV of XLSX)'), { target: { value: '/tmp/brigade.csv' } });
    await fireEvent.input(screen.getByLabelText('Bron (koppeling)'), { target: { value: 'brigade' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Voorbeeld' }));
    expect(await screen.findByText('Voorbeeld (niets opgeslagen)')).toBeTruthy();
    expect(screen.getByRole('cell', { name: '4' })).toBeTruthy();
    expect(screen.getAllByText(/geen huishouden gevonden/).length).toBeGreaterThan(0);
    await fireEvent.click(screen.getByLabelText(/Sla ongeldige rijen over/));
    await fireEvent.click(screen.getByRole('button', { name: 'Importeren' }));
    expect(await screen.findByText('Geïmporteerd')).toBeTruthy();
    const sent = calls.filter((c) => c.cmd === 'import_checks_file').map((c) => c.args.input);
    expect(sent[0]).toMatchObject({ path: '/tmp/brigade.csv', source: 'brigade', dry_run: true, skip_invalid: false });
    expect(sent[1]).toMatchObject({ dry_run: false, skip_invalid: true });
  });
});
