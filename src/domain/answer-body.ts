import { z } from 'zod';
import { DecimalStringSchema, IsoDateSchema, TableKindSchema, UnitSchema } from './fact';
import { money } from './money';
import { SubjectSchema } from './query';

// What an answer says, typed by kind: the cards switch on `kind`, the stable Answer JSON
// (status, derived) is produced from it. Figures are referred to by their index in
// Answer.figures, so a card shows exactly the figures the answer rests on; derived values are
// exact decimal strings, computed once by the answering step.

/** Index of a figure in Answer.figures. */
export const FigureRefSchema = z.number().int().nonnegative();
export type FigureRef = z.infer<typeof FigureRefSchema>;

const Dec = DecimalStringSchema;

/** The row an answer is about: whose, which account as printed, in which table, in which unit. */
export const RowRefSchema = z.object({
  subject: SubjectSchema,
  /** The account asked (MENOT, TULOT, NETTOMENO, or a row label). */
  account: z.string(),
  /** The row label as the store prints it. */
  label: z.string(),
  table: TableKindSchema,
  unit: UnitSchema,
});
export type RowRef = z.infer<typeof RowRefSchema>;

/** Whether a row is spending, income or a net row: it decides the words for its variance. */
export const FlowSchema = z.enum(['expense', 'revenue', 'net']);
export type Flow = z.infer<typeof FlowSchema>;

/** Share of the year gone at a year-to-date actual's date (30.6.2022: 181/365). */
export const ElapsedSchema = z.object({
  day: z.number().int().positive(),
  daysInYear: z.number().int().positive(),
  share: Dec,
});

/** One figure of one row: a budget, a plan, or an actual without a budget beside it. */
export const FigureBodySchema = z.object({
  kind: z.literal('figure'),
  row: RowRefSchema,
  figure: FigureRefSchema,
});

/** A year's actual beside the same year's final budget (EUR rows), with what follows from the two. */
export const BudgetVsActualBodySchema = z.object({
  kind: z.literal('budgetVsActual'),
  row: RowRefSchema,
  actual: FigureRefSchema,
  budget: FigureRefSchema,
  flow: FlowSchema,
  /** What was asked of the pair: the overview, the money left, or the year-end outlook. */
  focus: z.enum(['overview', 'remaining', 'forecast']),
  /** actual − budget, signed: negative is unfavourable for expenses and revenues alike. */
  variance: Dec,
  /** budget − actual, signed as the figures. */
  remaining: Dec,
  /** |actual| / |budget|; null when the budget is zero or the two run opposite ways. */
  usedShare: Dec.nullable(),
  /** Only for a year-to-date actual. */
  elapsed: ElapsedSchema.nullable(),
  /** usedShare − elapsed share, percentage points; positive = ahead of an even pace. */
  pace: Dec.nullable(),
  /** Naive linear full-year estimate (actual / elapsed share), signed like the actual; an estimate. */
  projection: Dec.nullable(),
  /** projection − budget, signed like the variance. */
  projectedVariance: Dec.nullable(),
  /**
   * The seasonal estimate beside the linear one, where last year has a figure at the same date
   * (a monthly ledger): actual / (last year's to-date ÷ last year's whole year). An estimate.
   */
  seasonal: z
    .object({
      projection: Dec,
      projectedVariance: Dec,
      /** Last year's share of its whole year by the same date. */
      share: Dec,
      /** Last year's year-to-date figure at the same date, and its whole-year figure. */
      lastYearToDate: FigureRefSchema,
      lastYearTotal: FigureRefSchema,
    })
    .nullable()
    .optional(),
});

/** One row's figures of two or more years, and the change between the first and the last. */
export const YearChangeBodySchema = z.object({
  kind: z.literal('yearChange'),
  row: RowRefSchema,
  /** Every figure compared, in year order. */
  points: z.array(FigureRefSchema).min(2),
  /** last − first, signed as in the source. */
  difference: Dec,
  /** difference / |first| × 100; null when the first is zero. */
  changePercent: Dec.nullable(),
  /** The change row the document itself prints for the later year ("Henkilöstömenot, muutos %"), shown beside the computed change. */
  printedChange: FigureRefSchema.nullable(),
  /**
   * When a year has only a year-to-date actual, the points are like with like (the budgets, or
   * the same date a year earlier) and this says what the part-year actual is beside the full year
   * before it: the part-year actual, the earlier full-year actual, and the linear projection of the
   * year (an estimate) with its change against that full year in magnitudes.
   */
  partYear: z
    .object({
      actual: FigureRefSchema,
      previous: FigureRefSchema.nullable(),
      projection: Dec,
      projectedChangePercent: Dec.nullable(),
    })
    .nullable(),
});

