import type { Conflict, CostCentre, DocumentInfo, Fact, ProseSection, ReconciliationIssue } from '../domain';
import { CHANGE_ROW_SUFFIX, changeRowLabel } from '../domain';
import { type Aliases, nameKey as foldName } from './aliases';
import type { DocumentNode, SumRelation } from './parsed-document';

/** One document's share of the store before names are made canonical. */
export interface MergeSource {
  info: DocumentInfo;
  facts: Fact[];
  sections: ProseSection[];
  /** Cost-centre names as the document prints them. */
  costCentres: string[];
  relations: SumRelation[];
  /** Reconciliation findings already made for this document (kept from an older store). */
  reconciliation: ReconciliationIssue[];
  /** Other names the store already knew for its cost centres. */
  knownAliases?: Record<string, string[]>;
  /** Where the document holds several levels: the nodes it names. */
  nodes?: DocumentNode[];
}

/** The merged store parts, names canonical, plus the relations with canonical names. */
export interface Merged {
  documents: DocumentInfo[];
  costCentres: CostCentre[];
  facts: Fact[];
  sections: ProseSection[];
  conflicts: Conflict[];
  relations: SumRelation[];
  reconciliation: ReconciliationIssue[];
}

// Newest first: a later report date wins; ledger CSVs never decide how a name is spelled.
function byNewest(a: DocumentInfo, b: DocumentInfo): number {
  const da = a.reportDate ?? '';
  const db = b.reportDate ?? '';
  if (da !== db) return da < db ? 1 : -1;
  return a.name < b.name ? 1 : a.name > b.name ? -1 : 0;
}

/** Maps any printed or alias name to the canonical one: the newest document's spelling. */
class NameResolver {
  private readonly groupOf = new Map<string, string>();
  private readonly canonicalOf = new Map<string, string>();

  /** Names of a group that one document prints as places of their own: each stands for itself. */
  private readonly apart = new Set<string>();

  constructor(
    groups: Record<string, string[]>,
    printedNewestFirst: Iterable<string>[],
    /** The name key (nameKey), remembered per name by the merge. */
    private readonly nameKey: (name: string) => string,
    printedApart: string[][] = [],
  ) {
    for (const [key, names] of Object.entries(groups)) {
      for (const n of [key, ...names]) if (!this.groupOf.has(nameKey(n))) this.groupOf.set(nameKey(n), key);
    }
    // "Tietohallinto" (a result area) and "Tietotekniikka" (a cost centre elsewhere) in one
    // document are two places, though the aliases file makes the names one: an alias joins the
    // names different documents give one place, never two places a document prints apart.
    for (const names of printedApart) {
      const byGroup = new Map<string, Set<string>>();
      for (const n of names) {
        const g = this.groupOf.get(nameKey(n));
        if (g === undefined) continue;
        const keys = byGroup.get(g) ?? new Set<string>();
        keys.add(nameKey(n));
        byGroup.set(g, keys);
      }
      for (const keys of byGroup.values()) if (keys.size > 1) for (const k of keys) this.apart.add(k);
    }
    // The first spelling met in the newest document names each group (or each bare name).
    for (const names of printedNewestFirst) {
      for (const n of names) {
        const id = this.idOf(n);
        if (!this.canonicalOf.has(id)) this.canonicalOf.set(id, n);
      }
    }
  }

  private readonly ids = new Map<string, string>();

  private idOf(name: string): string {
    let id = this.ids.get(name);
    if (id === undefined) {
      const key = this.nameKey(name);
      const g = this.apart.has(key) ? undefined : this.groupOf.get(key);
      id = g !== undefined ? `g:${g}` : `n:${key}`;
      this.ids.set(name, id);
    }
    return id;
  }

  private readonly cache = new Map<string, string>();

  canonical(name: string): string {
    const hit = this.cache.get(name);
    if (hit !== undefined) return hit;
    const id = this.idOf(name);
    const out = this.canonicalOf.get(id) ?? (id.startsWith('g:') ? id.slice(2) : name);
    this.cache.set(name, out);
    return out;
  }

  /** The alias names of a group (from the aliases file), other than the canonical one. */
  groupAliases(canonical: string, groups: Record<string, string[]>): string[] {
    const key = this.nameKey(canonical);
    const g = this.groupOf.get(key);
    if (g === undefined) return [];
    // Of names printed apart, only the one the aliases file is written under keeps its other names.
    if (this.apart.has(key) && key !== this.nameKey(g)) return [];
    return [g, ...(groups[g] ?? [])].filter(
      (n) => this.nameKey(n) !== key && !this.apart.has(this.nameKey(n)),
    );
  }
}

