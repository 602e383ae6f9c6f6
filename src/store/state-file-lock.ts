/**
 * One writer for the embedded state file: an exclusive lock file beside it (`STATE_PATH.lock`)
 * naming the holder (pid, host, role, since when, the bot's URL). A second process on the same
 * file, bot or CLI, is refused with a message naming the holder. A lock left by a process that
 * died is detected and taken over: on the same host by asking whether its pid still lives,
 * from any host by its heartbeat (the holder touches the file every few seconds; one untouched
 * for a minute is stale).
 */
import { mkdir, open, readFile, rename, stat, unlink, utimes } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { BudgetBotError } from '../domain/errors';
import { writeFileAtomically } from './atomic-json-file';
import type { StateHealth } from './state-store';

/** Who holds the state file. */
export interface LockHolder {
  pid: number;
  host: string;
  /** "bot" (npm start) or the command ("alerts"). */
  role: string;
  startedAt: string;
  /** Where a running bot answers (POST /api/alerts/run); null until it listens, or for commands. */
  url: string | null;
  /** Random, so a holder can tell its own lock from a later one with a reused pid. */
  token: string;
}

/** Timings of the lock. */
export interface LockTimings {
  /** How often the holder touches the lock file. */
  heartbeatMs: number;
  /** A lock file untouched for this long is stale, whatever its pid. */
  staleMs: number;
}

/** Touch every 10 s; stale after a minute without a touch. */
export const DEFAULT_LOCK_TIMINGS: LockTimings = { heartbeatMs: 10_000, staleMs: 60_000 };

/** The path of the lock file of a state file. */
export function lockPathOf(statePath: string): string {
  return `${statePath}.lock`;
}

/** The state file is held by another live process. */
export class StateLockedError extends BudgetBotError {
  constructor(
    readonly statePath: string,
    readonly holder: LockHolder,
  ) {
    super(
      `the state file is in use by ${describeHolder(holder)}; stop that process first, or give this one its own STATE_PATH (several instances share state through STATE_URL)`,
      'bad_config',
      statePath,
    );
    this.name = 'StateLockedError';
  }
}