/** Several subjects' figures of one row and year side by side, optionally their total or a share. */
export const SubjectComparisonBodySchema = z.object({
  kind: z.literal('subjectComparison'),
  account: z.string(),
  label: z.string(),
  year: z.number().int(),
  unit: UnitSchema,
  items: z.array(FigureRefSchema).min(2),
  /** last − first, signed as in the source. */
  difference: Dec,
  changePercent: Dec.nullable(),
  /** The subjects together, or the first one's share of the last one. */
  combined: z
    .discriminatedUnion('kind', [
      z.object({ kind: z.literal('total'), total: Dec }),
      z.object({ kind: z.literal('share'), share: Dec }),
    ])
    .nullable(),
});

/** One row of a ranking. `value` is what it is ranked by. */
export const RankItemSchema = z.object({
  name: z.string(),
  /** The figures the row rests on: the amount; the later and the earlier year; the actual and the budget. */
  figures: z.array(FigureRefSchema).min(1),
  /** amount: as printed; change: growth in magnitude; remaining: money left in magnitude; usedShare: a share. */
  value: Dec,
  /** Change rankings: the change relative to the earlier magnitude, in %. */
  percent: Dec.nullable(),
  /** Budget-metric rankings: |actual| / |budget|. */
  usedShare: Dec.nullable(),
  /** Budget-metric rankings of an open year: used share − share of the year gone, in points. */
  pace: Dec.nullable(),
});
export type RankItem = z.infer<typeof RankItemSchema>;

/** Subjects (cost centres or a service area's expense types) in order of a measure. */
export const RankingBodySchema = z.object({
  kind: z.literal('ranking'),
  /** What the rows are ranked by: the amount of one year, the change between two years, the money left, the share used. */
  metric: z.enum(['amount', 'change', 'remaining', 'usedShare']),
  /** Rows are cost centres, or a service area's line items (expense or income types). */
  of: z.enum(['costCentres', 'lineItems']),
  order: z.enum(['desc', 'asc']),
  account: z.string(),
  /** The unit of `value`: the figures' unit, or '%' for shares. */
  unit: UnitSchema,
  year: z.number().int(),
  /** Change rankings: the two years compared. */
  fromYear: z.number().int().nullable(),
  toYear: z.number().int().nullable(),
  /** How many subjects were compared (the list shows the top ones). */
  compared: z.number().int().nonnegative(),
  items: z.array(RankItemSchema),
  /** Open-year budget-metric rankings: the share of the year gone. */
  elapsedShare: Dec.nullable(),
});

/** One subject of an over/under budget list, with what puts it on the list. */
export const BudgetListItemSchema = z.object({
  name: z.string(),
  actual: FigureRefSchema,
  budget: FigureRefSchema,
  variance: Dec,
  usedShare: Dec.nullable(),
  pace: Dec.nullable(),
});
export type BudgetListItem = z.infer<typeof BudgetListItemSchema>;

/** The condition every row of a budget list satisfies. */
export const BudgetConditionSchema = z.enum([
  'overBudget', // actual beyond the budget: spent more, or more income came in
  'underBudget', // actual short of the budget
  'aheadOfPace', // open year: used share above the share of the year gone (or spending without a budget)
  'behindPace', // open year: used share below the share of the year gone
]);
export type BudgetCondition = z.infer<typeof BudgetConditionSchema>;

