import { describe, expect, it } from 'vitest';
import { render, screen, waitFor } from '@testing-library/svelte';
import Search from './Search.svelte';
import { backend, unlocked } from '../test/backend';

describe('Zoeken while the search index catches up after a merge', () => {
  it('says search is not complete yet, steps the index until done, then stops saying so', async () => {
    unlocked();
    let remaining = 9000;
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => (release = r));
    const calls = backend({
      search_index_state: () => ({ pending: true, remaining }),
      index_search_step: async () => {
        await gate;
        remaining = Math.max(0, remaining - 4000);
        return { pending: remaining > 0, remaining };
      },
      search: () => [],
    });
    render(Search);
    const banner = await screen.findByRole('status');
    expect(banner.textContent).toMatch(/zoekindex wordt bijgewerkt/i);
    expect(banner.textContent).toContain('9.000');
    expect(banner.textContent).toMatch(/vindt Zoeken niet alles/);
    release();
    await waitFor(() => expect(screen.queryByRole('status')).toBeNull());
    expect(calls.filter((c) => c.cmd === 'index_search_step').length).toBe(3);
  });

  it('shows nothing when the index is complete', async () => {
    unlocked();
    const calls = backend({
      search_index_state: () => ({ pending: false, remaining: 0 }),
      search: () => [],
    });
    render(Search);
    await waitFor(() => expect(calls.some((c) => c.cmd === 'search_index_state')).toBe(true));
    expect(screen.queryByRole('status')).toBeNull();
    expect(calls.some((c) => c.cmd === 'index_search_step')).toBe(false);
  });
});
