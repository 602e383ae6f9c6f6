import type { BudgetCondition, Option, ReconciliationIssue } from '../../domain';

/** What a budget list is called in running text and as its card's title. */
export interface ListSide {
  list: string;
  title: string;
}

/**
 * Every sentence the answering step says, per language: the figures, names and formats come
 * in as arguments already formatted; the wording lives here (fi.ts, en.ts) and nowhere else.
 */
export interface AnswerMessages {
  /** The word joining the last two items of a list ("2020 ja 2021"), spaced. */
  and: string;
  /** Words for figures and their periods, used in every answer. */
  words: {
    perInhabitant(amount: string): string;
    /** Days per person (sick-leave days): "9,91 pv/hlö". */
    perPerson(amount: string): string;
    /** A margin's change: better or worse ("parempi", "heikompi"). */
    betterOrWorse(better: boolean): string;
    /** A net row above zero: income, said in words rather than with a plus sign ("26 € nettotuloa"). */
    netIncome(amount: string): string;
    financialStatements(year: number): string;
    stateAt(date: string): string;
    actualTo(date: string): string;
    plan(year: number, basis: string): string;
    budget(year: number, basis: string): string;
    source(documents: { document: string; lines: number[] }[]): string;
    /** Where in a PDF or a workbook a source line is: "sivu 3", "taulukko 2024". */
    page(page: number): string;
    sheet(sheet: string): string;
    moreOrLess(more: boolean): string;
    lineItems(income: boolean): string;
    /** The items of the investment table, as a ranking ranks them. */
    investmentItems: string;
    /** A document by its kind and date or year, where its title does not say them: "kirjanpidon toteuma 31.7.2022", "talousarvio 2020". */
    documentKind(
      layout: 'tabbed' | 'pdfText' | 'actualsCsv' | 'pdf' | 'workbook' | 'ledgerExport',
      date: string | null,
    ): string;
  };
  /** Figures of one place no document prints: their periods, what each adds up, from which documents. */
  summed(
    subject: string,
    periods: string[],
    of: 'accounts' | 'costCentres' | 'resultAreas' | 'serviceAreas',
    count: number,
    documents: string[],
  ): string;
  periodRead(note: string): string;
  /** The financial statements of a year still open were asked: the year-to-date actual given instead. */
  noStatementsYet(year: number, date: string): string;
  /** A closed year's statements asked beside a part year: the same date of that year is used instead. */
  sameDateInstead(year: number, date: string): string;
  /** Which service areas the whole city's figure covers. */
  cityAreas(city: string, areas: string[]): string;
  unreconciled(issue: ReconciliationIssue, difference: string): string;
  inYear(year: number | null | undefined, kind: 'actual' | 'budget' | 'plan' | 'any'): string;
  forYear(year: number): string;
  inDate(asOf: string): string;
  noYearGiven(kind: 'actual' | 'budget', year: number): string;
  noPairToCompare(year: number, missing: 'actual' | 'budget'): string;
  /**
   * A question the bot writes about one subject's row (a button's or a follow-up's text), in
   * correct grammar: "Tietohallinnon menot 2021", "Tietohallinto expenses 2021". `rest` follows.
   */
  rowQuestion(subject: string, word: string, rest?: string): string;
  trendOption(subject: string, word: string): Option;
  compareYearOption(subject: string, word: string, year: number): Option;
  linearProjectionNote: string;
  variance: {
    /** A margin row's closed year: better or worse than estimated (no käyttöaste, no ylitys). */
    marginClosed(row: string, amount: string, worse: boolean): string;
    /** A margin row's open year: how much of the year is gone (a margin has no budget to use). */
    marginOpenYear(elapsed: string, days: string): string;
    noShareOpenYear(difference: string, worse: boolean, elapsed: string, days: string): string;
    revenueOpenYear(used: string, elapsed: string, days: string, pace: string): string;
    spendingOpenYear(
      used: string,
      elapsed: string,
      days: string,
      pace: string,
      ahead: boolean,
      overrun: boolean,
      remaining: string,
    ): string;
    matched: string;
    /** Budget and actual both zero: the row had nothing that year. */
    bothZero: string;
    netIncomeClosed(amount: string, unfavourable: boolean): string;
    revenueClosed(amount: string, unfavourable: boolean, used: string | null): string;
    spendingClosed(amount: string, unfavourable: boolean, used: string | null): string;
  };
  remaining: {
    revenue(subject: string, word: string, amount: string, beyond: boolean): string;
    overspent(subject: string, amount: string): string;
    left(subject: string, word: string, amount: string, used: string | null): string;
  };
  forecast: {
    /** The year is over: with its TP, or (a ledger's year end) with the year's actuals at 31.12. and no TP yet. */
    closedYear(yearEnd: string | null): string;
    revenue(projected: string, gap: string, short: boolean): string;
    spending(projected: string, gap: string, overrun: boolean, net: boolean): string;
    /** The seasonal estimate: last year's share by the same date, and what it makes of this year. */
    seasonal(
      lastYear: number,
      date: string,
      share: string,
      projected: string,
      gap: string,
      unfavourable: boolean,
      flow: 'expense' | 'revenue' | 'net',
    ): string;
  };
  /** Said under an answer that carries a seasonal estimate beside the linear one. */
  seasonalProjectionNote(lastYear: number): string;
  compare: {
    subjectsMore(later: string, earlier: string, size: string, more: string, percent: string): string;
    yearsMore(from: number, to: number, size: string, more: string, percent: string): string;
    signedDifference(between: string, difference: string): string;
    together(size: string): string;
    shareOf(part: string, whole: string, share: string): string;
    printedChangeRow(printed: { year: number; document: string; line: number }, value: string): string;
    partYearNotCompared(
      year: number,
      period: string,
      value: string,
      previous: { year: number; words: string; value: string } | null,
    ): string;
    partYearProjection(
      year: number,
      projected: string,
      percent: string | null,
      previous: number | null,
    ): string;
    noLikeWithLike(year: number, period: string, value: string, previous: number | null): string;
  };
  ranking: {
    /** A ranking asked of one cost centre, which has nothing below it to rank. */
    noBreakdown(subject: string, area: string | null): string;
    noFiguresTitle: string;
    noFigures(years: number[]): string;
    amountHead(ascending: boolean, what: string, period: string, list: string): string;
    /** How many places were ranked, of the level compared (cost centres unless the question named one). */
    costCentresCompared(count: number, level?: 'serviceArea' | 'resultArea' | 'costCentre'): string;
    amountTitle(what: string, year: number): string;
  };
  changeRanking: {
    partYearTitle: string;
    partYear(year: number, period: string, other: number): string;
    budgetsOption(decline: boolean, word: string, from: number, to: number): Option;
    heading(decline: boolean): string;
    explained(magnitudes: boolean, count: number, lineItems: boolean): string;
    missing(count: number, lineItems: boolean, from: number, to: number): string;
  };
  budgetMetric: {
    heading(byRemaining: boolean, most: boolean): string;
    overspentBy(amount: string): string;
    usedBeside(used: string): string;
    compared(count: number): string;
    /** The heading of a list of those past a share of their budget used ("yli 50 %"). */
    pastShare(share: string): string;
    /** How many of those compared are past the share. */
    pastShareCount(count: number, of: number): string;
    /** None is past the share. */
    nonePastShare(share: string, period: string, of: number): string;
  };
  overBudget: {
    unbudgeted(items: string): string;
    /** The button that shows a cut list whole: its label and the follow-up it asks. */
    showAll(count: number): { label: string; ask: string };
    noBudget: string;
    side(condition: BudgetCondition, revenue: boolean): ListSide;
    none(compared: number, lineItems: boolean, list: string, word: string, period: string): string;
    listed(
      list: string,
      word: string,
      period: string,
      count: number,
      compared: number,
      shown: number | null,
      items: string,
    ): string;
  };
  trend: {
    byYear(subject: string, word: string): string;
    actuals: string;
    budgets: string;
    plans: string;
    change(span: string, size: string, more: string, percent: string): string;
    signedDifference(span: string, difference: string): string;
  };
  /** A month's actual as the difference of two year-to-date figures, and series by month. */
  months: {
    /** "maaliskuussa 2022" / "in March 2022". */
    inMonth(month: number, year: number): string;
    /** A span of months: "heinä–syyskuussa 2022" / "in July–September 2022". */
    inMonths(from: number, to: number, year: number): string;
    /** "maaliskuu 2022" (or "maaliskuu" without a year). */
    name(month: number, year: number | null): string;
    byMonth: string;
    difference(
      subject: string,
      word: string,
      when: string,
      amount: string,
      end: string,
      start: string,
      reversed: boolean,
    ): string;
    january(subject: string, word: string, when: string, amount: string, period: string): string;
    differenceNote: string;
    /** How a span's figure is made: the actual at its last month's end less the one before its first month. */
    spanDifferenceNote: string;
    noFigure(subject: string, word: string, when: string, missing: string, dates: string[]): string;
    seriesOption(subject: string, word: string, year: number): Option;
    point(month: string, amount: string): string;
    pointToDate(date: string, amount: string): string;
    series(subject: string, word: string, year: number, listed: string): string;
  };
  keyFigures: {
    title: string;
    none: string;
    onlyServiceArea(who: string, areas: string[]): string;
    areaOption(area: string): Option;
    noYear(wanted: number[], years: number[]): string;
    noYearGiven(year: number): string;
  };
  investments: {
    title: string;
    none: string;
    noSuch(years: number[]): string;
    /** A year the plan has, but no such row. */
    noRow(row: string | null, years: number[]): string;
    items(count: number): string;
  };
  prose: {
    noTextTitle: string;
    noText(headings: string[]): string;
    excerpt(heading: string, document: string, text: string): string;
  };
  rows: {
    noDataTitle: string;
    noData: string;
    noFigures(subject: string): string;
    /** A row in another unit than euros asked in euros: what it has instead ("9,91 pv/hlö (tilanne 30.6.2022)"). */
    notInEuros(label: string, has: string | null): string;
    elsewhere(subject: string, word: string, where: string, serviceAreaOnly: boolean): string;
    has(subject: string, accounts: string): string;
    noRow(account: string, subject: string, own: string[]): string;
    noFigureFor(subject: string, word: string, what: string, years: number[]): string;
    noFigureAtDate(subject: string, word: string, date: string, dates: string[], years: number[]): string;
    /** A list or ranking of actuals at a date no row has a figure at. */
    noListFiguresAtDate(word: string, date: string, dates: string[], years: number[]): string;
  };
  examples(data: {
    costCentre: string | null;
    closedYear: number | null;
    newestActual: number | null;
    hasSections: boolean;
  }): string[];
  conversation: {
    greetingTitle: string;
    greeting(years: string, example: string | null): string;
    thanks: { title: string; text: string };
    subscribe: { title: string; text: string };
    unsubscribe: { title: string; text: string };
    listSubscriptions: { title: string; text: string };
    helpTitle: string;
    help(years: string, examples: string[]): string;
    /**
     * What the data holds: its documents by title (ledger files grouped: how many, the first and last dates), the
     * newest actual's date, the months with month-end actuals per year ("1–12/2021"), the cost centres.
     */
    coverage(
      documents: string[],
      asOf: string | null,
      costCentres: string[],
      ledgers: { count: number; first: string; last: string } | null,
      months: string[],
    ): string;
  };
  /** A city question is answered from the service areas the store holds: which those are. */
  cityCovers(areas: string[]): string;
  aboutData: {
    title: string;
    costCentresTitle: string;
    costCentres(names: string[], areas: string[]): string;
    serviceAreasTitle: string;
    serviceAreas(areas: { name: string; costCentres: number }[]): string;
    years(all: string, actual: string, budget: string, plan: string, latest: string | null): string;
    statementsIn(year: number): string;
    statementsNotIn(year: number | null, latest: string | null): string;
    /** The documents, and the ledger exports as a group when there are many. */
    sources(documents: string[], ledgers: { count: number; first: string; last: string } | null): string;
    /** The newest actuals' date (ISO), said in a sentence (English: the month's full name). */
    asOf(isoDate: string): string;
    noActuals: string;
    glossaryTitle: string;
    unknownTerm(terms: string[]): string;
  };
  rankingWord(ascending: boolean): string;
  otherAccounts(words: string[]): string;
  understanding: {
    clarifyTitle: string;
    clarify(term: string, labels: string[]): string;
    /** The title of a question back that asks which cost centre a subject-less question is about. */
    whichSubjectTitle: string;
    /** Asks which cost centre, or the whole area (the areas' names), a question is about. */
    whichSubject(areas: string[]): string;
    /** The whole-area choice of that question back. */
    wholeArea(area: string): string;
    notInDataTitle: string;
    /** A period finer than the data gives (a week, a day), and the newest date there is. */
    periodTooFine(term: string, date: string | null): string;
    /** A date the calendar lacks ("31.4.2021"): its month's length, and the real dates offered. */
    /** A count (posts) asked in euros, and the row that gives it in money. */
    countNotMoney(term: string, inMoney: string): string;
    noSuchDateTitle: string;
    noSuchDate(term: string, month: number, days: number, offered: string[]): string;
    unknownMeasure(subject: string, term: string): string;
    nameNotFoundTitle: string;
    /** A name the data lacks: the really close names, or (none) what the data covers (its areas, how many cost centres). */
    nameNotFound(term: string, closest: string[], areas: string[], costCentres: number): string;
    notUnderstoodTitle: string;
    notUnderstood(term: string, examples: string[]): string;
  };
  failure: { title: string; text: string };
}