/** The subjects that satisfy a budget condition, worst first. */
export const OverBudgetListBodySchema = z.object({
  kind: z.literal('overBudgetList'),
  condition: BudgetConditionSchema,
  of: z.enum(['costCentres', 'lineItems']),
  account: z.string(),
  /** Revenue rows: "over" is more income than estimated. */
  revenue: z.boolean(),
  year: z.number().int(),
  /** How many subjects satisfy the condition (the list may show fewer). */
  count: z.number().int().nonnegative(),
  /** How many subjects were checked. */
  compared: z.number().int().nonnegative(),
  items: z.array(BudgetListItemSchema),
  /** Subjects with spending but no budget: listed apart, never as an overrun. */
  unbudgeted: z.array(BudgetListItemSchema),
  elapsedShare: Dec.nullable(),
});

/** One point of a series. */
export const SeriesPointSchema = z.object({
  figure: FigureRefSchema,
  year: z.number().int(),
  series: z.enum(['actual', 'budget', 'plan']),
  basis: z.string(),
  asOf: IsoDateSchema.nullable(),
  /** A year-to-date actual: not a whole year's figure. */
  partYear: z.boolean(),
});
export type SeriesPoint = z.infer<typeof SeriesPointSchema>;

/** A row over the years, actuals, budgets and plans apart, with the change over full years. */
export const SeriesBodySchema = z.object({
  kind: z.literal('series'),
  row: RowRefSchema,
  points: z.array(SeriesPointSchema).min(1),
  /** Between the first and last full-year actuals; null when there are fewer than two. */
  change: z
    .object({
      from: FigureRefSchema,
      to: FigureRefSchema,
      fromYear: z.number().int(),
      toYear: z.number().int(),
      difference: Dec,
      changePercent: Dec.nullable(),
    })
    .nullable(),
});

/**
 * One month's actual ("menot maaliskuussa"), or a span of months' ("heinä–syyskuussa"): the
 * year-to-date figure at the (last) month's end less the one at the end of the month before the
 * (first) month, said as the difference of the two; January's is its own.
 */
export const MonthAmountBodySchema = z.object({
  kind: z.literal('monthAmount'),
  row: RowRefSchema,
  year: z.number().int(),
  /** The month, or the last month of a span. */
  month: z.number().int().min(1).max(12),
  /** The first month of a span of months; null for one month. */
  fromMonth: z.number().int().min(1).max(12).nullable(),
  /** The year-to-date actual at the month's end. */
  end: FigureRefSchema,
  /** The year-to-date actual at the end of the month before; null when the period starts in January. */
  start: FigureRefSchema.nullable(),
  /** end − start, signed as the figures. */
  amount: Dec,
});

/** One month end of a monthly series. */
export const MonthPointSchema = z.object({
  /** The year-to-date actual at the month's end. */
  figure: FigureRefSchema,
  asOf: IsoDateSchema,
  month: z.number().int().min(1).max(12),
  /** The month's own actual (this month end less the previous one); null when the previous is not in the data. */
  monthAmount: Dec.nullable(),
});
export type MonthPoint = z.infer<typeof MonthPointSchema>;

/** A row's actuals of one year month by month ("kuukausittain"), from the year-to-date figures at month ends. */
export const MonthlySeriesBodySchema = z.object({
  kind: z.literal('monthlySeries'),
  row: RowRefSchema,
  year: z.number().int(),
  points: z.array(MonthPointSchema).min(1),
});

/** Key figures (counts, %, €/inhabitant, or any row of the key-figure table) as printed. */
export const KeyFiguresBodySchema = z.object({
  kind: z.literal('keyFigures'),
  rows: z.array(FigureRefSchema).min(1),
  /** Two figures of one row (an actual beside a budget): the later minus the earlier, as printed. */
  difference: Dec.nullable(),
});

/** Investment-plan items and subtotals by plan column; roles tell totals from items. */
export const InvestmentPlanBodySchema = z.object({
  kind: z.literal('investmentPlan'),
  rows: z.array(FigureRefSchema).min(1),
});

/** A passage of a document for what/why questions. */
export const ProseBodySchema = z.object({
  kind: z.literal('prose'),
  heading: z.string(),
  text: z.string(),
  truncated: z.boolean(),
  source: z.object({ document: z.string(), line: z.number().int().positive() }),
});

/** A list of what the data holds, for "mitä kustannuspaikkoja on?" (the cost centres, by service area) or its service areas. */
export const ListBodySchema = z.object({
  kind: z.literal('list'),
  of: z.enum(['costCentres', 'serviceAreas']),
  items: z.array(z.object({ name: z.string(), serviceArea: z.string().nullable() })),
});

