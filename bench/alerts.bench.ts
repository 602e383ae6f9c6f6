/**
 * Alerts: one run over 10 000 subscriptions × the seed store (data/budget.json). Evaluation
 * (positions once, rules per subscription, alert-log filtering) is timed apart from delivery,
 * which is paced by the rate limits only (in-memory notifier, real clock).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { planAlerts } from '../src/alerts/alert-plan';
import { covers } from '../src/alerts/alert-rules';
import { AlertRunner } from '../src/alerts/alert-run';
import { type BudgetPosition, positionsFromStore } from '../src/alerts/budget-position';
import { systemClock } from '../src/alerts/clock';
import { loadBudgetData } from '../src/alerts/load-budget-data';
import { InMemoryNotifier } from '../src/alerts/notifier';
import { newSubscription } from '../src/alerts/subscription-defaults';
import type { AlertLogEntry, Subscription } from '../src/store/alert-records';
import { AtomicJsonFile } from '../src/store/atomic-json-file';
import { DocumentState } from '../src/store/document-state';
import type { BotState } from '../src/store/state-schema';
import { FileStateStore } from '../src/store/state-store';
import { type Bench, percentile } from './bench-section';

const SUBSCRIPTIONS = 10_000;
const DELIVERED = 200;

/** A realistic mix: a third follow every cost centre, the rest one cost centre with their own step. */
function subscriptions(positions: readonly BudgetPosition[], n: number): Subscription[] {
  const steps = ['0.5', '0.6', '0.75', '0.8', '0.9', '1'];
  return Array.from({ length: n }, (_, i) => {
    const one = i % 3 !== 0;
    return newSubscription({
      id: `sub-${i}`,
      conversationId: `conv-${i}`,
      scope: i % 10 === 0 ? 'channel' : 'personal',
      createdBy: `user-${i}`,
      costCentre: one ? (positions[i % positions.length]?.costCentre ?? null) : null,
      lang: i % 4 === 0 ? 'en' : 'fi',
      createdAt: '2026-01-01T00:00:00.000Z',
      threshold: one ? (steps[i % steps.length] ?? null) : null,
    });
  });
}

function time<T>(fn: () => T): { ms: number; value: T } {
  const t0 = performance.now();
  const value = fn();
  return { ms: performance.now() - t0, value };
}

