/**
 * Cold start: from spawning the bot process (as `npm start` runs it, through node and tsx) to
 * /healthz answering, and to the first answer delivered at the local Bot Connector; and the
 * server's memory (RSS and heap after a GC) once the store is loaded and once it has answered.
 * Over the seed store and a generated store of 2 000 cost centres × 10 years. Baseline, same
 * run: a bare node + tsx process (start to exit, and its RSS).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { message } from '../test/support/activities';
import { ConnectorServer } from '../test/support/connector-server';
import { freePort } from '../test/support/playground-client';
import { type Bench, type BenchRow, percentile } from './bench-section';
import { generatedStore } from './questions.bench';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const PROBE = path.join(root, 'test/load/memory-probe.cjs');
const QUESTION = 'paljonko Tietohallinto on käyttänyt?';
const ROUNDS = 3;

interface Memory {
  rss: number;
  heapUsed: number;
}

interface StartRun {
  healthyMs: number;
  firstAnswerMs: number;
  loaded: Memory;
  answered: Memory;
}

/** Starts the bot on `store`, asks one question, measures, stops it. */
async function coldStart(store: string, question: string, connector: ConnectorServer): Promise<StartRun> {
  const port = await freePort();
  const stateDir = await mkdtemp(path.join(os.tmpdir(), 'bench-startup-'));
  const started = performance.now();
  const child = spawn(
    process.execPath,
    ['--no-deprecation', '--expose-gc', '--require', PROBE, '--import', 'tsx', 'src/index.ts'],
    {
      cwd: root,
      env: {
        ...process.env,
        PORT: String(port),
        STORE_PATH: store,
        STATE_PATH: path.join(stateDir, 'bot-state.json'),
        ALERTS_ENABLED: 'false',
        LOG_LEVEL: 'warn',
        MicrosoftAppId: '',
        MicrosoftAppPassword: '',
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  const memory = probe(child);
  try {
    const base = `http://127.0.0.1:${port}`;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`bot exited with ${child.exitCode}`);
      if (performance.now() - started > 120_000) throw new Error('bot did not start within 120 s');
      try {
        if ((await fetch(`${base}/healthz`)).ok) break;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 10));
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
    return { healthyMs, firstAnswerMs, loaded, answered };
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

/** A bare node + tsx process: start to exit, and its RSS after a GC. */
async function bareProcess(): Promise<{ ms: number; rss: number }> {
  const started = performance.now();
  const child = spawn(
    process.execPath,
    [
      '--expose-gc',
      '--import',
      'tsx',
      '-e',
      'globalThis.gc(); process.stdout.write(String(process.memoryUsage().rss))',
    ],
    { cwd: root, stdio: ['ignore', 'pipe', 'ignore'] },
  );
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  await new Promise((r) => child.once('exit', r));
  return { ms: performance.now() - started, rss: Number(out) };
}

const mb = (bytes: number) => bytes / 2 ** 20;
const median = (xs: number[]) => percentile(xs, 50);

const bench: Bench = async (progress) => {
  const connector = await ConnectorServer.start();
  const dir = await mkdtemp(path.join(os.tmpdir(), 'bench-startup-store-'));
  const generatedPath = path.join(dir, 'generated-2000x10.json');
  const generated = generatedStore(2000, 10);
  await writeFile(generatedPath, JSON.stringify(generated));
  const firstName = generated.costCentres.find((c) => c.level === 'costCentre')?.name ?? '';
  try {
    const bare: Array<{ ms: number; rss: number }> = [];
    const stores = [
      { name: 'seed store', path: path.join(root, 'data/budget.json'), question: QUESTION },
      {
        name: `generated store (2 000 × 10, ${generated.facts.length} facts)`,
        path: generatedPath,
        question: `paljonko ${firstName} on käyttänyt?`,
      },
    ];
    const runs = new Map<string, StartRun[]>();
    for (let round = 0; round < ROUNDS; round++) {
      progress(`round ${round + 1}/${ROUNDS}: bare node + tsx`);
      bare.push(await bareProcess());
      for (const s of stores) {
        progress(`round ${round + 1}/${ROUNDS}: cold start on the ${s.name}`);
        const list = runs.get(s.name) ?? [];
        list.push(await coldStart(s.path, s.question, connector));
        runs.set(s.name, list);
      }
    }
    const bareMs = median(bare.map((b) => b.ms));
    const bareRss = median(bare.map((b) => mb(b.rss)));
    const rows: BenchRow[] = [];
    for (const s of stores) {
      const r = runs.get(s.name) ?? [];
      rows.push(
        {
          name: `${s.name}: spawn to /healthz answering`,
          value: median(r.map((x) => x.healthyMs)),
          unit: 'ms',
          baseline: { name: 'bare node + tsx, start to exit', value: bareMs, unit: 'ms' },
        },
        {
          name: `${s.name}: spawn to first answer delivered`,
          value: median(r.map((x) => x.firstAnswerMs)),
          unit: 'ms',
          baseline: { name: 'bare node + tsx, start to exit', value: bareMs, unit: 'ms' },
        },
        {
          name: `${s.name}: RSS once loaded`,
          value: median(r.map((x) => mb(x.loaded.rss))),
          unit: 'MiB',
          baseline: { name: 'bare node + tsx RSS', value: bareRss, unit: 'MiB' },
          note: `heap after GC ${median(r.map((x) => mb(x.loaded.heapUsed))).toFixed(1)} MiB`,
        },
        {
          name: `${s.name}: RSS after the first answer`,
          value: median(r.map((x) => mb(x.answered.rss))),
          unit: 'MiB',
          baseline: { name: 'bare node + tsx RSS', value: bareRss, unit: 'MiB' },
          note: `heap after GC ${median(r.map((x) => mb(x.answered.heapUsed))).toFixed(1)} MiB`,
        },
      );
    }
    return {
      title: 'Start-up: cold start to first answer, memory after loading',
      rows,
      notes: [
        `Median of ${ROUNDS} cold starts each. The bot runs as npm start does (node + tsx, src/index.ts, alerts off), in its own process; memory is read inside it after a forced GC (--expose-gc, test/load/memory-probe.cjs).`,
        'Start-up includes compiling TypeScript with tsx on the fly, importing botbuilder and restify, reading the store and building both indexes.',
        'No start-up or memory target was set in the earlier issues; the numbers are reported as measured.',
      ],
    };
  } finally {
    await connector.close();
    await rm(dir, { recursive: true, force: true });
  }
};

export default bench;
