import { BudgetBotError, type Fact } from '../domain';

/**
 * The figures of one document seen so far, to refuse a figure printed a second time. A report
 * prints each figure once in a section: the same cost centre, account and column again under
 * the same heading means two reports joined into one file, or one pasted twice, whose figures
 * would be counted twice in every sum and ranking. Checked table by table while the document
 * is read, so such a file is refused at the line where the repetition starts, without reading
 * the rest of it.
 */
export class FigureRegister {
  // Row by row (section, table, cost centre, account), keyed by the facts' own strings, and the
  // few columns of a row compared directly: no key is built per figure.
  private readonly rows = new Map<string, Map<string, Map<string, Map<string, Fact[]>>>>();

  constructor(private readonly document: string) {}

  /** Adds a figure; BudgetBotError (document:line) when the same figure is already there. */
  add(f: Fact): void {
    const tables = child(this.rows, f.section, () => new Map<string, Map<string, Map<string, Fact[]>>>());
    const centres = child(tables, f.table, () => new Map<string, Map<string, Fact[]>>());
    // A name printed under two parents (the whole city) is two places: its path tells them apart.
    const place = f.path ? f.path.join('\u0000') : f.costCentre;
    const accounts = child(centres, place, () => new Map<string, Fact[]>());
    const row = child(accounts, f.account, (): Fact[] => []);
    const first = row.find(
      (g) =>
        g.year === f.year &&
        g.basis === f.basis &&
        g.asOf === f.asOf &&
        g.kind === f.kind &&
        g.unit === f.unit,
    );
    if (!first) {
      row.push(f);
      return;
    }
    throw new BudgetBotError(
      `${f.costCentre} · ${f.account} ${f.basis} ${f.asOf ?? f.year} is printed a second time under "${f.section}" (first on line ${first.line}): is this two reports in one file, or one pasted twice?`,
      'bad_input',
      `${this.document}:${f.line}`,
    );
  }
}

function child<V>(parent: Map<string, V>, key: string, make: () => V): V {
  let v = parent.get(key);
  if (v === undefined) {
    v = make();
    parent.set(key, v);
  }
  return v;
}