const bench: Bench = async (progress) => {
  const data = await loadBudgetData('data/budget.json');
  const positionsTimed = time(() => positionsFromStore(data));
  const positions = positionsTimed.value;
  const subs = subscriptions(positions, SUBSCRIPTIONS);
  progress(`${positions.length} positions, ${subs.length} subscriptions`);

  // Warm up once so the JIT does not dominate the first sample.
  planAlerts(positions, subs, new Map(), new Map(), Date.now());
  const firstRun: number[] = [];
  const bare: number[] = [];
  let findings = 0;
  let plan = planAlerts(positions, subs, new Map(), new Map(), Date.now());
  for (let r = 0; r < 5; r++) {
    const t = time(() => planAlerts(positions, subs, new Map(), new Map(), Date.now()));
    firstRun.push(t.ms);
    plan = t.value;
    // Baseline: the same subscriptions × positions walked with only the coverage check.
    bare.push(
      time(() => {
        let n = 0;
        for (const s of subs) for (const p of positions) if (covers(s, p.costCentre)) n++;
        return n;
      }).ms,
    );
  }
  findings = plan.groups.reduce((n, g) => n + g.findings.length, 0);

  // The steady state: every finding already in the alert log as sent (the next day's run).
  const log = new Map<string, AlertLogEntry>();
  for (const g of plan.groups) {
    for (const f of g.findings) {
      log.set(f.key, {
        key: f.key,
        runId: 'r0',
        subscriptionId: g.subscription.id,
        conversationId: g.subscription.conversationId,
        costCentre: f.costCentre,
        rule: f.rule,
        step: f.step,
        asOf: f.asOf,
        state: 'sent',
        attempts: 1,
        error: null,
        createdAt: '2026-01-01T00:00:00.000Z',
        updatedAt: '2026-01-01T00:00:00.000Z',
      });
    }
  }
  const repeatRun: number[] = [];
  for (let r = 0; r < 5; r++)
    repeatRun.push(time(() => planAlerts(positions, subs, log, new Map(), Date.now())).ms);

  // Delivery: DELIVERED messages to distinct conversations through the real sender and clock.
  progress(`delivering ${DELIVERED} messages at the rate limits`);
  const sentAt: number[] = [];
  const notifier = new InMemoryNotifier();
  const send = notifier.send.bind(notifier);
  notifier.send = async (conversationId, message) => {
    sentAt.push(performance.now());
    await send(conversationId, message);
  };
  // Through the bot's lowdb state file, so its writes are part of the measure; writes counted.
  const dir = await mkdtemp(path.join(os.tmpdir(), 'alerts-bench-'));
  let stateWrites = 0;
  const store = await FileStateStore.open(path.join(dir, 'state.json'), {
    fileAdapter: (file) => {
      const real = new AtomicJsonFile<BotState>(file);
      return {
        read: () => real.read(),
        write: (data) => {
          stateWrites++;
          return real.write(data);
        },
      };
    },
  });
  await store.update((s) => {
    s.subscriptions.push(...subs.slice(0, DELIVERED));
  });
  stateWrites = 0;
  const state = new DocumentState(store, { kind: 'file' });
  const runner = new AlertRunner({
    subscriptions: state.subscriptions,
    alertLog: state.alertLog,
    leases: state.alertRuns,
    notifier,
    clock: systemClock,
  });
  const t0 = performance.now();
  const result = await runner.run(positions);
  const deliverySeconds = (performance.now() - t0) / 1000;
  // The busiest second, and the least time the limit allows: 50 go at once, then 50 per second.
  sentAt.sort((a, b) => a - b);
  let busiest = 0;
  for (let i = 0, j = 0; i < sentAt.length; i++) {
    while ((sentAt[i] as number) - (sentAt[j] as number) >= 1000) j++;
    busiest = Math.max(busiest, i - j + 1);
  }
  await rm(dir, { recursive: true, force: true });
  const spreadSeconds = sentAt.length > 1 ? ((sentAt.at(-1) as number) - (sentAt[0] as number)) / 1000 : 0;
  const floorSeconds = Math.max(0, Math.ceil(result.sent / 50) - 1);

  const median = (xs: number[]) => percentile(xs, 50);
  return {
    title: 'Alerts: a run over 10 000 subscriptions × the seed store',
    rows: [
      {
        name: `evaluation, first run (${SUBSCRIPTIONS} subscriptions, ${findings} findings in ${plan.groups.length} messages), median of 5`,
        value: median(firstRun),
        unit: 'ms',
        target: '< 2000 ms',
        met: median(firstRun) < 2000,
        baseline: {
          name: 'bare loop over the same subscriptions × positions',
          value: median(bare),
          unit: 'ms',
        },
      },
      {
        name: 'evaluation, repeat run on the same data (all findings already sent), median of 5',
        value: median(repeatRun),
        unit: 'ms',
        target: '< 2000 ms',
        met: median(repeatRun) < 2000,
        baseline: { name: 'bare loop', value: median(bare), unit: 'ms' },
      },
      {
        name: `positions from the store (${positions.length} cost centres, once per run)`,
        value: positionsTimed.ms,
        unit: 'ms',
      },
      {
        name: `delivery: busiest second of ${result.sent} messages to distinct conversations (in-memory notifier)`,
        value: busiest,
        unit: 'msg',
        target: '≤ 50 per second',
        met: busiest <= 50,
      },
      {
        name: `delivery: first to last of ${result.sent} messages`,
        value: spreadSeconds,
        unit: 's',
        target: 'limited only by the rate limits',
        met: spreadSeconds < floorSeconds + 0.25,
        baseline: { name: 'least time the 50/s limit allows', value: floorSeconds, unit: 's' },
      },
      {
        name: 'delivery: whole run (evaluation, state-file writes, sends, final prune)',
        value: deliverySeconds,
        unit: 's',
      },
      {
        name: `delivery: state-file writes for ${result.sent} messages (claim and outcome of each, group commit)`,
        value: stateWrites,
        unit: 'writes',
        baseline: { name: 'one write per claim and per outcome', value: result.sent * 2, unit: 'writes' },
      },
    ],
    notes: [
      'Evaluation is pure and exact (decimal.js); it is timed without delivery. Delivery time is the rate limit (50 messages/s overall, 7/s per conversation) and nothing else.',
      'Subscriptions: a third follow every cost centre with the default steps, the rest one cost centre with one step.',
    ],
  };
};

export default bench;
