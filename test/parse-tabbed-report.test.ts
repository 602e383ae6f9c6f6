import { describe, expect, it } from 'vitest';
import { BudgetBotError } from '../src/domain';
import { interpretDocument } from '../src/ingest/interpret-document';
import { parseTabbedReport } from '../src/ingest/parse-tabbed-report';
import { reconcile } from '../src/ingest/reconcile';
import { countByTable, factsAt, SEED_TABBED, type SpotCheck, seedText } from './fixtures/ingest/facts';

const SA = 'Hallinto- ja tukipalvelut';
const doc = interpretDocument(parseTabbedReport(seedText(SEED_TABBED), SEED_TABBED));

// Exact figures of the half-year report, read by hand from the seed, one or more per table.
const spotChecks: SpotCheck[] = [
  // Tunnusluvut: single-line headers, "TOT. 30.6.2022" in one cell, the "€" row, "xx".
  {
    table: 'keyFigures',
    costCentre: SA,
    account: 'Vakinaiset virat ja toimet 31.12.',
    year: 2020,
    basis: 'TP',
    unit: 'count',
    amount: '39',
    line: 34,
  },
  {
    table: 'keyFigures',
    costCentre: SA,
    account: 'Vakinaiset virat ja toimet 31.12.',
    year: 2022,
    basis: 'TOT',
    asOf: '2022-06-30',
    amount: '37',
    line: 34,
  },
  {
    table: 'keyFigures',
    costCentre: SA,
    account: 'Henkilöstömenot',
    year: 2024,
    basis: 'TS',
    unit: 'EUR',
    amount: '-1980000',
    line: 35,
  },
  {
    table: 'keyFigures',
    costCentre: SA,
    account: 'Henkilöstömenot, muutos %',
    year: 2021,
    basis: 'TP',
    unit: '%',
    amount: '3.9',
    line: 36,
  },
  {
    table: 'keyFigures',
    costCentre: SA,
    account: 'Henkilöstömenot, muutos %',
    year: 2022,
    basis: 'TA',
    unit: '%',
    amount: '9.0',
    line: 36,
  },
  {
    table: 'keyFigures',
    costCentre: SA,
    account: 'Palvelujen ostot',
    year: 2022,
    basis: 'TOT',
    unit: 'EUR',
    amount: '-1872999',
    line: 37,
  },
  {
    table: 'keyFigures',
    costCentre: SA,
    account: 'Palvelujen ostot, muutos %',
    year: 2023,
    basis: 'TS',
    unit: '%',
    amount: '-16.3',
    line: 40,
  },
  {
    table: 'keyFigures',
    costCentre: SA,
    account: 'Toimintakate €/asukas',
    year: 2022,
    basis: 'TOT',
    unit: 'EUR/asukas',
    amount: '-478',
    line: 41,
  },
  // Määrärahat: two-line header, change columns in € and %.
  {
    table: 'appropriations',
    costCentre: SA,
    account: 'MENOT',
    year: 2022,
    basis: 'TA+muutos',
    amount: '-7222750',
    line: 87,
  },
  {
    table: 'appropriations',
    costCentre: SA,
    account: 'TULOT',
    year: 2021,
    basis: 'TA+muutos',
    amount: '806800',
    line: 88,
  },
  {
    table: 'appropriations',
    costCentre: SA,
    account: 'TULOT',
    year: 2022,
    basis: 'MUUTOS',
    unit: 'EUR',
    kind: 'change',
    amount: '85950',
    line: 88,
  },
  {
    table: 'appropriations',
    costCentre: SA,
    account: 'NETTOMENO',
    year: 2022,
    basis: 'MUUTOS',
    unit: '%',
    kind: 'change',
    amount: '14.4',
    line: 89,
  },
  // Käyttötalous: group totals in <b>, "TOT. 30.6." over "2022".
  {
    table: 'operatingStatement',
    costCentre: SA,
    account: 'Myyntituotot',
    year: 2020,
    basis: 'TP',
    amount: '287074',
    line: 97,
  },
  {
    table: 'operatingStatement',
    costCentre: SA,
    account: 'Maksutuotot',
    year: 2021,
    basis: 'TA+muutos',
    amount: '0',
    line: 98,
  },
  {
    table: 'operatingStatement',
    costCentre: SA,
    account: 'TOIMINTATUOTOT',
    year: 2022,
    basis: 'TOT',
    asOf: '2022-06-30',
    amount: '540870',
    line: 102,
  },
  {
    table: 'operatingStatement',
    costCentre: SA,
    account: 'Henkilöstökulut',
    year: 2022,
    basis: 'TA/KS+muutos',
    amount: '-2298350',
    line: 104,
  },
  {
    table: 'operatingStatement',
    costCentre: SA,
    account: 'Aineet, tarvikkeet ja tavarat',
    year: 2021,
    basis: 'TP',
    amount: '-67494',
    line: 106,
  },
  {
    table: 'operatingStatement',
    costCentre: SA,
    account: 'TOIMINTAKATE/JÄÄMÄ',
    year: 2021,
    basis: 'TP',
    amount: '-5727854',
    line: 111,
  },
  // Cost centres, and the YHTEENSÄ block under the service area's name.
  {
    table: 'costCentres',
    costCentre: 'Joukkoliikenne',
    account: 'TULOT',
    year: 2021,
    basis: 'TP',
    amount: '76255',
    line: 193,
  },
  {
    table: 'costCentres',
    costCentre: 'Työmarkkinatuen kuntaosuus',
    account: 'MENOT',
    year: 2022,
    basis: 'TOT',
    amount: '-243318',
    line: 235,
  },
  {
    table: 'costCentres',
    costCentre: 'Kuntaliitto',
    account: 'MENOT',
    year: 2021,
    basis: 'TA+muutos',
    amount: '-30500',
    line: 143,
  },
  {
    table: 'costCentres',
    costCentre: 'Tietohallinto',
    account: 'MENOT',
    year: 2022,
    basis: 'TOT',
    asOf: '2022-06-30',
    amount: '-924370',
    line: 196,
  },
  {
    table: 'costCentres',
    costCentre: 'Tietohallinto',
    account: 'MENOT',
    year: 2022,
    basis: 'TA/KS+muutos',
    amount: '-1488900',
    line: 196,
  },
  {
    table: 'costCentres',
    costCentre: 'Vaalit',
    account: 'TULOT',
    year: 2021,
    basis: 'TP',
    amount: '19146',
    line: 120,
  },
  {
    table: 'costCentres',
    costCentre: 'Kaupunginhallitus',
    account: 'NETTOMENO',
    year: 2020,
    basis: 'TP',
    amount: '-1021150',
    line: 133,
  },
  {
    table: 'costCentres',
    costCentre: 'Henkilöstön lomaosake',
    account: 'NETTOMENO',
    year: 2020,
    basis: 'TP',
    amount: '207',
    line: 178,
  },
  {
    table: 'costCentres',
    costCentre: 'Kemijärvi 150',
    account: 'NETTOMENO',
    year: 2021,
    basis: 'TP',
    amount: '-175824',
    line: 210,
  },
  {
    table: 'costCentres',
    costCentre: 'Työllisyydenhoito (työllistämispalvelut)',
    account: 'TULOT',
    year: 2022,
    basis: 'TOT',
    amount: '58124',
    line: 228,
  },
  {
    table: 'costCentres',
    costCentre: 'Kehittämisprojektit',
    account: 'NETTOMENO',
    year: 2022,
    basis: 'TOT',
    amount: '9422',
    line: 221,
  },
  {
    table: 'costCentres',
    costCentre: 'Ystävyyskaupunkitoiminta',
    account: 'MENOT',
    year: 2022,
    basis: 'TOT',
    amount: '0',
    line: 184,
  },
  {
    table: 'costCentres',
    costCentre: SA,
    account: 'NETTOMENO',
    year: 2022,
    basis: 'TOT',
    asOf: '2022-06-30',
    amount: '-3372031',
    line: 241,
  },
];

