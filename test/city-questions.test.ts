/**
 * Issue 12: the outsider's whole-city conversations (sweep 2, part B), over the store the
 * generated city's own files make (`npm run ingest -- test/fixtures/documents/city/*`): the
 * half-year report (PDF), the ledger export (workbook) and the monthly actuals (CSV). Every
 * conversation is scored with the rules of shared/tools/check_questions.py, and every figure of
 * every answer is traced to its document: a printed figure to the fact at its line, a sum to
 * the printed figures of its period at the lines it lists, adding up exactly.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Decimal from 'decimal.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { BudgetAssistant } from '../src/assistant/budget-assistant';
import { askConversation } from '../src/assistant/conversation';
import { type Answer, type AnswerFigure, AnswerSchema, type Fact } from '../src/domain';
import { loadAliases } from '../src/ingest/aliases';
import { ingestSources, readSourceFiles } from '../src/ingest/ingest-files';
import { type QuestionCase, scoreAnswer } from './questions/score-answer';

const root = join(import.meta.dirname, '..');
const city = join(root, 'test/fixtures/documents/city');
const FILES = [
  join(city, 'lumijarvi-kuukausitoteumat-2015-2024.csv'),
  join(city, 'lumijarvi-toteuma-30-6-2024.pdf'),
  join(city, 'lumijarvi-toteumavertailu-2015-2024.xlsx'),
];

const cases: QuestionCase[] = readFileSync(join(root, 'test/questions/city/sweep2-city.jsonl'), 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '')
  .map((l) => JSON.parse(l) as QuestionCase);

let assistant: BudgetAssistant;
let answers: Answer[][];
/** The store's facts by where they are printed: document, page or sheet, line. */
const printed = new Map<string, Fact[]>();

function where(document: string, line: number, page?: number, sheet?: string): string {
  return `${document}\u0000${page ?? ''}\u0000${sheet ?? ''}\u0000${line}`;
}

beforeAll(async () => {
  // Built once for the file, in memory, as `npm run ingest` builds it (data/aliases.json).
  const sources = await readSourceFiles(FILES, { mapping: null });
  const { data } = ingestSources(sources, await loadAliases(join(root, 'data/aliases.json')), {
    expensesPositive: false,
  });
  for (const f of data.facts) {
    const k = where(f.document, f.line, f.page, f.sheet);
    printed.set(k, [...(printed.get(k) ?? []), f]);
  }
  assistant = BudgetAssistant.fromData(data);
  answers = cases.map((c) => askConversation(assistant, c.turns));
}, 600_000);

/** Whether a fact is of the period a figure states. */
function samePeriod(f: Fact, g: AnswerFigure): boolean {
  return f.year === g.year && f.basis === g.basis && (f.asOf ?? undefined) === g.asOf;
}

/** Why a figure cannot be traced to its document, or null when it can. */
function untraced(g: AnswerFigure): string | null {
  if (g.sum) {
    let total = new Decimal(0);
    let count = 0;
    for (const s of g.sum.sources)
      for (const line of s.lines) {
        const at = (printed.get(where(s.document, line, s.page, s.sheet)) ?? []).filter((f) =>
          samePeriod(f, g),
        );
        if (at.length === 0) return `${s.document}:${line} prints nothing of ${g.basis} ${g.year}`;
        for (const f of at) total = total.plus(f.amount);
        count += at.length;
      }
    if (!total.eq(g.amount)) return `the parts add up to ${total}, not ${g.amount}`;
    return count === g.sum.count ? null : `${count} parts at the lines, ${g.sum.count} said`;
  }
  const { document, line, page, sheet } = g.source;
  const at = printed.get(where(document, line, page, sheet)) ?? [];
  return at.some((f) => samePeriod(f, g) && new Decimal(f.amount).eq(g.amount) && f.account === g.account)
    ? null
    : `${document}:${page ?? sheet ?? ''}:${line} does not print ${g.account} ${g.basis} ${g.year} ${g.amount}`;
}

