import { formatDate, formatNumber } from '../../domain';
import { genitive, partitivePlural } from '../../text/finnish-inflection';
import { FI_MONTH_STEMS, FI_MONTHS } from '../../text/month-names';
import { withoutLabelDate } from '../label-date';
import { yearList } from '../year-list';
import { lineList } from './line-list';
import type { AnswerMessages, ListSide } from './types';

/** The decimals a printed figure has ("9.91" → 2). */
function decimals(amount: string): number {
  return amount.split('.')[1]?.length ?? 0;
}

/**
 * A row label as a question writes it: "menot", "henkilöstökulut", "toimintakate/jäämä" (labels
 * are printed capitalised); a date printed in the label ("Vakinaiset virat ja toimet 31.12.") is
 * left out, as a question would read it as the period asked.
 */
function inQuestion(word: string): string {
  const bare = withoutLabelDate(word);
  return bare === bare.toUpperCase() || bare.slice(1) === bare.slice(1).toLowerCase()
    ? bare.toLowerCase()
    : bare;
}

/** The accounts' words, whose partitive a comparison question writes ("menoja"). */
const ACCOUNT_WORDS = new Set(['menot', 'tulot', 'nettomenot']);

/** "Tietohallinnon menot 2021": the subject in the genitive, the row after it. */
function rowQuestion(subject: string, word: string, rest?: string): string {
  return [genitive(subject), inQuestion(word), rest].filter((p) => p).join(' ');
}

const SIDES: Record<'revenue' | 'spending', Record<string, ListSide>> = {
  revenue: {
    aheadOfPace: { list: 'Tuloja kertynyt tasaista tahtia enemmän', title: 'Tulot edellä' },
    behindPace: { list: 'Tuloja kertynyt tasaista tahtia vähemmän', title: 'Tulot jäljessä' },
    overBudget: { list: 'Tuloarvionsa ylittäneet', title: 'Tulot yli arvion' },
    underBudget: { list: 'Tuloarviostaan jääneet', title: 'Tulot alle arvion' },
  },
  spending: {
    aheadOfPace: { list: 'Tasaista tahtia edellä', title: 'Tahtia edellä' },
    behindPace: { list: 'Tasaista tahtia jäljessä', title: 'Jäljessä tahdista' },
    overBudget: { list: 'Talousarvionsa ylittäneet', title: 'Ylitykset' },
    underBudget: { list: 'Talousarvionsa alittaneet', title: 'Alitukset' },
  },
};