describe('parseTabbedReport on the half-year report', () => {
  it.each(spotChecks)('should read $costCentre · $account $basis $year as $amount (line $line)', (check) => {
    const found = factsAt(doc.facts, check);
    expect(found.map((f) => ({ amount: f.amount, line: f.line }))).toEqual([
      { amount: check.amount, line: check.line },
    ]);
  });

  it('should turn every printed figure into a fact, table by table', () => {
    // 6 key-figure rows (two change rows lose their "xx") and the sick-leave days measured in the goals
    // table (line 23), 3 × 4 appropriations, 14 operating-statement rows × 5 periods, 29 cost centres
    // + YHTEENSÄ × 3 rows × 5 periods.
    expect(countByTable(doc.facts)).toEqual({
      keyFigures: 35,
      appropriations: 12,
      operatingStatement: 70,
      costCentres: 450,
    });
  });

  it('should leave "xx" cells out instead of inventing a figure', () => {
    expect(
      factsAt(doc.facts, {
        table: 'keyFigures',
        costCentre: SA,
        account: 'Henkilöstömenot, muutos %',
        year: 2022,
        basis: 'TOT',
      }),
    ).toEqual([]);
  });

  it('should describe the document: title, service area from the table headers, TOT date', () => {
    expect(doc.info).toMatchObject({
      title: 'Toteutuma 30.6.2022 - Käyttösuunnitelma 2022',
      layout: 'tabbed',
      serviceArea: SA,
      reportDate: '2022-06-30',
    });
    expect(doc.costCentres).toHaveLength(29);
  });

  it('should keep each prose section, the follow-ups under their parent heading', () => {
    const headings = doc.sections.map((s) => s.heading);
    expect(headings).toContain('5. Talouden sopeuttamisohjelma 2020-2022 – Toteutuma 30.6.2022');
    const goals = doc.sections.find((s) => s.heading === '2. Toiminnalliset tavoitteet');
    expect(goals?.line).toBe(18);
    expect(goals?.text).toContain(
      'Toiminnalliset tavoitteet: Maaseutuhallinnon tehtävien hoito | Toimenpiteet:',
    );
  });
});

