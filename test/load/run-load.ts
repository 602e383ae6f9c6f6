/**
 * `npm run test:load`: the bounded load and soak test. The real bot (the compiled dist/ that
 * `npm start` runs, built first when stale) in its own process, the local Bot Connector in this
 * one; 100 questions a second across 50 conversations for 5 minutes (LOAD_SECONDS shortens it for local tries), loopback
 * only. Passes when there were no errors at all, every question got exactly one reply carrying
 * an Adaptive Card the adaptivecards library accepts, and the server's memory after warm-up grew
 * by at most 10 % by the end. Exits non-zero, naming what failed, otherwise. With LOAD_STATE_URL
 * (PostgreSQL) and LOAD_INSTANCES the questions are spread over that many bot processes sharing
 * one database, as behind a load balancer (a conversation's turns alternate between instances),
 * and each instance's memory is held to the same mark.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { Agent, request } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { staleness } from '../../scripts/build-info.mjs';
import { botMessage } from '../../src/bot/bot-messages';
import type { BotState } from '../../src/store/state-schema';
import { adaptiveCardsProblems } from '../card-validation';
import * as A from '../support/activities';
import { adaptiveCardOf } from '../support/bot-harness';
import { ConnectorServer } from '../support/connector-server';
import { freePort } from '../support/playground-client';
import { createDatabase } from '../support/postgres-cluster';
import { type LoadPlan, loadPlanFromEnv } from './load-plan';
import { growth, type MemorySample } from './memory';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** One question sent, and what became of it. */
interface Sent {
  conversationId: string;
  sentAt: number;
  status: number | null;
  /** The network error, when the request got no status. */
  error: string | null;
  latencyMs: number | null;
  replies: number;
}

/** Texts that mean the bot did not answer: a failed turn, or a refusal the load must never cause. */
const REFUSALS = new Set(
  (['fi', 'en'] as const).flatMap((lang) => [botMessage('failed', lang), botMessage('rateLimited', lang)]),
);

/** Subscription commands change the state and answer in text; the load is about questions. */
const COMMAND = /tilaa|tilau|hälyty|subscri|alert/i;

/** Single-turn questions of the question set that expect an answer: real, varied load. */
function questionTexts(): string[] {
  const lines = readFileSync(path.join(root, 'test/questions/questions.jsonl'), 'utf8').split('\n');
  const texts: string[] = [];
  for (const line of lines) {
    if (line.trim() === '') continue;
    const c = JSON.parse(line) as { turns: string[]; expect: { status: unknown } };
    if (c.turns.length === 1 && c.expect.status === 'answer' && c.turns[0] && !COMMAND.test(c.turns[0]))
      texts.push(c.turns[0]);
  }
  if (texts.length === 0) throw new Error('no questions found in test/questions/questions.jsonl');
  return texts;
}

/** One bot process of the run. */
interface LoadBot {
  child: ChildProcess;
  base: string;
  errors: string[];
  memory: () => Promise<MemorySample>;
}

/**
 * The bot as `npm start` runs it (scripts/start.mjs, running the compiled dist/), launched
 * through node directly so its pid is the server's. dist/ is built before the first start.
 */
async function startBot(stateEnv: Record<string, string>): Promise<LoadBot> {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [
      '--no-deprecation',
      '--expose-gc',
      '--require',
      path.join(root, 'test/load/memory-probe.cjs'),
      'scripts/start.mjs',
    ],
    {
      cwd: root,
      env: {
        ...process.env,
        PORT: String(port),
        ...stateEnv,
        ALERTS_ENABLED: 'false',
        LOG_LEVEL: 'info',
        MicrosoftAppId: '',
        MicrosoftAppPassword: '',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  // Every log line of level error (50) or worse is an error of the run.
  const errors: string[] = [];
  let outTail = '';
  child.stdout?.on('data', (d: Buffer) => {
    const lines = (outTail + d.toString('utf8')).split('\n');
    outTail = lines.pop() ?? '';
    for (const l of lines) if (/"level":(5\d|60)/.test(l)) errors.push(l.slice(0, 500));
  });
  const waiting: Array<(m: MemorySample) => void> = [];
  let errTail = '';
  child.stderr?.on('data', (d: Buffer) => {
    const lines = (errTail + d.toString('utf8')).split('\n');
    errTail = lines.pop() ?? '';
    for (const l of lines) {
      if (l.startsWith('LOAD_MEMORY ')) {
        const m = JSON.parse(l.slice('LOAD_MEMORY '.length)) as NodeJS.MemoryUsage;
        waiting.shift()?.({ rss: m.rss, heapUsed: m.heapUsed, at: Date.now() });
      } else if (l.trim() !== '') errors.push(`stderr: ${l.slice(0, 500)}`);
    }
  });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`bot exited with ${child.exitCode}: ${errors.join('\n')}`);
    // A build of dist/ first, when stale, takes a few seconds of the wait.
    if (i > 600) throw new Error('bot did not become healthy within 60 s');
    try {
      if ((await fetch(`${base}/healthz`)).ok) break;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    child,
    base,
    errors,
    memory: () =>
      new Promise<MemorySample>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('memory probe did not answer')), 10_000);
        waiting.push((m) => {
          clearTimeout(timer);
          resolve(m);
        });
        child.kill('SIGUSR2');
      }),
  };
}

