/**
 * One writer for the embedded state file: the lock beside it, a second process refused with a
 * message naming the holder, stale locks (a dead pid, a heartbeat gone quiet) taken over, and
 * `npm run alerts` asking the running bot instead of writing the file it holds.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  type LockHolder,
  lockHolderOf,
  lockPathOf,
  StateFileLock,
  StateLockedError,
} from '../src/store/state-file-lock';
import { emptyBotState } from '../src/store/state-schema';
import { subscription } from './fixtures/alert-store';
import { startBotProcess, startHealthyBot } from './support/bot-process';
import { ConnectorServer } from './support/connector-server';

const root = path.resolve(import.meta.dirname, '..');
let dir: string;
const held: StateFileLock[] = [];
const bots: Array<{ stop: () => Promise<number | null> }> = [];

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'state-lock-'));
});
afterEach(async () => {
  for (const l of held.splice(0)) await l.release();
  for (const b of bots.splice(0)) await b.stop();
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

let n = 0;
function statePath(): string {
  n += 1;
  return path.join(dir, `s${n}`, 'bot-state.json');
}

async function acquire(file: string, role = 'bot', timings?: { heartbeatMs: number; staleMs: number }) {
  const lock = await StateFileLock.acquire(file, role, timings);
  held.push(lock);
  return lock;
}

/** A pid that belonged to a process that has exited. */
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
    encoding: 'utf8',
  });
  return Number(r.stdout);
}

async function writeLock(file: string, holder: Partial<LockHolder>, ageMs = 0): Promise<void> {
  const lockPath = lockPathOf(file);
  await writeFile(
    lockPath,
    JSON.stringify({
      pid: 1,
      host: os.hostname(),
      role: 'bot',
      startedAt: '2026-01-01T08:00:00.000Z',
      url: null,
      token: 'someone-else',
      ...holder,
    }),
  );
  const when = new Date(Date.now() - ageMs);
  await utimes(lockPath, when, when);
}

describe('the state file lock', () => {
  it('should refuse a second holder, naming the first, and let go on release', async () => {
    const file = statePath();
    const first = await acquire(file);
    await first.setUrl('http://127.0.0.1:3978');
    const refused = StateFileLock.acquire(file, 'alerts');
    await expect(refused).rejects.toThrow(StateLockedError);
    await expect(refused).rejects.toThrow(
      new RegExp(
        `in use by the bot \\(pid ${process.pid} on host ${os.hostname()}, since .*, http://127\\.0\\.0\\.1:3978\\)`,
      ),
    );
    expect(await lockHolderOf(file)).toMatchObject({
      pid: process.pid,
      role: 'bot',
      url: 'http://127.0.0.1:3978',
    });
    await first.release();
    expect(await lockHolderOf(file)).toBeNull();
    await acquire(file, 'alerts');
  });

  it('should let exactly one of many racing processes take a stale lock', async () => {
    const file = statePath();
    await acquire(file); // creates the folder
    await held.pop()?.release();
    await writeLock(file, { pid: deadPid() });
    const results = await Promise.allSettled(
      Array.from({ length: 8 }, () => StateFileLock.acquire(file, 'bot')),
    );
    const won = results.filter((r) => r.status === 'fulfilled');
    expect(won).toHaveLength(1);
    for (const r of won) held.push((r as PromiseFulfilledResult<StateFileLock>).value);
    expect(
      results.filter((r) => r.status === 'rejected').every((r) => r.reason instanceof StateLockedError),
    ).toBe(true);
  });

  it('should take over a lock whose process on this host is gone, keeping it aside', async () => {
    const file = statePath();
    await acquire(file);
    await held.pop()?.release();
    await writeLock(file, { pid: deadPid() });
    const lock = await acquire(file);
    expect(JSON.parse(await readFile(lock.path, 'utf8'))).toMatchObject({ pid: process.pid });
    expect(await readdir(path.dirname(file))).toContain('bot-state.json.lock.stale');
  });

  it('should take over a lock from another host once its heartbeat has gone quiet, and not before', async () => {
    const file = statePath();
    await acquire(file);
    await held.pop()?.release();
    await writeLock(file, { host: 'web-2', pid: 4242 });
    await expect(StateFileLock.acquire(file, 'bot')).rejects.toThrow('pid 4242 on host web-2');
    await writeLock(file, { host: 'web-2', pid: 4242 }, 120_000);
    await acquire(file);
  });

  it('should touch the lock while held, and report it lost if another process took it over', async () => {
    const file = statePath();
    const lock = await acquire(file, 'bot', { heartbeatMs: 20, staleMs: 60_000 });
    const lockPath = lockPathOf(file);
    const old = new Date(Date.now() - 30_000);
    await utimes(lockPath, old, old);
    await new Promise((r) => setTimeout(r, 150));
    // The heartbeat touched it again: to anyone looking, the holder is alive.
    expect(Date.now() - (await stat(lockPath)).mtimeMs).toBeLessThan(5_000);
    expect(lock.health()).toEqual({ ok: true, problem: null });
    await writeLock(file, { host: 'web-2', pid: 4242 });
    await lock.beat();
    expect(lock.health().ok).toBe(false);
    expect(lock.health().problem).toContain('lost (now held by the bot (pid 4242 on host web-2');
  });
});

