import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { BudgetBotError, BudgetDataSchema } from '../src/domain';
import { EXPORT_HEADER, exportCsv } from '../src/ingest/export-facts';
import { parseIngestArgs, runIngest } from '../src/ingest/ingest-command';

const root = join(import.meta.dirname, '..');
const seeds = join(root, 'seeds');
const aliases = join(root, 'data/aliases.json');

let dir: string;
let out: string;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ingest-'));
  out = join(dir, 'budget.json');
  await runIngest({ out, report: null, aliases, files: [] }, seeds);
});

function write(name: string, content: string | Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

describe('npm run ingest', () => {
  it('should rebuild exactly the committed data/budget.json from seeds/ with no FILE', () => {
    // Fails when seeds/ or data/aliases.json changed without `npm run ingest` being run.
    expect(readFileSync(out, 'utf8'), 'data/budget.json is stale: run npm run ingest and commit it').toBe(
      readFileSync(join(root, 'data/budget.json'), 'utf8'),
    );
  });

  it('should read its options as DESIGN.md gives them', () => {
    expect(parseIngestArgs(['--out', 's.json', '--report', 'r.json', 'a.txt', 'b.csv'])).toEqual({
      out: 's.json',
      report: 'r.json',
      aliases: 'data/aliases.json',
      files: ['a.txt', 'b.csv'],
    });
    expect(() => parseIngestArgs(['--bogus'])).toThrowError(/unknown option --bogus/);
  });

  it('should add actuals from a CSV on top of the store and keep older actuals when newer come', async () => {
    const june = write(
      'ledger-2022-09.csv',
      'cost_centre;account;as_of;amount\nIT;MENOT;30.9.2022;-1 300 000\n',
    );
    await runIngest({ out, report: null, aliases, files: [june] });
    const oct = write(
      'ledger-2022-10.csv',
      'cost_centre,account,as_of,amount\nTietohallinto,MENOT,2022-10-31,-1400000\n',
    );
    const { data } = await runIngest({ out, report: null, aliases, files: [oct] });
    const actuals = data.facts
      .filter((f) => f.table === 'actuals')
      .map((f) => [f.document, f.line, f.costCentre, f.asOf, f.amount]);
    expect(actuals).toEqual([
      ['ledger-2022-09.csv', 2, 'Tietohallinto', '2022-09-30', '-1300000'],
      ['ledger-2022-10.csv', 2, 'Tietohallinto', '2022-10-31', '-1400000'],
    ]);
    expect(data.facts.filter((f) => f.document === '000_d3382b3632755c54.txt')).toHaveLength(566);
    expect(BudgetDataSchema.parse(JSON.parse(readFileSync(out, 'utf8'))).documents).toHaveLength(4);
  });

  it('should keep imported ledger actuals when the store is rebuilt from seeds/', async () => {
    const sept = write(
      'ledger-2022-09.csv',
      'cost_centre;account;as_of;amount\nIT;MENOT;30.9.2022;-1 300 000\n',
    );
    await runIngest({ out, report: null, aliases, files: [sept] });
    const { data, lines } = await runIngest({ out, report: null, aliases, files: [] }, seeds);
    expect(lines.join('\n')).toContain('säilytetty aiemmin tuodut toteumat: ledger-2022-09.csv');
    expect(
      data.facts.filter((f) => f.table === 'actuals').map((f) => [f.costCentre, f.asOf, f.amount]),
    ).toEqual([['Tietohallinto', '2022-09-30', '-1300000']]);
    expect(data.facts.filter((f) => f.document === '000_d3382b3632755c54.txt')).toHaveLength(566);
  });

  it('should write the reconciliation report as JSON with --report', async () => {
    const report = join(dir, 'report.json');
    const lines = await runIngest({ out, report, aliases, files: [join(seeds, '001_a49d1ed256dc6eed.txt')] });
    const entries = JSON.parse(readFileSync(report, 'utf8')) as {
      document: string;
      line: number;
      expected: string;
      printed: string;
      difference: string;
    }[];
    expect(entries).toHaveLength(12);
    expect(entries[0]).toMatchObject({
      document: '000_d3382b3632755c54.txt',
      line: 239,
      expected: '-7267750',
      printed: '-7222750',
      difference: '45000',
    });
    expect(lines.lines.join('\n')).toContain('Täsmäytys: 8 summaa ei täsmää');
  });

  it('should report two documents that disagree on a figure as a conflict, keeping both', async () => {
    const other = write(
      'tilinpaatos-2021.txt',
      [
        '***Tilinpäätös 2021***',
        '## 8. Käyttösuunnitelma',
        'Hallinto- ja tukipalvelut\tTP',
        '\t2021',
        '<b>Tietohallinto</b>\t',
        '<b>MENOT</b>\t-1 577 000',
        '<b>NETTOMENO</b>\t-1 577 000',
        '<b>YHTEENSÄ</b>\t',
        '<b>MENOT</b>\t-1 577 000',
        '<b>NETTOMENO</b>\t-1 577 000',
      ].join('\n'),
    );
    const { data } = await runIngest({ out, report: null, aliases, files: [other] });
    expect(data.conflicts).toContainEqual({
      costCentre: 'Tietohallinto',
      account: 'MENOT',
      year: 2021,
      basis: 'TP',
      asOf: null,
      values: [
        { document: '000_d3382b3632755c54.txt', line: 196, amount: '-1577137' },
        { document: 'tilinpaatos-2021.txt', line: 6, amount: '-1577000' },
      ],
    });
  });

  it('should report a ledger figure that differs from the report for the same date as a conflict', async () => {
    const ledger = write(
      'ledger-2022-06.csv',
      'cost_centre,account,as_of,amount\nICT,MENOT,2022-06-30,-924000\n',
    );
    const { data } = await runIngest({ out, report: null, aliases, files: [ledger] });
    expect(data.conflicts).toEqual([
      {
        costCentre: 'Tietohallinto',
        account: 'MENOT',
        year: 2022,
        basis: 'TOT',
        asOf: '2022-06-30',
        values: [
          { document: '000_d3382b3632755c54.txt', line: 196, amount: '-924370' },
          { document: 'ledger-2022-06.csv', line: 2, amount: '-924000' },
        ],
      },
    ]);
  });

  const pdf = readFileSync(join(seeds, '001_a49d1ed256dc6eed.txt'), 'utf8');
  const tabbed = readFileSync(join(seeds, '000_d3382b3632755c54.txt'), 'utf8');
  const badInputs = [
    {
      name: 'a truncated report',
      file: 'cut.txt',
      content: tabbed.split('\n').slice(0, 150).join('\n'),
      message:
        /cut\.txt:150: the cost-centre table ends without its total block \(YHTEENSÄ\): is the file cut short\?/,
    },
    {
      name: 'a report cut inside a cost centre',
      file: 'cut2.txt',
      content: tabbed.split('\n').slice(0, 148).join('\n'),
      message: /cut2\.txt:148: cost centre "Lapin liitto" has no NETTOMENO row/,
    },
    {
      name: 'a binary file',
      file: 'report.txt',
      content: new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x0a, 0x00, 0xff, 0xfe]),
      message: /report\.txt:2: this is not a text file/,
    },
    {
      name: 'a row that cannot be placed',
      file: 'budget-2020.txt',
      content: pdf.replace(
        'Hoitajakutsujärjestelmä -85 000',
        'Hoitajakutsujärjestelmä -85 000\n\nUusi järjestelmä -5 000',
      ),
      message: /budget-2020\.txt:\d+: cannot place the figures of row/,
    },
    {
      name: 'a CSV with an unknown cost centre',
      file: 'ledger.csv',
      content: 'cost_centre,account,as_of,amount\nsosiaalitoimi,MENOT,2022-09-30,-1\n',
      message: /ledger\.csv:2: unknown cost centre "sosiaalitoimi"; closest known:/,
    },
    {
      name: 'a CSV with a bad amount',
      file: 'ledger.csv',
      content: 'cost_centre,account,as_of,amount\nTietohallinto,MENOT,2022-09-30,12-34\n',
      message: /ledger\.csv:2: "12-34" is not an amount/,
    },
    { name: 'an empty file', file: 'empty.txt', content: '', message: /empty\.txt:1: the file is empty/ },
    {
      name: 'a text that is not a budget report',
      file: 'notes.txt',
      content: '# Muistio\n\nKokous pidettiin 3.4.2025 klo 12.\n',
      message: /notes\.txt:1: no figure tables found/,
    },
  ];

  it.each(badInputs)('should refuse $name with file:line and leave the store untouched', async ({
    file,
    content,
    message,
  }) => {
    const before = readFileSync(out);
    const path = write(file, content);
    const report = join(dir, 'report.json');
    const run = runIngest({ out, report, aliases, files: [path] });
    await expect(run).rejects.toThrowError(BudgetBotError);
    await expect(runIngest({ out, report, aliases, files: [path] })).rejects.toThrowError(message);
    expect(readFileSync(out).equals(before)).toBe(true);
    expect(existsSync(report)).toBe(false);
  });

  it('should name a missing file', async () => {
    await expect(
      runIngest({ out, report: null, aliases, files: [join(dir, 'nope.txt')] }),
    ).rejects.toThrowError(/nope\.txt: cannot read the file \(ENOENT\)/);
  });

  it('should accept a report given again under the same name, replacing it', async () => {
    const copy = join(dir, '000_d3382b3632755c54.txt');
    copyFileSync(join(seeds, '000_d3382b3632755c54.txt'), copy);
    const { data } = await runIngest({ out, report: null, aliases, files: [copy] });
    expect(data.facts).toHaveLength(1005);
  });
});

