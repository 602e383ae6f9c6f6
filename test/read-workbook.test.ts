import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { BudgetBotError } from '../src/domain';
import { interpretReport, parseReport } from '../src/ingest/ingest-files';
import {
  headerRole,
  LedgerMappingSchema,
  loadLedgerMapping,
  readLedgerExport,
} from '../src/ingest/ledger-export';
import { prepareSource } from '../src/ingest/prepare-source';
import { readWorkbook } from '../src/ingest/read-workbook';
import { workbookReport } from '../src/ingest/workbook-report';
import { mappedLedgerExample, seed000Workbook } from './fixtures/documents/generate/all';
import { cityLedgerXlsx } from './fixtures/documents/generate/city-documents';
import { generateCity } from './fixtures/documents/generate/city-model';
import { contentKey, difference, factKey, truthKeys } from './fixtures/documents/truth';
import { SEED_TABBED, seedText } from './fixtures/ingest/facts';

const root = join(import.meta.dirname, '..');
const documents = join(root, 'test/fixtures/documents');
const examples = join(root, 'examples/budget');
const read = (path: string) => new Uint8Array(readFileSync(path));

describe('a report kept as a workbook', () => {
  const file = '000_d3382b3632755c54.xlsx';

  it('should give the same facts as the text of the report, each with its sheet, row and cell', async () => {
    const grids = await readWorkbook(read(join(documents, file)), file);
    const doc = interpretReport(workbookReport(grids, file));
    const fromText = parseReport(seedText(SEED_TABBED), SEED_TABBED).facts.map(contentKey).sort();
    expect(difference(fromText, doc.facts.map(contentKey).sort())).toEqual({ missing: [], extra: [] });
    expect(doc.info).toMatchObject({
      layout: 'workbook',
      title: 'Toteutuma 30.6.2022 - Käyttösuunnitelma 2022',
    });
    // Provenance: the cell holds the figure, on the row the fact names.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(join(documents, file)) as unknown as ArrayBuffer);
    for (const f of doc.facts) {
      expect(f.cell, `${f.costCentre} ${f.account} ${f.basis} ${f.year}`).toMatch(
        new RegExp(`^[A-Z]+${f.line}$`),
      );
      const cell = wb.getWorksheet(f.sheet!)!.getCell(f.cell!);
      const v = cell.value as number | string | { result: number };
      // A figure measured in a goal table's text ("Sairauspoissaolot 9,91 pv/hlö 30.6.2022") is in that text.
      if (typeof v === 'string') expect(v).toContain(f.amount.replace('.', ','));
      else expect(Number(typeof v === 'number' ? v : v.result)).toBe(Number(f.amount));
    }
  });

  it('should read totals kept as formulas by their saved results, skip the hidden row, keep the sheets apart', async () => {
    const grids = await readWorkbook(read(join(documents, file)), file);
    const doc = interpretReport(workbookReport(grids, file));
    const total = doc.facts.find((f) => f.account === 'TOIMINTATUOTOT' && f.year === 2020)!;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(join(documents, file)) as unknown as ArrayBuffer);
    expect(wb.getWorksheet(total.sheet!)!.getCell(total.cell!).formula).toMatch(/^SUM\(/);
    expect(total.amount).toBe('858259');
    expect(grids.flatMap((g) => g.rows).some((r) => r.cells.some((c) => c?.text === 'apurivi'))).toBe(false);
    expect(new Set(doc.facts.map((f) => f.sheet))).toEqual(new Set(['Raportti', 'Käyttösuunnitelma']));
  });

  it('should be what the generator makes (the committed fixture is current)', async () => {
    const again = await readWorkbook(await seed000Workbook(), file);
    const committed = await readWorkbook(read(join(documents, file)), file);
    expect(again).toEqual(committed);
  });

  it('should refuse a workbook with no recognisable table, and text in a number column, by sheet and cell', async () => {
    for (const [name, message] of [
      ['ei-taulukkoa.xlsx', /ei-taulukkoa\.xlsx:Muistiinpanot!A1: no recognisable table/],
      [
        'tekstia-luvuissa.xlsx',
        /tekstia-luvuissa\.xlsx:Käyttötalous!C6: "n\/a" in column TA 2024 of row "TULOT" is not a figure/,
      ],
    ] as const) {
      const f = { path: `bad/${name}`, bytes: read(join(documents, 'bad', name)) };
      const err = await prepareSource(f).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(BudgetBotError);
      expect((err as BudgetBotError).message).toMatch(message);
    }
  });
});