describe('two processes on one state file', () => {
  let connector: ConnectorServer;
  beforeAll(async () => {
    connector = await ConnectorServer.start();
  });
  afterAll(async () => {
    await connector.close();
  });

  it('should refuse a second bot, naming the first, and start once the first has stopped', async () => {
    const file = statePath();
    const first = await startHealthyBot({ STATE_PATH: file });
    bots.push(first);
    const second = startBotProcess({ PORT: '0', STATE_PATH: file });
    expect(await second.exited).toBe(1);
    expect(second.output()).toContain(
      `could not start: ${file}: the state file is in use by the bot (pid ${first.child.pid}`,
    );
    expect(second.output()).toContain(first.url);
    expect(second.output()).toContain('STATE_URL');
    // The first goes on serving.
    expect((await fetch(`${first.url}/healthz`)).status).toBe(200);
    expect(await first.stop()).toBe(0);
    const third = await startHealthyBot({ STATE_PATH: file });
    bots.push(third);
  }, 60_000);

  it('should start after a bot that was killed, taking its stale lock over', async () => {
    const file = statePath();
    const first = await startHealthyBot({ STATE_PATH: file });
    first.child.kill('SIGKILL');
    await first.exited;
    expect(await lockHolderOf(file)).toBeNull();
    const next = await startHealthyBot({ STATE_PATH: file });
    bots.push(next);
    expect(JSON.parse(await readFile(lockPathOf(file), 'utf8'))).toMatchObject({ pid: next.child.pid });
  }, 60_000);

  it('should have `npm run alerts` ask the running bot instead of writing the file it holds', async () => {
    const file = statePath();
    const state = emptyBotState();
    state.subscriptions.push(
      subscription({ id: 'it', costCentre: 'Tietohallinto', conversationId: 'a:lock' }),
    );
    state.conversations['a:lock'] = {
      reference: {
        serviceUrl: connector.url,
        channelId: 'msteams',
        conversation: { id: 'a:lock', conversationType: 'personal', tenantId: 't1' },
        bot: { id: '28:bot', name: 'Budjettibotti' },
        user: { id: '29:user' },
      },
      lastQuery: null,
      lang: 'fi',
      updatedAt: new Date().toISOString(),
      greetedAt: null,
    };
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, JSON.stringify(state));
    const bot = await startHealthyBot({ STATE_PATH: file, ALERTS_RUN_SECRET: 'run-secret' });
    bots.push(bot);
    const alerts = (...args: string[]) =>
      new Promise<{ code: number | null; out: string; err: string }>((resolve) => {
        const child = spawn(
          process.execPath,
          ['--import', 'tsx', 'src/cli/alerts.ts', '--state', file, ...args],
          {
            cwd: root,
            env: { ...process.env, MicrosoftAppId: '', MicrosoftAppPassword: '' },
            stdio: ['ignore', 'pipe', 'pipe'],
          },
        );
        let out = '';
        let err = '';
        child.stdout.on('data', (d: Buffer) => (out += d.toString()));
        child.stderr.on('data', (d: Buffer) => (err += d.toString()));
        child.once('exit', (code) => resolve({ code, out, err }));
      });
    const before = await readFile(file, 'utf8');

    // Without the secret it cannot ask, and says what to do; the file is not touched.
    const refused = await alerts();
    expect(refused.code).toBe(1);
    expect(refused.err).toContain(`held by the bot (pid ${bot.child.pid}`);
    expect(refused.err).toContain('ALERTS_RUN_SECRET');
    expect(await readFile(file, 'utf8')).toBe(before);

    process.env.ALERTS_RUN_SECRET = 'run-secret';
    try {
      const asked = await alerts();
      expect(asked.code).toBe(0);
      expect(asked.err).toContain('asking it to run the alerts');
      expect(asked.out).toContain('── a:lock · subscription it · sent (1 attempt)');
      expect(connector.messages('a:lock')).toHaveLength(1);
      // The bot keeps the log: asked again, it knows the alert went out already.
      const again = await alerts('--dry-run');
      expect(again.out).toMatch(/dry run: .* [1-9]\d* already sent/);
    } finally {
      delete process.env.ALERTS_RUN_SECRET;
    }
  }, 60_000);
});
