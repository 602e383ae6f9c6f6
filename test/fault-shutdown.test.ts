/**
 * SIGTERM to the running bot process (as `npm start` runs it): it stops accepting at once,
 * finishes the turn in flight (its answer still reaches the connector), writes the state file
 * with the subscription made just before, and exits 0.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { lockPathOf } from '../src/store/state-file-lock';
import type { BotState } from '../src/store/state-schema';
import * as A from './support/activities';
import { ConnectorServer } from './support/connector-server';
import { freePort } from './support/playground-client';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

let child: ChildProcess | null = null;
let connector: ConnectorServer | null = null;
let stateDir: string | null = null;
afterEach(async () => {
  child?.kill('SIGKILL');
  child = null;
  await connector?.close();
  connector = null;
  if (stateDir) await rm(stateDir, { recursive: true, force: true });
  stateDir = null;
});

async function startBotProcess(
  statePath: string,
  pollMs = 100,
): Promise<{ base: string; exited: Promise<number | null> }> {
  const port = await freePort();
  child = spawn(process.execPath, ['--no-deprecation', '--import', 'tsx', 'src/index.ts'], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      STATE_PATH: statePath,
      ALERTS_ENABLED: 'false',
      LOG_LEVEL: 'warn',
      MicrosoftAppId: '',
      MicrosoftAppPassword: '',
    },
    stdio: 'ignore',
  });
  const proc = child;
  // A process killed by the signal itself (no handler yet) exits with no code: null.
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  const base = `http://127.0.0.1:${port}`;
  // Bounded by time, not by tries: a busy machine starts the bot slowly, however often it is asked.
  const deadline = Date.now() + 45_000;
  while (Date.now() < deadline) {
    if (proc.exitCode !== null) throw new Error(`bot exited with ${proc.exitCode}`);
    try {
      if ((await fetch(`${base}/healthz`)).ok) return { base, exited };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, pollMs));
  }
  throw new Error('bot did not become healthy within 45 s');
}

/**
 * Polls GET /healthz, each time on a new connection, until it is refused or not 200: the
 * server has stopped accepting. Bounded by attempts, not by a fixed sleep.
 */
async function waitUntilNotAccepting(base: string): Promise<void> {
  const { hostname, port } = new URL(base);
  for (let i = 0; i < 500; i++) {
    const status = await new Promise<number | 'refused'>((resolve) => {
      const req = httpRequest({ host: hostname, port, path: '/healthz', agent: false }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      });
      req.on('error', () => resolve('refused'));
      req.end();
    });
    if (status !== 200) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('the bot still accepted connections after SIGTERM');
}

const post = (base: string, activity: unknown) =>
  fetch(`${base}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(activity),
  });

describe('SIGTERM', () => {
  it('should stop accepting, finish the turn in flight, flush the state and exit 0', async () => {
    stateDir = await mkdtemp(path.join(os.tmpdir(), 'fault-shutdown-'));
    const statePath = path.join(stateDir, 'bot-state.json');
    connector = await ConnectorServer.start();
    const { base, exited } = await startBotProcess(statePath);
    const where = { serviceUrl: connector.url, conversationId: 'a:subscriber' };

    // A subscription made just before the signal (its write may still be pending).
    expect((await post(base, A.message(where, 'tilaa hälytys Tietohallinto 80 %'))).status).toBe(200);
    await connector.waitForMessages('a:subscriber', 1);

    // The connector holds the answer to the next question until the test lets it go: the turn
    // is in flight at SIGTERM, and stays in flight while new work is tried, however slow the
    // machine (well within the reply's 10 s deadline).
    let deliver = () => {};
    connector.plan({
      status: 201,
      body: { id: 'slow' },
      until: new Promise<void>((resolve) => {
        deliver = resolve;
      }),
      when: (c) => c.body?.type === 'message',
    });
    const inFlight = post(
      base,
      A.message({ ...where, conversationId: 'a:slow' }, 'paljonko Tietohallinto on käyttänyt?'),
    );
    let inFlightDone = false;
    void inFlight.finally(() => {
      inFlightDone = true;
    });
    try {
      await connector.waitForReceived((calls) =>
        calls.some((c) => c.conversationId === 'a:slow' && c.body?.type === 'message'),
      );
      child?.kill('SIGTERM');
      // Stopped accepting: a new connection is refused (or, in the instant before, /healthz is not 200).
      await waitUntilNotAccepting(base);

      // New work is refused while the turn finishes: no new connection, or 503 on a kept one.
      const late = await post(base, A.message(where, 'entä 2021?')).then(
        (res) => res.status,
        () => 'refused',
      );
      expect([503, 'refused']).toContain(late);
      expect(inFlightDone).toBe(false);
    } finally {
      deliver();
    }

    expect((await inFlight).status).toBe(200);
    expect(connector.messages('a:slow')).toHaveLength(1);
    expect(await exited).toBe(0);

    const state = JSON.parse(await readFile(statePath, 'utf8')) as BotState;
    expect(state.subscriptions).toMatchObject([
      { conversationId: 'a:subscriber', costCentre: 'Tietohallinto', thresholds: ['0.8'] },
    ]);
    expect(state.conversations['a:slow']?.lastQuery).not.toBeNull();
  }, 60_000);

  it('should stop gracefully on a SIGTERM as soon as /healthz first answers, releasing the state file', async () => {
    stateDir = await mkdtemp(path.join(os.tmpdir(), 'fault-shutdown-'));
    const statePath = path.join(stateDir, 'bot-state.json');
    // Polled closely, so the signal comes while start-up may still be finishing.
    const { exited } = await startBotProcess(statePath, 5);
    child?.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(existsSync(lockPathOf(statePath))).toBe(false);
  }, 60_000);
});
