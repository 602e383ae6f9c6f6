import type { Answer, AnswerFigure } from '../domain/answer';
import type { AnswerBody, BodyOf, BudgetCondition } from '../domain/answer-body';
import { formatChangePercent, formatEuro, formatShare } from '../domain/format';
import { money } from '../domain/money';
import type { Lang } from '../domain/query';
import { isMarginRow } from '../domain/row-kind';
import { figureAt } from './body-figures';
import { columnName, formatAmount, isExpenseLike } from './figure-text';
import { cardLabels } from './labels';

// The one line a card opens with, in the words a manager uses: what the figures say, without
// codes ("Käytetty 62,1 % · vuodesta kulunut 49,6 % · jäljellä 564 530 €"). It is also the
// notification preview and what a screen reader announces first. Empty for answers that are
// words (help, a question back): their text says it.

const SEP = ' · ';

function t(lang: Lang, fi: string, en: string): string {
  return lang === 'fi' ? fi : en;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A figure's amount as people read it: expenses as magnitudes. */
function shown(f: AnswerFigure, lang: Lang, magnitude: boolean): string {
  return formatAmount(f.amount, f.unit, lang, magnitude);
}

function budgetVsActual(answer: Answer, body: BodyOf<'budgetVsActual'>): string {
  const lang = answer.lang;
  const actual = figureAt(answer, body.actual);
  const budget = figureAt(answer, body.budget);
  const magnitude = isExpenseLike([actual, budget]);
  const remaining = money(body.remaining);
  // Remaining = budget − actual; a sign opposite to the budget's means the budget is passed.
  const passed = !remaining.isZero() && remaining.isNegative() !== money(budget.amount).isNegative();
  const left = passed
    ? t(lang, `ylitetty ${formatEuro(remaining.abs(), lang)}`, `over by ${formatEuro(remaining.abs(), lang)}`)
    : t(lang, `jäljellä ${formatEuro(remaining.abs(), lang)}`, `${formatEuro(remaining.abs(), lang)} left`);
  const revenue = body.flow === 'revenue';
  if (body.focus === 'forecast' && body.projection !== null) {
    const projected = formatAmount(body.projection, actual.unit, lang, magnitude);
    return capitalise(
      [
        t(lang, `koko vuoden ennuste (arvio) ${projected}`, `full-year projection (estimate) ${projected}`),
        t(lang, `budjetti ${shown(budget, lang, magnitude)}`, `budget ${shown(budget, lang, magnitude)}`),
      ].join(SEP),
    );
  }
  if (body.elapsed) {
    const elapsed = formatShare(body.elapsed.share, lang);
    if (body.usedShare === null)
      return capitalise(
        [
          `${columnName(actual, lang)} ${shown(actual, lang, magnitude)}`,
          t(lang, `budjetti ${shown(budget, lang, magnitude)}`, `budget ${shown(budget, lang, magnitude)}`),
        ].join(SEP),
      );
    const used = formatShare(body.usedShare, lang);
    const parts = revenue
      ? [
          t(lang, `kertynyt ${used} arviosta`, `${used} of the estimate received`),
          t(lang, `vuodesta kulunut ${elapsed}`, `${elapsed} of the year gone`),
        ]
      : [
          t(lang, `käytetty ${used}`, `${used} used`),
          t(lang, `vuodesta kulunut ${elapsed}`, `${elapsed} of the year gone`),
          left,
        ];
    if (body.focus === 'remaining') parts.unshift(parts.splice(parts.indexOf(left), 1)[0] ?? left);
    return capitalise(parts.join(SEP));
  }
  // A closed year: the actual beside the budget, and by how much it differs.
  const variance = money(body.variance);
  const by = formatEuro(variance.abs(), lang);
  const verdict = variance.isZero()
    ? t(lang, 'budjetin mukaan', 'on budget')
    : isMarginRow(actual.account)
      ? variance.isNegative()
        ? t(lang, `${by} heikompi kuin arvioitu`, `${by} worse than estimated`)
        : t(lang, `${by} parempi kuin arvioitu`, `${by} better than estimated`)
      : revenue
        ? variance.isNegative()
          ? t(lang, `${by} alle arvion`, `${by} short of the estimate`)
          : t(lang, `${by} yli arvion`, `${by} above the estimate`)
        : variance.isNegative()
          ? t(lang, `ylitys ${by}`, `overspent by ${by}`)
          : t(lang, `alitus ${by}`, `underspent by ${by}`);
  return capitalise(
    [
      `${columnName(actual, lang)} ${shown(actual, lang, magnitude)}`,
      t(
        lang,
        `${revenue ? 'arvio' : 'budjetti'} ${shown(budget, lang, magnitude)}`,
        `${revenue ? 'estimate' : 'budget'} ${shown(budget, lang, magnitude)}`,
      ),
      verdict,
    ].join(SEP),
  );
}

/** A change as people read it: for expenses the change of the amount spent (+ = more spent), in the row's unit. */
function change(
  difference: string,
  percent: string | null,
  expense: boolean,
  lang: Lang,
  unit: AnswerFigure['unit'],
): string {
  const d = expense ? money(difference).neg() : money(difference);
  // A count changes by a number of posts, not of euros ("−8", never "−8 €").
  const amount =
    unit === 'EUR'
      ? formatEuro(d, lang, { signed: true })
      : `${d.isPositive() && !d.isZero() ? '+' : ''}${formatAmount(d.toString(), unit, lang, false)}`;
  if (percent === null) return amount;
  const p = expense ? money(percent).neg() : money(percent);
  return `${amount} (${formatChangePercent(p, lang)})`;
}

function conditionWords(condition: BudgetCondition, revenue: boolean, lang: Lang): string {
  switch (condition) {
    case 'overBudget':
      return revenue
        ? t(lang, 'tuloja yli arvion', 'revenue above the estimate')
        : t(lang, 'yli budjetin', 'over budget');
    case 'underBudget':
      return revenue
        ? t(lang, 'tuloja alle arvion', 'revenue short of the estimate')
        : t(lang, 'alle budjetin', 'under budget');
    case 'aheadOfPace':
      return t(lang, 'tasaista tahtia edellä', 'ahead of an even pace');
    case 'behindPace':
      return t(lang, 'tasaista tahtia jäljessä', 'behind an even pace');
  }
}

function ranking(answer: Answer, body: BodyOf<'ranking'>): string {
  const lang = answer.lang;
  const first = body.items[0];
  if (!first) return '';
  const figure = figureAt(answer, first.figures[0] as number);
  const asc = body.order === 'asc';
  switch (body.metric) {
    case 'amount':
      return `${asc ? t(lang, 'Pienin', 'Smallest') : t(lang, 'Suurin', 'Largest')}: ${first.name} ${shown(figure, lang, isExpenseLike([figure]))}`;
    case 'change': {
      const amount = formatEuro(first.value, lang, { signed: true });
      const pct = first.percent === null ? '' : ` (${formatChangePercent(first.percent, lang)})`;
      const label = money(first.value).isNegative()
        ? t(lang, 'Eniten laski', 'Fell most')
        : t(lang, 'Eniten kasvoi', 'Grew most');
      return `${label}: ${first.name} ${amount}${pct}`;
    }
    case 'remaining':
      return `${asc ? t(lang, 'Vähiten jäljellä', 'Least left') : t(lang, 'Eniten jäljellä', 'Most left')}: ${first.name} ${formatEuro(first.value, lang)}`;
    case 'usedShare':
      return `${asc ? t(lang, 'Pienin käyttöaste', 'Lowest share used') : t(lang, 'Suurin käyttöaste', 'Highest share used')}: ${first.name} ${formatShare(first.value, lang)}`;
  }
}

function subjectComparison(answer: Answer, body: BodyOf<'subjectComparison'>): string {
  const lang = answer.lang;
  const figures = body.items.map((ref) => figureAt(answer, ref));
  const magnitude = isExpenseLike(figures);
  const parts = figures.slice(0, 3).map((f) => `${f.costCentre} ${shown(f, lang, magnitude)}`);
  if (body.combined?.kind === 'total') {
    const total = magnitude ? money(body.combined.total).abs() : money(body.combined.total);
    parts.push(t(lang, `yhteensä ${formatEuro(total, lang)}`, `together ${formatEuro(total, lang)}`));
  } else if (body.combined?.kind === 'share') {
    parts.push(
      t(
        lang,
        `osuus ${formatShare(body.combined.share, lang)}`,
        `share ${formatShare(body.combined.share, lang)}`,
      ),
    );
  }
  return parts.join(SEP);
}

/** The line a card opens with, for every kind of answer (empty when the answer is words). */
export function headline(answer: Answer): string {
  const body: AnswerBody = answer.body;
  const lang = answer.lang;
  switch (body.kind) {
    case 'budgetVsActual':
      return budgetVsActual(answer, body);
    case 'figure': {
      const f = figureAt(answer, body.figure);
      return `${columnName(f, lang)}: ${shown(f, lang, isExpenseLike([f]))}`;
    }
    case 'yearChange': {
      const figures = body.points.map((ref) => figureAt(answer, ref));
      const magnitude = isExpenseLike(figures);
      const values = figures.map((f) => `${columnName(f, lang)} ${shown(f, lang, magnitude)}`).join(' → ');
      // The points are like with like (a part of a year is never compared with a whole one).
      return `${values}${SEP}${change(body.difference, body.changePercent, magnitude, lang, figures[0]?.unit ?? 'EUR')}`;
    }
    case 'subjectComparison':
      return subjectComparison(answer, body);
    case 'ranking':
      return ranking(answer, body);
    case 'overBudgetList':
      return `${body.count}/${body.compared} ${body.of === 'lineItems' ? t(lang, 'kululajia', 'line items') : t(lang, 'kustannuspaikkaa', 'cost centres')} ${conditionWords(body.condition, body.revenue, lang)}`;
    case 'series': {
      if (!body.change) {
        const last = body.points.at(-1);
        if (!last) return '';
        const f = figureAt(answer, last.figure);
        return `${columnName(f, lang)}: ${shown(f, lang, isExpenseLike([f]))}`;
      }
      const figures = body.points.map((p) => figureAt(answer, p.figure));
      const c = body.change;
      return `${t(lang, 'Muutos', 'Change')} ${c.fromYear}–${c.toYear}: ${change(c.difference, c.changePercent, isExpenseLike(figures), lang, figures[0]?.unit ?? 'EUR')}`;
    }
    case 'monthAmount': {
      const end = figureAt(answer, body.end);
      return `${cardLabels(lang).monthAmount(body.month, body.year, body.start !== null)}: ${formatAmount(body.amount, end.unit, lang, isExpenseLike([end]))}`;
    }
    case 'monthlySeries': {
      // The newest month with its own figure: what a manager looks at first.
      const last = [...body.points].reverse().find((p) => p.monthAmount !== null);
      if (!last || last.monthAmount === null) return '';
      const f = figureAt(answer, last.figure);
      return `${cardLabels(lang).monthAmount(last.month, body.year, last.month > 1)}: ${formatAmount(last.monthAmount, f.unit, lang, isExpenseLike([f]))}`;
    }
    case 'keyFigures': {
      if (body.rows.length !== 1) return '';
      const f = figureAt(answer, body.rows[0] as number);
      return `${f.account}: ${formatAmount(f.amount, f.unit, lang, false)}`;
    }
    case 'list':
      return body.of === 'serviceAreas'
        ? t(lang, `${body.items.length} palvelualuetta`, `${body.items.length} service areas`)
        : t(lang, `${body.items.length} kustannuspaikkaa`, `${body.items.length} cost centres`);
    case 'investmentPlan':
    case 'prose':
    case 'help':
    case 'message':
    case 'clarify':
    case 'notFound':
      return '';
  }
}
