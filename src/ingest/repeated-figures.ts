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

  // The row of the figure added last: a row's figures come one after another.
  private last: Fact | null = null;
  private lastRow: Fact[] = [];

  constructor(private readonly document: string) {}

  /** Adds a figure; BudgetBotError (document:line) when the same figure is already there. */
  add(f: Fact): void {
    const last = this.last;
    const sameRow =
      last !== null &&
      last.account === f.account &&
      last.costCentre === f.costCentre &&
      last.path === f.path &&
      last.table === f.table &&
      last.section === f.section;
    const row = sameRow ? this.lastRow : this.rowOf(f);
    this.last = f;
    this.lastRow = row;
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

  /** The figures seen so far of the figure's row. */
  private rowOf(f: Fact): Fact[] {
    const tables = child(this.rows, f.section, newTables);
    const centres = child(tables, f.table, newCentres);
    // A name printed under two parents (the whole city) is two places: its path tells them apart.
    const place = f.path ? f.path.join('\u0000') : f.costCentre;
    const accounts = child(centres, place, newAccounts);
    return child(accounts, f.account, newRow);
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

const newTables = () => new Map<string, Map<string, Map<string, Fact[]>>>();
const newCentres = () => new Map<string, Map<string, Fact[]>>();
const newAccounts = () => new Map<string, Fact[]>();
const newRow = (): Fact[] => [];
