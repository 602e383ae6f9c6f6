/**
 * `npm start` as a process: fails fast naming a bad variable, serves when configured, and
 * stops cleanly on SIGTERM with the state flushed.
 */
import { mkdtemp, readFile, rename, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import * as A from './support/activities';
import { healthy, startBotProcess as start } from './support/bot-process';
import { ConnectorServer } from './support/connector-server';
import { freePort } from './support/playground-client';

describe('npm start', () => {
  it.each<{ env: Record<string, string>; variable: string }>([
    { env: { PORT: 'eighty' }, variable: 'PORT' },
    { env: { MicrosoftAppId: 'app', MicrosoftAppPassword: '' }, variable: 'MicrosoftAppPassword' },
  ])('should refuse to start with a bad $variable, naming it', async ({ env, variable }) => {
    const bot = start(env);
    expect(await bot.exited).toBe(2);
    expect(bot.output()).toContain(`configuration error: ${variable}:`);
  });

  it('should say so plainly when the store file is missing', async () => {
    const bot = start({ PORT: String(await freePort()), STORE_PATH: 'no/such/budget.json' });
    expect(await bot.exited).toBe(1);
    expect(bot.output()).toMatch(/could not start: .*no\/such\/budget\.json/);
    expect(bot.output()).not.toMatch(/\n\s+at .+:\d+:\d+/); // no stack trace
  });

  it('should take a new store into use while running, and keep the old one if the new one is broken', async () => {
    const port = await freePort();
    const dir = await mkdtemp(path.join(os.tmpdir(), 'npm-start-reload-'));
    const storePath = path.join(dir, 'budget.json');
    const original = JSON.parse(await readFile('data/budget.json', 'utf8')) as { facts: unknown[] };
    await writeFile(storePath, JSON.stringify(original));
    const bot = start({
      PORT: String(port),
      STORE_PATH: storePath,
      STATE_PATH: path.join(dir, 'state.json'),
      STORE_CHECK_SECONDS: '1',
    });
    const facts = async () =>
      ((await (await fetch(`http://127.0.0.1:${port}/healthz`)).json()) as { store: { facts: number } }).store
        .facts;
    /** Polls until `done` holds (the bot checks the file once a second), at most 10 s. */
    const eventually = async (done: () => Promise<boolean> | boolean) => {
      for (let i = 0; i < 100 && !(await done()); i++) await new Promise((r) => setTimeout(r, 100));
    };
    try {
      await healthy(`http://127.0.0.1:${port}/healthz`, bot.exited);
      expect(await facts()).toBe(original.facts.length);
      // As npm run ingest does: a new file renamed over the old one.
      await writeFile(
        `${storePath}.new`,
        JSON.stringify({ ...original, facts: original.facts.slice(0, 10) }),
      );
      await rename(`${storePath}.new`, storePath);
      await eventually(async () => (await facts()) === 10);
      expect(await facts()).toBe(10);
      await writeFile(storePath, '{"version": 1, "facts": [');
      await eventually(() => bot.output().includes('not reloaded'));
      expect(bot.output()).toContain('budget store not reloaded');
      expect(await facts()).toBe(10);
    } finally {
      bot.child.kill('SIGKILL');
    }
  });

  it('should serve, remember a conversation, and flush it on SIGTERM', async () => {
    const port = await freePort();
    const statePath = path.join(await mkdtemp(path.join(os.tmpdir(), 'npm-start-')), 'bot-state.json');
    const connector = await ConnectorServer.start();
    const bot = start({ PORT: String(port), STATE_PATH: statePath, LOG_LEVEL: 'info' });
    try {
      await healthy(`http://127.0.0.1:${port}/healthz`, bot.exited);
      const activity = A.message(
        { serviceUrl: connector.url, conversationId: 'a:npm-start' },
        'paljonko Tietohallinto on käyttänyt?',
      );
      const res = await fetch(`http://127.0.0.1:${port}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(activity),
      });
      expect(res.status).toBe(200);
      await connector.waitForMessages('a:npm-start', 1);
      bot.child.kill('SIGTERM');
      expect(await bot.exited).toBe(0);
      const state = JSON.parse(await readFile(statePath, 'utf8'));
      expect(state.conversations['a:npm-start'].lastQuery.intent).toBeTruthy();
      // The turn line is there; the question's text is not.
      expect(bot.output()).toContain('"event":"turn"');
      expect(bot.output()).not.toContain('Tietohallinto on käyttänyt');
    } finally {
      bot.child.kill('SIGKILL');
      await connector.close();
    }
  });
});
