import type { AlertLogEntry, Subscription } from '../store/alert-records';
import type { StateStore } from '../store/state-store';
import type { AlertStateStore } from './alert-state';

/** The alerts' view of the bot's state store (lowdb file or memory): subscriptions and alert log. */
export class StateStoreAlertState implements AlertStateStore {
  private pending: AlertLogEntry[] = [];
  private waiters: { resolve: () => void; reject: (err: unknown) => void }[] = [];
  private flushing: Promise<void> | null = null;

  constructor(private readonly store: StateStore) {}

  async listSubscriptions(): Promise<Subscription[]> {
    return this.store.read().subscriptions.map((s) => ({ ...s, thresholds: [...s.thresholds] }));
  }

  saveSubscription(sub: Subscription): Promise<void> {
    return this.store.update((state) => {
      const i = state.subscriptions.findIndex((s) => s.id === sub.id);
      if (i >= 0) state.subscriptions[i] = { ...sub };
      else state.subscriptions.push({ ...sub });
    });
  }

  removeSubscriptions(conversationId: string, costCentre?: string | null): Promise<Subscription[]> {
    return this.store.update((state) => {
      const hit = (s: Subscription) =>
        s.conversationId === conversationId && (costCentre === undefined || s.costCentre === costCentre);
      const removed = state.subscriptions.filter(hit);
      if (removed.length > 0) state.subscriptions = state.subscriptions.filter((s) => !hit(s));
      return removed;
    });
  }

  pauseSubscription(id: string, reason: string): Promise<void> {
    return this.store.update((state) => {
      const s = state.subscriptions.find((x) => x.id === id);
      if (s) {
        s.paused = true;
        s.pausedReason = reason;
      }
    });
  }

  async alertLog(): Promise<AlertLogEntry[]> {
    return this.store.read().alertLog.map((e) => ({ ...e }));
  }

  /**
   * Group commit: entries that arrive while a write is going on are written together by the
   * next one. Every caller still resolves only once its own entries are on disk, so the
   * intent-before-send rule holds, but a run makes a handful of file writes, not two per message
   * (each write rewrites the whole state file).
   */
  recordAlerts(entries: AlertLogEntry[]): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.pending.push(...entries.map((e) => ({ ...e })));
      this.waiters.push({ resolve, reject });
      // One flush loop at a time; entries arriving meanwhile join its next batch.
      if (!this.flushing) this.flushing = this.flush();
    });
  }

  private async flush(): Promise<void> {
    while (this.pending.length > 0) {
      const batch = this.pending;
      const waiters = this.waiters;
      this.pending = [];
      this.waiters = [];
      try {
        await this.store.update((state) => {
          const index = new Map(state.alertLog.map((e, i) => [e.key, i] as const));
          for (const e of batch) {
            const i = index.get(e.key);
            if (i === undefined) {
              index.set(e.key, state.alertLog.length);
              state.alertLog.push(e);
            } else {
              state.alertLog[i] = e;
            }
          }
        });
        for (const w of waiters) w.resolve();
      } catch (err) {
        for (const w of waiters) w.reject(err);
      }
    }
    this.flushing = null;
  }

  async pruneAlerts(keep: (entry: AlertLogEntry) => boolean): Promise<number> {
    // Nothing to drop: no write at all (a write rewrites the whole state file).
    if (this.store.read().alertLog.every(keep)) return 0;
    return this.store.update((state) => {
      const before = state.alertLog.length;
      state.alertLog = state.alertLog.filter(keep);
      return before - state.alertLog.length;
    });
  }

  /** The stored botbuilder ConversationReference of a conversation, for proactive messages. */
  conversationReference(conversationId: string): Record<string, unknown> | null {
    return this.store.read().conversations[conversationId]?.reference ?? null;
  }
}
