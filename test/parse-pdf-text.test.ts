import { describe, expect, it } from 'vitest';
import { BudgetBotError } from '../src/domain';
import { interpretDocument } from '../src/ingest/interpret-document';
import { parsePdfText } from '../src/ingest/parse-pdf-text';
import { reconcile } from '../src/ingest/reconcile';
import { countByTable, factsAt, SEED_PDF, type SpotCheck, seedText } from './fixtures/ingest/facts';

const SA = 'Hallinto- ja tukipalvelut';
const doc = interpretDocument(parsePdfText(seedText(SEED_PDF), SEED_PDF));

// Exact figures of the 2020 budget (PDF text), names as this document prints them.
const spotChecks: SpotCheck[] = [
  // Tunnusluvut: label wrapped over two lines with the figures on a third; "€/asukas" wrapped.
  {
    table: 'keyFigures',
    costCentre: SA,
    account: 'Vakin.virat ja toimet 31.12.',
    year: 2018,
    basis: 'TP',
    unit: 'count',
    amount: '46',
    line: 159,
  },
  {
    table: 'keyFigures',
    costCentre: SA,
    account: 'Henkilöstömenot',
    year: 2020,
    basis: 'TA',
    unit: 'EUR',
    amount: '-2192710',
    line: 161,
  },
  {
    table: 'keyFigures',
    costCentre: SA,
    account: 'Henkilöstömenot, muutos %',
    year: 2020,
    basis: 'TA',
    unit: '%',
    amount: '-0.37',
    line: 163,
  },
  {
    table: 'keyFigures',
    costCentre: SA,
    account: 'Palvelujen ostot',
    year: 2022,
    basis: 'TS',
    unit: 'EUR',
    amount: '-2855000',
    line: 165,
  },
  // "Muutos % -1,8" and four empty cells: the trailing spaces say where.
  {
    table: 'keyFigures',
    costCentre: SA,
    account: 'Palvelujen ostot, muutos %',
    year: 2018,
    basis: 'TP',
    unit: '%',
    amount: '-1.8',
    line: 167,
  },
  {
    table: 'keyFigures',
    costCentre: SA,
    account: 'Toimintakate €/asukas',
    year: 2022,
    basis: 'TS',
    unit: 'EUR/asukas',
    amount: '-721',
    line: 173,
  },
  // Määrärahat: "510 240 680 240" is two figures; the sums decide which two.
  {
    table: 'appropriations',
    costCentre: SA,
    account: 'MENOT',
    year: 2019,
    basis: 'TA+muutos',
    amount: '-6214240',
    line: 259,
  },
  {
    table: 'appropriations',
    costCentre: SA,
    account: 'TULOT',
    year: 2020,
    basis: 'TA',
    amount: '680240',
    line: 261,
  },
  {
    table: 'appropriations',
    costCentre: SA,
    account: 'TULOT',
    year: 2020,
    basis: 'MUUTOS',
    unit: 'EUR',
    kind: 'change',
    amount: '-170000',
    line: 261,
  },
  {
    table: 'appropriations',
    costCentre: SA,
    account: 'MENOT',
    year: 2020,
    basis: 'MUUTOS',
    unit: '%',
    kind: 'change',
    amount: '-1',
    line: 259,
  },
  // Käyttötalous: header wrapped over five lines ("TA +" / "MUUTOS"), label wrapped.
  {
    table: 'operatingStatement',
    costCentre: SA,
    account: 'Myyntituotot',
    year: 2019,
    basis: 'TP',
    amount: '408745',
    line: 285,
  },
  {
    table: 'operatingStatement',
    costCentre: SA,
    account: 'TOIMINTATUOTOT',
    year: 2020,
    basis: 'KS',
    amount: '680240',
    line: 293,
  },
  {
    table: 'operatingStatement',
    costCentre: SA,
    account: 'Aineet, tarvikkeet ja tavarat',
    year: 2018,
    basis: 'TP',
    amount: '-100990',
    line: 304,
  },
  {
    table: 'operatingStatement',
    costCentre: SA,
    account: 'Aineet, tarvikkeet ja tavarat',
    year: 2019,
    basis: 'TA+muutos',
    amount: '-35310',
    line: 304,
  },
  {
    table: 'operatingStatement',
    costCentre: SA,
    account: 'Vuokrat',
    year: 2020,
    basis: 'TA',
    amount: '-577960',
    line: 308,
  },
  // Cost centres under their older names; rows with missing cells placed by gaps and sums.
  {
    table: 'costCentres',
    costCentre: 'Hallitus',
    account: 'MENOT',
    year: 2018,
    basis: 'TP',
    amount: '-155288',
    line: 350,
  },
  {
    table: 'costCentres',
    costCentre: 'Valtuusto',
    account: 'NETTOMENO',
    year: 2019,
    basis: 'TP',
    amount: '-153347',
    line: 346,
  },
  {
    table: 'costCentres',
    costCentre: 'Itä-Lapin Ky',
    account: 'MENOT',
    year: 2020,
    basis: 'KS',
    amount: '-143380',
    line: 384,
  },
  {
    table: 'costCentres',
    costCentre: 'Hallintopalvelut',
    account: 'TULOT',
    year: 2018,
    basis: 'TP',
    amount: '1812',
    line: 392,
  },
  {
    table: 'costCentres',
    costCentre: 'Hallintopalvelut',
    account: 'TULOT',
    year: 2019,
    basis: 'TP',
    amount: '1147',
    line: 392,
  },
  {
    table: 'costCentres',
    costCentre: 'Muu toiminta',
    account: 'TULOT',
    year: 2018,
    basis: 'TP',
    amount: '19706',
    line: 450,
  },
  {
    table: 'costCentres',
    costCentre: 'Muu toiminta',
    account: 'TULOT',
    year: 2019,
    basis: 'TP',
    amount: '80',
    line: 450,
  },
  {
    table: 'costCentres',
    costCentre: 'Tietohallinto',
    account: 'NETTOMENO',
    year: 2019,
    basis: 'TP',
    amount: '-1415974',
    line: 468,
  },
  {
    table: 'costCentres',
    costCentre: 'Sortteeri',
    account: 'NETTOMENO',
    year: 2019,
    basis: 'TP',
    amount: '26',
    line: 476,
  },
  {
    table: 'costCentres',
    costCentre: SA,
    account: 'TULOT',
    year: 2018,
    basis: 'TP',
    amount: '628929',
    line: 490,
  },
  {
    table: 'costCentres',
    costCentre: 'Vaalit',
    account: 'NETTOMENO',
    year: 2018,
    basis: 'TP',
    amount: '9421',
    line: 334,
  },
  {
    table: 'costCentres',
    costCentre: 'Henkilöstön lomaosake',
    account: 'NETTOMENO',
    year: 2020,
    basis: 'TA',
    amount: '650',
    line: 430,
  },
  {
    table: 'costCentres',
    costCentre: 'Joukkoliikenne',
    account: 'TULOT',
    year: 2019,
    basis: 'TP',
    amount: '66803',
    line: 458,
  },
  {
    table: 'operatingStatement',
    costCentre: SA,
    account: 'Maksutuotot',
    year: 2019,
    basis: 'TP',
    amount: '110',
    line: 287,
  },
  {
    table: 'operatingStatement',
    costCentre: SA,
    account: 'TOIMINTAKATE/JÄÄMÄ',
    year: 2018,
    basis: 'TP',
    amount: '-5642898',
    line: 314,
  },
  {
    table: 'investments',
    costCentre: 'TIETOHALLINTO',
    account: 'Sähköinen arkistointi',
    year: 2021,
    basis: 'TS',
    amount: '-60000',
    line: 534,
  },
  // Only this placement makes the group's subtotal (line 542) and NETTO (line 544) add up.
  {
    table: 'investments',
    costCentre: 'TIETOHALLINTO',
    account: 'Sähköinen arkistointi',
    year: 2022,
    basis: 'TS',
    amount: '-20000',
    line: 534,
  },
  // Investoinnit: rows with fewer figures, a number inside a name, a note glued to a label.
  {
    table: 'investments',
    costCentre: 'TIETOHALLINTO',
    account: 'Hoitajakutsujärjestelmä',
    year: 2020,
    basis: 'TA',
    amount: '-85000',
    line: 522,
  },
  {
    table: 'investments',
    costCentre: 'TIETOHALLINTO',
    account: 'Hyvinvointikeskuksen itseilmoittautumisjärjestelmä',
    year: 2021,
    basis: 'TS',
    amount: '-15000',
    line: 520,
  },
  {
    table: 'investments',
    costCentre: 'TIETOHALLINTO',
    account: 'Dynasty 10',
    year: 2020,
    basis: 'TA',
    amount: '-25000',
    line: 532,
  },
  {
    table: 'investments',
    costCentre: 'TIETOHALLINTO',
    account: 'Pegasos OMNI360',
    year: 2022,
    basis: 'TS',
    amount: '-20000',
    line: 516,
  },
  {
    table: 'investments',
    costCentre: 'TIETOHALLINTO',
    account: 'Hyvinvointipalvelut yhteensä',
    year: 2022,
    basis: 'TS',
    amount: '-75000',
    line: 524,
  },
  {
    table: 'investments',
    costCentre: 'TIETOHALLINTO',
    account: 'NETTO',
    year: 2021,
    basis: 'TS',
    amount: '-285000',
    line: 544,
  },
];

