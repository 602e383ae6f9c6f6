/**
 * The HTTP path: POST /api/messages with a real question, the bot answering through the local
 * Bot Connector, at a fixed rate of 200 requests/s (target p99 < 20 ms), at 50/s, and flat out;
 * the message extension search; GET /healthz at the same rate as the baseline of the HTTP stack
 * itself. The bot runs as `npm start` would, in its own process; the load generator and the
 * connector share this one. Loopback only, bounded durations.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { Agent, request } from 'node:http';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { message, searchQuery } from '../test/support/activities';
import { ConnectorServer } from '../test/support/connector-server';
import { freePort } from '../test/support/playground-client';
import { type Bench, type BenchRow, percentile } from './bench-section';

interface AutocannonResult {
  latency: { p50: number; p99: number };
  requests: { average: number };
  non2xx: number;
  errors: number;
  timeouts: number;
}
interface AutocannonOptions {
  url: string;
  method: 'POST';
  headers: Record<string, string>;
  body: string;
  connections: number;
  duration: number;
}

// autocannon ships no types; this is the part of its API used here (flat-out throughput).
const autocannon = createRequire(import.meta.url)('autocannon') as (
  opts: AutocannonOptions,
) => Promise<AutocannonResult>;

const RATE = 200;
/** A rate well below saturation, to tell per-turn latency from queueing. */
const LOW_RATE = 50;
const SECONDS = 8;
/** Runs at the full rate; the median one is reported. */
const FIXED_RUNS = 3;
const QUESTION = 'paljonko Tietohallinto on käyttänyt?';

/** What one fixed-rate run measured. */
interface RateRun {
  p50: number;
  p99: number;
  achieved: number;
  failures: number;
}

/**
 * An open-loop load at a fixed rate: requests start on schedule whether or not earlier ones
 * have finished, and latency counts from the scheduled start, so a stall shows in the tail
 * instead of quietly lowering the rate (autocannon's overallRate sends in bursts at the start
 * of each second and waits for free connections).
 */
export async function fixedRate(opts: {
  url: string;
  method: 'GET' | 'POST';
  body?: string;
  rate: number;
  seconds: number;
}): Promise<RateRun> {
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  const target = new URL(opts.url);
  const latencies: number[] = [];
  let failures = 0;
  const total = opts.rate * opts.seconds;
  const started = performance.now();
  const dueAt = (i: number) => started + (i * 1000) / opts.rate;
  const inFlight: Array<Promise<void>> = [];
  const one = (due: number) =>
    new Promise<void>((resolve) => {
      const req = request(
        {
          host: target.hostname,
          port: target.port,
          path: target.pathname,
          method: opts.method,
          agent,
          headers: { 'content-type': 'application/json' },
        },
        (res) => {
          res.resume();
          res.on('end', () => {
            if ((res.statusCode ?? 0) >= 300) failures += 1;
            latencies.push(performance.now() - due);
            resolve();
          });
        },
      );
      req.on('error', () => {
        failures += 1;
        resolve();
      });
      req.end(opts.body);
    });
  let sent = 0;
  while (sent < total) {
    const wait = dueAt(sent) - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    // Start everything now due (timers are coarse); latency still counts from each one's due time.
    while (sent < total && dueAt(sent) <= performance.now() + 0.5) {
      inFlight.push(one(dueAt(sent)));
      sent += 1;
    }
  }
  await Promise.all(inFlight);
  const elapsed = (performance.now() - started) / 1000;
  agent.destroy();
  return {
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    achieved: latencies.length / elapsed,
    failures,
  };
}

/** A turn as the bot's own log line reports it: when it was written, and how long the turn took. */
interface LoggedTurn {
  at: number;
  durationMs: number;
}

