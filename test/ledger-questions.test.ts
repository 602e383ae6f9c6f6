/**
 * Issue 10: conversations over imported ledger actuals (the store `npm run ingest -- seeds/*.txt
 * examples/ledger/*.csv` builds): the newest actual, dates, months, series by month,
 * projections, lists. Each expected figure names its source line ("src"), which is checked here
 * against the file itself; then every conversation is answered through `ask` (the answer must
 * rest on exactly those lines) and through /api/messages (the card must be that answer's,
 * citing those lines).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Decimal from 'decimal.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BudgetAssistant } from '../src/assistant/budget-assistant';
import { askConversation } from '../src/assistant/conversation';
import { type Answer, AnswerSchema } from '../src/domain';
import { AliasesSchema } from '../src/ingest/aliases';
import { ingestSources } from '../src/ingest/ingest-files';
import { type Expectation, type ExpectedFigure, scoreAnswer } from './questions/score-answer';
import * as A from './support/activities';
import { adaptiveCardOf, type BotHarness, plainCardText, startBot } from './support/bot-harness';
import { realCards } from './support/real-core';

const root = join(import.meta.dirname, '..');
const ledgerDir = join(root, 'examples/ledger');
const questionsDir = join(root, 'test/questions/ledger');

/** An expected figure with the line it is printed on, and its date when it is a year-to-date one. */
interface SourcedFigure extends ExpectedFigure {
  src?: string;
  asOf?: string;
}

interface LedgerCase {
  id: string;
  turns: string[];
  expect: Expectation & { figures?: SourcedFigure[]; derived?: Record<string, string> };
}

const cases: LedgerCase[] = readdirSync(questionsDir)
  .filter((f) => f.endsWith('.jsonl'))
  .flatMap((f) =>
    readFileSync(join(questionsDir, f), 'utf8')
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => JSON.parse(l) as LedgerCase),
  );

/** Every figure an expectation cites. */
function cited(c: LedgerCase): SourcedFigure[] {
  const e = c.expect;
  return [
    ...(e.figures ?? []),
    ...(e.figuresAny ?? []).flat(),
    ...(e.rankFirstAny ?? []),
    ...(e.rankSecond ? [e.rankSecond] : []),
  ] as SourcedFigure[];
}

// Names as files spell them → the store's canonical name (data/aliases.json, older documents).
const aliasesFile = AliasesSchema.parse(JSON.parse(readFileSync(join(root, 'data/aliases.json'), 'utf8')));
const canonical = new Map<string, string>();
for (const groups of [aliasesFile.costCentres, aliasesFile.serviceAreas])
  for (const [name, others] of Object.entries(groups))
    for (const n of [name, ...others]) canonical.set(n.toLowerCase(), name);
const canonicalOf = (name: string) => canonical.get(name.toLowerCase()) ?? name;

/** The printed Finnish form of a whole-euro amount: "-1 488 900". */
function printedFi(amount: number): string {
  return `${amount < 0 ? '-' : ''}${String(Math.abs(amount)).replace(/\B(?=(\d{3})+(?!\d))/g, ' ')}`;
}