// Cells a row does not print must stay empty: never a figure moved into them.
const emptyCells: Omit<SpotCheck, 'amount' | 'line'>[] = [
  { table: 'costCentres', costCentre: 'Hallintopalvelut', account: 'TULOT', year: 2019, basis: 'TA+muutos' },
  { table: 'costCentres', costCentre: 'Muu toiminta', account: 'TULOT', year: 2020, basis: 'TA' },
  { table: 'keyFigures', costCentre: SA, account: 'Palvelujen ostot, muutos %', year: 2019, basis: 'TP' },
  {
    table: 'investments',
    costCentre: 'TIETOHALLINTO',
    account: 'Hoitajakutsujärjestelmä',
    year: 2021,
    basis: 'TS',
  },
  { table: 'investments', costCentre: 'TIETOHALLINTO', account: 'Dynasty 10', year: 2022, basis: 'TS' },
];

describe('parsePdfText on the 2020 budget', () => {
  it.each(spotChecks)('should read $costCentre · $account $basis $year as $amount (line $line)', (check) => {
    const found = factsAt(doc.facts, check);
    expect(found.map((f) => ({ amount: f.amount, line: f.line }))).toEqual([
      { amount: check.amount, line: check.line },
    ]);
  });

  it.each(emptyCells)('should leave $account $basis $year of $costCentre empty', (cell) => {
    expect(factsAt(doc.facts, cell)).toEqual([]);
  });

  it('should turn every printed figure into a fact, table by table', () => {
    // 26 key figures (one change row prints one figure), 12 appropriations, 13 operating
    // lines × 5, 59 cost-centre rows × 5 less 4 empty cells, 45 investment figures.
    expect(countByTable(doc.facts)).toEqual({
      keyFigures: 26,
      appropriations: 12,
      operatingStatement: 65,
      costCentres: 291,
      investments: 45,
    });
  });

  it('should say how each undecided row was placed', () => {
    const placed = doc.notes.map((n) => n.line);
    expect(placed).toEqual([450, 520, 522, 532, 534, 538]);
    // Every short row of the investment plan is placed by the sums, once the group "Hallinto- ja
    // tukipalvelut yhteensä" is read as the items just above it (not the two lines of other
    // departments between the groups).
    for (const line of [520, 522, 532, 534, 538])
      expect(doc.notes.find((n) => n.line === line)?.message).toContain('the row sums chose one');
  });

  it('should give the prose back to its section around an embedded table', () => {
    const env = doc.sections.find((s) => s.heading === '4. Toimintaympäristö ja sen muutokset');
    expect(env?.text).toContain('tukee tytäryhtiöitä niiden tarpeiden mukaisesti.');
    expect(doc.sections.map((s) => s.heading)).toContain('6. Toiminnan painopistealueet 2020');
  });

  it('should put the key figures under their own heading even though the PDF prints them later', () => {
    expect(doc.facts.find((f) => f.table === 'keyFigures')?.section).toBe('3. Tunnusluvut');
  });
});

