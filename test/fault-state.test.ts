/**
 * Faults of the state file while the bot runs: the disk full (writes fail), the file deleted,
 * the file corrupted. The bot keeps answering, /healthz and the log say what happened, and the
 * subscription stored before is never lost: the state is written again from memory.
 */
import { mkdtemp, readdir, readFile, unlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Adapter } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import type { Subscription } from '../src/store/alert-records';
import { DocumentState } from '../src/store/document-state';
import { GuardedStateStore, lastGoodPath, restoreStateFile } from '../src/store/guarded-state-store';
import type { BotState } from '../src/store/state-schema';
import { FileStateStore } from '../src/store/state-store';
import * as A from './support/activities';
import { adaptiveCardOf, type BotHarness, plainCardText, startBot } from './support/bot-harness';
import { realAssistant, realCards } from './support/real-core';

/** lowdb's JSONFile, except that writes fail as on a full disk while `full` is set. */
class FillableDisk implements Adapter<BotState> {
  full = false;
  private readonly real: JSONFile<BotState>;
  constructor(file: string) {
    this.real = new JSONFile<BotState>(file);
  }
  read(): Promise<BotState | null> {
    return this.real.read();
  }
  write(data: BotState): Promise<void> {
    if (this.full) {
      const err = new Error('ENOSPC: no space left on device, write') as NodeJS.ErrnoException;
      err.code = 'ENOSPC';
      return Promise.reject(err);
    }
    return this.real.write(data);
  }
}

const SUBSCRIPTION: Subscription = {
  id: 'sub-kept',
  conversationId: 'a:subscriber',
  scope: 'personal',
  createdBy: '29:user-1',
  costCentre: 'Tietohallinto',
  thresholds: ['0.5', '0.75', '0.9', '1'],
  pacePoints: '10',
  revenueShortfallPoints: '10',
  projection: true,
  quietDays: 7,
  lang: 'fi',
  paused: false,
  pausedReason: null,
  pausedAt: null,
  createdAt: '2026-11-01T08:00:00.000Z',
};

interface Rig {
  h: BotHarness;
  guarded: GuardedStateStore;
  disk: FillableDisk;
  file: string;
  /** What the guard logged. */
  logs: Array<Record<string, unknown>>;
}

let rig: Rig | null = null;
afterEach(async () => {
  rig?.guarded.stop();
  await rig?.h.close();
  rig = null;
});

/** A logger whose lines (parsed) land in `lines`. */
function captureLogger(lines: Array<Record<string, unknown>>): pino.Logger {
  return pino(
    { level: 'info' },
    { write: (line: string) => lines.push(JSON.parse(line) as Record<string, unknown>) },
  );
}

/** A bot over a guarded state file that already holds one subscription. */
async function start(): Promise<Rig> {
  const file = path.join(await mkdtemp(path.join(os.tmpdir(), 'fault-state-')), 'bot-state.json');
  const disk = new FillableDisk(file);
  const store = await FileStateStore.open(file, { fileAdapter: () => disk });
  await store.update((s) => {
    s.subscriptions.push(SUBSCRIPTION);
  });
  const logs: Array<Record<string, unknown>> = [];
  const guarded = new GuardedStateStore(store, captureLogger(logs), 60_000);
  const h = await startBot({
    assistant: await realAssistant(),
    cards: realCards,
    state: new DocumentState(guarded, { kind: 'file' }),
  });
  rig = { h, guarded, disk, file, logs };
  return rig;
}

async function askAndExpectAnswer(r: Rig, conversationId: string): Promise<void> {
  const res = await r.h.post(
    A.message({ serviceUrl: r.h.connector.url, conversationId }, 'paljonko Tietohallinto on käyttänyt?'),
  );
  expect(res.status).toBe(200);
  const [reply] = await r.h.connector.waitForMessages(conversationId, 1);
  expect(plainCardText(adaptiveCardOf(reply))).toContain('924 370 €');
}

async function onDisk(file: string): Promise<BotState> {
  return JSON.parse(await readFile(file, 'utf8')) as BotState;
}

async function healthz(r: Rig): Promise<{ status: number; state: { ok: boolean; problem: string | null } }> {
  const res = await fetch(`${r.h.url}/healthz`);
  const body = (await res.json()) as { state: { ok: boolean; problem: string | null } };
  return { status: res.status, state: body.state };
}