/** Starts `node --import tsx src/index.ts` on a free port with a fresh state file; resolves when /healthz answers. */
async function startBotProcess(): Promise<{ base: string; child: ChildProcess; turns: LoggedTurn[] }> {
  const port = await freePort();
  const stateDir = await mkdtemp(path.join(os.tmpdir(), 'bench-state-'));
  // One process (not the tsx CLI's two), so the signals at the end reach the bot itself.
  const tsxLoader = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  const child = spawn(process.execPath, ['--import', tsxLoader, 'src/index.ts'], {
    env: {
      ...process.env,
      PORT: String(port),
      STATE_PATH: path.join(stateDir, 'bot-state.json'),
      LOG_LEVEL: 'info',
      ALERTS_ENABLED: 'false',
      // One synthetic user asks 200 questions a second: the per-user limit would refuse them.
      QUESTIONS_PER_MINUTE: '0',
      MicrosoftAppId: '',
      MicrosoftAppPassword: '',
    },
    // The per-turn log line is written as in production; it is read here for the bot's own turn time.
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const turns: LoggedTurn[] = [];
  let tail = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    const lines = (tail + chunk.toString('utf8')).split('\n');
    tail = lines.pop() ?? '';
    for (const line of lines) {
      if (!line.includes('"event":"turn"')) continue;
      const entry = JSON.parse(line) as { time?: number; durationMs?: number };
      if (typeof entry.time === 'number' && typeof entry.durationMs === 'number')
        turns.push({ at: entry.time, durationMs: entry.durationMs });
    }
  });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 200; i++) {
    if (child.exitCode !== null) throw new Error(`bot exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${base}/healthz`)).ok) return { base, child, turns };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error('bot did not become healthy within 20 s');
}

const ms = (v: number) => Math.round(v * 10) / 10;