describe("the outsider's whole-city conversations (sweep 2, part B)", () => {
  it('should hold the 165 conversations with unique ids', () => {
    expect(cases.length).toBe(165);
    expect(new Set(cases.map((c) => c.id)).size).toBe(cases.length);
  });

  it('should answer every conversation correctly, scoring 100 percent', () => {
    const failures: string[] = [];
    cases.forEach((c, i) => {
      const turns = answers[i]!;
      for (const a of turns) AnswerSchema.parse(a);
      const result = scoreAnswer(c.expect, turns.at(-1)!);
      if (result.kind !== 'ok')
        failures.push(`${c.id} ${result.kind}: ${JSON.stringify(c.turns)} -> ${result.why.slice(0, 300)}`);
    });
    expect(failures).toEqual([]);
  });

  it('should trace every figure of every answer to the lines of its document, sums adding up exactly', () => {
    const wrong: string[] = [];
    let sums = 0;
    cases.forEach((c, i) => {
      for (const a of answers[i]!)
        for (const g of a.figures) {
          if (g.sum) sums++;
          const why = untraced(g);
          if (why) wrong.push(`${c.id} ${g.costCentre}: ${why}`);
        }
    });
    expect(wrong).toEqual([]);
    // The set asks about months, old years and ledger lines: sums are among its figures.
    expect(sums).toBeGreaterThan(20);
  });

  it('should say of every sum that no document prints it', () => {
    const unsaid: string[] = [];
    cases.forEach((c, i) => {
      for (const a of answers[i]!)
        if (
          a.figures.some((g) => g.sum) &&
          !a.notes.some((n) => /^(Laskettu luku|Laskettuja lukuja|Worked out)/.test(n))
        )
          unsaid.push(c.id);
    });
    expect(unsaid).toEqual([]);
  });
});