describe('a full disk', () => {
  it('should keep answering, report the failed writes in /healthz and the log, and keep the old file whole', async () => {
    const r = await start();
    r.disk.full = true;
    await askAndExpectAnswer(r, 'a:while-full');
    const health = await r.guarded.check();
    expect(health.ok).toBe(false);
    expect(health.problem).toContain('no space left on device');
    const res = await healthz(r);
    expect(res.status).toBe(503);
    expect(res.state.problem).toContain('no space left on device');
    expect(r.logs.some((l) => l.msg === 'bot state file problem' && l.level === 50)).toBe(true);
    // The last good file is untouched: the write that failed never replaced it.
    expect((await onDisk(r.file)).subscriptions).toEqual([SUBSCRIPTION]);
  });

  it('should write everything kept in memory once the disk has room again', async () => {
    const r = await start();
    r.disk.full = true;
    await askAndExpectAnswer(r, 'a:while-full');
    await r.guarded.check();
    r.disk.full = false;
    expect((await r.guarded.check()).ok).toBe(true);
    const state = await onDisk(r.file);
    expect(state.subscriptions).toEqual([SUBSCRIPTION]);
    expect(Object.keys(state.conversations)).toContain('a:while-full');
    expect((await healthz(r)).status).toBe(200);
  });
});

describe('the state file deleted or corrupted while running', () => {
  const damages = [
    { name: 'deleted', damage: (file: string) => unlink(file), reported: /deleted/ },
    {
      name: 'cut off mid-write',
      damage: (file: string) => writeFile(file, '{"version":1,"conversations":{"a:x":{"refe'),
      reported: /corrupted/,
    },
    {
      name: 'overwritten with JSON of another shape',
      damage: (file: string) => writeFile(file, '{"hello":"world"}'),
      reported: /corrupted/,
    },
  ];

  it.each(damages)('should keep answering and write the subscription back when the file is $name', async ({
    damage,
    reported,
  }) => {
    const r = await start();
    await damage(r.file);
    await askAndExpectAnswer(r, 'a:after-damage');
    const health = await r.guarded.check();
    expect(health).toEqual({ ok: true, problem: expect.stringMatching(reported) });
    expect((await healthz(r)).state.problem).toMatch(reported);
    expect(r.logs.some((l) => l.msg === 'bot state file repaired')).toBe(true);
    // A restart now finds everything: the subscription from before and this turn's conversation.
    const reopened = await FileStateStore.open(r.file);
    expect(reopened.health().problem).toBeNull();
    expect(reopened.read().subscriptions).toEqual([SUBSCRIPTION]);
    expect(Object.keys(reopened.read().conversations)).toContain('a:after-damage');
  });

  it('should keep the damaged file beside the new one for inspection', async () => {
    const r = await start();
    await writeFile(r.file, 'garbage');
    await r.guarded.check();
    const files = await readdir(path.dirname(r.file));
    const aside = files.find((f) => f.startsWith('bot-state.json.corrupt-'));
    expect(aside).toBeDefined();
    expect(await readFile(path.join(path.dirname(r.file), aside!), 'utf8')).toBe('garbage');
  });

  it('should find a deleted file by itself, on its periodic check', async () => {
    const r = await start();
    const watched = new GuardedStateStore(await FileStateStore.open(r.file), captureLogger([]), 50);
    watched.start();
    try {
      await unlink(r.file);
      for (let i = 0; i < 100 && watched.health().problem === null; i++)
        await new Promise((resolve) => setTimeout(resolve, 20));
      expect(watched.health().problem).toMatch(/deleted/);
      expect((await onDisk(r.file)).subscriptions).toEqual([SUBSCRIPTION]);
    } finally {
      watched.stop();
    }
  });
});

describe('a restart after the file was damaged while the bot was stopped', () => {
  const damages = [
    {
      name: 'cut off',
      damage: (file: string) => writeFile(file, '{"version":1,"subscr'),
      reported: /damaged/,
    },
    { name: 'deleted', damage: (file: string) => unlink(file), reported: /missing/ },
  ];

  it.each(damages)('should restore the last good copy when the file was $name, and say so', async ({
    damage,
    reported,
  }) => {
    const r = await start();
    // A check while running keeps a copy of the file that passed it.
    await r.guarded.check();
    expect((await onDisk(lastGoodPath(r.file))).subscriptions).toEqual([SUBSCRIPTION]);
    await r.guarded.flush();
    await damage(r.file);

    const restored = await restoreStateFile(r.file);
    expect(restored).toMatch(reported);
    const reopened = await FileStateStore.open(r.file);
    expect(reopened.health().problem).toBeNull();
    expect(reopened.read().subscriptions).toEqual([SUBSCRIPTION]);
  });

  it('should leave a good file alone, and do nothing without a good copy', async () => {
    const r = await start();
    expect(await restoreStateFile(r.file)).toBeNull();
    await writeFile(r.file, 'garbage');
    // No check ran, so there is no copy: the store's own handling (move aside, start empty) applies.
    expect(await restoreStateFile(r.file)).toBeNull();
    expect(await readFile(r.file, 'utf8')).toBe('garbage');
  });
});
