import type { Lang } from '../domain/query';

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
  source: string;
  line: string;
  lines: string;
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
  estimate: string;
  editSubscription: string;
  resubscribe: string;
  refresh: string;
  subscriptionStopped: string;
  noRulesCrossed: string;
  noBudget: string;
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
  source: 'Lähde',
  line: 'rivi',
  lines: 'rivit',
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
  estimate: 'arvio',
  editSubscription: 'Muuta rajoja',
  resubscribe: 'Tilaa uudelleen',
  refresh: 'Päivitä luvut',
  subscriptionStopped: 'Tilaus lopetettu: tästä ei tule enää hälytyksiä tähän keskusteluun.',
  noRulesCrossed: 'Mikään hälytysraja ei ylity nyt.',
  noBudget: 'ei budjettia',
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
  source: 'Source',
  line: 'line',
  lines: 'lines',
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
  estimate: 'estimate',
  editSubscription: 'Change steps',
  resubscribe: 'Subscribe again',
  refresh: 'Refresh figures',
  subscriptionStopped: 'Subscription stopped: no more alerts about this come to this conversation.',
  noRulesCrossed: 'No alert step is crossed now.',
  noBudget: 'no budget',
};

/** The card wording for a language. */
export function cardLabels(lang: Lang): CardLabels {
  return lang === 'fi' ? fi : en;
}
