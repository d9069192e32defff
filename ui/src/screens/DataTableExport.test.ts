import { beforeEach, describe, expect, it } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/svelte';
import DataTableExport from './DataTableExport.svelte';
import { backend, unlocked } from '../test/backend';

type Chan = { onmessage: (p: unknown) => void };

describe('Exporteer tabel', () => {
  beforeEach(() => unlocked());

  it('exports to a chosen or typed path with progress and shows the summary', async () => {
    const calls = backend({
      'plugin:dialog|save': () => '/tmp/gekozen/gebied.xlsx',
      export_table: (a) => {
        (a.onProgress as Chan).onmessage({ stage: 'Gesprekken', done: 3, total: 10 });
        return {
          level: 'area', format: 'csv', area_code: 'WK026807', area_name: 'stadsdeel Dukenburg', from: null, to: null,
          tables: [['Bereik', 2], ['Waarden', 14]], rows: 16, suppressed_cells: 7, bytes: 2048, path: a.path,
        };
      },
    });
    render(DataTableExport, { code: 'WK026807' });
    const field = screen.getByLabelText('Opslaan als') as HTMLInputElement;
    await fireEvent.click(screen.getByRole('button', { name: 'Opslaan als: kiezen…' }));
    await screen.findByDisplayValue('/tmp/gekozen/gebied.xlsx');
    await fireEvent.click(screen.getByLabelText('CSV (puntkomma)'));
    expect(field.value).toBe('/tmp/gekozen/gebied.csv');
    await fireEvent.input(field, { target: { value: '/tmp/getypt.csv' } });
    await fireEvent.change(screen.getByLabelText('Eén regel per'), { target: { value: 'stadsdeel' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Exporteren' }));
    await screen.findByText('Tabel opgeslagen');
    const call = calls.find((c) => c.cmd === 'export_table')!;
    expect(call.args.path).toBe('/tmp/getypt.csv');
    expect(call.args.request).toMatchObject({ level: 'area', format: 'csv', area: 'WK026807', per: 'stadsdeel', from: null });
    expect(screen.getByText('Bereik: 2 regels')).toBeTruthy();
    expect(screen.getByText(/7 cellen niet getoond/)).toBeTruthy();
  });

  it('exports the tables of one complex of a wijk', async () => {
    const calls = backend({
      complexes: () => [{ id: 'cx1', wijk_code: 'BU02680734', name: 'Flat Lankforst', corporation: 'Portaal', households: 40, updated_at: '' }],
      export_table: (a) => ({
        level: 'area', format: 'xlsx', area_code: 'cx1', area_name: 'complex Flat Lankforst (wijk BU02680734)', from: null, to: null,
        tables: [['Kerncijfers', 1]], rows: 1, suppressed_cells: 0, bytes: 900, path: a.path,
      }),
    });
    render(DataTableExport, { code: 'BU02680734' });
    const select = await screen.findByLabelText('Complex');
    await fireEvent.change(select, { target: { value: 'cx1' } });
    await fireEvent.input(screen.getByLabelText('Opslaan als'), { target: { value: '/tmp/flat.xlsx' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Exporteren' }));
    await screen.findByText('Tabel opgeslagen');
    expect(calls.find((c) => c.cmd === 'export_table')!.args.request).toMatchObject({ level: 'area', area: 'BU02680734', complex: 'cx1' });
  });

  it('shows the core error in Dutch', async () => {
    backend({ export_table: () => { throw { code: 'empty_period', message: 'Geen gegevens voor Nijmegen in deze periode' }; } });
    render(DataTableExport);
    await fireEvent.click(screen.getByLabelText('Gesprekken', { exact: false }));
    await fireEvent.input(screen.getByLabelText('Opslaan als'), { target: { value: '/tmp/x.xlsx' } });
    expect(screen.queryByLabelText('Eén regel per')).toBeNull();
    await fireEvent.click(screen.getByRole('button', { name: 'Exporteren' }));
    expect((await screen.findByRole('alert')).textContent).toContain('Geen gegevens');
  });
});
