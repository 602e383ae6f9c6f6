import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import {
  BudgetBotError,
  type BudgetData,
  checkedBudgetData,
  type Fact,
  type ReconciliationIssue,
} from '../domain';
import type { Aliases } from './aliases';
import { type CutOffSigns, cutOffSigns } from './cut-off-signs';
import { type ImportOptions, importActualsCsv } from './import-actuals-csv';
import { interpretDocument } from './interpret-document';
import type { LedgerExport } from './ledger-export';
import { type MergeSource, mergeDocuments } from './merge-documents';
import { parsePdfText } from './parse-pdf-text';
import { parseTabbedReport } from './parse-tabbed-report';
import type { IngestNote, ParsedDocument } from './parsed-document';
import { type PreparedSource, type PrepareOptions, prepareSource } from './prepare-source';
import type { RawDocument } from './raw-table';
import { decodeText, detectLayout } from './read-source';
import { reconcile } from './reconcile';

/** One file given to the ingest, read into memory (so tests and benches need no disk). */
export interface SourceFile {
  /** The path as the user gave it (for messages). */
  path: string;
  bytes: Uint8Array;
  /** A binary report (PDF, workbook) already read into its layout by prepareSource(). */
  prepared?: PreparedSource;
}

/** What an ingest did: the new store and what to tell the user. */
export interface IngestResult {
  data: BudgetData;
  /** Per file: its layout and how many facts it gave. */
  files: { path: string; document: string; layout: string; facts: number }[];
  notes: IngestNote[];
  /** Sums of the reports that do not hold as printed (also in `data.reconciliation`). */
  reconciliation: ReconciliationIssue[];
  /** Reports that look cut short, with the path as given. */
  cutOff: (CutOffSigns & { path: string })[];
}

/** Reads a list of paths into SourceFiles; a missing file is a BudgetBotError naming it. */
export async function readSourceFiles(
  paths: readonly string[],
  options: PrepareOptions = {},
): Promise<SourceFile[]> {
  const files = await Promise.all(
    paths.map(async (path) => {
      try {
        return { path, bytes: new Uint8Array(await readFile(path)) };
      } catch (e) {
        throw new BudgetBotError(
          `cannot read the file (${(e as NodeJS.ErrnoException).code ?? 'error'})`,
          'bad_input',
          path,
        );
      }
    }),
  );
  // One at a time: a PDF or a workbook is read whole into memory.
  for (const f of files) await prepareSource(f, options);
  return files;
}

// Errors from the parsers name the document; the user wants the path they typed.
function withPath<T>(file: SourceFile, name: string, run: () => T): T {
  try {
    return run();
  } catch (e) {
    if (e instanceof BudgetBotError && e.where?.startsWith(name)) {
      const rest = e.where.slice(name.length);
      throw new BudgetBotError(e.message.slice(e.where.length + 2), e.code, `${file.path}${rest}`);
    }
    throw e;
  }
}

/** Parses one report (either layout) into a document with facts and implied sums. */
export function parseReport(text: string, name: string): ParsedDocument {
  const raw = detectLayout(text) === 'tabbed' ? parseTabbedReport(text, name) : parsePdfText(text, name);
  return interpretReport(raw);
}

/** Interprets a report read by any layout reader; a report without figure tables is refused. */
export function interpretReport(raw: RawDocument): ParsedDocument {
  const doc = interpretDocument(raw);
  if (doc.facts.length === 0) {
    throw new BudgetBotError(
      'no figure tables found: is this a budget report (or is the file cut short)?',
      'bad_input',
      raw.layout === 'pdf' ? `${raw.name}:page 1` : `${raw.name}:1`,
    );
  }
  return doc;
}

/**
 * Builds a store from report texts and actuals CSVs: parse, merge names, reconcile, import the
 * actuals against the cost centres of the reports. The store holds exactly what the files give
 * (the ingest command compares it with the store it would replace). Pure apart from its input:
 * throws BudgetBotError (file:line) on bad input and returns the new store without writing anything.
 */
