import type { BudgetData, CostCentre, Fact, ProseSection, ReconciliationIssue } from '../domain';
import { basisKind } from '../domain';
import { documentRecency } from './pick-fact';
import { SummedRows } from './summed-figures';

/** Tables a row can live in, in the order a lookup without a named table tries them. */
export const TABLE_PREFERENCE = [
  'costCentres',
  'operatingStatement',
  'appropriations',
  'keyFigures',
  'investments',
  // A ledger export's account lines of a cost centre ("Vaalien palvelujen ostot").
  'accounts',
] as const;
/** A table a query can name. */
export type AnswerTable = (typeof TABLE_PREFERENCE)[number];

// The store's names and labels are few and asked for again and again (a list over every cost
// centre looks each one up): remember their keys.
const labelKeys = new Map<string, string>();

/** Lower case, collapsed spaces, no trailing dots: how names and row labels are compared. */
export function labelKey(label: string): string {
  const hit = labelKeys.get(label);
  if (hit !== undefined) return hit;
  const key = label
    .normalize('NFC')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/[.\s]+$/, '')
    .trim();
  if (labelKeys.size > 100_000) labelKeys.clear();
  labelKeys.set(label, key);
  return key;
}

function rowKey(table: string, costCentre: string, account: string): string {
  return `${table}\u0000${labelKey(costCentre)}\u0000${labelKey(account)}`;
}

/**
 * Everything the answering step needs, built once per store load so that a question costs
 * map look-ups only: facts by row, canonical names, years, document recency, reconciliation.
 */
export interface AnswerIndex {
  readonly data: BudgetData;
  /** Canonical name of a cost centre or service area, by any of its names (case-insensitive). */
  readonly canonical: ReadonlyMap<string, CostCentre>;
  /** Figure facts (not change columns) of one row, keyed by table, canonical name and label. */
  readonly rows: ReadonlyMap<string, Fact[]>;
  /** Row labels per table and canonical subject, as printed (newest document's spelling first). */
  readonly labels: ReadonlyMap<string, string[]>;
  /** Years that have any figure, ascending. */
  readonly years: number[];
  /** Years with a closed-year actual (TP). */
  readonly closedYears: ReadonlySet<number>;
  /** Cost centres (not service areas), canonical, in the order of the store. */
  readonly costCentres: CostCentre[];
  /** Service areas, canonical. */
  readonly serviceAreas: CostCentre[];
  /** Rank of each document by recency: higher is newer. */
  readonly documentRank: ReadonlyMap<string, number>;
  /** Reconciliation issues by document, to flag figures that take part in one. */
  readonly issuesByDocument: ReadonlyMap<string, ReconciliationIssue[]>;
  /** Prose sections, newest document first. */
  readonly sections: ProseSection[];
  /** Subjects (canonical) that have a row with a given label, by label key, in store order. */
  readonly holders: ReadonlyMap<string, CostCentre[]>;
  /** Figures the store implies but does not print (sums of printed ones), put in their rows when first read. */
  readonly sums: SummedRows;
}

/** What the answering index takes besides the store. */
export interface AnswerIndexOptions {
  /** Accounts of the chart that are the sum of others (data/lexicon/accounts.json, lineGroups). */
  lineGroups?: Readonly<Record<string, readonly string[]>>;
}

