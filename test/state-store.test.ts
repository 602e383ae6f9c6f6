import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Subscription } from '../src/store/alert-records';
import { uniqueTempPath } from '../src/store/atomic-json-file';
import { DocumentState } from '../src/store/document-state';
import { emptyBotState } from '../src/store/state-schema';
import { FileStateStore, MemoryStateStore, type StateStore } from '../src/store/state-store';
import { spentQuery as query } from './fixtures/turn-query';

const reference = { conversation: { id: 'c1' }, serviceUrl: 'http://127.0.0.1:1/' };

function subscription(conversationId: string): Subscription {
  return {
    id: `s-${conversationId}`,
    conversationId,
    scope: 'personal',
    createdBy: 'u1',
    costCentre: null,
    thresholds: ['0.9'],
    pacePoints: '10',
    revenueShortfallPoints: '10',
    projection: true,
    quietDays: 7,
    lang: 'fi',
    paused: false,
    pausedReason: null,
    pausedAt: null,
    createdAt: '2026-01-01T00:00:00.000Z',
  };
}

/** A clock the test moves by hand. */
function clock(start = Date.parse('2026-01-01T08:00:00Z')) {
  let t = start;
  return { now: () => new Date(t), advance: (ms: number) => (t += ms) };
}

/** The conversation port over a state document. */
function conversations(store: StateStore) {
  return new DocumentState(store, { kind: 'memory' }).conversations;
}

async function tempFile(name = 'bot-state.json'): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'state-store-'));
  return path.join(dir, 'nested', name);
}

describe('MemoryStateStore', () => {
  it('should remember the last question of a conversation for a follow-up', async () => {
    const store = conversations(new MemoryStateStore());
    await store.rememberTurn('c1', { reference, lastQuery: query, lang: 'fi' });
    expect(await store.context('c1')).toEqual({ lastQuery: query, lang: 'fi' });
    expect(await store.context('other')).toBeNull();
  });

  it('should forget the last question after the context has expired, but keep the reference', async () => {
    const c = clock();
    const store = conversations(
      new MemoryStateStore(emptyBotState(), { now: c.now, limits: { contextTtlMs: 60_000 } }),
    );
    await store.rememberTurn('c1', { reference, lastQuery: query, lang: 'en' });
    c.advance(60_001);
    expect(await store.context('c1')).toEqual({ lastQuery: null, lang: 'en' });
    expect(await store.reference('c1')).toEqual(reference);
  });

  it('should cap the number of conversations, evicting the least recently active first', async () => {
    const c = clock();
    const store = new MemoryStateStore(emptyBotState(), { now: c.now, limits: { maxConversations: 2 } });
    for (const id of ['a', 'b', 'c']) {
      await conversations(store).rememberTurn(id, { reference, lastQuery: null, lang: 'fi' });
      c.advance(1000);
    }
    expect(Object.keys(store.read().conversations).sort()).toEqual(['b', 'c']);
  });

  it('should keep conversations with subscriptions, however old, and drop other stale ones', async () => {
    const c = clock();
    const store = new MemoryStateStore(emptyBotState(), { now: c.now, limits: { retentionMs: 1000 } });
    const convs = conversations(store);
    await convs.rememberTurn('subscribed', { reference, lastQuery: null, lang: 'fi' });
    await convs.rememberTurn('idle', { reference, lastQuery: null, lang: 'fi' });
    await store.update((s) => s.subscriptions.push(subscription('subscribed')));
    c.advance(5000);
    await convs.rememberTurn('fresh', { reference, lastQuery: null, lang: 'fi' });
    expect(Object.keys(store.read().conversations).sort()).toEqual(['fresh', 'subscribed']);
  });

  it('should apply changes in the order they were made, joining changes that wait for the same write', async () => {
    const store = new MemoryStateStore();
    await store.update((s) => s.subscriptions.push(subscription('w')));
    await Promise.all([
      store.update((s) => s.subscriptions.push(subscription('x'))),
      store.update((s) => s.subscriptions.push(subscription('y'))),
    ]);
    // One write for the first change, one for the two made while it was queued.
    expect(store.writes.map((w) => w.subscriptions.map((s) => s.conversationId))).toEqual([
      ['w'],
      ['w', 'x', 'y'],
    ]);
  });
});

