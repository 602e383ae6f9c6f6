/**
 * The HTTP path: POST /api/messages with a real question, the bot answering through the local
 * Bot Connector, at fixed rates (200/s, target p99 < 20 ms; 50/s, to tell per-turn latency from
 * queueing; 1 000/s, to see how many a second it gets through); the message extension search;
 * GET /healthz. Baseline, same run, run for run: a bare restify + botbuilder bot (EchoBot,
 * bench/bare-bot.mjs) under the same loads. Target: a turn (latency p50, and the bot process's
 * CPU time per turn, at 50/s: a rate both take without queueing on a busy 2-core machine) at
 * most 1.5 × the bare bot's. Every part in a process of its own: the bot,
 * the connector (bench/support/connector-process.ts) and the load generator
 * (bench/support/load-process.ts). Loopback only, bounded durations.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { staleness } from '../scripts/build-info.mjs';
import { message, searchQuery } from '../test/support/activities';
import { freePort } from '../test/support/playground-client';
import { type Bench, type BenchRow, percentile } from './bench-section';

/** The open-loop load generator, for benches that run it in their own process (bench/state.bench.ts). */
export { fixedRate } from './support/fixed-rate';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const tsxLoader = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

const RATE = 200;
/** A rate well below saturation, to tell per-turn latency from queueing. */
const LOW_RATE = 50;
/** A rate above what either bot can do: what it gets through is its throughput. */
const FLAT_OUT = 1000;
const SECONDS = 8;
/** Runs of each bot at the full rate, taking turns; the median run is reported. */
const FIXED_RUNS = 3;
const QUESTION = 'paljonko Tietohallinto on käyttänyt?';
/** The yardstick of the team guide: at most this many times the bare bot. */
const LIMIT = 1.5;

/** What one fixed-rate run measured. */
interface RateRun {
  p50: number;
  p99: number;
  achieved: number;
  failures: number;
  /** The bot process's CPU time (user + system) during the run, per request. */
  cpuPerRequestMs: number;
  /** Messages the connector received during the run. */
  delivered: number;
}

/** Reads lines of a child's stdout; resolves each wait with the next line starting with a prefix. */
function lines(child: ChildProcess): (prefix: string) => Promise<string> {
  const seen: string[] = [];
  const waiting: Array<{ prefix: string; resolve: (line: string) => void }> = [];
  let tail = '';
  child.stdout?.on('data', (d: Buffer) => {
    const parts = (tail + d.toString('utf8')).split('\n');
    tail = parts.pop() ?? '';
    for (const line of parts) {
      const w = waiting.findIndex((x) => line.startsWith(x.prefix));
      if (w >= 0) waiting.splice(w, 1)[0]?.resolve(line);
      else seen.push(line);
    }
  });
  return (prefix) =>
    new Promise((resolve) => {
      const i = seen.findIndex((l) => l.startsWith(prefix));
      if (i >= 0) resolve(seen.splice(i, 1)[0] ?? '');
      else waiting.push({ prefix, resolve });
    });
}

/** CPU time used so far by a process (Linux /proc; NaN elsewhere). */
function cpuMs(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return Number.NaN;
  }
}

