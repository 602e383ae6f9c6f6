/**
 * The production path: `npm start` (scripts/start.mjs) on a fresh copy of the project builds
 * dist/ first and serves from it; the built dist/ then runs with plain node and no
 * node_modules at all (the bundle carries its dependencies, so `npm ci --omit=dev` is more
 * than enough), reading cards/, data/ and legal/ from the project root; a changed source makes
 * dist/ stale. .ci/run does the same with a real `npm ci --omit=dev`.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { cp, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as A from './support/activities';
import { adaptiveCardOf, plainCardText } from './support/bot-harness';
import { ConnectorServer } from './support/connector-server';
import { freePort } from './support/playground-client';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** What a deployment is made of (a clean clone has these and more). */
const PROJECT = [
  'package.json',
  'package-lock.json',
  'tsconfig.json',
  'scripts',
  'src',
  'cards',
  'data',
  'legal',
];

let dir: string;
let connector: ConnectorServer;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'production-build-'));
  for (const entry of PROJECT) await cp(path.join(root, entry), path.join(dir, entry), { recursive: true });
  connector = await ConnectorServer.start();
});
afterAll(async () => {
  await connector.close();
  await rm(dir, { recursive: true, force: true });
});

/** Starts `node <script>` in the copy; resolves once /healthz answers 200. */
async function start(script: string): Promise<{ child: ChildProcess; base: string; stderr: () => string }> {
  const port = await freePort();
  const child = spawn(process.execPath, [script], {
    cwd: dir,
    env: {
      PATH: process.env.PATH ?? '',
      PORT: String(port),
      STATE_PATH: path.join(dir, 'state', 'bot-state.json'),
      ALERTS_ENABLED: 'false',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  // restify's HTTP/2 support touches a deprecated Node API at load: Node's note about it is not ours.
  const ours = () =>
    stderr
      .split('\n')
      .filter((l) => !/DEP0111|--trace-deprecation/.test(l))
      .join('\n')
      .trim();
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`exited with ${child.exitCode}: ${stderr}`);
    if (i > 600) throw new Error(`not healthy within 60 s: ${stderr}`);
    try {
      if ((await fetch(`${base}/healthz`)).ok) break;
    } catch {
      // not listening yet (or still building)
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { child, base, stderr: ours };
}

async function stop(child: ChildProcess): Promise<number | null> {
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  child.kill('SIGTERM');
  return exited;
}

/** Asks one question and returns the card text of the answer the connector received. */
async function ask(base: string, conversationId: string): Promise<string> {
  const where = { serviceUrl: connector.url, conversationId };
  const res = await fetch(`${base}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(A.message(where, 'paljonko Tietohallinto on käyttänyt?')),
  });
  expect(res.status).toBe(200);
  const [answer] = await connector.waitForMessages(conversationId, 1);
  return plainCardText(adaptiveCardOf(answer));
}

describe('production build', () => {
  it('should build dist/ on the first npm start of a fresh copy, and answer from it', async () => {
    await symlink(path.join(root, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
    const bot = await start('scripts/start.mjs');
    try {
      expect(bot.stderr()).toContain('building: dist/ has not been built');
      expect(await ask(bot.base, 'a:first-start')).toContain('924 370 €');
      const ready = await fetch(`${bot.base}/readyz`);
      expect(ready.status).toBe(200);
      expect((await fetch(`${bot.base}/privacy`)).status).toBe(200);
    } finally {
      expect(await stop(bot.child)).toBe(0);
    }
  }, 120_000);

  it('should run the built dist/ with plain node and no node_modules at all', async () => {
    await rm(path.join(dir, 'node_modules'));
    for (const script of ['scripts/start.mjs', 'dist/index.mjs']) {
      const bot = await start(script);
      try {
        // Up to date: nothing to build, and nothing that could build it.
        expect(bot.stderr()).toBe('');
        expect(await ask(bot.base, `a:no-modules-${script}`)).toContain('924 370 €');
        const health = (await (await fetch(`${bot.base}/healthz`)).json()) as { store: { facts: number } };
        expect(health.store.facts).toBeGreaterThan(0);
      } finally {
        expect(await stop(bot.child)).toBe(0);
      }
    }
  }, 60_000);

  it('should call dist/ stale once a source changes, and start the old one with a warning when it cannot build', async () => {
    const staleness = () =>
      execFileSync(
        process.execPath,
        [
          '--input-type=module',
          '-e',
          "import('./scripts/build-info.mjs').then((m) => console.log(m.staleness()))",
        ],
        { cwd: dir, encoding: 'utf8' },
      ).trim();
    expect(staleness()).toBe('null');
    await writeFile(path.join(dir, 'src', 'extra-note.ts'), '// a change after the build\nexport {};\n');
    expect(staleness()).toBe('the sources have changed since dist/ was built');
    const bot = await start('scripts/start.mjs');
    try {
      expect(bot.stderr()).toMatch(
        /^warning: the sources have changed since dist\/ was built, and it cannot be rebuilt here/,
      );
    } finally {
      expect(await stop(bot.child)).toBe(0);
    }
  }, 60_000);
});