/** What became of one POST: the status, or the network error when there was none. */
interface PostResult {
  status: number | null;
  error: string | null;
}

/** POSTs one activity over a keep-alive connection; never rejects. */
function post(agent: Agent, url: string, body: string): Promise<PostResult> {
  return new Promise((resolve) => {
    const req = request(
      url,
      {
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
        timeout: 30_000,
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? null, error: null }));
        res.on('error', (err) => resolve({ status: null, error: describe(err, req.reusedSocket) }));
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', (err) => resolve({ status: null, error: describe(err, req.reusedSocket) }));
    req.end(body);
  });
}

/** A network error as a short diagnosis: its code, and whether a kept-alive socket was reused. */
function describe(err: Error & { code?: string }, reusedSocket: boolean): string {
  return `${err.code ?? err.message}${reusedSocket ? ' on a reused socket' : ''}`;
}

async function run(plan: LoadPlan): Promise<boolean> {
  const questions = questionTexts();
  const connector = await ConnectorServer.start();
  const stateDir = await mkdtemp(path.join(os.tmpdir(), 'load-state-'));
  // PostgreSQL: a database of the run's own on the given server, dropped at the end.
  const database = plan.stateUrl ? await createDatabase(plan.stateUrl, 'bot_load') : null;
  const stateFile = path.join(stateDir, 'bot-state.json');
  const stateEnv: Record<string, string> = database ? { STATE_URL: database.url } : { STATE_PATH: stateFile };
  const bots: LoadBot[] = [];
  // Built once, here: several instances starting at once must not each build dist/.
  if (staleness()) execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: root, stdio: 'inherit' });
  for (let k = 0; k < plan.instances; k++) bots.push(await startBot(stateEnv));
  // A timeout of its own makes the agent honour the server's Keep-Alive hint and close an idle
  // socket before the server does, as a well-behaved client (the Bot Connector) would.
  const agent = new Agent({ keepAlive: true, maxSockets: 64, timeout: 60_000 });
  const sent = new Map<string, Sent>();
  const problems: string[] = [];
  let checkedCards = 0;

  // Replies are checked as they arrive and then dropped, so the generator's memory stays flat.
  const drain = (): void => {
    const calls = connector.calls.splice(0, connector.calls.length);
    for (const call of calls) {
      const body = call.body;
      if (call.status >= 300) problems.push(`connector answered ${call.status} to ${call.operation}`);
      if (!body || body.type === 'typing') continue;
      const s = call.activityId ? sent.get(call.activityId) : undefined;
      if (!s) {
        problems.push(`a reply to an unknown activity (${call.operation} ${call.activityId})`);
        continue;
      }
      s.replies += 1;
      const card = adaptiveCardOf(body);
      if (!card) {
        problems.push(`reply without an Adaptive Card: ${String(body.text).slice(0, 120)}`);
        continue;
      }
      if (typeof body.text === 'string' && REFUSALS.has(body.text)) problems.push(`refusal: ${body.text}`);
      const cardProblems = adaptiveCardsProblems(card);
      if (cardProblems.length > 0) problems.push(`invalid card: ${cardProblems.slice(0, 3).join('; ')}`);
      checkedCards += 1;
    }
  };

  const conversations = Array.from({ length: plan.conversations }, (_, i) => ({
    id: `19:load-${i}@thread.v2`,
    type: i % 2 === 0 ? ('groupChat' as const) : ('channel' as const),
  }));
  const userPool = 2000;
  const interval = 1000 / plan.rate;
  const total = Math.round(plan.seconds * plan.rate);
  const warmUpCount = Math.round(plan.warmUpSeconds * plan.rate);
  let warm: MemorySample[] | null = null;
  let warmCpu: number | null = null;
  let warmIndex = 0;
  /** Time the schedule stood still for the warm-up measurement. */
  let paused = 0;
  let lastSentAt = Date.now();
  /** CPU time of every bot process together. */
  const botsCpu = (): number | null => {
    const each = bots.map((b) => cpuMs(b.child.pid));
    return each.every((c) => c !== null) ? each.reduce((a: number, c) => a + (c as number), 0) : null;
  };
  /** Waits for the turns in flight, lets the servers settle, and takes each one's median of three readings. */
  const quietMemory = async (): Promise<MemorySample[]> => {
    await Promise.all(inFlight);
    await new Promise((r) => setTimeout(r, 1000));
    const mid = (xs: number[]) => xs.sort((a, b) => a - b)[1] ?? Number.NaN;
    const out: MemorySample[] = [];
    for (const bot of bots) {
      const readings: MemorySample[] = [];
      for (let k = 0; k < 3; k++) {
        readings.push(await bot.memory());
        await new Promise((r) => setTimeout(r, 300));
      }
      out.push({
        rss: mid(readings.map((m) => m.rss)),
        heapUsed: mid(readings.map((m) => m.heapUsed)),
        at: Date.now(),
      });
    }
    return out;
  };
  const inFlight = new Set<Promise<void>>();
  const started = Date.now();
  let drainTimer: NodeJS.Timeout | null = setInterval(drain, 500);

  process.stdout.write(
    `load: ${plan.rate}/s for ${plan.seconds} s across ${plan.conversations} conversations (warm-up ${plan.warmUpSeconds} s), ${questions.length} distinct questions, ${plan.instances} instance${plan.instances === 1 ? '' : 's'} on ${database ? 'PostgreSQL' : 'the state file'}\n`,
  );
  try {
    for (let i = 0; i < total; i++) {
      // Open loop: each request leaves at its own time, whatever the server's latency.
      const due = started + paused + i * interval;
      const wait = due - Date.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      if (i === warmUpCount) {
        // Memory is compared like with like: quiet (turns in flight done, after a GC) at both ends.
        // The schedule resumes after the pause, so the rate is kept.
        const pauseStart = Date.now();
        warm = await quietMemory();
        paused += Date.now() - pauseStart;
        warmCpu = botsCpu();
        warmIndex = i;
      } else if (i > warmUpCount && i % (plan.rate * 30) === 0) {
        const now = await Promise.all(bots.map((b) => b.memory()));
        process.stdout.write(
          `  ${Math.round((Date.now() - started) / 1000)} s: ${sent.size} sent, rss ${now.map((m) => mb(m.rss)).join(' + ')}, heap ${now.map((m) => mb(m.heapUsed)).join(' + ')}\n`,
        );
      }
      const conv = conversations[i % conversations.length]!;
      const activity = A.message(
        { serviceUrl: connector.url, conversationId: conv.id, conversationType: conv.type },
        questions[(i * 7919) % questions.length]!,
        { mention: true },
      );
      // Many people share a group chat; no one person asks more than a few questions a minute.
      activity.from = {
        id: `29:load-user-${(i * 31) % userPool}`,
        name: 'Kuormittaja',
        aadObjectId: `aad-load-${(i * 31) % userPool}`,
      };
      const id = String(activity.id);
      const entry: Sent = {
        conversationId: conv.id,
        sentAt: Date.now(),
        status: null,
        error: null,
        latencyMs: null,
        replies: 0,
      };
      sent.set(id, entry);
      lastSentAt = entry.sentAt;
      // Spread as a load balancer would, and so that one conversation's turns alternate between
      // instances (plain i % instances would pin each of an even number of conversations to one).
      const bot = bots[(i + Math.floor(i / plan.conversations)) % bots.length] as LoadBot;
      const p = post(agent, `${bot.base}/api/messages`, JSON.stringify(activity)).then((result) => {
        entry.status = result.status;
        entry.error = result.error;
        entry.latencyMs = Date.now() - entry.sentAt;
        inFlight.delete(p);
      });
      inFlight.add(p);
    }
    await Promise.all(inFlight);
    // Replies are posted before the 200 goes out; a short grace for the last connector calls.
    const deadline = Date.now() + 10_000;
    do {
      drain();
      if ([...sent.values()].every((s) => s.replies >= 1)) break;
      await new Promise((r) => setTimeout(r, 100));
    } while (Date.now() < deadline);
    if (drainTimer) clearInterval(drainTimer);
    drainTimer = null;
    drain();
    const endCpu = botsCpu();
    const end = await quietMemory();

    // A graceful stop after the load: exit 0, and every conversation's context kept.
    for (const bot of bots) {
      const exitCode = await stop(bot.child);
      if (exitCode !== 0) problems.push(`server exited with ${exitCode} on SIGTERM`);
    }
    let savedConversations: number;
    if (database) {
      savedConversations = await conversationsInDatabase(
        database.url,
        conversations.map((c) => c.id),
      );
    } else {
      const saved = await readState(stateFile);
      savedConversations = conversations.filter((c) => saved?.conversations[c.id]?.lastQuery).length;
    }
    if (savedConversations !== conversations.length)
      problems.push(
        `the state holds ${savedConversations} of ${conversations.length} conversations after SIGTERM`,
      );

    // Sending time only: the warm-up pause and the wait for the last replies are not load.
    const elapsed = (lastSentAt - started - paused) / 1000 + 1 / plan.rate;
    const statuses = [...sent.values()];
    const failedRequests = statuses.filter((s) => s.status !== 200);
    const missing = statuses.filter((s) => s.replies === 0);
    const doubled = statuses.filter((s) => s.replies > 1);
    const latencies = statuses.map((s) => s.latencyMs ?? Number.POSITIVE_INFINITY).sort((a, b) => a - b);
    const pct = (p: number) =>
      latencies[Math.min(latencies.length - 1, Math.ceil((p / 100) * latencies.length) - 1)];
    if (failedRequests.length > 0)
      problems.push(
        `${failedRequests.length} requests not answered 200 (e.g. ${failedRequests
          .slice(0, 3)
          .map((s) => s.status ?? s.error)
          .join(', ')})`,
      );
    if (missing.length > 0) problems.push(`${missing.length} questions got no reply`);
    if (doubled.length > 0) problems.push(`${doubled.length} questions got more than one reply`);
    for (const bot of bots) problems.push(...bot.errors.map((e) => `server logged: ${e}`));
    // Each instance's memory from its warm reading to its end reading.
    const memory = bots.map((_, k) => {
      const before = warm?.[k];
      const after = end[k] as MemorySample;
      const rss = before ? growth(before.rss, after.rss) : Number.NaN;
      const heap = before ? growth(before.heapUsed, after.heapUsed) : Number.NaN;
      if (rss > plan.maxGrowth)
        problems.push(`server ${k + 1} RSS grew ${(rss * 100).toFixed(1)} % after warm-up`);
      if (heap > plan.maxGrowth)
        problems.push(`server ${k + 1} heap (after GC) grew ${(heap * 100).toFixed(1)} % after warm-up`);
      return {
        warmRssMb: before ? mb(before.rss) : null,
        endRssMb: mb(after.rss),
        rssGrowthPct: Number((rss * 100).toFixed(1)),
        warmHeapMb: before ? mb(before.heapUsed) : null,
        endHeapMb: mb(after.heapUsed),
        heapGrowthPct: Number((heap * 100).toFixed(1)),
      };
    });
    if (!warm) problems.push('no memory sample after warm-up');

    const report = {
      instances: bots.length,
      state: database ? 'postgres' : 'file',
      requests: statuses.length,
      achievedRate: Number((statuses.length / elapsed).toFixed(1)),
      p50Ms: pct(50),
      p99Ms: pct(99),
      maxMs: latencies.at(-1),
      cardsChecked: checkedCards,
      // CPU the servers spent per question after warm-up: 1000 / this = questions/s one core can carry.
      serverCpuMsPerRequest:
        warmCpu !== null && endCpu !== null
          ? Number(((endCpu - warmCpu) / Math.max(1, statuses.length - warmIndex)).toFixed(2))
          : null,
      loadAverage: Number((os.loadavg()[0] ?? 0).toFixed(1)),
      memory: bots.length === 1 ? memory[0] : memory,
      problems: problems.length,
    };
    process.stdout.write(`LOAD_REPORT ${JSON.stringify(report)}\n`);
    for (const p of [...new Set(problems)].slice(0, 20)) process.stdout.write(`  problem: ${p}\n`);
    return problems.length === 0;
  } finally {
    if (drainTimer) clearInterval(drainTimer);
    agent.destroy();
    for (const bot of bots) if (bot.child.exitCode === null) await stop(bot.child);
    await connector.close();
    await rm(stateDir, { recursive: true, force: true });
    await database?.drop();
  }
}

/** Sends SIGTERM and resolves with the exit code. */
function stop(child: ChildProcess): Promise<number | null> {
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  child.kill('SIGTERM');
  return exited;
}

/** The bot's state file as written, or null when missing or unreadable. */
async function readState(file: string): Promise<BotState | null> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as BotState;
  } catch {
    return null;
  }
}

/** How many of these conversations the database holds with a last question, after the bots stopped. */
async function conversationsInDatabase(url: string, ids: string[]): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: string }>(
      'SELECT count(*) AS n FROM bot_conversations WHERE id = ANY($1::text[]) AND last_query IS NOT NULL',
      [ids],
    );
    return Number(rows[0]?.n ?? 0);
  } finally {
    await client.end();
  }
}

/** CPU time (user + system) a process has used, in ms, from /proc (Linux); null elsewhere. */
function cpuMs(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return null;
  }
}

function mb(bytes: number): number {
  return Math.round((bytes / 2 ** 20) * 10) / 10;
}

run(loadPlanFromEnv(process.env)).then(
  (ok) => {
    process.stdout.write(ok ? 'load test passed\n' : 'load test FAILED\n');
    process.exit(ok ? 0 : 1);
  },
  (err: unknown) => {
    process.stderr.write(`load test could not run: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
