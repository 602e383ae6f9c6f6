import type { Lang } from '../domain/query';
import { capitalised, EN_MONTHS, FI_MONTH_STEMS, FI_MONTHS } from '../text/month-names';

/** Fixed wording of the cards in each reply language. Figures and names are never in here. */
export interface CardLabels {
  question: string;
  budget: string;
  actual: string;
  remaining: string;
  overspent: string;
  variance: string;
  used: string;
  elapsed: string;
  projection: string;
  projectionNote: string;
  /** A month's own figure on the card: "Heinäkuu 2022 (erotus)"; a span's: "Heinä–syyskuu 2022 (erotus)". */
  monthAmount: (month: number, year: number, difference: boolean, fromMonth?: number | null) => string;
  /** A month on a series card: "heinä". */
  monthShort: (month: number) => string;
  /** The year so far as one figure in a month table: "1.1.–30.6.2022 yhteensä". */
  yearSoFar: (date: string) => string;
  /** Under a month chart that leaves out a figure of several months: where it is said instead. */
  monthsOnly: (sums: string[]) => string;
  /** The seasonal projection's label, with the year whose months it follows. */
  seasonalProjection: (lastYear: number) => string;
  seasonalProjectionNote: (lastYear: number, date: string, share: string) => string;
  source: string;
  line: string;
  lines: string;
  page: string;
  sheet: string;
  trend: string;
  previousYear: string;
  subscribe: string;
  unsubscribe: string;
  openAnswer: string;
  difference: string;
  increase: string;
  decrease: string;
  change: string;
  rank: string;
  costCentre: string;
  item: string;
  total: string;
  year: string;
  month: string;
  amount: string;
  clarify: string;
  notFound: string;
  welcomeTitle: string;
  welcomeText: string;
  helpTitle: string;
  helpText: string;
  errorTitle: string;
  errorHint: string;
  alertTitle: string;
  threshold: string;
  value: string;
  truncated: string;
  chartTitle: string;
  chartTitleMonthly: string;
  estimate: string;
  editSubscription: string;
  resubscribe: string;
  refresh: string;
  subscriptionStopped: string;
  noRulesCrossed: string;
  noBudget: string;
  sourceDocument: string;
  showSource: string;
  partYear: string;
  pickCostCentre: string;
  pickServiceArea: string;
  typeToSearch: string;
  showFigures: string;
  plan: string;
  byYear: string;
  exactFigures: string;
  allCostCentres: string;
  insteadAsk: string;
  listQuestion: string;
}

const fi: CardLabels = {
  question: 'Kysyit',
  budget: 'Budjetti',
  actual: 'Toteuma',
  remaining: 'Jäljellä',
  overspent: 'Ylitetty',
  variance: 'Poikkeama',
  used: 'Käytetty',
  elapsed: 'Vuodesta kulunut',
  projection: 'Koko vuoden ennuste (arvio)',
  projectionNote:
    'Arvio jatkaa tähänastista tahtia tasaisesti loppuvuoteen; kausikulut (esim. vaalit, kesätyöt) voivat muuttaa sitä.',
  monthAmount: (month, year, difference, fromMonth) =>
    `${fromMonth ? `${capitalised(FI_MONTH_STEMS[fromMonth - 1]!)}–${FI_MONTHS[month - 1]}` : capitalised(FI_MONTHS[month - 1]!)} ${year}${difference ? ' (erotus)' : ''}`,
  monthShort: (month) => FI_MONTH_STEMS[month - 1]!,
  seasonalProjection: (lastYear) => `Kausiennuste vuoden ${lastYear} mukaan (arvio)`,
  seasonalProjectionNote: (lastYear, date, share) =>
    `Vuonna ${lastYear} oli ${date} mennessä kertynyt ${share} koko vuodesta; arvio olettaa saman jakauman.`,
  source: 'Lähde',
  line: 'rivi',
  lines: 'rivit',
  page: 'sivu',
  sheet: 'taulukko',
  trend: 'Kehitys vuosittain',
  previousYear: 'Edellinen vuosi',
  subscribe: 'Tilaa hälytykset',
  unsubscribe: 'Lopeta tilaus',
  openAnswer: 'Näytä koko vastaus',
  difference: 'Erotus',
  increase: 'kasvu',
  decrease: 'lasku',
  change: 'Muutos',
  rank: '#',
  costCentre: 'Kustannuspaikka',
  item: 'Erä',
  total: 'Yhteensä',
  year: 'Vuosi',
  month: 'Kuukausi',
  amount: 'Euroa',
  clarify: 'Tarkoititko jotakin näistä?',
  notFound: 'Lähimmät löytyneet nimet:',
  welcomeTitle: 'Hei! Vastaan talousarviokysymyksiin',
  welcomeText:
    'Kysy kustannuspaikan menoista, tuloista, budjetista tai toteumasta. Jokainen luku kerrotaan lähteineen: asiakirja ja rivi.',
  helpTitle: 'Näin voit kysyä',
  helpText:
    'Kysy omin sanoin kustannuspaikan menoista, tuloista, budjetista tai toteumasta. Voit verrata vuosia, katsoa kehitystä ja suurimpia menoja tai tilata hälytykset. Esimerkkejä:',
  errorTitle: 'Jokin meni pieleen',
  errorHint: 'Kokeile muotoilla kysymys toisin tai kysy "ohje".',
  alertTitle: 'Budjettihälytys',
  threshold: 'Raja',
  value: 'Nyt',
  truncated: 'Teksti on lyhennetty.',
  chartTitle: 'Kehitys vuosittain',
  chartTitleMonthly: 'Kuukausittain',
  yearSoFar: (date) => `1.1.–${date} yhteensä`,
  monthsOnly: (sums) =>
    `Kaaviossa vain yksittäiset kuukaudet. ${sums.join('; ')} on usean kuukauden summa: se on taulukossa.`,
  estimate: 'arvio',
  editSubscription: 'Muuta rajoja',
  resubscribe: 'Tilaa uudelleen',
  refresh: 'Päivitä luvut',
  subscriptionStopped: 'Tilaus lopetettu: tästä ei tule enää hälytyksiä tähän keskusteluun.',
  noRulesCrossed: 'Mikään hälytysraja ei ylity nyt.',
  noBudget: 'ei budjettia',
  sourceDocument: 'Lähdeasiakirja',
  showSource: 'Lähde',
  partYear: 'osa vuotta',
  pickCostCentre: 'Kustannuspaikka',
  pickServiceArea: 'Palvelualue',
  typeToSearch: 'Kirjoita nimen alkua…',
  showFigures: 'Näytä luvut',
  plan: 'Suunnitelma',
  byYear: 'vuosittain',
  exactFigures: 'Tarkat luvut',
  allCostCentres: 'Kaikki kustannuspaikat',
  insteadAsk: 'Näistä on lukuja:',
  listQuestion: 'Mitä kustannuspaikkoja on?',
};

