import { beforeEach, describe, expect, it } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import MapScreen from './MapScreen.svelte';
import { backend, mapCells, unlocked } from '../test/backend';

const shapes = () => ({
  width: 100,
  height: 100,
  attribution: 'Kaart: CBS/Kadaster Wijk- en Buurtkaart 2025, CC BY 4.0',
  wijken: [
    { code: 'BU02680734', name: 'Lankforst', stadsdeel_code: 'WK026807', path: 'M0,0L10,0L10,10Z', label_x: 5, label_y: 5 },
    { code: 'BU02680733', name: 'Meijhorst', stadsdeel_code: 'WK026807', path: 'M20,0L30,0L30,10Z', label_x: 25, label_y: 5 },
  ],
});

const cells = () => [
  mapCells('BU02680734', 'Lankforst', {
    approached: 120,
    reached: 65,
    reached_pct: 54.5,
    conversations: 40,
    values: [
      { id: 'ontmoeting', named: 16, named_pct: 40 },
      { id: 'groen', named: '< 5', named_pct: null },
    ],
    checks: 'x',
  }),
  mapCells('BU02680733', 'Meijhorst', { checks: 25, potential_per_household: 240 }),
];

describe('Kaart', () => {
  beforeEach(() => unlocked());

  it('colours wijken whose profile publishes the percentage and hatches the rest', async () => {
    const calls = backend({ map_shapes: shapes, map_cells: cells });
    render(MapScreen);
    const lank = await screen.findByRole('button', { name: /Lankforst: 54,5 %/ });
    const meij = screen.getByRole('button', { name: /Meijhorst: te weinig gegevens/ });
    await waitFor(() => expect(lank.getAttribute('fill')).toMatch(/^#/));
    expect(meij.getAttribute('fill')).toBe('url(#te-weinig)');
    expect(calls.find((c) => c.cmd === 'map_cells')?.args).toEqual({ from: null, to: null });
    expect(screen.getByText(/CC BY 4.0/)).toBeTruthy();
    expect(screen.getByText(/kleine aantallen \(“< 5”\)/)).toBeTruthy();

    // The base cell is shown verbatim, never as 0.
    await fireEvent.focus(meij);
    expect(screen.getByText('basis: < 5 huishoudens benaderd')).toBeTruthy();
    await fireEvent.focus(lank);
    expect(screen.getByText('basis: 120 huishoudens benaderd')).toBeTruthy();
  });

  it('switches measure and value from the loaded cells, without asking the backend again', async () => {
    const calls = backend({ map_shapes: shapes, map_cells: cells });
    render(MapScreen);
    await screen.findByRole('button', { name: /Lankforst: 54,5 %/ });
    const select = screen.getByLabelText('Maat');

    await fireEvent.change(select, { target: { value: 'value_share' } });
    const lank = screen.getByRole('button', { name: /Lankforst: 40 %/ });
    expect(lank.getAttribute('fill')).toMatch(/^#/);
    expect(screen.getByRole('button', { name: /Meijhorst: te weinig gegevens/ }).getAttribute('fill')).toBe('url(#te-weinig)');
    await fireEvent.change(screen.getByLabelText('Waarde'), { target: { value: 'groen' } });
    expect(screen.getByRole('button', { name: /Lankforst: te weinig gegevens/ }).getAttribute('fill')).toBe('url(#te-weinig)');

    await fireEvent.change(select, { target: { value: 'potential' } });
    const meij = screen.getByRole('button', { name: /Meijhorst: € 240/ });
    expect(meij.getAttribute('fill')).toMatch(/^#/);
    expect(screen.getByRole('button', { name: /Lankforst: te weinig gegevens/ }).getAttribute('fill')).toBe('url(#te-weinig)');
    await fireEvent.focus(screen.getByRole('button', { name: /Lankforst/ }));
    expect(screen.getByText('basis: x huishoudens gecheckt')).toBeTruthy();

    expect(calls.filter((c) => c.cmd === 'map_cells')).toHaveLength(1);
  });
});
