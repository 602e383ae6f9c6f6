import { formatDate, formatNumber } from '../../domain';
import { EN_MONTHS } from '../../text/month-names';
import { withoutLabelDate } from '../label-date';
import { yearList } from '../year-list';
import { lineList } from './line-list';
import type { AnswerMessages, ListSide } from './types';

/** The decimals a printed figure has ("9.91" → 2). */
function decimals(amount: string): number {
  return amount.split('.')[1]?.length ?? 0;
}

const SIDES: Record<'revenue' | 'spending', Record<string, ListSide>> = {
  revenue: {
    aheadOfPace: { list: 'Revenue ahead of an even pace', title: 'Revenue ahead' },
    behindPace: { list: 'Revenue behind an even pace', title: 'Revenue behind' },
    overBudget: { list: 'Revenue above the estimate', title: 'Revenue above estimate' },
    underBudget: { list: 'Revenue short of the estimate', title: 'Revenue short' },
  },
  spending: {
    aheadOfPace: { list: 'Ahead of an even pace', title: 'Ahead of pace' },
    behindPace: { list: 'Behind an even pace', title: 'Behind pace' },
    overBudget: { list: 'Over budget', title: 'Over budget' },
    underBudget: { list: 'Under budget', title: 'Under budget' },
  },
};

