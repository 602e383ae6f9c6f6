import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BudgetBotError, emptyBudgetData } from '../src/domain';
import { loadBudgetData, saveBudgetData, serialiseBudgetData } from '../src/store/budget-store';
import { ingestSeeds } from './fixtures/ingest/seed-store';

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'store-'));
}

describe('budget store', () => {
  it('should read back exactly what it wrote', async () => {
    const dir = tempDir();
    const data = ingestSeeds();
    await saveBudgetData(join(dir, 'budget.json'), data);
    expect(await loadBudgetData(join(dir, 'budget.json'))).toEqual(data);
  });

  it('should write the same bytes for the same data, so the committed file changes only with the data', async () => {
    const data = ingestSeeds();
    expect(serialiseBudgetData(data)).toBe(serialiseBudgetData(ingestSeeds()));
    expect(serialiseBudgetData(data)).not.toMatch(/"(created|updated|timestamp)/i);
  });

  it('should leave no temporary file beside the store', async () => {
    const dir = tempDir();
    await saveBudgetData(join(dir, 'budget.json'), emptyBudgetData());
    expect(readdirSync(dir)).toEqual(['budget.json']);
  });

  it('should keep the old store when the data does not fit the schema', async () => {
    const dir = tempDir();
    const path = join(dir, 'budget.json');
    await saveBudgetData(path, emptyBudgetData());
    const before = readFileSync(path, 'utf8');
    const broken = { ...emptyBudgetData(), facts: [{ document: '', line: 0 }] } as never;
    await expect(saveBudgetData(path, broken)).rejects.toThrow();
    expect(readFileSync(path, 'utf8')).toBe(before);
  });

  const badStores = [
    { name: 'a missing store', content: null, message: /does not exist; run "npm run ingest"/ },
    { name: 'a store that is not JSON', content: '{"version": 1,', message: /is not valid JSON/ },
    {
      name: 'a store of another shape',
      content: '{"version": 2}',
      message: /not in the expected format at version/,
    },
  ];
  it.each(badStores)('should refuse $name with a clear message naming the file', async ({
    content,
    message,
  }) => {
    const path = join(tempDir(), 'budget.json');
    if (content !== null) writeFileSync(path, content);
    await expect(loadBudgetData(path)).rejects.toThrowError(BudgetBotError);
    await expect(loadBudgetData(path)).rejects.toThrowError(message);
  });
});