/** The answering step's wording in Finnish. */
export const fi: AnswerMessages = {
  and: ' ja ',
  words: {
    betterOrWorse: (better) => (better ? 'parempi' : 'heikompi'),
    perPerson: (amount) => `${formatNumber(amount, 'fi', decimals(amount))}\u00a0pv/hlö`,
    netIncome: (amount) => `${amount} nettotuloa`,
    perInhabitant: (amount) => `${formatNumber(amount, 'fi')}\u00a0€/asukas`,
    documentKind: (layout, date) =>
      `${layout === 'actualsCsv' ? 'kirjanpidon toteuma' : layout === 'ledgerExport' ? 'kirjanpidon raportti' : 'talousarvio'}${date ? ` ${date}` : ''}`,
    financialStatements: (year) => `tilinpäätös ${year} (TP)`,
    stateAt: (date) => `tilanne ${date} (TOT)`,
    actualTo: (date) => `toteuma 1.1.–${date} (TOT)`,
    plan: (year, basis) => `taloussuunnitelma ${year} (${basis})`,
    budget: (year, basis) => `talousarvio ${year} (${basis})`,
    source: (docs) =>
      `Lähde: ${docs.map((d) => `${d.document}, ${d.lines.length > 1 ? 'rivit' : 'rivi'} ${lineList(d.lines, 'riviä')}`).join('; ')}.`,
    page: (page) => `sivu ${page}`,
    sheet: (sheet) => `taulukko ${sheet}`,
    moreOrLess: (more) => (more ? 'enemmän' : 'vähemmän'),
    lineItems: (income) => (income ? 'tuottolajit' : 'kululajit'),
    investmentItems: 'investoinnit',
  },
  cityAreas: (city, areas) => `${city}: mukana ${areas.length} toimialaa (${areas.join(', ')}).`,
  periodRead: (note) => `Ajanjakso: ${note}.`,
  summed: (subject, periods, of, count, documents) => {
    const parts = `${count} ${{ accounts: 'tilirivin', costCentres: 'kustannuspaikan', resultAreas: 'tulosalueen', serviceAreas: 'palvelualueen' }[of]} lukujen summa (${documents.join(', ')})`;
    return periods.length === 1
      ? `Laskettu luku: ${subject}, ${periods[0]}, on ${parts}; asiakirjoissa sitä ei ole sellaisenaan.`
      : `Laskettuja lukuja: ${subject}, ${periods.slice(0, -1).join(', ')} ja ${periods.at(-1)}, kukin ${parts}; asiakirjoissa niitä ei ole sellaisenaan.`;
  },
  sameDateInstead: (year, date) =>
    `Tilinpäätös ${year} on koko vuoden luku, joten osavuoden toteumaa verrataan saman päivän toteumaan ${date}: jaksot ovat yhtä pitkät.`,
  noStatementsYet: (year, date) => `Vuoden ${year} tilinpäätöstä ei vielä ole: luku on toteuma ${date} asti.`,
  unreconciled: (i, diff) =>
    `Lähteen luvut eivät täsmää: ${i.costCentre} ${i.year} ${i.basis}, ${i.check} (${i.document}, rivi ${i.line}), ero ${diff}.`,
  inYear: (year, kind) => {
    if (year === null || year === undefined) return 'millekään vuodelle';
    const word = { actual: ' toteumana', budget: ' talousarviossa', plan: ' taloussuunnitelmassa', any: '' }[
      kind
    ];
    return `vuodelle ${year}${word}`;
  },
  forYear: (year) => `vuodelle ${year}`,
  inDate: (asOf) => `päivämäärälle ${formatDate(asOf, 'fi')}`,
  noYearGiven: (kind, year) =>
    kind === 'budget'
      ? `Vuotta ei mainittu: käytetty uusinta talousarviovuotta ${year}.`
      : `Vuotta ei mainittu: käytetty uusinta toteumaa (${year}).`,
  noPairToCompare: (year, missing) =>
    `Vuodelle ${year} ei ole ${missing === 'budget' ? 'talousarviota' : 'toteumaa'}, joten vertailua ei voi tehdä.`,
  rowQuestion,
  trendOption: (subject, word) => ({
    label: 'Kehitys vuosittain',
    ask: rowQuestion(subject, word, 'vuosittain'),
  }),
  compareYearOption: (subject, word, year) => {
    // "vertaa Tietohallinnon menoja 2021 ja 2022" for the accounts; a printed row label is named as
    // it is ("… toimintatuotot 2020 ja 2021"): its gradation (tuotot → tuottoja) is no ending rule.
    const partitive = ACCOUNT_WORDS.has(inQuestion(word)) ? partitivePlural(inQuestion(word)) : null;
    return {
      label: `Vertaa ${year - 1}`,
      ask: partitive
        ? `vertaa ${genitive(subject)} ${partitive} ${year - 1} ja ${year}`
        : rowQuestion(subject, word, `${year - 1} ja ${year}`),
    };
  },
  linearProjectionNote:
    'Ennuste on suoraviivainen arvio (toteuma / kulunut osa vuodesta); kausivaihtelu voi muuttaa sitä.',
  variance: {
    marginClosed: (row, amount, worse) =>
      `${row} oli ${amount} ${worse ? 'heikompi' : 'parempi'} kuin arvioitu.`,
    marginOpenYear: (elapsed, days) => `Vuodesta on kulunut ${elapsed} (${days}).`,
    noShareOpenYear: (diff, worse, elapsed, days) =>
      `Käyttöastetta ei voi laskea (talousarvio 0 € tai eri etumerkki): toteuma on ${diff} talousarviota ${worse ? 'heikompi' : 'parempi'}, vuodesta kulunut ${elapsed} (${days}).`,
    revenueOpenYear: (used, elapsed, days, pace) =>
      `Tuloista on kertynyt ${used} arviosta, kun vuodesta on kulunut ${elapsed} (${days}); ero tahtiin ${pace}`,
    spendingOpenYear: (used, elapsed, days, pace, ahead, overrun, remaining) =>
      `Budjetista on käytetty ${used}, kun vuodesta on kulunut ${elapsed} (${days}): ${pace} ${ahead ? 'edellä' : 'jäljessä'} tasaisesta tahdista; ${overrun ? `budjetti on jo ylitetty ${remaining}` : `jäljellä ${remaining}`}.`,
    matched: 'Toteuma vastasi talousarviota.',
    bothZero: 'Vuodelle ei ollut talousarviota eikä toteumaa (kumpikin 0 €).',
    netIncomeClosed: (amount, unfavourable) =>
      unfavourable
        ? `Nettotulo jäi ${amount} alle arvion (epäsuotuisa).`
        : `Nettotulo ylitti arvion ${amount} (suotuisa).`,
    revenueClosed: (amount, unfavourable, used) => {
      const share = used ? `; ${used} arviosta` : '';
      return unfavourable
        ? `Tulot jäivät ${amount} alle arvion (epäsuotuisa${share}).`
        : `Tulot ylittivät arvion ${amount} (suotuisa${share}).`;
    },
    spendingClosed: (amount, unfavourable, used) => {
      const share = used ? `; käyttöaste ${used}` : '';
      return unfavourable
        ? `Ylitys ${amount} (epäsuotuisa${share}).`
        : `Alitus ${amount} (suotuisa${share}).`;
    },
  },
  remaining: {
    revenue: (subject, word, amount, beyond) =>
      beyond
        ? `${subject} – ${word}: arvio on jo ylitetty ${amount}.`
        : `${subject} – ${word}: arviosta puuttuu vielä ${amount}.`,
    overspent: (subject, amount) => `${subject} – budjetti on ylitetty ${amount}, jäljellä ei ole mitään.`,
    left: (subject, word, amount, used) =>
      `${subject} – ${word}: budjettia on jäljellä ${amount}${used ? ` (käytetty ${used})` : ''}.`,
  },
  forecast: {
    closedYear: (yearEnd) =>
      yearEnd
        ? `Vuosi on päättynyt, joten ennustetta ei tarvita: toteuma ${yearEnd} on koko vuoden luku (kirjanpidosta; tilinpäätöstä ei ole vielä aineistossa).`
        : 'Vuosi on päättynyt, joten ennustetta ei tarvita: luvut ovat tilinpäätöksestä.',
    revenue: (projected, gap, short) =>
      `Arvio: samalla tahdilla koko vuoden tulot olisivat noin ${projected} (${short ? `${gap} alle` : `${gap} yli`} arvion).`,
    spending: (projected, gap, overrun, net) =>
      `Arvio: samalla tahdilla koko vuoden ${net ? 'nettomenot' : 'menot'} olisivat noin ${projected}, jolloin budjetti ${overrun ? `ylittyisi ${gap}` : `alittuisi ${gap}`}.`,
    seasonal: (lastYear, date, share, projected, gap, unfavourable, flow) =>
      flow === 'revenue'
        ? `Kausivaihtelun mukainen arvio: vuonna ${lastYear} tuloista oli ${date} mennessä kertynyt ${share} koko vuoden tuloista; samassa suhteessa tämän vuoden tulot olisivat noin ${projected} (${gap} ${unfavourable ? 'alle' : 'yli'} arvion).`
        : `Kausivaihtelun mukainen arvio: vuonna ${lastYear} oli ${date} mennessä käytetty ${share} koko vuoden ${flow === 'net' ? 'nettomenoista' : 'menoista'}; samassa suhteessa tämän vuoden ${flow === 'net' ? 'nettomenot' : 'menot'} olisivat noin ${projected}, jolloin budjetti ${unfavourable ? `ylittyisi ${gap}` : `alittuisi ${gap}`}.`,
  },
  seasonalProjectionNote: (lastYear) =>
    `Kausiennuste käyttää vuoden ${lastYear} kuukausitoteumia: koko vuosi = toteuma ÷ vuoden ${lastYear} osuus samaan päivään mennessä. Arvio kuten suoraviivainenkin.`,
  compare: {
    subjectsMore: (later, earlier, size, more, pct) => `${later}: ${size} ${more} kuin ${earlier} (${pct}).`,
    yearsMore: (from, to, size, more, pct) => `Muutos ${from}–${to}: ${size} ${more} (${pct}).`,
    signedDifference: (between, diff) =>
      `Erotus (${between}) ${diff} (etumerkit kuten lähteessä: menot negatiivisia).`,
    together: (size) => `Yhteensä ${size}.`,
    shareOf: (part, whole, share) => `${part}: ${share} kohteen ${whole} luvusta.`,
    printedChangeRow: (p, value) =>
      `Asiakirjan oma muutosrivi vuodelle ${p.year}: ${value} (${p.document}, rivi ${p.line}).`,
    partYearNotCompared: (year, period, value, previous) =>
      `Vuodelta ${year} on vasta ${period} ${value}${previous ? `, joten sitä ei verrata vuoden ${previous.year} koko vuoden lukuun (${previous.words} ${previous.value})` : ''}: vertailu on talousarvioiden välillä.`,
    partYearProjection: (year, projected, percent, previous) =>
      `Arvio: samalla tahdilla vuoden ${year} luku olisi noin ${projected}${percent && previous ? ` (${percent} vuoteen ${previous})` : ''}; suoraviivainen arvio, kausivaihtelu voi muuttaa sitä.`,
    noLikeWithLike: (year, period, value, previous) =>
      `Vuodelta ${year} on vasta ${period} ${value}${previous ? `, eikä sitä voi verrata vuoden ${previous} koko vuoden lukuun` : ''}, eikä vertailukelpoisia talousarvioita ole.`,
  },
  ranking: {
    noBreakdown: (subject, area) =>
      `Kohteen ${subject} menoja ei ole eritelty kululajeittain eikä alempiin kustannuspaikkoihin${area ? `: kululajit ovat vain palvelualueen tasolla (${area})` : ''}.`,
    noFiguresTitle: 'Ei lukuja',
    noFigures: (years) =>
      `Järjestykseen ei löytynyt lukuja. ${years.length ? `Aineistossa on vuodet ${yearList(years)}.` : 'Aineistossa ei ole vielä lukuja.'}`,
    amountHead: (asc, what, period, list) =>
      `${asc ? 'Pienimmät' : 'Suurimmat'} ${what}, ${period}: ${list}.`,
    costCentresCompared: (n, level) =>
      level === 'serviceArea'
        ? `Mukana ${n} palvelualuetta; kaupungin yhteissumma ei ole mukana.`
        : level === 'resultArea'
          ? `Mukana ${n} tulosaluetta; palvelualueiden yhteissummat eivät ole mukana.`
          : `Mukana ${n} kustannuspaikkaa; yhteissummat eivät ole mukana.`,
    amountTitle: (what, year) => `Järjestys · ${what} ${year}`,
  },
  changeRanking: {
    partYearTitle: 'Vuosi on kesken',
    partYear: (year, period, other) =>
      `Vuodelta ${year} on vasta ${period} eikä koko vuoden lukua, joten muutosta vuoteen ${other} ei voi laskea. Talousarvioita voi verrata.`,
    budgetsOption: (decline, word, from, to) => ({
      label: `Talousarviot ${from}–${to}`,
      ask: `${decline ? 'suurin lasku' : 'suurin kasvu'} ${word} talousarvio ${from} ja ${to}`,
    }),
    heading: (decline) => (decline ? 'Suurin lasku' : 'Suurin kasvu'),
    explained: (magnitudes, n, lineItems) =>
      `Muutos on euroina ${magnitudes ? 'käytetyn rahan määrässä (enemmän menoja = kasvu)' : 'lukujen erotus'}; mukana ${n} ${lineItems ? 'riviä' : 'kustannuspaikkaa'}, joilla on luku molempina vuosina; yhteissummat eivät ole mukana.`,
    missing: (n, lineItems, from, to) =>
      `${n} ${lineItems ? 'riviltä' : 'kustannuspaikalta'} puuttuu luku jommaltakummalta vuodelta (${yearList([from, to])}).`,
  },
  budgetMetric: {
    heading: (byRemaining, most) =>
      byRemaining
        ? most
          ? 'Eniten budjettia jäljellä'
          : 'Vähiten budjettia jäljellä'
        : most
          ? 'Suurin käyttöaste'
          : 'Pienin käyttöaste',
    overspentBy: (amount) => `ylitetty ${amount}`,
    usedBeside: (used) => ` (käytetty ${used})`,
    compared: (n) =>
      `Mukana ${n} kustannuspaikkaa, joilla on sekä toteuma että talousarvio; yhteissummat eivät ole mukana.`,
    pastShare: (share) => `Yli ${share} talousarviostaan käyttäneet`,
    pastShareCount: (n, of) => `${n}/${of}`,
    nonePastShare: (share, period, of) =>
      `Yksikään ${of} kustannuspaikasta ei ole käyttänyt yli ${share} talousarviostaan (${period}).`,
  },
  overBudget: {
    unbudgeted: (items) => `Ilman talousarviota, ei ylitykseksi laskettu: ${items}.`,
    noBudget: 'ei budjettia',
    side: (condition, revenue) => SIDES[revenue ? 'revenue' : 'spending'][condition] as ListSide,
    none: (compared, lineItems, list, word, period) =>
      `Yksikään ${compared} ${lineItems ? 'kululajista' : 'kustannuspaikasta'} ei ole listalla "${list}" (${word}, ${period}).`,
    showAll: (n) => ({ label: `Näytä kaikki ${n}`, ask: `näytä ${n}` }),
    listed: (list, word, period, count, compared, shown, items) =>
      `${list} (${word}, ${period}), ${count}/${compared}${shown === null ? '' : ` (${shown} suurinta näytetty)`}: ${items}.`,
  },
  trend: {
    byYear: (subject, word) => `${subject} – ${word} vuosittain.`,
    actuals: 'Toteumat',
    budgets: 'Talousarviot',
    plans: 'Taloussuunnitelma',
    change: (span, size, more, pct) => `Muutos ${span} (tilinpäätökset): ${size} ${more} (${pct}).`,
    signedDifference: (span, diff) => `Erotus ${span} (tilinpäätökset, etumerkit kuten lähteessä): ${diff}.`,
  },
  months: {
    inMonth: (month, year) => `${FI_MONTHS[month - 1]}ssa ${year}`,
    inMonths: (from, to, year) => `${FI_MONTH_STEMS[from - 1]}–${FI_MONTHS[to - 1]}ssa ${year}`,
    name: (month, year) => (year === null ? FI_MONTHS[month - 1]! : `${FI_MONTHS[month - 1]} ${year}`),
    byMonth: 'kuukausittain',
    difference: (subject, word, when, amount, end, start, reversed) =>
      `${subject} – ${word} ${when}: ${amount}${reversed ? ' (kuukauden luku on kertymälle vastakkaismerkkinen, esim. hyvitys)' : ''} = ${end} − ${start}.`,
    january: (subject, word, when, amount, period) =>
      `${subject} – ${word} ${when}: ${amount} (${period}: tammikuun luku on vuoden alusta kertynyt toteuma).`,
    differenceNote:
      'Kuukauden luku on kahden kertymän erotus: toteuma kuukauden lopussa miinus toteuma edellisen kuukauden lopussa.',
    spanDifferenceNote:
      'Jakson luku on kahden kertymän erotus: toteuma jakson viimeisen kuukauden lopussa miinus toteuma jaksoa edeltävän kuukauden lopussa.',
    noFigure: (subject, word, when, missing, dates) =>
      `Kohteelle ${subject} ei ole lukua "${word}" ${when}: aineistossa ei ole toteumaa päivältä ${missing}. ${dates.length > 0 ? `Vuodelta on toteumat päivämäärille ${dates.join(', ')}.` : 'Vuodelta ei ole kertymiä kuukausien lopuilta.'}`,
    seriesOption: (subject, word, year) => ({
      label: `Kuukausittain ${year}`,
      ask: rowQuestion(subject, word, `kuukausittain ${year}`),
    }),
    point: (month, amount) => `${month} ${amount}`,
    pointToDate: (date, amount) => `${date} mennessä ${amount}`,
    series: (subject, word, year, listed) => `${subject} – ${word} kuukausittain ${year}: ${listed}.`,
  },
  keyFigures: {
    title: 'Tunnusluvut',
    none: 'Aineistossa ei ole tunnuslukuja.',
    onlyServiceArea: (who, areas) =>
      `Kohteelle ${who} ei ole tunnuslukuja: ne ovat vain palvelualueen tasolla (${areas.join(', ')}).`,
    areaOption: (area) => ({ label: area, ask: `${genitive(area)} tunnusluvut` }),
    noYear: (wanted, years) =>
      `Tunnuslukuja ei ole vuodelle ${wanted.join(', ')}. Niitä on vuosille ${yearList(years)}.`,
    noYearGiven: (year) => `Vuotta ei mainittu: käytetty vuotta ${year}.`,
  },
  investments: {
    title: 'Investoinnit',
    none: 'Aineistossa ei ole investointisuunnitelmaa.',
    noSuch: (years) => `Investointisuunnitelmassa ei ole tätä. Siinä on vuodet ${yearList(years)}.`,
    noRow: (row, years) =>
      `Investointisuunnitelmassa ei ole ${row ? `riviä "${row}"` : 'tätä riviä'} (suunnitelma kattaa vuodet ${yearList(years)}).`,
    items: (n) => `kohteet (${n})`,
  },
  prose: {
    noTextTitle: 'Ei vastaavaa tekstiä',
    noText: (headings) =>
      `En löytänyt asiakirjoista kohtaa, joka vastaisi kysymykseen.${headings.length ? ` Aiheita: ${headings.join('; ')}.` : ''}`,
    excerpt: (heading, document, text) => `${heading} (${document}): ${text}`,
  },
  rows: {
    notInEuros: (label, has) => `Rivillä "${label}" ei ole euromääriä${has ? `; sen luku on ${has}` : ''}.`,
    noDataTitle: 'Ei aineistoa',
    noData: 'Aineistossa ei ole lukuja, joista vastata.',
    noFigures: (subject) => `Kohteelle ${subject} ei ole lukuja aineistossa.`,
    elsewhere: (subject, word, where, areaOnly) =>
      `Kohteelle ${subject} ei ole lukua "${word}"${areaOnly ? `: se on vain palvelualueen tasolla (${where})` : `; se löytyy kohteelta ${where}`}.`,
    has: (subject, accounts) => `Kohteelle ${subject} on ${accounts}.`,
    noRow: (account, subject, own) =>
      `Aineistossa ei ole riviä "${account}". Kohteelle ${subject} on: ${own.join(', ')}.`,
    noFigureAtDate: (subject, word, date, dates, years) =>
      `Kohteelle ${subject} ei ole lukua "${word}" päivämäärälle ${date}.${dates.length === 1 ? ` Toteuma on vain päivämäärältä ${dates[0]}.` : dates.length > 1 ? ` Toteumat ovat päivämääriltä ${dates.join(', ')}.` : years.length > 0 ? ` Toteumat ovat vuosilta ${yearList(years)}.` : ''}`,
    noListFiguresAtDate: (word, date, dates, years) =>
      `Aineistossa ei ole lukuja "${word}" päivämäärälle ${date}, joten listaa ei voi laatia sille päivälle.${dates.length === 1 ? ` Toteuma on vain päivämäärältä ${dates[0]}.` : dates.length > 1 ? ` Toteumat ovat päivämääriltä ${dates.join(', ')}.` : years.length > 0 ? ` Toteumat ovat vuosilta ${yearList(years)}.` : ''}`,
    noFigureFor: (subject, word, what, years) =>
      `Kohteelle ${subject} ei ole lukua "${word}" ${what}. Aineistossa on vuodet ${yearList(years)}.`,
  },
  examples: ({ costCentre: cc, closedYear: closed, newestActual, hasSections }) => {
    const asks: string[] = [];
    if (cc) asks.push(`paljonko ${cc} on käyttänyt?`);
    if (cc && closed) asks.push(rowQuestion(cc, 'menot', String(closed)));
    if (cc && closed) asks.push(`vertaa ${genitive(cc)} menoja ${closed - 1} ja ${closed}`);
    if (newestActual) asks.push(`suurimmat menot ${newestActual}`);
    asks.push('mitkä kustannuspaikat ylittävät budjetin?');
    if (cc) asks.push(`${genitive(cc)} menojen kehitys`);
    if (hasSections) asks.push('mitkä ovat toiminnalliset tavoitteet?');
    return asks;
  },
  conversation: {
    greetingTitle: 'Hei!',
    greeting: (years, example) =>
      `Hei! Kysy talousarviosta ja toteumasta${years ? ` (vuodet ${years})` : ''}${example ? `, esimerkiksi: ${example}` : '.'}`,
    thanks: { title: 'Ole hyvä', text: 'Ole hyvä! Kysy lisää milloin vain.' },
    subscribe: {
      title: 'Hälytysten tilaus',
      text: 'Tilaan hälytykset, kun budjetin käyttö ylittää kynnyksen.',
    },
    unsubscribe: { title: 'Hälytysten lopetus', text: 'Lopetan hälytykset.' },
    listSubscriptions: { title: 'Tilaukset', text: 'Näytän tilaamasi hälytykset.' },
    helpTitle: 'Mitä voin kysyä?',
    help: (years, examples) =>
      `Kysy kustannuspaikan menoista, tuloista tai nettomenoista, talousarviosta ja toteumasta${years ? ` (vuodet ${years})` : ''}, jäljellä olevasta budjetista, ennusteesta, vertailuista, suurimmista menoista, ylityksistä, kehityksestä, tunnusluvuista, investoinneista tai tavoitteista. Esimerkkejä: ${examples.map((e) => `"${e}"`).join(', ')}.`,
    coverage: (docs, asOf, names, ledgers, months) => {
      if (docs.length === 0 && !ledgers) return 'Aineistoa ei ole vielä tuotu.';
      const files = ledgers
        ? [...docs, `kirjanpidon toteumat ${ledgers.first} … ${ledgers.last} (${ledgers.count} tiedostoa)`]
        : docs;
      return [
        `Aineisto: ${files.join('; ')}.`,
        asOf ? `Toteumat ${formatDate(asOf, 'fi')} asti.` : '',
        months.length > 0 ? `Kuukausien lopun toteumat: ${months.join(', ')}.` : '',
        names.length ? `Kustannuspaikat (${names.length}): ${names.join(', ')}.` : '',
      ]
        .filter((p) => p)
        .join(' ');
    },
  },
  cityCovers: (areas) =>
    areas.length === 1
      ? `Aineistossa on kaupungista vain palvelualue ${areas[0]}, joten luvut ovat sen.`
      : `Aineistossa on kaupungista palvelualueet ${areas.join(', ')}.`,
  aboutData: {
    title: 'Aineisto',
    costCentresTitle: 'Kustannuspaikat',
    costCentres: (names, areas) =>
      `Aineistossa on ${names.length} kustannuspaikkaa${areas.length === 1 ? ` (palvelualue ${areas[0]})` : ''}: ${names.join(', ')}.`,
    serviceAreasTitle: 'Palvelualueet',
    serviceAreas: (areas) =>
      `Aineistossa on ${areas.length === 1 ? 'palvelualue' : `${areas.length} palvelualuetta`}: ${areas.map((a) => `${a.name} (${a.costCentres} kustannuspaikkaa)`).join(', ')}.`,
    years: (all, actual, budget, plan, latest) =>
      `Aineistossa on vuodet ${all}: toteumat ${actual}${latest ? ` (uusin ${latest} asti)` : ''}, talousarviot ${budget}${plan ? `, taloussuunnitelma ${plan}` : ''}.`,
    statementsIn: (year) => `Vuoden ${year} tilinpäätös on aineistossa.`,
    statementsNotIn: (year, latest) =>
      `${year === null ? 'Tilinpäätöstä' : `Vuoden ${year} tilinpäätöstä`} ei ole vielä aineistossa${latest ? `; uusin toteuma on ${latest} asti` : ''}.`,
    sources: (docs, ledgers) =>
      `Luvut ovat asiakirjoista: ${[...docs, ...(ledgers ? [`kirjanpidon toteumat ${ledgers.first} … ${ledgers.last} (${ledgers.count} tiedostoa)`] : [])].join('; ')}.`,
    asOf: (isoDate) => `Uusimmat toteumat ovat ${formatDate(isoDate, 'fi')} asti.`,
    noActuals: 'Aineistossa ei ole vielä toteumia.',
    glossaryTitle: 'Käsitteet',
    unknownTerm: (terms) => `En tunne tätä käsitettä. Osaan selittää: ${terms.join(', ')}.`,
  },
  rankingWord: (asc) => (asc ? 'pienimmät' : 'suurimmat'),
  otherAccounts: (words) =>
    `Kysymyksessä oli myös ${words.join(' ja ')}: vastaan yhdestä tilistä kerrallaan, ${words.length === 1 ? 'toinen' : 'muut'} painikkeesta.`,
  understanding: {
    clarifyTitle: 'Tarkennus',
    clarify: (term, labels) =>
      labels.length === 1
        ? `Tarkoitatko kohdetta ${labels[0]} ("${term}")?`
        : `"${term}" voi tarkoittaa useaa kohdetta: ${labels.join(', ')}. ${labels.length === 2 ? 'Kumpaa' : 'Mitä niistä'} tarkoitat?`,
    whichSubjectTitle: 'Minkä kustannuspaikan?',
    whichSubject: (areas) =>
      `Minkä kustannuspaikan luvut haluat? Valitse listasta, tai valitse ${areas.length === 1 ? 'koko palvelualue' : 'palvelualue'} (${areas.join(', ')}).`,
    wholeArea: (area) => `${area} (koko palvelualue)`,
    notInDataTitle: 'Tietoa ei ole',
    countNotMoney: (term, inMoney) =>
      `${term} on lukumäärä, ei euromäärä. Rahassa vastaava luku on rivillä ${inMoney}.`,
    noSuchDateTitle: 'Päivämäärää ei ole',
    noSuchDate: (term, month, days, offered) =>
      `Päivämäärää ${term} ei ole: ${FI_MONTHS[month - 1]}ssa on ${days} päivää.${offered.length ? ` Lähimmät kuukauden loppupäivät ovat ${offered.join(' ja ')}.` : ''}`,
    periodTooFine: (term, date) =>
      `Aineistossa ei ole lukuja ajanjaksolle "${term}": toteumat ovat kertymiä vuoden alusta kuukauden tai katsauskauden loppuun${date ? ` (uusin ${date})` : ''}.`,
    unknownMeasure: (subject, term) =>
      `En tunnista, mitä kohteesta ${subject} kysytään ("${term}"): aineistossa on sille menot, tulot ja nettomenot, talousarvio ja toteuma.`,
    nameNotFoundTitle: 'Kustannuspaikkaa ei löytynyt',
    nameNotFound: (term, closest, areas, costCentres) =>
      `Aineistossa ei ole kustannuspaikkaa "${term}".${
        closest.length
          ? ` Lähimmät: ${closest.join(', ')}.`
          : ` Aineisto kattaa ${areas.length === 1 ? 'palvelualueen' : 'palvelualueet'} ${areas.join(', ')}: ${costCentres} kustannuspaikkaa, valittavissa listasta.`
      }`,
    notUnderstoodTitle: 'En ymmärtänyt',
    notUnderstood: (term, examples) =>
      `En ymmärtänyt kysymystä${term ? ` "${term}"` : ''}. Kysy esimerkiksi: ${examples.map((e) => `"${e}"`).join(', ')}.`,
  },
  failure: {
    title: 'En osannut vastata',
    text: 'En osannut vastata tähän kysymykseen. Kokeile muotoilla se toisin tai kirjoita "ohje".',
  },
};
