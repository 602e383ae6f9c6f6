/**
 * Monthly ledger exports (year-to-date actuals at each month end) consistent with the budget
 * documents: a year whose financial statements are known (TP) ends exactly at them; an open
 * year continues from the report's year-to-date figure (TOT) to a year-end estimated from the
 * cost centre's own seasonal profile. Each cost centre spends by a profile of its kind (summer
 * jobs in June and July, membership fees in instalments, elections in their month, invoices
 * in December), varied a little month by month by a seeded generator, so every run gives the
 * same files. Used for examples/ledger/ and for the projection backtest.
 */
import type { BudgetData, Fact } from '../src/domain';
import { seeded } from './report-generator';

/** Twelve monthly shares of a year's expenses or revenues (any scale; normalised when used). */
export type Profile = readonly number[];

/** An office's year: January's invoices lag, June pays holiday bonuses, July is quiet, December invoices. */
export const OFFICE: Profile = [7.0, 7.8, 8.5, 8.2, 8.3, 9.5, 6.0, 7.8, 8.5, 8.5, 8.8, 11.1];
/** Even monthly invoices (Kela's share of labour-market subsidy, subscriptions). */
export const EVEN: Profile = [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1];
/** Students' summer jobs: paid in June, July and August. */
export const SUMMER_JOBS: Profile = [0.2, 0.2, 0.2, 0.3, 4, 40, 35, 15, 1, 0.5, 0.3, 3];
/** A membership fee paid in two instalments, February and August. */
export const TWO_INSTALMENTS: Profile = [0, 50, 0, 0, 0, 0, 0, 50, 0, 0, 0, 0];
/** A fee paid quarterly, in the first month of each quarter. */
export const QUARTERLY: Profile = [25, 0, 0, 25, 0, 0, 25, 0, 0, 25, 0, 0];
/** Licences renewed in January and December, support monthly. */
export const LICENCES: Profile = [22, 6, 6, 6, 6, 6, 4, 6, 6, 6, 6, 16];
/** Audits: the financial statements in spring, an interim audit in the autumn. */
export const AUDIT: Profile = [2, 6, 20, 22, 14, 4, 1, 2, 6, 12, 8, 3];
/** Meetings of the council and the board: none in July. */
export const MEETINGS: Profile = [8, 9, 10, 9, 9, 10, 1, 6, 10, 10, 10, 8];
/** Public transport: school routes, so little in the summer. */
export const SCHOOL_ROUTES: Profile = [9.5, 9.5, 9.5, 9.5, 9.5, 4, 1.5, 7, 10, 10, 10, 10];
/** Revenue invoiced monthly and in December for the year. */
export const REVENUE: Profile = [7, 8, 8, 8, 8, 8, 6, 8, 8, 8, 8, 15];
/** The state's compensation of elections, paid some months after them. */
export const ELECTION_REFUND_AFTER_JUNE: Profile = [0, 0, 0, 0, 0, 0, 0, 10, 60, 30, 0, 0];
export const ELECTION_REFUND_AFTER_JANUARY: Profile = [0, 0, 10, 60, 30, 0, 0, 0, 0, 0, 0, 0];
/** Municipal elections in June (2021): polling stations and staff in May and June. */
export const ELECTIONS_IN_JUNE: Profile = [1, 1, 3, 8, 30, 50, 1, 1, 1, 1, 1, 2];
/** County elections in January (2022): the costs in December and January. */
export const ELECTIONS_IN_JANUARY: Profile = [70, 18, 2, 1, 1, 1, 1, 1, 1, 1, 1, 2];

