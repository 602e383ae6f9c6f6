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
const seedFiles = [join(seeds, '000_d3382b3632755c54.txt'), join(seeds, '001_a49d1ed256dc6eed.txt')];
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
      acceptRemovals: false,
      expensesPositive: false,
    });
    expect(parseIngestArgs(['--accept-removals', 'a.txt']).acceptRemovals).toBe(true);
    expect(parseIngestArgs(['--expenses-positive', 'a.txt']).expensesPositive).toBe(true);
    expect(() => parseIngestArgs(['--bogus'])).toThrowError(/unknown option --bogus/);
  });

  it('should write to STORE_PATH when no --out is given, as the bot reads it', () => {
    expect(parseIngestArgs(['a.txt'], { STORE_PATH: '/tmp/x/budget.json' }).out).toBe('/tmp/x/budget.json');
    expect(parseIngestArgs(['--out', 's.json'], { STORE_PATH: '/tmp/x/budget.json' }).out).toBe('s.json');
    expect(parseIngestArgs(['a.txt'], {}).out).toBe('data/budget.json');
  });

  it('should build the store from the reports and every month’s ledger named, keeping each date', async () => {
    const sept = write(
      'ledger-2022-09.csv',
      'cost_centre;account;as_of;amount\nIT;MENOT;30.9.2022;-1 300 000\n',
    );
    const oct = write(
      'ledger-2022-10.csv',
      'cost_centre,account,as_of,amount\nTietohallinto,MENOT,2022-10-31,-1400000\n',
    );
    const { data } = await runIngest({ out, report: null, aliases, files: [...seedFiles, sept, oct] });
    const actuals = data.facts
      .filter((f) => f.table === 'actuals')
      .map((f) => [f.document, f.line, f.costCentre, f.asOf, f.amount]);
    expect(actuals).toEqual([
      ['ledger-2022-09.csv', 2, 'Tietohallinto', '2022-09-30', '-1300000'],
      ['ledger-2022-10.csv', 2, 'Tietohallinto', '2022-10-31', '-1400000'],
    ]);
    expect(data.facts.filter((f) => f.document === '000_d3382b3632755c54.txt')).toHaveLength(567);
    expect(BudgetDataSchema.parse(JSON.parse(readFileSync(out, 'utf8'))).documents).toHaveLength(4);
  });

  it('should store expenses negative from a ledger that prints them positive, given --expenses-positive', async () => {
    const ledger = write(
      'ledger-2022-09.csv',
      [
        'cost_centre;account;as_of;amount',
        'Tietohallinto;MENOT;30.9.2022;1 234 567',
        'Tietohallinto;TULOT;30.9.2022;50 000',
        'Tietohallinto;NETTOMENO;30.9.2022;1 184 567',
        'Hallinto- ja tukipalvelut;Henkilöstökulut;30.9.2022;2 500 000',
      ].join('\n'),
    );
    const before = readFileSync(out);
    await expect(
      runIngest({ out, report: null, aliases, files: [...seedFiles, ledger] }),
    ).rejects.toThrowError(
      /ledger-2022-09\.csv:2: every expense \(MENOT\) figure of this file is positive.*--expenses-positive/,
    );
    expect(readFileSync(out).equals(before)).toBe(true);
    const { data } = await runIngest({
      out,
      report: null,
      aliases,
      files: [...seedFiles, ledger],
      expensesPositive: true,
    });
    expect(
      data.facts.filter((f) => f.table === 'actuals').map((f) => [f.costCentre, f.account, f.amount]),
    ).toEqual([
      ['Tietohallinto', 'MENOT', '-1234567'],
      ['Tietohallinto', 'TULOT', '50000'],
      ['Tietohallinto', 'NETTOMENO', '-1184567'],
      ['Hallinto- ja tukipalvelut', 'Henkilöstökulut', '-2500000'],
    ]);
  });

  it('should refuse a ledger CSV named without the reports it is read against', async () => {
    const before = readFileSync(out);
    const sept = write('ledger-2022-09.csv', 'cost_centre,account,as_of,amount\nIT,MENOT,2022-09-30,-1\n');
    await expect(runIngest({ out, report: null, aliases, files: [sept] })).rejects.toThrowError(
      /ledger-2022-09\.csv: a ledger CSV is read against the cost centres of the reports named in the same ingest.*name the reports too/,
    );
    expect(readFileSync(out).equals(before)).toBe(true);
  });

  it('should write the reconciliation report as JSON with --report', async () => {
    const report = join(dir, 'report.json');
    const lines = await runIngest({ out, report, aliases, files: seedFiles });
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
    expect(lines.lines.join('\n')).toContain('Täsmäytys: 12 summaa ei täsmää');
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
    const { data } = await runIngest({ out, report: null, aliases, files: [...seedFiles, other] });
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
    const { data } = await runIngest({ out, report: null, aliases, files: [...seedFiles, ledger] });
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
    // With the reports beside it, so that the file's own fault is what stops the ingest.
    const files = [...seedFiles, path];
    const run = runIngest({ out, report, aliases, files });
    await expect(run).rejects.toThrowError(BudgetBotError);
    await expect(runIngest({ out, report, aliases, files })).rejects.toThrowError(message);
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
    const { data } = await runIngest({
      out,
      report: null,
      aliases,
      files: [copy, join(seeds, '001_a49d1ed256dc6eed.txt')],
    });
    expect(data.facts).toHaveLength(1006);
  });
});