export function ingestSources(
  files: readonly SourceFile[],
  aliases: Aliases,
  options: ImportOptions = {},
): IngestResult {
  const names = files.map((f) => basename(f.path));
  const dup = names.find((n, i) => names.indexOf(n) !== i);
  if (dup)
    throw new BudgetBotError(
      `two files are named ${dup}; documents are told apart by file name`,
      'bad_input',
      dup,
    );
  // The text of a text report, for the signs of a cut; a PDF or workbook is read from its layout.
  const reports: { file: SourceFile; name: string; text: string | null; doc: ParsedDocument }[] = [];
  const csvs: { file: SourceFile; name: string; text: string }[] = [];
  const ledgers: LedgerExport[] = [];
  files.forEach((file, i) => {
    const name = names[i]!;
    const prepared = file.prepared;
    if (prepared?.kind === 'report') {
      reports.push({
        file,
        name,
        text: null,
        doc: withPath(file, name, () => interpretReport(prepared.raw)),
      });
      return;
    }
    if (prepared?.kind === 'ledger') {
      ledgers.push(prepared.ledger);
      return;
    }
    const text = withPath(file, name, () => decodeText(file.bytes, name));
    if (/\.csv$/i.test(name)) csvs.push({ file, name, text });
    else reports.push({ file, name, text, doc: withPath(file, name, () => parseReport(text, name)) });
  });

  if (csvs.length > 0 && reports.length === 0 && ledgers.length === 0) {
    throw new BudgetBotError(
      'a ledger CSV is read against the cost centres of the reports named in the same ingest, and an ingest builds the store from the files named: name the reports too (e.g. npm run ingest -- seeds/*.txt ledger/*.csv)',
      'bad_input',
      csvs[0]!.file.path,
    );
  }
  const reportSources: MergeSource[] = reports.map(({ doc }) => ({
    info: doc.info,
    facts: doc.facts,
    sections: doc.sections,
    costCentres: doc.costCentres,
    relations: doc.relations,
    reconciliation: [],
    ...(doc.nodes ? { nodes: doc.nodes } : {}),
  }));
  const ledgerSources: MergeSource[] = ledgers.map((l) => ({
    info: l.info,
    facts: l.facts,
    sections: [],
    costCentres: l.costCentres,
    relations: [],
    reconciliation: [],
    nodes: l.nodes,
  }));
  const documentSources = [...reportSources, ...ledgerSources];
  const base = mergeDocuments(documentSources, aliases);

  const known = {
    costCentres: base.costCentres,
    accounts: accountsOf(base.facts),
    expenseAccounts: expenseAccounts(base.facts),
  };
  const csvSources: MergeSource[] = csvs.map(({ file, name, text }) => {
    const imported = withPath(file, name, () => importActualsCsv(text, name, known, file.path, options));
    return {
      info: imported.info,
      facts: imported.facts,
      sections: [],
      costCentres: [],
      relations: [],
      reconciliation: [],
    };
  });
  const merged = csvSources.length > 0 ? mergeDocuments([...documentSources, ...csvSources], aliases) : base;

  const fresh: ReconciliationIssue[] = ledgers.flatMap((l) => l.issues);
  for (const { doc } of reports) {
    const info = merged.documents.find((d) => d.name === doc.info.name)!;
    fresh.push(
      ...reconcile({
        document: info.name,
        serviceArea: info.serviceArea,
        facts: merged.facts,
        relations: merged.relations,
        cities: merged.costCentres.filter((c) => c.level === 'city').map((c) => c.name),
      }),
    );
  }
  const reconciliation = [...fresh].sort((a, b) =>
    a.document < b.document ? -1 : a.document > b.document ? 1 : a.line - b.line,
  );
  const data = checkedBudgetData({
    version: 1,
    documents: merged.documents,
    costCentres: merged.costCentres,
    facts: merged.facts,
    sections: merged.sections,
    reconciliation,
    conflicts: merged.conflicts,
  });
  const perDocument = new Map<string, number>();
  // Counted by runs: a document's facts follow one another.
  let run = 0;
  for (let i = 0; i < data.facts.length; i++) {
    run++;
    const document = data.facts[i]!.document;
    if (data.facts[i + 1]?.document !== document) {
      perDocument.set(document, (perDocument.get(document) ?? 0) + run);
      run = 0;
    }
  }
  const count = (doc: string): number => perDocument.get(doc) ?? 0;
  return {
    data,
    files: files.map((f, i) => ({
      path: f.path,
      document: names[i]!,
      layout: data.documents.find((d) => d.name === names[i])?.layout ?? '',
      facts: count(names[i]!),
    })),
    notes: reports.flatMap(({ doc }) => doc.notes),
    reconciliation,
    cutOff: reports.flatMap(({ file, doc, text }) => {
      const signs = cutOffSigns(doc, text);
      return signs ? [{ ...signs, path: file.path }] : [];
    }),
  };
}

/** Every account the facts name, once, in the order first met. */
function accountsOf(facts: readonly Fact[]): string[] {
  const accounts = new Set<string>();
  let previous: string | undefined;
  for (const f of facts) {
    // A row's figures follow one another: one look per run of them.
    if (f.account === previous) continue;
    previous = f.account;
    accounts.add(f.account);
  }
  return [...accounts];
}

/** Accounts the reports print only as expenses: euro figures, at least one below zero, none above. */
function expenseAccounts(facts: readonly Fact[]): string[] {
  const sign = new Map<string, { below: boolean; above: boolean }>();
  let previous: string | undefined;
  let s = { below: false, above: false };
  for (const f of facts) {
    if (f.unit !== 'EUR' || f.kind !== 'figure') continue;
    if (f.account !== previous) {
      previous = f.account;
      s = sign.get(f.account) ?? { below: false, above: false };
      sign.set(f.account, s);
    }
    if (f.amount.charCodeAt(0) === 45) s.below = true;
    else if (!s.above && !/^0+(\.0+)?$/.test(f.amount)) s.above = true;
  }
  return [...sign].filter(([, x]) => x.below && !x.above).map(([a]) => a);
}
