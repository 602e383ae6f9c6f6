/**
 * The bot's state as one document (conversations, subscriptions, alert log), for one process:
 * held in memory, written whole. An in-memory store for tests and a lowdb file store for the
 * embedded default. The bot and the alerts do not use this directly: DocumentState puts the
 * per-record ports of state-ports.ts over it.
 */
import { mkdir, readFile, rename } from 'node:fs/promises';
import path from 'node:path';
import { type Adapter, Low } from 'lowdb';
import { AtomicJsonFile } from './atomic-json-file';
import { type BotState, BotStateSchema, emptyBotState } from './state-schema';

/** How much the store keeps, so that the file cannot grow without bound. */
export interface StateLimits {
  /** At most this many conversations; the least recently active without subscriptions go first. */
  maxConversations: number;
  /** A conversation's last question is forgotten after this much inactivity (follow-ups expire). */
  contextTtlMs: number;
  /** A conversation without subscriptions is dropped after this much inactivity. */
  retentionMs: number;
}

/** Defaults: a working day for follow-ups, half a year for references, room for a city's users. */
export const DEFAULT_STATE_LIMITS: StateLimits = {
  maxConversations: 5000,
  contextTtlMs: 8 * 60 * 60 * 1000,
  retentionMs: 180 * 24 * 60 * 60 * 1000,
};

/** Whether the state is usable, and what went wrong if anything (for /healthz). */
export interface StateHealth {
  ok: boolean;
  problem: string | null;
}

/** The state document of one process: synchronous reads of memory, serialised persisted writes. */
export interface StateStore {
  /** The limits the store prunes by. */
  readonly limits: StateLimits;
  /** The clock the store stamps and prunes by. */
  readonly now: () => Date;
  /** The current state; treat as read-only, change it through update(). */
  read(): Readonly<BotState>;
  /** Applies a change in memory, then persists it; changes are written in call order. */
  update<T>(change: (state: BotState) => T): Promise<T>;
  /**
   * Applies a change in memory at once and writes it a little later together with the others of
   * that spell (turns: one write per second under load). Resolves with the change's result once
   * it is in memory; `written` resolves once it is on disk.
   */
  updateSoon<T>(change: (state: BotState) => T): { result: T; written: Promise<void> };
  health(): StateHealth;
  /** Resolves when every write so far is on disk. */
  flush(): Promise<void>;
}

/** Options shared by the store implementations. */
export interface StateStoreOptions {
  limits?: Partial<StateLimits>;
  now?: () => Date;
  /**
   * updateSoon() changes are written at most this long after they are made, together with
   * every other change of that spell (one write per second under load instead of one per turn).
   * They are in memory at once, and flush() writes them immediately. Default 0 (write now);
   * the file store defaults to 1000.
   */
  turnWriteDelayMs?: number;
  /** FileStateStore only: the layer that writes the file (default AtomicJsonFile); fault tests wrap it. */
  fileAdapter?: (file: string) => Adapter<BotState>;
}

/** Store logic shared by both implementations; subclasses only say how to persist. */
abstract class BaseStateStore implements StateStore {
  protected state: BotState;
  readonly limits: StateLimits;
  readonly now: () => Date;
  protected problem: string | null = null;
  protected writeFailed = false;
  /** The last write started or queued; later writes wait for it. */
  private queue: Promise<void> = Promise.resolve();
  /** A write queued but not yet started: changes made meanwhile ride along with it. */
  private pending: Promise<void> | null = null;
  /** Turn changes waiting for their delayed write. */
  private delayed: { release: () => void; done: Promise<void>; timer: NodeJS.Timeout } | null = null;
  private readonly turnWriteDelayMs: number;
  private lastPruneAt = Number.NEGATIVE_INFINITY;

  protected constructor(initial: BotState, options: StateStoreOptions) {
    this.state = initial;
    this.limits = { ...DEFAULT_STATE_LIMITS, ...options.limits };
    this.now = options.now ?? (() => new Date());
    this.turnWriteDelayMs = options.turnWriteDelayMs ?? 0;
  }

  protected abstract persist(state: BotState): Promise<void>;

  read(): Readonly<BotState> {
    return this.state;
  }

  update<T>(change: (state: BotState) => T): Promise<T> {
    const result = change(this.state);
    this.prune();
    const written = this.scheduleWrite();
    // Delayed turn changes are in this write too: let their callers know now.
    this.releaseDelayed();
    return written.then(() => result);
  }

  /** Writes soon rather than now (see turnWriteDelayMs); resolves when written. */
  private writeSoon(): Promise<void> {
    if (this.turnWriteDelayMs <= 0) return this.scheduleWrite();
    if (!this.delayed) {
      let release = () => {};
      const gate = new Promise<void>((resolve) => {
        release = resolve;
      });
      const timer = setTimeout(() => this.releaseDelayed(), this.turnWriteDelayMs);
      // A pending write must not keep the process alive; shutdown flushes it.
      timer.unref();
      this.delayed = { release, done: gate.then(() => this.scheduleWrite()), timer };
    }
    return this.delayed.done;
  }

