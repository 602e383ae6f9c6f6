import { BudgetBotError, type DocumentInfo, type Fact } from '../domain';
import { closestNames, type SuggestIndex, suggestIndexOf } from '../text/closest-names';
import { nameKey } from './aliases';
import { readCsvRecords } from './csv-records';
import { parseFinnishNumber } from './finnish-number';
import { BUDGET_ACCOUNTS } from './layout-words';

/** The names the importer can resolve: every canonical cost centre and its aliases. */
export interface KnownNames {
  /** With the whole city's levels: a code and a path tell apart names under two parents. */
  costCentres: readonly {
    name: string;
    aliases: readonly string[];
    code?: string;
    path?: readonly string[];
  }[];
  /** Account labels of the store besides MENOT / TULOT / NETTOMENO. */
  accounts: readonly string[];
  /** Accounts the reports print as expenses (negative), besides MENOT and NETTOMENO. */
  expenseAccounts?: readonly string[];
}

/** How a ledger export signs its figures. */
export interface ImportOptions {
  /**
   * The export prints expenses (MENOT, net expenses and other expense accounts) as positive
   * figures; they are stored negative, as the reports print them.
   */
  expensesPositive?: boolean;
}

/** An actuals CSV read into TOT facts, with the document it becomes. */
export interface ImportedActuals {
  info: DocumentInfo;
  facts: Fact[];
  /** Cost-centre names as the CSV spells them. */
  printedNames: string[];
}

const COLUMNS = ['cost_centre', 'account', 'as_of', 'amount'] as const;
/** An optional column: the cost centre's code, which names it even where two share a name. */
const CODE_COLUMN = 'cost_centre_code';
const MAX_ERRORS = 10;

