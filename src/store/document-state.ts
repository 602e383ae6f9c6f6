/**
 * The per-record state ports over one state document held by one process: the in-memory store
 * (tests) and the lowdb file (the embedded default). Every change is a synchronous step on the
 * document in memory, so each port's atomicity holds within the process; the file has one
 * writer (StateFileLock), so there is no other process to race with.
 */
import type { AlertLogEntry, Subscription } from './alert-records';
import {
  type AlertClaim,
  type AlertLog,
  type AlertOutcome,
  type AlertRunLeases,
  type ClaimOptions,
  type ConversationContext,
  type ConversationRecord,
  type ConversationStore,
  type LeaseHolder,
  type LeaseResult,
  MAX_SUBSCRIPTIONS_PER_CONVERSATION,
  PAUSED_LISTED,
  pausedSummary,
  type SaveSubscriptionResult,
  type StateBackend,
  type StateReport,
  type SubscriptionStore,
  type TurnMemory,
} from './state-ports';
import type { BotState } from './state-schema';
import { MemoryStateStore, type StateHealth, type StateStore, type StateStoreOptions } from './state-store';
import { capText, MAX_STORED_ID, MAX_STORED_NAME, storableReference } from './stored-reference';

/** Why an unsettled claim became uncertain. */
export const ABANDONED_CLAIM = 'the run that claimed it stopped before recording whether it was delivered';

/** How many finished daily runs are remembered. */
const ALERT_DAYS_KEPT = 60;

/** Subscription fields that come from the chat, capped as they are stored. */
export function cappedSubscription(sub: Subscription): Subscription {
  return {
    ...sub,
    createdBy: capText(sub.createdBy, MAX_STORED_ID) ?? '',
    pausedReason: sub.pausedReason === null ? null : (capText(sub.pausedReason, MAX_STORED_NAME) ?? null),
    thresholds: sub.thresholds.slice(0, 10),
  };
}

/** The conversation subject key: a cost centre, or all of them. */
function sameSubject(a: Subscription, conversationId: string, costCentre: string | null): boolean {
  return a.conversationId === conversationId && a.costCentre === costCentre;
}

class DocumentConversations implements ConversationStore {
  constructor(private readonly store: StateStore) {}

  async get(conversationId: string): Promise<ConversationRecord | undefined> {
    const c = this.store.read().conversations[conversationId];
    return c ? structuredClone(c) : undefined;
  }

  async context(conversationId: string): Promise<ConversationContext | null> {
    const c = this.store.read().conversations[conversationId];
    if (!c) return null;
    const idle = this.store.now().getTime() - Date.parse(c.updatedAt);
    return { lastQuery: idle <= this.store.limits.contextTtlMs ? c.lastQuery : null, lang: c.lang };
  }

  async reference(conversationId: string): Promise<Record<string, unknown> | null> {
    return this.store.read().conversations[conversationId]?.reference ?? null;
  }

  async rememberTurn(conversationId: string, memory: TurnMemory): Promise<void> {
    const { written } = this.store.updateSoon((state) => {
      const before = state.conversations[conversationId];
      state.conversations[conversationId] = {
        reference: storableReference(memory.reference),
        lastQuery: memory.lastQuery,
        lang: memory.lang,
        updatedAt: this.store.now().toISOString(),
        greetedAt: before?.greetedAt ?? null,
      };
    });
    // In memory now, which is all one process needs; a failed write shows in health().
    written.catch(() => undefined);
  }

  async markGreeted(conversationId: string, memory: TurnMemory): Promise<boolean> {
    const { result, written } = this.store.updateSoon((state) => {
      const now = this.store.now();
      const c = state.conversations[conversationId];
      if (c?.greetedAt) return false;
      state.conversations[conversationId] = c
        ? { ...c, greetedAt: now.toISOString() }
        : {
            reference: storableReference(memory.reference),
            lastQuery: memory.lastQuery,
            lang: memory.lang,
            updatedAt: now.toISOString(),
            greetedAt: now.toISOString(),
          };
      return true;
    });
    written.catch(() => undefined);
    return result;
  }

  async clearGreeted(conversationId: string): Promise<void> {
    if (!this.store.read().conversations[conversationId]?.greetedAt) return;
    const { written } = this.store.updateSoon((state) => {
      const c = state.conversations[conversationId];
      if (c) c.greetedAt = null;
    });
    written.catch(() => undefined);
  }

