/**
 * The whole city from its own files (issue 12): ingest of the generated city's report (PDF),
 * ledger export (workbook) and monthly actuals (CSV) as `npm run ingest` runs it; memory of a
 * process that has loaded the resulting store as the bot does; question latency over it. Each
 * beside a baseline from the same run: reading the same files' raw layers only, loading the
 * seed store, asking the same kinds of question of the seed store.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BudgetAssistant } from '../src/assistant/budget-assistant';
import type { Query } from '../src/domain';
import { type Bench, percentile } from './bench-section';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.join(here, '..');
const CITY = path.join(root, 'test/fixtures/documents/city');
const FILES = [
  path.join(CITY, 'lumijarvi-toteuma-30-6-2024.pdf'),
  path.join(CITY, 'lumijarvi-toteumavertailu-2015-2024.xlsx'),
  path.join(CITY, 'lumijarvi-kuukausitoteumat-2015-2024.csv'),
];
const SEED_STORE = path.join(root, 'data/budget.json');

const TIME = '/usr/bin/time';

/** Runs a node child; wall time, and its CPU time (user + system) where /usr/bin/time can tell. */
function node(args: string[]): { ms: number; cpuMs: number | null; stdout: string } {
  const argv = [process.execPath, '--expose-gc', '--import', 'tsx', ...args];
  const timed = existsSync(TIME);
  const options = { cwd: root, encoding: 'utf8' as const, maxBuffer: 1 << 26 };
  const t0 = performance.now();
  const run = timed
    ? spawnSync(TIME, ['-f', '__cpu %U %S', ...argv], options)
    : spawnSync(argv[0]!, argv.slice(1), options);
  const ms = performance.now() - t0;
  if (run.status !== 0) throw new Error(`${args.join(' ')} failed: ${run.stderr.slice(-2000)}`);
  const cpu = /__cpu ([\d.]+) ([\d.]+)/.exec(run.stderr);
  return { ms, cpuMs: cpu ? (Number(cpu[1]) + Number(cpu[2])) * 1000 : null, stdout: run.stdout };
}

/** Child: reads the three files' raw layers only (pdf.js text, exceljs load, CSV lines), the least any reader does. */
async function floor(): Promise<void> {
  const { readPdfText } = await import('../src/ingest/read-pdf');
  const ExcelJS = (await import('exceljs')).default;
  await readPdfText(new Uint8Array(readFileSync(FILES[0]!)), 'x.pdf');
  await new ExcelJS.Workbook().xlsx.load(readFileSync(FILES[1]!) as unknown as ArrayBuffer);
  readFileSync(FILES[2]!, 'utf8')
    .split('\n')
    .map((l) => l.split(';'));
}

/** Child: loads a store as the bot does and prints the resident memory after a full collection. */
async function rssAfterLoad(store: string): Promise<void> {
  const assistant = await BudgetAssistant.load(store);
  // As a running bot settles: the load's garbage (the file's text, the parsed copy) is freed
  // by the second full collection; V8 returns the pages once the process has been idle a moment.
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  gc?.();
  await new Promise((r) => setTimeout(r, 2000));
  gc?.();
  process.stdout.write(
    `${JSON.stringify({ rss: process.memoryUsage().rss, heap: process.memoryUsage().heapUsed, ok: assistant !== null })}\n`,
  );
}

