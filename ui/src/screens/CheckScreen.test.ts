import { beforeEach, describe, expect, it } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import CheckScreen from './CheckScreen.svelte';
import { backend, unlocked } from '../test/backend';
import type { Participation } from '../api/bindings/types';

const household = {
  id: 'h1',
  wijk_code: 'BU02680733',
  complex_id: null,
  street: 'Meijhorst',
  number: 12,
  addition: null,
  postcode: '6537AB',
  contact: null,
  last_contact: null,
};

describe('Voorzieningencheck: meedoen', () => {
  beforeEach(() => unlocked());

  it('records that a resident wants to take part and lists it', async () => {
    const earlier: Participation = {
      id: 'p0',
      household_id: 'h1',
      conversation_id: null,
      wijk_code: 'BU02680733',
      kind: 'vrijwilligerswerk',
      topic: 'taalmaatje',
      signalled_on: '2026-02-01',
    };
    const calls = backend({
      get_household: () => household,
      household_participation: () => [earlier],
      record_participation: (a) => {
        const input = a.input as Record<string, unknown>;
        return { id: 'p1', ...input };
      },
    });
    render(CheckScreen, { householdId: 'h1', conversationId: 'c1' });
    expect(await screen.findByText(/Vrijwilligerswerk: taalmaatje/)).toBeTruthy();
    await fireEvent.change(screen.getByLabelText('Soort'), { target: { value: 'activiteiten' } });
    await fireEvent.input(screen.getByLabelText('Waaraan (bijv. buurtmoestuin)'), { target: { value: 'buurtmoestuin' } });
    await fireEvent.input(screen.getByLabelText('Datum'), { target: { value: '2026-03-05' } });
    await fireEvent.click(screen.getByText('Vastleggen'));
    await waitFor(() => expect(screen.getByText(/Activiteiten in de wijk: buurtmoestuin/)).toBeTruthy());
    const call = calls.find((c) => c.cmd === 'record_participation')!;
    expect(call.args.input).toEqual({
      household_id: 'h1',
      conversation_id: 'c1',
      wijk_code: 'BU02680733',
      kind: 'activiteiten',
      topic: 'buurtmoestuin',
      signalled_on: '2026-03-05',
    });
  });
});
