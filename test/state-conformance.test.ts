/**
 * One conformance suite for every implementation of the state ports (state-ports.ts): in
 * memory, the embedded lowdb file, and PostgreSQL. The same cases hold each to the same
 * contract, including the atomic ones: of callers racing for a welcome, a delivery claim, the
 * last free subscription slot, the run lease or a question token, exactly the right number win.
 * Racers are separate instances where the implementation allows several (PostgreSQL: each its
 * own connection pool) and concurrent calls on one instance otherwise.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { DocumentState } from '../src/store/document-state';
import { openState } from '../src/store/open-state';
import { PostgresState } from '../src/store/postgres-state';
import {
  type AlertClaim,
  MAX_SUBSCRIPTIONS_PER_CONVERSATION,
  type StateBackend,
} from '../src/store/state-ports';
import { MemoryStateStore } from '../src/store/state-store';
import { subscription } from './fixtures/alert-store';
import { spentQuery as query } from './fixtures/turn-query';
import { freshDatabase, POSTGRES_SKIP_REASON, POSTGRES_URL } from './support/postgres-db';

/** A clock that runs with real time, and can be moved ahead by hand. */
function movableClock() {
  let offset = 0;
  return { now: () => new Date(Date.now() + offset), advance: (ms: number) => (offset += ms) };
}
type Clock = ReturnType<typeof movableClock>;

/** One implementation under test: how to open it, open it again, and race it. */
interface Subject {
  /** The state under test. */
  state: StateBackend;
  /** `n` handles on the same state for racing: other instances where that is possible. */
  peers(n: number): Promise<StateBackend[]>;
  /** Closes and opens the state again (null: it keeps nothing, as memory). */
  reopen: (() => Promise<StateBackend>) | null;
}

interface Implementation {
  name: string;
  available: boolean;
  open(clock: Clock, cleanup: Array<() => Promise<void>>): Promise<Subject>;
}

const quiet = pino({ level: 'silent' });
const LIMITS = { contextTtlMs: 60_000, retentionMs: 86_400_000 };

const implementations: Implementation[] = [
  {
    name: 'memory',
    available: true,
    async open(clock) {
      const state = new DocumentState(new MemoryStateStore(undefined, { now: clock.now, limits: LIMITS }), {
        kind: 'memory',
      });
      return { state, peers: async (n) => Array.from({ length: n }, () => state), reopen: null };
    },
  },
  {
    name: 'lowdb file',
    available: true,
    async open(clock, cleanup) {
      const dir = await mkdtemp(path.join(os.tmpdir(), 'conformance-'));
      const config = { statePath: path.join(dir, 'state.json'), stateUrl: null };
      const openFile = async () =>
        (await openState(config, { role: 'bot', logger: quiet, store: { now: clock.now, limits: LIMITS } }))
          .state;
      let state = await openFile();
      cleanup.push(async () => {
        await state.close();
        await rm(dir, { recursive: true, force: true });
      });
      return {
        state,
        peers: async (n) => Array.from({ length: n }, () => state),
        reopen: async () => {
          await state.close();
          state = await openFile();
          return state;
        },
      };
    },
  },
  {
    name: 'PostgreSQL',
    available: POSTGRES_URL !== null,
    async open(clock, cleanup) {
      const db = await freshDatabase();
      const opened: PostgresState[] = [];
      const open = async () => {
        const s = await PostgresState.open(db.url, {
          now: clock.now,
          limits: LIMITS,
          maintenance: false,
          maxConnections: 4,
        });
        opened.push(s);
        return s;
      };
      cleanup.push(async () => {
        for (const s of opened) await s.close().catch(() => undefined);
        await db.drop();
      });
      const state = await open();
      return {
        state,
        peers: async (n) => Promise.all(Array.from({ length: n }, open)),
        reopen: async () => {
          await state.close();
          return open();
        },
      };
    },
  },
];

