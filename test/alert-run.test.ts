import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AlertRunInProgressError, AlertRunner } from '../src/alerts/alert-run';
import { systemClock } from '../src/alerts/clock';
import type { AlertLogEntry, Subscription } from '../src/store/alert-records';
import { type DocumentState, memoryState } from '../src/store/document-state';
import type { AlertLog } from '../src/store/state-ports';
import { emptyBotState } from '../src/store/state-schema';
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

/** State holding these subscriptions and log entries, in memory. */
function stateWith(subs: Subscription[], log: AlertLogEntry[] = []): DocumentState {
  return memoryState({ ...emptyBotState(), subscriptions: subs, alertLog: log });
}

/** A runner over a state, optionally with another alert log (one that fails on purpose). */
function runnerOver(state: DocumentState, notifier: ScriptedNotifier, alertLog: AlertLog = state.alertLog) {
  return new AlertRunner({
    subscriptions: state.subscriptions,
    alertLog,
    leases: state.alertRuns,
    notifier,
    clock: systemClock,
  });
}

function setup(subs = [subscription(usedOnly)], log: AlertLogEntry[] = []) {
  const state = stateWith(subs, log);
  const notifier = new ScriptedNotifier();
  const runner = runnerOver(state, notifier);
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
    expect((await state.alertLog.list()).every((e) => e.state === 'sent')).toBe(true);
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
    await state.subscriptions.remove('c9');
    const july = store([
      ...june.facts,
      fact('Tietohallinto', 'MENOT', 2024, 'TOT', '-820', { asOf: '2024-07-31', table: 'actuals' }),
    ]);
    const result = await settle(runner.run(july));
    // June's entry of "stays" (superseded) and June's entry of "goes" (removed) are gone.
    expect(result.pruned).toBe(2);
    expect((await state.alertLog.list()).map((e) => [e.subscriptionId, e.asOf])).toEqual([
      ['stays', '2024-07-31'],
    ]);
    // What is kept still prevents a repeat.
    await settle(runner.run(july));
    expect((await state.alertLog.list()).map((e) => e.state)).toEqual(['sent']);
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
    expect((await state.alertLog.list())[0]).toMatchObject({ state: 'sent', attempts: 2 });
  });

  it('should log a failure after repeated 500s and retry it on the next run', async () => {
    const { notifier, runner, state } = setup();
    notifier.script('conv-1', ...Array(5).fill({ status: 500 }));
    const data = halfYearStore({ expenseBudget: '-1000', expenseActual: '-800' });
    const first = await settle(runner.run(data));
    expect(first.failed).toBe(1);
    expect((await state.alertLog.list())[0]).toMatchObject({
      state: 'failed',
      attempts: 5,
      error: 'HTTP 500: scripted failure',
    });
    await settle(runner.run(data));
    expect(notifier.delivered).toHaveLength(1);
    expect((await state.alertLog.list())[0]).toMatchObject({ state: 'sent', attempts: 6 });
  });

  it('should stop retrying an alert that keeps failing over many runs', async () => {
    const { notifier, runner, state } = setup();
    const data = halfYearStore({ expenseBudget: '-1000', expenseActual: '-800' });
    notifier.script('conv-1', ...Array(20).fill({ status: 400 }));
    for (let run = 0; run < 16; run++) await settle(runner.run(data));
    // A 400 is not retried within a run, so each run makes one attempt; after 15 it rests.
    expect(notifier.attempts).toHaveLength(15);
    expect((await state.alertLog.list())[0]).toMatchObject({ state: 'failed', attempts: 15 });
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
    const subs = await state.subscriptions.list();
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

  it('should mark uncertain, and not send again, an alert whose run died between claim and outcome', async () => {
    const state = stateWith([subscription(usedOnly)]);
    const notifier = new ScriptedNotifier();
    const data = halfYearStore({ expenseBudget: '-1000', expenseActual: '-800' });
    // The process "dies" right after the message went out: its outcome is never recorded.
    const dying: AlertLog = Object.assign(Object.create(state.alertLog) as AlertLog, {
      settle: async () => {
        throw new Error('killed');
      },
    });
    await expect(settle(runnerOver(state, notifier, dying).run(data))).rejects.toThrow('killed');
    expect((await state.alertLog.list())[0]?.state).toBe('claimed');
    expect(notifier.delivered).toHaveLength(1);

    // The next run finds the claim of a run that no longer holds the lease: it may have arrived.
    const runner = runnerOver(state, notifier);
    const next = await settle(runner.run(data));
    expect(next).toMatchObject({ abandoned: 1, sent: 0 });
    expect(next.plan.uncertain).toBe(1);
    expect((await state.alertLog.list())[0]).toMatchObject({ state: 'uncertain' });
    expect((await state.alertLog.listUncertain())[0]?.error).toContain('stopped before recording');
    expect(notifier.delivered).toHaveLength(1);
  });

  it('should send an uncertain alert again only when asked, marked as a possible repeat, and then never again', async () => {
    const { notifier, runner, state } = setup();
    notifier.script('conv-1', 'hang');
    const data = halfYearStore({ expenseBudget: '-1000', expenseActual: '-800' });
    const timedOut = await settle(runner.run(data));
    expect(timedOut).toMatchObject({ sent: 0, uncertain: 1 });
    expect(notifier.attempts).toHaveLength(1);
    expect((await state.alertLog.list())[0]).toMatchObject({ state: 'uncertain', attempts: 1 });

    await settle(runner.run(data));
    expect(notifier.attempts).toHaveLength(1);

    const resent = await settle(runner.run(data, { resendUncertain: true }));
    expect(resent.plan.groups[0]?.resend).toBe(true);
    expect(notifier.delivered).toHaveLength(1);
    expect(notifier.delivered[0]?.message.text).toContain('Uudelleenlähetys');
    expect((await state.alertLog.list())[0]).toMatchObject({ state: 'sent', attempts: 2 });
    await settle(runner.run(data, { resendUncertain: true }));
    expect(notifier.attempts).toHaveLength(2);
  });

  it('should refuse to run while another instance holds the run lease, naming it', async () => {
    const { runner, state, notifier } = setup();
    await state.alertRuns.acquire({ runId: 'other-run', instance: 'web-2:4242' }, 60_000);
    const data = halfYearStore({ expenseBudget: '-1000', expenseActual: '-800' });
    const refused = runner.run(data);
    await expect(refused).rejects.toThrow(AlertRunInProgressError);
    await expect(refused).rejects.toThrow('web-2:4242');
    expect(notifier.attempts).toHaveLength(0);
    // A dry run only reads: it needs no lease.
    expect((await settle(runner.run(data, { dryRun: true }))).plan.groups).toHaveLength(1);
  });

  it("should take the run over once a dead holder's lease has expired", async () => {
    const { runner, state, notifier } = setup();
    await state.alertRuns.acquire({ runId: 'dead-run', instance: 'web-2:4242' }, 60_000);
    vi.setSystemTime(new Date('2024-07-02T04:31:01Z'));
    const result = await settle(runner.run(halfYearStore({ expenseBudget: '-1000', expenseActual: '-800' })));
    expect(result.tookOverFrom).toEqual({ runId: 'dead-run', instance: 'web-2:4242' });
    expect(notifier.delivered).toHaveLength(1);
  });

  it('should run the day once: a second daily run of the same day does nothing', async () => {
    const { runner, notifier } = setup();
    const load = async () => halfYearStore({ expenseBudget: '-1000', expenseActual: '-800' });
    expect(await settle(runner.runDaily(load, '2024-07-02'))).toMatchObject({ sent: 1 });
    expect(await settle(runner.runDaily(load, '2024-07-02'))).toBeNull();
    expect(notifier.attempts).toHaveLength(1);
  });

  it('should print what would be sent on a dry run and send or record nothing', async () => {
    const { notifier, runner, state } = setup();
    const result = await settle(
      runner.run(halfYearStore({ expenseBudget: '-1000', expenseActual: '-800' }), { dryRun: true }),
    );
    expect(result.plan.groups).toHaveLength(1);
    expect(notifier.attempts).toHaveLength(0);
    expect(await state.alertLog.list()).toHaveLength(0);
  });

  it('should refuse a second run while one is going on', async () => {
    const { runner } = setup();
    const data = halfYearStore({ expenseBudget: '-1000', expenseActual: '-800' });
    const first = runner.run(data);
    await expect(runner.run(data)).rejects.toThrow('already in progress');
    await settle(first);
  });
});
