/**
 * New data flow: the seed store, then an actuals CSV imported with the ingest command, and the
 * next alert run alerts on the imported figures (and does not repeat what the report gave).
 */
import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAlertService } from '../src/alerts/alert-service';
import { InMemoryNotifier } from '../src/alerts/notifier';
import { runIngest } from '../src/ingest/ingest-command';
import { memoryState } from '../src/store/document-state';
import { cardText } from './card-fixtures';
import { subscription } from './fixtures/alert-store';

let dir: string;
let storePath: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'alerts-csv-'));
  storePath = path.join(dir, 'budget.json');
  await copyFile('data/budget.json', storePath);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('alerts on imported actuals', () => {
  it('should alert on the seed report, then again on a newer imported CSV, never repeating', async () => {
    const state = memoryState();
    const notifier = new InMemoryNotifier();
    await state.subscriptions.save(
      subscription({ id: 'it', costCentre: 'Tietohallinto', thresholds: ['0.5', '0.75', '0.9', '1'] }),
    );
    const service = createAlertService({
      config: {
        auth: null,
        storePath,
        alerts: { enabled: false, time: '07:30', timeZone: 'Europe/Helsinki', runSecret: null },
      },
      state,
      logger: { info: () => undefined, error: () => undefined },
      notifier,
    });

    // The seed report: 924 370 € of 1 488 900 € (62,1 %) by 30.6.2022.
    const june = await service.run();
    const juneSteps = june.plan.groups[0]?.findings.map((f) => [f.rule, f.step, f.asOf]);
    expect(juneSteps).toContainEqual(['usedShare', '0.5', '2022-06-30']);
    // The alert card carries the figures (nothing is said beside it).
    const juneCard = cardText(notifier.sent[0]?.message.cards);
    expect(juneCard).toContain('Budjetti\n1\u00a0488\u00a0900\u00a0€');
    expect(juneCard).toContain('Toteuma 30.6.2022\n924\u00a0370\u00a0€');

    const csv = path.join(dir, 'kirjanpito-2022-09.csv');
    await writeFile(csv, 'cost_centre,account,as_of,amount\nTietohallinto,MENOT,2022-09-30,-1200000\n');
    // An ingest builds the store from the files named: the reports and the new ledger.
    await runIngest({
      out: storePath,
      report: null,
      aliases: 'data/aliases.json',
      files: ['seeds/000_d3382b3632755c54.txt', 'seeds/001_a49d1ed256dc6eed.txt', csv],
    });

    // 1 200 000 / 1 488 900 = 80,6 %: the 75 % step, on the CSV's date, citing the CSV's line.
    const september = await service.run();
    const findings = september.plan.groups[0]?.findings ?? [];
    expect(findings.map((f) => [f.rule, f.step, f.asOf])).toContainEqual(['usedShare', '0.75', '2022-09-30']);
    expect(findings.every((f) => f.asOf === '2022-09-30')).toBe(true);
    // Sourced to the CSV's line: its date and row on the card.
    expect(cardText(notifier.sent[1]?.message.cards)).toContain('rivi 2 · TOT 30.9.2022');

    const again = await service.run();
    expect(again.plan.groups).toEqual([]);
    expect(notifier.sent).toHaveLength(2);
  });
});