describe('npm run export', () => {
  it('should list every fact with document and line under the DESIGN.md header', async () => {
    const { data } = await runIngest({ out, report: null, aliases, files: [] }, seeds);
    const lines = exportCsv(data).trimEnd().split('\n');
    expect(lines[0]).toBe(EXPORT_HEADER);
    expect(lines).toHaveLength(1007);
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
    const run = spawnSync(tsx, [join(root, 'src/cli/ingest.ts'), '--out', out, ...seedFiles, bad], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`${bad}:2: "30.2.2022" is not a date`);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(readFileSync(out).equals(before)).toBe(true);
  });

  it('should exit non-zero and name what would disappear when a cut-off copy replaces a report', () => {
    const before = readFileSync(out);
    const cut = write(
      '000_d3382b3632755c54.txt',
      readFileSync(join(seeds, '000_d3382b3632755c54.txt')).subarray(0, 9000),
    );
    const run = spawnSync(
      tsx,
      [join(root, 'src/cli/ingest.ts'), '--out', out, cut, join(seeds, '001_a49d1ed256dc6eed.txt')],
      { cwd: root, encoding: 'utf8' },
    );
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('ingest failed, the store was not changed');
    expect(run.stderr).toContain('the new 000_d3382b3632755c54.txt lacks 532 of its 567 figures (94 %)');
    expect(run.stderr).toContain(`${cut}:75: probably cut off`);
    expect(run.stdout).not.toContain('kaikki summat täsmäävät');
    expect(readFileSync(out).equals(before)).toBe(true);
  });

  it('should export every fact as JSON from a given store', () => {
    const json = execFileSync(tsx, [join(root, 'src/cli/export.ts'), '--store', out, '--format', 'json'], {
      cwd: root,
      encoding: 'utf8',
    });
    const facts = JSON.parse(json) as { document: string; line: number; amount: string }[];
    expect(facts).toHaveLength(1006);
    // The first figure of the report: the sick-leave days measured in the goals table (line 23).
    expect(facts[0]).toMatchObject({ document: '000_d3382b3632755c54.txt', line: 23, amount: '9.91' });
  });
});