describe('FileStateStore', () => {
  it('should start empty when the file is missing and write it atomically on the first change', async () => {
    const file = await tempFile();
    const store = await FileStateStore.open(file);
    expect(store.health()).toEqual({ ok: true, problem: null });
    await conversations(store).rememberTurn('c1', { reference, lastQuery: query, lang: 'fi' });
    await store.flush();
    const onDisk = JSON.parse(await readFile(file, 'utf8'));
    expect(onDisk.conversations.c1.lastQuery.text).toBe(query.text);
    // No temporary file is left beside the state file.
    expect(await readdir(path.dirname(file))).toEqual(['bot-state.json']);
  });

  it('should read back what an earlier process wrote', async () => {
    const file = await tempFile();
    const first = await FileStateStore.open(file);
    await conversations(first).rememberTurn('c9', { reference, lastQuery: query, lang: 'fi' });
    // A prompt write takes the waiting turn change along.
    await first.update((s) => s.subscriptions.push(subscription('c9')));
    const second = await FileStateStore.open(file);
    expect(second.read().subscriptions.map((s) => s.id)).toEqual(['s-c9']);
    expect((await conversations(second).context('c9'))?.lastQuery?.intent).toBe('budgetVsActual');
  });

  it.each([
    { name: 'not JSON', content: '{"version": 1, "conv', problem: /not valid JSON/ },
    { name: 'JSON of another shape', content: '{"version": 2}', problem: /does not match the state schema/ },
  ])('should move a corrupt file ($name) aside, report it, and carry on empty', async ({
    content,
    problem,
  }) => {
    const file = await tempFile();
    await FileStateStore.open(file); // creates the folder
    await writeFile(file, content);
    const store = await FileStateStore.open(file);
    expect(store.health().ok).toBe(true);
    expect(store.health().problem).toMatch(problem);
    expect(store.read()).toEqual(emptyBotState());
    const files = await readdir(path.dirname(file));
    expect(files.some((f) => f.startsWith('bot-state.json.corrupt-'))).toBe(true);
  });

  it('should write turns together, after the delay or at once on flush, in memory meanwhile', async () => {
    const file = await tempFile();
    const store = await FileStateStore.open(file, { turnWriteDelayMs: 60_000 });
    const convs = conversations(store);
    for (const id of ['a', 'b', 'c'])
      await convs.rememberTurn(id, { reference, lastQuery: query, lang: 'fi' });
    // Follow-ups see the turn at once, before anything is on disk.
    expect((await convs.context('b'))?.lastQuery).toEqual(query);
    await expect(readFile(file, 'utf8')).rejects.toThrow(/ENOENT/);
    await store.flush();
    expect(Object.keys(JSON.parse(await readFile(file, 'utf8')).conversations)).toEqual(['a', 'b', 'c']);
  });

  it('should write delayed turns by itself once the delay has passed', async () => {
    const file = await tempFile();
    const store = await FileStateStore.open(file, { turnWriteDelayMs: 20 });
    const { written } = store.updateSoon((s) => {
      s.conversations.late = {
        reference,
        lastQuery: null,
        lang: 'en',
        updatedAt: new Date().toISOString(),
        greetedAt: null,
      };
    });
    await written;
    expect(Object.keys(JSON.parse(await readFile(file, 'utf8')).conversations)).toEqual(['late']);
  });

  it('should never let a reader see a half-written file, even with two writers (a temporary file each)', async () => {
    const file = await tempFile();
    const writers = [await FileStateStore.open(file), await FileStateStore.open(file)];
    // Big enough that one write takes several chunks: a shared temporary name would interleave them.
    const padding = 'x'.repeat(200_000);
    let whole = 0;
    let broken = 0;
    let writing = true;
    const reader = (async () => {
      while (writing) {
        try {
          JSON.parse(await readFile(file, 'utf8'));
          whole++;
        } catch (err) {
          if ((err as NodeJS.ErrnoException).code !== 'ENOENT') broken++;
        }
      }
    })();
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        (writers[i % 2] as FileStateStore).update((s) => {
          s.subscriptions = [{ ...subscription(`c${i}`), createdBy: padding }];
        }),
      ),
    );
    writing = false;
    await reader;
    expect(broken).toBe(0);
    expect(whole).toBeGreaterThan(0);
    expect(await readdir(path.dirname(file))).toEqual(['bot-state.json']);
    expect(uniqueTempPath(file)).not.toBe(uniqueTempPath(file));
    expect(uniqueTempPath(file)).toContain(`.${process.pid}.`);
  });

  it('should write many concurrent changes without losing any', async () => {
    const file = await tempFile();
    const store = await FileStateStore.open(file);
    await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        conversations(store).rememberTurn(`c${i}`, { reference, lastQuery: null, lang: 'fi' }),
      ),
    );
    await store.flush();
    const onDisk = JSON.parse(await readFile(file, 'utf8'));
    expect(Object.keys(onDisk.conversations)).toHaveLength(50);
  });
});