function isoDate(text: string): string | null {
  const t = text.trim();
  let y: number;
  let m: number;
  let d: number;
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t);
  const fi = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(t);
  if (iso) [y, m, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else if (fi) [d, m, y] = [Number(fi[1]), Number(fi[2]), Number(fi[3])];
  else return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/**
 * Reads a ledger's year-to-date actuals (cost_centre,account,as_of,amount; ',' or ';'
 * separated, decimal commas and quotes accepted) into TOT facts. Cost centres are resolved
 * through canonical names and aliases. Every bad row is reported with file:line (an unknown
 * name with the closest known names) and then nothing is imported. Expenses are negative, as
 * the reports print them; an export that prints them positive needs `expensesPositive`, and
 * one whose expenses are all positive without it is refused rather than stored as income.
 */
export function importActualsCsv(
  text: string,
  name: string,
  known: KnownNames,
  shownAs = name,
  options: ImportOptions = {},
): ImportedActuals {
  const { records } = readCsvRecords(text, shownAs);
  const [header, ...rows] = records;
  if (!header) throw new BudgetBotError('the CSV file is empty', 'bad_input', `${shownAs}:1`);
  const cols = header.fields.map((f) => f.trim().toLowerCase());
  const codeCol = cols.indexOf(CODE_COLUMN);
  const index = COLUMNS.map((c) => cols.indexOf(c));
  const missing = COLUMNS.filter((c, i) => index[i]! < 0 && !(c === 'cost_centre' && codeCol >= 0));
  if (missing.length > 0) {
    throw new BudgetBotError(
      `the header must name the columns ${COLUMNS.join(',')}; missing: ${missing.join(', ')}`,
      'bad_input',
      `${shownAs}:${header.line}`,
    );
  }
  const [ccCol, accountCol, dateCol, amountCol] = index as [number, number, number, number];
  type Target = { name: string; path?: readonly string[] };
  const lookup = new Map<string, Target>();
  const shared = new Map<string, Target[]>();
  const byCode = new Map<string, Target>();
  for (const cc of known.costCentres) {
    const target: Target = { name: cc.name, ...(cc.path ? { path: cc.path } : {}) };
    if (cc.code) byCode.set(cc.code, target);
    for (const n of [cc.name, ...cc.aliases]) {
      const k = nameKey(n);
      if (!lookup.has(k)) lookup.set(k, target);
      else if (cc.path && lookup.get(k)!.path)
        shared.set(k, [...(shared.get(k) ?? [lookup.get(k)!]), target]);
    }
  }
  const accounts = new Map<string, string>();
  for (const a of [...BUDGET_ACCOUNTS, ...known.accounts]) accounts.set(nameKey(a), a);

  // A ledger repeats the same names and dates on thousands of rows: resolve each text once.
  const memo = <T>(fn: (text: string) => T): ((text: string) => T) => {
    const cache = new Map<string, T>();
    return (text) => {
      if (cache.has(text)) return cache.get(text) as T;
      const v = fn(text);
      cache.set(text, v);
      return v;
    };
  };
  const costCentreOf = memo((t) => lookup.get(nameKey(t)));
  const codeOf = memo((t) => byCode.get(t));
  // Suggestions for unknown names: the index is built on the first unknown name only.
  let suggest: SuggestIndex | null = null;
  const nearNames = memo((t) => {
    suggest ??= suggestIndexOf(known.costCentres);
    return closestNames(t, suggest, 3, { nearOnly: true });
  });
  const accountOf = memo((t) => accounts.get(nameKey(t)));
  const dateOf = memo(isoDate);
  const errors: string[] = [];
  const facts: Fact[] = [];
  const printed = new Set<string>();
  const seen = new Map<string, number>();
  for (const r of rows) {
    const f = r.fields;
    if (f.length !== header.fields.length) {
      errors.push(`${shownAs}:${r.line}: expected ${header.fields.length} fields, found ${r.fields.length}`);
      continue;
    }
    const ccText = ccCol >= 0 ? (f[ccCol] ?? '').trim() : '';
    const codeText = codeCol >= 0 ? (f[codeCol] ?? '').trim() : '';
    const accountText = (f[accountCol] ?? '').trim();
    const dateText = (f[dateCol] ?? '').trim();
    const amountText = (f[amountCol] ?? '').trim();
    const target = codeText !== '' ? codeOf(codeText) : costCentreOf(ccText);
    const cc = target?.name;
    const twins = codeText === '' ? shared.get(nameKey(ccText)) : undefined;
    if (codeText !== '' && !target) {
      errors.push(`${shownAs}:${r.line}: unknown cost centre code "${codeText}"`);
    } else if (twins) {
      errors.push(
        `${shownAs}:${r.line}: "${ccText}" is the name of several cost centres (${twins.map((t) => t.path!.join(' / ')).join('; ')}); give each row its ${CODE_COLUMN}`,
      );
      continue;
    } else if (!cc) {
      const near = nearNames(ccText);
      errors.push(
        `${shownAs}:${r.line}: unknown cost centre "${ccText}"${near.length > 0 ? `; closest known: ${near.join(', ')}` : ''}`,
      );
    }
    const account = accountOf(accountText);
    if (!account)
      errors.push(
        `${shownAs}:${r.line}: unknown account "${accountText}" (expected ${BUDGET_ACCOUNTS.join(', ')})`,
      );
    const asOf = dateOf(dateText);
    if (!asOf) errors.push(`${shownAs}:${r.line}: "${dateText}" is not a date (yyyy-mm-dd or d.m.yyyy)`);
    const amount = parseFinnishNumber(amountText);
    if (amount === null) errors.push(`${shownAs}:${r.line}: "${amountText}" is not an amount`);
    if (!cc || !account || !asOf || amount === null) continue;
    const dup = `${target?.path?.join('/') ?? cc}|${account}|${asOf}`;
    const earlier = seen.get(dup);
    if (earlier !== undefined) {
      errors.push(`${shownAs}:${r.line}: ${cc} ${account} ${asOf} was already given on line ${earlier}`);
      continue;
    }
    seen.set(dup, r.line);
    printed.add(ccText || cc);
    facts.push({
      document: name,
      line: r.line,
      section: 'Toteuma',
      table: 'actuals',
      costCentre: cc,
      account,
      year: Number(asOf.slice(0, 4)),
      basis: 'TOT',
      asOf,
      amount,
      unit: 'EUR',
      kind: 'figure',
      ...(target?.path ? { path: target.path as string[] } : {}),
    });
    if (errors.length >= MAX_ERRORS) break;
  }
  if (errors.length > 0) {
    const more = errors.length >= MAX_ERRORS ? ' (stopped after the first errors)' : '';
    throw new BudgetBotError(
      `${errors.length} bad row(s)${more}:\n  ${errors.join('\n  ')}`,
      'bad_input',
      shownAs,
    );
  }
  if (facts.length === 0)
    throw new BudgetBotError('the CSV file has no rows', 'bad_input', `${shownAs}:${header.line}`);
  signAsReports(facts, known, options, shownAs);
  let newest = '';
  for (const f of facts) if (f.asOf !== null && f.asOf > newest) newest = f.asOf;
  return {
    info: {
      name,
      title: `Toteuma ${newest}`,
      layout: 'actualsCsv',
      serviceArea: null,
      reportDate: newest,
      lines: records.at(-1)!.line,
    },
    facts,
    printedNames: [...printed],
  };
}

/**
 * Stores expenses negative as the reports print them. With `expensesPositive`, expense accounts
 * are negated (a negative one is then a mistake); without it, a file whose every expense
 * (MENOT) figure is positive is refused: its signs are the other convention, and stored as
 * they are they would read as income.
 */
function signAsReports(facts: Fact[], known: KnownNames, options: ImportOptions, shownAs: string): void {
  const expense = new Set(['MENOT', 'NETTOMENO', ...(known.expenseAccounts ?? [])]);
  const menot = facts.filter((f) => f.account === 'MENOT' && !/^-?0+(\.0+)?$/.test(f.amount));
  if (options.expensesPositive) {
    const negative = menot.find((f) => f.amount.startsWith('-'));
    if (negative)
      throw new BudgetBotError(
        `MENOT is negative (${negative.amount}) although --expenses-positive says this export prints expenses positive`,
        'bad_input',
        `${shownAs}:${negative.line}`,
      );
    for (const f of facts) {
      if (!expense.has(f.account) || /^-?0+(\.0+)?$/.test(f.amount)) continue;
      f.amount = f.amount.startsWith('-') ? f.amount.slice(1) : `-${f.amount}`;
    }
    return;
  }
  if (menot.length > 0 && menot.every((f) => !f.amount.startsWith('-'))) {
    throw new BudgetBotError(
      'every expense (MENOT) figure of this file is positive, but expenses are negative in the store, as the reports print them: export them negative, or add --expenses-positive to the ingest',
      'bad_input',
      `${shownAs}:${menot[0]!.line}`,
    );
  }
}