/** Which profile a cost centre's expenses (and revenues) follow in a year. */
export function profileOf(costCentre: string, account: 'MENOT' | 'TULOT', year: number): Profile {
  const name = costCentre.toLowerCase();
  if (name === 'vaalit') {
    if (account === 'TULOT')
      return year === 2021 ? ELECTION_REFUND_AFTER_JUNE : ELECTION_REFUND_AFTER_JANUARY;
    return year === 2021 ? ELECTIONS_IN_JUNE : ELECTIONS_IN_JANUARY;
  }
  if (account === 'TULOT') return REVENUE;
  if (name.includes('kesätyö')) return SUMMER_JOBS;
  if (name === 'kuntaliitto') return TWO_INSTALMENTS;
  if (name === 'lapin liitto') return QUARTERLY;
  if (name === 'tietohallinto') return LICENCES;
  if (name === 'tilintarkastus') return AUDIT;
  if (name === 'kaupunginvaltuusto' || name === 'kaupunginhallitus') return MEETINGS;
  if (name === 'joukkoliikenne') return SCHOOL_ROUTES;
  if (name.includes('työmarkkinatuen') || name.includes('kuntayhtymä')) return EVEN;
  return OFFICE;
}

/** The profile varied by up to ±`jitter` of each month's share (never below zero), normalised to sum 1. */
export function varied(profile: Profile, rnd: () => number, jitter = 0.08): number[] {
  const v = profile.map((w) => w * (1 + (rnd() * 2 - 1) * jitter));
  const total = v.reduce((a, b) => a + b, 0);
  return v.map((w) => w / total);
}

/**
 * Month-end year-to-date figures (whole euros) from `from`'s figure `start` (0 before January)
 * to a year total `total`, spread by monthly `shares`: months from+1 … 12, the last exactly `total`.
 */
export function yearToDate(start: number, total: number, shares: readonly number[], from: number): number[] {
  const rest = shares.slice(from);
  const restShare = rest.reduce((a, b) => a + b, 0);
  const out: number[] = [];
  let ytd = start;
  let spent = 0;
  rest.forEach((share, k) => {
    spent += restShare === 0 ? (k === rest.length - 1 ? 1 : 0) : share / restShare;
    const next = k === rest.length - 1 ? total : start + Math.round((total - start) * spent);
    ytd = next;
    out.push(ytd);
  });
  return out;
}

/** One ledger row: a cost centre's account at a month end. */
export interface LedgerRow {
  costCentre: string;
  account: 'MENOT' | 'TULOT' | 'NETTOMENO';
  asOf: string;
  amount: number;
}

