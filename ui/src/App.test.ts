import { describe, expect, it } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/svelte';
import App from './App.svelte';
import { backend, catalogs, profile, values } from './test/backend';
import { session } from './lib/session.svelte';

describe('App', () => {
  it('purges after unlocking, shows the notice, and reaches Gegevens from the menu', async () => {
    session.unlocked = false;
    const calls = backend({
      app_status: () => ({ store_exists: true, unlocked: false, db_path: '/tmp/wwk.db', version: '0.1.0', schema_version: 5 }),
      unlock: () => profile,
      catalogs: () => catalogs,
      values: () => values,
      campaigns: () => ({ total: 0, offset: 0, items: [] }),
      list_drafts: () => [],
      purge_at_start: () => ({
        report: { period: { amount: 18, unit: 'months' }, cutoff: '2024-09-01', dry_run: false, households: 2, conversations: 3,
          quotes_deleted: 1, visit_notes: 0, referral_notes: 0, checks: 0 },
        empty: false,
        notice: 'Bewaartermijn 18 maanden: persoonsgegevens zijn verwijderd van 2 huishoudens en 3 gesprekken',
      }),
      import_mappings: () => [],
    });
    render(App);
    await fireEvent.input(await screen.findByLabelText('Wachtwoord'), { target: { value: 'juist-wachtwoord' } });
    await fireEvent.click(screen.getByRole('button', { name: /Ontgrendelen/ }));
    expect(await screen.findByText(/zijn verwijderd van 2 huishoudens en 3 gesprekken/)).toBeTruthy();
    expect(calls.map((c) => c.cmd)).toContain('purge_at_start');
    await fireEvent.click(screen.getByRole('button', { name: 'Sluiten' }));
    expect(screen.queryByText(/zijn verwijderd van 2/)).toBeNull();
    await fireEvent.click(screen.getByRole('button', { name: 'Gegevens' }));
    expect(await screen.findByRole('heading', { name: 'Gegevens', level: 1 })).toBeTruthy();
    expect(screen.getByRole('tab', { name: 'Exporteer tabel' }).getAttribute('aria-selected')).toBe('true');
  });
});
