import { beforeEach, describe, expect, it } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/svelte';
import DataRetention from './DataRetention.svelte';
import { backend, unlocked } from '../test/backend';

const report = (dry_run: boolean) => ({
  period: { amount: 2, unit: 'years' }, cutoff: '2024-03-01', dry_run, households: 2, conversations: 3,
  quotes_deleted: 0, visit_notes: 1, referral_notes: 0, checks: 0,
});

describe('Bewaartermijn', () => {
  beforeEach(() => unlocked());

  it('shows and sets the period, previews a purge and then purges', async () => {
    const calls = backend({
      retention_setting: () => ({ period: { amount: 18, unit: 'months' }, text: '18m', label: '18 maanden' }),
      set_retention: () => ({ period: { amount: 2, unit: 'years' }, text: '2y', label: '2 jaar' }),
      purge_now: (a) => ({
        report: report(a.dryRun as boolean), empty: false,
        notice: a.dryRun ? 'persoonsgegevens zouden worden verwijderd van 2 huishoudens' : 'persoonsgegevens zijn verwijderd van 2 huishoudens',
      }),
    });
    render(DataRetention);
    expect(await screen.findByText('18 maanden')).toBeTruthy();
    await fireEvent.input(screen.getByLabelText('Aantal'), { target: { value: '2' } });
    await fireEvent.change(screen.getByLabelText('Eenheid'), { target: { value: 'y' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Opslaan' }));
    expect(await screen.findByText(/Bewaartermijn opgeslagen: 2 jaar/)).toBeTruthy();
    expect(calls.find((c) => c.cmd === 'set_retention')!.args).toEqual({ period: '2y' });
    await fireEvent.click(screen.getByRole('button', { name: 'Nu opschonen…' }));
    expect(await screen.findByText(/zouden worden verwijderd/)).toBeTruthy();
    expect(calls.filter((c) => c.cmd === 'purge_now').map((c) => c.args.dryRun)).toEqual([true]);
    await fireEvent.click(screen.getByRole('button', { name: 'Opschonen' }));
    expect(await screen.findByText(/zijn verwijderd van 2/)).toBeTruthy();
    expect(calls.filter((c) => c.cmd === 'purge_now').map((c) => c.args.dryRun)).toEqual([true, false]);
  });

  it('refuses a bad period with the core message', async () => {
    backend({
      retention_setting: () => ({ period: { amount: 18, unit: 'months' }, text: '18m', label: '18 maanden' }),
      set_retention: () => { throw { code: 'period_out_of_range', message: 'De bewaartermijn moet tussen 1 maand en 10 jaar liggen' }; },
    });
    render(DataRetention);
    await screen.findByText('18 maanden');
    await fireEvent.input(screen.getByLabelText('Aantal'), { target: { value: '40' } });
    await fireEvent.change(screen.getByLabelText('Eenheid'), { target: { value: 'y' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Opslaan' }));
    expect((await screen.findByRole('alert')).textContent).toContain('tussen 1 maand en 10 jaar');
  });
});