  async delete(conversationId: string): Promise<void> {
    if (!this.store.read().conversations[conversationId]) return;
    await this.store.update((state) => {
      delete state.conversations[conversationId];
    });
  }
}

class DocumentSubscriptions implements SubscriptionStore {
  constructor(private readonly store: StateStore) {}

  async list(): Promise<Subscription[]> {
    return this.store.read().subscriptions.map((s) => structuredClone(s));
  }

  async listFor(conversationId: string): Promise<Subscription[]> {
    return this.store
      .read()
      .subscriptions.filter((s) => s.conversationId === conversationId)
      .map((s) => structuredClone(s));
  }

  save(sub: Subscription): Promise<SaveSubscriptionResult> {
    const capped = cappedSubscription(sub);
    return this.store.update((state): SaveSubscriptionResult => {
      const i = state.subscriptions.findIndex((s) => sameSubject(s, sub.conversationId, sub.costCentre));
      const before = i >= 0 ? state.subscriptions[i] : undefined;
      if (before) {
        const kept = { ...capped, id: before.id, createdAt: before.createdAt };
        state.subscriptions[i] = kept;
        return { status: 'saved', subscription: structuredClone(kept), replaced: true };
      }
      const count = state.subscriptions.filter((s) => s.conversationId === sub.conversationId).length;
      if (count >= MAX_SUBSCRIPTIONS_PER_CONVERSATION)
        return { status: 'limit', limit: MAX_SUBSCRIPTIONS_PER_CONVERSATION };
      state.subscriptions.push(capped);
      return { status: 'saved', subscription: structuredClone(capped), replaced: false };
    });
  }

  async remove(conversationId: string, costCentre?: string | null): Promise<Subscription[]> {
    const hit = (s: Subscription) =>
      s.conversationId === conversationId && (costCentre === undefined || s.costCentre === costCentre);
    if (!this.store.read().subscriptions.some(hit)) return [];
    return this.store.update((state) => {
      const removed = state.subscriptions.filter(hit);
      state.subscriptions = state.subscriptions.filter((s) => !hit(s));
      return removed;
    });
  }

  async pause(id: string, reason: string): Promise<void> {
    await this.store.update((state) => {
      const s = state.subscriptions.find((x) => x.id === id);
      if (s) this.setPaused(s, reason);
    });
  }

  async pauseConversation(conversationId: string, reason: string): Promise<number> {
    const hit = (s: Subscription) => s.conversationId === conversationId && !s.paused;
    if (!this.store.read().subscriptions.some(hit)) return 0;
    return this.store.update((state) => {
      const active = state.subscriptions.filter(hit);
      for (const s of active) this.setPaused(s, reason);
      return active.length;
    });
  }

  async resumeConversation(conversationId: string): Promise<number> {
    const hit = (s: Subscription) => s.conversationId === conversationId && s.paused;
    if (!this.store.read().subscriptions.some(hit)) return 0;
    return this.store.update((state) => {
      const paused = state.subscriptions.filter(hit);
      for (const s of paused) {
        s.paused = false;
        s.pausedReason = null;
        s.pausedAt = null;
      }
      return paused.length;
    });
  }

  async listPaused(): Promise<Subscription[]> {
    return this.store
      .read()
      .subscriptions.filter((s) => s.paused)
      .map((s) => structuredClone(s));
  }

  private setPaused(s: Subscription, reason: string): void {
    // The first pause's time stays: it says since when nothing reached the conversation.
    if (!s.paused) s.pausedAt = this.store.now().toISOString();
    s.paused = true;
    s.pausedReason = capText(reason, MAX_STORED_NAME) ?? null;
  }
}

class DocumentAlertLog implements AlertLog {
  /** The log's entries by key, rebuilt when the log array is replaced (pruning). */
  private index = new Map<string, AlertLogEntry>();
  private indexed: AlertLogEntry[] | null = null;
  private indexedLength = 0;

  constructor(private readonly store: StateStore) {}

  private byKey(state: Readonly<BotState>): Map<string, AlertLogEntry> {
    if (this.indexed !== state.alertLog || this.indexedLength !== state.alertLog.length) {
      this.index = new Map(state.alertLog.map((e) => [e.key, e] as const));
      this.indexed = state.alertLog;
      this.indexedLength = state.alertLog.length;
    }
    return this.index;
  }

