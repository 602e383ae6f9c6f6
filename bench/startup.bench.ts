/**
 * Cold start on the production path: from spawning `node scripts/start.mjs` (what `npm start`
 * runs: the compiled dist/, checked up to date) to /healthz answering, and to the first answer
 * delivered at the local Bot Connector; the server's memory once loaded and once it has
 * answered. Over the seed store and a generated store of 2 000 cost centres × 10 years.
 * Baseline, same run, interleaved round by round: a bare restify + botbuilder bot from the same
 * node_modules (bench/bare-bot.mjs, plain node) to /healthz and to its first echo delivered.
 * Target: start to /healthz at most 1.5 × the bare bot's.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { staleness } from '../scripts/build-info.mjs';
import { message } from '../test/support/activities';
import { ConnectorServer } from '../test/support/connector-server';
import { freePort } from '../test/support/playground-client';
import { type Bench, type BenchRow, percentile } from './bench-section';
import { generatedStore } from './questions.bench';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const PROBE = path.join(root, 'test/load/memory-probe.cjs');
const QUESTION = 'paljonko Tietohallinto on käyttänyt?';
const ROUNDS = 5;
/** The yardstick of the team guide: at most this many times the bare bot. */
const LIMIT = 1.5;

interface Memory {
  rss: number;
  heapUsed: number;
}

interface StartRun {
  healthyMs: number;
  /** CPU time (user + system) the process had used when /healthz first answered. */
  healthyCpuMs: number;
  firstAnswerMs: number;
  loaded: Memory;
  answered: Memory;
}

/** CPU time used so far by a process (Linux /proc; NaN elsewhere). */
function cpuMs(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    const ticks = Number(fields[11]) + Number(fields[12]);
    // Clock ticks are 100 a second on Linux (USER_HZ).
    return ticks * 10;
  } catch {
    return Number.NaN;
  }
}

