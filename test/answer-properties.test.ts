import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { BudgetAssistant } from '../src/assistant/budget-assistant';
import { askConversation } from '../src/assistant/conversation';
import { type Answer, type AnswerFigure, basisKind, money } from '../src/domain';
import { cardText } from './card-fixtures';

// The invariants of issue 11, over conversations drawn from the question set's own turns and
// recombined: whatever is asked, in whatever order, every answer keeps them.

const DIR = path.join(import.meta.dirname, 'questions');
const turns = readdirSync(DIR)
  .filter((f) => f.endsWith('.jsonl'))
  .flatMap((f) => readFileSync(path.join(DIR, f), 'utf8').split('\n'))
  .filter((l) => l.trim() !== '')
  .flatMap((l) => (JSON.parse(l) as { turns: string[] }).turns);
const conversation = fc.array(fc.constantFrom(...turns), { minLength: 1, maxLength: 3 });

/** How long a figure's period is: a whole year (TP, budgets, plans) or the year to a date (TOT). */
function periodLength(f: AnswerFigure): string {
  return basisKind(f.basis) === 'actual' && f.basis.toUpperCase() !== 'TP'
    ? `to ${f.asOf?.slice(5)}`
    : 'year';
}

/** Figures a body compares with each other, in groups that must be of one period length. */
function comparedGroups(a: Answer): AnswerFigure[][] {
  const at = (i: number) => a.figures[i]!;
  const b = a.body;
  switch (b.kind) {
    case 'yearChange':
      return [b.points.map(at)];
    case 'subjectComparison':
      return [b.items.map(at)];
    case 'series':
      return b.change ? [[at(b.change.from), at(b.change.to)]] : [];
    case 'ranking':
      return b.metric === 'change' || b.metric === 'amount' ? b.items.map((i) => i.figures.map(at)) : [];
    default:
      return [];
  }
}

/** Whether a budget-list row satisfies the list's condition, from its own two figures. */
function satisfies(a: Answer, actualRef: number, budgetRef: number): boolean {
  const b = a.body;
  if (b.kind !== 'overBudgetList') return true;
  const actual = money(a.figures[actualRef]!.amount);
  const budget = money(a.figures[budgetRef]!.amount);
  // Signed as printed: spending and net costs are negative, so more spent is a smaller figure.
  const more = b.revenue ? actual.greaterThan(budget) : actual.lessThan(budget);
  const less = b.revenue ? actual.lessThan(budget) : actual.greaterThan(budget);
  const elapsed = b.elapsedShare === null ? null : money(b.elapsedShare);
  const pace = elapsed && !budget.isZero() ? actual.abs().div(budget.abs()).minus(elapsed) : null;
  switch (b.condition) {
    case 'overBudget':
      return more;
    case 'underBudget':
      return less;
    case 'aheadOfPace':
      return pace?.isPositive() === true && !pace.isZero();
    case 'behindPace':
      return pace?.isNegative() === true && !pace.isZero();
  }
}

/** Every value an answer rests on, as people see them: whole euros and percentages to one decimal. */
function knownValues(a: Answer): { euros: Set<string>; percents: Set<string> } {
  const euros = new Set<string>();
  const percents = new Set<string>();
  const euro = (v: string | null | undefined) => {
    if (v !== null && v !== undefined) euros.add(money(v).abs().toDecimalPlaces(0).toString());
  };
  const percent = (v: string | null | undefined, times = 1) => {
    if (v !== null && v !== undefined)
      percents.add(money(v).times(times).abs().toDecimalPlaces(1).toFixed(1));
  };
  for (const f of a.figures) (f.unit === '%' ? percent : euro)(f.amount);
  const b = a.body;
  switch (b.kind) {
    case 'budgetVsActual':
      [b.variance, b.remaining, b.projection, b.projectedVariance].forEach(euro);
      percent(b.usedShare, 100);
      percent(b.elapsed?.share, 100);
      percent(b.pace);
      break;
    case 'yearChange':
      euro(b.difference);
      percent(b.changePercent);
      euro(b.partYear?.projection);
      percent(b.partYear?.projectedChangePercent);
      break;
    case 'subjectComparison':
      euro(b.difference);
      percent(b.changePercent);
      if (b.combined?.kind === 'total') euro(b.combined.total);
      if (b.combined?.kind === 'share') percent(b.combined.share, 100);
      break;
    case 'ranking':
      for (const i of b.items) {
        if (b.metric === 'usedShare') percent(i.value, 100);
        else euro(i.value);
        percent(i.percent);
        percent(i.usedShare, 100);
        percent(i.pace);
      }
      percent(b.elapsedShare, 100);
      break;
    case 'overBudgetList':
      for (const i of [...b.items, ...b.unbudgeted]) {
        euro(i.variance);
        percent(i.usedShare, 100);
        percent(i.pace);
      }
      percent(b.elapsedShare, 100);
      break;
    case 'series':
      euro(b.change?.difference);
      percent(b.change?.changePercent);
      break;
    case 'keyFigures':
      euro(b.difference);
      break;
    default:
      break;
  }
  return { euros, percents };
}

