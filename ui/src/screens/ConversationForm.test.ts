import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import ConversationForm from './ConversationForm.svelte';
import { backend, unlocked } from '../test/backend';
import { AUTOSAVE_MS } from '../lib/drafts';

const household = {
  id: 'h1', wijk_code: 'BU02680734', complex_id: null, street: 'Lankforst', number: 12, addition: null,
  postcode: null, contact: null, last_contact: null,
};

describe('Gesprek', () => {
  beforeEach(() => unlocked());

  it('autosaves the story as a draft while typing and when a field loses focus', async () => {
    const drafts: Record<string, string> = {};
    const calls = backend({
      get_household: () => household,
      get_draft: () => null,
      save_draft: (a) => {
        drafts[a.key as string] = a.body as string;
        return { key: a.key, body: a.body, updated_at: '2026-03-05T10:00:00Z' };
      },
    });
    render(ConversationForm, { route: { name: 'conversation', householdId: 'h1', campaignId: 'k1', wijkCode: 'BU02680734' } });
    const story = await screen.findByLabelText(/Het verhaal van de bewoner/);
    await fireEvent.input(story, { target: { value: 'Het café op de hoek is ons ontmoetingspunt' } });
    await new Promise((r) => setTimeout(r, AUTOSAVE_MS + 300));
    expect(JSON.parse(drafts['gesprek:adres:h1']).form.story).toBe('Het café op de hoek is ons ontmoetingspunt');
    expect(await screen.findByText(/Concept automatisch opgeslagen/)).toBeTruthy();
    await fireEvent.input(story, { target: { value: 'Het café op de hoek is dicht' } });
    await fireEvent.focusOut(story);
    await waitFor(() => expect(JSON.parse(drafts['gesprek:adres:h1']).form.story).toBe('Het café op de hoek is dicht'));
    expect(calls.filter((c) => c.cmd === 'save_draft').length).toBe(2);
  });

  it('restores a draft after a crash and saves values, quotes and consents in one call', async () => {
    const body = JSON.stringify({
      form: { story: 'Verhaal van vóór de crash', values: [], themes: [], quotes: [], household_id: 'h1', wijk_code: 'BU02680734',
        consent: { registration: true, quoting: false, recontact: false } },
      contact: { name: '', phone: '', email: '' },
    });
    const calls = backend({
      get_household: () => household,
      get_draft: () => ({ key: 'gesprek:adres:h1', body, updated_at: '2026-03-05T09:59:00Z' }),
      save_draft: (a) => ({ key: a.key, body: a.body, updated_at: '2026-03-05T10:00:00Z' }),
      save_conversation: (a) => ({ id: 'c1', household_id: 'h1', ...(a.input as object) }),
    });
    render(ConversationForm, { route: { name: 'conversation', householdId: 'h1', campaignId: 'k1' } });
    expect(await screen.findByText(/Niet-opgeslagen concept hersteld/)).toBeTruthy();
    expect((screen.getByLabelText(/Het verhaal van de bewoner/) as HTMLTextAreaElement).value).toBe('Verhaal van vóór de crash');

    const search = screen.getByLabelText(/Waarde zoeken/);
    await fireEvent.input(search, { target: { value: 'groe' } });
    await fireEvent.keyDown(search, { key: 'Enter' });
    await fireEvent.input(screen.getByLabelText('Bevorderend (wat helpt)'), { target: { value: 'het park' } });
    await fireEvent.click(screen.getByLabelText('Zorg, staat onder druk'));
    // Contact fields only appear with recontact consent.
    expect(screen.queryByLabelText('Telefoon')).toBeNull();
    await fireEvent.click(screen.getByLabelText('Bewoner mag opnieuw benaderd worden'));
    await fireEvent.input(await screen.findByLabelText('Telefoon'), { target: { value: '06 12345678' } });
    await fireEvent.click(screen.getByLabelText('Citaten mogen anoniem worden gebruikt'));
    await fireEvent.input(screen.getByLabelText(/Letterlijk citaat/), { target: { value: 'Het park is onze tuin' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Citaat toevoegen' }));
    await fireEvent.keyDown(window, { key: 's', ctrlKey: true });

    await waitFor(() => expect(calls.some((c) => c.cmd === 'save_conversation')).toBe(true));
    const save = calls.find((c) => c.cmd === 'save_conversation')!;
    expect(save.args.draftKey).toBe('gesprek:adres:h1');
    expect(save.args.input).toMatchObject({
      household_id: 'h1',
      story: 'Verhaal van vóór de crash',
      values: [{ value_id: 'groen', sentiment: 'concern', bevorderend: 'het park', belemmerend: '' }],
      quotes: [{ text: 'Het park is onze tuin', consent_quoting: true }],
      consent: { registration: true, quoting: true, recontact: true },
      contact: { name: null, phone: '06 12345678', email: null },
    });
    await waitFor(() => expect(document.querySelector('.alert.ok')?.textContent).toContain('Gesprek opgeslagen.'));
  });

  it('drops the address link when registration consent is withdrawn', async () => {
    const calls = backend({
      get_household: () => household,
      get_draft: () => null,
      save_draft: (a) => ({ key: a.key, body: a.body, updated_at: '2026-03-05T10:00:00Z' }),
      save_conversation: (a) => ({ id: 'c2', ...(a.input as object) }),
    });
    render(ConversationForm, { route: { name: 'conversation', householdId: 'h1', wijkCode: 'BU02680734' } });
    await fireEvent.click(await screen.findByLabelText('Gesprek mag aan het adres worden gekoppeld'));
    expect(screen.getByText(/zonder adres bewaard/)).toBeTruthy();
    await fireEvent.click(screen.getByRole('button', { name: /Gesprek opslaan/ }));
    await waitFor(() => expect(calls.some((c) => c.cmd === 'save_conversation')).toBe(true));
    expect(calls.find((c) => c.cmd === 'save_conversation')!.args.input).toMatchObject({ household_id: null, visit_id: null, contact: null });
    vi.useRealTimers();
  });
});