/** "the bot (pid 123 on host web-1, since 2026-01-01T08:00:00.000Z, http://127.0.0.1:3978)". */
export function describeHolder(h: LockHolder): string {
  const what = h.role === 'bot' ? 'the bot' : `npm run ${h.role}`;
  return `${what} (pid ${h.pid} on host ${h.host}, since ${h.startedAt}${h.url ? `, ${h.url}` : ''})`;
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function parseHolder(raw: string): LockHolder | null {
  try {
    const v = JSON.parse(raw) as Partial<LockHolder>;
    if (typeof v.pid !== 'number' || typeof v.host !== 'string' || typeof v.token !== 'string') return null;
    return {
      pid: v.pid,
      host: v.host,
      role: typeof v.role === 'string' ? v.role : 'unknown',
      startedAt: typeof v.startedAt === 'string' ? v.startedAt : 'unknown',
      url: typeof v.url === 'string' ? v.url : null,
      token: v.token,
    };
  } catch {
    return null;
  }
}

/** What is in a lock file now: its holder (null when unreadable) and how long since its last touch. */
async function inspect(lockPath: string): Promise<{ holder: LockHolder | null; idleMs: number } | null> {
  try {
    const [raw, info] = await Promise.all([readFile(lockPath, 'utf8'), stat(lockPath)]);
    return { holder: parseHolder(raw), idleMs: Date.now() - info.mtimeMs };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

/** Whether a lock found on disk belongs to nobody alive. */
function isStale(found: { holder: LockHolder | null; idleMs: number }, timings: LockTimings): boolean {
  if (found.idleMs > timings.staleMs) return true;
  const h = found.holder;
  // Half-written by a process that died while creating it: stale once it is not brand new.
  if (!h) return found.idleMs > Math.min(5_000, timings.staleMs);
  return h.host === os.hostname() && h.pid !== process.pid && !pidAlive(h.pid);
}

/** The holder of a state file's lock, if a live one holds it (for `npm run alerts`). */
export async function lockHolderOf(
  statePath: string,
  timings: LockTimings = DEFAULT_LOCK_TIMINGS,
): Promise<LockHolder | null> {
  const found = await inspect(lockPathOf(statePath));
  if (!found || isStale(found, timings) || !found.holder) return null;
  return found.holder;
}

/** A held lock on a state file. */
export class StateFileLock {
  private timer: NodeJS.Timeout | null = null;
  private problem: string | null = null;
  private released = false;

  private constructor(
    readonly statePath: string,
    private holder: LockHolder,
    private readonly timings: LockTimings,
  ) {}

  /** The lock file's path. */
  get path(): string {
    return lockPathOf(this.statePath);
  }

  /**
   * Takes the lock or throws StateLockedError naming the live holder. A stale lock (its process
   * gone, or untouched for `staleMs`) is taken over, and the takeover is itself exclusive.
   */
  static async acquire(
    statePath: string,
    role: string,
    timings: LockTimings = DEFAULT_LOCK_TIMINGS,
  ): Promise<StateFileLock> {
    const holder: LockHolder = {
      pid: process.pid,
      host: os.hostname(),
      role,
      startedAt: new Date().toISOString(),
      url: null,
      token: `${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}`,
    };
    const lockPath = lockPathOf(statePath);
    await mkdir(path.dirname(path.resolve(lockPath)), { recursive: true });
    for (let attempt = 0; attempt < 5; attempt++) {
      if (await createExclusively(lockPath, holder)) {
        const lock = new StateFileLock(statePath, holder, timings);
        lock.startHeartbeat();
        return lock;
      }
      const found = await inspect(lockPath);
      if (!found) continue; // released meanwhile: try again
      if (!isStale(found, timings)) {
        throw new StateLockedError(
          statePath,
          found.holder ?? {
            pid: 0,
            host: 'unknown',
            role: 'unknown',
            startedAt: 'unknown',
            url: null,
            token: '',
          },
        );
      }
      await takeOverStale(lockPath, found.holder, timings);
    }
    throw new BudgetBotError('could not take the state file lock (it kept changing hands)', 'io', statePath);
  }

  /** Records where the bot answers, so `npm run alerts` can ask it instead of writing the file. */
  async setUrl(url: string): Promise<void> {
    this.holder = { ...this.holder, url };
    await writeFileAtomically(this.path, JSON.stringify(this.holder));
  }

  /** A problem with the lock (taken over by another process while this one stalled), for /healthz. */
  health(): StateHealth {
    return { ok: this.problem === null, problem: this.problem };
  }

  /** Lets go of the lock (only if it is still ours). */
  async release(): Promise<void> {
    if (this.released) return;
    this.released = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    const found = await inspect(this.path).catch(() => null);
    if (found?.holder?.token === this.holder.token) await unlink(this.path).catch(() => undefined);
  }

  private startHeartbeat(): void {
    this.timer = setInterval(() => void this.beat(), this.timings.heartbeatMs);
    // The heartbeat must not keep a finished process alive.
    this.timer.unref();
  }

  /** Touches the lock file, after checking it is still ours. */
  async beat(): Promise<void> {
    try {
      const found = await inspect(this.path);
      if (found?.holder?.token !== this.holder.token) {
        const who = found?.holder ? describeHolder(found.holder) : 'nobody';
        this.problem = `the state file lock was lost (now held by ${who}); this process must not write the state file`;
        return;
      }
      const now = new Date();
      await utimes(this.path, now, now);
    } catch (err) {
      this.problem = `the state file lock could not be kept: ${err instanceof Error ? err.message : String(err)}`;
    }
  }
}

/** Creates the lock file only if there is none; false when one exists. */
async function createExclusively(lockPath: string, holder: LockHolder): Promise<boolean> {
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(lockPath, 'wx', 0o644);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  }
  try {
    await handle.writeFile(JSON.stringify(holder), 'utf8');
  } finally {
    await handle.close();
  }
  return true;
}

/**
 * Removes a stale lock so the caller can create its own. Only one process at a time does this
 * (a `.takeover` file made exclusively), and it checks again under it that the lock is still the
 * stale one it saw: two processes that both found it stale cannot remove each other's new lock.
 */
async function takeOverStale(lockPath: string, seen: LockHolder | null, timings: LockTimings): Promise<void> {
  const guard = `${lockPath}.takeover`;
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(guard, 'wx', 0o644);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    // Another process is taking over; a guard left by one that died is cleared after a while.
    const info = await stat(guard).catch(() => null);
    if (info && Date.now() - info.mtimeMs > 10_000) await unlink(guard).catch(() => undefined);
    await new Promise((r) => setTimeout(r, 50 + Math.random() * 100));
    return;
  }
  try {
    await handle.close();
    const again = await inspect(lockPath);
    if (again && isStale(again, timings) && again.holder?.token === seen?.token) {
      // Kept aside rather than deleted: whoever looks into a crash may want to see it.
      await rename(lockPath, `${lockPath}.stale`).catch(() => unlink(lockPath).catch(() => undefined));
    }
  } finally {
    await unlink(guard).catch(() => undefined);
  }
}
