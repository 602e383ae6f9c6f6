/**
 * `npm start` as a process: fails fast naming a bad variable, serves when configured, and
 * stops cleanly on SIGTERM with the state flushed.
 */
import { mkdtemp, readFile, rename, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runIngest } from '../src/ingest/ingest-command';
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

  it('should take a new store into use while running, and refuse one that is broken, empty or drops data', async () => {
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
    type Health = {
      status: string;
      store: { facts: number; asOf: string; problem: string | null; problemSince: string | null };
    };
    const health = async (): Promise<{ code: number; body: Health }> => {
      const res = await fetch(`http://127.0.0.1:${port}/healthz`);
      return { code: res.status, body: (await res.json()) as Health };
    };
    /** Polls until `done` holds (the bot checks the file once a second), at most 10 s. */
    const eventually = async (done: () => Promise<boolean> | boolean) => {
      for (let i = 0; i < 100 && !(await done()); i++) await new Promise((r) => setTimeout(r, 100));
    };
    /** As npm run ingest does: a new file renamed over the old one. */
    const replace = async (content: string) => {
      await writeFile(`${storePath}.new`, content);
      await rename(`${storePath}.new`, storePath);
    };
    const seeds = ['seeds/000_d3382b3632755c54.txt', 'seeds/001_a49d1ed256dc6eed.txt'];
    try {
      await healthy(`http://127.0.0.1:${port}/healthz`, bot.exited);
      expect((await health()).body.store.facts).toBe(original.facts.length);

      // A real ingest with a month's ledger: more figures, a newer date, taken into use.
      const ledger = path.join(dir, 'ledger-2022-09.csv');
      await writeFile(ledger, 'cost_centre,account,as_of,amount\nTietohallinto,MENOT,2022-09-30,-1234567\n');
      await runIngest({
        out: storePath,
        report: null,
        aliases: 'data/aliases.json',
        files: [...seeds, ledger],
      });
      await eventually(async () => (await health()).body.store.facts === original.facts.length + 1);
      expect((await health()).body).toMatchObject({
        status: 'ok',
        store: { facts: original.facts.length + 1, asOf: '2022-09-30', problem: null },
      });
      const withLedger = await readFile(storePath, 'utf8');

      // A store that drops most figures (a cut-off report copied over by hand): refused.
      const kept = JSON.parse(withLedger) as { facts: unknown[] };
      await replace(JSON.stringify({ ...kept, facts: kept.facts.slice(0, 10) }));
      await eventually(async () => (await health()).body.store.problem !== null);
      const refused = await health();
      expect(refused.code).toBe(200);
      expect(refused.body.status).toBe('degraded');
      expect(refused.body.store.facts).toBe(original.facts.length + 1);
      expect(refused.body.store.problem).toMatch(
        /^the new budget store would drop data: the new 000_d3382b3632755c54\.txt lacks \d+ of its 567 figures/,
      );
      expect(refused.body.store.problemSince).toMatch(/^\d{4}-\d\d-\d\dT/);
      // The log line may reach the output a moment after /healthz says so.
      await eventually(() => bot.output().includes('budget store not reloaded'));
      expect(bot.output()).toContain('budget store not reloaded');

      // A broken file and an empty store: refused the same way, the good data still in use.
      await replace('{"version": 1, "facts": [');
      await eventually(async () => /not valid JSON/.test((await health()).body.store.problem ?? ''));
      expect((await health()).body.store.problem).toMatch(/not valid JSON/);
      await replace(JSON.stringify({ ...kept, documents: [], costCentres: [], facts: [] }));
      await eventually(
        async () => (await health()).body.store.problem === 'the new budget store has no figures',
      );
      expect((await health()).body.store).toMatchObject({
        facts: original.facts.length + 1,
        problem: 'the new budget store has no figures',
      });

      // The good store again: taken in, and the problem is gone.
      await replace(withLedger);
      await eventually(async () => (await health()).body.store.problem === null);
      expect((await health()).body).toMatchObject({ status: 'ok', store: { problem: null } });

      // A removal made on purpose (ingest --accept-removals) is taken into use.
      await runIngest({
        out: storePath,
        report: null,
        aliases: 'data/aliases.json',
        files: seeds,
        acceptRemovals: true,
      });
      await eventually(async () => (await health()).body.store.facts === original.facts.length);
      expect((await health()).body).toMatchObject({
        status: 'ok',
        store: { facts: original.facts.length, asOf: '2022-06-30', problem: null },
      });
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
