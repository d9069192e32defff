import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import Unlock from './Unlock.svelte';
import { backend, profile } from '../test/backend';

const status = (exists: boolean) => ({
  store_exists: exists,
  unlocked: false,
  db_path: '/tmp/wwk.db',
  version: '0.1.0',
  schema_version: 2,
});

describe('Ontgrendelen', () => {
  it('shows the Dutch wrong-passphrase message, clears the field and allows a retry', async () => {
    let tries = 0;
    const calls = backend({
      unlock: (a) => {
        tries++;
        if (a.passphrase !== 'juist-wachtwoord') throw { code: 'wrong_passphrase', message: 'Het wachtwoord is onjuist. Probeer het opnieuw.' };
        return profile;
      },
    });
    const onUnlocked = vi.fn();
    render(Unlock, { status: status(true), onUnlocked });
    const field = screen.getByLabelText('Wachtwoord') as HTMLInputElement;
    await fireEvent.input(field, { target: { value: 'fout-fout' } });
    await fireEvent.click(screen.getByRole('button', { name: /Ontgrendelen/ }));
    expect(await screen.findByRole('alert')).toHaveProperty('textContent', 'Het wachtwoord is onjuist. Probeer het opnieuw.');
    expect(field.value).toBe('');
    expect(onUnlocked).not.toHaveBeenCalled();
    await fireEvent.input(field, { target: { value: 'juist-wachtwoord' } });
    await fireEvent.click(screen.getByRole('button', { name: /Ontgrendelen/ }));
    await waitFor(() => expect(onUnlocked).toHaveBeenCalledWith(profile));
    expect(tries).toBe(2);
    expect(calls.every((c) => c.cmd === 'unlock')).toBe(true);
  });

  it('first start: strength hint, mismatch caught before the backend, then the store is created', async () => {
    const calls = backend({
      passphrase_strength: (a) =>
        (a.passphrase as string).length >= 16
          ? { score: 3, label: 'sterk', hint: '' }
          : { score: 1, label: 'zwak', hint: 'Maak het langer.' },
      create_store: () => profile,
    });
    const onUnlocked = vi.fn();
    render(Unlock, { status: status(false), onUnlocked });
    const pass = screen.getByLabelText('Nieuw wachtwoord');
    await fireEvent.input(pass, { target: { value: 'kort-ww1' } });
    expect(await screen.findByText('zwak')).toBeTruthy();
    await fireEvent.input(pass, { target: { value: 'groene fiets bij de Waal' } });
    expect(await screen.findByText('sterk')).toBeTruthy();
    await fireEvent.input(screen.getByLabelText('Herhaal wachtwoord'), { target: { value: 'iets anders' } });
    await fireEvent.input(screen.getByLabelText('Uw naam'), { target: { value: 'Anna de Boer' } });
    await fireEvent.input(screen.getByLabelText('Team'), { target: { value: 'Team Dukenburg' } });
    await fireEvent.input(screen.getByLabelText('Naam van deze laptop'), { target: { value: 'Laptop 3' } });
    await fireEvent.click(screen.getByRole('button', { name: /Opslag aanmaken/ }));
    expect((await screen.findByRole('alert')).textContent).toContain('niet gelijk');
    expect(calls.some((c) => c.cmd === 'create_store')).toBe(false);
    await fireEvent.input(screen.getByLabelText('Herhaal wachtwoord'), { target: { value: 'groene fiets bij de Waal' } });
    await fireEvent.click(screen.getByRole('button', { name: /Opslag aanmaken/ }));
    await waitFor(() => expect(onUnlocked).toHaveBeenCalled());
    const create = calls.find((c) => c.cmd === 'create_store')!;
    expect(create.args).toEqual({
      passphrase: 'groene fiets bij de Waal',
      profile: { device_id: '', worker_name: 'Anna de Boer', team: 'Team Dukenburg', device_name: 'Laptop 3' },
    });
  });
});
