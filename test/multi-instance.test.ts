/**
 * Two bot processes (`src/index.ts`, as `npm start`) on one PostgreSQL database, the way a city
 * runs two instances behind a load balancer: what one learns the other knows (subscriptions,
 * follow-up context, the welcome, the question limit); alert runs started on both at once
 * deliver each alert once, through 429s, 500s and dropped sockets; and when the instance that
 * delivers is killed mid-run, the other finishes the run once its lease has expired.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { botMessage } from '../src/bot/bot-messages';
import { PostgresState } from '../src/store/postgres-state';
import { subscription } from './fixtures/alert-store';
import * as A from './support/activities';
import { adaptiveCardOf, plainCardText } from './support/bot-harness';
import { type BotProcess, startHealthyBot } from './support/bot-process';
import { ConnectorServer } from './support/connector-server';
import { freshDatabase, POSTGRES_URL, type TestDatabase } from './support/postgres-db';

const SECRET = 'multi-instance-secret';
type Bot = BotProcess & { url: string; stop: () => Promise<number | null> };

let connector: ConnectorServer;
let db: TestDatabase | null = null;
let bots: Bot[] = [];

beforeAll(async () => {
  connector = await ConnectorServer.start();
});
afterAll(async () => {
  await connector.close();
});
afterEach(async () => {
  await Promise.all(bots.map((b) => b.stop()));
  bots = [];
  await db?.drop();
  db = null;
  connector.reset();
});

/** Two instances on a fresh database. */
async function twoInstances(env: Record<string, string> = {}): Promise<[Bot, Bot]> {
  db = await freshDatabase();
  const common = { STATE_URL: db.url, ALERTS_RUN_SECRET: SECRET, LOG_LEVEL: 'info', ...env };
  // One after the other would hide the race of two instances migrating an empty database at once.
  const started = await Promise.all([startHealthyBot(common), startHealthyBot(common)]);
  bots = started;
  return started;
}