/** The euro amounts and percentages a text states, as the plain numbers "1488900", "62.1". */
function statedNumbers(text: string): { euros: string[]; percents: string[] } {
  const plain = (n: string) => n.replace(/[\u00a0 ,]/g, '').replace(/^[−+-]/, '');
  const euros = [
    ...[...text.matchAll(/(\d{1,3}(?:\u00a0\d{3})*)\u00a0€(?!\/)/g)].map((m) => plain(m[1]!)),
    ...[...text.matchAll(/€(\d{1,3}(?:,\d{3})*)(?!\d|,\d|\.\d)/g)].map((m) => plain(m[1]!)),
  ];
  const percents = [
    ...[...text.matchAll(/(\d{1,3}(?:\u00a0\d{3})*),(\d)\u00a0%/g)].map((m) => `${plain(m[1]!)}.${m[2]}`),
    ...[...text.matchAll(/(\d{1,3}(?:,\d{3})*)\.(\d)(?:%| pp)/g)].map((m) => `${plain(m[1]!)}.${m[2]}`),
  ];
  return { euros, percents };
}

/** The card's own text, without its notes (document checks, period notes) and sources. */
function cardFigureText(a: Answer): string {
  const notes = a.notes.map((n) => n.slice(0, 40));
  return cardText(a.card ?? {})
    .split('\n')
    .filter((line) => !notes.some((n) => line.startsWith(n)) && !/^(Lähde|Source)\b/.test(line))
    .join('\n');
}

describe('answers keep the invariants of issue 11 (properties over the question set)', () => {
  let assistant: BudgetAssistant;
  beforeAll(async () => {
    assistant = await BudgetAssistant.load(path.join(import.meta.dirname, '..', 'data', 'budget.json'));
  });
  const answersOf = (t: string[]) => askConversation(assistant, t);

  it('should never state a change between figures of different period lengths', () => {
    fc.assert(
      fc.property(conversation, (t) => {
        for (const a of answersOf(t))
          for (const group of comparedGroups(a))
            expect(new Set(group.map(periodLength)).size, `${t.join(' → ')}: ${a.text}`).toBe(1);
      }),
      { numRuns: 200 },
    );
  });

  it('should list only rows that satisfy the list’s own condition, and rank them in its order', () => {
    fc.assert(
      fc.property(conversation, (t) => {
        for (const a of answersOf(t)) {
          const b = a.body;
          if (b.kind === 'overBudgetList') {
            for (const i of b.items)
              expect(satisfies(a, i.actual, i.budget), `${t.join(' → ')}: ${i.name}`).toBe(true);
            for (const i of b.unbudgeted) expect(money(a.figures[i.budget]!.amount).isZero()).toBe(true);
            expect(b.count).toBeGreaterThanOrEqual(b.items.length);
            expect(b.compared).toBeGreaterThanOrEqual(b.count);
          }
          if (b.kind === 'ranking') {
            const values = b.items.map((i) => money(i.value));
            const flip =
              b.metric === 'amount' && values.filter((v) => v.isNegative()).length * 2 > values.length;
            const sized = values.map((v) => (flip ? v.neg() : v));
            for (let i = 1; i < sized.length; i++) {
              const c = sized[i - 1]!.comparedTo(sized[i]!);
              expect(b.order === 'desc' ? c >= 0 : c <= 0, `${t.join(' → ')}: rank ${i}`).toBe(true);
            }
            // Totals are never ranked among their parts.
            for (const i of b.items)
              expect(/\p{L}/u.test(i.name) && i.name === i.name.toUpperCase()).toBe(false);
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it('should state in the text and the card only numbers the figures and the body hold, rounded once', () => {
    fc.assert(
      fc.property(conversation, (t) => {
        for (const a of answersOf(t)) {
          if (a.status !== 'answer') continue;
          const known = knownValues(a);
          for (const [where, text] of [
            ['text', a.text],
            ['card', cardFigureText(a)],
          ] as const) {
            const stated = statedNumbers(text);
            for (const e of stated.euros)
              expect(
                known.euros.has(e),
                `${t.join(' → ')}: ${where} says ${e} €: ${text.slice(0, 300)}`,
              ).toBe(true);
            for (const p of stated.percents)
              expect(
                known.percents.has(p),
                `${t.join(' → ')}: ${where} says ${p} %: ${text.slice(0, 300)}`,
              ).toBe(true);
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it('should put units that follow the row: never euros on a count', () => {
    fc.assert(
      fc.property(conversation, (t) => {
        for (const a of answersOf(t)) {
          if (a.figures.length === 0 || !a.figures.every((f) => f.unit === 'count')) continue;
          expect(a.text.includes('€'), `${t.join(' → ')}: ${a.text}`).toBe(false);
          expect(cardFigureText(a).includes('€'), `${t.join(' → ')} card`).toBe(false);
        }
      }),
      { numRuns: 200 },
    );
  });
});
