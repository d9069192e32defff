import { describe, expect, it } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/svelte';
import { mockIPC, mockWindows } from '@tauri-apps/api/mocks';
import { emit } from '@tauri-apps/api/event';
import Exchange from './Exchange.svelte';
import { backend, unlocked, type Call, type Handlers } from '../test/backend';
import type { ConflictView, MergeReceipt, SavedKey } from '../api/bindings/types';

const own: SavedKey = {
  id: 1,
  kind: 'own',
  label: 'Mijn coördinatorsleutel',
  public_key: 'age1qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqq',
  identity_path: '/tmp/c.key',
  added_at: '2026-03-05T10:00:00Z',
};

type Progress = { onmessage: (m: unknown) => void };
const report = (args: Record<string, unknown>, m: unknown) => (args.onProgress as Progress).onmessage(m);

const summary = {
  file: '/tmp/laptop.wwk',
  payload_id: 'ab',
  format_version: 1,
  app_version: '0.1.0',
  source_device: 'dev-2',
  device_name: 'laptop 3',
  worker: 'Anna de Boer',
  team: 'Team Dukenburg',
  exported_at: '2026-03-05T10:00:00Z',
  scope: { area: null, campaign: null, since: null },
  records: 45,
  counts: { household: 20, campaign: 1 },
  catalog_versions: {},
  skipped: false,
};

/** Like backend(), with Tauri events mocked so drag and drop can be simulated. */
function backendWithEvents(handlers: Handlers): Call[] {
  const calls: Call[] = [];
  mockWindows('main');
  mockIPC(
    (cmd, args) => {
      const a = (args ?? {}) as Record<string, unknown>;
      calls.push({ cmd, args: a });
      const h = handlers[cmd];
      if (!h) throw { code: 'internal', message: `onverwacht commando ${cmd}` };
      return h(a);
    },
    { shouldMockEvents: true },
  );
  return calls;
}

