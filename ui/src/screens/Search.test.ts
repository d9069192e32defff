import { describe, expect, it } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/svelte';
import Search from './Search.svelte';
import { backend, unlocked } from '../test/backend';
import { nav } from '../lib/nav.svelte';

describe('Zoeken', () => {
  it('marks hit fragments and never renders fragment text as HTML', async () => {
    unlocked();
    backend({
      search_index_state: () => ({ pending: false, remaining: 0 }),
      search: () => [
        {
          conversation_id: 'c1',
          kind: 'story',
          held_on: '2026-03-05',
          wijk_code: 'BU02680734',
          household_id: 'h1',
          fragments: [
            { text: 'het ', hit: false },
            { text: 'café', hit: true },
            { text: ' <img src=x onerror=alert(1)> is dicht', hit: false },
          ],
        },
      ],
    });
    const { container } = render(Search);
    await fireEvent.input(screen.getByLabelText('Zoek in verhalen en citaten'), { target: { value: 'cafe' } });
    await screen.findByText(/1 resultaten/);
    const marks = [...container.querySelectorAll('.hits mark')].map((m) => m.textContent);
    expect(marks).toEqual(['café']);
    expect(container.querySelector('img')).toBeNull();
    expect(container.textContent).toContain('<img src=x onerror=alert(1)> is dicht');
    expect(screen.getByText(/1 resultaten voor “cafe”/)).toBeTruthy();
    expect(screen.getByText(/Lankforst/)).toBeTruthy();
    // The household's check opens from the hit.
    await fireEvent.click(screen.getByText('Voorzieningencheck van dit adres'));
    expect(nav.route).toEqual({ name: 'check', householdId: 'h1', conversationId: 'c1' });
  });
});