describe('the ledger question set itself', () => {
  it('should hold at least 60 conversations over imported actuals', () => {
    expect(cases.length).toBeGreaterThanOrEqual(60);
    expect(new Set(cases.map((c) => c.id)).size).toBe(cases.length);
  });

  it('should cite for every expected figure a line that prints it', () => {
    const wrong: string[] = [];
    for (const c of cases) {
      for (const f of cited(c)) {
        if (!f.src) {
          wrong.push(`${c.id}: a figure without its source`);
          continue;
        }
        const [file, lineNo] = f.src.split(':') as [string, string];
        const path = file.endsWith('.csv') ? join(ledgerDir, file) : join(root, 'seeds', file);
        const line = readFileSync(path, 'utf8').split('\n')[Number(lineNo) - 1] ?? '';
        if (file.endsWith('.csv')) {
          const [cc, account, asOf, amount] = line.split(';');
          const ok =
            canonicalOf(cc ?? '') === canonicalOf(f.cc ?? '') &&
            account === f.acc &&
            Number(amount) === f.amount &&
            (f.asOf === undefined || asOf === f.asOf) &&
            Number(asOf?.slice(0, 4)) === f.year;
          if (!ok) wrong.push(`${c.id}: ${f.src} is "${line}", not ${JSON.stringify(f)}`);
        } else {
          // The report's cost-centre table: the account's row, the figure among its cells.
          const cells = line.replace(/<\/?b>/g, '').split('\t');
          if (cells[0] !== f.acc || !cells.slice(1).includes(printedFi(f.amount)))
            wrong.push(`${c.id}: ${f.src} is "${line}", which does not print ${f.acc} ${f.amount}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it('should derive month figures and estimates from the cited lines by the rules of DOMAIN.md', () => {
    const wrong: string[] = [];
    for (const c of cases) {
      const d = c.expect.derived ?? {};
      const figs = (c.expect.figures ?? []) as SourcedFigure[];
      if (d.monthAmount !== undefined) {
        // The month's end less the previous month's end (January: its own).
        const want = figs.length === 1 ? figs[0]!.amount : figs[0]!.amount - figs[1]!.amount;
        if (Number(d.monthAmount) !== want)
          wrong.push(`${c.id}: monthAmount ${d.monthAmount}, lines say ${want}`);
      }
      if (d.projection !== undefined) {
        const [y, m, day] = figs[0]!.asOf!.split('-').map(Number) as [number, number, number];
        const elapsed = (Date.UTC(y, m - 1, day) - Date.UTC(y, 0, 1)) / 86_400_000 + 1;
        const want = new Decimal(figs[0]!.amount).div(new Decimal(elapsed).div(365)).toDecimalPlaces(0);
        if (!want.eq(d.projection)) wrong.push(`${c.id}: projection ${d.projection}, lines say ${want}`);
      }
      if (d.seasonalProjection !== undefined) {
        const share = new Decimal(figs[2]!.amount).div(figs[3]!.amount);
        const want = new Decimal(figs[0]!.amount).div(share).toDecimalPlaces(0);
        if (!want.eq(d.seasonalProjection))
          wrong.push(`${c.id}: seasonal ${d.seasonalProjection}, lines say ${want}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});

let assistant: BudgetAssistant;

beforeAll(() => {
  const paths = [
    ...['000_d3382b3632755c54.txt', '001_a49d1ed256dc6eed.txt'].map((n) => join(root, 'seeds', n)),
    ...readdirSync(ledgerDir)
      .filter((f) => f.endsWith('.csv'))
      .map((f) => join(ledgerDir, f)),
  ];
  const files = paths.map((path) => ({ path, bytes: new Uint8Array(readFileSync(path)) }));
  assistant = BudgetAssistant.fromData(ingestSources(files, aliasesFile).data);
});

/** Whether a card's source line ("Lähde: Toteuma 31.12.2022, rivit 2–60") names a line, alone or in a range. */
function citesLine(sourceLine: string, line: number): boolean {
  for (const m of sourceLine.matchAll(/(\d+)–(\d+)/g))
    if (line >= Number(m[1]) && line <= Number(m[2])) return true;
  return new RegExp(`(?<![\\d.])${line}(?![\\d.])`).test(sourceLine.replace(/\d+\.\d+\.\d{4}/g, ''));
}

/** What the answer must rest on beyond the scorer's rules: the cited lines, the dates, the derived values. */
function restsOnLines(c: LedgerCase, answer: Answer): string[] {
  const problems: string[] = [];
  for (const f of c.expect.figures ?? []) {
    const [file, line] = (f.src ?? ':').split(':');
    const found = answer.figures.some(
      (g) =>
        Number(g.amount) === f.amount &&
        g.source.document === file &&
        g.source.line === Number(line) &&
        (f.asOf === undefined || g.asOf === f.asOf),
    );
    if (!found) problems.push(`no figure ${f.amount} from ${f.src}${f.asOf ? ` at ${f.asOf}` : ''}`);
  }
  for (const [key, value] of Object.entries(c.expect.derived ?? {}))
    if (answer.derived[key] !== value)
      problems.push(`derived ${key} ${answer.derived[key]}, wanted ${value}`);
  return problems;
}

describe('conversations over imported actuals, through ask', () => {
  it.each(cases.map((c) => ({ ...c, said: c.turns.join(' / ') })))('$id: "$said"', (c) => {
    const answers = askConversation(assistant, c.turns);
    for (const a of answers) AnswerSchema.parse(a);
    const last = answers.at(-1)!;
    const score = scoreAnswer(c.expect, last);
    expect(score.kind === 'ok' ? [] : [score.why], last.text).toEqual([]);
    expect(restsOnLines(c, last), last.text).toEqual([]);
  });
});

describe('conversations over imported actuals, through /api/messages', () => {
  let h: BotHarness;
  beforeAll(async () => {
    h = await startBot({ assistant, cards: realCards });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('should answer every conversation over HTTP with a card of the same figures and lines', async () => {
    const problems: string[] = [];
    for (const c of cases) {
      const where = { serviceUrl: h.connector.url, conversationId: `a:ledger-${c.id}` };
      for (const [i, turn] of c.turns.entries()) {
        expect((await h.post(A.message(where, turn))).status).toBe(200);
        await h.connector.waitForMessages(where.conversationId, i + 1);
      }
      const replies = h.connector.messages(where.conversationId);
      const card = plainCardText(adaptiveCardOf(replies.at(-1)));
      const expected = assistant.ask(
        c.turns.at(-1)!,
        c.turns.length > 1 ? askConversation(assistant, c.turns.slice(0, -1)).at(-1)!.query! : null,
      );
      // The card is the answer's: its title, and the cited lines of its first figures.
      if (!card.includes(expected.title.replace(/[\u00a0\u202f]/g, ' ')))
        problems.push(`${c.id}: card lacks the title "${expected.title}"`);
      // Cards name a source by its document's title, line and column (behind "Lähde"), never by
      // its file name (src/cards/figure-text.ts): "<title>, rivi 196 · TOT 30.6.2022".
      const sourceLines = card.split('\n').filter((l) => /\b(rivi|rivit|line|lines) \d+.* · /.test(l));
      for (const f of (c.expect.figures ?? []).slice(0, 2) as SourcedFigure[]) {
        const line = (f.src ?? ':').split(':')[1];
        if (!sourceLines.some((l) => citesLine(l, Number(line))))
          problems.push(`${c.id}: card does not cite line ${line} (${f.src}): ${sourceLines.join(' | ')}`);
      }
      for (const f of c.expect.forbid ?? [])
        if (card.includes(printedFi(Math.abs(f.amount))))
          problems.push(`${c.id}: card shows forbidden ${f.amount}`);
    }
    expect(problems).toEqual([]);
  }, 120_000);
});