function questions(names: string[], area: string, n: number): string[][] {
  let s = 7;
  const rnd = () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
  const pick = <T>(xs: T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const templates = [
    (x: string) => [`paljonko ${x} on käyttänyt?`, 'entä tulot?'],
    (x: string) => [`${x} menot 2023`, 'entä 2022?'],
    (x: string) => [`${x} budjetti`],
    () => ['suurimmat menot'],
    () => ['mitkä ovat ylittäneet budjetin?'],
    () => [`${area} menot`],
    (x: string) => [`vertaa ${x} menoja 2022 ja 2023`],
  ];
  return Array.from({ length: n }, () => pick(templates)(pick(names)));
}

/** Per turn: the median wall time of three runs, and the median CPU time (what the turn itself costs on a shared machine). */
function latency(assistant: BudgetAssistant, conversations: string[][]): { wall: number[]; cpu: number[] } {
  const wall: number[] = [];
  const cpu: number[] = [];
  for (const turns of conversations) {
    let previous: Query | null = null;
    for (const t of turns) {
      const runs: number[] = [];
      const cpus: number[] = [];
      let answer = null;
      for (let r = 0; r < 3; r++) {
        const c0 = process.cpuUsage();
        const t0 = performance.now();
        answer = assistant.ask(t, previous);
        runs.push(performance.now() - t0);
        const c = process.cpuUsage(c0);
        cpus.push((c.user + c.system) / 1000);
      }
      wall.push(percentile(runs, 50));
      cpu.push(percentile(cpus, 50));
      previous = answer?.query ?? previous;
    }
  }
  return { wall, cpu };
}

const bench: Bench = async (progress) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'bench-files-'));
  try {
    const aliases = path.join(dir, 'aliases.json');
    writeFileSync(aliases, '{}');
    const store = path.join(dir, 'city.json');
    progress('ingesting the whole city (PDF + workbook + CSV) with npm run ingest, 3 times');
    const ingest: number[] = [];
    const floors: number[] = [];
    const ingestCpu: number[] = [];
    const floorCpu: number[] = [];
    for (let i = 0; i < 3; i++) {
      rmSync(store, { force: true });
      const run = node(['src/cli/ingest.ts', '--aliases', aliases, '--out', store, ...FILES]);
      const base = node([path.join(here, 'files.bench.ts'), '--floor']);
      ingest.push(run.ms);
      floors.push(base.ms);
      if (run.cpuMs !== null && base.cpuMs !== null) {
        ingestCpu.push(run.cpuMs);
        floorCpu.push(base.cpuMs);
      }
    }
    const cpuNote =
      ingestCpu.length > 0
        ? `; CPU ${(percentile(ingestCpu, 50) / 1000).toFixed(1)} s (baseline ${(percentile(floorCpu, 50) / 1000).toFixed(1)} s); load average ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} cores`
        : '';
    const data = JSON.parse(readFileSync(store, 'utf8')) as {
      facts: unknown[];
      costCentres: { name: string; level: string }[];
    };
    const facts = data.facts.length;
    const mb = statSync(store).size / 1e6;

    progress('memory after loading the store, in a process of its own (city, then the seed store)');
    const rss = JSON.parse(node([path.join(here, 'files.bench.ts'), '--rss', store]).stdout) as {
      rss: number;
      heap: number;
    };
    const seedRss = JSON.parse(node([path.join(here, 'files.bench.ts'), '--rss', SEED_STORE]).stdout) as {
      rss: number;
    };

    progress('question latency over the city store and over the seed store');
    const city = await BudgetAssistant.load(store);
    const seed = await BudgetAssistant.load(SEED_STORE);
    const cityNames = data.costCentres
      .filter((c) => c.level === 'costCentre' && c.name !== 'Hallinto')
      .map((c) => c.name);
    const seedData = JSON.parse(readFileSync(SEED_STORE, 'utf8')) as {
      costCentres: { name: string; level: string }[];
    };
    const seedNames = seedData.costCentres.filter((c) => c.level === 'costCentre').map((c) => c.name);
    latency(city, questions(cityNames, 'Sivistyspalvelut', 20)); // warm-up
    latency(seed, questions(seedNames, 'Hallinto- ja tukipalvelut', 20));
    const cityRun = latency(city, questions(cityNames, 'Sivistyspalvelut', 300));
    const seedRun = latency(seed, questions(seedNames, 'Hallinto- ja tukipalvelut', 300));
    const cityMs = cityRun.wall;
    const seedMs = seedRun.wall;

    const ingestMedian = percentile(ingest, 50);
    const p99 = percentile(cityMs, 99);
    const mib = rss.rss / 2 ** 20;
    return {
      title: 'Whole city from its own files',
      rows: [
        {
          name: 'ingest PDF + XLSX + CSV → store (npm run ingest, median of 3)',
          value: ingestMedian,
          unit: 'ms',
          target: '< 10 s',
          met: ingestMedian < 10_000,
          baseline: {
            name: 'reading the same files’ raw layers only (pdf.js text, exceljs load, CSV split), process',
            value: percentile(floors, 50),
            unit: 'ms',
          },
          note: `${facts} facts, ${data.costCentres.length} places, store ${mb.toFixed(0)} MB; runs ${ingest.map((m) => (m / 1000).toFixed(1)).join(', ')} s${cpuNote}`,
        },
        {
          name: 'question p99 over the city store (300 conversations)',
          value: p99,
          unit: 'ms',
          target: '< 5 ms',
          met: p99 < 5,
          baseline: {
            name: 'same kinds of question over the seed store, p99',
            value: percentile(seedMs, 99),
            unit: 'ms',
          },
          note: `p50 ${percentile(cityMs, 50).toFixed(2)} ms (seed store ${percentile(seedMs, 50).toFixed(2)} ms); CPU time per turn p99 ${percentile(cityRun.cpu, 99).toFixed(2)} ms (seed store ${percentile(seedRun.cpu, 99).toFixed(2)} ms); load average ${os.loadavg()[0]!.toFixed(1)}`,
        },
        {
          name: 'RSS after loading the city store (own process, settled: 2 full GCs, 2 s idle)',
          value: mib,
          unit: 'MiB',
          target: '< 300 MiB',
          met: mib < 300,
          baseline: {
            name: 'the same process loading the seed store',
            value: seedRss.rss / 2 ** 20,
            unit: 'MiB',
          },
          note: `JS heap ${(rss.heap / 2 ** 20).toFixed(0)} MiB`,
        },
      ],
      notes: [
        'The city is generated (test/fixtures/documents/generate/city-model.ts): 8 service areas, 40 result areas, 400 cost centres, 2015–2024, monthly actuals; its three files are the committed fixtures.',
        'Ingest runs as `npm run ingest` does (a process of its own, tsx, writing the store); the baseline process only opens the same three files with the same libraries.',
        'Question latency is the median of three runs of each turn (understand + answer + card), after 20 conversations of warm-up; what a list ranges over (its rows, its newest year) is worked out once per store, and sums no document prints (a level at a ledger month end) when their row is first read.',
      ],
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};

export default bench;

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (process.argv[2] === '--floor') await floor();
  else if (process.argv[2] === '--rss') await rssAfterLoad(process.argv[3]!);
}
