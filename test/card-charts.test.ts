/**
 * Charts that are right: every chart's data is the answer's figures, each exactly once, in the
 * chart's unit. Checked on real answers from the store (trends with actuals and budgets,
 * rankings by amount and by change) and on the card fixtures.
 */
import { describe, expect, it } from 'vitest';
import { renderAnswerCard } from '../src/cards';
import { figureAt } from '../src/cards/body-figures';
import { chartScale, chartValue } from '../src/cards/chart-scale';
import { isExpenseLike } from '../src/cards/figure-text';
import { MAX_RANKING_ROWS } from '../src/cards/ranking-card';
import { MAX_TREND_POINTS } from '../src/cards/trend-card';
import type { Answer } from '../src/domain';
import { answerFixture, cardText } from './card-fixtures';
import { realAssistant } from './support/real-core';

type Chart = {
  type: string;
  yAxisTitle: string;
  data: Array<{ legend?: string; values?: { x: string; y: number }[]; x?: string; y?: number }>;
  fallback: unknown;
};

function chartOf(answer: Answer, type: string): Chart {
  const card = renderAnswerCard(answer);
  const chart = card.body.find((e) => (e as { type: string }).type === type) as Chart | undefined;
  if (!chart) throw new Error(`no ${type} in the card of "${answer.query?.text}"`);
  return chart;
}

/** The trend questions asked of the store, and the series each must chart. */
const TRENDS = [
  'Tietohallinnon kehitys',
  'Vaalit menot vuosittain',
  'joukkoliikenteen nettomenot vuosittain',
];

/** The ranking questions asked of the store. */
const RANKINGS = ['suurimmat menot', 'mitkä kasvoivat eniten 2020–2021', 'pienimmät menot 2021'];

async function ask(question: string): Promise<Answer> {
  return (await realAssistant()).ask(question, null);
}

describe('trend charts', () => {
  it.each(TRENDS)('should chart every point of "%s" once, actuals and budgets as two series', async (q) => {
    const answer = await ask(q);
    expect(answer.body.kind).toBe('series');
    if (answer.body.kind !== 'series') return;
    const chart = chartOf(answer, 'Chart.VerticalBar.Grouped');
    const points = answer.body.points.slice(-2 * MAX_TREND_POINTS);
    const figures = points.map((p) => figureAt(answer, p.figure));
    const expense = isExpenseLike(figures);
    const scale = chartScale(figures, answer.lang);
    expect(chart.yAxisTitle).toBe(scale.label);
    const legends = { actual: 'Toteuma', budget: 'Budjetti', plan: 'Suunnitelma' } as const;
    const want = points
      .map((p) => ({
        legend: legends[p.series],
        // Every series of a year whose actual is part of it shares the marked category.
        x: points.some((q) => q.year === p.year && q.partYear) ? `${p.year}*` : String(p.year),
        y: chartValue(figureAt(answer, p.figure), expense, scale),
      }))
      .sort((a, b) => `${a.legend}${a.x}`.localeCompare(`${b.legend}${b.x}`));
    const got = chart.data
      .flatMap((s) => (s.values ?? []).map((v) => ({ legend: s.legend, x: v.x, y: v.y })))
      .sort((a, b) => `${a.legend}${a.x}`.localeCompare(`${b.legend}${b.x}`));
    // Every point exactly once: nothing dropped, nothing doubled.
    expect(got).toEqual(want);
    expect(new Set(chart.data.map((s) => s.legend))).toEqual(new Set(points.map((p) => legends[p.series])));
    // The open year's actual is marked and explained.
    const part = points.find((p) => p.partYear);
    if (part) expect(cardText(renderAnswerCard(answer))).toContain(`* ${part.year}: toteuma 1.1.–`);
  });

  it('should give the table fallback every figure exact', async () => {
    const answer = await ask('Tietohallinnon kehitys');
    const table = cardText(chartOf(answer, 'Chart.VerticalBar.Grouped').fallback).replace(/\u00a0/g, ' ');
    expect(table).toContain('Vuosi\nToteuma\nBudjetti');
    expect(table).toContain('2021\n1 577 137 €\n1 436 020 €');
    expect(table).toContain('2022*\n924 370 €\n1 488 900 €');
    const chart = chartOf(answer, 'Chart.VerticalBar.Grouped');
    // The open year is one group: its actual and its budget side by side.
    expect(new Set(chart.data.flatMap((s) => (s.values ?? []).map((v) => v.x)))).toEqual(
      new Set(['2018', '2019', '2020', '2021', '2022*']),
    );
    expect(table).toContain('2018\n1 341 404 €\n–');
  });

  it('should count the axis in t€ or milj. €, never in raw euros with a k', () => {
    expect(chartScale([{ amount: '-1341404' }], 'fi').label).toBe('milj. €');
    expect(chartScale([{ amount: '-228633' }], 'fi').label).toBe('milj. €');
    expect(chartScale([{ amount: '-39765' }], 'fi').label).toBe('t€');
    expect(chartScale([{ amount: '-996' }], 'fi').label).toBe('€');
    expect(chartValue({ amount: '-1341404' }, true, chartScale([{ amount: '-1341404' }], 'fi'))).toBe(1.341);
  });
});

describe('ranking charts', () => {
  it.each(RANKINGS)('should draw a bar for every ranked row of "%s", in rank order', async (q) => {
    const answer = await ask(q);
    expect(answer.body.kind).toBe('ranking');
    if (answer.body.kind !== 'ranking') return;
    const chart = chartOf(answer, 'Chart.HorizontalBar');
    const items = answer.body.items.slice(0, MAX_RANKING_ROWS);
    expect(chart.data.map((d) => d.x)).toEqual(items.map((i) => i.name));
    if (answer.body.metric === 'change') {
      const scale = chartScale(
        items.map((i) => ({ amount: i.value })),
        answer.lang,
      );
      expect(chart.data.map((d) => d.y)).toEqual(
        items.map((i) => chartValue({ amount: i.value }, false, scale)),
      );
    } else {
      const figures = items.map((i) => figureAt(answer, i.figures[0] as number));
      const scale = chartScale(figures, answer.lang);
      const expense = isExpenseLike(figures);
      expect(chart.data.map((d) => d.y)).toEqual(figures.map((f) => chartValue(f, expense, scale)));
    }
  });

  it('should keep the exact table beside the bars (the chart is dropped where charts are unknown)', () => {
    const answer = answerFixture('ranking.fi');
    const card = renderAnswerCard(answer);
    const chart = card.body.find((e) => (e as { type: string }).type === 'Chart.HorizontalBar') as Chart;
    expect(chart.fallback).toBe('drop');
    expect(chart.data).toHaveLength(answer.body.kind === 'ranking' ? answer.body.items.length : 0);
    expect(cardText(card).replace(/\u00a0/g, ' ')).toContain('1.\nTietohallinto\n924 370 €');
  });
});
