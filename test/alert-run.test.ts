import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AlertRunner } from '../src/alerts/alert-run';
import { InMemoryAlertState } from '../src/alerts/alert-state';
import { systemClock } from '../src/alerts/clock';
import type { AlertLogEntry } from '../src/store/alert-records';
import { fact, halfYearStore, store, subscription } from './fixtures/alert-store';
import { ScriptedNotifier } from './fixtures/scripted-notifier';
import { settle } from './support/settle';

beforeEach(() => {
  vi.useFakeTimers({ now: new Date('2024-07-02T04:30:00Z') });
});
afterEach(() => {
  vi.useRealTimers();
});

/** Used-share only, so each case is about one rule. */
const usedOnly = { pacePoints: '1000', revenueShortfallPoints: '1000', projection: false };

function setup(subs = [subscription(usedOnly)], log: AlertLogEntry[] = []) {
  const state = new InMemoryAlertState(subs, log);
  const notifier = new ScriptedNotifier();
  const runner = new AlertRunner({ state, notifier, clock: systemClock });
  return { state, notifier, runner };
}

describe('alert run', () => {
  it('should send one grouped message per subscription and log it as sent', async () => {
    const { state, notifier, runner } = setup([
      subscription({ id: 'a', conversationId: 'c1' }),
      subscription({ id: 'b', conversationId: 'c2', ...usedOnly }),
    ]);
    const data = halfYearStore({
      expenseBudget: '-1000',
      expenseActual: '-950',
      revenueBudget: '100',
      revenueActual: '0',
    });
    const result = await settle(runner.run(data));
    expect(notifier.delivered.map((d) => d.conversationId).sort()).toEqual(['c1', 'c2']);
    // Subscription a trips four rules, yet gets a single message that names them all.
    const forA = notifier.delivered.find((d) => d.conversationId === 'c1');
    expect(forA?.message.text.split('\n').filter((l) => l.startsWith('•'))).toHaveLength(4);
    expect(result).toMatchObject({ sent: 2, failed: 0 });
    expect((await state.alertLog()).every((e) => e.state === 'sent')).toBe(true);
  });

  it('should cite the figures exactly with document and line', async () => {
    const { notifier, runner } = setup();
    await settle(runner.run(halfYearStore({ expenseBudget: '-1488900', expenseActual: '-1340010' })));
    const text = notifier.delivered[0]?.message.text ?? '';
    expect(text).toContain('1\u00a0340\u00a0010\u00a0€ / 1\u00a0488\u00a0900\u00a0€');
    expect(text).toContain('report.txt, rivi 10');
  });

  it('should not alert twice on the same data', async () => {
    const { notifier, runner } = setup();
    const data = halfYearStore({ expenseBudget: '-1000', expenseActual: '-800' });
    await settle(runner.run(data));
    const second = await settle(runner.run(data));
    expect(notifier.delivered).toHaveLength(1);
    expect(second.plan.alreadySent).toBe(1);
  });

  it('should alert again when a higher step is crossed', async () => {
    const { notifier, runner } = setup();
    await settle(runner.run(halfYearStore({ expenseBudget: '-1000', expenseActual: '-800' })));
    // Same as-of date, corrected actual: the 90 % step is a new state.
    await settle(runner.run(halfYearStore({ expenseBudget: '-1000', expenseActual: '-900' })));
    expect(notifier.delivered).toHaveLength(2);
    expect(notifier.delivered[1]?.message.text).toContain('raja 90\u00a0% ylittyi');
  });

  it('should alert again on newer data (an imported actuals CSV) at the same step', async () => {
    const { notifier, runner } = setup();
    const june = halfYearStore({ expenseBudget: '-1000', expenseActual: '-800' });
    await settle(runner.run(june));
    const imported = store([
      ...june.facts,
      fact('Tietohallinto', 'MENOT', 2024, 'TOT', '-820', {
        asOf: '2024-07-31',
        document: 'ledger.csv',
        table: 'actuals',
      }),
    ]);
    await settle(runner.run(imported));
    expect(notifier.delivered).toHaveLength(2);
    expect(notifier.delivered[1]?.message.text).toContain('31.7.2024');
  });

  it('should drop log entries made moot by newer data or a removed subscription, and keep the rest', async () => {
    const { runner, state } = setup([
      subscription({ id: 'stays', ...usedOnly }),
      subscription({ id: 'goes', conversationId: 'c9', ...usedOnly }),
    ]);
    const june = halfYearStore({ expenseBudget: '-1000', expenseActual: '-800' });
    await settle(runner.run(june));
    await state.removeSubscriptions('c9');
    const july = store([
      ...june.facts,
      fact('Tietohallinto', 'MENOT', 2024, 'TOT', '-820', { asOf: '2024-07-31', table: 'actuals' }),
    ]);
    const result = await settle(runner.run(july));
    // June's entry of "stays" (superseded) and June's entry of "goes" (removed) are gone.
    expect(result.pruned).toBe(2);
    expect((await state.alertLog()).map((e) => [e.subscriptionId, e.asOf])).toEqual([
      ['stays', '2024-07-31'],
    ]);
    // What is kept still prevents a repeat.
    await settle(runner.run(july));
    expect((await state.alertLog()).map((e) => e.state)).toEqual(['sent']);
  });

  it('should hold new alerts back during the quiet cool-down and send them after it', async () => {
    const { notifier, runner } = setup([subscription({ ...usedOnly, quietDays: 3 })]);
    await settle(runner.run(halfYearStore({ expenseBudget: '-1000', expenseActual: '-800' })));
    const higher = halfYearStore({ expenseBudget: '-1000', expenseActual: '-950' });
    vi.setSystemTime(new Date('2024-07-04T04:30:00Z'));
    const quiet = await settle(runner.run(higher));
    expect(quiet.plan.quiet).toBe(1);
    expect(notifier.delivered).toHaveLength(1);
    vi.setSystemTime(new Date('2024-07-05T04:30:00Z'));
    await settle(runner.run(higher));
    expect(notifier.delivered).toHaveLength(2);
  });

  it('should deliver after the connector answers 429 and then 200', async () => {
    const { notifier, runner, state } = setup();
    notifier.script('conv-1', { status: 429, retryAfterMs: 2000 });
    const result = await settle(runner.run(halfYearStore({ expenseBudget: '-1000', expenseActual: '-800' })));
    expect(result.sent).toBe(1);
    expect((await state.alertLog())[0]).toMatchObject({ state: 'sent', attempts: 2 });
  });

  it('should log a failure after repeated 500s and retry it on the next run', async () => {
    const { notifier, runner, state } = setup();
    notifier.script('conv-1', ...Array(5).fill({ status: 500 }));
    const data = halfYearStore({ expenseBudget: '-1000', expenseActual: '-800' });
    const first = await settle(runner.run(data));
    expect(first.failed).toBe(1);
    expect((await state.alertLog())[0]).toMatchObject({
      state: 'failed',
      attempts: 5,
      error: 'HTTP 500: scripted failure',
    });
    await settle(runner.run(data));
    expect(notifier.delivered).toHaveLength(1);
    expect((await state.alertLog())[0]).toMatchObject({ state: 'sent', attempts: 6 });
  });

  it('should stop retrying an alert that keeps failing over many runs', async () => {
    const { notifier, runner, state } = setup();
    const data = halfYearStore({ expenseBudget: '-1000', expenseActual: '-800' });
    notifier.script('conv-1', ...Array(20).fill({ status: 400 }));
    for (let run = 0; run < 16; run++) await settle(runner.run(data));
    // A 400 is not retried within a run, so each run makes one attempt; after 15 it rests.
    expect(notifier.attempts).toHaveLength(15);
    expect((await state.alertLog())[0]).toMatchObject({ state: 'failed', attempts: 15 });
    expect((await settle(runner.run(data))).plan.givenUp).toBe(1);
  });

  it('should pause every subscription of a conversation that answers 403, and log it', async () => {
    const { notifier, runner, state } = setup([
      subscription({ id: 'a', conversationId: 'gone', ...usedOnly }),
      subscription({ id: 'b', conversationId: 'gone', costCentre: 'Tietohallinto', ...usedOnly }),
      subscription({ id: 'c', conversationId: 'fine', ...usedOnly }),
    ]);
    notifier.script('gone', { status: 403 });
    const data = halfYearStore({ expenseBudget: '-1000', expenseActual: '-800' });
    const result = await settle(runner.run(data));
    expect(result).toMatchObject({ sent: 1, failed: 2, paused: 2 });
    expect(notifier.attempts.filter((a) => a.conversationId === 'gone')).toHaveLength(1);
    const subs = await state.listSubscriptions();
    expect(
      subs
        .filter((s) => s.paused)
        .map((s) => s.id)
        .sort(),
    ).toEqual(['a', 'b']);
    expect(subs.find((s) => s.id === 'a')?.pausedReason).toContain('403');
    // A paused subscription is not evaluated again until it is resumed.
    const next = await settle(runner.run(data));
    expect(next.plan.paused).toBe(2);
    expect(notifier.attempts.filter((a) => a.conversationId === 'gone')).toHaveLength(1);
  });

  it('should resend, marked as a possible repeat, an alert whose run crashed between intent and result', async () => {
    const state = new InMemoryAlertState([subscription(usedOnly)]);
    const notifier = new ScriptedNotifier();
    const data = halfYearStore({ expenseBudget: '-1000', expenseActual: '-800' });
    // The process "dies" right after the message went out: recording the result never happens.
    const record = state.recordAlerts.bind(state);
    const crashing = Object.assign(Object.create(state) as InMemoryAlertState, {
      recordAlerts: async (entries: AlertLogEntry[]) => {
        if (entries.some((e) => e.state === 'sent')) throw new Error('killed');
        return record(entries);
      },
    });
    await expect(
      settle(new AlertRunner({ state: crashing, notifier, clock: systemClock }).run(data)),
    ).rejects.toThrow('killed');
    expect((await state.alertLog())[0]?.state).toBe('intent');

    const runner = new AlertRunner({ state, notifier, clock: systemClock });
    const resumed = await settle(runner.run(data));
    expect(resumed.plan.groups[0]?.resend).toBe(true);
    expect(notifier.delivered).toHaveLength(2);
    expect(notifier.delivered[1]?.message.text).toContain('Uudelleenlähetys');
    // Once the result is recorded, the same state never goes out again.
    await settle(runner.run(data));
    expect(notifier.delivered).toHaveLength(2);
  });

  it('should print what would be sent on a dry run and send or record nothing', async () => {
    const { notifier, runner, state } = setup();
    const result = await settle(
      runner.run(halfYearStore({ expenseBudget: '-1000', expenseActual: '-800' }), { dryRun: true }),
    );
    expect(result.plan.groups).toHaveLength(1);
    expect(notifier.attempts).toHaveLength(0);
    expect(await state.alertLog()).toHaveLength(0);
  });

  it('should refuse a second run while one is going on', async () => {
    const { runner } = setup();
    const data = halfYearStore({ expenseBudget: '-1000', expenseActual: '-800' });
    const first = runner.run(data);
    await expect(runner.run(data)).rejects.toThrow('already in progress');
    await settle(first);
  });
});
