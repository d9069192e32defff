import { describe, expect, it } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/svelte';
import ReportMaker from './ReportMaker.svelte';
import { backend, unlocked } from '../test/backend';

describe('Wijkprofiel maken', () => {
  it('sends area, period, comparison and the typed path, then offers to open the PDF', async () => {
    unlocked();
    const calls = backend({
      make_report: (a) => ({
        out: a.out,
        bytes: 45000,
        title: 'Wijkprofiel Lankforst',
        area: a.area,
        period: '1 maart 2026 – 30 april 2026',
        seconds: 0.4,
      }),
      open_written: () => null,
    });
    render(ReportMaker, { area: 'BU02680734', from: '2026-03-01', to: '2026-04-30' });
    await fireEvent.click(screen.getByRole('button', { name: 'Wijkprofiel maken (PDF)' }));
    await fireEvent.click(screen.getByRole('button', { name: 'Maken' }));
    expect(screen.getByRole('alert').textContent).toContain('Kies eerst waar');
    expect(calls.some((c) => c.cmd === 'make_report')).toBe(false);

    await fireEvent.input(screen.getByLabelText('Opslaan als'), { target: { value: '/tmp/lankforst.pdf' } });
    await fireEvent.click(screen.getByLabelText(/Vergelijk met de vorige periode/));
    await fireEvent.click(screen.getByRole('button', { name: 'Maken' }));
    const status = await screen.findByRole('status');
    expect(status.textContent).toContain('Wijkprofiel Lankforst');
    expect(status.textContent).toContain('/tmp/lankforst.pdf');
    const call = calls.find((c) => c.cmd === 'make_report')!;
    expect(call.args).toMatchObject({ area: 'BU02680734', from: '2026-03-01', to: '2026-04-30', compare: true, out: '/tmp/lankforst.pdf' });

    await fireEvent.click(screen.getByRole('button', { name: 'Openen' }));
    expect(calls.at(-1)).toMatchObject({ cmd: 'open_written', args: { path: '/tmp/lankforst.pdf' } });
  });

  it('shows the Dutch error of the backend', async () => {
    unlocked();
    backend({
      make_report: () => {
        throw { code: 'empty_period', message: 'Geen gegevens voor Lankforst in de periode 2020.' };
      },
    });
    render(ReportMaker, { area: 'BU02680734' });
    await fireEvent.click(screen.getByRole('button', { name: 'Wijkprofiel maken (PDF)' }));
    await fireEvent.input(screen.getByLabelText('Opslaan als'), { target: { value: '/tmp/x.pdf' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Maken' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Geen gegevens voor Lankforst');
  });
});
