import { beforeEach, describe, expect, it } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import FollowUps from './FollowUps.svelte';
import { backend, unlocked } from '../test/backend';
import type { Referral } from '../api/bindings/types';

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
