/**
 * A watch over the state file while the bot runs. The store keeps the truth in memory and
 * writes it out; if the file is deleted or corrupted behind its back, or writes fail (a full
 * disk), nothing would notice until the next restart, which would then start without the
 * subscriptions. This decorator checks the file now and then, reports what it finds in health()
 * (so /healthz shows it) and in the log, and writes the state again from memory, so that no
 * subscription stored before is lost.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, rename } from 'node:fs/promises';
import type { Logger } from 'pino';
import { writeFileAtomically } from './atomic-json-file';
import type { BotState } from './state-schema';
import { BotStateSchema } from './state-schema';
import type { FileStateStore, StateHealth, StateLimits, StateStore } from './state-store';

/** Default time between checks of the file. */
export const DEFAULT_STATE_CHECK_MS = 30_000;

/** A FileStateStore with a periodic check and repair of its file. */
export class GuardedStateStore implements StateStore {
  private problem: string | null = null;
  private broken = false;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<StateHealth> | null = null;
  /** Hash of the last copy kept by keepLastGood(), so an unchanged file is not copied again. */
  private lastGoodHash: string | null = null;
  /** Whether the file has existed: only then is a missing file a deleted one. */
  private seen: boolean;

  constructor(
    private readonly inner: FileStateStore,
    private readonly logger: Logger,
    private readonly intervalMs = DEFAULT_STATE_CHECK_MS,
  ) {
    this.seen = existsSync(inner.file);
  }

  get limits(): StateLimits {
    return this.inner.limits;
  }
  get now(): () => Date {
    return this.inner.now;
  }
  /** The file this store keeps. */
  get file(): string {
    return this.inner.file;
  }
  read(): Readonly<BotState> {
    return this.inner.read();
  }
  update<T>(change: (state: BotState) => T): Promise<T> {
    return this.inner.update(change);
  }
  updateSoon<T>(change: (state: BotState) => T): { result: T; written: Promise<void> } {
    return this.inner.updateSoon(change);
  }
  flush(): Promise<void> {
    return this.inner.flush();
  }

  /** The store's own health, and what the checks of the file found. */
  health(): StateHealth {
    const own = this.inner.health();
    return {
      ok: own.ok && !this.broken,
      problem: this.problem ?? own.problem,
    };
  }

  /** Checks the file every intervalMs until stop(). */
  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      this.check().catch((err: unknown) =>
        this.logger.error(
          { err: err instanceof Error ? err.message : String(err) },
          'state file check failed',
        ),
      );
    }, this.intervalMs);
    // The watch must not keep a stopping process alive.
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Checks the file once, repairs it from memory if needed, then writes pending changes. */
  check(): Promise<StateHealth> {
    this.running ??= this.checkOnce().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async checkOnce(): Promise<StateHealth> {
    const file = this.inner.file;
    // The file is looked at before pending changes are written: a write would hide the damage.
    let raw: string | null = null;
    try {
      raw = await readFile(file, 'utf8');
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT') return this.report(`state file cannot be read (${code ?? 'error'})`, true);
      // Never written yet is not deleted: a fresh bot writes its first turn a moment later.
      if (this.seen) return this.rewrite('state file was deleted while the bot was running', null);
    }
    if (raw !== null && !isValidState(raw)) {
      // Keep the damaged file for whoever wants to know what happened to it.
      const aside = `${file}.corrupt-${Date.now()}`;
      await rename(file, aside).catch(() => undefined);
      return this.rewrite('state file was corrupted while the bot was running', aside);
    }
    try {
      await this.inner.flush();
    } catch {
      // A failed write: the store's health says so, handled next.
    }
    if (!this.inner.health().ok) {
      // Writes are failing (e.g. a full disk): try again, so the disk gets what memory holds.
      return this.rewrite('writing the state file failed', null);
    }
    this.seen ||= raw !== null || existsSync(file);
    this.broken = false;
    if (raw !== null) await this.keepLastGood(raw);
    return this.health();
  }

  /** Records a problem found before the store opened (e.g. a restored file), for health(). */
  notice(problem: string): void {
    this.problem = problem;
  }

  /** Keeps a copy of a file that passed the check, for restoreStateFile() after a bad restart. */
  private async keepLastGood(raw: string): Promise<void> {
    const hash = createHash('sha1').update(raw).digest('hex');
    if (hash === this.lastGoodHash) return;
    try {
      await writeFileAtomically(lastGoodPath(this.inner.file), raw);
      this.lastGoodHash = hash;
    } catch (err) {
      // A missing backup is not a fault of the live state: say so and go on.
      this.logger.warn(
        { err: err instanceof Error ? err.message : String(err) },
        'could not keep a copy of the state file',
      );
    }
  }

  /** Writes the whole state from memory again and reports how that went. */
  private async rewrite(what: string, aside: string | null): Promise<StateHealth> {
    const at = new Date().toISOString();
    const kept = aside ? `; the damaged file is kept as ${aside}` : '';
    try {
      await this.inner.update(() => undefined);
      this.seen = true;
      return this.report(`${what} (noticed ${at}); written again from memory${kept}`, false);
    } catch (err) {
      const why = err instanceof Error ? err.message : String(err);
      return this.report(`${what} (noticed ${at}); writing it again failed: ${why}${kept}`, true);
    }
  }

  private report(problem: string, broken: boolean): StateHealth {
    this.problem = problem;
    this.broken = broken;
    if (broken) this.logger.error({ problem }, 'bot state file problem');
    else this.logger.warn({ problem }, 'bot state file repaired');
    return this.health();
  }
}

/** Whether text is a whole state file of the current shape. */
function isValidState(raw: string): boolean {
  try {
    return BotStateSchema.safeParse(JSON.parse(raw)).success;
  } catch {
    return false;
  }
}

/** Where the last copy of the state file that passed a check is kept. */
export function lastGoodPath(file: string): string {
  return `${file}.last-good`;
}

/**
 * Before the store opens: a state file that is missing or not whole is replaced by the last
 * copy that passed a check while running (the damaged one is kept aside), so a restart after
 * damage does not start without the subscriptions. Resolves with what was done, or null when
 * the file was fine or there was no good copy to restore (the store then starts as it would).
 */
export async function restoreStateFile(file: string): Promise<string | null> {
  const raw = await readFile(file, 'utf8').catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return null;
    throw err;
  });
  if (raw !== null && isValidState(raw)) return null;
  const good = await readFile(lastGoodPath(file), 'utf8').catch(() => null);
  if (good === null || !isValidState(good)) return null;
  let kept = '';
  if (raw !== null) {
    const aside = `${file}.corrupt-${Date.now()}`;
    await rename(file, aside);
    kept = ` (the damaged file is kept as ${aside})`;
  }
  await writeFileAtomically(file, good);
  return `state file was ${raw === null ? 'missing' : 'damaged'} at start; restored from the last good copy${kept}`;
}
