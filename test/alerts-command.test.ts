/** `npm run alerts` as a user runs it: a child process over the seed store and a state file. */
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emptyBotState } from '../src/store/state-schema';
import { subscription } from './fixtures/alert-store';

const root = path.resolve(import.meta.dirname, '..');
let dir: string;
let statePath: string;

function alerts(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/alerts.ts', ...args], {
    cwd: root,
    encoding: 'utf8',
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'alerts-cli-'));
  statePath = path.join(dir, 'state.json');
  const state = emptyBotState();
  state.subscriptions.push(subscription({ id: 'it', costCentre: 'Tietohallinto', conversationId: 'a:c1' }));
  await writeFile(statePath, JSON.stringify(state));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('npm run alerts', () => {
  it('should print what would be sent on a dry run, with exact sourced figures', () => {
    const r = alerts('--store', 'data/budget.json', '--state', statePath, '--dry-run');
    expect(r.status).toBe(0);
    const out = r.stdout.replace(/\u00a0/g, ' ');
    expect(out).toContain('── a:c1 · subscription it · would send');
    expect(out).toContain(
      'Tietohallinto: käytetty 62,1 % vuoden 2022 menobudjetista (924 370 € / 1 488 900 €, toteuma 30.6.2022)',
    );
    expect(out).toContain('dry run:');
  });

  it('should print one JSON summary with --json', () => {
    const r = alerts('--state', statePath, '--dry-run', '--json');
    const summary = JSON.parse(r.stdout) as {
      dryRun: boolean;
      planned: number;
      messages: { findings: { rule: string }[] }[];
    };
    expect(summary).toMatchObject({ dryRun: true, planned: 1 });
    expect(summary.messages[0]?.findings.map((f) => f.rule)).toEqual([
      'usedShare',
      'pace',
      'projectedOverrun',
    ]);
  });

  it.each([
    [['--bogus'], 2, 'unknown argument "--bogus"'],
    [['--store'], 2, '--store needs a file'],
    [['--store', '/no/such/store.json', '--dry-run'], 1, 'store not found'],
  ])('should refuse %j with a plain message', (args, status, message) => {
    const r = alerts(...args);
    expect(r.status).toBe(status);
    expect(r.stderr).toContain(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