const bench: Bench = async (progress) => {
  const connector = await ConnectorServer.start();
  const { base, child, turns } = await startBotProcess();
  const activity = JSON.stringify(
    message({ serviceUrl: connector.url, conversationId: 'a:bench' }, QUESTION),
  );
  const messages = { url: `${base}/api/messages`, method: 'POST' as const, body: activity };
  const search = { ...messages, body: JSON.stringify(searchQuery({ serviceUrl: connector.url }, 'tietoh')) };

  try {
    progress('warm-up (JIT): 4 s at the full rate');
    await fixedRate({ ...messages, rate: RATE, seconds: 4 });
    progress(`GET /healthz at ${RATE}/s for ${SECONDS}s`);
    const health = await fixedRate({ url: `${base}/healthz`, method: 'GET', rate: RATE, seconds: SECONDS });
    progress(`POST /api/messages at ${RATE}/s for ${SECONDS}s (run 1/${FIXED_RUNS})`);
    // Three runs at the full rate: one run's p99 rests on its 16 slowest requests, and a single
    // stall moves it, so the median run is reported with the range beside it.
    const runs: Array<RateRun & { from: number; to: number }> = [];
    for (let k = 1; k <= FIXED_RUNS; k++) {
      if (k > 1) progress(`POST /api/messages at ${RATE}/s for ${SECONDS}s (run ${k}/${FIXED_RUNS})`);
      const from = Date.now();
      const run = await fixedRate({ ...messages, rate: RATE, seconds: SECONDS });
      runs.push({ ...run, from, to: Date.now() });
    }
    runs.sort((a, b) => a.p99 - b.p99);
    const fixed = runs[Math.floor(runs.length / 2)]!;
    const p99Range = `${ms(runs[0]!.p99)}–${ms(runs.at(-1)!.p99)} ms`;
    progress(`POST /api/messages at ${LOW_RATE}/s for ${SECONDS}s`);
    const low = await fixedRate({ ...messages, rate: LOW_RATE, seconds: SECONDS });
    progress(`message extension search at ${LOW_RATE}/s for ${SECONDS}s`);
    const searched = await fixedRate({ ...search, rate: LOW_RATE, seconds: SECONDS });
    progress(`POST /api/messages flat out for ${SECONDS}s`);
    const flat = await autocannon({
      ...messages,
      headers: { 'content-type': 'application/json' },
      connections: 10,
      duration: SECONDS,
    });
    const delivered = connector.messages('a:bench').length;
    const failures =
      runs.reduce((n, r) => n + r.failures, 0) +
      low.failures +
      searched.failures +
      flat.non2xx +
      flat.errors +
      flat.timeouts;
    const load = os.loadavg()[0] ?? 0;
    // The bot's own time per turn in the 200/s window, from its turn log lines.
    await new Promise((r) => setTimeout(r, 200));
    const own = turns.filter((t) => t.at >= fixed.from && t.at <= fixed.to).map((t) => t.durationMs);

    const rows: BenchRow[] = [
      {
        name: `/api/messages p50 at ${RATE} req/s`,
        value: ms(fixed.p50),
        unit: 'ms',
        baseline: { name: `GET /healthz p50 at ${RATE}/s`, value: ms(health.p50), unit: 'ms' },
      },
      {
        name: `/api/messages p99 at ${RATE} req/s`,
        value: ms(fixed.p99),
        unit: 'ms',
        target: '< 20 ms',
        met: fixed.p99 < 20,
        note: `median of ${FIXED_RUNS} runs of ${SECONDS} s; p99 of each run ${p99Range}`,
        baseline: { name: `GET /healthz p99 at ${RATE}/s`, value: ms(health.p99), unit: 'ms' },
      },
      {
        name: `the bot's own turn time p99 at ${RATE} req/s (its turn log line)`,
        value: ms(percentile(own, 99)),
        unit: 'ms',
        note: `p50 ${ms(percentile(own, 50))} ms over ${own.length} turns; from the start of the turn to its end, both connector calls included`,
      },
      { name: `/api/messages achieved rate (asked ${RATE}/s)`, value: fixed.achieved, unit: 'req/s' },
      { name: `/api/messages p50 at ${LOW_RATE} req/s`, value: ms(low.p50), unit: 'ms' },
      { name: `/api/messages p99 at ${LOW_RATE} req/s`, value: ms(low.p99), unit: 'ms' },
      {
        name: `search "tietoh" (composeExtension/query) p99 at ${LOW_RATE} req/s`,
        value: ms(searched.p99),
        unit: 'ms',
        target: '< 100 ms',
        met: searched.p99 < 100,
        note: `p50 ${ms(searched.p50)} ms; answered in the invoke response, no connector call`,
      },
      {
        name: '/api/messages activities/s flat out (autocannon, 10 connections)',
        value: flat.requests.average,
        unit: 'activities/s',
        note: `p50 ${flat.latency.p50} ms, p99 ${flat.latency.p99} ms`,
      },
      { name: 'failed requests (non-2xx, errors, timeouts)', value: failures, unit: '' },
    ];
    return {
      title: 'HTTP: /api/messages with the local Bot Connector',
      rows,
      notes: [
        `Each request is a full turn: "${QUESTION}" understood, answered, card rendered, typing indicator and answer POSTed to the local connector, context kept (state file written at most once a second); ${delivered} answers delivered in all.`,
        'Latency is until the 200 of /api/messages, which botbuilder sends after the turn, so it includes both connector calls. Fixed rates are open loop: requests start on schedule and latency counts from the scheduled time.',
        `Load average when done: ${load.toFixed(1)} on ${os.cpus().length} cores (other work on the machine skews the tail).`,
        'The bot runs in its own process (src/index.ts under tsx, as npm start); the load generator and the connector share the bench process. Loopback only.',
        ...(runs.every((r) => r.p99 < 20)
          ? []
          : [
              `**Target ${fixed.p99 < 20 ? 'met by the median run but not by every run' : 'missed'}: p99 < 20 ms at ${RATE} req/s** (p99 ${p99Range} across the ${FIXED_RUNS} runs). The bot's own turn time in the median run's window is p99 ${ms(percentile(own, 99))} ms (it includes both connector calls, answered by the busy bench process); the rest of the tail is time outside the turn: waiting for the bot's event loop before the turn starts, and the load generator and the connector, which share the machine's ${os.cpus().length} cores with the bot. When profiled (2026-11-23, this load), GC pauses in the bot stayed under 6 ms (--trace-gc) and its CPU profile showed no single hot spot (the core about a quarter of a turn; botbuilder, the Azure HTTP pipeline of the two connector calls and the HTTP stack the rest). Not measured on a machine with cores to spare.`,
            ]),
      ],
    };
  } finally {
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
    await connector.close();
  }
};

export default bench;
