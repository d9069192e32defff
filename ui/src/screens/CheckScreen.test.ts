import { beforeEach, describe, expect, it } from 'vitest';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import CheckScreen from './CheckScreen.svelte';
import { backend, unlocked } from '../test/backend';
import type { Check, CheckActionInput, CheckInput, CheckItem, CheckStep, Participation } from '../api/bindings/types';

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
      status: 'interesse',
      status_on: '2026-02-01',
    };
    const calls = backend({
      get_household: () => household,
      household_participation: () => [earlier],
      record_participation: (a) => {
        const input = a.input as Record<string, unknown>;
        return { id: 'p1', ...input, status: 'interesse', status_on: input.signalled_on };
      },
      record_participation_step: (a) => {
        const input = a.input as Record<string, unknown>;
        return { ...earlier, status: input.status, status_on: '2026-03-20' };
      },
    });
    render(CheckScreen, { householdId: 'h1', conversationId: 'c1' });
    expect(await screen.findByText(/Vrijwilligerswerk: taalmaatje/)).toBeTruthy();
    await fireEvent.change(screen.getByLabelText('Soort'), { target: { value: 'activiteiten' } });
    await fireEvent.input(screen.getByLabelText('Waaraan (bijv. buurtmoestuin)'), { target: { value: 'buurtmoestuin' } });
    await fireEvent.input(screen.getByLabelText('Datum'), { target: { value: '2026-03-05' } });
    await fireEvent.click(screen.getByText('Vastleggen'));
    await waitFor(() => expect(screen.getByText(/Activiteit in de wijk: buurtmoestuin/)).toBeTruthy());
    const call = calls.find((c) => c.cmd === 'record_participation')!;
    expect(call.args.input).toEqual({
      household_id: 'h1',
      conversation_id: 'c1',
      wijk_code: 'BU02680733',
      kind: 'activiteiten',
      topic: 'buurtmoestuin',
      signalled_on: '2026-03-05',
    });
    // Followed up: the volunteering is now "doet mee".
    await fireEvent.change(screen.getByLabelText('Stand Vrijwilligerswerk'), { target: { value: 'doet_mee' } });
    await waitFor(() => expect(screen.getByText(/sinds/)).toBeTruthy());
    const step = calls.find((c) => c.cmd === 'record_participation_step')!;
    expect(step.args.input).toMatchObject({ participation_id: 'p0', status: 'doet_mee' });
  });
});

describe('Voorzieningencheck: a trajectory over visits', () => {
  beforeEach(() => unlocked());

  const screenInput = { household_type: 'paar', age_group: '21_aow', income_band: 'tot_100', rent_band: 'huur', children: 2 };
  const item = (over: Partial<CheckItem> = {}): CheckItem => ({
    regulation_id: 'leergeld',
    status: 'mogelijk_recht',
    status_on: null,
    checked_status: 'mogelijk_recht',
    screen_possible: true,
    estimated_yearly_eur: 900,
    granted_yearly_eur: null,
    ...over,
  });
  const check = (over: Partial<Check> = {}): Check => ({
    id: 'c1',
    household_id: 'h1',
    conversation_id: null,
    wijk_code: 'BU02680733',
    checked_on: '2026-03-12',
    screen: screenInput,
    catalog_year: 2026,
    items: [item()],
    steps: [],
    actions: [],
    ...over,
  });

  it('reopens a saved check, records a granted amount and updates instead of re-creating', async () => {
    const granted: CheckStep = {
      id: 's1',
      check_id: 'c1',
      regulation_id: 'leergeld',
      status: 'toegekend',
      step_on: '2026-04-20',
      helper: null,
      amount_cents: 8500,
      period: 'maand',
      starts_on: '2026-04-20',
      yearly_eur: 1020,
      reason: null,
      author: 'Anna de Boer',
    };
    let current = check();
    const calls = backend({
      get_check: () => current,
      get_household: () => household,
      household_checks: () => [{ id: 'c1', checked_on: '2026-03-12', last_step_on: '2026-03-12', pending: 0 }],
      household_participation: () => [],
      quick_screen: () => [
        { regulation_id: 'leergeld', name: 'Stichting Leergeld', level: 'fonds', possible: true, estimated_yearly_eur: 900, estimate_note: '', source: 'Leergeld (2026)' },
      ],
      record_check_step: () => {
        current = check({ items: [item({ status: 'toegekend', status_on: '2026-04-20', granted_yearly_eur: 1020 })], steps: [granted] });
        return granted;
      },
      save_check: (a) => ({ ...current, ...(a.input as object), id: 'c1' }),
      record_check_action: (a) => {
        const input = a.input as CheckActionInput;
        current = { ...current, actions: [{ id: 'a1', check_id: 'c1', kind: input.kind, agency: input.agency, done_on: input.done_on, referral_id: null }] };
        return current.actions;
      },
    });
    render(CheckScreen, { checkId: 'c1' });
    expect(await screen.findByText('Verloop van de check')).toBeTruthy();
    await fireEvent.click(screen.getByLabelText('Volgende stap leergeld'));
    await fireEvent.change(screen.getByLabelText('Nieuwe status'), { target: { value: 'toegekend' } });
    await fireEvent.input(screen.getByLabelText('Bedrag (€)'), { target: { value: '85' } });
    await fireEvent.click(screen.getByText('Stap opslaan'));
    await waitFor(() => expect(screen.getByLabelText('Geschiedenis van de check').textContent).toMatch(/Toegekend/));
    const step = calls.find((c) => c.cmd === 'record_check_step')!;
    expect(step.args.input).toMatchObject({ check_id: 'c1', status: 'toegekend', amount_cents: 8500, period: 'maand', helper: null });
    expect(screen.getByLabelText('Verloop per regeling').textContent).toMatch(/1\.020/);

    // The rest of the work: a benefit applied for at the UWV.
    await fireEvent.change(screen.getByLabelText('Wat'), { target: { value: 'uitkering' } });
    await fireEvent.change(screen.getByLabelText('Bij'), { target: { value: 'uwv' } });
    await fireEvent.click(within(screen.getByRole('form', { name: 'Actie vastleggen' })).getByText('Vastleggen'));
    await waitFor(() => expect(screen.getByLabelText('Verder gedaan in deze check').textContent).toMatch(/Uitkering aangevraagd bij UWV/));
    const action = calls.find((c) => c.cmd === 'record_check_action')!;
    expect(action.args.input).toMatchObject({ check_id: 'c1', kind: 'uitkering', agency: 'uwv' });

    await fireEvent.click(screen.getByText('Check bijwerken'));
    await waitFor(() => expect(screen.getByText('Voorzieningencheck bijgewerkt.')).toBeTruthy());
    const saved = calls.find((c) => c.cmd === 'save_check')!;
    expect((saved.args.input as CheckInput).id).toBe('c1');
    expect((saved.args.input as CheckInput).items).toEqual([
      { regulation_id: 'leergeld', status: 'mogelijk_recht', estimated_yearly_eur: null },
    ]);
  });
});
