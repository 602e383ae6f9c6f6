/**
 * What a new budget store would lose against the one it replaces: cost centres that would be
 * gone, and documents most of whose figures would be gone. Both the ingest (before it writes)
 * and the running bot (before it takes a new file into use) ask this, so that a cut-off report,
 * a forgotten file or a broken export never silently replaces good data.
 */
import type { BudgetData, Fact } from '../domain';

/** A document may lose at most this share of its figures (corrections, relabelled rows) unasked. */
export const LOSS_TOLERANCE = 0.01;

/** One document of the old store that would lose more than LOSS_TOLERANCE of its figures. */
export interface DocumentLoss {
  document: string;
  /** Its figures in the old store. */
  figures: number;
  /** How many of them the new store does not have, under any document. */
  lost: number;
  /** A few of the lost figures, for the message: "Vaalit · MENOT TP 2021". */
  examples: string[];
  /** Whether the new store still has a document of the same name (a new version of it). */
  renewed: boolean;
  /** New documents that look like the same report under another name (same title, or same area and date). */
  lookAlikes: string[];
}

/** Everything a replacement would drop; empty lists mean nothing is lost. */
export interface StoreLosses {
  /** Cost centres and service areas of the old store that no name of the new store matches. */
  costCentres: string[];
  documents: DocumentLoss[];
}

function key(name: string): string {
  return name.normalize('NFC').replace(/\s+/g, ' ').trim().toLowerCase();
}

/** Any name (canonical or alias) of the store → its canonical name. */
function nameMap(data: BudgetData): Map<string, string> {
  const names = new Map<string, string>();
  for (const cc of data.costCentres) for (const n of [cc.name, ...cc.aliases]) names.set(key(n), cc.name);
  return names;
}

// What makes a figure the same figure in two stores, whichever document holds it: an imported
// actual is the same row as the report's cost-centre row of the same date.
function figureKey(f: Fact, canonical: string): string {
  const table = f.table === 'actuals' ? 'costCentres' : f.table;
  return [table, key(canonical), key(f.account), f.year, f.basis, f.asOf ?? '', f.kind, f.unit].join(
    '\u0000',
  );
}

function describe(f: Fact): string {
  return `${f.costCentre} · ${f.account} ${f.basis} ${f.asOf ?? f.year}`;
}

/**
 * Compares an old store with the one that would replace it. A figure counts as kept when the
 * new store has the same row, period and basis under any document, so a report that moved to a
 * new file name loses nothing; a document counts as losing when more than LOSS_TOLERANCE of its
 * figures are nowhere in the new store.
 */
export function findLosses(before: BudgetData, after: BudgetData): StoreLosses {
  const afterNames = nameMap(after);
  const canonicalAfter = (name: string): string => afterNames.get(key(name)) ?? name;
  const present = new Set(after.facts.map((f) => figureKey(f, canonicalAfter(f.costCentre))));

  const costCentres = before.costCentres
    .filter((cc) => ![cc.name, ...cc.aliases].some((n) => afterNames.has(key(n))))
    .map((cc) => cc.name);

  const perDocument = new Map<string, { figures: number; lost: Fact[] }>();
  for (const f of before.facts) {
    let entry = perDocument.get(f.document);
    if (!entry) {
      entry = { figures: 0, lost: [] };
      perDocument.set(f.document, entry);
    }
    entry.figures += 1;
    if (!present.has(figureKey(f, canonicalAfter(f.costCentre)))) entry.lost.push(f);
  }
  const afterDocs = new Set(after.documents.map((d) => d.name));
  const documents: DocumentLoss[] = [];
  for (const [document, { figures, lost }] of perDocument) {
    if (lost.length === 0 || lost.length <= figures * LOSS_TOLERANCE) continue;
    const info = before.documents.find((d) => d.name === document);
    const lookAlikes = info
      ? after.documents
          .filter(
            (d) =>
              d.name !== document &&
              d.layout === info.layout &&
              (key(d.title) === key(info.title) ||
                (d.serviceArea !== null &&
                  d.serviceArea === info.serviceArea &&
                  d.reportDate === info.reportDate)),
          )
          .map((d) => d.name)
      : [];
    documents.push({
      document,
      figures,
      lost: lost.length,
      examples: lost.slice(0, 3).map(describe),
      renewed: afterDocs.has(document),
      lookAlikes,
    });
  }
  return { costCentres, documents };
}

/** True when the replacement would drop a cost centre or more than the tolerated share of a document. */
export function losesData(losses: StoreLosses): boolean {
  return losses.costCentres.length > 0 || losses.documents.length > 0;
}

/**
 * The losses a new store did not declare as removed on purpose (`npm run ingest --
 * --accept-removals` records what it removed in the store it writes).
 */
export function undeclaredLosses(losses: StoreLosses, after: BudgetData): StoreLosses {
  const declared = after.acceptedRemovals;
  if (!declared) return losses;
  return {
    costCentres: losses.costCentres.filter((c) => !declared.costCentres.includes(c)),
    documents: losses.documents.filter((d) => !declared.documents.includes(d.document)),
  };
}

function list(names: readonly string[], max = 6): string {
  return names.length <= max ? names.join(', ') : `${names.slice(0, max).join(', ')} … (${names.length})`;
}

/** One line per loss, in words: what would disappear, from which document. */
export function lossLines(losses: StoreLosses): string[] {
  const lines: string[] = [];
  for (const d of losses.documents) {
    const share = Math.round((d.lost / d.figures) * 100);
    const how = d.renewed
      ? `the new ${d.document} lacks ${d.lost} of its ${d.figures} figures (${share} %)`
      : `${d.document} is not among the files named: ${d.lost} of its ${d.figures} figures (${share} %) would disappear`;
    const alike =
      d.lookAlikes.length > 0 ? `; ${list(d.lookAlikes)} looks like the same report under another name` : '';
    lines.push(`${how}, e.g. ${d.examples.join('; ')}${alike}`);
  }
  if (losses.costCentres.length > 0)
    lines.push(`cost centres that would disappear: ${list(losses.costCentres, 10)}`);
  return lines;
}

/** A one-paragraph summary for logs and /healthz. */
export function lossSummary(losses: StoreLosses): string {
  return lossLines(losses).join('; ');
}