/** Help or a greeting: what can be asked, with examples (the answer's options). */
export const HelpBodySchema = z.object({
  kind: z.literal('help'),
  variant: z.enum(['help', 'greeting']),
});

/** Words only: thanks, subscription commands, an answer that could not be made. */
export const MessageBodySchema = z.object({
  kind: z.literal('message'),
  topic: z.enum([
    'thanks',
    'subscribe',
    'unsubscribe',
    'listSubscriptions',
    'failure',
    'coverage', // what the data covers: years, as-of date, documents
    'definition', // what a term means
  ]),
});

/** A question back: which of these (the answer's options) was meant. */
export const ClarifyBodySchema = z.object({
  kind: z.literal('clarify'),
  term: z.string(),
  /**
   * subject: the question named no subject; the options are the whole area and every cost
   * centre, picked from a searchable list. Absent: which of these names was meant.
   */
  asks: z.literal('subject').optional(),
});

/** Why an answer has no figure. */
export const NotFoundReasonSchema = z.enum([
  'name', // a name the data does not have
  'measure', // words about a named subject that say nothing we know
  'row', // the subject has no such row
  'period', // the row has no figure for that year or date
  'noData', // nothing to rank or list
  'partYear', // a change asked between a year-to-date actual and a whole year
  'noText', // no passage answers a what/why question
  'nothing', // not understood at all
]);
export type NotFoundReason = z.infer<typeof NotFoundReasonSchema>;

/** Not in the data, and what exists instead (the answer's options). */
export const NotFoundBodySchema = z.object({
  kind: z.literal('notFound'),
  reason: NotFoundReasonSchema,
  /** The words asked about, when there are some. */
  term: z.string().nullable(),
});

/** What an answer says, by kind. */
export const AnswerBodySchema = z.discriminatedUnion('kind', [
  FigureBodySchema,
  BudgetVsActualBodySchema,
  YearChangeBodySchema,
  SubjectComparisonBodySchema,
  RankingBodySchema,
  OverBudgetListBodySchema,
  SeriesBodySchema,
  MonthAmountBodySchema,
  MonthlySeriesBodySchema,
  KeyFiguresBodySchema,
  InvestmentPlanBodySchema,
  ProseBodySchema,
  ListBodySchema,
  HelpBodySchema,
  MessageBodySchema,
  ClarifyBodySchema,
  NotFoundBodySchema,
]);
export type AnswerBody = z.infer<typeof AnswerBodySchema>;
/** The kinds of answer body. */
export type AnswerBodyKind = AnswerBody['kind'];
/** The body of one kind. */
export type BodyOf<K extends AnswerBodyKind> = Extract<AnswerBody, { kind: K }>;

/** The status of the stable Answer JSON follows from the body: a question back, nothing found, or an answer. */
export function statusOf(body: AnswerBody): 'answer' | 'clarify' | 'not_found' {
  if (body.kind === 'clarify') return 'clarify';
  if (body.kind === 'notFound') return 'not_found';
  return 'answer';
}

/** A body's exact ratio at the places the Answer JSON has always given it ("0.6208"): no exponent, no "-0". */
function places(value: string, n: number): string {
  const fixed = money(value).toDecimalPlaces(n);
  return fixed.isZero() ? '0' : fixed.toFixed();
}

/**
 * The Answer JSON's `derived` strings, produced from the body so the two can never disagree.
 * The keys are those of shared/DESIGN.md and of the answers before the body existed.
 */
