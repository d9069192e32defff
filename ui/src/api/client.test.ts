import { describe, expect, it } from 'vitest';
import { ApiError, call, messageOf } from './client';
import * as api from './commands';
import { backend } from '../test/backend';

describe('api client', () => {
  it('turns backend {code, message} errors into ApiError with the Dutch message', async () => {
    backend({
      unlock: () => {
        throw { code: 'wrong_passphrase', message: 'Het wachtwoord is onjuist.' };
      },
    });
    const err = (await api.unlock('fout').then(() => null, (e: ApiError) => e))!;
    expect(err).toBeInstanceOf(ApiError);
    expect(err.code).toBe('wrong_passphrase');
    expect(messageOf(err)).toBe('Het wachtwoord is onjuist.');
  });

  it('reports unexpected failures as internal errors in Dutch', async () => {
    backend({
      app_status: () => {
        throw 'kapot';
      },
    });
    const err = (await call('app_status').then(() => null, (e: ApiError) => e))!;
    expect(err.code).toBe('internal');
    expect(err.message).toContain('Er ging iets mis');
  });

  it('sends the argument names the Rust commands expect', async () => {
    const calls = backend({
      walk_list: () => [],
      add_address_range: () => 3,
      record_visit: (a) => ({ id: 'v1', ...(a.input as object) }),
      map_cells: () => [],
      area_dashboard: () => null,
      save_conversation: () => ({ id: 'c1' }),
    });
    await api.walkList('k1');
    await api.addAddressRange('k1', 'BU02680734', 'Lankforst 1-5', null);
    await api.recordVisit({ household_id: 'h1', campaign_id: 'k1', outcome: 'gesprek', note: '', visited_at: null });
    await api.mapCells('2026-01-01', null);
    await api.areaDashboard('BU02680734', null, '2026-04-30');
    await api.saveConversation({} as never, 'gesprek:nieuw');
    expect(calls.map((c) => c.args)).toEqual([
      { campaignId: 'k1' },
      { campaignId: 'k1', wijkCode: 'BU02680734', range: 'Lankforst 1-5', postcode: null },
      { input: { household_id: 'h1', campaign_id: 'k1', outcome: 'gesprek', note: '', visited_at: null } },
      { from: '2026-01-01', to: null },
      { code: 'BU02680734', from: null, to: '2026-04-30', complex: null },
      { input: {}, draftKey: 'gesprek:nieuw' },
    ]);
  });
});
