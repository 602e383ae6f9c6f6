/**
 * Charts that are right: every chart's data is the answer's figures, each exactly once, in the
 * chart's unit. Checked on real answers from the store (trends with actuals and budgets,
 * rankings by amount and by change) and on the card fixtures.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BudgetAssistant } from '../src/assistant/budget-assistant';
import { renderAnswerCard } from '../src/cards';
import { figureAt } from '../src/cards/body-figures';
import { chartScale, chartValue } from '../src/cards/chart-scale';
import { isExpenseLike } from '../src/cards/figure-text';
import { MAX_RANKING_ROWS } from '../src/cards/ranking-card';
import { MAX_TREND_POINTS } from '../src/cards/trend-card';
import type { Answer } from '../src/domain';
import { AliasesSchema } from '../src/ingest/aliases';
import { ingestSources } from '../src/ingest/ingest-files';
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

describe('month charts', () => {
  // The store `npm run ingest -- seeds/*.txt examples/ledger/*.csv` builds: 2022 has the report's
  // 30.6. figure and the ledger's month ends from July, 2021 every month end.
  let ledger: BudgetAssistant;
  beforeAll(() => {
    const root = join(import.meta.dirname, '..');
    const aliases = AliasesSchema.parse(JSON.parse(readFileSync(join(root, 'data/aliases.json'), 'utf8')));
    const csv = join(root, 'examples/ledger');
    const paths = [
      ...['000_d3382b3632755c54.txt', '001_a49d1ed256dc6eed.txt'].map((n) => join(root, 'seeds', n)),
      ...readdirSync(csv)
        .filter((f) => f.endsWith('.csv'))
        .map((f) => join(csv, f)),
    ];
    ledger = BudgetAssistant.fromData(
      ingestSources(
        paths.map((path) => ({ path, bytes: new Uint8Array(readFileSync(path)) })),
        aliases,
      ).data,
    );
  });

  it.each([
    [
      'Tietohallinnon menot kuukausittain 2022',
      'fi',
      'Kuukausittain 2022 (heinä–joulu)',
      '1.1.–30.6.2022 yhteensä\n924 370 €',
    ],
    ['IT expenses by month 2022', 'en', 'By month 2022 (Jul–Dec)', '1 Jan–30 Jun 2022 in total\n€924,370'],
  ])('should draw only single months for "%s", the year so far said in the table and a note', (q, lang, title, row) => {
    const answer = ledger.ask(q, null);
    expect(answer.lang).toBe(lang);
    expect(answer.body.kind).toBe('monthlySeries');
    if (answer.body.kind !== 'monthlySeries') return;
    const card = renderAnswerCard(answer);
    const chart = card.body.find(
      (e) => (e as { type: string }).type === 'Chart.VerticalBar.Grouped',
    ) as Chart;
    expect((chart as unknown as { title: string }).title).toBe(title);
    // One bar per month whose own figure is known (July–December 2022 from the ledger), each
    // the month's difference, in the chart's unit; the 1.1.–30.6. figure is not a bar.
    const months = answer.body.points.filter((p) => p.monthAmount !== null);
    expect(months.map((p) => p.month)).toEqual([7, 8, 9, 10, 11, 12]);
    const amounts = months.map((p) => ({ amount: p.monthAmount as string }));
    const scale = chartScale(amounts, answer.lang);
    expect(chart.data).toHaveLength(1);
    expect(chart.data[0]?.values?.map((v) => v.y)).toEqual(amounts.map((a) => chartValue(a, true, scale)));
    expect(chart.data[0]?.values).toHaveLength(6);
    const text = cardText(card).replace(/\u00a0/g, ' ');
    expect(text).toContain(row);
    expect(text).toContain(
      lang === 'fi' ? 'Kaaviossa vain yksittäiset kuukaudet' : 'The chart shows single months only',
    );
  });

  it('should chart every month of a year whose every month end is in the data (2021), January included', () => {
    const answer = ledger.ask('Tietohallinnon menot kuukausittain 2021', null);
    if (answer.body.kind !== 'monthlySeries') throw new Error(answer.text);
    const chart = chartOf(answer, 'Chart.VerticalBar.Grouped');
    expect(chart.data[0]?.values).toHaveLength(12);
    expect(chart.data[0]?.values?.[0]?.x).toBe('tammi');
    expect(cardText(renderAnswerCard(answer))).not.toContain('Kaaviossa vain');
  });

  it('should show the table, not an empty chart, when the year so far is the only figure', async () => {
    const answer = await ask('Tietohallinnon menot kuukausittain 2022');
    expect(answer.body.kind).toBe('monthlySeries');
    const card = renderAnswerCard(answer);
    expect(card.body.some((e) => (e as { type: string }).type === 'Chart.VerticalBar.Grouped')).toBe(false);
    expect(cardText(card).replace(/\u00a0/g, ' ')).toContain('1.1.–30.6.2022 yhteensä\n924 370 €');
  });
});
