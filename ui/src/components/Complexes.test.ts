import { beforeEach, describe, expect, it } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import Complexes from './Complexes.svelte';
import { backend, unlocked } from '../test/backend';
import type { Complex } from '../api/bindings/types';

describe('Complexen', () => {
  beforeEach(() => unlocked());

  it('makes a complex in a wijk and assigns its addresses', async () => {
    const store: Complex[] = [];
    const calls = backend({
      complexes: () => store.map((c) => ({ ...c })),
      create_complex: (a) => {
        const c = { id: 'cx1', wijk_code: a.wijkCode as string, name: a.name as string, households: 0, corporation: a.corporation as string | null };
        store.push(c);
        return c;
      },
      assign_to_complex: () => {
        store[0].households = 12;
        return store[0];
      },
      update_complex: (a) => {
        store[0] = { ...store[0], name: a.name as string, corporation: a.corporation as string | null };
        return store[0];
      },
    });
    render(Complexes);
    await fireEvent.change(screen.getByLabelText('Wijk'), { target: { value: 'BU02680733' } });
    expect(await screen.findByText('Nog geen complexen in deze wijk.')).toBeTruthy();
    await fireEvent.input(screen.getByLabelText('Nieuw complex'), { target: { value: 'Flat Meijhorst 60-70' } });
    await fireEvent.input(screen.getByLabelText('Woningcorporatie'), { target: { value: 'Portaal' } });
    await fireEvent.click(screen.getByText('Maken'));
    expect(await screen.findByText(/Complex "Flat Meijhorst 60-70" gemaakt/)).toBeTruthy();
    await fireEvent.input(await screen.findByLabelText('Postcode'), { target: { value: '6537 AB' } });
    await fireEvent.input(screen.getByLabelText('Vanaf huisnummer'), { target: { value: '60' } });
    await fireEvent.input(screen.getByLabelText('Tot en met'), { target: { value: '70' } });
    await fireEvent.click(screen.getByText('Toewijzen'));
    expect(await screen.findByText('"Flat Meijhorst 60-70" heeft nu 12 huishoudens.')).toBeTruthy();
    await waitFor(() => expect(screen.getByRole('cell', { name: '12' })).toBeTruthy());
    expect(calls.find((c) => c.cmd === 'create_complex')!.args).toEqual({ wijkCode: 'BU02680733', name: 'Flat Meijhorst 60-70', corporation: 'Portaal' });
    expect(screen.getByRole('cell', { name: 'Portaal' })).toBeTruthy();
    // Edited later: another woningcorporatie.
    await fireEvent.click(screen.getByText('Wijzigen'));
    await fireEvent.input(screen.getAllByLabelText('Woningcorporatie')[0], { target: { value: 'Talis' } });
    await fireEvent.click(screen.getByText('Opslaan'));
    await waitFor(() => expect(screen.getByRole('cell', { name: 'Talis' })).toBeTruthy());
    expect(calls.find((c) => c.cmd === 'update_complex')!.args).toEqual({ id: 'cx1', name: 'Flat Meijhorst 60-70', corporation: 'Talis' });
    expect(calls.find((c) => c.cmd === 'assign_to_complex')!.args).toEqual({
      complexId: 'cx1',
      postcode: '6537 AB',
      from: 60,
      to: 70,
    });
  });
});
