import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BudgetBotError } from '../src/domain';
import { importActualsCsv, type KnownNames } from '../src/ingest/import-actuals-csv';

const known: KnownNames = {
  costCentres: [
    { name: 'Tietohallinto', aliases: ['IT', 'ICT'] },
    { name: 'Kaupunginvaltuusto', aliases: ['Valtuusto', 'city council'] },
    { name: 'Joukkoliikenne', aliases: ['public transport'] },
  ],
  accounts: [],
};

const formats = [
  {
    name: 'comma-separated with ISO dates',
    csv: 'cost_centre,account,as_of,amount\nTietohallinto,MENOT,2022-09-30,-1234567\nIT,TULOT,2022-09-30,50000\n',
  },
  {
    name: 'semicolon-separated with decimal commas and Finnish dates',
    csv: 'cost_centre;account;as_of;amount\r\nTietohallinto;menot;30.9.2022;-1 234 567,00\r\nICT;TULOT;30.9.2022;50000\r\n',
  },
  {
    name: 'quoted fields holding the separator',
    csv: 'account,cost_centre,amount,as_of\nMENOT,"Tietohallinto","-1234567.00",2022-09-30\n"TULOT","it","50,000",2022-09-30\n',
  },
];

describe('importActualsCsv', () => {
  it.each(formats)('should read $name into TOT facts of canonical cost centres', ({ csv }) => {
    const { facts, info } = importActualsCsv(csv, 'ledger.csv', known);
    expect(
      facts.map((f) => [f.costCentre, f.account, f.basis, f.asOf, f.year, f.line, f.table, f.document]),
    ).toEqual([
      ['Tietohallinto', 'MENOT', 'TOT', '2022-09-30', 2022, 2, 'actuals', 'ledger.csv'],
      ['Tietohallinto', 'TULOT', 'TOT', '2022-09-30', 2022, 3, 'actuals', 'ledger.csv'],
    ]);
    expect(Number(facts[0]!.amount)).toBe(-1234567);
    expect(info).toMatchObject({ layout: 'actualsCsv', reportDate: '2022-09-30' });
  });

  it('should keep amounts exactly as given, decimals included', () => {
    const { facts } = importActualsCsv(
      'cost_centre;account;as_of;amount\nValtuusto;MENOT;2022-09-30;-78 496,35\n',
      'a.csv',
      known,
    );
    expect(facts[0]).toMatchObject({ costCentre: 'Kaupunginvaltuusto', amount: '-78496.35' });
  });

  const bad = [
    {
      name: 'an unknown cost centre, naming the closest known ones',
      csv: 'cost_centre,account,as_of,amount\nTietohalinto,MENOT,2022-09-30,-1\n',
      message:
        /a\.csv: 1 bad row\(s\):\n {2}a\.csv:2: unknown cost centre "Tietohalinto"; closest known: Tietohallinto/,
    },
    {
      name: 'an unknown name close to an alias, naming the cost centre the alias belongs to',
      csv: 'cost_centre,account,as_of,amount\npublic transportation,MENOT,2022-09-30,-1\n',
      message: /a\.csv:2: unknown cost centre "public transportation"; closest known: Joukkoliikenne$/,
    },
    {
      name: 'a bad amount',
      csv: 'cost_centre,account,as_of,amount\nIT,MENOT,2022-09-30,abc\n',
      message: /a\.csv:2: "abc" is not an amount/,
    },
    {
      name: 'an impossible date',
      csv: 'cost_centre,account,as_of,amount\nIT,MENOT,2022-02-30,-1\n',
      message: /a\.csv:2: "2022-02-30" is not a date/,
    },
    {
      name: 'a missing column',
      csv: 'cost_centre,account,amount\nIT,MENOT,-1\n',
      message: /a\.csv:1: the header must name the columns .* missing: as_of/,
    },
    {
      name: 'a row given twice',
      csv: 'cost_centre,account,as_of,amount\nIT,MENOT,2022-09-30,-1\nICT,MENOT,2022-09-30,-2\n',
      message: /a\.csv:3: Tietohallinto MENOT 2022-09-30 was already given on line 2/,
    },
    {
      name: 'an unclosed quote',
      csv: 'cost_centre,account,as_of,amount\n"IT,MENOT,2022-09-30,-1\n',
      message: /a\.csv:2: a quoted field is not closed/,
    },
    {
      name: 'a row with too few fields',
      csv: 'cost_centre,account,as_of,amount\nIT,MENOT,2022-09-30\n',
      message: /a\.csv:2: expected 4 fields, found 3/,
    },
    {
      name: 'an unknown account',
      csv: 'cost_centre,account,as_of,amount\nIT,KULUT,2022-09-30,-1\n',
      message: /a\.csv:2: unknown account "KULUT"/,
    },
  ];
  it.each(bad)('should refuse $name with file:line', ({ csv, message }) => {
    expect(() => importActualsCsv(csv, 'a.csv', known)).toThrowError(BudgetBotError);
    expect(() => importActualsCsv(csv, 'a.csv', known)).toThrowError(message);
  });

  it('should refuse a file whose expenses are all positive, the other sign convention', () => {
    const csv = 'cost_centre,account,as_of,amount\nIT,TULOT,2022-09-30,500\nIT,MENOT,2022-09-30,1234567\n';
    expect(() => importActualsCsv(csv, 'a.csv', known)).toThrowError(
      /^a\.csv:3: every expense \(MENOT\) figure of this file is positive/,
    );
    const { facts } = importActualsCsv(csv, 'a.csv', known, 'a.csv', { expensesPositive: true });
    expect(facts.map((f) => [f.account, f.amount])).toEqual([
      ['TULOT', '500'],
      ['MENOT', '-1234567'],
    ]);
  });

  it('should refuse a negative expense when the export is said to print expenses positive', () => {
    const csv = 'cost_centre,account,as_of,amount\nIT,MENOT,2022-09-30,-5\n';
    expect(() => importActualsCsv(csv, 'a.csv', known, 'a.csv', { expensesPositive: true })).toThrowError(
      /^a\.csv:2: MENOT is negative \(-5\) although --expenses-positive/,
    );
  });

  it('should import nothing when any row is bad', () => {
    const csv =
      'cost_centre,account,as_of,amount\nIT,MENOT,2022-09-30,-1\nSosiaalitoimi,MENOT,2022-09-30,-2\n';
    let result: unknown = null;
    try {
      result = importActualsCsv(csv, 'a.csv', known);
    } catch (e) {
      expect((e as BudgetBotError).code).toBe('bad_input');
    }
    expect(result).toBeNull();
  });
});

describe('importActualsCsv on damaged files', () => {
  it('should import or refuse with file:line, never crash', () => {
    const good =
      'cost_centre;account;as_of;amount\nIT;MENOT;30.9.2022;-1 234,50\n"ICT";"TULOT";2022-09-30;"5 000"\n';
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(), fc.constantFrom('"', ';', ',', '\n', '\r', 'x', '-', ' ', '\u0000')), {
          maxLength: 12,
        }),
        (edits) => {
          const chars = [...good];
          for (const [at, ch] of edits) chars[at % chars.length] = ch;
          try {
            const { facts } = importActualsCsv(chars.join(''), 'a.csv', known);
            expect(
              facts.every((f) => f.costCentre === 'Tietohallinto' && /^-?\d+(\.\d+)?$/.test(f.amount)),
            ).toBe(true);
          } catch (e) {
            expect(e).toBeInstanceOf(BudgetBotError);
            expect((e as Error).message).toMatch(/^a\.csv/);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