/**
 * Merges documents into one store: one canonical name per cost centre, service area and
 * account (the newest document's spelling, older names and aliases.json names as aliases);
 * every fact kept with its provenance; two documents disagreeing on the same figure become a
 * conflict.
 */
export function mergeDocuments(sources: MergeSource[], aliases: Aliases): Merged {
  // A report repeats a few hundred names over hundreds of thousands of figures: fold each once.
  const folded = new Map<string, string>();
  const nameKey = (name: string): string => {
    let k = folded.get(name);
    if (k === undefined) {
      k = foldName(name);
      folded.set(name, k);
    }
    return k;
  };
  const newest = [...sources]
    .sort((a, b) => byNewest(a.info, b.info))
    .filter((s) => s.info.layout !== 'actualsCsv');
  const serviceAreas = new NameResolver(
    aliases.serviceAreas,
    newest.map((s) => (s.info.serviceArea ? [s.info.serviceArea] : [])),
    nameKey,
  );
  const saKeys = new Set(
    [
      ...sources.map((s) => s.info.serviceArea),
      ...sources.flatMap((s) =>
        (s.nodes ?? [])
          .filter((n) => n.level !== 'costCentre' && n.level !== 'resultArea')
          .map((n) => n.path[0]!),
      ),
    ]
      .filter((x): x is string => x !== null && x !== undefined)
      .map(nameKey),
  );
  // Each document's names once, in the order it prints them (the first spelling names a group).
  const centres = new NameResolver(
    aliases.costCentres,
    newest.map((s) => {
      const names = new Set(s.costCentres);
      let previous: string | undefined;
      for (const f of s.facts) {
        // A row's figures follow one another: a name is looked at once per run of them.
        if (f.costCentre === previous) continue;
        previous = f.costCentre;
        if (!names.has(f.costCentre) && !saKeys.has(nameKey(f.costCentre))) names.add(f.costCentre);
      }
      return names;
    }),
    nameKey,
    sources.map((s) => [...s.costCentres, ...(s.nodes ?? []).map((n) => n.path[n.path.length - 1]!)]),
  );
  const accounts = new NameResolver(
    aliases.accounts,
    newest.map((s) => {
      const names = new Set<string>();
      let previous: string | undefined;
      for (const f of s.facts) {
        if (f.account === previous) continue;
        previous = f.account;
        names.add(baseAccount(f.account));
      }
      return names;
    }),
    nameKey,
  );
  const saCache = new Map<string, boolean>();
  const isServiceArea = (name: string): boolean => {
    let v = saCache.get(name);
    if (v === undefined) {
      v = saKeys.has(nameKey(name)) || serviceAreas.canonical(name) !== name;
      saCache.set(name, v);
    }
    return v;
  };
  const ccName = (name: string): string =>
    isServiceArea(name) ? serviceAreas.canonical(name) : centres.canonical(name);
  const accName = (account: string): string =>
    account.endsWith(CHANGE_ROW_SUFFIX)
      ? changeRowLabel(accounts.canonical(baseAccount(account)))
      : accounts.canonical(account);

  const ordered = [...sources].sort((a, b) =>
    a.info.name < b.info.name ? -1 : a.info.name > b.info.name ? 1 : 0,
  );
  const documents = ordered.map((s) => ({
    ...s.info,
    serviceArea: s.info.serviceArea ? serviceAreas.canonical(s.info.serviceArea) : null,
  }));
  // Two places one document prints apart stay apart, even where the aliases would make one
  // name of them ("Maaseutuhallinto" and "Maaseutuneuvonta" side by side in one result area).
  const keep = new Set<string>();
  for (const s of sources) {
    const seen = new Map<string, string>();
    for (const n of s.nodes ?? []) {
      const printed = n.path.join('\u0000');
      const canonical = n.path.map(ccName).join('\u0000');
      const other = seen.get(canonical);
      if (other !== undefined && other !== printed) {
        keep.add(other);
        keep.add(printed);
      } else seen.set(canonical, printed);
    }
  }
  const pathCache = new Map<readonly string[], string[]>();
  const pathName = (path: readonly string[]): string[] => {
    let out = pathCache.get(path);
    if (!out) {
      out = keep.has(path.join('\u0000')) ? (path as string[]) : path.map(ccName);
      if (out.every((n, k) => n === path[k])) out = path as string[];
      pathCache.set(path, out);
    }
    return out;
  };
  // A document prints a row's figures one after another: the names of the fact before are
  // nearly always the names of this one.
  let lastCostCentre: string | undefined;
  let lastCostCentreName = '';
  let lastAccount: string | undefined;
  let lastAccountName = '';
  const facts: Fact[] = [];
  for (const s of ordered)
    for (const f of s.facts) {
      const path = f.path ? pathName(f.path) : undefined;
      if (!path && f.costCentre !== lastCostCentre) {
        lastCostCentre = f.costCentre;
        lastCostCentreName = ccName(f.costCentre);
      }
      const costCentre = path ? path[path.length - 1]! : lastCostCentreName;
      if (f.account !== lastAccount) {
        lastAccount = f.account;
        lastAccountName = accName(f.account);
      }
      const account = lastAccountName;
      // Most facts already carry their canonical names: share them rather than copy.
      facts.push(
        costCentre === f.costCentre && account === f.account && path === f.path
          ? f
          : { ...f, costCentre, account, ...(path ? { path } : {}) },
      );
    }
  const sections = ordered.flatMap((s) => s.sections);
  const relations = ordered.flatMap((s) =>
    s.relations.map((r) => ({
      ...r,
      costCentre: ccName(r.costCentre),
      target: accName(r.target),
      terms: r.terms.map(accName),
    })),
  );
  const reconciliation = ordered.flatMap((s) =>
    s.reconciliation.map((r) => ({ ...r, costCentre: ccName(r.costCentre), account: accName(r.account) })),
  );

  // Cost centres: service areas first, then in the newest document's order.
  const entries = new Map<string, CostCentre>();
  const touch = (printed: string, doc: DocumentInfo, level: CostCentre['level']): void => {
    const name = level === 'serviceArea' ? serviceAreas.canonical(printed) : centres.canonical(printed);
    let e = entries.get(name);
    if (!e) {
      const groupAliases =
        level === 'serviceArea'
          ? serviceAreas.groupAliases(name, aliases.serviceAreas)
          : centres.groupAliases(name, aliases.costCentres);
      e = { name, aliases: [...groupAliases], level, serviceArea: null, documents: [] };
      entries.set(name, e);
    }
    if (nameKey(printed) !== nameKey(name) && !e.aliases.some((a) => nameKey(a) === nameKey(printed)))
      e.aliases.push(printed);
    if (!e.documents.includes(doc.name)) e.documents.push(doc.name);
    if (level === 'costCentre' && e.serviceArea === null && doc.serviceArea)
      e.serviceArea = serviceAreas.canonical(doc.serviceArea);
  };
  // A place in a hierarchy is told apart by its path ("Hallinto" under two result areas);
  // service areas and the city by their names.
  const touchNode = (node: DocumentNode, doc: DocumentInfo): void => {
    const path = pathName(node.path);
    const name = path[path.length - 1]!;
    if (node.level === 'serviceArea' || node.level === 'city') {
      touch(node.path[node.path.length - 1]!, doc, 'serviceArea');
      const e = entries.get(name);
      if (e) {
        e.level = node.level;
        e.path ??= path;
        if (node.code) e.code ??= node.code;
      }
      return;
    }
    const key = `p:${path.join('\u0000')}`;
    let e = entries.get(key);
    if (!e) {
      e = {
        name,
        aliases: centres.groupAliases(name, aliases.costCentres),
        level: node.level,
        serviceArea: path[0]!,
        documents: [],
        ...(node.code ? { code: node.code } : {}),
        path,
      };
      entries.set(key, e);
    }
    const printed = node.path[node.path.length - 1]!;
    if (nameKey(printed) !== nameKey(name) && !e.aliases.some((a) => nameKey(a) === nameKey(printed)))
      e.aliases.push(printed);
    if (!e.documents.includes(doc.name)) e.documents.push(doc.name);
  };
  for (const s of newest) if (s.info.serviceArea) touch(s.info.serviceArea, s.info, 'serviceArea');
  for (const s of newest) for (const n of s.nodes ?? []) if (n.path.length === 1) touchNode(n, s.info);
  for (const s of newest) {
    if (s.nodes && s.nodes.length > 0) {
      for (const n of s.nodes) if (n.path.length > 1) touchNode(n, s.info);
      continue;
    }
    // Each printed name once per document: its figures all say the same about it.
    const touched = new Set<string>();
    const once = (name: string): void => {
      if (touched.has(name)) return;
      touched.add(name);
      touch(name, s.info, 'costCentre');
    };
    for (const n of s.costCentres) once(n);
    let previous: string | undefined;
    for (const f of s.facts) {
      if (f.costCentre === previous) continue;
      previous = f.costCentre;
      if (!isServiceArea(f.costCentre)) once(f.costCentre);
    }
  }
  for (const s of sources) {
    for (const [name, known] of Object.entries(s.knownAliases ?? {})) {
      const e = entries.get(ccName(name));
      if (e)
        for (const a of known)
          if (nameKey(a) !== nameKey(e.name) && !e.aliases.some((x) => nameKey(x) === nameKey(a)))
            e.aliases.push(a);
    }
  }
  for (const e of entries.values()) e.documents.sort();

  return {
    documents,
    costCentres: [...entries.values()],
    facts,
    sections,
    conflicts: findConflicts(facts),
    relations,
    reconciliation,
  };
}