export function derivedOf(body: AnswerBody): Record<string, string> {
  switch (body.kind) {
    case 'budgetVsActual': {
      const out: Record<string, string> = { variance: body.variance, remaining: body.remaining };
      if (body.usedShare !== null) out.usedShare = places(body.usedShare, 4);
      if (body.elapsed) out.elapsedShare = places(body.elapsed.share, 4);
      if (body.pace !== null) out.pace = places(body.pace, 2);
      if (body.projection !== null) out.projection = body.projection;
      if (body.projectedVariance !== null) out.projectedVariance = body.projectedVariance;
      if (body.seasonal) {
        out.seasonalProjection = body.seasonal.projection;
        out.seasonalProjectedVariance = body.seasonal.projectedVariance;
        out.seasonalShare = places(body.seasonal.share, 4);
      }
      return out;
    }
    case 'yearChange':
      return {
        difference: body.difference,
        ...(body.changePercent === null ? {} : { changePercent: places(body.changePercent, 2) }),
        ...(body.partYear === null ? {} : { projection: body.partYear.projection }),
      };
    case 'subjectComparison': {
      const out: Record<string, string> = { difference: body.difference };
      if (body.changePercent !== null) out.changePercent = places(body.changePercent, 2);
      if (body.combined?.kind === 'total') out.total = body.combined.total;
      if (body.combined?.kind === 'share') out.share = places(body.combined.share, 4);
      return out;
    }
    case 'ranking': {
      const out: Record<string, string> = {
        count: String(body.items.length),
        compared: String(body.compared),
      };
      if (body.metric === 'change' && body.fromYear !== null && body.toYear !== null) {
        out.fromYear = String(body.fromYear);
        out.toYear = String(body.toYear);
      }
      body.items.forEach((item, i) => {
        if (body.metric === 'change') {
          out[`change${i + 1}`] = item.value;
          if (item.percent !== null) out[`changePercent${i + 1}`] = places(item.percent, 2);
        } else if (body.metric === 'remaining') {
          out[`remaining${i + 1}`] = item.value;
        } else if (body.metric === 'usedShare') {
          out[`usedShare${i + 1}`] = places(item.value, 4);
        }
      });
      if (body.elapsedShare !== null) out.elapsedShare = places(body.elapsedShare, 4);
      return out;
    }
    case 'overBudgetList': {
      const out: Record<string, string> = { count: String(body.count), compared: String(body.compared) };
      if (body.elapsedShare !== null) out.elapsedShare = places(body.elapsedShare, 4);
      return out;
    }
    case 'series':
      if (!body.change) return {};
      return {
        difference: body.change.difference,
        ...(body.change.changePercent === null
          ? {}
          : { changePercent: places(body.change.changePercent, 2) }),
        fromYear: String(body.change.fromYear),
        toYear: String(body.change.toYear),
      };
    case 'keyFigures':
      return body.difference === null ? {} : { difference: body.difference };
    case 'monthAmount':
      return {
        monthAmount: body.amount,
        month: String(body.month),
        ...(body.fromMonth === null ? {} : { fromMonth: String(body.fromMonth) }),
      };
    case 'monthlySeries':
      return Object.fromEntries(
        body.points.filter((p) => p.monthAmount !== null).map((p) => [`month${p.month}`, p.monthAmount!]),
      );
    case 'figure':
    case 'investmentPlan':
    case 'prose':
    case 'list':
    case 'help':
    case 'message':
    case 'clarify':
    case 'notFound':
      return {};
  }
}

/** Every figure index a body refers to. */
export function bodyRefs(body: AnswerBody): FigureRef[] {
  switch (body.kind) {
    case 'figure':
      return [body.figure];
    case 'budgetVsActual':
      return [
        body.actual,
        body.budget,
        ...(body.seasonal ? [body.seasonal.lastYearToDate, body.seasonal.lastYearTotal] : []),
      ];
    case 'yearChange':
      return [
        ...body.points,
        ...(body.printedChange === null ? [] : [body.printedChange]),
        ...(body.partYear
          ? [body.partYear.actual, ...(body.partYear.previous === null ? [] : [body.partYear.previous])]
          : []),
      ];
    case 'subjectComparison':
      return body.items;
    case 'ranking':
      return body.items.flatMap((i) => i.figures);
    case 'overBudgetList':
      return [...body.items, ...body.unbudgeted].flatMap((i) => [i.actual, i.budget]);
    case 'series':
      return [
        ...body.points.map((p) => p.figure),
        ...(body.change ? [body.change.from, body.change.to] : []),
      ];
    case 'monthAmount':
      return body.start === null ? [body.end] : [body.end, body.start];
    case 'monthlySeries':
      return body.points.map((p) => p.figure);
    case 'keyFigures':
    case 'investmentPlan':
      return body.rows;
    case 'prose':
    case 'list':
    case 'help':
    case 'message':
    case 'clarify':
    case 'notFound':
      return [];
  }
}
