import { beforeEach, describe, expect, it } from 'vitest';
import { render, screen, waitFor } from '@testing-library/svelte';
import MapScreen from './MapScreen.svelte';
import { backend, unlocked } from '../test/backend';

describe('Kaart', () => {
  beforeEach(() => unlocked());

  it('colours wijken with enough data and hatches the rest as "te weinig gegevens"', async () => {
    backend({
      map_shapes: () => ({
        width: 100,
        height: 100,
        attribution: 'Kaart: CBS/Kadaster Wijk- en Buurtkaart 2025, CC BY 4.0',
        wijken: [
          { code: 'BU02680734', name: 'Lankforst', stadsdeel_code: 'WK026807', path: 'M0,0L10,0L10,10Z', label_x: 5, label_y: 5 },
          { code: 'BU02680733', name: 'Meijhorst', stadsdeel_code: 'WK026807', path: 'M20,0L30,0L30,10Z', label_x: 25, label_y: 5 },
        ],
      }),
      map_measure: () => [
        { code: 'BU02680734', name: 'Lankforst', value: 54.5, base: 120, suppressed: false },
        { code: 'BU02680733', name: 'Meijhorst', value: null, base: null, suppressed: true },
      ],
    });
    render(MapScreen);
    const lank = await screen.findByRole('button', { name: /Lankforst: 54,5 %/ });
    const meij = screen.getByRole('button', { name: /Meijhorst: te weinig gegevens/ });
    await waitFor(() => expect(lank.getAttribute('fill')).toMatch(/^#/));
    expect(meij.getAttribute('fill')).toBe('url(#te-weinig)');
    expect(screen.getByText(/CC BY 4.0/)).toBeTruthy();
    expect(screen.getByText(/Aantallen onder de 5 worden nooit getoond/)).toBeTruthy();
  });
});