/** Starts `script` with `env`, asks one question, measures, stops it. */
async function coldStart(
  script: string,
  env: Record<string, string>,
  question: string,
  connector: ConnectorServer,
): Promise<StartRun> {
  const port = await freePort();
  const stateDir = await mkdtemp(path.join(os.tmpdir(), 'bench-startup-'));
  const started = performance.now();
  const child = spawn(process.execPath, ['--no-deprecation', '--expose-gc', '--require', PROBE, script], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      STATE_PATH: path.join(stateDir, 'bot-state.json'),
      ALERTS_ENABLED: 'false',
      LOG_LEVEL: 'warn',
      MicrosoftAppId: '',
      MicrosoftAppPassword: '',
      ...env,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const memory = probe(child);
  try {
    const base = `http://127.0.0.1:${port}`;
    let healthyCpuMs = Number.NaN;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`${script} exited with ${child.exitCode}`);
      if (performance.now() - started > 120_000) throw new Error(`${script} did not start within 120 s`);
      try {
        if ((await fetch(`${base}/healthz`)).ok) {
          healthyCpuMs = cpuMs(child.pid ?? 0);
          break;
        }
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 5));
    }
    const healthyMs = performance.now() - started;
    const loaded = await memory();
    const conversationId = `a:startup-${port}`;
    const sentAt = performance.now();
    await fetch(`${base}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(message({ serviceUrl: connector.url, conversationId }, question)),
    });
    await connector.waitForMessages(conversationId, 1, 60_000);
    // The time spent measuring memory is not start-up time.
    const firstAnswerMs = healthyMs + (performance.now() - sentAt);
    const answered = await memory();
    return { healthyMs, healthyCpuMs, firstAnswerMs, loaded, answered };
  } finally {
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
    await rm(stateDir, { recursive: true, force: true });
  }
}

/** Asks the probe preloaded in `child` for its memory after a GC. */
function probe(child: ChildProcess): () => Promise<Memory> {
  const waiting: Array<(m: Memory) => void> = [];
  let tail = '';
  child.stderr?.on('data', (d: Buffer) => {
    const lines = (tail + d.toString('utf8')).split('\n');
    tail = lines.pop() ?? '';
    for (const l of lines)
      if (l.startsWith('LOAD_MEMORY ')) waiting.shift()?.(JSON.parse(l.slice(12)) as Memory);
  });
  return () =>
    new Promise<Memory>((resolve) => {
      waiting.push(resolve);
      child.kill('SIGUSR2');
    });
}

const mb = (bytes: number) => bytes / 2 ** 20;
const median = (xs: number[]) => percentile(xs, 50);

const bench: Bench = async (progress) => {
  // The production path runs dist/: build it first when the sources are newer.
  if (staleness()) {
    progress('building dist/ (npm run build)');
    execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: root, stdio: 'ignore' });
  }
  const connector = await ConnectorServer.start();
  const dir = await mkdtemp(path.join(os.tmpdir(), 'bench-startup-store-'));
  const generatedPath = path.join(dir, 'generated-2000x10.json');
  const generated = generatedStore(2000, 10);
  await writeFile(generatedPath, JSON.stringify(generated));
  const firstName = generated.costCentres.find((c) => c.level === 'costCentre')?.name ?? '';
  try {
    const bare: StartRun[] = [];
    // The target is for the bot as shipped (the seed store); the generated store, 60 times the
    // facts, shows how start-up grows with the data (reading, validating, indexing it).
    const stores = [
      { name: 'seed store', path: path.join(root, 'data/budget.json'), question: QUESTION, target: true },
      {
        name: `generated store (2 000 × 10, ${generated.facts.length} facts)`,
        path: generatedPath,
        question: `paljonko ${firstName} on käyttänyt?`,
        target: false,
      },
    ];
    const runs = new Map<string, StartRun[]>();
    for (let round = 0; round < ROUNDS; round++) {
      progress(`round ${round + 1}/${ROUNDS}: bare restify + botbuilder bot`);
      bare.push(await coldStart('bench/bare-bot.mjs', {}, QUESTION, connector));
      for (const s of stores) {
        progress(`round ${round + 1}/${ROUNDS}: npm start's node scripts/start.mjs on the ${s.name}`);
        const list = runs.get(s.name) ?? [];
        list.push(await coldStart('scripts/start.mjs', { STORE_PATH: s.path }, s.question, connector));
        runs.set(s.name, list);
      }
    }
    const bareHealthy = median(bare.map((b) => b.healthyMs));
    const bareCpu = median(bare.map((b) => b.healthyCpuMs));
    const bareAnswer = median(bare.map((b) => b.firstAnswerMs));
    const bareRss = median(bare.map((b) => mb(b.loaded.rss)));
    const baseline = (value: number) => ({ name: 'bare restify + botbuilder bot', value, unit: 'ms' });
    const rows: BenchRow[] = [];
    for (const s of stores) {
      const r = runs.get(s.name) ?? [];
      const healthy = median(r.map((x) => x.healthyMs));
      const cpu = median(r.map((x) => x.healthyCpuMs));
      rows.push(
        {
          name: `${s.name}: spawn to /healthz answering`,
          value: healthy,
          unit: 'ms',
          ...(s.target ? { target: `≤ ${LIMIT} × bare`, met: healthy <= LIMIT * bareHealthy } : {}),
          baseline: baseline(bareHealthy),
          note: `${(healthy / bareHealthy).toFixed(2)} × bare`,
        },
        {
          name: `${s.name}: CPU time used by then`,
          value: cpu,
          unit: 'ms',
          baseline: baseline(bareCpu),
          note: `${(cpu / bareCpu).toFixed(2)} × bare`,
        },
        {
          name: `${s.name}: spawn to first answer delivered`,
          value: median(r.map((x) => x.firstAnswerMs)),
          unit: 'ms',
          baseline: { name: 'bare bot, spawn to first echo delivered', value: bareAnswer, unit: 'ms' },
        },
        {
          name: `${s.name}: RSS once loaded`,
          value: median(r.map((x) => mb(x.loaded.rss))),
          unit: 'MiB',
          baseline: { name: 'bare bot RSS', value: bareRss, unit: 'MiB' },
          note: `heap after GC ${median(r.map((x) => mb(x.loaded.heapUsed))).toFixed(1)} MiB`,
        },
        {
          name: `${s.name}: RSS after the first answer`,
          value: median(r.map((x) => mb(x.answered.rss))),
          unit: 'MiB',
          baseline: { name: 'bare bot RSS', value: bareRss, unit: 'MiB' },
          note: `heap after GC ${median(r.map((x) => mb(x.answered.heapUsed))).toFixed(1)} MiB`,
        },
      );
    }
    return {
      title: 'Start-up: cold start to first answer, memory after loading',
      rows,
      notes: [
        `Median of ${ROUNDS} cold starts each, the bare bot and the bot taking turns. The bot runs as npm start does, on the production path: node scripts/start.mjs (checks that dist/ matches the sources, then runs the bundle dist/index.mjs; alerts off), in its own process; memory is read inside it after a forced GC (--expose-gc, test/load/memory-probe.cjs). npm's own start (about 0.3 s) is left out on both sides.`,
        'Baseline: bench/bare-bot.mjs, an EchoBot (restify with its body parser, CloudAdapter, an ActivityHandler answering each message with a text) and GET /healthz, run with plain node from the same node_modules.',
        'Start-up includes loading the one-file bundle (all packages, 7 MB), reading the store and building both indexes, the lexicon and the card templates. Before the bundle (tsx compiling src/ on the fly, hundreds of modules from node_modules) it was 3.8 × the bare bot.',
        'The target is for the bot as shipped, on the seed store. The generated store has 60 times the facts: its extra start-up is reading (28 MB of JSON), validating and indexing them, and grows with the data.',
        `CPU time is user + system of the process from /proc when /healthz first answered; on this shared machine it moves less than the wall time. Load average when done: ${(os.loadavg()[0] ?? 0).toFixed(1)} on ${os.cpus().length} cores.`,
      ],
    };
  } finally {
    await connector.close();
    await rm(dir, { recursive: true, force: true });
  }
};

export default bench;