/** The answering step's wording in English. */
export const en: AnswerMessages = {
  and: ' and ',
  words: {
    betterOrWorse: (better) => (better ? 'better' : 'worse'),
    perPerson: (amount) => `${formatNumber(amount, 'en', decimals(amount))} days per person`,
    netIncome: (amount) => `${amount} net income`,
    perInhabitant: (amount) =>
      `${amount.startsWith('-') ? '-' : ''}€${formatNumber(amount.replace(/^-/, ''), 'en')} per inhabitant`,
    documentKind: (layout, date) =>
      `${layout === 'actualsCsv' ? 'ledger actuals' : layout === 'ledgerExport' ? 'ledger report' : 'budget'}${date ? ` ${date}` : ''}`,
    financialStatements: (year) => `${year} financial statements (TP)`,
    stateAt: (date) => `as of ${date} (TOT)`,
    actualTo: (date) => `actual 1 Jan–${date} (TOT)`,
    plan: (year, basis) => `${year} financial plan (${basis})`,
    budget: (year, basis) => `${year} budget (${basis})`,
    source: (docs) =>
      `Source: ${docs.map((d) => `${d.document}, ${d.lines.length > 1 ? 'lines' : 'line'} ${lineList(d.lines, 'lines')}`).join('; ')}.`,
    page: (page) => `page ${page}`,
    sheet: (sheet) => `sheet ${sheet}`,
    moreOrLess: (more) => (more ? 'more' : 'less'),
    lineItems: (income) => (income ? 'income types' : 'expense types'),
    investmentItems: 'investments',
  },
  cityAreas: (city, areas) => `${city}: the ${areas.length} service areas ${areas.join(', ')}.`,
  summed: (subject, periods, of, count, documents) => {
    const parts = `${count} ${{ accounts: 'account lines', costCentres: "cost centres' figures", resultAreas: "result areas' figures", serviceAreas: "service areas' figures" }[of]} (${documents.join(', ')})`;
    return periods.length === 1
      ? `Worked out: ${subject}, ${periods[0]}, is the sum of ${parts}; no document prints it as such.`
      : `Worked out: ${subject}, ${periods.slice(0, -1).join(', ')} and ${periods.at(-1)}, each the sum of ${parts}; no document prints them as such.`;
  },
  periodRead: (note) => `Period: ${note}.`,
  sameDateInstead: (year, date) =>
    `The ${year} financial statements cover the whole year, so the part-year actual is compared with the actual at the same date, ${date}: periods of the same length.`,
  noStatementsYet: (year, date) =>
    `The ${year} financial statements are not out yet: the figure is the actual to ${date}.`,
  unreconciled: (i, diff) =>
    `The source figures do not add up: ${i.costCentre} ${i.year} ${i.basis}, ${i.check} (${i.document}, line ${i.line}), difference ${diff}.`,
  inYear: (year, kind) => {
    if (year === null || year === undefined) return 'for any year';
    const word = {
      actual: ' as an actual',
      budget: ' in the budget',
      plan: ' in the financial plan',
      any: '',
    }[kind];
    return `for ${year}${word}`;
  },
  forYear: (year) => `for ${year}`,
  inDate: (asOf) => `as of ${formatDate(asOf, 'en')}`,
  noYearGiven: (kind, year) =>
    kind === 'budget'
      ? `No year given: used the newest budget year, ${year}.`
      : `No year given: used the newest actual (${year}).`,
  noPairToCompare: (year, missing) =>
    `There is no ${missing === 'budget' ? 'budget' : 'actual'} for ${year}, so no comparison can be made.`,
  rowQuestion: (subject, word, rest) => [subject, withoutLabelDate(word), rest].filter((p) => p).join(' '),
  trendOption: (subject, word) => ({ label: 'Trend over the years', ask: `${subject} ${word} trend` }),
  compareYearOption: (subject, word, year) => ({
    label: `Compare with ${year - 1}`,
    ask: `compare ${subject} ${word} ${year - 1} and ${year}`,
  }),
  linearProjectionNote:
    'The projection is a naive linear estimate (actual / elapsed share of the year); seasonal costs can change it.',
  variance: {
    marginClosed: (row, amount, worse) =>
      `${row} was ${amount} ${worse ? 'worse' : 'better'} than estimated.`,
    marginOpenYear: (elapsed, days) => `${elapsed} of the year has gone (${days}).`,
    noShareOpenYear: (diff, worse, elapsed, days) =>
      `No used share can be given (a zero budget or opposite signs): the actual is ${diff} ${worse ? 'worse' : 'better'} than the budget, with ${elapsed} of the year gone (${days}).`,
    revenueOpenYear: (used, elapsed, days, pace) =>
      `${used} of the estimated revenue has come in with ${elapsed} of the year gone (${days}); ${pace} against pace.`,
    spendingOpenYear: (used, elapsed, days, pace, ahead, overrun, remaining) =>
      `${used} of the budget is used with ${elapsed} of the year gone (${days}): ${pace} ${ahead ? 'ahead of' : 'behind'} an even pace; ${overrun ? `the budget is already overspent by ${remaining}` : `${remaining} left`}.`,
    matched: 'The actual matched the budget.',
    bothZero: 'There was neither a budget nor an actual for the year (both €0).',
    netIncomeClosed: (amount, unfavourable) =>
      unfavourable
        ? `Net income fell ${amount} short of the budget (unfavourable).`
        : `Net income beat the budget by ${amount} (favourable).`,
    revenueClosed: (amount, unfavourable, used) => {
      const share = used ? `; ${used} of the estimate` : '';
      return unfavourable
        ? `Revenue fell ${amount} short of the estimate (unfavourable${share}).`
        : `Revenue exceeded the estimate by ${amount} (favourable${share}).`;
    },
    spendingClosed: (amount, unfavourable, used) => {
      const share = used ? `; ${used} of budget` : '';
      return unfavourable
        ? `Overspent by ${amount} (unfavourable${share}).`
        : `Underspent by ${amount} (favourable${share}).`;
    },
  },
  remaining: {
    revenue: (subject, word, amount, beyond) =>
      beyond
        ? `${subject} – ${word}: the estimate is already exceeded by ${amount}.`
        : `${subject} – ${word}: ${amount} still to come in against the estimate.`,
    overspent: (subject, amount) => `${subject} – the budget is overspent by ${amount}; nothing is left.`,
    left: (subject, word, amount, used) =>
      `${subject} – ${word}: ${amount} of the budget is left${used ? ` (${used} used)` : ''}.`,
  },
  forecast: {
    closedYear: (yearEnd) =>
      yearEnd
        ? `The year is over, so no forecast is needed: the actual as of ${yearEnd} is the whole year's (from the ledger; the financial statements are not in the data yet).`
        : 'The year is closed, so no forecast is needed: the figures are from the financial statements.',
    revenue: (projected, gap, short) =>
      `Estimate: at this pace full-year revenue would be about ${projected} (${gap} ${short ? 'below' : 'above'} the estimate).`,
    spending: (projected, gap, overrun) =>
      `Estimate: at this pace the full year would come to about ${projected}, ${overrun ? `overrunning the budget by ${gap}` : `${gap} under budget`}.`,
    seasonal: (_lastYear, date, share, projected, gap, unfavourable, flow) =>
      flow === 'revenue'
        ? `Seasonal estimate: by ${date}, ${share} of that year's revenue had come in; in the same proportion this year's revenue would be about ${projected} (${gap} ${unfavourable ? 'below' : 'above'} the estimate).`
        : `Seasonal estimate: by ${date}, ${share} of that year's ${flow === 'net' ? 'net expenses' : 'expenses'} had been spent; in the same proportion this year would come to about ${projected}, ${unfavourable ? `overrunning the budget by ${gap}` : `${gap} under budget`}.`,
  },
  seasonalProjectionNote: (lastYear) =>
    `The seasonal projection uses ${lastYear}'s monthly actuals: full year = actual ÷ ${lastYear}'s share by the same date. An estimate, as is the linear one.`,
  compare: {
    subjectsMore: (later, earlier, size, more, pct) => `${later}: ${size} ${more} than ${earlier} (${pct}).`,
    yearsMore: (from, to, size, more, pct) => `Change ${from}–${to}: ${size} ${more} (${pct}).`,
    signedDifference: (between, diff) =>
      `Difference (${between}) ${diff} (signed as in the source: expenses negative).`,
    together: (size) => `Together ${size}.`,
    shareOf: (part, whole, share) => `${part}: ${share} of ${whole}.`,
    printedChangeRow: (p, value) =>
      `The document's own change row for ${p.year}: ${value} (${p.document}, line ${p.line}).`,
    partYearNotCompared: (year, period, value, previous) =>
      `For ${year} there is only the ${period} ${value}${previous ? `, so it is not compared with the whole of ${previous.year} (${previous.words} ${previous.value})` : ''}: the comparison is between the budgets.`,
    partYearProjection: (year, projected, percent, previous) =>
      `Estimate: at this pace ${year} would come to about ${projected}${percent && previous ? ` (${percent} on ${previous})` : ''}; a linear estimate, seasonal costs can change it.`,
    noLikeWithLike: (year, period, value, previous) =>
      `For ${year} there is only the ${period} ${value}${previous ? `, which cannot be compared with the whole of ${previous}` : ''}, and there are no budgets to compare instead.`,
  },
  ranking: {
    noBreakdown: (subject, area) =>
      `${subject} is not broken down by expense type or into smaller cost centres${area ? `: expense types are only at the service area's level (${area})` : ''}.`,
    noFiguresTitle: 'No figures',
    noFigures: (years) =>
      `No figures to rank. ${years.length ? `The data covers ${yearList(years)}.` : 'The data has no figures yet.'}`,
    amountHead: (asc, what, period, list) => `${asc ? 'Smallest' : 'Largest'} ${what}, ${period}: ${list}.`,
    costCentresCompared: (n, level) =>
      level === 'serviceArea'
        ? `${n} service areas compared; the city total is left out.`
        : level === 'resultArea'
          ? `${n} result areas compared; the service areas' totals are left out.`
          : `${n} cost centres compared; totals are left out.`,
    amountTitle: (what, year) => `Ranking · ${what} ${year}`,
  },
  changeRanking: {
    partYearTitle: 'The year is not over',
    partYear: (year, period, other) =>
      `For ${year} there is only the ${period}, not a full year, so the change from ${other} cannot be worked out. Budgets can be compared.`,
    budgetsOption: (decline, word, from, to) => ({
      label: `Budgets ${from}–${to}`,
      ask: `${decline ? 'largest decrease' : 'largest increase'} ${word} budget ${from} and ${to}`,
    }),
    heading: (decline) => (decline ? 'Largest decrease' : 'Largest increase'),
    explained: (magnitudes, n, lineItems) =>
      `The change is in euros ${magnitudes ? 'of money spent (more spending = growth)' : 'between the figures'}; ${n} ${lineItems ? 'rows' : 'cost centres'} with a figure in both years, totals left out.`,
    missing: (n, lineItems, from, to) =>
      `${n} ${lineItems ? 'rows lack' : 'cost centres lack'} a figure for one of the years (${yearList([from, to])}).`,
  },
  budgetMetric: {
    heading: (byRemaining, most) =>
      byRemaining
        ? most
          ? 'Most budget left'
          : 'Least budget left'
        : most
          ? 'Largest share of budget used'
          : 'Smallest share of budget used',
    overspentBy: (amount) => `overspent by ${amount}`,
    usedBeside: (used) => ` (${used} used)`,
    compared: (n) => `${n} cost centres with both an actual and a budget; totals are left out.`,
    pastShare: (share) => `More than ${share} of their budget used`,
    pastShareCount: (n, of) => `${n} of ${of}`,
    nonePastShare: (share, period, of) =>
      `None of the ${of} cost centres has used more than ${share} of its budget (${period}).`,
  },
  overBudget: {
    unbudgeted: (items) => `With no budget, so not counted as over or under: ${items}.`,
    noBudget: 'no budget',
    side: (condition, revenue) => SIDES[revenue ? 'revenue' : 'spending'][condition] as ListSide,
    none: (compared, lineItems, list, word, period) =>
      `None of the ${compared} ${lineItems ? 'expense types' : 'cost centres'} is ${list.toLowerCase()} (${word}, ${period}).`,
    showAll: (n) => ({ label: `Show all ${n}`, ask: `show ${n}` }),
    listed: (list, word, period, count, compared, shown, items) =>
      `${list} (${word}, ${period}), ${count} of ${compared}${shown === null ? '' : ` (the ${shown} largest shown)`}: ${items}.`,
  },
  trend: {
    byYear: (subject, word) => `${subject} – ${word} by year.`,
    actuals: 'Actuals',
    budgets: 'Budgets',
    plans: 'Financial plan',
    change: (span, size, more, pct) => `Change ${span} (financial statements): ${size} ${more} (${pct}).`,
    signedDifference: (span, diff) =>
      `Difference ${span} (financial statements, signed as in the source): ${diff}.`,
  },
  months: {
    inMonth: (month, year) => `in ${EN_MONTHS[month - 1]} ${year}`,
    inMonths: (from, to, year) => `in ${EN_MONTHS[from - 1]}–${EN_MONTHS[to - 1]} ${year}`,
    name: (month, year) => (year === null ? EN_MONTHS[month - 1]! : `${EN_MONTHS[month - 1]} ${year}`),
    byMonth: 'by month',
    difference: (subject, word, when, amount, end, start, reversed) =>
      `${subject} – ${word} ${when}: ${amount}${reversed ? ' (the month runs against the year so far, e.g. a refund)' : ''} = ${end} − ${start}.`,
    january: (subject, word, when, amount, period) =>
      `${subject} – ${word} ${when}: ${amount} (${period}: January's figure is the year so far).`,
    differenceNote:
      "A month's figure is the difference of two year-to-date figures: the actual at the month's end less the one at the previous month's end.",
    spanDifferenceNote:
      "The months' figure is the difference of two year-to-date figures: the actual at the end of the last month less the one at the end of the month before the first.",
    noFigure: (subject, word, when, missing, dates) =>
      `There is no ${word} figure for ${subject} ${when}: the data has no actual at ${missing}. ${dates.length > 0 ? `The year has actuals at ${dates.join(', ')}.` : 'The year has no month-end actuals.'}`,
    seriesOption: (subject, word, year) => ({
      label: `By month ${year}`,
      ask: `${subject} ${word} by month ${year}`,
    }),
    point: (month, amount) => `${month} ${amount}`,
    pointToDate: (date, amount) => `to ${date} ${amount}`,
    series: (subject, word, year, listed) => `${subject} – ${word} by month ${year}: ${listed}.`,
  },
  keyFigures: {
    title: 'Key figures',
    none: 'The data has no key figures.',
    onlyServiceArea: (who, areas) =>
      `${who} has no key figures of its own: they exist only for the service area (${areas.join(', ')}).`,
    areaOption: (area) => ({ label: area, ask: `${area} key figures` }),
    noYear: (wanted, years) =>
      `There are no key figures for ${wanted.join(', ')}. They cover ${yearList(years)}.`,
    noYearGiven: (year) => `No year given: showing ${year}.`,
  },
  investments: {
    title: 'Investments',
    none: 'The data has no investment plan.',
    noSuch: (years) => `The investment plan has no such figure. It covers ${yearList(years)}.`,
    noRow: (row, years) =>
      `The investment plan has no ${row ? `row "${row}"` : 'such row'} (it covers ${yearList(years)}).`,
    items: (n) => `items (${n})`,
  },
  prose: {
    noTextTitle: 'No matching text',
    noText: (headings) =>
      `I found no passage in the documents that answers this.${headings.length ? ` Topics: ${headings.join('; ')}.` : ''}`,
    excerpt: (heading, document, text) => `${heading} (${document}, in Finnish): ${text}`,
  },
  rows: {
    notInEuros: (label, has) =>
      `The row "${label}" has no amounts in euros${has ? `; its figure is ${has}` : ''}.`,
    noDataTitle: 'No data',
    noData: 'The data has no figures to answer from.',
    noFigures: (subject) => `The data has no figures for ${subject}.`,
    elsewhere: (subject, word, where, areaOnly) =>
      `There is no "${word}" figure for ${subject}${areaOnly ? `: it exists only at service-area level (${where})` : `; ${where} has it`}.`,
    has: (subject, accounts) => `${subject} has ${accounts}.`,
    noRow: (account, subject, own) => `The data has no row "${account}". ${subject} has: ${own.join(', ')}.`,
    noFigureAtDate: (subject, word, date, dates, years) =>
      `There is no ${word} figure for ${subject} as of ${date}.${dates.length === 1 ? ` The only actual is as of ${dates[0]}.` : dates.length > 1 ? ` Actuals are given as of ${dates.join(', ')}.` : years.length > 0 ? ` Actuals cover ${yearList(years)}.` : ''}`,
    noListFiguresAtDate: (word, date, dates, years) =>
      `The data has no ${word} figures as of ${date}, so there is no list for that date.${dates.length === 1 ? ` The only actuals are as of ${dates[0]}.` : dates.length > 1 ? ` Actuals are given as of ${dates.join(', ')}.` : years.length > 0 ? ` Actuals cover ${yearList(years)}.` : ''}`,
    noFigureFor: (subject, word, what, years) =>
      `There is no ${word} figure for ${subject} ${what}. The data covers ${yearList(years)}.`,
  },
  examples: ({ costCentre: cc, closedYear: closed, newestActual, hasSections }) => {
    const asks: string[] = [];
    if (cc) asks.push(`how much has ${cc} spent?`);
    if (cc && closed) asks.push(`${cc} expenses ${closed}`);
    if (cc && closed) asks.push(`compare ${cc} expenses ${closed - 1} and ${closed}`);
    if (newestActual) asks.push(`biggest expenses ${newestActual}`);
    asks.push('which cost centres are over budget?');
    if (cc) asks.push(`${cc} expenses trend`);
    if (hasSections) asks.push('what are the goals?');
    return asks;
  },
  conversation: {
    greetingTitle: 'Hello!',
    greeting: (years, example) =>
      `Hello! Ask me about the budget and actuals${years ? ` (years ${years})` : ''}${example ? `, for example: ${example}` : '.'}`,
    thanks: { title: "You're welcome", text: "You're welcome! Ask again any time." },
    subscribe: {
      title: 'Alert subscription',
      text: 'Subscribing to alerts when budget use passes the threshold.',
    },
    unsubscribe: { title: 'Stop alerts', text: 'Stopping the alerts.' },
    listSubscriptions: { title: 'Subscriptions', text: 'Showing your alert subscriptions.' },
    helpTitle: 'What can I ask?',
    help: (years, examples) =>
      `Ask about a cost centre's expenses, revenue or net expenses, budget and actuals${years ? ` (years ${years})` : ''}, budget left, forecasts, comparisons, the biggest items, overspending, trends, key figures, investments or goals. Examples: ${examples.map((e) => `"${e}"`).join(', ')}.`,
    coverage: (docs, asOf, names, ledgers, months) => {
      if (docs.length === 0 && !ledgers) return 'No documents have been imported yet.';
      const files = ledgers
        ? [...docs, `ledger actuals ${ledgers.first} … ${ledgers.last} (${ledgers.count} files)`]
        : docs;
      return [
        `Data: ${files.join('; ')}.`,
        asOf ? `Actuals up to ${formatDate(asOf, 'en')}.` : '',
        months.length > 0 ? `Month-end actuals: ${months.join(', ')}.` : '',
        names.length ? `Cost centres (${names.length}): ${names.join(', ')}.` : '',
      ]
        .filter((p) => p)
        .join(' ');
    },
  },
  cityCovers: (areas) =>
    areas.length === 1
      ? `Of the city, the data covers only the ${areas[0]} service area, so the figures are its.`
      : `Of the city, the data covers the service areas ${areas.join(', ')}.`,
  aboutData: {
    title: 'The data',
    costCentresTitle: 'Cost centres',
    costCentres: (names, areas) =>
      `The data has ${names.length} cost centres${areas.length === 1 ? ` (service area ${areas[0]})` : ''}: ${names.join(', ')}.`,
    serviceAreasTitle: 'Service areas',
    serviceAreas: (areas) =>
      `The data has ${areas.length === 1 ? 'one service area' : `${areas.length} service areas`}: ${areas.map((a) => `${a.name} (${a.costCentres} cost centres)`).join(', ')}.`,
    years: (all, actual, budget, plan, latest) =>
      `The data covers ${all}: actuals ${actual}${latest ? ` (the newest up to ${latest})` : ''}, budgets ${budget}${plan ? `, financial plan ${plan}` : ''}.`,
    statementsIn: (year) => `The ${year} financial statements are in the data.`,
    statementsNotIn: (year, latest) =>
      `${year === null ? 'No financial statements are' : `The ${year} financial statements are not`} in the data yet${latest ? `; the newest actuals run to ${latest}` : ''}.`,
    sources: (docs, ledgers) =>
      `The figures come from: ${[...docs, ...(ledgers ? [`ledger actuals ${ledgers.first} … ${ledgers.last} (${ledgers.count} files)`] : [])].join('; ')}.`,
    asOf: (isoDate) => {
      const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
      return `The newest actuals run to ${d} ${EN_MONTHS[m - 1]} ${y}.`;
    },
    noActuals: 'The data has no actuals yet.',
    glossaryTitle: 'Terms',
    unknownTerm: (terms) => `I do not know that term. I can explain: ${terms.join(', ')}.`,
  },
  rankingWord: (asc) => (asc ? 'smallest' : 'largest'),
  otherAccounts: (words) =>
    `You also asked about ${words.join(' and ')}: I answer one account at a time; use the button for ${words.length === 1 ? 'the other' : 'the others'}.`,
  understanding: {
    clarifyTitle: 'Which one?',
    clarify: (term, labels) =>
      labels.length === 1
        ? `Do you mean ${labels[0]} ("${term}")?`
        : `"${term}" could mean several things: ${labels.join(', ')}. Which one do you mean?`,
    whichSubjectTitle: 'Which cost centre?',
    whichSubject: (areas) =>
      `Which cost centre's figures do you want? Pick one from the list, or the whole ${areas.length === 1 ? 'service area' : 'service areas'} (${areas.join(', ')}).`,
    wholeArea: (area) => `${area} (whole service area)`,
    notInDataTitle: 'Not in the data',
    countNotMoney: (term, inMoney) =>
      `${term} is a count, not an amount of money. The amount in euros is on the row ${inMoney}.`,
    noSuchDateTitle: 'No such date',
    noSuchDate: (term, month, days, offered) =>
      `There is no date ${term}: ${EN_MONTHS[month - 1]} has ${days} days.${offered.length ? ` The nearest month ends are ${offered.join(' and ')}.` : ''}`,
    periodTooFine: (term, date) =>
      `The data has no figures for "${term}": actuals are year-to-date totals at the end of a month or a reporting period${date ? ` (the newest ${date})` : ''}.`,
    unknownMeasure: (subject, term) =>
      `I cannot tell what is asked about ${subject} ("${term}"): the data has its expenses, revenue and net expenses, budget and actuals.`,
    nameNotFoundTitle: 'Cost centre not found',
    nameNotFound: (term, closest, areas, costCentres) =>
      `The data has no cost centre "${term}".${
        closest.length
          ? ` Closest: ${closest.join(', ')}.`
          : ` It covers the ${areas.length === 1 ? 'service area' : 'service areas'} ${areas.join(', ')}: ${costCentres} cost centres, to pick from the list.`
      }`,
    notUnderstoodTitle: 'Not understood',
    notUnderstood: (term, examples) =>
      `I did not understand${term ? ` "${term}"` : ' the question'}. Try for example: ${examples.map((e) => `"${e}"`).join(', ')}.`,
  },
  failure: {
    title: 'Could not answer',
    text: 'I could not answer that. Try rephrasing it, or type "help".',
  },
};
