/**
 * SIGTERM to the running bot process (as `npm start` runs it): it stops accepting at once,
 * finishes the turn in flight (its answer still reaches the connector), writes the state file
 * with the subscription made just before, and exits 0.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { BotState } from '../src/store/state-schema';
import * as A from './support/activities';
import { ConnectorServer } from './support/connector-server';
import { freePort } from './support/playground-client';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

let child: ChildProcess | null = null;
let connector: ConnectorServer | null = null;
afterEach(async () => {
  child?.kill('SIGKILL');
  child = null;
  await connector?.close();
  connector = null;
});

async function startBotProcess(statePath: string): Promise<{ base: string; exited: Promise<number | null> }> {
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
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 300; i++) {
    if (proc.exitCode !== null) throw new Error(`bot exited with ${proc.exitCode}`);
    try {
      if ((await fetch(`${base}/healthz`)).ok) return { base, exited };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('bot did not become healthy');
}

const post = (base: string, activity: unknown) =>
  fetch(`${base}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(activity),
  });

describe('SIGTERM', () => {
  it('should stop accepting, finish the turn in flight, flush the state and exit 0', async () => {
    const statePath = path.join(await mkdtemp(path.join(os.tmpdir(), 'fault-shutdown-')), 'bot-state.json');
    connector = await ConnectorServer.start();
    const { base, exited } = await startBotProcess(statePath);
    const where = { serviceUrl: connector.url, conversationId: 'a:subscriber' };

    // A subscription made just before the signal (its write may still be pending).
    expect((await post(base, A.message(where, 'tilaa hälytys Tietohallinto 80 %'))).status).toBe(200);
    await connector.waitForMessages('a:subscriber', 1);

    // The answer to the next question is slow to deliver: the turn is in flight at SIGTERM.
    connector.plan({
      status: 201,
      body: { id: 'slow' },
      delayMs: 800,
      when: (c) => c.body?.type === 'message',
    });
    const inFlight = post(
      base,
      A.message({ ...where, conversationId: 'a:slow' }, 'paljonko Tietohallinto on käyttänyt?'),
    );
    await connector.waitForReceived((calls) =>
      calls.some((c) => c.conversationId === 'a:slow' && c.body?.type === 'message'),
    );
    child?.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 100));

    // New work is refused while the turn finishes: no new connection, or 503 on a kept one.
    const late = await post(base, A.message(where, 'entä 2021?')).then(
      (res) => res.status,
      () => 'refused',
    );
    expect([503, 'refused']).toContain(late);

    expect((await inFlight).status).toBe(200);
    expect(connector.messages('a:slow')).toHaveLength(1);
    expect(await exited).toBe(0);

    const state = JSON.parse(await readFile(statePath, 'utf8')) as BotState;
    expect(state.subscriptions).toMatchObject([
      { conversationId: 'a:subscriber', costCentre: 'Tietohallinto', thresholds: ['0.8'] },
    ]);
    expect(state.conversations['a:slow']?.lastQuery).not.toBeNull();
  });
});