// The same PDF layout for another service area, with other years and names.
const VARIANT = [
  'PALVELUALUE: TEKNISET PALVELUT',
  '',
  '7. Määrärahat ',
  '',
  'Tekniset palvelut TA+MUUTOS TA MUUTOS MUUTOS ',
  '',
  '  2024 2025 € % ',
  '',
  'MENOT                         -520 000 -585 000 -65 000 12,5 ',
  'TULOT                         0 13 000 13 000 xx ',
  'NETTOMENO                     -520 000 -572 000 -52 000 10,0 ',
  '',
  '8. Palvelualueen käyttösuunnitelma ',
  '',
  'Tekniset palvelut           TP  ',
  '          TA  + ',
  'MUUTOS ',
  'TP TA ',
  '  2023 2024 2024 2025 ',
  '',
  'Katuvalaistus           ',
  'MENOT                         -300 000 -310 000 -305 500 -320 000 ',
  'TULOT                         12 500                11 000 13 000 ',
  'NETTOMENO                     -287 500 -310 000 -294 500 -307 000 ',
  'Puistot           ',
  'MENOT                         -200 000 -210 000 -199 000 -215 000 ',
  'NETTOMENO                     -200 000 -210 000 -199 000 -215 000 ',
  'Juhlavuosi 2025           ',
  'MENOT                         0 0 0 -50 000 ',
  'NETTOMENO                     0 0 0 -50 000 ',
  'Tekniset palvelut yhteensä         ',
  'MENOT                         -500 000 -520 000 -504 500 -585 000 ',
  'TULOT                         12 500                11 000 13 000 ',
  'NETTOMENO                     -487 500 -520 000 -493 500 -572 000 ',
  '',
  '9. Tunnusluvut ',
  '',
  'Tunnusluvut TP 2023 TA 2024 TP 2024 TA 2025 TS 2026 ',
  'Asukkaat 8 100 8 050 8 020 8 000 7 950 ',
  'Muutos % 2,0                -1,5                       ',
  'Työpaikat 4 000 4 100 4 150 4 200 4 250 ',
  'Muutos % 1,0                               2,5                ',
].join('\n');

