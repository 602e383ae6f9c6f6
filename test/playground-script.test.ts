/**
 * `npm run playground` as a person would use it: bot and Playground come up together, the
 * Playground reaches the bot, and Ctrl+C stops both.
 */
import { spawn } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { freePort } from './support/playground-client';

// `node --import tsx`: one process for the script, so a kill in `finally` reaches it.
const tsxLoader = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

async function refused(url: string): Promise<boolean> {
  try {
    await fetch(url);
    return false;
  } catch {
    return true;
  }
}

describe('npm run playground', () => {
  it('should start the bot and the Playground pointed at it, and stop both on Ctrl+C', async () => {
    const botPort = await freePort();
    const playgroundPort = await freePort();
    const dir = await mkdtemp(path.join(os.tmpdir(), 'playground-script-'));
    const child = spawn(process.execPath, ['--import', tsxLoader, 'src/cli/playground.ts'], {
      env: {
        ...process.env,
        PORT: String(botPort),
        PLAYGROUND_PORT: String(playgroundPort),
        STATE_PATH: path.join(dir, 'state.json'),
        ALERTS_ENABLED: 'false',
        // No desktop here: the script must not try to open a browser.
        DISPLAY: '',
        WAYLAND_DISPLAY: '',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      for (let i = 0; i < 300 && !/Agents Playground: (http\S+)/.test(output); i++)
        await new Promise((r) => setTimeout(r, 100));
      const url = /Agents Playground: (http\S+)/.exec(output)?.[1];
      expect(url).toBeDefined();
      // The Playground's config call answers once it reaches the bot's endpoint.
      const config = (await (await fetch(`${url}/_internal/v1/config`)).json()) as {
        config: { bot: { id: string } };
      };
      expect(config.config.bot.id).toBeTruthy();
      expect((await fetch(`http://127.0.0.1:${botPort}/healthz`)).status).toBe(200);
      child.kill('SIGINT');
      expect(await exited).toBe(0);
      expect(await refused(`http://127.0.0.1:${botPort}/healthz`)).toBe(true);
      expect(await refused(`${url}/_internal/v1/config`)).toBe(true);
    } finally {
      child.kill('SIGKILL');
    }
  });
});