describe("a cost centre's expense types from its ledger lines", () => {
  it('should rank the account lines the ledger export prints for the cost centre, each traced, adding up to its expenses', () => {
    for (const q of [
      'Mihin Harjulan koulu käytti eniten rahaa 2023?',
      'Harjulan koulun suurimmat kululajit 2023',
    ]) {
      const a = assistant.ask(q, null);
      expect(a.status, q).toBe('answer');
      expect(a.body.kind).toBe('ranking');
      expect(a.figures.map((g) => g.account)).toEqual([
        'Palkat ja palkkiot',
        'Palvelujen ostot',
        'Vuokrat',
        'Henkilösivukulut',
        'Aineet, tarvikkeet ja tavarat',
      ]);
      for (const g of a.figures) {
        expect(g.costCentre).toBe('Harjulan koulu');
        expect(g.year).toBe(2023);
        expect(untraced(g)).toBeNull();
      }
      // The five expense lines are all of them: together the school's expenses of 2023.
      const total = a.figures.reduce((s, g) => s.plus(new Decimal(g.amount).abs()), new Decimal(0));
      expect(total.toString()).toBe('1289631');
    }
  });

  it("should rank an area's expense types, each line summed over the cost centres that have it, adding up to its expenses", () => {
    // A line a cost centre lacks where the ledger covers the year is no posting there.
    for (const [q, total] of [
      ['Sivistyspalveluiden 10 suurinta kululajia 2023', '-20637907'],
      ['Perusopetuksen 10 suurinta kululajia 2023', '-5262137'],
    ] as const) {
      const a = assistant.ask(q, null);
      expect(a.status, q).toBe('answer');
      expect(a.figures.map((g) => g.account).sort()).toEqual([
        'Aineet, tarvikkeet ja tavarat',
        'Avustukset',
        'Henkilösivukulut',
        'Palkat ja palkkiot',
        'Palvelujen ostot',
        'Vuokrat',
      ]);
      for (const g of a.figures) expect(untraced(g), `${q} ${g.account}`).toBeNull();
      const sum = a.figures.reduce((s, g) => s.plus(g.amount), new Decimal(0));
      // The printed expenses of the year (the report's TP) are what the lines add up to.
      expect(sum.toString(), q).toBe(total);
      expect(a.notes.some((n) => /^Laskettu/.test(n))).toBe(true);
      // The note names the documents by title; the file names stay in the figures' sources.
      const note = a.notes.find((n) => /^Laskettu/.test(n)) as string;
      expect(note, q).not.toMatch(/\.(csv|pdf|xlsx|txt)\b/);
      expect(
        a.figures.every((g) =>
          (g.sum?.sources ?? [g.source]).every((x) => /\.(csv|pdf|xlsx)$/.test(x.document)),
        ),
      ).toBe(true);
    }
  });

  it("should read a ledger line named like a cost centre elsewhere, said after a place, as that place's line", () => {
    // "Vuokrat" is also a cost centre of Kulttuuri- ja vapaa-aikapalvelut: never compared with it here.
    for (const [q, place, amount] of [
      ['Sivistyspalveluiden vuokrat 2023', 'Sivistyspalvelut', '-1805149'],
      ['Harjulan koulun vuokrat 2023', 'Harjulan koulu', '-251587'],
    ] as const) {
      const a = assistant.ask(q, null);
      expect(a.status, q).toBe('answer');
      expect(a.query?.subjects.map((s) => s.name)).toEqual([place]);
      const actual = a.figures.find((g) => g.basis === 'TOT')!;
      expect([actual.costCentre, actual.account, actual.amount]).toEqual([place, 'Vuokrat', amount]);
      expect(untraced(actual)).toBeNull();
    }
    // Alone, or beside another cost centre, it is still the cost centre.
    expect(assistant.ask('Vuokrat menot 2023', null).query?.subjects).toEqual([
      { kind: 'costCentre', name: 'Vuokrat' },
    ]);
    expect(
      assistant.ask('Vertaa Vuokrat ja Avustukset 2023', null).query?.subjects.map((s) => s.name),
    ).toEqual(['Vuokrat', 'Avustukset']);
  });

  it("should answer an area's revenues asked as its statement's from the report, the city printing no operating statement", () => {
    const a = assistant.ask('Mistä tuotoista Sivistyspalveluiden tulot koostuvat 2023?', null);
    expect(a.status).toBe('answer');
    const tp = a.figures.find((g) => g.basis === 'TP')!;
    expect([tp.costCentre, tp.account, tp.amount]).toEqual(['Sivistyspalvelut', 'TULOT', '2706888']);
    expect(untraced(tp)).toBeNull();
    // The same as its income types (ledger lines) add up to.
    const types = assistant.ask('Sivistyspalveluiden 10 suurinta tulolajia 2023', null);
    expect(types.figures.reduce((s, g) => s.plus(g.amount), new Decimal(0)).toString()).toBe('2706888');
  });

  it('should rank places by a ledger line, each place its own line or the sum below it, never by their total expenses', () => {
    const areas = assistant.ask('Mikä palvelualue käytti eniten henkilöstökuluihin 2023?', null);
    expect(areas.status).toBe('answer');
    expect(areas.figures.map((g) => g.account)).toEqual(Array(5).fill('Henkilöstökulut'));
    for (const g of areas.figures) expect(untraced(g), g.costCentre).toBeNull();
    // The same figure as the area's own line asked alone.
    const first = areas.figures[0]!;
    const own = assistant
      .ask(`${first.costCentre} henkilöstökulut 2023`, null)
      .figures.find((g) => g.basis === first.basis && g.asOf === first.asOf);
    expect(own?.amount).toBe(first.amount);
    expect(
      assistant.ask('Which service area had the largest staff costs in 2023?', null).figures[0]?.amount,
    ).toBe(first.amount);
    // "vuokriin" is the line of each result area, not the cost centre called Vuokrat.
    const rents = assistant.ask('Mikä tulosalue käytti eniten vuokriin 2023?', null);
    expect(rents.query?.account).toBe('Vuokrat');
    expect(rents.figures.map((g) => g.account)).toEqual(Array(5).fill('Vuokrat'));
    for (const g of rents.figures) expect(untraced(g), g.costCentre).toBeNull();
  });
});