describe('parsePdfText on a variant document', () => {
  const variant = interpretDocument(parsePdfText(VARIANT, 'tekniset-2025.txt'));

  const checks: SpotCheck[] = [
    {
      table: 'appropriations',
      costCentre: 'Tekniset palvelut',
      account: 'TULOT',
      year: 2025,
      basis: 'TA',
      amount: '13000',
      line: 10,
    },
    {
      table: 'appropriations',
      costCentre: 'Tekniset palvelut',
      account: 'NETTOMENO',
      year: 2025,
      basis: 'MUUTOS',
      unit: '%',
      amount: '10.0',
      line: 11,
    },
    {
      table: 'costCentres',
      costCentre: 'Katuvalaistus',
      account: 'TULOT',
      year: 2024,
      basis: 'TP',
      amount: '11000',
      line: 23,
    },
    {
      table: 'costCentres',
      costCentre: 'Puistot',
      account: 'MENOT',
      year: 2025,
      basis: 'TA',
      amount: '-215000',
      line: 26,
    },
    {
      table: 'costCentres',
      costCentre: 'Tekniset palvelut',
      account: 'NETTOMENO',
      year: 2023,
      basis: 'TP',
      amount: '-487500',
      line: 34,
    },
    {
      table: 'costCentres',
      costCentre: 'Juhlavuosi 2025',
      account: 'MENOT',
      year: 2025,
      basis: 'TA',
      amount: '-50000',
      line: 29,
    },
  ];

  it.each(checks)('should read $costCentre · $account $basis $year as $amount', (check) => {
    expect(factsAt(variant.facts, check).map((f) => [f.amount, f.line])).toEqual([
      [check.amount, check.line],
    ]);
  });

  it('should leave the gap in "12 500   11 000 13 000" empty (TA+muutos 2024)', () => {
    expect(
      factsAt(variant.facts, {
        table: 'costCentres',
        costCentre: 'Katuvalaistus',
        account: 'TULOT',
        year: 2024,
        basis: 'TA+muutos',
      }),
    ).toEqual([]);
    expect(variant.info.serviceArea).toBe('Tekniset palvelut');
    expect(variant.costCentres).toEqual(['Katuvalaistus', 'Puistot', 'Juhlavuosi 2025']);
  });

  const spaced = [
    {
      account: 'Asukkaat, muutos %',
      line: 40,
      expected: [
        ['TP', 2023, '2.0'],
        ['TP', 2024, '-1.5'],
      ],
    },
    {
      account: 'Työpaikat, muutos %',
      line: 42,
      expected: [
        ['TP', 2023, '1.0'],
        ['TA', 2025, '2.5'],
      ],
    },
  ];
  it.each(spaced)('should place $account by the widths of its gaps when no sum can decide', ({
    account,
    line,
    expected,
  }) => {
    const change = variant.facts.filter((f) => f.account === account);
    expect(change.map((f) => [f.basis, f.year, f.amount])).toEqual(expected);
    expect(change.every((f) => f.line === line)).toBe(true);
    expect(variant.notes.find((n) => n.line === line)?.message).toContain('the widths of its gaps chose one');
  });

  it('should find that the variant adds up, with "xx" left as no figure', () => {
    const issues = reconcile({
      document: 'tekniset-2025.txt',
      serviceArea: 'Tekniset palvelut',
      facts: variant.facts,
      relations: variant.relations,
    });
    expect(issues).toEqual([]);
    expect(
      factsAt(variant.facts, {
        table: 'appropriations',
        costCentre: 'Tekniset palvelut',
        account: 'TULOT',
        year: 2025,
        basis: 'MUUTOS',
        unit: '%',
      }),
    ).toEqual([]);
  });

  it('should refuse a row whose figures cannot be placed, naming document and line', () => {
    // One figure, four columns, no spacing to go by and no sum that decides.
    const unplaceable = VARIANT.replace(
      'MENOT                         -200 000 -210 000 -199 000 -215 000 ',
      'MENOT -200 000',
    ).replace('NETTOMENO                     -200 000 -210 000 -199 000 -215 000 ', 'NETTOMENO -200 000');
    expect(() => interpretDocument(parsePdfText(unplaceable, 'tekniset-2025.txt'))).toThrowError(
      BudgetBotError,
    );
    expect(() => interpretDocument(parsePdfText(unplaceable, 'tekniset-2025.txt'))).toThrowError(
      /^tekniset-2025\.txt:26: cannot place the figures of row "MENOT" \(-200000\) in the columns TP 2023, TA\+muutos 2024, TP 2024, TA 2025/,
    );
  });
});