describe('a ledger report export', () => {
  it('should recognise Finnish and English headers', () => {
    expect(
      [
        'Kp',
        'Kustannuspaikka',
        'Tili',
        'Tilin nimi',
        'TA 2024',
        'Muutettu TA',
        'Toteuma 1-6/2024',
        'Tot-%',
        'Cost centre',
        'Actual',
        'Revised budget',
        'Used %',
        'Budget 2024',
        'Toimiala',
        'Tulosalue',
      ].map(headerRole),
    ).toEqual([
      'costCentreCode',
      'costCentre',
      'accountCode',
      'account',
      'budget',
      'changedBudget',
      'actual',
      'usedPercent',
      'costCentre',
      'actual',
      'changedBudget',
      'usedPercent',
      'budget',
      'serviceArea',
      'resultArea',
    ]);
  });

  it('should read every amount of an English export with its hierarchy, year, date and cell', async () => {
    const city = generateCity();
    const { truth } = await cityLedgerXlsx(city, { years: [2024], areas: ['Tekninen toimi'], lang: 'en' });
    const name = 'tekninen-toimi-toteumavertailu-2024.xlsx';
    const ledger = readLedgerExport(await readWorkbook(read(join(examples, name)), name), name, null);
    expect(difference(truthKeys(truth).sort(), ledger.facts.map(factKey).sort())).toEqual({
      missing: [],
      extra: [],
    });
    expect(ledger.issues).toEqual([]);
    expect(ledger.nodes.filter((n) => n.level === 'resultArea').map((n) => n.code)).toEqual([
      '31',
      '32',
      '33',
      '34',
      '35',
    ]);
    const f = ledger.facts[0]!;
    expect(f).toMatchObject({ table: 'accounts', sheet: '2024', line: 4, cell: 'G4', basis: 'TA' });
  });

  it('should read headers it does not know through a mapping file', async () => {
    const name = 'kirjanpidon-vienti-2024.xlsx';
    const grids = await readWorkbook(read(join(examples, name)), name);
    const mapping = await loadLedgerMapping(join(examples, 'kirjanpidon-vienti.mapping.json'));
    const ledger = readLedgerExport(grids, name, mapping);
    const { truth } = await cityLedgerXlsx(generateCity(), { years: [2024], areas: ['Tekninen toimi'] });
    expect(difference(truthKeys(truth).sort(), ledger.facts.map(factKey).sort())).toEqual({
      missing: [],
      extra: [],
    });
    expect(Buffer.from(await mappedLedgerExample()).length).toBeGreaterThan(0);
    // Without the mapping, the same workbook is no table the ingest knows.
    const err = await prepareSource({ path: name, bytes: read(join(examples, name)) }).catch(
      (e: unknown) => e,
    );
    expect((err as BudgetBotError).message).toMatch(/no recognisable table/);
  });

  it('should refuse a mapping file with an unknown column role, naming the file and the key', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mapping-'));
    const path = join(dir, 'm.json');
    writeFileSync(path, JSON.stringify({ columns: { 'Kustp.': 'kustannuspaikka' } }));
    const err = await loadLedgerMapping(path).catch((e: unknown) => e);
    expect((err as BudgetBotError).message).toMatch(
      new RegExp(`^${path}: columns\\.Kustp\\.: .*costCentreCode`),
    );
    expect(LedgerMappingSchema.safeParse({ colums: {} }).success).toBe(false);
  });

  it('should report every cell with text in an amount column as FILE:SHEET!CELL', async () => {
    const f = {
      path: 'bad/tekstia-toteumavertailussa.xlsx',
      bytes: read(join(documents, 'bad/tekstia-toteumavertailussa.xlsx')),
    };
    const err = (await prepareSource(f).catch((e: unknown) => e)) as BudgetBotError;
    expect(err.message).toContain(
      'bad/tekstia-toteumavertailussa.xlsx:Toteumavertailu!F4: "ei tiedossa" in column "Muutettu TA" is not an amount',
    );
    expect(err.message).toContain(
      'bad/tekstia-toteumavertailussa.xlsx:Toteumavertailu!G6: "1.234,5,6" in column "Toteuma" is not an amount',
    );
  });

  it('should report a printed Tot-% that is not the actual over the budget, and refuse an uncalculated formula', async () => {
    const { bytes } = await cityLedgerXlsx(generateCity(), { years: [2023], areas: ['Ympäristöpalvelut'] });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('2023')!;
    ws.getCell('J5').value = { formula: 'I5/H5', result: 0.5 };
    const tampered = new Uint8Array(await wb.xlsx.writeBuffer());
    const ledger = readLedgerExport(await readWorkbook(tampered, 'x.xlsx'), 'x.xlsx', null);
    expect(ledger.issues).toHaveLength(1);
    expect(ledger.issues[0]).toMatchObject({
      line: 5,
      sheet: '2023',
      printed: '50.0',
      check: 'Tot-% = toteuma / TA+muutos (J5)',
    });
    ws.getCell('I6').value = { formula: 'SUM(I1:I2)' } as ExcelJS.CellFormulaValue;
    const uncalculated = new Uint8Array(await wb.xlsx.writeBuffer());
    const err = await prepareSource({ path: 'x.xlsx', bytes: uncalculated }).catch((e: unknown) => e);
    expect((err as BudgetBotError).message).toMatch(
      /^x\.xlsx:2023!I6: the formula in this cell has no saved result/,
    );
  });
});
