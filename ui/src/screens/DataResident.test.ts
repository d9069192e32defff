import { beforeEach, describe, expect, it } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/svelte';
import DataResident from './DataResident.svelte';
import { backend, unlocked } from '../test/backend';

const household = (purged: boolean) => ({
  id: 'h1', wijk_code: 'BU02680734', complex: null, street: purged ? null : 'Lankforst', number: purged ? null : 3,
  addition: null, postcode: purged ? null : '6544AB', contact_consent: false, contact_name: null, contact_phone: null,
  contact_email: null, last_contact: '2026-03-05', created_at: '2026-03-01T10:00:00Z', purged,
});
const data = (purged: boolean) => ({
  generated_at: '2026-03-06T10:00:00Z', explanation: '', household: household(purged),
  visits: [{ id: 'v1', visited_at: '2026-03-05T10:00:00Z', outcome: 'niet_thuis', campaign: null, note: purged ? '' : 'hond blaft', worker: 'Anna' }],
  conversations: [], checks: [], referrals: [], participation: [],
});

describe('Gegevens van een bewoner', () => {
  beforeEach(() => unlocked());

  it('finds a household, exports its data and erases it only after confirmation', async () => {
    let erased = false;
    const calls = backend({
      find_residents: () => [{ household_id: 'h1', address: 'Lankforst 3', postcode: '6544AB', wijk_code: 'BU02680734', wijk: 'Lankforst',
        contact_name: null, last_contact: '2026-03-05', conversations: 0, checks: 0, purged: false }],
      resident_data: () => data(erased),
      export_resident: () => data(false),
      erase_resident: () => {
        erased = true;
        return { household_id: 'h1', conversations: 0, quotes_deleted: 0, visit_notes: 1, checks: 0, referral_notes: 0, participation_topics: 0 };
      },
    });
    render(DataResident);
    await fireEvent.input(screen.getByLabelText(/Adres, postcode/), { target: { value: 'Lankforst 3' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Zoeken' }));
    await fireEvent.click(await screen.findByRole('button', { name: /Lankforst 3/ }));
    expect(await screen.findByText(/hond blaft/)).toBeTruthy();
    await fireEvent.input(screen.getByLabelText('Opslaan als (JSON)'), { target: { value: '/tmp/inzage.json' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Exporteren' }));
    expect(await screen.findByText('/tmp/inzage.json')).toBeTruthy();
    await fireEvent.click(screen.getByRole('button', { name: /Persoonsgegevens verwijderen/ }));
    expect(screen.getByText(/Weet u het zeker\? Dit kan niet ongedaan worden gemaakt/)).toBeTruthy();
    expect(calls.some((c) => c.cmd === 'erase_resident')).toBe(false);
    await fireEvent.click(screen.getByRole('button', { name: 'Ja, definitief verwijderen' }));
    expect(await screen.findByText(/1 bezoeknotities/)).toBeTruthy();
    expect(await screen.findByText(/zijn verwijderd/)).toBeTruthy();
    expect(calls.find((c) => c.cmd === 'export_resident')!.args).toEqual({ householdId: 'h1', path: '/tmp/inzage.json' });
  });
});
