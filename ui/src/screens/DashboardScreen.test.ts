import { beforeEach, describe, expect, it } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import type { CollectiveAction, CollectiveActionInput } from '../api/bindings/types';
import DashboardScreen from './DashboardScreen.svelte';
import { backend, reportModel, unlocked } from '../test/backend';

const row = (name: RegExp) => screen.getByRole('row', { name }).textContent ?? '';
const cellsOf = (name: RegExp) =>
  [...screen.getByRole('row', { name }).querySelectorAll('td')].map((td) => td.textContent?.trim());

describe('Wijkdashboard', () => {
  beforeEach(() => unlocked());

  it('shows the profile cells verbatim: "< 5" and "x" stay, never 0', async () => {
    const calls = backend({ area_dashboard: () => reportModel(), complexes: () => [], collective_actions: () => [] });
    render(DashboardScreen, { code: 'BU02680734' });
    await screen.findByRole('heading', { name: 'Wijkdashboard: Lankforst' });
    expect(calls.find((c) => c.cmd === 'area_dashboard')).toEqual({ cmd: 'area_dashboard', args: { code: 'BU02680734', from: null, to: null, complex: null } });
    const text = document.body.textContent ?? '';
    for (const label of ['Van deur tot vervolg', 'Wat bewoners waardevol vinden', 'Voorzieningencheck', 'Doorverwijzingen']) {
      expect(text).toContain(label);
    }

    // Funnel: withheld steps are written out and get no bar.
    const funnel = screen.getByRole('img', { name: /Trechter/ });
    expect([...funnel.querySelectorAll('text.val')].map((t) => t.textContent)).toEqual(['1.240', '31', '24', '< 5', 'x']);
    expect(funnel.querySelectorAll('rect')).toHaveLength(3);
    expect(text).toContain('Bereikt: 2,5 % van benaderd');
    expect(text).toContain('Aantallen kleiner dan 5 staan er als “< 5”; “x” is verborgen');

    // Values.
    expect(cellsOf(/^Groen/)).toEqual(['Groen', '< 5', '—', '< 5', '< 5']);
    expect(cellsOf(/^Ontmoeting 14/)).toEqual(['Ontmoeting', '14', '58,3 %', '9', 'x']);
    expect(row(/Buurthuis/)).toContain('Buurthuis (6)');
    expect(row(/Buurthuis/)).toContain('Geen plek (< 5)');

    // Themes.
    expect(text).toContain("Overige thema's: < 5");
    expect(text).toContain('Het buurthuis is mijn tweede huis.');

    // Voorzieningencheck: a real 0 stays 0, withheld cells and amounts verbatim.
    expect(cellsOf(/Zorgtoeslag/)).toEqual(['Zorgtoeslag Rijk', '12', '7', '< 5', 'x', '0', 'x', 'x', 'onbekend']);
    const totals = screen.getByRole('row', { name: /Totaal per jaar \(toegekend; potentieel is een schatting\)/ });
    expect(totals.textContent).toMatch(/x\s*€\s*4\.321/);
    // Who was reached and the other work, verbatim as published.
    expect(screen.getByRole('table', { name: 'Samenstelling huishouden' }).textContent).toMatch(/Alleenstaand\s*7.*Paar met kinderen\s*x/s);
    expect(screen.getByRole('table', { name: 'Verder in de checks' }).textContent).toMatch(/Schulden geïnventariseerd\s*< 5/);
    expect(text).toContain('Indicatie, geen besluit.');

    // Referrals: the breakdown was withheld, the total was not.
    expect(text).toContain('weggelaten om kleine aantallen te beschermen');
    expect(text).toContain('Doorverwijzingen totaal: 6');
    expect(text).toContain('Per status: Voorgesteld x');
    expect(text).toContain('Meedoen: < 5');
    expect(text).toContain('Stand nu: Doet mee < 5');
  });

  it("shows the profile's sentence for a section with too few conversations", async () => {
    const sentence = 'Te weinig gesprekken om te tonen.';
    backend({
      complexes: () => [],
      collective_actions: () => [],
      area_dashboard: () =>
        reportModel({
          policy: { k: 10, min_base_for_pct: 20 },
          values: { status: 'too_few', data: sentence },
          checks: { status: 'too_few', data: 'Te weinig checks om te tonen.' },
        }),
    });
    render(DashboardScreen, { code: 'BU02680734' });
    await screen.findByRole('heading', { name: 'Wijkdashboard: Lankforst' });
    const values = screen.getByRole('heading', { name: 'Wat bewoners waardevol vinden' }).parentElement!;
    expect(values.textContent).toContain(sentence);
    expect(values.querySelector('table')).toBeNull();
    expect(screen.queryByText('Wat helpt en wat staat in de weg')).toBeNull();
    const checks = screen.getByRole('heading', { name: 'Voorzieningencheck' }).parentElement!;
    expect(checks.textContent).toContain('Te weinig checks om te tonen.');
    expect(screen.queryByRole('row', { name: /Zorgtoeslag/ })).toBeNull();
    expect(document.body.textContent).toContain('Aantallen kleiner dan 10 staan er als “< 10”');
  });

  it('clears the dashboard and shows the message when the period has no data', async () => {
    backend({
      complexes: () => [],
      collective_actions: () => [],
      area_dashboard: (a) => {
        if (a.code === 'BU02680733') throw { code: 'empty_period', message: 'Geen gegevens voor Meijhorst in de periode 1 jan 2026 – 30 apr 2026.' };
        return reportModel();
      },
    });
    render(DashboardScreen, { code: 'BU02680734' });
    await screen.findByRole('heading', { name: 'Wijkdashboard: Lankforst' });
    await fireEvent.change(screen.getByLabelText('Gebied'), { target: { value: 'BU02680733' } });
    expect((await screen.findByRole('alert')).textContent).toContain('Geen gegevens voor Meijhorst');
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Wijkdashboard');
    expect(screen.queryByText('Van deur tot vervolg')).toBeNull();
  });

  it('records a collective action from the dashboard ("Wat doen we ermee?") and updates its status', async () => {
    let actions: CollectiveAction[] = [];
    const calls = backend({
      area_dashboard: () => reportModel(),
      complexes: () => [],
      collective_actions: () => actions,
      save_collective_action: (a) => {
        const input = a.input as CollectiveActionInput;
        const saved = { ...input, id: input.id ?? 'a1' } as CollectiveAction;
        actions = [saved];
        return saved;
      },
    });
    render(DashboardScreen, { code: 'BU02680734' });
    expect(await screen.findByText('Nog geen collectieve acties in dit gebied.')).toBeTruthy();
    await fireEvent.input(screen.getByLabelText('Titel'), { target: { value: 'Speeltuin opknappen' } });
    await fireEvent.input(screen.getByLabelText('Betrokken bewoners'), { target: { value: '9' } });
    await fireEvent.click(screen.getByLabelText('Ontmoeting'));
    await fireEvent.input(screen.getByLabelText("Thema's (met komma's)"), { target: { value: 'speeltuin, veiligheid' } });
    await fireEvent.click(screen.getByLabelText('Woningcorporatie'));
    await fireEvent.click(screen.getByText('Actie toevoegen'));
    await waitFor(() => expect(screen.getByRole('table', { name: 'Collectieve acties' }).textContent).toMatch(/Speeltuin opknappen/));
    const saved = calls.find((c) => c.cmd === 'save_collective_action')!.args.input as CollectiveActionInput;
    expect(saved).toMatchObject({ id: null, wijk_code: 'BU02680734', residents: 9, value_ids: ['ontmoeting'],
      themes: ['speeltuin', 'veiligheid'], partners: ['woningcorporatie'], status: 'idee' });
    await fireEvent.change(screen.getByLabelText('Stand Speeltuin opknappen'), { target: { value: 'uitgevoerd' } });
    await waitFor(() => expect(calls.filter((c) => c.cmd === 'save_collective_action').length).toBe(2));
    const updated = calls.filter((c) => c.cmd === 'save_collective_action')[1].args.input as CollectiveActionInput;
    expect(updated).toMatchObject({ id: 'a1', status: 'uitgevoerd' });
    expect(updated.ended_on).not.toBeNull();
  });
});