describe('npm run export', () => {
  it('should list every fact with document and line under the DESIGN.md header', async () => {
    const { data } = await runIngest({ out, report: null, aliases, files: [] }, seeds);
    const lines = exportCsv(data).trimEnd().split('\n');
    expect(lines[0]).toBe(EXPORT_HEADER);
    expect(lines).toHaveLength(1006);
    expect(lines).toContain(
      '000_d3382b3632755c54.txt,196,8. Hallinto- ja tukipalvelut palvelualueen käyttösuunnitelma,costCentres,Tietohallinto,MENOT,2022,TOT,2022-06-30,-924370,EUR',
    );
    expect(lines).toContain(
      '000_d3382b3632755c54.txt,106,8. Hallinto- ja tukipalvelut palvelualueen käyttösuunnitelma,operatingStatement,Hallinto- ja tukipalvelut,"Aineet, tarvikkeet ja tavarat",2021,TP,,-67494,EUR',
    );
  });
});

describe('the ingest and export commands end to end', () => {
  const tsx = join(root, 'node_modules/.bin/tsx');

  it('should exit non-zero with file:line on bad input and keep the store', () => {
    const before = readFileSync(out);
    const bad = write('ledger.csv', 'cost_centre,account,as_of,amount\nTietohallinto,MENOT,30.2.2022,-1\n');
    const run = spawnSync(tsx, [join(root, 'src/cli/ingest.ts'), '--out', out, bad], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`${bad}:2: "30.2.2022" is not a date`);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(readFileSync(out).equals(before)).toBe(true);
  });

  it('should export every fact as JSON from a given store', () => {
    const json = execFileSync(tsx, [join(root, 'src/cli/export.ts'), '--store', out, '--format', 'json'], {
      cwd: root,
      encoding: 'utf8',
    });
    const facts = JSON.parse(json) as { document: string; line: number; amount: string }[];
    expect(facts).toHaveLength(1005);
    expect(facts[0]).toMatchObject({ document: '000_d3382b3632755c54.txt', line: 34, amount: '39' });
  });
});
