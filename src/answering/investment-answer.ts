import type { Answer, Fact, Query } from '../domain';
import { basisKind } from '../domain';
import { buildAnswer, type UsedFigure } from './answer-builder';
import { type AnswerIndex, labelKey } from './answer-index';
import { messages } from './messages';
import { accountWord, CORE_ACCOUNTS, formatFigure, periodWords } from './phrases';

const isCoreAccount = (a: string) => (CORE_ACCOUNTS as readonly string[]).includes(a);

const TOTAL = /(yhteensä|^netto)/i;

/** Investment-plan facts, newest document first, once per index. */
const cache = new WeakMap<AnswerIndex, Fact[]>();
function investmentFacts(index: AnswerIndex): Fact[] {
  let facts = cache.get(index);
  if (!facts) {
    const rank = (d: string) => index.documentRank.get(d) ?? 0;
    facts = index.data.facts
      .filter((f) => f.table === 'investments' && f.kind !== 'change')
      .sort((a, b) => rank(b.document) - rank(a.document) || a.line - b.line);
    cache.set(index, facts);
  }
  return facts;
}

/**
 * Answers investment questions: one item (or subtotal) over its plan years, or every item of a
 * year with its totals. Items are matched by their printed label.
 */
export function answerInvestments(index: AnswerIndex, query: Query): Answer {
  const lang = query.lang;
  const all = investmentFacts(index);
  // "Investoinnit 2022 netto", "IT investments, net total": the net account asks the plan's own
  // NETTO row (its grand total), not a row of that name.
  const netRow = [...all].reverse().find((f) => /^netto\b/i.test(f.account));
  const wanted =
    query.account === 'NETTOMENO' && netRow
      ? labelKey(netRow.account)
      : query.account
        ? labelKey(query.account)
        : null;
  const subject = query.subjects.find((s) => s.kind === 'costCentre')?.name;
  let facts = all.filter((f) =>
    wanted ? labelKey(f.account) === wanted || labelKey(f.account).startsWith(`${wanted} `) : true,
  );
  if (subject && facts.some((f) => labelKey(f.costCentre) === labelKey(subject)))
    facts = facts.filter((f) => labelKey(f.costCentre) === labelKey(subject));
  const years = [...new Set(all.map((f) => f.year))].sort((a, b) => a - b);
  if (query.years.length > 0) facts = facts.filter((f) => query.years.includes(f.year));
  else if (!wanted) facts = facts.filter((f) => f.year === years[0]);
  const m = messages(lang).investments;
  if (facts.length === 0) {
    // A year the plan has, but no such row: say the row is missing, not the year.
    const yearsHeld = query.years.length > 0 && query.years.every((y) => years.includes(y));
    const noRow = all.length === 0 || yearsHeld;
    return buildAnswer(index, query, {
      body: { kind: 'notFound', reason: noRow ? 'row' : 'period', term: null },
      title: m.title,
      sentences: [
        all.length === 0
          ? m.none
          : yearsHeld
            ? m.noRow(
                query.account && isCoreAccount(query.account)
                  ? accountWord(query.account, lang)
                  : query.account,
                years,
              )
            : m.noSuch(years),
      ],
    });
  }
  // One figure per row and year/basis: the newest document's.
  const seen = new Set<string>();
  const chosen = facts.filter((f) => {
    const key = `${labelKey(f.account)}|${f.year}|${f.basis}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const figures: UsedFigure[] = chosen.map((f) => ({
    fact: f,
    role: TOTAL.test(f.account) ? 'total' : basisKind(f.basis) === 'plan' ? 'plan' : 'item',
  }));
  // A whole year's plan leads with its grand total (the last total row printed), then the items.
  const grand = [...chosen].reverse().find((f) => TOTAL.test(f.account));
  const items = chosen.filter((f) => !TOTAL.test(f.account));
  const sentence = wanted
    ? `${chosen[0]?.account}: ${chosen.map((f) => `${periodWords(f, lang)} ${formatFigure(f, lang)}`).join(', ')}.`
    : `${m.title}, ${periodWords(chosen[0] as Fact, lang)}: ${
        grand ? `${grand.account} ${formatFigure({ ...grand, account: '' }, lang)}; ` : ''
      }${m.items(items.length)}: ${items.map((f) => `${f.account} ${formatFigure(f, lang)}`).join('; ')}.`;
  return buildAnswer(index, query, {
    body: { kind: 'investmentPlan', rows: chosen.map((_, i) => i) },
    title: `${m.title} ${chosen
      .map((f) => f.year)
      .filter((y, i, a) => a.indexOf(y) === i)
      .join(', ')}`,
    sentences: [sentence],
    figures,
  });
}