// The same layout for another service area, city and year: nothing may depend on the seed's names.
const VARIANT = [
  '***Toteutuma 31.3.2025 - Talousarvio 2025***',
  '# SIVISTYSPALVELUT - PALVELUALUE',
  '## 1. Toiminta-ajatus',
  'Kirjasto ja kulttuuri palvelevat kaikkia.',
  '### 3. Tunnusluvut',
  'Tunnusluvut\tTP 2024\tTA 2025\tTOT. 31.3.2025',
  'Lainauksia\t120 500\t118 000\t31 004',
  'Henkilöstömenot €\t-1 000 000\t-1 050 000\t-260 100',
  'Muutos %\t2,5\t5,0\txx',
  '## 7. Määrärahat',
  'Sivistyspalvelut\tTA\tTA\tMUUTOS\tMUUTOS',
  '\t2024\t2025\t€\t%',
  '<b>MENOT</b>\t-2 000\t-2 100\t-100\t5,0',
  '<b>TULOT</b>\t500\t500\t0\t0,0',
  '<b>NETTOMENO</b>\t-1 500\t-1 600\t-100\t6,7',
  '## 8. Käyttösuunnitelma',
  '\tTP\tTA\tTOT 31.3.',
  '\t2024\t2025\t2025',
  '<b>Kirjasto</b>\t\t\t',
  '<b>MENOT</b>\t-1 200\t-1 300\t-310',
  '<b>TULOT</b>\t300\t300\t80',
  '<b>NETTOMENO</b>\t-900\t-1 000\t-230',
  '<b>Musiikkiopisto</b>\t\t\t',
  '<b>MENOT</b>\t-800\t-800\t-205',
  '<b>TULOT</b>\t200\t200\t40',
  '<b>NETTOMENO</b>\t-600\t-600\t-165',
  '<b>YHTEENSÄ</b>\t\t\t',
  '<b>MENOT</b>\t<b>-2 000</b>\t<b>-2 100</b>\t<b>-515</b>',
  '<b>TULOT</b>\t<b>500</b>\t<b>500</b>\t<b>120</b>',
  '<b>NETTOMENO</b>\t<b>-1 500</b>\t<b>-1 600</b>\t<b>-395</b>',
].join('\n');