describe('parsePdfText on an investment plan with a line between its groups', () => {
  // "Satama-alue" stands alone under NETTO between the two groups; "Kalusteet" has two figures
  // for three columns, and only the groups read as the items just above each subtotal place them.
  const TEXT = [
    'TEKNISET PALVELUT',
    '',
    'INVESTOINNIT VUONNA 2024-2026 ',
    '',
    'TEKNINEN LAUTAKUNTA',
    '',
    'KATUVERKKO TA 2024 TS 2025 TS 2026 ',
    '',
    'Päällystys -100 000 -100 000 -100 000',
    '',
    'Valaistus -40 000 -20 000',
    '',
    'Kadut yhteensä -140 000 -120 000 -100 000',
    '',
    'Satama-alue -30 000 -30 000 -30 000',
    '',
    'Leikkipuistot -50 000 -10 000 -10 000',
    '',
    'Kalusteet -15 000 -15 000',
    '',
    'Puistot yhteensä -50 000 -25 000 -25 000',
    '',
    'NETTO -220 000 -175 000 -155 000',
    '',
  ].join('\n');
  const plan = interpretDocument(parsePdfText(TEXT, 'investoinnit-2024.txt'));
  const figures = (account: string) =>
    plan.facts.filter((f) => f.account === account).map((f) => `${f.basis} ${f.year} ${f.amount}`);

  it('should place a short row by the sums of its own group, right-aligned here', () => {
    expect(figures('Kalusteet')).toEqual(['TS 2025 -15000', 'TS 2026 -15000']);
    expect(figures('Valaistus')).toEqual(['TA 2024 -40000', 'TS 2025 -20000']);
    expect(plan.notes.map((n) => n.line)).toEqual([11, 19]);
    expect(plan.notes.every((n) => n.message.includes('the row sums chose one'))).toBe(true);
  });

  it('should find that every sum holds, the standalone line counted once under NETTO', () => {
    const issues = reconcile({
      document: 'investoinnit-2024.txt',
      serviceArea: plan.info.serviceArea,
      facts: plan.facts,
      relations: plan.relations,
    });
    expect(issues).toEqual([]);
    expect(plan.relations.map((r) => `${r.target} = ${r.terms.join(' + ')}`)).toEqual([
      'Kadut yhteensä = Päällystys + Valaistus',
      'Puistot yhteensä = Leikkipuistot + Kalusteet',
      'NETTO = Kadut yhteensä + Puistot yhteensä + Satama-alue',
    ]);
  });
});