  async get(keys: readonly string[]): Promise<AlertLogEntry[]> {
    const index = this.byKey(this.store.read());
    const out: AlertLogEntry[] = [];
    for (const k of keys) {
      const e = index.get(k);
      if (e) out.push({ ...e });
    }
    return out;
  }

  async list(): Promise<AlertLogEntry[]> {
    return this.store.read().alertLog.map((e) => ({ ...e }));
  }

  async lastSent(): Promise<Map<string, string>> {
    const last = new Map<string, string>();
    for (const e of this.store.read().alertLog) {
      if (e.state !== 'sent') continue;
      const before = last.get(e.subscriptionId);
      if (before === undefined || Date.parse(e.updatedAt) > Date.parse(before))
        last.set(e.subscriptionId, e.updatedAt);
    }
    return last;
  }

  claim(claims: readonly AlertClaim[], runId: string, options: ClaimOptions): Promise<Set<string>> {
    return this.store.update((state) => {
      const index = this.byKey(state);
      const nowIso = this.store.now().toISOString();
      const got = new Set<string>();
      for (const c of claims) {
        const e = index.get(c.key);
        if (!e) {
          const entry: AlertLogEntry = {
            ...c,
            runId,
            state: 'claimed',
            attempts: 0,
            error: null,
            createdAt: nowIso,
            updatedAt: nowIso,
          };
          state.alertLog.push(entry);
          index.set(c.key, entry);
          this.indexedLength = state.alertLog.length;
          got.add(c.key);
        } else if (
          (e.state === 'failed' && e.attempts < options.maxAttempts) ||
          (options.includeUncertain === true && e.state === 'uncertain')
        ) {
          e.state = 'claimed';
          e.runId = runId;
          e.error = null;
          e.updatedAt = nowIso;
          got.add(c.key);
        }
      }
      return got;
    });
  }

  async settle(keys: readonly string[], runId: string, outcome: AlertOutcome): Promise<void> {
    await this.store.update((state) => {
      const index = this.byKey(state);
      const nowIso = this.store.now().toISOString();
      for (const k of keys) {
        const e = index.get(k);
        // Only the run that holds the claim records its outcome; an outcome beats "uncertain".
        if (!e || e.runId !== runId || (e.state !== 'claimed' && e.state !== 'uncertain')) continue;
        e.state = outcome.state;
        e.attempts += outcome.attempts;
        e.error = outcome.error === null ? null : (capText(outcome.error, 500) ?? null);
        e.updatedAt = nowIso;
      }
    });
  }

  async abandonClaims(exceptRunId: string): Promise<number> {
    const stale = (e: AlertLogEntry) => e.state === 'claimed' && e.runId !== exceptRunId;
    if (!this.store.read().alertLog.some(stale)) return 0;
    return this.store.update((state) => {
      const nowIso = this.store.now().toISOString();
      let n = 0;
      for (const e of state.alertLog) {
        if (!stale(e)) continue;
        e.state = 'uncertain';
        e.error = ABANDONED_CLAIM;
        e.updatedAt = nowIso;
        n++;
      }
      return n;
    });
  }

  async listUncertain(): Promise<AlertLogEntry[]> {
    return this.store
      .read()
      .alertLog.filter((e) => e.state === 'uncertain')
      .map((e) => ({ ...e }));
  }

  pruneSuperseded(newestAsOf: ReadonlyMap<string, string>): Promise<number> {
    const drop = (state: Readonly<BotState>) => {
      const subs = new Set(state.subscriptions.map((s) => s.id));
      return (e: AlertLogEntry) => {
        if (e.state === 'claimed') return false;
        if (!subs.has(e.subscriptionId)) return true;
        const newest = newestAsOf.get(e.costCentre);
        return e.state === 'sent' && newest !== undefined && e.asOf < newest;
      };
    };
    return this.dropWhere(drop);
  }

  pruneBefore(date: Date): Promise<number> {
    const limit = date.getTime();
    return this.dropWhere(() => (e) => e.state !== 'claimed' && Date.parse(e.updatedAt) < limit);
  }

