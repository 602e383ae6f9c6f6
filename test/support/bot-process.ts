/**
 * The bot as `npm start` runs it, in a process of its own (`node --import tsx src/index.ts`:
 * one process, so a signal, SIGKILL included, reaches the bot itself and not a tsx wrapper).
 * For tests of what only processes show: refusing to start, the state file lock, several
 * instances on one database, an instance killed mid-run.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { freePort } from './playground-client';

const tsxLoader = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

/** A bot process. */
export interface BotProcess {
  child: ChildProcess;
  /** Everything it wrote, stdout and stderr together. */
  output: () => string;
  /** Its log lines (pino JSON on stdout), parsed. */
  logs: () => Array<Record<string, unknown>>;
  exited: Promise<number | null>;
}

/** Starts `src/index.ts` with the environment given over anonymous local defaults. */
export function startBotProcess(env: Record<string, string>): BotProcess {
  const child = spawn(process.execPath, ['--import', tsxLoader, 'src/index.ts'], {
    env: { ...process.env, MicrosoftAppId: '', MicrosoftAppPassword: '', ALERTS_ENABLED: 'false', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const logs = () =>
    out
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .flatMap((l) => {
        try {
          return [JSON.parse(l) as Record<string, unknown>];
        } catch {
          return [];
        }
      });
  return { child, output: () => out, logs, exited };
}

/** Waits until `url` answers 2xx, or throws when the process exits or 30 s pass. */
export async function healthy(url: string, exited: Promise<number | null>): Promise<void> {
  let gone = false;
  void exited.then(() => (gone = true));
  for (let i = 0; i < 300 && !gone; i++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(gone ? 'bot exited before it became healthy' : 'bot did not become healthy');
}

/** A bot process on a free port, once /healthz answers. */
export async function startHealthyBot(
  env: Record<string, string>,
): Promise<BotProcess & { url: string; stop: () => Promise<number | null> }> {
  const port = await freePort();
  const bot = startBotProcess({ PORT: String(port), ...env });
  const url = `http://127.0.0.1:${port}`;
  try {
    await healthy(`${url}/healthz`, bot.exited);
  } catch (err) {
    bot.child.kill('SIGKILL');
    throw new Error(`${err instanceof Error ? err.message : String(err)}: ${bot.output().slice(-2000)}`);
  }
  return {
    ...bot,
    url,
    stop: async () => {
      if (bot.child.exitCode === null && bot.child.signalCode === null) bot.child.kill('SIGTERM');
      return bot.exited;
    },
  };
}
