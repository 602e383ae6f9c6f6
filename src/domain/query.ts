import { z } from 'zod';
import { IsoDateSchema } from './fact';

/** Reply language, detected per message. */
export const LangSchema = z.enum(['fi', 'en']);
export type Lang = z.infer<typeof LangSchema>;

/** What the user wants done. */
export const IntentSchema = z.enum([
  'figure', // one measure of one subject and period ("Joukkoliikenteen menot 2021")
  'budgetVsActual', // actual beside the year's budget, variance, used share, pace
  'remaining', // budget − actual ("paljonko on jäljellä")
  'forecast', // pace and naive projection ("ylittyykö", "riittääkö")
  'compare', // between years or between subjects
  'ranking', // top N by account and period
  'overBudget', // which subjects are over budget / ahead of pace
  'trend', // all years in order
  'prose', // what/why questions answered with a section of text
  'dataInfo', // what the data holds: cost centres, service areas, years, as-of date, sources
  'define', // what a term means: "mitä tarkoittaa KS?"
  'help',
  'greeting',
  'thanks',
  'subscribe', // alerts: "tilaa hälytykset", "tilaa hälytys Tietohallinto 80 %"
  'unsubscribe', // "lopeta hälytykset", "lopeta Tietohallinto"
  'listSubscriptions', // "näytä tilaukset"
]);
export type Intent = z.infer<typeof IntentSchema>;

/** A thing a question is about: a cost centre or the whole service area. Names are canonical. */
export const SubjectSchema = z.object({
  kind: z.enum(['costCentre', 'serviceArea']),
  name: z.string(),
});
export type Subject = z.infer<typeof SubjectSchema>;

/** Which kind of column the question asks for; null = the default rules of DOMAIN.md decide. */
export const MeasureSchema = z.enum(['actual', 'budget', 'plan']);
export type Measure = z.infer<typeof MeasureSchema>;

/**
 * A question as understood: everything the answering step needs, nothing of the raw text's
 * shape. Names and labels are canonical (as in the store).
 */
export const QuerySchema = z.object({
  intent: IntentSchema,
  lang: LangSchema,
  subjects: z.array(SubjectSchema),
  /** MENOT, TULOT, NETTOMENO, or a row label as printed (line item, key figure, investment item). */
  account: z.string().nullable(),
  /** The table the account lives in, when it is a service-area row. */
  table: z
    .enum(['costCentres', 'operatingStatement', 'keyFigures', 'appropriations', 'investments', 'accounts'])
    .nullable(),
  measure: MeasureSchema.nullable(),
  /** Years named or resolved from relative words; empty = default rules. */
  years: z.array(z.number().int()),
  /** The years the conversation asked before this question's ("Vaalit 2019" → "entä 2018?"): "vertaa näitä" compares them. */
  priorYears: z.array(z.number().int()).optional(),
  /** A date asked for ("30.6.2022", "kesäkuun loppuun"); null = newest available. */
  asOf: IsoDateSchema.nullable(),
  /**
   * month: the period is the one month that ends at `asOf` ("menot maaliskuussa"), the
   * difference of two year-to-date figures; absent: the year to `asOf` (or the year).
   */
  span: z.literal('month').optional(),
  /**
   * With span month: the first month of a span of months that ends at `asOf` ("heinä–syyskuussa"
   * = 7): YTD(asOf) − YTD(the end of the month before it); absent: the month alone.
   */
  fromMonth: z.number().int().min(2).max(12).optional(),
  /** month: a series month by month of one year ("kuukausittain"); absent: year by year. */
  granularity: z.literal('month').optional(),
  /** How the period was arrived at, so the answer can say so ("tähän mennessä", "viime vuonna"). */
  periodNote: z.string().nullable(),
  topN: z.number().int().positive().nullable(),
  order: z.enum(['desc', 'asc']).nullable(),
  /** Subjects of a comparison asked together (their total) or as a share of the last one. */
  combine: z.enum(['total', 'share']).optional(),
  /** Which side an over-budget list shows: over (absent) or under budget / behind pace. */
  side: z.enum(['over', 'under']).optional(),
  /** An open year's over- or under-budget list by pace ("tahtia edellä"), not by the budget itself. */
  pace: z.literal(true).optional(),
  /** What a ranking orders by: the amount of one year (absent), the change between two years, the money left, or the share of the budget used. */
  rankBy: z.enum(['amount', 'change', 'remaining', 'usedShare']).optional(),
  /** The level a list or ranking compares ("mikä toimiala…"); absent = cost centres. */
  level: z.enum(['serviceArea', 'resultArea', 'costCentre']).optional(),
  /** The city was asked about: the subjects are every service area the store holds, and the answer says so. */
  city: z.literal(true).optional(),
  /**
   * A question asked back: the places its name could mean ("Hallinto" under many parents), so
   * the next message may choose by naming a parent ("Sivistyspalveluiden") or ask on about a
   * period ("entä 2022?") and still be asked which.
   */
  among: z.array(z.string()).optional(),
  /** Topic words for prose questions ("tavoitteet", "sopeuttamisohjelma"). */
  topic: z.string().nullable(),
  /** Alert threshold asked for in a subscription, or the share of the budget used a list by share used starts past ("yli puolet"), as a share string ("0.8"). */
  threshold: z.string().nullable(),
  /** Quiet period asked for in a subscription, in days ("enintään kerran viikossa" = 7). */
  quietDays: z.number().int().nonnegative().optional(),
  /** The question as the user typed it (after mention removal), for echo. Never a template. */
  text: z.string(),
});
export type Query = z.infer<typeof QuerySchema>;

/** A query with nothing named yet: the starting point of reading a message, and the context of an answer that understood nothing. */
export function emptyQuery(lang: Lang, text: string, intent: Intent = 'figure'): Query {
  return {
    intent,
    lang,
    subjects: [],
    account: null,
    table: null,
    measure: null,
    years: [],
    asOf: null,
    periodNote: null,
    topN: null,
    order: null,
    topic: null,
    threshold: null,
    text,
  };
}
