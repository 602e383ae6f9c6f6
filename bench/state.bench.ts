/**
 * The bot's state, embedded file against PostgreSQL, in one run: what a question turn costs in
 * state operations (read the context, take a question token, remember the turn), a turn over HTTP
 * with the bot on each, and the daily alerts for 10 000 subscriptions with two instances on one
 * database (delivery paced by the 50/s limit, each message once). PostgreSQL is a cluster of the
 * bench's own with the server's default durability (fsync on), unless BENCH_POSTGRES_URL names one;
 * the bots run as `npm start` does, in processes of their own. Loopback only.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { openState } from '../src/store/open-state';
import { PostgresState } from '../src/store/postgres-state';
import type { StateBackend } from '../src/store/state-ports';
import { subscription } from '../test/fixtures/alert-store';
import { spentQuery as query } from '../test/fixtures/turn-query';
import { message } from '../test/support/activities';
import { startHealthyBot } from '../test/support/bot-process';
import { ConnectorServer } from '../test/support/connector-server';
import { createDatabase, type ScratchDatabase, startPostgresCluster } from '../test/support/postgres-cluster';
import { type Bench, type BenchRow, percentile } from './bench-section';
import { fixedRate } from './http.bench';

const TURNS = 3000;
const CONVERSATIONS = 50;
const SUBSCRIPTIONS = 10_000;
const HTTP_RATE = 50;
const HTTP_SECONDS = 8;
const SECRET = 'bench-secret';

function reference(
  id: string,
  serviceUrl = 'https://smba.trafficmanager.net/emea/',
): Record<string, unknown> {
  return {
    serviceUrl,
    channelId: 'msteams',
    conversation: { id, conversationType: 'groupChat', tenantId: 'tenant-kemi', name: 'Talousryhmä' },
    bot: { id: '28:budget-bot', name: 'Budjettibotti' },
    user: { id: '29:user-1', name: 'Maija Meikäläinen', aadObjectId: 'aad-user-1' },
  };
}

/** One question turn's state operations, as the bot does them, timed per turn. */
async function turns(
  state: StateBackend,
  label: string,
): Promise<{ p50: number; p99: number; perSecond: number }> {
  const times: number[] = [];
  const run = async (i: number) => {
    const id = `19:${label}-${i % CONVERSATIONS}@thread.v2`;
    const t = performance.now();
    await state.questionLimits?.take(
      `tenant-kemi/aad-user-${i % 500}`,
      { perMinute: 20, burst: 10 },
      Date.now(),
    );
    const context = await state.conversations.context(id);
    await state.conversations.rememberTurn(id, {
      reference: reference(id),
      lastQuery: context?.lastQuery ?? query,
      lang: 'fi',
    });
    times.push(performance.now() - t);
  };
  for (let i = 0; i < 200; i++) await run(i); // warm-up
  times.length = 0;
  const started = performance.now();
  // Eight turns at a time, as concurrent requests would come.
  for (let i = 0; i < TURNS; i += 8) await Promise.all(Array.from({ length: 8 }, (_, k) => run(i + k)));
  const seconds = (performance.now() - started) / 1000;
  await state.flush();
  return { p50: percentile(times, 50), p99: percentile(times, 99), perSecond: times.length / seconds };
}

const ms = (v: number) => Math.round(v * 100) / 100;

