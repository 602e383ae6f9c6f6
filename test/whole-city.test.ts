import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { BudgetData } from '../src/domain';
import { exportCsv } from '../src/ingest/export-facts';
import { runIngest } from '../src/ingest/ingest-command';
import { loadBudgetData } from '../src/store/budget-store';
import {
  cityActualsCsv,
  cityLedgerTruth,
  cityLedgerXlsx,
  cityReportPdf,
  type TruthFact,
} from './fixtures/documents/generate/city-documents';
import { generateCity } from './fixtures/documents/generate/city-model';
import { difference, factKey, truthKeys } from './fixtures/documents/truth';

const root = join(import.meta.dirname, '..');
const city = join(root, 'test/fixtures/documents/city');
const FILES = {
  pdf: join(city, 'lumijarvi-toteuma-30-6-2024.pdf'),
  xlsx: join(city, 'lumijarvi-toteumavertailu-2015-2024.xlsx'),
  csv: join(city, 'lumijarvi-kuukausitoteumat-2015-2024.csv'),
};

let dir: string;
let data: BudgetData;
let truth: { pdf: TruthFact[]; xlsx: TruthFact[]; csv: TruthFact[] };

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'city-'));
  const model = generateCity();
  truth = {
    pdf: (await cityReportPdf(model)).truth,
    xlsx: cityLedgerTruth(model),
    csv: cityActualsCsv(model).truth,
  };
  // Another city: Kemijärvi's aliases (Maaseutuneuvonta = maaseutuhallinto) do not apply.
  const aliases = join(dir, 'aliases.json');
  writeFileSync(aliases, '{}');
  const out = join(dir, 'budget.json');
  await runIngest({ out, report: null, aliases, files: [FILES.pdf, FILES.xlsx, FILES.csv] });
  data = await loadBudgetData(out);
}, 600_000);

describe('the whole city in one store', () => {
  it.each([
    ['the half-year report (PDF)', 'pdf', 'lumijarvi-toteuma-30-6-2024.pdf'],
    ['the ledger export (workbook)', 'xlsx', 'lumijarvi-toteumavertailu-2015-2024.xlsx'],
    ['the monthly actuals (CSV)', 'csv', 'lumijarvi-kuukausitoteumat-2015-2024.csv'],
  ] as const)('should hold every figure of %s with its names, path and period', (_, kind, document) => {
    const stored = data.facts.filter((f) => f.document === document);
    expect(stored.length).toBe(truth[kind].length);
    expect(difference(truthKeys(truth[kind]).sort(), stored.map(factKey).sort())).toEqual({
      missing: [],
      extra: [],
    });
    for (const f of stored) {
      expect(f.line).toBeGreaterThan(0);
      if (kind === 'pdf') expect(f.page).toBeGreaterThan(0);
      if (kind === 'xlsx') expect(f.cell).toMatch(new RegExp(`^[G-I]${f.line}$`));
      expect(f.path?.[f.path.length - 1]).toBe(f.costCentre);
    }
  });

  it('should take its workbook truth from the same figures the generator writes', async () => {
    const model = generateCity();
    const options = { years: [2019], areas: ['Ympäristöpalvelut'] };
    expect((await cityLedgerXlsx(model, options)).truth).toEqual(cityLedgerTruth(model, options));
  });

  it('should hold the hierarchy with codes: 1 city, 8 service areas, 40 result areas, 400 cost centres', () => {
    const count = (level: string) => data.costCentres.filter((c) => c.level === level).length;
    expect([count('city'), count('serviceArea'), count('resultArea'), count('costCentre')]).toEqual([
      1, 8, 40, 400,
    ]);
    const school = data.costCentres.find(
      (c) => c.path?.join(' / ') === 'Sivistyspalvelut / Perusopetus / Kirkonkylän koulu',
    );
    expect(school).toMatchObject({ level: 'costCentre', code: '2202', serviceArea: 'Sivistyspalvelut' });
    expect(school?.documents).toEqual([
      'lumijarvi-toteuma-30-6-2024.pdf',
      'lumijarvi-toteumavertailu-2015-2024.xlsx',
    ]);
    expect(data.costCentres.every((c) => c.level === 'city' || c.code !== undefined)).toBe(true);
  });

  it('should keep names unique per parent and a name under two parents apart', () => {
    const keys = data.costCentres.map((c) => (c.path ?? [c.name]).join(' / '));
    expect(new Set(keys).size).toBe(keys.length);
    const hallinto = data.costCentres.filter((c) => c.name === 'Hallinto');
    expect(hallinto.length).toBeGreaterThan(10);
    expect(new Set(hallinto.map((c) => c.path!.slice(0, -1).join(' / '))).size).toBe(hallinto.length);
    expect(hallinto.some((c) => c.level === 'resultArea')).toBe(true);
    expect(hallinto.some((c) => c.level === 'costCentre')).toBe(true);
  });

  it('should reconcile every roll-up and agree across the three sources', () => {
    expect(data.reconciliation).toEqual([]);
    expect(data.conflicts).toEqual([]);
    // The report's TOT 30.6.2024 and the ledger's June figure are the same figure.
    const tot = data.facts.filter(
      (f) => f.table === 'costCentres' && f.basis === 'TOT' && f.path?.length === 3,
    );
    const csv = new Map(
      data.facts
        .filter((f) => f.table === 'actuals' && f.asOf === '2024-06-30')
        .map((f) => [`${f.path!.join('/')}|${f.account}`, f.amount]),
    );
    expect(
      tot
        .filter((f) => f.account !== 'NETTOMENO')
        .every((f) => csv.get(`${f.path!.join('/')}|${f.account}`) === f.amount),
    ).toBe(true);
  });

  it('should refuse a CSV row that names a cost centre found under two parents without its code', async () => {
    const out = join(dir, 'budget.json');
    const csv = join(dir, 'ambiguous.csv');
    writeFileSync(csv, 'cost_centre;account;as_of;amount\nHallinto;MENOT;2024-07-31;-100\n');
    // An ingest builds the store from the files named: the ledger export names the cost centres.
    const err = await runIngest({
      out,
      report: null,
      aliases: join(dir, 'aliases.json'),
      files: [FILES.xlsx, csv],
    }).catch((e: unknown) => e);
    expect((err as Error).message).toMatch(
      /"Hallinto" is the name of several cost centres \(.*Sivistyspalvelut \/ Perusopetus \/ Hallinto.*\); give each row its cost_centre_code/,
    );
  });
});

describe('the seeds after the new readers', () => {
  it('should give the same store content as before (npm run export of a rebuild equals the committed store)', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'seeds-')), 'budget.json');
    const rebuilt = (
      await runIngest(
        { out, report: null, aliases: join(root, 'data/aliases.json'), files: [] },
        join(root, 'seeds'),
      )
    ).data;
    const committed = await loadBudgetData(join(root, 'data/budget.json'));
    expect(exportCsv(rebuilt)).toBe(exportCsv(committed));
    expect(rebuilt.facts.some((f) => f.path || f.page || f.sheet)).toBe(false);
  });
});