const en: CardLabels = {
  question: 'You asked',
  budget: 'Budget',
  actual: 'Actual',
  remaining: 'Remaining',
  overspent: 'Overspent',
  variance: 'Variance',
  used: 'Used',
  elapsed: 'Year elapsed',
  projection: 'Full-year projection (estimate)',
  projectionNote:
    'The estimate extends the pace so far evenly to the end of the year; seasonal costs (elections, summer jobs) can change it.',
  monthAmount: (month, year, difference, fromMonth) => {
    const months = fromMonth ? `${EN_MONTHS[fromMonth - 1]}–${EN_MONTHS[month - 1]}` : EN_MONTHS[month - 1];
    return `${months} ${year}${difference ? ' (difference)' : ''}`;
  },
  monthShort: (month) => EN_MONTHS[month - 1]!.slice(0, 3),
  seasonalProjection: (lastYear) => `Seasonal projection after ${lastYear} (estimate)`,
  seasonalProjectionNote: (lastYear, date, share) =>
    `By ${date} ${lastYear}, ${share} of that whole year had accrued; the estimate assumes the same spread.`,
  source: 'Source',
  line: 'line',
  lines: 'lines',
  page: 'page',
  sheet: 'sheet',
  trend: 'Trend over the years',
  previousYear: 'Previous year',
  subscribe: 'Subscribe to alerts',
  unsubscribe: 'Stop subscription',
  openAnswer: 'Show the full answer',
  difference: 'Difference',
  increase: 'increase',
  decrease: 'decrease',
  change: 'Change',
  rank: '#',
  costCentre: 'Cost centre',
  item: 'Item',
  total: 'Total',
  year: 'Year',
  month: 'Month',
  amount: 'Euros',
  clarify: 'Did you mean one of these?',
  notFound: 'Closest names found:',
  welcomeTitle: 'Hi! I answer budget questions',
  welcomeText:
    "Ask about a cost centre's expenses, revenue, budget or actuals. Every figure comes with its source: document and line.",
  helpTitle: 'How to ask',
  helpText:
    "Ask in your own words about a cost centre's expenses, revenue, budget or actuals. You can compare years, see trends and the biggest items, or subscribe to alerts. Examples:",
  errorTitle: 'Something went wrong',
  errorHint: 'Try rephrasing the question, or ask "help".',
  alertTitle: 'Budget alert',
  threshold: 'Threshold',
  value: 'Now',
  truncated: 'The text has been shortened.',
  chartTitle: 'Trend over the years',
  chartTitleMonthly: 'By month',
  yearSoFar: (date) => `1 Jan–${date} in total`,
  monthsOnly: (sums) =>
    `The chart shows single months only. ${sums.join('; ')} is several months together: see the table.`,
  estimate: 'estimate',
  editSubscription: 'Change steps',
  resubscribe: 'Subscribe again',
  refresh: 'Refresh figures',
  subscriptionStopped: 'Subscription stopped: no more alerts about this come to this conversation.',
  noRulesCrossed: 'No alert step is crossed now.',
  noBudget: 'no budget',
  sourceDocument: 'Source document',
  showSource: 'Source',
  partYear: 'part of the year',
  pickCostCentre: 'Cost centre',
  pickServiceArea: 'Service area',
  typeToSearch: 'Type the start of a name…',
  showFigures: 'Show the figures',
  plan: 'Plan',
  byYear: 'by year',
  exactFigures: 'Exact figures',
  allCostCentres: 'All cost centres',
  insteadAsk: 'There are figures for:',
  listQuestion: 'Which cost centres are there?',
};

/** The card wording for a language. */
export function cardLabels(lang: Lang): CardLabels {
  return lang === 'fi' ? fi : en;
}