/** The local Bot Connector in its own process. */
async function startConnector(): Promise<{
  url: string;
  counts: () => Promise<{ messages: number; typing: number }>;
  stop: () => Promise<void>;
}> {
  const child = spawn(process.execPath, ['--import', tsxLoader, 'bench/support/connector-process.ts'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const next = lines(child);
  const url = (await next('CONNECTOR ')).slice('CONNECTOR '.length).trim();
  return {
    url,
    counts: async () => {
      const line = next('CONNECTOR_COUNTS ');
      child.kill('SIGUSR2');
      return JSON.parse((await line).slice('CONNECTOR_COUNTS '.length)) as {
        messages: number;
        typing: number;
      };
    },
    stop: async () => {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** A bot in its own process; resolves once /healthz answers. */
interface BotProcess {
  base: string;
  pid: number;
  /** The bot's own turn times from its turn log lines (ours only), with when they were written. */
  turns: () => Array<{ at: number; durationMs: number }>;
  stop: () => Promise<void>;
}

async function startBot(script: string, stateDir: string): Promise<BotProcess> {
  const port = await freePort();
  const logFile = path.join(stateDir, `log-${port}.jsonl`);
  const logFd = openSync(logFile, 'w');
  const child = spawn(process.execPath, [script], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      STATE_PATH: path.join(stateDir, `state-${port}.json`),
      LOG_LEVEL: 'info',
      ALERTS_ENABLED: 'false',
      // One synthetic user asks 200 questions a second: the per-user limit would refuse them.
      QUESTIONS_PER_MINUTE: '0',
      MicrosoftAppId: '',
      MicrosoftAppPassword: '',
      NODE_NO_WARNINGS: '1',
    },
    // The per-turn log line is written as in production, to a file (as a log collector would
    // take it): read afterwards for the bot's own turn time, not while the bot is measured.
    stdio: ['ignore', logFd, 'ignore'],
  });
  closeSync(logFd);
  const turns = () =>
    readFileSync(logFile, 'utf8')
      .split('\n')
      .filter((line) => line.includes('"event":"turn"'))
      .map((line) => JSON.parse(line) as { time?: number; durationMs?: number })
      .flatMap((e) =>
        typeof e.time === 'number' && typeof e.durationMs === 'number'
          ? [{ at: e.time, durationMs: e.durationMs }]
          : [],
      );
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`${script} exited with ${child.exitCode}`);
    if (i > 400) {
      child.kill('SIGKILL');
      throw new Error(`${script} did not become healthy within 40 s`);
    }
    try {
      if ((await fetch(`${base}/healthz`)).ok) break;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    base,
    pid: child.pid ?? 0,
    turns,
    stop: async () => {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** One run of the load generator (its own process) against `url`; the bot's CPU is read around it. */
async function load(
  bot: BotProcess,
  connector: Awaited<ReturnType<typeof startConnector>>,
  opts: { path: string; method: 'GET' | 'POST'; bodyFile?: string; rate: number; seconds: number },
): Promise<RateRun> {
  await connector.counts(); // starts the count afresh
  const child = spawn(
    process.execPath,
    [
      '--import',
      tsxLoader,
      'bench/support/load-process.ts',
      `${bot.base}${opts.path}`,
      opts.method,
      String(opts.rate),
      String(opts.seconds),
      ...(opts.bodyFile ? [opts.bodyFile] : []),
    ],
    { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const next = lines(child);
  // The generator's own start (tsx) is not the bot's: the CPU count starts with the first request.
  const cpuBefore = cpuMs(bot.pid);
  const result = JSON.parse(await next('{')) as Omit<RateRun, 'cpuPerRequestMs' | 'delivered'>;
  const cpuAfter = cpuMs(bot.pid);
  const { messages } = await connector.counts();
  return {
    ...result,
    cpuPerRequestMs: (cpuAfter - cpuBefore) / (opts.rate * opts.seconds),
    delivered: messages,
  };
}

const ms = (v: number) => Math.round(v * 100) / 100;
const medianRun = (runs: RateRun[], by: (r: RateRun) => number) =>
  [...runs].sort((a, b) => by(a) - by(b))[Math.floor(runs.length / 2)] as RateRun;

const bench: Bench = async (progress) => {
  // The bot runs as npm start does, from dist/: build it first when the sources are newer.
  if (staleness()) {
    progress('building dist/ (npm run build)');
    execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: root, stdio: 'ignore' });
  }
  const dir = await mkdtemp(path.join(os.tmpdir(), 'bench-http-'));
  const connector = await startConnector();
  const questionFile = path.join(dir, 'question.json');
  const searchFile = path.join(dir, 'search.json');
  await writeFile(
    questionFile,
    JSON.stringify(message({ serviceUrl: connector.url, conversationId: 'a:bench' }, QUESTION)),
  );
  await writeFile(searchFile, JSON.stringify(searchQuery({ serviceUrl: connector.url }, 'tietoh')));
  const bots = {
    ours: await startBot('scripts/start.mjs', dir),
    bare: await startBot('bench/bare-bot.mjs', dir),
  };
  const messages = { path: '/api/messages', method: 'POST' as const, bodyFile: questionFile };
  try {
    for (const [name, bot] of Object.entries(bots)) {
      progress(`${name}: warm-up (JIT), 4 s at ${RATE}/s`);
      await load(bot, connector, { ...messages, rate: RATE, seconds: 4 });
    }
    const full: Record<keyof typeof bots, RateRun[]> = { ours: [], bare: [] };
    for (let k = 1; k <= FIXED_RUNS; k++) {
      for (const name of ['bare', 'ours'] as const) {
        progress(`${name}: POST /api/messages at ${RATE}/s for ${SECONDS} s (run ${k}/${FIXED_RUNS})`);
        const from = Date.now();
        const run = await load(bots[name], connector, { ...messages, rate: RATE, seconds: SECONDS });
        full[name].push({ ...run, from, to: Date.now() } as RateRun);
      }
    }
    // The turn itself, at a rate neither bot queues at: runs taking turns, the median reported.
    const lowRuns: Record<keyof typeof bots, RateRun[]> = { ours: [], bare: [] };
    for (let k = 1; k <= FIXED_RUNS; k++) {
      for (const name of ['bare', 'ours'] as const) {
        progress(`${name}: POST /api/messages at ${LOW_RATE}/s for ${SECONDS} s (run ${k}/${FIXED_RUNS})`);
        lowRuns[name].push(
          await load(bots[name], connector, { ...messages, rate: LOW_RATE, seconds: SECONDS }),
        );
      }
    }
    const flat: Partial<Record<keyof typeof bots, RateRun>> = {};
    for (const name of ['bare', 'ours'] as const) {
      progress(`${name}: POST /api/messages asked ${FLAT_OUT}/s for 4 s`);
      flat[name] = await load(bots[name], connector, { ...messages, rate: FLAT_OUT, seconds: 4 });
    }
    progress(`ours: message extension search at ${LOW_RATE}/s for ${SECONDS} s`);
    const searched = await load(bots.ours, connector, {
      path: '/api/messages',
      method: 'POST',
      bodyFile: searchFile,
      rate: LOW_RATE,
      seconds: SECONDS,
    });
    progress(`ours: GET /healthz at ${RATE}/s for ${SECONDS} s`);
    const health = await load(bots.ours, connector, {
      path: '/healthz',
      method: 'GET',
      rate: RATE,
      seconds: SECONDS,
    });

    const ours = medianRun(full.ours, (r) => r.p50);
    const bare = medianRun(full.bare, (r) => r.p50);
    const lowOurs = medianRun(lowRuns.ours, (r) => r.p50);
    const lowBare = medianRun(lowRuns.bare, (r) => r.p50);
    const cpu = (runs: RateRun[]) =>
      percentile(
        runs.map((r) => r.cpuPerRequestMs),
        50,
      );
    const oursCpu = cpu(lowRuns.ours);
    const bareCpu = cpu(lowRuns.bare);
    const oursP99 = medianRun(full.ours, (r) => r.p99);
    const p99Range = `${ms(Math.min(...full.ours.map((r) => r.p99)))}–${ms(Math.max(...full.ours.map((r) => r.p99)))} ms`;
    const window = oursP99 as RateRun & { from: number; to: number };
    const own = bots.ours
      .turns()
      .filter((t) => t.at >= window.from && t.at <= window.to)
      .map((t) => t.durationMs);
    const all = [
      ...full.ours,
      ...full.bare,
      ...lowRuns.ours,
      ...lowRuns.bare,
      flat.ours,
      flat.bare,
      searched,
      health,
    ].filter((r): r is RateRun => r !== undefined);
    const failures = all.reduce((n, r) => n + r.failures, 0);
    const answered = full.ours.reduce((n, r) => n + r.delivered, 0);
    const asked = FIXED_RUNS * RATE * SECONDS;

    const rows: BenchRow[] = [
      {
        name: `a turn: /api/messages p50 at ${LOW_RATE} req/s`,
        value: ms(lowOurs.p50),
        unit: 'ms',
        target: `≤ ${LIMIT} × bare`,
        met: lowOurs.p50 <= LIMIT * lowBare.p50,
        baseline: { name: `bare bot p50 at ${LOW_RATE}/s`, value: ms(lowBare.p50), unit: 'ms' },
        note: `${(lowOurs.p50 / lowBare.p50).toFixed(2)} × bare; median of ${FIXED_RUNS} runs each; p99 ${ms(lowOurs.p99)} ms (bare ${ms(lowBare.p99)} ms)`,
      },
      {
        name: 'a turn: the bot process’s CPU time per request',
        value: ms(oursCpu),
        unit: 'ms',
        target: `≤ ${LIMIT} × bare`,
        met: oursCpu <= LIMIT * bareCpu,
        baseline: { name: 'bare bot CPU per request', value: ms(bareCpu), unit: 'ms' },
        note: `${(oursCpu / bareCpu).toFixed(2)} × bare; user + system from /proc, median of the ${LOW_RATE}/s runs; at ${RATE}/s ${ms(cpu(full.ours))} ms (bare ${ms(cpu(full.bare))} ms)`,
      },
      {
        name: `/api/messages p50 at ${RATE} req/s`,
        value: ms(ours.p50),
        unit: 'ms',
        baseline: { name: `bare bot p50 at ${RATE}/s`, value: ms(bare.p50), unit: 'ms' },
        note: `median of ${FIXED_RUNS} runs each`,
      },
      {
        name: `/api/messages p99 at ${RATE} req/s`,
        value: ms(oursP99.p99),
        unit: 'ms',
        target: '< 20 ms',
        met: oursP99.p99 < 20,
        baseline: {
          name: `bare bot p99 at ${RATE}/s`,
          value: ms(medianRun(full.bare, (r) => r.p99).p99),
          unit: 'ms',
        },
        note: `median of ${FIXED_RUNS} runs of ${SECONDS} s; p99 of each run ${p99Range}`,
      },
      {
        name: `the bot's own turn time at ${RATE} req/s (its turn log line), p99`,
        value: ms(percentile(own, 99)),
        unit: 'ms',
        note: `p50 ${ms(percentile(own, 50))} ms over ${own.length} turns; from the start of the turn to its end, the answer's connector call included`,
      },
      {
        name: `/api/messages answered per second when asked ${FLAT_OUT}/s`,
        value: Math.round((flat.ours as RateRun).achieved),
        unit: 'req/s',
        baseline: {
          name: 'bare bot',
          value: Math.round((flat.bare as RateRun).achieved),
          unit: 'req/s',
        },
        note: `open loop for 4 s; p50 ${ms((flat.ours as RateRun).p50)} ms (bare ${ms((flat.bare as RateRun).p50)} ms)`,
      },
      {
        name: `search "tietoh" (composeExtension/query) p99 at ${LOW_RATE} req/s`,
        value: ms(searched.p99),
        unit: 'ms',
        target: '< 100 ms',
        met: searched.p99 < 100,
        baseline: { name: `GET /healthz p99 at ${RATE}/s`, value: ms(health.p99), unit: 'ms' },
        note: `p50 ${ms(searched.p50)} ms; answered in the invoke response, no connector call`,
      },
      {
        name: `answers delivered at the connector (asked ${asked} at ${RATE}/s)`,
        value: answered,
        unit: '',
        target: `${asked}`,
        met: answered === asked,
      },
      { name: 'failed requests (non-2xx or errors), every run of both bots', value: failures, unit: '' },
    ];
    return {
      title: 'HTTP: /api/messages with the local Bot Connector',
      rows,
      notes: [
        `Each request to the bot is a full turn: "${QUESTION}" understood, answered, card rendered and POSTed to the local connector, context kept (state file written at most once a second). The bare bot answers each message with a text (an Adaptive Card of the same size costs it no more: measured while building this bench).`,
        'Latency is until the 200 of /api/messages, which botbuilder sends after the turn, so it includes the connector call. Fixed rates are open loop: requests start on schedule and latency counts from the scheduled time.',
        `Processes of their own: the bot (node scripts/start.mjs, as npm start: the bundle dist/index.mjs), the bare bot (node bench/bare-bot.mjs), the connector and the load generator (each node + tsx). Loopback only. The two bots run side by side, idle but for the one under load. Load average when done: ${(os.loadavg()[0] ?? 0).toFixed(1)} on ${os.cpus().length} cores, shared with other work.`,
      ],
    };
  } finally {
    await bots.ours.stop();
    await bots.bare.stop();
    await connector.stop();
    await rm(dir, { recursive: true, force: true });
  }
};

export default bench;