async function post(bot: Bot, activity: Record<string, unknown>): Promise<number> {
  const res = await fetch(`${bot.url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(activity),
  });
  await res.text();
  return res.status;
}

/** What a delivered message says: its preview, its text and its card's text. */
function said(activity: Record<string, unknown> | undefined): string {
  return [activity?.summary, activity?.text, plainCardText(adaptiveCardOf(activity))]
    .filter((s) => typeof s === 'string' && s !== '')
    .join('\n')
    .replace(/\u00a0/g, ' ');
}

/** Sends a message to one instance and returns what the reply it caused says. */
async function say(bot: Bot, activity: Record<string, unknown>): Promise<string> {
  const conversationId = (activity.conversation as { id: string }).id;
  const before = connector.messages(conversationId).length;
  expect(await post(bot, activity)).toBe(200);
  const replies = await connector.waitForMessages(conversationId, before + 1);
  return said(replies.at(-1));
}

function runAlerts(bot: Bot, query = ''): Promise<Response> {
  return fetch(`${bot.url}/api/alerts/run${query}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${SECRET}` },
  });
}

/** A conversation reference pointing at the local connector, as the bot stores it. */
function reference(id: string): Record<string, unknown> {
  return {
    serviceUrl: connector.url,
    channelId: 'msteams',
    conversation: { id, conversationType: 'personal', tenantId: A.TENANT },
    bot: { ...A.BOT },
    user: { id: '29:user-1' },
  };
}

/** Puts `n` subscribed conversations into the shared database, as earlier chats would have. */
async function seedSubscribers(n: number): Promise<string[]> {
  const state = await PostgresState.open((db as TestDatabase).url, { maintenance: false });
  try {
    const ids = Array.from({ length: n }, (_, i) => `a:subscriber-${i}`);
    for (const id of ids) {
      await state.conversations.rememberTurn(id, { reference: reference(id), lastQuery: null, lang: 'fi' });
      await state.subscriptions.save(
        subscription({
          id: `sub-${id}`,
          conversationId: id,
          costCentre: 'Tietohallinto',
          thresholds: ['0.5'],
        }),
      );
    }
    return ids;
  } finally {
    await state.close();
  }
}

/** The alert log as the database has it. */
async function alertLog() {
  const state = await PostgresState.open((db as TestDatabase).url, { maintenance: false });
  try {
    return await state.alertLog.list();
  } finally {
    await state.close();
  }
}

/** Non-typing messages the connector took per conversation (a dropped socket counts: it may have arrived). */
function received(ids: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>(ids.map((id) => [id, 0]));
  for (const c of connector.calls) {
    // botbuilder sends a proactive message as a reply to the activity continueConversation makes up.
    const send = c.operation === 'sendToConversation' || c.operation === 'replyToActivity';
    if (!send || c.body?.type === 'typing') continue;
    const id = c.conversationId ?? '';
    if (counts.has(id) && (c.status === 0 || (c.status >= 200 && c.status < 300)))
      counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return counts;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.skipIf(!POSTGRES_URL)('two instances on one PostgreSQL database', () => {
  it('should share what one instance learns: welcome, subscriptions, follow-ups, alerts, the question limit', async () => {
    const [a, b] = await twoInstances({ QUESTIONS_PER_MINUTE: '1', QUESTION_BURST: '5' });
    const where = { serviceUrl: connector.url, conversationId: 'a:shared' };

    // Teams sends both install events, here to different instances at once: one welcome.
    const [s1, s2] = await Promise.all([
      post(a, A.installationUpdate(where, 'add')),
      post(b, A.conversationUpdate(where, [{ ...A.BOT }])),
    ]);
    expect([s1, s2]).toEqual([200, 200]);
    await connector.waitForMessages('a:shared', 1);
    await sleep(300);
    expect(connector.messages('a:shared')).toHaveLength(1);

    // Subscribed on one, listed and served by the other.
    expect(await say(a, A.message(where, 'tilaa hälytys Tietohallinto 60 %'))).toContain(
      'Hälytykset tilattu: Tietohallinto',
    );
    const listed = await say(b, A.message(where, 'näytä tilaukset'));
    expect(listed).toContain('Tietohallinto');
    expect(listed).toContain('Ilmoitus, kun budjetista on käytetty 60 %');
    const run = await runAlerts(b);
    expect(run.status).toBe(200);
    expect(await run.json()).toMatchObject({ sent: 1, failed: 0 });
    expect(said(connector.messages('a:shared').at(-1))).toMatch(/Tietohallinto[\s\S]*62,1 %/);

    // A question on one instance, its follow-up on the other.
    const asker = { ...where, conversationId: 'a:follow-up' };
    const first = A.message(asker, 'paljonko Tietohallinto on käyttänyt?');
    expect(await say(a, first)).toContain('Tietohallinto');
    const followUp = await say(b, { ...A.message(asker, 'entä vuonna 2021?'), from: first.from });
    expect(followUp).toContain('Tietohallinto');
    expect(followUp).toContain('2021');

    // One person's questions count once, whichever instance gets them: 5 at once, then none.
    const hasty = { id: '29:hasty', name: 'Kiireinen', aadObjectId: 'aad-hasty' };
    const texts: string[] = [];
    for (const [i, bot] of [a, b, a, b, a, b].entries()) {
      const q = {
        ...A.message({ ...where, conversationId: `a:hasty-${i}` }, 'paljonko Vaalit on käyttänyt?'),
      };
      texts.push(await say(bot, { ...q, from: hasty }));
    }
    expect(texts.slice(0, 5).every((t) => t.includes('Vaalit'))).toBe(true);
    expect(texts[5]).toContain(botMessage('rateLimited', 'fi'));
    // Told once, whichever instance gets the next ones: they get no reply at all.
    for (const [i, bot] of [b, a, b, a].entries()) {
      const conversationId = `a:hasty-more-${i}`;
      const q = A.message({ ...where, conversationId }, 'paljonko Vaalit on käyttänyt?');
      // Each request is answered after its turn, sends included.
      expect(await post(bot, { ...q, from: hasty })).toBe(200);
      expect(connector.messages(conversationId)).toEqual([]);
    }
  }, 90_000);

  it('should deliver each alert once when runs are started on both instances at once, through 429s, 500s and dropped sockets', async () => {
    const [a, b] = await twoInstances({ ALERTS_LEASE_SECONDS: '6' });
    const ids = await seedSubscribers(60);
    // Some conversations are throttled or fail for a while; one drops the socket without answering.
    connector.plan({
      status: 429,
      headers: { 'Retry-After': '1' },
      times: 10,
      when: (c) => /-[0-9]$/.test(c.conversationId ?? ''),
    });
    connector.plan({ status: 500, times: 10, when: (c) => /-1[0-9]$/.test(c.conversationId ?? '') });
    connector.plan({
      status: 201,
      dropSocket: true,
      times: 1,
      when: (c) => c.conversationId === 'a:subscriber-42',
    });

    const triggers = await Promise.all([
      runAlerts(a, '?background=true'),
      runAlerts(b, '?background=true'),
      runAlerts(a, '?daily=true&background=true'),
      runAlerts(b, '?daily=true&background=true'),
    ]);
    expect(triggers.map((r) => r.status)).toEqual([202, 202, 202, 202]);
    await connector.waitFor(() => [...received(ids).values()].every((n) => n >= 1), 60_000);
    // Every run has ended: the first manual one delivered, the second found the lease taken; one
    // daily run waited for the lease and ran (nothing left), the other found the day done.
    await waitForLogs(
      [a, b],
      (logs) =>
        logs.filter((l) => l.msg === 'alert run finished').length >= 2 &&
        logs.some((l) => l.msg === 'daily alert run already done by an instance'),
    );

    const counts = received(ids);
    expect([...counts.entries()].filter(([, n]) => n !== 1)).toEqual([]);
    const log = await alertLog();
    const states = new Map(log.map((e) => [e.conversationId, e.state] as const));
    expect(states.get('a:subscriber-42')).toBe('uncertain');
    expect(ids.filter((id) => id !== 'a:subscriber-42').every((id) => states.get(id) === 'sent')).toBe(true);

    // Another round on both finds nothing left to send.
    const again = await Promise.all([runAlerts(a), runAlerts(b)]);
    const bodies = (await Promise.all(again.map((r) => r.json()))) as Array<{ sent?: number }>;
    expect(bodies.map((x) => x.sent ?? 0)).toEqual([0, 0]);
    expect([...received(ids).values()].every((n) => n === 1)).toBe(true);
  }, 120_000);

  it('should finish the daily run on the other instance when the delivering one is killed mid-run', async () => {
    const [a, b] = await twoInstances({ ALERTS_LEASE_SECONDS: '3' });
    const ids = await seedSubscribers(150);
    // Slow answers keep the run going for seconds, with messages in flight when the kill comes.
    connector.plan({ status: 201, delayMs: 150, times: Number.POSITIVE_INFINITY });

    const triggers = await Promise.all([
      runAlerts(a, '?daily=true&background=true'),
      runAlerts(b, '?daily=true&background=true'),
    ]);
    expect(triggers.map((r) => r.status)).toEqual([202, 202]);
    await connector.waitFor(() => [...received(ids).values()].filter((n) => n > 0).length >= 40, 30_000);
    const holder = await leaseHolderPid();
    const victim = [a, b].find((x) => x.child.pid === holder);
    const survivor = [a, b].find((x) => x.child.pid !== holder) as Bot;
    expect(victim).toBeDefined();
    victim?.child.kill('SIGKILL');
    await victim?.exited;
    bots = [survivor];
    const deliveredAtKill = [...received(ids).values()].filter((n) => n > 0).length;

    // The survivor was waiting for the lease: it takes over within a lease and delivers the rest.
    await waitForLogs([survivor], (logs) => logs.some((l) => l.msg === 'alert run finished'), 60_000);
    await sleep(500);
    const finished = survivor.logs().find((l) => l.msg === 'alert run finished') as Record<string, unknown>;
    expect(finished.tookOverFrom).toMatch(new RegExp(`:${victim?.child.pid}$`));
    expect(Number(finished.sent)).toBeGreaterThan(0);

    const counts = received(ids);
    const log = await alertLog();
    const state = new Map(log.map((e) => [e.conversationId, e.state] as const));
    // Nothing twice; anything not received is recorded as uncertain (claimed when the instance died).
    expect([...counts.values()].every((n) => n <= 1)).toBe(true);
    const missing = ids.filter((id) => counts.get(id) === 0);
    expect(missing.every((id) => state.get(id) === 'uncertain')).toBe(true);
    const uncertain = ids.filter((id) => state.get(id) === 'uncertain');
    // Only what was claimed when the instance died is uncertain: at most one claim per worker of
    // its run (64), the rest was delivered by the survivor, and every alert is settled one way.
    expect(uncertain.length).toBeLessThanOrEqual(64);
    expect(ids.length - uncertain.length).toBeGreaterThanOrEqual(deliveredAtKill);
    expect(ids.every((id) => state.get(id) === 'sent' || state.get(id) === 'uncertain')).toBe(true);

    // The day is done: asked again, the survivor says so and sends nothing.
    const again = await runAlerts(survivor, '?daily=true');
    expect(await again.json()).toMatchObject({ status: 'done' });
    expect([...received(ids).values()].every((n) => n <= 1)).toBe(true);
  }, 120_000);
});

/** The pid of the instance holding the alert-run lease (from the shared database). */
async function leaseHolderPid(): Promise<number | null> {
  const state = await PostgresState.open((db as TestDatabase).url, { maintenance: false });
  try {
    for (let i = 0; i < 100; i++) {
      const { rows } = await state.pool.query<{ instance: string }>(
        `SELECT instance FROM bot_leases WHERE name = 'alerts' AND expires_at > now() AND run_id <> ''`,
      );
      const instance = rows[0]?.instance;
      if (instance) return Number(instance.split(':').at(-1));
      await sleep(50);
    }
    return null;
  } finally {
    await state.close();
  }
}

/** Waits until the bots' logs, together, satisfy `predicate`. */
async function waitForLogs(
  which: Bot[],
  predicate: (logs: Array<Record<string, unknown>>) => boolean,
  timeoutMs = 30_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate(which.flatMap((b) => b.logs()))) {
    if (Date.now() > deadline) throw new Error('the bots did not log what was waited for');
    await sleep(100);
  }
}