function monthEnd(year: number, month: number): string {
  const day = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** What the documents say of one cost centre's account: the closed year, the open year's date and budget. */
interface Known {
  closed: number | null;
  openYtd: number | null;
  openBudget: number | null;
}

function figure(
  facts: readonly Fact[],
  basis: string,
  year: number,
  asOf: string | null = null,
): number | null {
  const f = facts.find((x) => x.basis === basis && x.year === year && (asOf === null || x.asOf === asOf));
  return f ? Number(f.amount) : null;
}

/** What a ledger generation starts from: the closed year, the open year and its report date. */
export interface LedgerPlan {
  closedYear: number;
  openYear: number;
  /** The report's year-to-date date in the open year, e.g. 2022-06-30. */
  reportAsOf: string;
  /** Months of the open year to write after the report date (7 … 12 for a June report). */
  seed: number;
}

/**
 * Monthly rows for every cost centre of the store's cost-centre table: the closed year's twelve
 * month ends (ending at its TP) and the open year's month ends after the report date (starting
 * from its TOT, ending at a year-end estimate by the cost centre's profile, or near the budget
 * when nothing was spent by the report date). NETTOMENO = MENOT + TULOT; the service area's total
 * rows are the sums of its cost centres.
 */
export function generateLedgerRows(data: BudgetData, plan: LedgerPlan): LedgerRow[] {
  const rnd = seeded(plan.seed);
  const reportMonth = Number(plan.reportAsOf.slice(5, 7));
  const area = data.costCentres.find((c) => c.level === 'serviceArea')?.name ?? null;
  const table = data.facts.filter((f) => f.table === 'costCentres' && f.kind === 'figure');
  const centres = [...new Set(table.map((f) => f.costCentre))].filter((c) => c !== area);
  const rows: LedgerRow[] = [];
  for (const cc of centres) {
    for (const account of ['MENOT', 'TULOT'] as const) {
      const facts = table.filter((f) => f.costCentre === cc && f.account === account);
      const known: Known = {
        closed: figure(facts, 'TP', plan.closedYear),
        openYtd: figure(facts, 'TOT', plan.openYear, plan.reportAsOf),
        openBudget:
          figure(facts, 'TA/KS+muutos', plan.openYear) ??
          figure(facts, 'TA+muutos', plan.openYear) ??
          figure(facts, 'TA', plan.openYear),
      };
      // The closed year: twelve month ends, the last one its financial statements.
      if (known.closed !== null && known.closed !== 0) {
        const shares = varied(profileOf(cc, account, plan.closedYear), rnd);
        yearToDate(0, known.closed, shares, 0).forEach((amount, k) => {
          rows.push({ costCentre: cc, account, asOf: monthEnd(plan.closedYear, k + 1), amount });
        });
      }
      // The open year: from the report's date on, to a year-end the profile makes plausible.
      const ytd = known.openYtd ?? 0;
      const budget = known.openBudget ?? 0;
      if (ytd === 0 && budget === 0) continue;
      const shares = varied(profileOf(cc, account, plan.openYear), rnd);
      const soFar = shares.slice(0, reportMonth).reduce((a, b) => a + b, 0);
      const total =
        ytd === 0 || soFar < 0.05 ? Math.round(budget * (0.9 + rnd() * 0.1)) : Math.round(ytd / soFar);
      yearToDate(ytd, total, shares, reportMonth).forEach((amount, k) => {
        rows.push({ costCentre: cc, account, asOf: monthEnd(plan.openYear, reportMonth + k + 1), amount });
      });
    }
  }
  // NETTOMENO per cost centre and date, then the service area's totals.
  const byKey = new Map<string, number>();
  for (const r of rows) byKey.set(`${r.costCentre}|${r.account}|${r.asOf}`, r.amount);
  const dates = [...new Set(rows.map((r) => r.asOf))].sort();
  const withNet: LedgerRow[] = [];
  for (const asOf of dates) {
    const totals = { MENOT: 0, TULOT: 0, NETTOMENO: 0 };
    for (const cc of centres) {
      const menot = byKey.get(`${cc}|MENOT|${asOf}`);
      const tulot = byKey.get(`${cc}|TULOT|${asOf}`);
      if (menot === undefined && tulot === undefined) continue;
      if (menot !== undefined) withNet.push({ costCentre: cc, account: 'MENOT', asOf, amount: menot });
      if (tulot !== undefined) withNet.push({ costCentre: cc, account: 'TULOT', asOf, amount: tulot });
      const net = (menot ?? 0) + (tulot ?? 0);
      withNet.push({ costCentre: cc, account: 'NETTOMENO', asOf, amount: net });
      totals.MENOT += menot ?? 0;
      totals.TULOT += tulot ?? 0;
      totals.NETTOMENO += net;
    }
    if (area)
      for (const account of ['MENOT', 'TULOT', 'NETTOMENO'] as const)
        withNet.push({ costCentre: area, account, asOf, amount: totals[account] });
  }
  return withNet;
}

/**
 * The rows as ledger export files, one per month end (`actuals-2022-07.csv`), in the layout
 * README "Bring your own ledger" documents: `cost_centre;account;as_of;amount`, whole euros,
 * expenses negative. `names` renames cost centres as an older ledger spells them.
 */
export function ledgerFiles(
  rows: readonly LedgerRow[],
  names: Readonly<Record<string, string>> = {},
): Map<string, string> {
  const files = new Map<string, string[]>();
  for (const r of rows) {
    const name = `actuals-${r.asOf.slice(0, 7)}.csv`;
    let lines = files.get(name);
    if (!lines) {
      lines = ['cost_centre;account;as_of;amount'];
      files.set(name, lines);
    }
    lines.push(`${names[r.costCentre] ?? r.costCentre};${r.account};${r.asOf};${r.amount}`);
  }
  return new Map(
    [...files].sort(([a], [b]) => a.localeCompare(b)).map(([n, lines]) => [n, `${lines.join('\n')}\n`]),
  );
}
