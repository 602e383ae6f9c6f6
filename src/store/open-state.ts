/**
 * Opens the bot's state from the configuration: PostgreSQL when STATE_URL is set (any number of
 * instances), else the embedded lowdb file at STATE_PATH, held by this process alone.
 */
import type { Logger } from 'pino';
import type { Config } from '../config';
import { DocumentState } from './document-state';
import { GuardedStateStore, restoreStateFile } from './guarded-state-store';
import { PostgresState } from './postgres-state';
import { type LockTimings, StateFileLock } from './state-file-lock';
import type { StateBackend } from './state-ports';
import { FileStateStore, type StateStoreOptions } from './state-store';

/** An opened state, and the file lock when it is the embedded file. */
export interface OpenedState {
  state: StateBackend;
  /** Held while the state is open (file only): the bot writes its URL into it. */
  lock: StateFileLock | null;
  /** What was noticed while opening (a damaged file restored, a corrupt one moved aside). */
  notices: string[];
}

/** How to open it. */
export interface OpenStateOptions {
  /** "bot" or the command's name: shown to a second process that is refused. */
  role: string;
  logger: Logger;
  /** Check the file every 30 s while running (the bot; a command's short run needs no watch). */
  watch?: boolean;
  lockTimings?: LockTimings;
  /** The clock and limits (tests); the defaults otherwise. */
  store?: Pick<StateStoreOptions, 'now' | 'limits'>;
}

/**
 * Opens the state. The file is locked first, so a second process (bot or command) fails here
 * with StateLockedError naming the holder, before it reads or writes anything.
 */
export async function openState(
  config: Pick<Config, 'statePath' | 'stateUrl'>,
  options: OpenStateOptions,
): Promise<OpenedState> {
  if (config.stateUrl) {
    const state = await PostgresState.open(config.stateUrl, {
      ...options.store,
      onError: (err) => options.logger.error({ err: err.message }, 'state database connection failed'),
    });
    return { state, lock: null, notices: [] };
  }
  const lock = await StateFileLock.acquire(config.statePath, options.role, options.lockTimings);
  try {
    const notices: string[] = [];
    const restored = await restoreStateFile(config.statePath);
    const file = await FileStateStore.open(config.statePath, options.store);
    const guarded = new GuardedStateStore(file, options.logger);
    if (restored) guarded.notice(restored);
    const problem = guarded.health().problem;
    if (problem) notices.push(problem);
    if (options.watch) guarded.start();
    const state = new DocumentState(guarded, {
      kind: 'file',
      extraHealth: () => lock.health(),
      onClose: async () => {
        guarded.stop();
        await lock.release();
      },
    });
    return { state, lock, notices };
  } catch (err) {
    await lock.release();
    throw err;
  }
}
