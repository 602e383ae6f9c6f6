/**
 * `npm run playground`: starts the bot (anonymous local mode) and the Microsoft 365 Agents
 * Playground, a local Teams-like web client, pointed at it. Also used by the tests to start
 * the Playground. Environment: PORT (bot, default 3978), PLAYGROUND_PORT (default 56150).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { chmod, mkdtemp, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** Where and how to start the Playground. */
export interface PlaygroundProcessOptions {
  /** The bot's messaging endpoint, e.g. http://127.0.0.1:3978/api/messages */
  botEndpoint: string;
  /** Port to ask for; the Playground falls back to a random one when it is taken. */
  port: number;
  /** When false (tests, servers without a desktop) the Playground cannot open a browser. */
  openBrowser: boolean;
  /** Lines the Playground prints, for logs. */
  onOutput?: (line: string) => void;
}

/** A running Playground process. */
export interface PlaygroundProcess {
  port: number;
  url: string;
  child: ChildProcess;
  /** Kills the process (it ignores SIGTERM) and waits for it to exit. */
  stop(): Promise<void>;
}

/** A folder with a do-nothing xdg-open, so the Playground's "open the browser" step succeeds headless. */
async function noBrowserPath(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'playground-bin-'));
  const script = path.join(dir, 'xdg-open');
  await writeFile(script, '#!/bin/sh\nexit 0\n');
  await chmod(script, 0o755);
  return dir;
}

/** Starts the Playground CLI and resolves once it listens. */
export async function spawnPlayground(options: PlaygroundProcessOptions): Promise<PlaygroundProcess> {
  const cli = createRequire(import.meta.url).resolve('@microsoft/m365agentsplayground/cli.js');
  const env = { ...process.env };
  if (!options.openBrowser) env.PATH = `${await noBrowserPath()}${path.delimiter}${env.PATH ?? ''}`;
  const args = [
    cli,
    '--port',
    String(options.port),
    '--app-endpoint',
    options.botEndpoint,
    '--channel-id',
    'msteams',
    '--disable-telemetry',
  ];
  const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the Playground did not start within 30 s')), 30_000);
    let buffer = '';
    const onData = (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      for (const line of lines) {
        options.onOutput?.(line);
        const m = /Listening on (\d+)/.exec(line);
        if (m) {
          clearTimeout(timer);
          resolve(Number(m[1]));
        }
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the Playground exited with code ${code} before listening`));
    });
  });
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    child,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}

async function main(): Promise<void> {
  const botPort = Number(process.env.PORT || 3978);
  const playgroundPort = Number(process.env.PLAYGROUND_PORT || 56150);
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
  // `node --import tsx`: one process, so stopping it stops the bot itself.
  const tsxLoader = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  const bot = spawn(process.execPath, ['--import', tsxLoader, path.join(root, 'src/index.ts')], {
    env: { ...process.env, PORT: String(botPort), MicrosoftAppId: '', MicrosoftAppPassword: '' },
    stdio: 'inherit',
  });
  const hasDesktop =
    Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY) || process.platform !== 'linux';
  const playground = await spawnPlayground({
    botEndpoint: `http://127.0.0.1:${botPort}/api/messages`,
    port: playgroundPort,
    openBrowser: hasDesktop,
    onOutput: (line) => process.stdout.write(`[playground] ${line}\n`),
  });
  process.stdout.write(
    `\nAgents Playground: ${playground.url}  (bot: http://127.0.0.1:${botPort}/api/messages)\nCtrl+C stops both.\n`,
  );
  const botExited = new Promise<number | null>((resolve) => bot.once('exit', (code) => resolve(code)));
  let stopping = false;
  // Ctrl+C: the Playground first, then the bot, which finishes its turns and flushes its state.
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await playground.stop();
    bot.kill('SIGTERM');
    await botExited;
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
  void botExited.then(async (code) => {
    if (stopping) return;
    stopping = true;
    process.stderr.write(`bot exited (${code}); stopping the Playground\n`);
    await playground.stop();
    process.exit(code ?? 1);
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((err: unknown) => {
    process.stderr.write(`playground: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
}