/** Builds the answering index over a store; call once per store load. */
export function buildAnswerIndex(data: BudgetData, options: AnswerIndexOptions = {}): AnswerIndex {
  const canonical = new Map<string, CostCentre>();
  for (const cc of data.costCentres) {
    for (const name of [cc.name, ...cc.aliases]) {
      const key = labelKey(name);
      if (!canonical.has(key) || name === cc.name) canonical.set(key, cc);
    }
  }
  const documentRank = documentRecency(data.documents);

  const rows = new Map<string, Fact[]>();
  const labels = new Map<string, string[]>();
  const years = new Set<number>();
  const closedYears = new Set<number>();
  // Imported ledger actuals have no table of their own for a reader: each joins the row of the
  // same subject and account that a report prints, so every question that reads a row sees the
  // newest actual whichever source it came from. They go last so that the report rows exist.
  const reported = data.facts.filter((f) => f.table !== 'actuals');
  const imported = data.facts.filter((f) => f.table === 'actuals');
  for (const fact of [...reported, ...imported]) {
    if (fact.kind === 'change' || basisKind(fact.basis) === 'change') continue;
    const subject = canonical.get(labelKey(fact.costCentre))?.name ?? fact.costCentre;
    const canonicalFact = subject === fact.costCentre ? fact : { ...fact, costCentre: subject };
    const table =
      fact.table === 'actuals'
        ? (TABLE_PREFERENCE.find((t) => rows.has(rowKey(t, subject, fact.account))) ?? 'costCentres')
        : fact.table;
    const key = rowKey(table, subject, fact.account);
    const list = rows.get(key);
    if (list) list.push(canonicalFact);
    else rows.set(key, [canonicalFact]);
    const labelListKey = `${table}\u0000${labelKey(subject)}`;
    const known = labels.get(labelListKey) ?? [];
    if (!known.some((l) => labelKey(l) === labelKey(fact.account))) known.push(fact.account);
    labels.set(labelListKey, known);
    years.add(fact.year);
    if (fact.basis.toUpperCase() === 'TP') closedYears.add(fact.year);
  }

  // What the documents imply but do not print: sums of printed figures of the same period
  // (a result area at a month end of the ledger, a cost centre's budget from its account lines),
  // worked out for a row the first time it is read.
  const sums = new SummedRows(
    data,
    {
      get: (table, place, account) => rows.get(rowKey(table, place, account)) ?? [],
      put: (table, place, account, fact) => {
        const key = rowKey(table, place, account);
        const list = rows.get(key);
        if (list) list.push(fact);
        else rows.set(key, [fact]);
        const labelListKey = `${table}\u0000${labelKey(place)}`;
        const known = labels.get(labelListKey) ?? [];
        if (!known.some((l) => labelKey(l) === labelKey(account))) known.push(account);
        labels.set(labelListKey, known);
      },
      rank: (document) => documentRank.get(document) ?? 0,
    },
    options.lineGroups,
  );

  // Who has a row with a given label, so "not found" can say where an account does exist
  // without scanning every cost centre on each question.
  const holders = new Map<string, CostCentre[]>();
  const holderSeen = new Set<string>();
  for (const [listKey, list] of labels) {
    const subjectKey = listKey.slice(listKey.indexOf('\u0000') + 1);
    const cc = canonical.get(subjectKey);
    if (!cc) continue;
    for (const label of list) {
      const key = labelKey(label);
      if (holderSeen.has(`${key}\u0000${subjectKey}`)) continue;
      holderSeen.add(`${key}\u0000${subjectKey}`);
      const known = holders.get(key) ?? [];
      known.push(cc);
      holders.set(key, known);
    }
  }

  const issuesByDocument = new Map<string, ReconciliationIssue[]>();
  for (const issue of data.reconciliation) {
    const list = issuesByDocument.get(issue.document) ?? [];
    list.push(issue);
    issuesByDocument.set(issue.document, list);
  }
  const rank = (doc: string): number => documentRank.get(doc) ?? 0;
  return {
    data,
    canonical,
    rows,
    labels,
    years: [...years].sort((a, b) => a - b),
    closedYears,
    costCentres: data.costCentres.filter((c) => c.level === 'costCentre'),
    serviceAreas: data.costCentres.filter((c) => c.level === 'serviceArea'),
    documentRank,
    issuesByDocument,
    sections: [...data.sections].sort((a, b) => rank(b.document) - rank(a.document) || a.line - b.line),
    holders,
    sums,
  };
}

/** Facts of one row of one table; empty when the row does not exist. */
export function factsOf(index: AnswerIndex, table: string, subject: string, account: string): Fact[] {
  index.sums.ensure(table, index.canonical.get(labelKey(subject))?.name ?? subject, account);
  return index.rows.get(rowKey(table, subject, account)) ?? [];
}

/** Row labels a subject has in a table. */
export function labelsOf(index: AnswerIndex, table: string, subject: string): string[] {
  return index.labels.get(`${table}\u0000${labelKey(subject)}`) ?? [];
}

/**
 * The table that holds a subject's row: the one the query names, else the first table in
 * TABLE_PREFERENCE that has it, preferring one with figures for every asked year (a label such
 * as "Palvelujen ostot" is both a line item and a key figure with plan years). Null when no table has the row.
 */
export function findRow(
  index: AnswerIndex,
  subject: string,
  account: string,
  table: AnswerTable | null,
  years: readonly number[] = [],
  fits: (f: Fact) => boolean = () => true,
): { table: AnswerTable; facts: Fact[]; label: string } | null {
  // A named service-area table comes first, but the same label in another service-area table
  // may hold the asked years (Palvelujen ostot: käyttötalous to 2022, tunnusluvut with TS years);
  // `fits` narrows which figures count (a plan asked: only TS figures hold its year).
  const tables =
    table === null
      ? TABLE_PREFERENCE
      : table === 'costCentres'
        ? [table]
        : [table, ...TABLE_PREFERENCE.filter((t) => t !== table && t !== 'costCentres')];
  let first: { table: AnswerTable; facts: Fact[]; label: string } | null = null;
  for (const t of tables) {
    const facts = factsOf(index, t, subject, account);
    if (facts.length === 0) continue;
    const label = labelsOf(index, t, subject).find((l) => labelKey(l) === labelKey(account)) ?? account;
    const found = { table: t, facts, label };
    if (years.every((y) => facts.some((f) => f.year === y && fits(f)))) return found;
    first ??= found;
  }
  return first;
}

/**
 * The reconciliation issue a fact takes part in: same document, year and basis, and either the
 * fact is the printed figure that does not add up, or it is a term of a sum within its own
 * subject (NETTOMENO = MENOT + TULOT). A cost centre is not flagged merely for being one of the
 * terms of the service-area total: that note would sit on nearly every answer and say nothing
 * about the figure asked.
 */
export function issueOf(index: AnswerIndex, fact: Fact): ReconciliationIssue | null {
  const issues = index.issuesByDocument.get(fact.document);
  if (!issues) return null;
  return (
    issues.find(
      (i) =>
        i.year === fact.year &&
        i.basis === fact.basis &&
        (i.line === fact.line || (i.costCentre === fact.costCentre && i.termLines.includes(fact.line))),
    ) ?? null
  );
}