describe('Uitwisselen', () => {
  it('generates a key from a typed path and shows it as the own key', async () => {
    unlocked();
    let keys: SavedKey[] = [];
    const calls = backend({
      exchange_keys: () => keys,
      campaign_list: () => [],
      generate_key: (a) => {
        keys = [{ ...own, identity_path: a.path as string }];
        return keys[0];
      },
    });
    render(Exchange, { tab: 'keys' });
    await screen.findByText('Nog geen sleutels opgeslagen.');
    await fireEvent.input(screen.getByLabelText('Nieuw sleutelbestand'), { target: { value: ' /tmp/c.key ' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Sleutel maken' }));
    await screen.findByText(/Sleutel gemaakt en bewaard in \/tmp\/c.key/);
    expect(calls.find((c) => c.cmd === 'generate_key')?.args).toEqual({ label: 'Mijn coördinatorsleutel', path: '/tmp/c.key' });
    expect(screen.getByText('eigen sleutel')).toBeTruthy();
    expect((screen.getByLabelText(/Publieke sleutel van Mijn/) as HTMLInputElement).value).toBe(own.public_key);
    expect(document.body.textContent).not.toContain('AGE-SECRET-KEY');
  });

  it('exports to the chosen key with progress and a Dutch summary; passphrases must match', async () => {
    unlocked();
    const calls = backend({
      exchange_keys: () => [own],
      campaign_list: () => [],
      export_file: (a) => {
        report(a, { stage: 'Versleutelen en wegschrijven', done: 1, total: 1, file: null });
        return {
          file: a.path, exported_at: '2026-03-05T10:00:00Z', bytes: 2048, plain_bytes: 14000, payload_id: 'ab',
          scope: a.scope, counts: { household: 20, visit: 6 }, records: 26, protection: 'sleutel', recipients: [own.public_key],
        };
      },
    });
    render(Exchange, { tab: 'export' });
    await fireEvent.click(await screen.findByLabelText(/Mijn coördinatorsleutel/));
    await fireEvent.input(screen.getByLabelText('Exportbestand (.wwk)'), { target: { value: '/tmp/uit.wwk' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Exporteren' }));
    await screen.findByText('Export geschreven:');
    expect(screen.getByText('/tmp/uit.wwk')).toBeTruthy();
    expect(screen.getByText('huishoudens')).toBeTruthy();
    expect(screen.getByText('bezoeken')).toBeTruthy();
    const call = calls.find((c) => c.cmd === 'export_file')!;
    expect(call.args.protection).toEqual({ kind: 'recipients', keys: [own.public_key] });
    expect(call.args.scope).toEqual({ area: null, campaign: null, since: null });

    await fireEvent.click(screen.getByLabelText('Met een wachtwoord'));
    await fireEvent.input(screen.getByLabelText(/Wachtwoord \(minstens 12/), { target: { value: 'een lang wachtwoord' } });
    await fireEvent.input(screen.getByLabelText('Wachtwoord herhalen'), { target: { value: 'een ander wachtwoord' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Exporteren' }));
    expect((await screen.findByRole('alert')).textContent).toContain('niet gelijk');
    expect(calls.filter((c) => c.cmd === 'export_file')).toHaveLength(1);
  });

  it('adds dropped files, verifies, merges and shows the receipt; errors name the file', async () => {
    unlocked();
    let fail = false;
    const receipt: MergeReceipt = {
      merged_at: '2026-03-06T09:00:00Z', dry_run: false,
      files: [{ ...summary, already_merged: '2026-03-05T12:00:00Z', result: { new: 0, updated: 0, duplicate: 45, conflict: 0, rejected: 0 }, tables: {} }],
      totals: { new: 0, updated: 0, duplicate: 45, conflict: 0, rejected: 0 }, catalogs_applied: [], open_conflicts: 0,
    };
    const calls = backendWithEvents({
      exchange_keys: () => [own],
      verify_files: (a) => {
        report(a, { stage: 'Ontsleutelen en controleren', done: 1, total: 1, file: '/tmp/laptop.wwk' });
        return { files: [{ ...summary, already_merged: null }] };
      },
      merge_files: () => {
        if (fail) throw { code: 'bundle_not_age', message: 'Bestand /tmp/kapot.wwk: dit is geen versleuteld Wijkwaardenkaart-exportbestand.' };
        return receipt;
      },
    });
    render(Exchange, { tab: 'merge' });
    await screen.findByText('Nog geen bestanden.');
    await new Promise((r) => setTimeout(r, 10)); // the drop listener is registered
    await emit('tauri://drag-drop', { paths: ['/tmp/laptop.wwk'], position: { x: 1, y: 1 } });
    await screen.findByText('laptop.wwk');
    expect((screen.getByLabelText('Sleutelbestand') as HTMLInputElement).value).toBe('/tmp/c.key');

    await fireEvent.click(screen.getByRole('button', { name: 'Controleren' }));
    await screen.findByText(/alle bestanden zijn in orde/);
    expect(screen.getByText(/huishoudens 20/)).toBeTruthy();
    expect(calls.find((c) => c.cmd === 'verify_files')?.args.unlock).toEqual({ kind: 'identity', path: '/tmp/c.key' });

    await fireEvent.click(screen.getByRole('button', { name: 'Samenvoegen' }));
    await screen.findByText('Ontvangstbewijs samenvoegen');
    expect(screen.getByText(/al eerder samengevoegd op/)).toBeTruthy();
    expect(screen.getByText('Anna de Boer')).toBeTruthy();
    expect(screen.getByText('Geen open conflicten.')).toBeTruthy();
    expect(calls.find((c) => c.cmd === 'merge_files')?.args.dryRun).toBe(false);

    fail = true;
    await fireEvent.input(screen.getByLabelText('Pad van een exportbestand'), { target: { value: '/tmp/kapot.wwk' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Toevoegen' }));
    await fireEvent.click(screen.getByLabelText(/Proefdraaien/));
    await fireEvent.click(screen.getByRole('button', { name: 'Proefdraaien' }));
    expect((await screen.findByRole('alert')).textContent).toContain('/tmp/kapot.wwk');
    const last = calls.filter((c) => c.cmd === 'merge_files').pop()!;
    expect(last.args.paths).toEqual(['/tmp/laptop.wwk', '/tmp/kapot.wwk']);
    expect(last.args.dryRun).toBe(true);
  });

  it('lists conflicts with their field differences and resolves one', async () => {
    unlocked();
    const conflict: ConflictView = {
      id: 7, table: 'campaign', what: 'ronde', record_id: 'c-1', status: 'open', resolution: null,
      detected_at: '2026-03-06T09:00:00Z', merge_file: '/tmp/laptop.wwk',
      local: { updated_at: '2026-03-06T08:00:00.000Z-0000-dev1', device_id: 'dev-1', author: 'Bert', deleted: false, current: true },
      incoming: { updated_at: '2026-03-05T08:00:00.000Z-0000-dev2', device_id: 'dev-2', author: 'Anna', deleted: false, current: false },
      differences: [{ field: 'name', local: 'Lankforst (coördinator)', incoming: 'Lankforst (laptop)' }],
    };
    let open = [conflict];
    const calls = backend({
      exchange_keys: () => [],
      exchange_conflicts: () => open,
      resolve_conflict: () => {
        open = [];
        return { ...conflict, status: 'resolved' };
      },
    });
    render(Exchange, { tab: 'conflicts' });
    await screen.findByText('Lankforst (laptop)');
    expect(screen.getByText('Lankforst (coördinator)')).toBeTruthy();
    await fireEvent.click(screen.getByRole('button', { name: /Binnenkomend nemen/ }));
    await screen.findByText('Geen open conflicten.');
    expect(calls.find((c) => c.cmd === 'resolve_conflict')?.args).toEqual({ id: 7, keep: 'incoming' });
    expect(screen.getByRole('status').textContent).toContain('binnenkomende versie genomen');
  });
});
