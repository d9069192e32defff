import { beforeEach, describe, expect, it } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import Campaigns from './Campaigns.svelte';
import { backend, unlocked } from '../test/backend';
import type { CampaignSummary } from '../api/bindings/types';

const summary = (n: number): CampaignSummary => ({
  campaign: { id: `k${n}`, name: `Ronde ${n}`, team: '', goal: 600, period_start: '2026-03-01', period_end: '2026-04-30', areas: ['BU02680734'], complex_id: null, updated_at: '', reach_band: { min_pct: 50, max_pct: 60 }, programme: null },
  progress: { households: 600, approached: n, reached: 0, follow_ups: 0, goal: 600 },
});

describe('Rondes', () => {
  beforeEach(() => unlocked());

  it('shows the campaigns a page at a time and asks the store only for that page', async () => {
    const all = Array.from({ length: 45 }, (_, i) => summary(i + 1));
    const calls = backend({
      campaigns: (a) => {
        const offset = Math.min(a.offset as number, 40);
        return { total: all.length, offset, items: all.slice(offset, offset + (a.limit as number)) };
      },
    });
    const { container } = render(Campaigns);
    expect(await screen.findByText('Ronde 1')).toBeTruthy();
    expect(container.querySelectorAll('article')).toHaveLength(20);
    // The share spoken to against the campaign's target band (none reached yet).
    expect(container.querySelector('article')!.textContent).toMatch(/In gesprek 0 %\s*doel 50–60 %/);
    expect(screen.getByText('Rondes 1–20 van 45')).toBeTruthy();
    expect((screen.getByText('Vorige') as HTMLButtonElement).disabled).toBe(true);
    await fireEvent.click(screen.getByText('Volgende'));
    await waitFor(() => expect(screen.getByText('Rondes 21–40 van 45')).toBeTruthy());
    await fireEvent.click(screen.getByText('Volgende'));
    await waitFor(() => expect(screen.getByText('Rondes 41–45 van 45')).toBeTruthy());
    expect(container.querySelectorAll('article')).toHaveLength(5);
    expect(screen.queryByText('Ronde 1')).toBeNull();
    expect((screen.getByText('Volgende') as HTMLButtonElement).disabled).toBe(true);
    expect(calls.filter((c) => c.cmd === 'campaigns').map((c) => c.args.offset)).toEqual([0, 20, 40]);
    expect(calls.every((c) => c.cmd !== 'campaigns' || c.args.limit === 20)).toBe(true);
  });
});
