import { z } from 'zod';
import { DecimalStringSchema, type Fact, FactSchema, factProblem, IsoDateSchema } from './fact';

/** A source document that was ingested. */
export const DocumentInfoSchema = z.object({
  name: z.string(), // file name, e.g. 000_d3382b3632755c54.txt
  title: z.string(), // e.g. "Toteutuma 30.6.2022 - Käyttösuunnitelma 2022"
  /** tabbed/pdfText: text reports; pdf: a PDF read itself; workbook: a report as an Excel workbook; ledgerExport: a ledger report export (.xlsx). */
  layout: z.enum(['tabbed', 'pdfText', 'actualsCsv', 'pdf', 'workbook', 'ledgerExport']),
  serviceArea: z.string().nullable(),
  /** The newest period the document reports (its TOT date, else 31.12. of its newest budget year). */
  reportDate: IsoDateSchema.nullable(),
  lines: z.number().int().nonnegative(),
});
export type DocumentInfo = z.infer<typeof DocumentInfoSchema>;

/** The levels of a city's budget: kaupunki → toimiala/palvelualue → tulosalue → kustannuspaikka. */
export const LevelSchema = z.enum(['costCentre', 'serviceArea', 'resultArea', 'city']);
export type Level = z.infer<typeof LevelSchema>;

/** A cost centre (or a service area, result area, the city) with its canonical name and the other names it goes by. */
export const CostCentreSchema = z.object({
  name: z.string(),
  aliases: z.array(z.string()),
  level: LevelSchema,
  serviceArea: z.string().nullable(),
  documents: z.array(z.string()),
  /** The code the city's ledger uses ("2101"), where a document prints one. */
  code: z.string().min(1).optional(),
  /** Names from the top down, ending with `name`, where the store holds several levels (Fact.path). */
  path: z.array(z.string().min(1)).min(1).optional(),
});
export type CostCentre = z.infer<typeof CostCentreSchema>;

/** A prose section of a document, for "what/why" questions. */
export const ProseSectionSchema = z.object({
  document: z.string(),
  /** The heading's line. */
  line: z.number().int().positive(),
  heading: z.string(),
  text: z.string(),
  /**
   * Where the text's source lines begin: from character `at` of `text` on, the text is from
   * source line `line` (ascending), so a quoted passage cites its own line, not the heading's.
   * Absent in stores written before it was kept.
   */
  lines: z
    .array(z.object({ at: z.number().int().nonnegative(), line: z.number().int().positive() }))
    .optional(),
});
export type ProseSection = z.infer<typeof ProseSectionSchema>;

/** A sum the documents imply that does not hold as printed. */
export const ReconciliationIssueSchema = z.object({
  check: z.string(), // e.g. "NETTOMENO = MENOT + TULOT"
  document: z.string(),
  line: z.number().int().positive(),
  costCentre: z.string(),
  account: z.string(),
  year: z.number().int(),
  basis: z.string(),
  expected: DecimalStringSchema,
  printed: DecimalStringSchema,
  difference: DecimalStringSchema,
  /** Lines of the figures that took part in the sum. */
  termLines: z.array(z.number().int().positive()),
  /** PDF: the page of `line`; workbook: its sheet (where the document has them). */
  page: z.number().int().positive().optional(),
  sheet: z.string().optional(),
  /** Where the store holds several levels: the path of `costCentre`. */
  path: z.array(z.string()).optional(),
});
export type ReconciliationIssue = z.infer<typeof ReconciliationIssueSchema>;

/** Two documents giving different values for the same cost centre, account and period. */
export const ConflictSchema = z.object({
  costCentre: z.string(),
  account: z.string(),
  year: z.number().int(),
  basis: z.string(),
  asOf: IsoDateSchema.nullable(),
  values: z.array(z.object({ document: z.string(), line: z.number().int(), amount: DecimalStringSchema })),
});
export type Conflict = z.infer<typeof ConflictSchema>;

/**
 * What an ingest run with --accept-removals removed on purpose from the store before it, so a
 * running bot takes the new store into use instead of refusing it as a loss of data.
 */
export const AcceptedRemovalsSchema = z.object({
  /** Documents that lost more than 1 % of their figures (or all of them). */
  documents: z.array(z.string()),
  /** Cost centres and service areas that are gone. */
  costCentres: z.array(z.string()),
});
export type AcceptedRemovals = z.infer<typeof AcceptedRemovalsSchema>;

/** The whole budget store, as kept in data/budget.json. */
export const BudgetDataSchema = z.object({
  version: z.literal(1),
  documents: z.array(DocumentInfoSchema),
  costCentres: z.array(CostCentreSchema),
  facts: z.array(FactSchema),
  sections: z.array(ProseSectionSchema),
  reconciliation: z.array(ReconciliationIssueSchema),
  conflicts: z.array(ConflictSchema),
  acceptedRemovals: AcceptedRemovalsSchema.optional(),
});
export type BudgetData = z.infer<typeof BudgetDataSchema>;

/**
 * BudgetDataSchema.parse for a store built in memory (an ingest): everything is parsed as the
 * schema says, but the facts, hundreds of thousands of them, are checked where they are
 * (factProblem) instead of copied. Throws on the first invalid part, as parse does.
 */
export function checkedBudgetData(data: Omit<BudgetData, 'facts'> & { facts: Fact[] }): BudgetData {
  const { facts, ...rest } = data;
  const parsed = BudgetDataSchema.parse({ ...rest, facts: [] });
  for (let i = 0; i < facts.length; i++) {
    const problem = factProblem(facts[i]);
    if (problem !== null)
      throw new Error(
        `the store's fact ${i} (${facts[i]?.document}:${facts[i]?.line}) has no valid ${problem}`,
      );
  }
  return { ...parsed, facts };
}

/** An empty store, the starting point before any ingest. */
export function emptyBudgetData(): BudgetData {
  return {
    version: 1,
    documents: [],
    costCentres: [],
    facts: [],
    sections: [],
    reconciliation: [],
    conflicts: [],
  };
}
