/**
 * Projection backtest: on generated two-year ledgers with seasonal patterns (an office year with
 * December invoicing, summer jobs, membership fees in instalments, licences, audits, meetings,
 * school routes, spring elections), the year-end estimate at each month end of the second year,
 * seasonal (the first year's share by the same date) against linear (share of the year gone):
 * mean absolute error as a share of the true year-end. The estimates are the bot's own
 * (src/answering/derived-values.ts).
 */
import { elapsedShare, seasonalProjection } from '../src/answering/derived-values';
import { money } from '../src/domain';
import type { Bench, BenchRow } from './bench-section';
import {
  AUDIT,
  ELECTIONS_IN_JUNE,
  EVEN,
  LICENCES,
  MEETINGS,
  OFFICE,
  type Profile,
  QUARTERLY,
  SCHOOL_ROUTES,
  SUMMER_JOBS,
  TWO_INSTALMENTS,
  varied,
  yearToDate,
} from './ledger-generator';
import { seeded } from './report-generator';

const PROFILES: { name: string; profile: Profile; lastYear?: Profile }[] = [
  { name: 'office year, December invoicing', profile: OFFICE },
  { name: 'summer jobs', profile: SUMMER_JOBS },
  { name: 'fee in two instalments', profile: TWO_INSTALMENTS },
  { name: 'quarterly fee', profile: QUARTERLY },
  { name: 'licences in January and December', profile: LICENCES },
  { name: 'audits in spring', profile: AUDIT },
  { name: 'no meetings in July', profile: MEETINGS },
  { name: 'school routes', profile: SCHOOL_ROUTES },
  { name: 'spring elections', profile: ELECTIONS_IN_JUNE },
  { name: 'even', profile: EVEN },
  // Where last year is no guide: elections last year, an ordinary office year now.
  { name: 'elections last year only', profile: OFFICE, lastYear: ELECTIONS_IN_JUNE },
];
const CENTRES_PER_PROFILE = 100;
const YEAR = 2022;

function monthEnd(month: number): string {
  const day = new Date(Date.UTC(YEAR, month, 0)).getUTCDate();
  return `${YEAR}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Absolute errors (% of the true year-end) of both estimates at month ends 1–11, for one cost centre. */
function errors(
  profile: Profile,
  lastProfile: Profile,
  rnd: () => number,
): { linear: number[]; seasonal: (number | null)[] } {
  const lastTotal = -Math.round(10_000 + rnd() * 2_000_000);
  const total = Math.round(lastTotal * (0.9 + rnd() * 0.25));
  // Each year spreads by the same kind of profile, varied month by month (±15 %) on its own.
  const last = yearToDate(0, lastTotal, varied(lastProfile, rnd, 0.15), 0);
  const now = yearToDate(0, total, varied(profile, rnd, 0.15), 0);
  const linear: number[] = [];
  const seasonal: (number | null)[] = [];
  const off = (estimate: string) =>
    money(estimate).minus(total).abs().div(Math.abs(total)).times(100).toNumber();
  for (let m = 1; m <= 11; m++) {
    const ytd = String(now[m - 1]);
    linear.push(
      off(
        money(ytd)
          .div(elapsedShare(monthEnd(m)).share)
          .toString(),
      ),
    );
    const s = seasonalProjection(ytd, String(last[m - 1]), String(lastTotal));
    seasonal.push(s ? off(s.projection.toString()) : null);
  }
  return { linear, seasonal };
}

const mean = (xs: number[]) => (xs.length === 0 ? Number.NaN : xs.reduce((a, b) => a + b, 0) / xs.length);

const bench: Bench = async (progress) => {
  progress(`backtesting ${PROFILES.length * CENTRES_PER_PROFILE} generated cost centres over 11 month ends`);
  const rnd = seeded(10);
  const byMonth = Array.from({ length: 11 }, () => ({
    linear: [] as number[],
    seasonal: [] as number[],
    none: 0,
  }));
  const byProfile = PROFILES.map(() => ({ linear: [] as number[], seasonal: [] as number[] }));
  PROFILES.forEach(({ profile, lastYear }, p) => {
    for (let c = 0; c < CENTRES_PER_PROFILE; c++) {
      const e = errors(profile, lastYear ?? profile, rnd);
      e.linear.forEach((err, m) => {
        const s = e.seasonal[m];
        // Both estimates are compared where the seasonal one exists (last year had spent something by then).
        if (s === null || s === undefined) {
          byMonth[m]!.none++;
          return;
        }
        byMonth[m]!.linear.push(err);
        byMonth[m]!.seasonal.push(s);
        byProfile[p]!.linear.push(err);
        byProfile[p]!.seasonal.push(s);
      });
    }
  });
  const rows: BenchRow[] = byMonth.map((b, m) => ({
    name: `mean absolute error at ${new Date(Date.UTC(YEAR, m + 1, 0)).getUTCDate()}.${m + 1}., seasonal`,
    value: mean(b.seasonal),
    unit: '%',
    baseline: { name: 'linear', value: mean(b.linear), unit: '%' },
    note: `${b.seasonal.length} cost centres${b.none > 0 ? `; ${b.none} without a seasonal estimate (nothing spent by then last year)` : ''}`,
  }));
  const all = { linear: byMonth.flatMap((b) => b.linear), seasonal: byMonth.flatMap((b) => b.seasonal) };
  rows.push({
    name: 'all month ends, seasonal',
    value: mean(all.seasonal),
    unit: '%',
    target: 'below linear',
    met: mean(all.seasonal) < mean(all.linear),
    baseline: { name: 'linear', value: mean(all.linear), unit: '%' },
    note: PROFILES.map(
      (p, i) =>
        `${p.name}: ${mean(byProfile[i]!.seasonal).toFixed(1)} vs ${mean(byProfile[i]!.linear).toFixed(1)}`,
    ).join('; '),
  });
  return {
    title: 'Projection backtest: seasonal vs linear year-end estimate',
    rows,
    notes: [
      `${CENTRES_PER_PROFILE} generated cost centres for each of ${PROFILES.length} monthly profiles (bench/ledger-generator.ts), two years each: the second year's total 90–115 % of the first's, each year's monthly shares varied by up to ±15 % on their own; in the last group last year had elections and this year has none, where last year is no guide. Errors are |estimate − true year-end| / |true year-end|.`,
      'The seasonal estimate does not depend on how much the total changed from last year, only on how alike the two years spread over the months: it beats the linear one wherever spending is seasonal, and loses where it is even, or where last year was unlike this one. Both are given, labelled as estimates.',
      'Linear: year-to-date / share of the year gone (the estimate every answer gives). Seasonal: year-to-date / the share of last year’s whole year spent by the same date (given beside the linear one where last year’s ledger has that date).',
      'No timing here: the table measures how far each estimate lands, not how fast it is made.',
    ],
  };
};

export default bench;