describe('an ingest that never loses data', () => {
  const report000 = join(seeds, '000_d3382b3632755c54.txt');
  const report001 = join(seeds, '001_a49d1ed256dc6eed.txt');
  // The cut-off copy: the first 9 000 bytes of the half-year report.
  const cutCopy = (): Uint8Array => readFileSync(report000).subarray(0, 9000);
  // The cost centres only the half-year report has (the 2020 budget has the others).
  const onlyIn000 = BudgetDataSchema.parse(JSON.parse(readFileSync(join(root, 'data/budget.json'), 'utf8')))
    .costCentres.filter((c) => c.documents.join() === '000_d3382b3632755c54.txt')
    .map((c) => c.name);

  async function refusal(files: string[]): Promise<string> {
    const before = readFileSync(out);
    const error = await runIngest({ out, report: null, aliases, files }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(BudgetBotError);
    expect(readFileSync(out).equals(before), 'the store must stay byte for byte as it was').toBe(true);
    return (error as BudgetBotError).message;
  }

  it('should refuse a cut-off copy under the same name, naming the figures and cost centres that would go', async () => {
    const cut = write('000_d3382b3632755c54.txt', cutCopy());
    const message = await refusal([cut, report001]);
    expect(message).toContain(`this ingest would remove data from ${out}`);
    expect(message).toContain('the new 000_d3382b3632755c54.txt lacks 532 of its 567 figures (94 %)');
    const lost = /cost centres that would disappear: (.*)/.exec(message)?.[1] ?? '';
    expect(lost.split(', ').sort()).toEqual([...onlyIn000].sort());
    expect(message).toMatch(
      /000_d3382b3632755c54\.txt:75: probably cut off: the text stops in the middle of a sentence .*; it has no cost-centre table/,
    );
    expect(message).toContain('--accept-removals');
  });

  it('should refuse the same cut-off report under a new name, and say it looks like the same report', async () => {
    const cut = write('raportti-2022.txt', cutCopy());
    const message = await refusal([cut, report001]);
    expect(message).toContain(
      '000_d3382b3632755c54.txt is not among the files named: 532 of its 567 figures (94 %) would disappear',
    );
    expect(message).toContain('raportti-2022.txt looks like the same report under another name');
  });

  it('should refuse an ingest that leaves out a month’s ledger already in the store', async () => {
    const sept = write(
      'ledger-2022-09.csv',
      'cost_centre,account,as_of,amount\nIT,MENOT,2022-09-30,-1300000\n',
    );
    await runIngest({ out, report: null, aliases, files: [...seedFiles, sept] });
    const message = await refusal(seedFiles);
    expect(message).toContain(
      'ledger-2022-09.csv is not among the files named: 1 of its 1 figures (100 %) would disappear, e.g. Tietohallinto · MENOT TOT 2022-09-30',
    );
    // The same with no FILE (a rebuild from seeds/): the month is not dropped silently either.
    await expect(runIngest({ out, report: null, aliases, files: [] }, seeds)).rejects.toThrowError(
      /ledger-2022-09\.csv is not among the files named/,
    );
  });

  it('should keep a figure that moved to another file: nothing is lost when a month is re-exported under a new name', async () => {
    const sept = write(
      'ledger-2022-09.csv',
      'cost_centre,account,as_of,amount\nIT,MENOT,2022-09-30,-1300000\n',
    );
    await runIngest({ out, report: null, aliases, files: [...seedFiles, sept] });
    const both = write(
      'ledger-2022-q3.csv',
      'cost_centre,account,as_of,amount\nIT,MENOT,2022-09-30,-1300000\nIT,MENOT,2022-08-31,-1100000\n',
    );
    const { data } = await runIngest({ out, report: null, aliases, files: [...seedFiles, both] });
    expect(data.acceptedRemovals).toBeUndefined();
    expect(data.documents.map((d) => d.name)).not.toContain('ledger-2022-09.csv');
  });

  it('should allow up to 1 % of a document’s figures to go (corrections), and refuse more', async () => {
    // A daily ledger of four cost centres over January: 4 × 31 = 124 figures.
    const rows = ['Tietohallinto', 'Vaalit', 'Joukkoliikenne', 'Talouspalvelut'].flatMap((cc) =>
      Array.from(
        { length: 31 },
        (_, i) => `${cc},MENOT,2022-01-${String(i + 1).padStart(2, '0')},-${(i + 1) * 100}`,
      ),
    );
    const ledger = (drop: number) =>
      write(
        'ledger-2022-01.csv',
        ['cost_centre,account,as_of,amount', ...rows.slice(0, rows.length - drop)].join('\n'),
      );
    await runIngest({ out, report: null, aliases, files: [...seedFiles, ledger(0)] });
    // One figure fewer is 0,8 %: a correction, taken without asking.
    const accepted = await runIngest({ out, report: null, aliases, files: [...seedFiles, ledger(1)] });
    expect(accepted.data.facts.filter((f) => f.document === 'ledger-2022-01.csv')).toHaveLength(123);
    expect(accepted.data.acceptedRemovals).toBeUndefined();
    // Two fewer than the store now holds (123) is 1,6 %: refused.
    const message = await refusal([...seedFiles, ledger(3)]);
    expect(message).toContain(
      'the new ledger-2022-01.csv lacks 2 of its 123 figures (2 %), e.g. Talouspalvelut · MENOT TOT 2022-01-29; Talouspalvelut · MENOT TOT 2022-01-30',
    );
  });

  it('should remove on purpose with --accept-removals, and record what it removed in the store', async () => {
    const cut = write('000_d3382b3632755c54.txt', cutCopy());
    const { data, lines } = await runIngest({
      out,
      report: null,
      aliases,
      files: [cut, report001],
      acceptRemovals: true,
    });
    expect(data.acceptedRemovals?.documents).toEqual(['000_d3382b3632755c54.txt']);
    expect([...(data.acceptedRemovals?.costCentres ?? [])].sort()).toEqual([...onlyIn000].sort());
    const text = lines.join('\n');
    expect(text).toContain('Poistettu tarkoituksella (--accept-removals):');
    expect(text).toContain('raportti näyttää katkenneelta');
    expect(BudgetDataSchema.parse(JSON.parse(readFileSync(out, 'utf8'))).acceptedRemovals).toEqual(
      data.acceptedRemovals,
    );
  });

  it('should report a new report that looks cut off, which replaces nothing, as a warning', async () => {
    const fresh = mkdtempSync(join(tmpdir(), 'ingest-new-'));
    const store = join(fresh, 'budget.json');
    const cut = write('raportti-2022.txt', cutCopy());
    const { lines } = await runIngest({ out: store, report: null, aliases, files: [cut] });
    expect(lines.join('\n')).toMatch(
      /VAROITUS .*raportti-2022\.txt:75: raportti näyttää katkenneelta: the text stops in the middle of a sentence/,
    );
  });

  it('should find no sign of a cut in the complete seed reports', async () => {
    const { lines } = await runIngest({ out, report: null, aliases, files: seedFiles });
    expect(lines.join('\n')).not.toContain('katkenneelta');
  });

  it('should replace a store that cannot be read at all, saying so', async () => {
    writeFileSync(out, '{"version": 1, "facts": [');
    const { lines } = await runIngest({ out, report: null, aliases, files: seedFiles });
    expect(lines[0]).toMatch(/^huom\. .*not valid JSON.*; se korvataan uudella$/);
    expect(BudgetDataSchema.parse(JSON.parse(readFileSync(out, 'utf8'))).facts).toHaveLength(1006);
  });

  it('should clean up temporary files that killed ingests left, but not one being written now', async () => {
    const orphan = write('.budget.json.999999999.0123abcd.tmp', '{"half": ');
    const live = write(`.budget.json.${process.ppid}.89abcdef.tmp`, '{"writing": ');
    const { lines } = await runIngest({ out, report: null, aliases, files: seedFiles });
    expect(existsSync(orphan)).toBe(false);
    expect(existsSync(live)).toBe(true);
    expect(lines).toContain(
      'poistettu keskeytyneen ajon väliaikaistiedosto .budget.json.999999999.0123abcd.tmp',
    );
  });
});