function reference(id: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    serviceUrl: 'https://smba.trafficmanager.net/emea/',
    channelId: 'msteams',
    conversation: { id, conversationType: 'personal', tenantId: 't1' },
    bot: { id: '28:bot', name: 'Budjettibotti' },
    user: { id: '29:user', name: 'Maija', aadObjectId: 'aad-1' },
    ...extra,
  };
}

function claim(key: string, sub = 'sub-1', costCentre = 'Tietohallinto', asOf = '2022-06-30'): AlertClaim {
  return {
    key,
    subscriptionId: sub,
    conversationId: `conv-of-${sub}`,
    costCentre,
    rule: 'usedShare',
    step: '0.5',
    asOf,
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// Without a server the PostgreSQL cases are skipped: a skipped test by this name says so in the summary.
if (POSTGRES_URL === null) it.skip(POSTGRES_SKIP_REASON, () => undefined);

for (const impl of implementations) {
  describe.skipIf(!impl.available)(`state conformance: ${impl.name}`, () => {
    const cleanup: Array<() => Promise<void>> = [];
    let clock: Clock;
    afterEach(async () => {
      for (const c of cleanup.splice(0).reverse()) await c();
    });
    const open = async () => {
      clock = movableClock();
      return impl.open(clock, cleanup);
    };

    describe('conversations', () => {
      it('should keep a turn: reference, last question and language, and nothing for an unknown conversation', async () => {
        const { state } = await open();
        expect(await state.conversations.context('c1')).toBeNull();
        expect(await state.conversations.reference('c1')).toBeNull();
        expect(await state.conversations.get('c1')).toBeUndefined();
        await state.conversations.rememberTurn('c1', {
          reference: reference('c1'),
          lastQuery: query,
          lang: 'fi',
        });
        expect(await state.conversations.context('c1')).toEqual({ lastQuery: query, lang: 'fi' });
        expect(await state.conversations.reference('c1')).toEqual(reference('c1'));
        expect(await state.conversations.get('c1')).toMatchObject({ lang: 'fi', greetedAt: null });
      });

      it('should forget the last question once the context has expired, but keep the language and reference', async () => {
        const { state } = await open();
        await state.conversations.rememberTurn('c1', {
          reference: reference('c1'),
          lastQuery: query,
          lang: 'en',
        });
        clock.advance(LIMITS.contextTtlMs + 1000);
        expect(await state.conversations.context('c1')).toEqual({ lastQuery: null, lang: 'en' });
        expect(await state.conversations.reference('c1')).toEqual(reference('c1'));
      });

      it('should let exactly one of many racing welcomes greet, and greet again once the mark is cleared', async () => {
        const { state, peers } = await open();
        const memory = { reference: reference('new'), lastQuery: null, lang: 'fi' as const };
        const racers = await peers(4);
        const won = await Promise.all(
          racers.flatMap((p) => [1, 2].map(() => p.conversations.markGreeted('new', memory))),
        );
        expect(won.filter(Boolean)).toHaveLength(1);
        // A turn keeps the mark: no second welcome.
        await state.conversations.rememberTurn('new', { ...memory, lastQuery: query });
        expect(await state.conversations.markGreeted('new', memory)).toBe(false);
        expect((await state.conversations.get('new'))?.greetedAt).not.toBeNull();
        // The bot removed, then added again: it greets again, and the conversation keeps what it had.
        await state.conversations.clearGreeted('new');
        expect((await state.conversations.get('new'))?.greetedAt).toBeNull();
        expect(await state.conversations.markGreeted('new', memory)).toBe(true);
        expect((await state.conversations.context('new'))?.lastQuery).toEqual(query);
      });

      it('should store only what a proactive message needs of a reference, its strings capped', async () => {
        const { state } = await open();
        const huge = 'Ä'.repeat(100_000);
        await state.conversations.rememberTurn('c-big', {
          reference: reference('c-big', {
            conversation: { id: 'c-big', name: huge, conversationType: 'groupChat', tenantId: 't1' },
            user: { id: '29:u', name: huge, aadObjectId: 'aad', extra: huge },
            padding: huge,
          }),
          lastQuery: { ...query, text: 'nul\u0000 in the question' },
          lang: 'fi',
        });
        const stored = (await state.conversations.reference('c-big')) as {
          conversation: { id: string; name: string };
          user: Record<string, unknown>;
          padding?: unknown;
        };
        expect(stored.conversation.id).toBe('c-big');
        expect(Array.from(stored.conversation.name)).toHaveLength(256);
        expect(Array.from(stored.user.name as string)).toHaveLength(256);
        expect(stored.user.extra).toBeUndefined();
        expect(stored.padding).toBeUndefined();
        expect(JSON.stringify(await state.conversations.get('c-big')).length).toBeLessThan(5_000);
      });

      it('should forget a deleted conversation', async () => {
        const { state } = await open();
        await state.conversations.rememberTurn('gone', {
          reference: reference('gone'),
          lastQuery: null,
          lang: 'fi',
        });
        await state.conversations.delete('gone');
        expect(await state.conversations.get('gone')).toBeUndefined();
      });
    });

    describe('subscriptions', () => {
      it('should add one per conversation and subject, and replace it keeping its id and creation time', async () => {
        const { state } = await open();
        const first = await state.subscriptions.save(
          subscription({
            id: 'a',
            conversationId: 'c1',
            costCentre: 'Vaalit',
            createdAt: '2026-01-01T00:00:00.000Z',
          }),
        );
        expect(first).toMatchObject({ status: 'saved', replaced: false, subscription: { id: 'a' } });
        const again = await state.subscriptions.save(
          subscription({ id: 'b', conversationId: 'c1', costCentre: 'Vaalit', thresholds: ['0.8'] }),
        );
        expect(again).toMatchObject({
          status: 'saved',
          replaced: true,
          subscription: { id: 'a', thresholds: ['0.8'], createdAt: '2026-01-01T00:00:00.000Z' },
        });
        await state.subscriptions.save(subscription({ id: 'c', conversationId: 'c1', costCentre: null }));
        await state.subscriptions.save(subscription({ id: 'd', conversationId: 'c2', costCentre: 'Vaalit' }));
        expect((await state.subscriptions.listFor('c1')).map((s) => s.id).sort()).toEqual(['a', 'c']);
        expect((await state.subscriptions.list()).map((s) => s.id).sort()).toEqual(['a', 'c', 'd']);
      });

      it(`should refuse the ${MAX_SUBSCRIPTIONS_PER_CONVERSATION + 1}st subject of a conversation, however many add at once`, async () => {
        const { state, peers } = await open();
        const racers = await peers(3);
        const results = await Promise.all(
          Array.from({ length: MAX_SUBSCRIPTIONS_PER_CONVERSATION + 10 }, (_, i) =>
            (racers[i % racers.length] as StateBackend).subscriptions.save(
              subscription({ id: `s${i}`, conversationId: 'busy', costCentre: `Paikka ${i}` }),
            ),
          ),
        );
        expect(results.filter((r) => r.status === 'saved')).toHaveLength(MAX_SUBSCRIPTIONS_PER_CONVERSATION);
        expect(results.filter((r) => r.status === 'limit')).toHaveLength(10);
        expect(await state.subscriptions.listFor('busy')).toHaveLength(MAX_SUBSCRIPTIONS_PER_CONVERSATION);
        // A subject there is can still be changed at the limit; another conversation is unaffected.
        const changed = await state.subscriptions.save(
          subscription({ id: 'x', conversationId: 'busy', costCentre: 'Paikka 3', thresholds: ['0.9'] }),
        );
        expect(changed.status).toBe('saved');
        expect(
          (await state.subscriptions.save(subscription({ id: 'y', conversationId: 'calm' }))).status,
        ).toBe('saved');
      });

      it('should keep one subscription when two instances add the same subject at once', async () => {
        const { state, peers } = await open();
        const racers = await peers(4);
        await Promise.all(
          racers.map((p, i) =>
            p.subscriptions.save(
              subscription({ id: `dup-${i}`, conversationId: 'c1', costCentre: 'Vaalit' }),
            ),
          ),
        );
        expect(await state.subscriptions.listFor('c1')).toHaveLength(1);
      });

      it('should remove one subject, or every subscription of a conversation', async () => {
        const { state } = await open();
        for (const [id, cc] of [
          ['a', 'Vaalit'],
          ['b', null],
          ['c', 'Tietohallinto'],
        ] as const)
          await state.subscriptions.save(subscription({ id, conversationId: 'c1', costCentre: cc }));
        await state.subscriptions.save(subscription({ id: 'other', conversationId: 'c2' }));
        expect((await state.subscriptions.remove('c1', null)).map((s) => s.id)).toEqual(['b']);
        expect((await state.subscriptions.remove('c1', 'Vaalit')).map((s) => s.id)).toEqual(['a']);
        expect(await state.subscriptions.remove('c1', 'Vaalit')).toEqual([]);
        expect((await state.subscriptions.remove('c1')).map((s) => s.id)).toEqual(['c']);
        expect((await state.subscriptions.list()).map((s) => s.id)).toEqual(['other']);
      });

      it('should pause and resume with the reason and since when, and list the paused ones', async () => {
        const { state } = await open();
        await state.subscriptions.save(subscription({ id: 'a', conversationId: 'c1', costCentre: 'Vaalit' }));
        await state.subscriptions.save(subscription({ id: 'b', conversationId: 'c1', costCentre: null }));
        await state.subscriptions.save(subscription({ id: 'c', conversationId: 'c2' }));
        await state.subscriptions.pause('c', 'HTTP 403: bot blocked');
        const since = (await state.subscriptions.listPaused())[0]?.pausedAt;
        expect(since).toBeTruthy();
        clock.advance(5_000);
        await state.subscriptions.pause('c', 'HTTP 403 again');
        expect(await state.subscriptions.listPaused()).toMatchObject([
          { id: 'c', paused: true, pausedReason: 'HTTP 403 again', pausedAt: since },
        ]);
        expect(await state.subscriptions.pauseConversation('c1', 'bot removed from the conversation')).toBe(
          2,
        );
        expect(await state.subscriptions.pauseConversation('c1', 'again')).toBe(0);
        expect((await state.subscriptions.listPaused()).map((s) => s.id).sort()).toEqual(['a', 'b', 'c']);
        const report = await state.report();
        expect(report.paused.count).toBe(3);
        expect(report.paused.subscriptions[0]).not.toHaveProperty('conversationId');
        expect(await state.subscriptions.resumeConversation('c1')).toBe(2);
        expect(await state.subscriptions.listFor('c1')).toMatchObject([
          { paused: false, pausedReason: null, pausedAt: null },
          { paused: false, pausedReason: null, pausedAt: null },
        ]);
        expect(await state.subscriptions.resumeConversation('c1')).toBe(0);
      });

      it('should cap what came from the chat', async () => {
        const { state } = await open();
        const saved = await state.subscriptions.save(
          subscription({ id: 'a', conversationId: 'c1', createdBy: 'u'.repeat(100_000) }),
        );
        expect(saved.status === 'saved' && saved.subscription.createdBy.length).toBe(512);
        expect((await state.subscriptions.list())[0]?.createdBy).toHaveLength(512);
      });
    });

    describe('alert log', () => {
      it('should give each key to exactly one of many racing claimers', async () => {
        const { state, peers } = await open();
        const racers = await peers(4);
        const keys = Array.from({ length: 40 }, (_, i) => claim(`k${i}`));
        // Every racer asks for every key, in a different order.
        const got = await Promise.all(
          racers.flatMap((p, r) =>
            [0, 1].map((round) =>
              p.alertLog.claim((r + round) % 2 ? [...keys].reverse() : keys, `run-${r}-${round}`, {
                maxAttempts: 15,
              }),
            ),
          ),
        );
        const counts = new Map<string, number>();
        for (const set of got) for (const k of set) counts.set(k, (counts.get(k) ?? 0) + 1);
        expect(counts.size).toBe(40);
        expect([...counts.values()].every((n) => n === 1)).toBe(true);
        expect((await state.alertLog.get(keys.map((k) => k.key))).every((e) => e.state === 'claimed')).toBe(
          true,
        );
      });

      it("should settle only the claiming run's keys, adding up attempts over runs", async () => {
        const { state } = await open();
        await state.alertLog.claim([claim('k1'), claim('k2')], 'run-a', { maxAttempts: 15 });
        await state.alertLog.settle(['k1'], 'run-b', { state: 'sent', attempts: 1, error: null });
        expect((await state.alertLog.get(['k1']))[0]).toMatchObject({ state: 'claimed', runId: 'run-a' });
        await state.alertLog.settle(['k1', 'k2'], 'run-a', {
          state: 'failed',
          attempts: 3,
          error: 'HTTP 503',
        });
        expect(await state.alertLog.get(['k1', 'k2', 'nope'])).toMatchObject([
          { key: 'k1', state: 'failed', attempts: 3, error: 'HTTP 503' },
          { key: 'k2', state: 'failed', attempts: 3 },
        ]);
        // A failed key goes to the next run; once delivered it is never claimed again.
        expect(await state.alertLog.claim([claim('k1')], 'run-c', { maxAttempts: 15 })).toEqual(
          new Set(['k1']),
        );
        await state.alertLog.settle(['k1'], 'run-c', { state: 'sent', attempts: 1, error: null });
        expect((await state.alertLog.get(['k1']))[0]).toMatchObject({
          state: 'sent',
          attempts: 4,
          error: null,
        });
        expect(await state.alertLog.claim([claim('k1')], 'run-d', { maxAttempts: 15 })).toEqual(new Set());
        // A key that failed too often is left as it is.
        expect(await state.alertLog.claim([claim('k2')], 'run-d', { maxAttempts: 3 })).toEqual(new Set());
      });

      it('should mark the claims of stopped runs uncertain, and claim uncertain keys only when asked', async () => {
        const { state } = await open();
        await state.alertLog.claim([claim('old')], 'dead-run', { maxAttempts: 15 });
        await state.alertLog.claim([claim('mine')], 'live-run', { maxAttempts: 15 });
        expect(await state.alertLog.abandonClaims('live-run')).toBe(1);
        expect(await state.alertLog.listUncertain()).toMatchObject([
          { key: 'old', state: 'uncertain', error: expect.stringContaining('stopped') },
        ]);
        expect((await state.alertLog.get(['mine']))[0]?.state).toBe('claimed');
        expect(await state.alertLog.claim([claim('old')], 'next', { maxAttempts: 15 })).toEqual(new Set());
        expect(
          await state.alertLog.claim([claim('old')], 'resend', { maxAttempts: 15, includeUncertain: true }),
        ).toEqual(new Set(['old']));
        // The run that claimed a key may still record its outcome after it was marked uncertain.
        await state.alertLog.claim([claim('slow')], 'stalled', { maxAttempts: 15 });
        await state.alertLog.abandonClaims('other');
        await state.alertLog.settle(['slow'], 'stalled', { state: 'sent', attempts: 1, error: null });
        expect((await state.alertLog.get(['slow']))[0]?.state).toBe('sent');
      });

      it('should tell when each subscription was last delivered to', async () => {
        const { state } = await open();
        await state.alertLog.claim([claim('a1', 'sub-a'), claim('b1', 'sub-b')], 'r1', { maxAttempts: 15 });
        await state.alertLog.settle(['a1'], 'r1', { state: 'sent', attempts: 1, error: null });
        await state.alertLog.settle(['b1'], 'r1', { state: 'failed', attempts: 1, error: 'x' });
        clock.advance(1000);
        await state.alertLog.claim([claim('a2', 'sub-a')], 'r2', { maxAttempts: 15 });
        await state.alertLog.settle(['a2'], 'r2', { state: 'sent', attempts: 1, error: null });
        const last = await state.alertLog.lastSent();
        expect([...last.keys()]).toEqual(['sub-a']);
        expect(last.get('sub-a')).toBe((await state.alertLog.get(['a2']))[0]?.updatedAt);
      });

      it('should prune delivered entries superseded by newer data, and those of removed subscriptions, never claims', async () => {
        const { state } = await open();
        await state.subscriptions.save(subscription({ id: 'sub-1', conversationId: 'c1' }));
        await state.alertLog.claim(
          [
            claim('june', 'sub-1', 'Tietohallinto', '2022-06-30'),
            claim('july', 'sub-1', 'Tietohallinto', '2022-07-31'),
            claim('vaalit-june', 'sub-1', 'Vaalit', '2022-06-30'),
            claim('orphan', 'sub-gone', 'Vaalit', '2022-06-30'),
          ],
          'r1',
          { maxAttempts: 15 },
        );
        await state.alertLog.settle(['june', 'july', 'vaalit-june', 'orphan'], 'r1', {
          state: 'sent',
          attempts: 1,
          error: null,
        });
        await state.alertLog.claim([claim('running', 'sub-gone')], 'r2', { maxAttempts: 15 });
        const newest = new Map([
          ['Tietohallinto', '2022-07-31'],
          ['Vaalit', '2022-06-30'],
        ]);
        expect(await state.alertLog.pruneSuperseded(newest)).toBe(2);
        expect((await state.alertLog.list()).map((e) => e.key).sort()).toEqual([
          'july',
          'running',
          'vaalit-june',
        ]);
        expect(await state.alertLog.pruneSuperseded(newest)).toBe(0);
      });

      it('should prune finished entries last changed before a date', async () => {
        const { state } = await open();
        await state.alertLog.claim([claim('old'), claim('claimed-old')], 'r1', { maxAttempts: 15 });
        await state.alertLog.settle(['old'], 'r1', { state: 'sent', attempts: 1, error: null });
        clock.advance(10_000);
        await state.alertLog.claim([claim('new')], 'r2', { maxAttempts: 15 });
        await state.alertLog.settle(['new'], 'r2', { state: 'sent', attempts: 1, error: null });
        expect(await state.alertLog.pruneBefore(new Date(clock.now().getTime() - 5_000))).toBe(1);
        expect((await state.alertLog.list()).map((e) => e.key).sort()).toEqual(['claimed-old', 'new']);
      });
    });

    describe('the alert-run lease', () => {
      it('should be held by one of many racing instances, and refused to the others naming the holder', async () => {
        const { peers } = await open();
        const racers = await peers(4);
        const results = await Promise.all(
          racers.map((p, i) => p.alertRuns.acquire({ runId: `run-${i}`, instance: `host-${i}:1` }, 5_000)),
        );
        const winners = results.filter((r) => r.acquired);
        expect(winners).toHaveLength(1);
        const refused = results.find((r) => !r.acquired);
        expect(refused).toMatchObject({
          acquired: false,
          holder: { instance: expect.stringMatching(/^host-/) },
        });
        expect(refused && !refused.acquired && refused.expiresInMs).toBeGreaterThan(3_000);
      });

      it('should be renewed by its holder, released, and taken over once expired', async () => {
        const { state } = await open();
        const a = { runId: 'run-a', instance: 'web-1:10' };
        const b = { runId: 'run-b', instance: 'web-2:20' };
        expect(await state.alertRuns.acquire(a, 300)).toEqual({ acquired: true, tookOverFrom: null });
        expect(await state.alertRuns.renew('run-a', 300)).toBe(true);
        expect(await state.alertRuns.renew('run-b', 300)).toBe(false);
        expect((await state.alertRuns.acquire(b, 300)).acquired).toBe(false);
        await state.alertRuns.release('run-a');
        expect(await state.alertRuns.acquire(b, 300)).toEqual({ acquired: true, tookOverFrom: null });
        // run-b stops renewing (its instance died): after the lease, run-a takes over.
        await sleep(450);
        expect(await state.alertRuns.acquire(a, 300)).toEqual({ acquired: true, tookOverFrom: b });
        expect(await state.alertRuns.renew('run-b', 300)).toBe(false);
      });

      it("should remember which days' runs are done", async () => {
        const { state } = await open();
        expect(await state.alertRuns.dayDone('2026-03-02')).toBe(false);
        await state.alertRuns.markDayDone('2026-03-02', 'r1');
        await state.alertRuns.markDayDone('2026-03-02', 'r2');
        expect(await state.alertRuns.dayDone('2026-03-02')).toBe(true);
        expect(await state.alertRuns.dayDone('2026-03-03')).toBe(false);
      });
    });

    it('should share question buckets between instances, when it has them: exactly the burst gets through', async () => {
      const { state, peers } = await open();
      if (!state.questionLimits) {
        // One process holds this state: the bot's own per-process limit applies (question-rate-limit tests).
        expect(state.kind).not.toBe('postgres');
        return;
      }
      const racers = await peers(3);
      const limit = { perMinute: 6, burst: 5 };
      const t0 = Date.now();
      const decisions = await Promise.all(
        Array.from({ length: 12 }, (_, i) =>
          (racers[i % racers.length]?.questionLimits ?? state.questionLimits)?.take(
            'tenant/user-1',
            limit,
            t0,
          ),
        ),
      );
      expect(decisions.filter((d) => d?.allowed)).toHaveLength(5);
      const refused = decisions.find((d) => d && !d.allowed);
      expect(refused && !refused.allowed && refused.retryAfterMs).toBeGreaterThan(9_000);
      // Another user has a bucket of their own; ten seconds later one more question is allowed.
      expect((await state.questionLimits.take('tenant/user-2', limit, t0)).allowed).toBe(true);
      expect((await state.questionLimits.take('tenant/user-1', limit, t0 + 10_000)).allowed).toBe(true);
      expect((await state.questionLimits.take('tenant/user-1', limit, t0 + 10_000)).allowed).toBe(false);
    });

    it('should report its health and kind', async () => {
      const { state } = await open();
      expect(await state.report()).toMatchObject({ ok: true, problem: null, backend: state.kind });
    });

    it('should keep everything over a restart, where it keeps anything', async () => {
      const { state, reopen } = await open();
      if (!reopen) {
        expect(state.kind).toBe('memory');
        return;
      }
      await state.conversations.rememberTurn('c1', {
        reference: reference('c1'),
        lastQuery: query,
        lang: 'fi',
      });
      await state.conversations.markGreeted('c1', {
        reference: reference('c1'),
        lastQuery: null,
        lang: 'fi',
      });
      await state.subscriptions.save(subscription({ id: 's1', conversationId: 'c1', costCentre: 'Vaalit' }));
      await state.subscriptions.pause('s1', 'HTTP 403');
      await state.alertLog.claim([claim('k1', 's1')], 'r1', { maxAttempts: 15 });
      await state.alertLog.settle(['k1'], 'r1', { state: 'sent', attempts: 2, error: null });
      await state.alertRuns.markDayDone('2026-03-02', 'r1');
      const again = await reopen();
      expect(await again.conversations.context('c1')).toEqual({ lastQuery: query, lang: 'fi' });
      expect((await again.conversations.get('c1'))?.greetedAt).not.toBeNull();
      expect(await again.subscriptions.list()).toMatchObject([
        { id: 's1', costCentre: 'Vaalit', paused: true, pausedReason: 'HTTP 403' },
      ]);
      expect(await again.alertLog.get(['k1'])).toMatchObject([{ state: 'sent', attempts: 2 }]);
      expect(await again.alertRuns.dayDone('2026-03-02')).toBe(true);
    });
  });
}
