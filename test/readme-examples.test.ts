/**
 * Every `npm run …` line of README.md's shell examples runs as written, so a README that lies
 * fails CI. Each fenced `sh` block runs in order, as a reader would type it, on a store of its
 * own (a copy of data/budget.json that STORE_PATH names; the committed store is never touched).
 * Commands that serve (`npm run playground`) are started, must say they are up, and are
 * stopped with Ctrl+C as a person would.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from './support/playground-client';

const root = join(import.meta.dirname, '..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const committedStore = readFileSync(join(root, 'data/budget.json'));

/** The `npm run` lines of each fenced shell block, comments after `#` left off. */
function readmeExamples(markdown: string): string[][] {
  const blocks: string[][] = [];
  for (const m of markdown.matchAll(/^```(?:sh|bash|shell)\n([\s\S]*?)^```/gm)) {
    const lines = m[1]!
      .split('\n')
      .map((l) => l.replace(/\s+#.*$/, '').trim())
      .filter((l) => /^(?:[A-Z_a-z][A-Z_a-z0-9]*=\S+\s+)*npm run /.test(l));
    if (lines.length > 0) blocks.push(lines);
  }
  return blocks;
}

/** Scripts that serve until stopped, and what they print once they are up. */
const SERVING: Record<string, RegExp> = {
  playground: /Agents Playground: http\S+/,
};

/** What some examples must show, beyond running: the README says so in words around them. */
const SHOWS: { line: RegExp; after?: RegExp; output: RegExp }[] = [
  {
    // After the example ledgers, "how much has IT spent" answers with the newest ledger actual.
    line: /^npm run ask -- "paljonko Tietohallinto on käyttänyt\?"/,
    after: /npm run ingest -- seeds\/\*\.txt examples\/ledger\/\*\.csv/,
    output: /toteuma 1\.1\.–31\.12\.2022 \(TOT\) 1\s673\s228\s€.*Lähde: actuals-2022-12\.csv, rivi \d+/,
  },
  {
    line: /^npm run ingest -- seeds\/\*\.txt examples\/ledger\/\*\.csv/,
    output: /Tallennettu .*20 asiakirjaa/,
  },
];

const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) {
    try {
      if (c.pid) process.kill(-c.pid, 'SIGKILL');
    } catch {
      // The group is gone already.
    }
  }
});

interface Run {
  /** 0 for success; a serving command stopped with Ctrl+C counts as success. */
  code: number | null;
  output: string;
}

async function run(line: string, env: NodeJS.ProcessEnv): Promise<Run> {
  const script = /^(?:\S+=\S+\s+)*npm run (\S+)/.exec(line)?.[1] ?? '';
  // Its own process group, so that Ctrl+C (SIGINT to the group) reaches npm and what it started.
  const child = spawn('sh', ['-c', line], {
    cwd: root,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const up = SERVING[script];
  if (!up) return { code: (await exited).code, output };
  for (let i = 0; i < 600 && !up.test(output) && child.exitCode === null; i++)
    await new Promise((r) => setTimeout(r, 100));
  expect(output, `${line} did not say it is up`).toMatch(up);
  // The Playground is up; the bot beside it answers once its store has loaded.
  const port = env.PORT;
  for (let i = 0; i < 300 && !(await listening(`http://127.0.0.1:${port}/healthz`)); i++)
    await new Promise((r) => setTimeout(r, 100));
  expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
  process.kill(-child.pid!, 'SIGINT');
  const { code, signal } = await exited;
  // Ctrl+C stops npm by the signal; what it started must be gone with it.
  for (let i = 0; i < 100 && (await listening(`http://127.0.0.1:${port}/healthz`)); i++)
    await new Promise((r) => setTimeout(r, 100));
  expect(await listening(`http://127.0.0.1:${port}/healthz`), `${line} left the bot running`).toBe(false);
  return { code: code === 0 || signal === 'SIGINT' || code === 130 ? 0 : code, output };
}

async function listening(url: string): Promise<boolean> {
  try {
    await fetch(url);
    return true;
  } catch {
    return false;
  }
}

describe('README.md examples', () => {
  const blocks = readmeExamples(readme);

  it('should have the examples this test runs', () => {
    expect(blocks.flat()).toContain('npm run ingest -- seeds/*.txt examples/ledger/*.csv');
    expect(blocks.flat().length).toBeGreaterThanOrEqual(6);
  });

  it.each(
    blocks.map((lines) => ({ lines, first: lines[0]! })),
  )('should run the block starting "$first" as written', async ({ lines }) => {
    const dir = mkdtempSync(join(tmpdir(), 'readme-'));
    const store = join(dir, 'budget.json');
    copyFileSync(join(root, 'data/budget.json'), store);
    const env = {
      ...process.env,
      STORE_PATH: store,
      STATE_PATH: join(dir, 'state.json'),
      PORT: String(await freePort()),
      PLAYGROUND_PORT: String(await freePort()),
      ALERTS_ENABLED: 'false',
      // No desktop here: nothing may try to open a browser.
      DISPLAY: '',
      WAYLAND_DISPLAY: '',
    };
    const done: string[] = [];
    for (const line of lines) {
      const result = await run(line, env);
      expect(result.code, `${line}\n${result.output}`).toBe(0);
      expect(result.output, line).not.toMatch(/\n\s+at .+:\d+:\d+/); // no stack trace
      for (const s of SHOWS)
        if (s.line.test(line) && (!s.after || done.some((d) => s.after!.test(d))))
          expect(result.output.replace(/[\u00a0\u202f]/g, ' '), line).toMatch(s.output);
      done.push(line);
    }
    expect(readFileSync(join(root, 'data/budget.json')).equals(committedStore)).toBe(true);
  }, 180_000);
});