  /** Drops entries in one write, and writes nothing when none would go (a write rewrites the file). */
  private async dropWhere(
    make: (state: Readonly<BotState>) => (e: AlertLogEntry) => boolean,
  ): Promise<number> {
    const state = this.store.read();
    if (!state.alertLog.some(make(state))) return 0;
    return this.store.update((s) => {
      const drop = make(s);
      const before = s.alertLog.length;
      s.alertLog = s.alertLog.filter((e) => !drop(e));
      return before - s.alertLog.length;
    });
  }
}

/** The run lease in one process: nothing else can hold the state, so memory is enough. */
class ProcessLeases implements AlertRunLeases {
  private lease: { holder: LeaseHolder; expiresAt: number } | null = null;

  constructor(private readonly store: StateStore) {}

  async acquire(holder: LeaseHolder, ttlMs: number): Promise<LeaseResult> {
    const now = this.store.now().getTime();
    const current = this.lease;
    if (current && current.expiresAt > now && current.holder.runId !== holder.runId) {
      return { acquired: false, holder: current.holder, expiresInMs: current.expiresAt - now };
    }
    this.lease = { holder, expiresAt: now + ttlMs };
    const tookOverFrom = current && current.holder.runId !== holder.runId ? current.holder : null;
    return { acquired: true, tookOverFrom };
  }

  async renew(runId: string, ttlMs: number): Promise<boolean> {
    if (this.lease?.holder.runId !== runId) return false;
    this.lease.expiresAt = this.store.now().getTime() + ttlMs;
    return true;
  }

  async release(runId: string): Promise<void> {
    if (this.lease?.holder.runId === runId) this.lease = null;
  }

  async dayDone(day: string): Promise<boolean> {
    return this.store.read().alertDays.some((d) => d.day === day);
  }

  async markDayDone(day: string, runId: string): Promise<void> {
    if (this.store.read().alertDays.some((d) => d.day === day)) return;
    await this.store.update((state) => {
      state.alertDays.push({ day, runId, finishedAt: this.store.now().toISOString() });
      state.alertDays.sort((a, b) => a.day.localeCompare(b.day));
      if (state.alertDays.length > ALERT_DAYS_KEPT)
        state.alertDays.splice(0, state.alertDays.length - ALERT_DAYS_KEPT);
    });
  }
}

/** What a document-backed state is opened with. */
export interface DocumentStateOptions {
  kind: 'memory' | 'file';
  /** Further health to report (the file lock). */
  extraHealth?: () => StateHealth;
  /** Runs on close, after the final flush (stop the file watch, release the lock). */
  onClose?: () => Promise<void> | void;
}

/** Every state port over one state document. */
export class DocumentState implements StateBackend {
  readonly kind: 'memory' | 'file';
  readonly conversations: ConversationStore;
  readonly subscriptions: SubscriptionStore;
  readonly alertLog: AlertLog;
  readonly alertRuns: AlertRunLeases;
  readonly questionLimits = null;
  private closed = false;

  constructor(
    /** The document underneath (tests look into it). */
    readonly document: StateStore,
    private readonly options: DocumentStateOptions,
  ) {
    this.kind = options.kind;
    this.conversations = new DocumentConversations(document);
    this.subscriptions = new DocumentSubscriptions(document);
    this.alertLog = new DocumentAlertLog(document);
    this.alertRuns = new ProcessLeases(document);
  }

  async report(): Promise<StateReport> {
    const own = this.document.health();
    const extra = this.options.extraHealth?.() ?? { ok: true, problem: null };
    const paused = this.document.read().subscriptions.filter((s) => s.paused);
    return {
      ok: own.ok && extra.ok,
      problem: extra.problem ?? own.problem,
      backend: this.kind,
      paused: {
        count: paused.length,
        subscriptions: paused.slice(0, PAUSED_LISTED).map((s) => {
          const { conversationId: _hidden, ...listed } = pausedSummary(s);
          return listed;
        }),
      },
    };
  }

  flush(): Promise<void> {
    return this.document.flush();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    try {
      await this.document.flush();
    } finally {
      await this.options.onClose?.();
    }
  }
}

/** State in memory only: for tests, benchmarks and dry runs. */
export function memoryState(initial?: BotState, options: StateStoreOptions = {}): DocumentState {
  return new DocumentState(new MemoryStateStore(initial, options), { kind: 'memory' });
}
