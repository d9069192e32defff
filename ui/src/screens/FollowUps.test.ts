import { beforeEach, describe, expect, it } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import FollowUps from './FollowUps.svelte';
import { backend, unlocked } from '../test/backend';
import type { Participation, PendingApplication, Referral } from '../api/bindings/types';
import { nav } from '../lib/nav.svelte';

const referral = (n: number): Referral => ({
  id: `r${n}`,
  household_id: null,
  conversation_id: null,
  wijk_code: 'BU02680733',
  target: 'buurtteam',
  status: 'voorgesteld',
  proposed_on: '2026-03-01',
  status_on: '2026-03-01',
  due_on: null,
  note: `verwijzing ${n}`,
});

describe('Opvolging', () => {
  beforeEach(() => unlocked());

  it('shows a long list of open referrals a page at a time', async () => {
    const all = Array.from({ length: 150 }, (_, i) => referral(i + 1));
    const calls = backend({
      open_follow_ups: () => [],
      open_referrals: (a) => all.slice(0, a.limit as number),
      pending_applications: () => [],
      pending_weeks: () => 6,
      open_participation: () => [],
    });
    render(FollowUps);
    expect(await screen.findByText('Open doorverwijzingen (100+)')).toBeTruthy();
    expect(screen.getByText('verwijzing 100')).toBeTruthy();
    expect(screen.queryByText('verwijzing 101')).toBeNull();
    await fireEvent.click(screen.getByText('Meer tonen'));
    await waitFor(() => expect(screen.getByText('Open doorverwijzingen (150)')).toBeTruthy());
    expect(screen.getByText('verwijzing 150')).toBeTruthy();
    expect(screen.queryByText('Meer tonen')).toBeNull();
    expect(calls.filter((c) => c.cmd === 'open_referrals').map((c) => c.args.limit)).toEqual([101, 201]);
  });
});

describe('Opvolging: applications without a decision', () => {
  beforeEach(() => unlocked());

  it('lists applications running longer than the set weeks, opens the check and changes the weeks', async () => {
    const p: PendingApplication = {
      check_id: 'c1',
      household_id: 'h1',
      regulation_id: 'leergeld',
      regulation_name: 'Stichting Leergeld',
      applied_on: '2026-03-16',
      weeks: 7,
      helper: 'formulierenbrigade',
      wijk_code: 'BU02680733',
      address: 'Meijhorst 12',
    };
    let weeks = 6;
    const calls = backend({
      open_follow_ups: () => [],
      open_referrals: () => [],
      pending_applications: () => [p],
      pending_weeks: () => weeks,
      set_pending_weeks: (a) => (weeks = a.weeks as number),
      open_participation: () => [],
    });
    render(FollowUps);
    expect(await screen.findByText('aanvraag loopt 7 weken — navragen')).toBeTruthy();
    expect(screen.getByText('met Formulierenbrigade')).toBeTruthy();
    await fireEvent.change(screen.getByLabelText('Navragen na (weken)'), { target: { value: '8' } });
    await waitFor(() => expect(calls.some((c) => c.cmd === 'set_pending_weeks' && c.args.weeks === 8)).toBe(true));
    await fireEvent.click(screen.getByText('Check openen'));
    expect(nav.route).toEqual({ name: 'check', checkId: 'c1' });
  });
});

describe('Opvolging: meedoen', () => {
  beforeEach(() => unlocked());

  it('lists participation still to follow up and records the next status', async () => {
    const p: Participation = {
      id: 'p1',
      household_id: 'h1',
      conversation_id: null,
      wijk_code: 'BU02680733',
      kind: 'werk_opleiding',
      topic: 'taalcursus',
      signalled_on: '2026-03-01',
      status: 'interesse',
      status_on: '2026-03-01',
    };
    let open = [p];
    const calls = backend({
      open_follow_ups: () => [],
      open_referrals: () => [],
      pending_applications: () => [],
      pending_weeks: () => 6,
      open_participation: () => open,
      record_participation_step: (a) => {
        open = [];
        return { ...p, status: (a.input as { status: string }).status };
      },
    });
    render(FollowUps);
    expect(await screen.findByText('Meedoen opvolgen (1)')).toBeTruthy();
    expect(screen.getByText('Werk of opleiding')).toBeTruthy();
    await fireEvent.change(screen.getByLabelText('Stand Werk of opleiding'), { target: { value: 'doet_mee' } });
    await waitFor(() => expect(screen.getByText('Meedoen opvolgen (0)')).toBeTruthy());
    expect(calls.find((c) => c.cmd === 'record_participation_step')!.args.input).toMatchObject({ participation_id: 'p1', status: 'doet_mee' });
  });
});