describe('parseTabbedReport on a variant document', () => {
  const variant = interpretDocument(parseTabbedReport(VARIANT, 'sivistys-2025.txt'));

  const checks: SpotCheck[] = [
    {
      table: 'keyFigures',
      costCentre: 'Sivistyspalvelut',
      account: 'Lainauksia',
      year: 2025,
      basis: 'TOT',
      asOf: '2025-03-31',
      unit: 'count',
      amount: '31004',
      line: 7,
    },
    {
      table: 'keyFigures',
      costCentre: 'Sivistyspalvelut',
      account: 'Henkilöstömenot, muutos %',
      year: 2025,
      basis: 'TA',
      unit: '%',
      amount: '5.0',
      line: 9,
    },
    {
      table: 'appropriations',
      costCentre: 'Sivistyspalvelut',
      account: 'NETTOMENO',
      year: 2025,
      basis: 'MUUTOS',
      unit: '%',
      amount: '6.7',
      line: 15,
    },
    {
      table: 'costCentres',
      costCentre: 'Musiikkiopisto',
      account: 'TULOT',
      year: 2025,
      basis: 'TOT',
      asOf: '2025-03-31',
      amount: '40',
      line: 25,
    },
    {
      table: 'costCentres',
      costCentre: 'Sivistyspalvelut',
      account: 'MENOT',
      year: 2024,
      basis: 'TP',
      amount: '-2000',
      line: 28,
    },
  ];

  it.each(checks)('should read $costCentre · $account $basis $year as $amount', (check) => {
    expect(factsAt(variant.facts, check).map((f) => [f.amount, f.line])).toEqual([
      [check.amount, check.line],
    ]);
  });

  it('should name the service area and the report date from the variant itself', () => {
    expect(variant.info.serviceArea).toBe('Sivistyspalvelut');
    expect(variant.info.reportDate).toBe('2025-03-31');
    expect(variant.costCentres).toEqual(['Kirjasto', 'Musiikkiopisto']);
  });

  it('should find that the variant adds up, and name a total that leaves out 5 €', () => {
    const check = (text: string) =>
      reconcile({
        document: 'sivistys-2025.txt',
        serviceArea: 'Sivistyspalvelut',
        ...interpretDocument(parseTabbedReport(text, 'sivistys-2025.txt')),
      });
    expect(check(VARIANT)).toEqual([]);
    const off = check(VARIANT.replace('<b>-515</b>', '<b>-520</b>'));
    expect(
      off.map((i) => [i.check, i.line, i.account, i.basis, i.expected, i.printed, i.difference]),
    ).toEqual([
      ['NETTOMENO = MENOT + TULOT', 30, 'NETTOMENO', 'TOT', '-400', '-395', '5'],
      ['YHTEENSÄ = Σ kustannuspaikat', 28, 'MENOT', 'TOT', '-515', '-520', '-5'],
    ]);
  });

  it('should refuse a cell that is not a figure, naming document and line', () => {
    const broken = VARIANT.replace('<b>TULOT</b>\t300\t300\t80', '<b>TULOT</b>\t300\tabc\t80');
    expect(() => interpretDocument(parseTabbedReport(broken, 'sivistys-2025.txt'))).toThrowError(
      new BudgetBotError(
        '"abc" in column TA 2025 of row "TULOT" is not a figure',
        'bad_input',
        'sivistys-2025.txt:21',
      ),
    );
  });
});
