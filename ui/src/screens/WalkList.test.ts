import { beforeEach, describe, expect, it } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import WalkList from './WalkList.svelte';
import { backend, unlocked } from '../test/backend';
import type { Visit, WalkEntry } from '../api/bindings/types';

const door = (n: number, street = 'Lankforst'): WalkEntry => ({
  household_id: `h${n}`,
  street,
  number: n,
  addition: null,
  attempts: [],
  done: false,
});

describe('Looplijst', () => {
  let entries: WalkEntry[];
  beforeEach(() => {
    unlocked();
    entries = [door(1), door(2), door(3), door(1, 'Meijhorst')];
    entries[3].household_id = 'm1';
  });

  function fake() {
    return backend({
      campaign_list: () => [{ id: 'k1', name: 'Lankforst voorjaar', team: '', goal: 20, period_start: '2026-03-01', period_end: '2026-04-30', areas: ['BU02680734'], complex_id: null, updated_at: '', reach_band: { min_pct: 50, max_pct: 60 } }],
      walk_list: () => JSON.parse(JSON.stringify(entries)),
      campaign_progress: () => ({
        households: 4,
        approached: entries.filter((e) => e.attempts.length).length,
        reached: entries.filter((e) => e.attempts.some((a) => a.outcome === 'gesprek')).length,
        follow_ups: 0,
        goal: 20,
      }),
      record_visit: (a) => {
        const input = a.input as { household_id: string; outcome: string };
        const v: Visit = { id: `v${Math.random()}`, household_id: input.household_id, campaign_id: 'k1', outcome: input.outcome, note: '', visited_at: '2026-03-05T10:00:00Z', author: 'Anna' };
        const e = entries.find((x) => x.household_id === input.household_id)!;
        e.attempts.push(v);
        e.done ||= input.outcome !== 'niet_thuis';
        return v;
      },
    });
  }

  it('groups doors by street and records an outcome with one key, then moves on', async () => {
    const calls = fake();
    render(WalkList, { campaignId: 'k1' });
    const list = await screen.findByRole('listbox');
    expect(await screen.findByText('Lankforst')).toBeTruthy();
    expect(screen.getByText('Meijhorst')).toBeTruthy();
    await waitFor(() => expect(list.getAttribute('aria-activedescendant')).toBe('door-h1'));
    await fireEvent.keyDown(list, { key: 'n' });
    await waitFor(() => expect(calls.filter((c) => c.cmd === 'record_visit')).toHaveLength(1));
    expect(calls.find((c) => c.cmd === 'record_visit')!.args.input).toMatchObject({ household_id: 'h1', outcome: 'niet_thuis', campaign_id: 'k1' });
    await waitFor(() => expect(list.getAttribute('aria-activedescendant')).toBe('door-h2'));
    await fireEvent.keyDown(list, { key: 'g' });
    await waitFor(() => expect(screen.getByLabelText('Tellingen').textContent).toMatch(/2\s*benaderd\s*1\s*bereikt\s*3\s*nog te doen/));
    // Repeated attempts stay visible; the filter hides finished doors.
    await fireEvent.keyDown(list, { key: 'ArrowUp' });
    await fireEvent.keyDown(list, { key: 'n' });
    await waitFor(() => expect(screen.getByText('2 pogingen')).toBeTruthy());
    await fireEvent.keyDown(list, { key: 'f' });
    await waitFor(() => expect(screen.queryByText('Lankforst 2')).toBeNull());
    expect(screen.getByText('Lankforst 1')).toBeTruthy();
  });

  it('shows every outcome with its shortcut key as a button', async () => {
    fake();
    render(WalkList, { campaignId: 'k1' });
    expect(await screen.findByRole('button', { name: /Niet thuis\s*N/ })).toBeTruthy();
    expect(screen.getByRole('button', { name: /Gesprek gevoerd\s*G/ })).toBeTruthy();
    expect(screen.getByRole('button', { name: /Gesprek vastleggen\s*Enter/ })).toBeTruthy();
  });

  it('keeps only the doors in view in the page for a long walk list, and the keyboard reaches every door', async () => {
    entries = Array.from({ length: 600 }, (_, i) => door(i + 1, `Straat ${Math.floor(i / 60)}`));
    const calls = fake();
    const { container } = render(WalkList, { campaignId: 'k1' });
    const list = await screen.findByRole('listbox');
    await waitFor(() => expect(list.getAttribute('aria-activedescendant')).toBe('door-h1'));
    expect(container.querySelectorAll('.door').length).toBeGreaterThan(10);
    expect(container.querySelectorAll('.door').length).toBeLessThan(60);
    expect(screen.getByText('Straat 0 1').closest('[role=option]')!.getAttribute('aria-setsize')).toBe('600');
    for (let i = 0; i < 15; i++) await fireEvent.keyDown(list, { key: 'PageDown' });
    // Door 151 (third street) is active, rendered and in view; the first doors left the page.
    await waitFor(() => expect(list.getAttribute('aria-activedescendant')).toBe('door-h151'));
    expect(document.getElementById('door-h151')!.getAttribute('aria-posinset')).toBe('151');
    expect(document.getElementById('door-h1')).toBeNull();
    expect(container.querySelectorAll('.door').length).toBeLessThan(60);
    await fireEvent.keyDown(list, { key: 'n' });
    await waitFor(() => expect(calls.find((c) => c.cmd === 'record_visit')?.args.input).toMatchObject({ household_id: 'h151' }));
    await waitFor(() => expect(list.getAttribute('aria-activedescendant')).toBe('door-h152'));
  });
});
