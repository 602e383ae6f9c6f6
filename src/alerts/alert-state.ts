import type { AlertLogEntry, Subscription } from '../store/alert-records';

/**
 * What alerts need of the bot's state file: subscriptions and the alert log. The lowdb state
 * store implements it; `InMemoryAlertState` is the in-memory version for tests and benchmarks.
 * Every write must be durable when its promise resolves: the log is what prevents duplicates.
 */
export interface AlertStateStore {
  listSubscriptions(): Promise<Subscription[]>;
  /** Adds or replaces (same id) a subscription. */
  saveSubscription(sub: Subscription): Promise<void>;
  /** Removes a conversation's subscriptions: all of them (costCentre undefined) or those of one cost centre (null = the "all cost centres" one). Returns what was removed. */
  removeSubscriptions(conversationId: string, costCentre?: string | null): Promise<Subscription[]>;
  /** Pauses a subscription (the bot was removed from its conversation) with the reason. */
  pauseSubscription(id: string, reason: string): Promise<void>;
  /** The whole alert log. */
  alertLog(): Promise<AlertLogEntry[]>;
  /** Adds or replaces (same key) alert-log entries in one write. */
  recordAlerts(entries: AlertLogEntry[]): Promise<void>;
  /** Drops the alert-log entries `keep` refuses, in one write; returns how many went. */
  pruneAlerts(keep: (entry: AlertLogEntry) => boolean): Promise<number>;
}

/** An AlertStateStore in memory: for tests, benchmarks and dry runs. */
export class InMemoryAlertState implements AlertStateStore {
  private readonly subs = new Map<string, Subscription>();
  private readonly log = new Map<string, AlertLogEntry>();

  constructor(subs: Subscription[] = [], log: AlertLogEntry[] = []) {
    for (const s of subs) this.subs.set(s.id, s);
    for (const e of log) this.log.set(e.key, e);
  }

  async listSubscriptions(): Promise<Subscription[]> {
    return [...this.subs.values()].map((s) => ({ ...s }));
  }

  async saveSubscription(sub: Subscription): Promise<void> {
    this.subs.set(sub.id, { ...sub });
  }

  async removeSubscriptions(conversationId: string, costCentre?: string | null): Promise<Subscription[]> {
    const removed: Subscription[] = [];
    for (const s of this.subs.values()) {
      if (s.conversationId !== conversationId) continue;
      if (costCentre !== undefined && s.costCentre !== costCentre) continue;
      removed.push(s);
      this.subs.delete(s.id);
    }
    return removed;
  }

  async pauseSubscription(id: string, reason: string): Promise<void> {
    const s = this.subs.get(id);
    if (s) this.subs.set(id, { ...s, paused: true, pausedReason: reason });
  }

  async alertLog(): Promise<AlertLogEntry[]> {
    return [...this.log.values()].map((e) => ({ ...e }));
  }

  async recordAlerts(entries: AlertLogEntry[]): Promise<void> {
    for (const e of entries) this.log.set(e.key, { ...e });
  }

  async pruneAlerts(keep: (entry: AlertLogEntry) => boolean): Promise<number> {
    let dropped = 0;
    for (const [key, e] of this.log) {
      if (!keep(e)) {
        this.log.delete(key);
        dropped++;
      }
    }
    return dropped;
  }
}