const bench: Bench = async (progress) => {
  const own = process.env.BENCH_POSTGRES_URL ? null : await startPostgresCluster({ durable: true });
  const server = process.env.BENCH_POSTGRES_URL ?? (own?.url as string);
  const scratch: ScratchDatabase[] = [];
  const dir = await mkdtemp(path.join(os.tmpdir(), 'state-bench-'));
  const connector = await ConnectorServer.start();
  const logger = pino({ level: 'silent' });
  const rows: BenchRow[] = [];
  const notes: string[] = [];
  try {
    // 1. A turn's state operations, in this process.
    progress(`${TURNS} turns' state operations on the lowdb file and on PostgreSQL`);
    const file = await openState(
      { statePath: path.join(dir, 'turns.json'), stateUrl: null },
      { role: 'bot', logger },
    );
    const onFile = await turns(file.state, 'file');
    await file.state.close();
    const turnDb = await createDatabase(server, 'bot_bench');
    scratch.push(turnDb);
    const pgState = await PostgresState.open(turnDb.url, { maintenance: false });
    const onPg = await turns(pgState, 'pg');
    await pgState.close();
    rows.push(
      {
        name: "a question turn's state operations on PostgreSQL: p50",
        value: ms(onPg.p50),
        unit: 'ms',
        baseline: { name: 'lowdb file', value: ms(onFile.p50), unit: 'ms' },
      },
      {
        name: "a question turn's state operations on PostgreSQL: p99",
        value: ms(onPg.p99),
        unit: 'ms',
        baseline: { name: 'lowdb file', value: ms(onFile.p99), unit: 'ms' },
        note: `three statements, each committed: question token, context read, turn upsert; ${Math.round(onPg.perSecond)} turns/s 8 at a time (file: ${Math.round(onFile.perSecond)}/s, in memory, on disk once a second)`,
      },
    );

    // 2. A turn over HTTP with the bot on each, same rate, one after the other.
    const httpRow = async (label: string, env: Record<string, string>) => {
      const bot = await startHealthyBot({ ...env, QUESTIONS_PER_MINUTE: '0', LOG_LEVEL: 'warn' });
      try {
        const body = JSON.stringify(
          message(
            { serviceUrl: connector.url, conversationId: `a:bench-${label}` },
            'paljonko Tietohallinto on käyttänyt?',
          ),
        );
        const messages = { url: `${bot.url}/api/messages`, method: 'POST' as const, body };
        progress(`HTTP turns at ${HTTP_RATE}/s with the state on ${label}`);
        await fixedRate({ ...messages, rate: HTTP_RATE, seconds: 3 });
        return await fixedRate({ ...messages, rate: HTTP_RATE, seconds: HTTP_SECONDS });
      } finally {
        await bot.stop();
      }
    };
    const httpFile = await httpRow('file', { STATE_PATH: path.join(dir, 'http.json') });
    const httpDb = await createDatabase(server, 'bot_bench');
    scratch.push(httpDb);
    const httpPg = await httpRow('PostgreSQL', { STATE_URL: httpDb.url });
    rows.push(
      {
        name: `/api/messages p50 at ${HTTP_RATE} req/s, state on PostgreSQL`,
        value: ms(httpPg.p50),
        unit: 'ms',
        baseline: { name: 'state file', value: ms(httpFile.p50), unit: 'ms' },
      },
      {
        name: `/api/messages p99 at ${HTTP_RATE} req/s, state on PostgreSQL`,
        value: ms(httpPg.p99),
        unit: 'ms',
        baseline: { name: 'state file', value: ms(httpFile.p99), unit: 'ms' },
        note: `failed requests: ${httpPg.failures} (file: ${httpFile.failures}); ${HTTP_SECONDS} s each, open loop`,
      },
    );

    // 3. The daily alerts for 10 000 subscriptions, two instances on one database.
    const alertDb = await createDatabase(server, 'bot_bench');
    scratch.push(alertDb);
    progress(`seeding ${SUBSCRIPTIONS} subscribed conversations`);
    const seed = await PostgresState.open(alertDb.url, { maintenance: false });
    const ids = Array.from({ length: SUBSCRIPTIONS }, (_, i) => `a:bench-subscriber-${i}`);
    for (let i = 0; i < ids.length; i += 100) {
      await Promise.all(
        ids.slice(i, i + 100).map(async (id, k) => {
          await seed.conversations.rememberTurn(id, {
            reference: reference(id, connector.url),
            lastQuery: null,
            lang: 'fi',
          });
          const one = (i + k) % 3 !== 0;
          await seed.subscriptions.save(
            subscription({ id: `sub-${id}`, conversationId: id, costCentre: one ? 'Tietohallinto' : null }),
          );
        }),
      );
    }
    await seed.close();
    connector.reset();
    const env = { STATE_URL: alertDb.url, ALERTS_RUN_SECRET: SECRET, LOG_LEVEL: 'info' };
    const bots = await Promise.all([startHealthyBot(env), startHealthyBot(env)]);
    try {
      progress(`daily run asked of both instances at once; ${SUBSCRIPTIONS} messages at the 50/s limit`);
      const started = Date.now();
      await Promise.all(
        bots.map((b) =>
          fetch(`${b.url}/api/alerts/run?daily=true&background=true`, {
            method: 'POST',
            headers: { authorization: `Bearer ${SECRET}` },
          }),
        ),
      );
      const delivered = () =>
        new Set(connector.calls.filter((c) => c.status === 201).map((c) => c.conversationId));
      await connector.waitFor(() => delivered().size >= SUBSCRIPTIONS, 30 * 60_000);
      const seconds = (Date.now() - started) / 1000;
      // Wait for the runs to end (the other instance finds the day done).
      for (let i = 0; i < 600; i++) {
        const logs = bots.flatMap((b) => b.logs());
        if (logs.some((l) => l.msg === 'daily alert run already done by an instance')) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      const sends = connector.calls.filter((c) => c.status === 201);
      const perConversation = new Map<string, number>();
      for (const c of sends)
        perConversation.set(c.conversationId ?? '', (perConversation.get(c.conversationId ?? '') ?? 0) + 1);
      const duplicates = [...perConversation.values()].filter((n) => n > 1).length;
      const at = sends.map((c) => c.at).sort((a, b) => a - b);
      /** Most answers in any window of `ms`, as stamped by the connector when it answered. */
      const busiestIn = (windowMs: number) => {
        let most = 0;
        for (let i = 0, j = 0; i < at.length; i++) {
          while ((at[i] as number) - (at[j] as number) >= windowMs) j++;
          most = Math.max(most, i - j + 1);
        }
        return most;
      };
      const busiest = busiestIn(1000);
      const spread = ((at.at(-1) ?? 0) - (at[0] ?? 0)) / 1000;
      const pace = spread > 0 ? (at.length - 1) / spread : 0;
      const finished = bots.flatMap((b) => b.logs()).filter((l) => l.msg === 'alert run finished');
      const floor = SUBSCRIPTIONS / 50;
      rows.push(
        {
          name: `daily alerts, ${SUBSCRIPTIONS} subscriptions, two instances: asked to last message`,
          value: Math.round(seconds * 10) / 10,
          unit: 's',
          target: 'limited only by the rate limit',
          met: seconds < floor * 1.1 + 10,
          baseline: { name: 'least time the 50/s limit allows', value: floor, unit: 's' },
          note: `${finished.length} run(s) delivered (the other instance found the day done)`,
        },
        {
          name: 'daily alerts: messages delivered, each once',
          value: perConversation.size,
          unit: 'messages',
          target: `${SUBSCRIPTIONS}, 0 twice`,
          met: perConversation.size === SUBSCRIPTIONS && duplicates === 0,
          note: `${duplicates} conversations got a message twice`,
        },
        {
          name: 'daily alerts: pace, first to last message',
          value: Math.round(pace * 10) / 10,
          unit: 'msg/s',
          target: '≤ 50 per second',
          met: pace <= 50,
          note: `busiest single second at the connector ${busiest} msg: it stamps a message when it answers, and answers in bursts after its process stalls (shared machine); the sender's own limit, 50 in any second, is measured where it sends in the Alerts section`,
        },
      );
    } finally {
      await Promise.all(bots.map((b) => b.stop()));
    }
    notes.push(
      `PostgreSQL ${own ? "is a cluster of the bench's own (initdb, defaults: fsync and synchronous commit on)" : 'is BENCH_POSTGRES_URL'} on this machine, over loopback TCP; the lowdb file is on the same disk.`,
      'The turn rows time the state operations of a question turn in the bench process (8 turns at a time over 50 conversations): the question token (PostgreSQL only: the embedded file keeps the limit in the process), the context read and the turn kept. The HTTP rows are whole turns against a bot process on each backend, one after the other in this run.',
      `The alert rows: ${SUBSCRIPTIONS} conversations subscribed in the database (a third to every cost centre, the rest to Tietohallinto), two bot processes, POST /api/alerts/run?daily=true to both at once; one takes the run lease and delivers through the local Bot Connector (in the bench process), the other waits and then finds the day done.`,
      `Load average when done: ${(os.loadavg()[0] ?? 0).toFixed(1)} on ${os.cpus().length} cores (shared with other work).`,
    );
  } finally {
    await connector.close();
    for (const db of scratch) await db.drop().catch(() => undefined);
    own?.stop();
    await rm(dir, { recursive: true, force: true });
  }
  return { title: 'State: embedded file against PostgreSQL, and alerts on two instances', rows, notes };
};

export default bench;
