import type { DocumentInfo, Fact, Level, ProseSection, TableKind } from '../domain';

/**
 * A sum a table's layout implies: in `table`, the `target` account of `costCentre` equals the
 * sum of the `terms` accounts, for each period both print ("TOIMINTATUOTOT = Myyntituotot + …").
 */
export interface SumRelation {
  check: string;
  document: string;
  table: TableKind;
  costCentre: string;
  target: string;
  terms: string[];
}

/** Something the reader of the report should know that is not an error (how a row was placed). */
export interface IngestNote {
  document: string;
  line: number;
  message: string;
}

/** A place in the city's hierarchy a document names: its path of names, level and code. */
export interface DocumentNode {
  path: string[];
  level: Level;
  code?: string;
}

/** One document after interpretation: facts with provenance, prose, the sums its tables imply. */
export interface ParsedDocument {
  info: DocumentInfo;
  facts: Fact[];
  sections: ProseSection[];
  relations: SumRelation[];
  notes: IngestNote[];
  /** Cost-centre names in document order, as printed. */
  costCentres: string[];
  /** Where the document holds several levels: every node it names (the facts carry their paths). */
  nodes?: DocumentNode[];
}
