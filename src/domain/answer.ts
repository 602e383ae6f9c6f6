import { z } from 'zod';
import { AnswerBodySchema, bodyRefs, statusOf } from './answer-body';
import { DecimalStringSchema, IsoDateSchema, UnitSchema } from './fact';
import { IntentSchema, LangSchema, QuerySchema } from './query';

/** Where a figure or text came from. */
export const SourceSchema = z.object({
  document: z.string(),
  /** 1-based line; in a PDF the line within `page`, in a workbook the row within `sheet`. */
  line: z.number().int().positive(),
  page: z.number().int().positive().optional(),
  sheet: z.string().optional(),
  cell: z.string().optional(),
});
export type Source = z.infer<typeof SourceSchema>;

/** The part a figure plays in an answer. */
export const FigureRoleSchema = z.enum([
  'actual',
  'budget',
  'plan',
  'value', // a figure asked for directly (compare, ranking, key figure)
  'change',
  'total',
  'item', // a part of a total (line items, investment items)
]);

/** A figure an answer rests on, with provenance (DESIGN.md, "Answer JSON"). */
export const AnswerFigureSchema = z.object({
  costCentre: z.string(),
  /** The names from the top down where the store holds several levels; `costCentre` is the last. */
  path: z.array(z.string()).optional(),
  account: z.string(),
  year: z.number().int(),
  basis: z.string(),
  asOf: IsoDateSchema.optional(),
  amount: DecimalStringSchema,
  unit: UnitSchema.default('EUR'),
  role: FigureRoleSchema,
  source: SourceSchema,
  /** True when this figure takes part in a reconciliation difference of its document. */
  unreconciled: z.boolean().optional(),
  /**
   * A figure no document prints, worked out exactly: the sum of `count` printed figures of the
   * same period (a place's account lines, or the places under it), found at these lines. Its
   * `source` is where the first of them is.
   */
  sum: z
    .object({
      of: z.enum(['accounts', 'costCentres', 'resultAreas', 'serviceAreas']),
      count: z.number().int().positive(),
      sources: z.array(
        z.object({
          document: z.string(),
          page: z.number().int().positive().optional(),
          sheet: z.string().optional(),
          lines: z.array(z.number().int().positive()),
        }),
      ),
    })
    .optional(),
});
export type AnswerFigure = z.infer<typeof AnswerFigureSchema>;

/** A button: a label and the question it sends back. */
export const OptionSchema = z.object({ label: z.string(), ask: z.string() });
export type Option = z.infer<typeof OptionSchema>;

/** A prose excerpt for what/why answers. */
export const ProseSchema = z.object({
  heading: z.string(),
  text: z.string(),
  truncated: z.boolean(),
  source: SourceSchema,
});

/** The answer to one turn. `card` is filled by the cards layer. */
export const AnswerSchema = z
  .object({
    status: z.enum(['answer', 'clarify', 'not_found']),
    lang: LangSchema,
    intent: IntentSchema.nullable(),
    /** Short heading: subject, measure and period ("Tietohallinto · menot 2022"). */
    title: z.string(),
    /** Plain-text answer in the user's language, with its number formats. */
    text: z.string(),
    figures: z.array(AnswerFigureSchema),
    /** Derived exact values as decimal strings: variance, usedShare, elapsedShare, pace, projection, remaining, difference, changePercent. */
    derived: z.record(z.string(), z.string()),
    /** Clarify: one per button. not_found: the closest real names. Answer: natural next questions. */
    options: z.array(OptionSchema),
    /** What the answer says, typed by kind: the cards are drawn from it; status and derived follow from it. */
    body: AnswerBodySchema,
    /** Prose answers only. */
    prose: ProseSchema.optional(),
    /** Notes the user must see ("lähteen luvut eivät täsmää", which period was used). */
    notes: z.array(z.string()),
    /** The understood question, so a follow-up can reuse it. Absent when nothing was understood. */
    query: QuerySchema.optional(),
    card: z.record(z.string(), z.unknown()).optional(),
  })
  // The body is the answer: its figure references must exist, and the status must be the body's.
  .superRefine((a, ctx) => {
    const missing = bodyRefs(a.body).filter((ref) => ref >= a.figures.length);
    if (missing.length > 0)
      ctx.addIssue({
        code: 'custom',
        path: ['body'],
        message: `body refers to figures ${missing.join(', ')} of ${a.figures.length}`,
      });
    if (statusOf(a.body) !== a.status)
      ctx.addIssue({
        code: 'custom',
        path: ['status'],
        message: `status ${a.status} with a ${a.body.kind} body`,
      });
  });
export type Answer = z.infer<typeof AnswerSchema>;