  private releaseDelayed(): void {
    const delayed = this.delayed;
    if (!delayed) return;
    this.delayed = null;
    clearTimeout(delayed.timer);
    delayed.release();
  }

  /**
   * Writes one after another, never two at once; while a write waits its turn, further changes
   * join it instead of queueing writes of their own (under load, one write per busy spell).
   */
  private scheduleWrite(): Promise<void> {
    if (this.pending) return this.pending;
    const write = this.queue.then(async () => {
      this.pending = null;
      try {
        await this.persist(this.state);
        this.writeFailed = false;
      } catch (err) {
        this.writeFailed = true;
        this.problem = `state write failed: ${err instanceof Error ? err.message : String(err)}`;
        throw err;
      }
    });
    this.pending = write;
    // Later writes wait for this one but must not inherit its failure.
    this.queue = write.catch(() => undefined);
    return write;
  }

  updateSoon<T>(change: (state: BotState) => T): { result: T; written: Promise<void> } {
    const result = change(this.state);
    this.prune();
    return { result, written: this.writeSoon() };
  }

  health(): StateHealth {
    return { ok: !this.writeFailed, problem: this.problem };
  }

  async flush(): Promise<void> {
    const delayed = this.delayed;
    this.releaseDelayed();
    await delayed?.done.catch(() => undefined);
    await this.queue;
  }

  /**
   * Drops stale conversations and caps their number; conversations with subscriptions stay.
   * Runs when over the cap, else at most once a minute (it walks every conversation).
   */
  private prune(): void {
    const now = this.now().getTime();
    const over = Object.keys(this.state.conversations).length > this.limits.maxConversations;
    if (!over && now - this.lastPruneAt < Math.min(60_000, this.limits.retentionMs)) return;
    this.lastPruneAt = now;
    const subscribed = new Set(this.state.subscriptions.map((s) => s.conversationId));
    const entries = Object.entries(this.state.conversations);
    const keep = entries.filter(
      ([id, c]) => subscribed.has(id) || now - Date.parse(c.updatedAt) <= this.limits.retentionMs,
    );
    if (keep.length > this.limits.maxConversations) {
      // Newest first; subscribed conversations are never evicted, whatever their age.
      keep.sort(([a, ca], [b, cb]) => {
        const sa = subscribed.has(a) ? 1 : 0;
        const sb = subscribed.has(b) ? 1 : 0;
        return sb - sa || Date.parse(cb.updatedAt) - Date.parse(ca.updatedAt);
      });
      keep.length = Math.max(this.limits.maxConversations, keep.filter(([id]) => subscribed.has(id)).length);
    }
    if (keep.length !== entries.length) this.state.conversations = Object.fromEntries(keep);
  }
}

/** Keeps the state in memory only: for tests and for runs that need no persistence. */
export class MemoryStateStore extends BaseStateStore {
  /** Writes seen so far, so tests can check that changes were persisted in order. */
  readonly writes: BotState[] = [];

  constructor(initial: BotState = emptyBotState(), options: StateStoreOptions = {}) {
    super(BotStateSchema.parse(initial), options);
  }

  protected async persist(state: BotState): Promise<void> {
    this.writes.push(structuredClone(state));
  }
}

/**
 * Keeps the state in one JSON file through lowdb. Writes go to a temporary file of this process
 * that is then renamed (AtomicJsonFile), so a crash never leaves a half-written file. A missing file
 * starts empty; a corrupt one is moved aside, reported in health(), and the bot carries on.
 */
export class FileStateStore extends BaseStateStore {
  private constructor(
    private readonly db: Low<BotState>,
    readonly file: string,
    options: StateStoreOptions,
  ) {
    super(db.data, options);
  }

  /** Opens (or creates) the state file at `file`. Never throws for a bad file's content. */
  static async open(file: string, options: StateStoreOptions = {}): Promise<FileStateStore> {
    const settings: StateStoreOptions = { turnWriteDelayMs: 1000, ...options };
    await mkdir(path.dirname(path.resolve(file)), { recursive: true });
    // Not JSONFilePreset: it keeps data in memory only when NODE_ENV=test, which vitest sets.
    const adapter = options.fileAdapter?.(file) ?? new AtomicJsonFile<BotState>(file);
    const db = new Low<BotState>(adapter, emptyBotState());
    let problem: string | null = null;
    let raw: string | null = null;
    try {
      raw = await readFile(file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
    if (raw !== null) {
      const parsed = safeJson(raw);
      const checked = parsed.ok ? BotStateSchema.safeParse(parsed.value) : null;
      if (checked?.success) {
        db.data = checked.data;
      } else {
        const aside = `${file}.corrupt-${Date.now()}`;
        await rename(file, aside);
        const why = parsed.ok ? 'does not match the state schema' : 'is not valid JSON';
        problem = `state file ${why}; moved to ${aside} and started empty`;
      }
    }
    const store = new FileStateStore(db, file, settings);
    store.problem = problem;
    return store;
  }

  protected async persist(state: BotState): Promise<void> {
    this.db.data = state;
    await this.db.write();
  }
}

function safeJson(raw: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(raw) };
  } catch {
    return { ok: false };
  }
}