function baseAccount(account: string): string {
  return account.endsWith(CHANGE_ROW_SUFFIX) ? account.slice(0, -CHANGE_ROW_SUFFIX.length) : account;
}

function conflictKey(f: Fact): string {
  // A ledger's actuals and a report's TOT column speak of the same figure.
  const family = f.table === 'actuals' ? 'costCentres' : f.table;
  const where = f.path ? f.path.join('/') : f.costCentre;
  return `${family}\u0000${where}\u0000${f.account}\u0000${f.year}\u0000${f.basis}\u0000${f.asOf ?? ''}\u0000${f.kind}\u0000${f.unit}`;
}

/** Two documents giving different values for the same cost centre, account and period. */
export function findConflicts(facts: readonly Fact[]): Conflict[] {
  // Index every document but the largest (a ledger of 100 000 rows, say), then only look the
  // largest one's facts up: a figure in one document alone cannot conflict.
  const perDocument = new Map<string, number>();
  // Tables (by family) each document has: a family one document alone has cannot conflict
  // (a ledger export's account lines beside a report's cost-centre rows). Counted by runs: a
  // document's facts of one table follow one another.
  const families = new Map<string, Set<string>>();
  let run = 0;
  for (let i = 0; i < facts.length; i++) {
    run++;
    const f = facts[i]!;
    const next = facts[i + 1];
    if (next?.document !== f.document || next.table !== f.table) {
      perDocument.set(f.document, (perDocument.get(f.document) ?? 0) + run);
      run = 0;
      const family = f.table === 'actuals' ? 'costCentres' : f.table;
      const docs = families.get(family);
      if (!docs) families.set(family, new Set([f.document]));
      else docs.add(f.document);
    }
  }
  if (perDocument.size < 2) return [];
  const shared = (f: Fact) => (families.get(f.table === 'actuals' ? 'costCentres' : f.table)?.size ?? 0) > 1;
  const largest = [...perDocument.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]![0];
  const groups = new Map<string, Fact[]>();
  for (const f of facts) {
    if (f.document === largest || !shared(f)) continue;
    const key = conflictKey(f);
    const g = groups.get(key);
    if (g) g.push(f);
    else groups.set(key, [f]);
  }
  for (const f of facts) {
    if (f.document !== largest || !shared(f)) continue;
    groups.get(conflictKey(f))?.push(f);
  }
  const out: Conflict[] = [];
  for (const g of groups.values()) {
    if (g.length < 2) continue;
    const docs = new Set(g.map((f) => f.document));
    if (docs.size < 2) continue;
    const values = new Set(g.map((f) => stripZeros(f.amount)));
    if (values.size < 2) continue;
    // Report the values in document order, as the store lists them.
    g.sort((a, b) => (a.document < b.document ? -1 : a.document > b.document ? 1 : a.line - b.line));
    const f0 = g[0]!;
    out.push({
      costCentre: f0.costCentre,
      account: f0.account,
      year: f0.year,
      basis: f0.basis,
      asOf: f0.asOf,
      values: g.map((f) => ({ document: f.document, line: f.line, amount: f.amount })),
    });
  }
  return out;
}

function stripZeros(amount: string): string {
  return amount.includes('.') ? amount.replace(/\.?0+$/, '') : amount;
}
