import { formatDate } from '../domain/format';
import { emptyQuery, type Intent, type Query } from '../domain/query';
import { isDataIntent, questionKind, readsExtra } from '../domain/question-kinds';
import type { Reading } from './read-message';
import { dateInYear, type PeriodContext } from './resolve-period';

/** Whether the message names anything a figure depends on. */
export function namesData(r: Reading): boolean {
  return (
    r.subjects.length > 0 ||
    r.account !== null ||
    r.measure !== null ||
    r.bothMeasures ||
    r.years.length > 0 ||
    r.asOf !== null ||
    r.topic !== null ||
    r.range ||
    r.byMonth ||
    r.monthShift !== 0
  );
}

/** The intent of a message read on its own. */
export function freshIntent(r: Reading, newestYear: number | null): Intent | null {
  let intent = r.explicit;
  if (intent && questionKind(intent).yieldsToData && namesData(r)) intent = null;
  if (intent) intent = withOneSubject(intent, r.subjects);
  // A named topic is a what/why question, whatever else it says ("what changed in the operating environment").
  if (r.topic && (!intent || isDataIntent(intent))) return 'prose';
  if (intent === 'compare' && againstBudget(r)) return 'budgetVsActual';
  // "tulot vs menot 2021": two accounts of one subject and year, each answered (not two years).
  if (
    intent === 'compare' &&
    r.accountsNamed.length >= 2 &&
    r.years.length <= 1 &&
    !r.range &&
    r.subjects.length <= 1
  )
    return 'figure';
  // "miten kulut ovat muuttuneet vuodesta 2018": a change over a series is its trend.
  if (intent === 'compare' && r.range && r.years.length > 2) return 'trend';
  // "kuukausittain": the row month by month, whatever kind of figure words came with it.
  if (r.byMonth && (!intent || isDataIntent(intent)) && intent !== 'ranking' && intent !== 'overBudget')
    return 'trend';
  if (intent) return intent;
  if (r.range && r.years.length !== 2) return 'trend';
  if (r.years.length >= 2 || r.subjects.length >= 2) return 'compare';
  if (r.bothMeasures) return 'budgetVsActual';
  // "Mikä on TOT?": a term of the documents asked on its own is a question of what it means.
  if (r.termIsCode && r.subjects.length === 0 && r.years.length === 0 && !r.account && !r.spendVerb)
    return 'define';
  if (r.spendVerb && (r.years.length === 0 || (r.years.length === 1 && r.years[0] === newestYear)))
    return 'budgetVsActual';
  if (namesData(r)) return 'figure';
  return null;
}

/**
 * "toteuma vs talousarvio", "compared to the budget", "TP 2019 vs TA": one subject's figure of one
 * year against the budget is its actual against the same year's budget, not a change between years.
 */
function againstBudget(r: Reading): boolean {
  return r.comparedWithBudget && r.years.length <= 1 && !r.range && r.subjects.length <= 1;
}

/** "Ylittikö Joukkoliikenne budjettinsa?": a kind about all cost centres, asked of one, becomes that one's kind. */
function withOneSubject(intent: Intent, subjects: Query['subjects']): Intent {
  const one = questionKind(intent).withOneSubject;
  return one && subjects.filter((s) => s.kind === 'costCentre').length === 1 ? one : intent;
}

/**
 * "Ketkä ovat käyttäneet yli puolet budjetistaan?": a share of the budget named ("puolet", "80 %")
 * with a list of cost centres over budget or by share used asks for every cost centre past that
 * share of its budget, not those over the whole budget.
 */
function pastShareOfBudget(q: Query, r: Reading): void {
  if (r.threshold === null || r.under || q.subjects.some((s) => s.kind === 'costCentre')) return;
  // "which have used more than half of their budget": used-budget words naming no subject list them too.
  const listsShare =
    q.intent === 'overBudget' ||
    (q.intent === 'ranking' && q.rankBy === 'usedShare') ||
    (q.intent === 'budgetVsActual' && q.subjects.length === 0 && !q.city);
  if (!listsShare) return;
  q.intent = 'ranking';
  q.rankBy = 'usedShare';
  q.measure = null;
  q.order = 'desc';
  q.topN = null;
  q.threshold = r.threshold;
  delete q.side;
  delete q.pace;
}

/** The query of a message read on its own, for an intent already chosen. */
export function buildFresh(r: Reading, text: string, intent: Intent, periods: PeriodContext): Query {
  const q = emptyQuery(r.lang, text);
  q.intent = intent;
  q.subjects = r.subjects;
  q.account = r.account;
  q.table = r.table;
  q.measure = r.measure;
  q.years = r.years;
  // "kasvu viime vuodesta", "grow compared to last year": from that year to the one it was counted from.
  if (
    q.intent === 'compare' &&
    r.years.length === 1 &&
    r.countedFrom !== null &&
    r.countedFrom !== r.years[0]
  )
    q.years = [r.years[0]!, r.countedFrom].sort((a, b) => a - b);
  q.asOf = r.asOf;
  q.periodNote = r.periodNote;
  // "viime vuonna samaan aikaan": the newest date of the data, in the year asked.
  if (r.sameDate && r.asOf === null && periods.newestYear !== null && !r.range) {
    const now = periods.latestAsOf.get(periods.newestYear);
    const year = r.years.length > 0 ? Math.max(...r.years) : periods.newestYear;
    if (now) setDate(q, dateInYear(now, year), r);
  }
  if (r.monthShift !== 0 && r.asOf === null && r.years.length === 0 && periods.newestYear !== null) {
    const now = periods.latestAsOf.get(periods.newestYear);
    if (now) shiftDate(q, now, r);
  }
  horizonOf(q, r);
  monthsOf(q, r);
  // Actual against budget asks for both: no single measure.
  if (intent === 'budgetVsActual' && r.comparedWithBudget) q.measure = null;
  if (readsExtra(intent, 'ranking')) {
    q.topN = r.topN;
    q.order = r.ascending ? 'asc' : 'desc';
    if (r.change) rankByChange(q, r);
    else if (r.rankMetric) {
      // Money left and share used compare actual with budget: no single measure is asked.
      q.rankBy = r.rankMetric;
      q.measure = null;
    }
  }
  if (readsExtra(intent, 'side') && r.under) q.side = 'under';
  // "näytä 25": how many rows of an over-budget list to show.
  if (readsExtra(intent, 'side') && r.topN !== null) q.topN = r.topN;
  if (readsExtra(intent, 'side') && r.pace) q.pace = true;
  pastShareOfBudget(q, r);
  if (readsExtra(intent, 'combine') && r.combine) {
    q.intent = 'compare';
    q.combine = r.combine;
  }
  if (r.city) q.city = true;
  q.topic = readsExtra(intent, 'dataTopic') ? r.dataTopic : readsExtra(intent, 'term') ? r.term : r.topic;
  if (readsExtra(intent, 'subscription')) {
    q.threshold = r.threshold;
    if (r.quietDays !== null) q.quietDays = r.quietDays;
  }
  return q;
}

/**
 * A year-end forecast "based on July" rests on the year to date at the month's end; the month's
 * own amount would answer another question.
 */
function projectsFromDate(intent: Query['intent']): boolean {
  return intent === 'forecast';
}

/**
 * A month as the period ("menot maaliskuussa") and a series by month ("kuukausittain"). A month
 * is only a month while its end is the query's date; a series by month is a trend.
 */
function monthsOf(q: Query, r: Reading): void {
  if (r.month && q.asOf !== null && !projectsFromDate(q.intent)) q.span = 'month';
  else delete q.span;
  if (q.span && r.fromMonth !== null) q.fromMonth = r.fromMonth;
  else delete q.fromMonth;
  if (r.byMonth && q.intent === 'trend') q.granularity = 'month';
  else delete q.granularity;
}

/**
 * A ranking by change between years: growth words put the largest increase first, decline
 * words the largest decrease; "vähiten"/"least" turns either round.
 */
function rankByChange(q: Query, r: Reading): void {
  q.rankBy = 'change';
  // "kasvoi eniten viime vuodesta", "grew most from last year": from that year to the one it was counted from.
  if (r.years.length === 1 && r.countedFrom !== null && r.countedFrom !== r.years[0])
    q.years = [r.years[0]!, r.countedFrom].sort((a, b) => a - b);
  const decline = r.change === 'decrease';
  q.order = decline !== r.ascending ? 'asc' : 'desc';
}

/** A date the period words arrived at, with the words that said it ("samaan aikaan → 30.9.2021"). */
function setDate(q: Query, date: string, r: Reading): void {
  q.asOf = date;
  const said = (r.periodNote ?? '')
    .split('; ')
    .map((n) => n.split(' → ')[0]!)
    .filter((w) => w);
  q.periodNote = said.length > 0 ? `${said.join(' ')} → ${formatDate(date, r.lang)}` : null;
}

/**
 * "entä edellinen kuukausi?": the date `r.monthShift` months from `base`, a month end staying a
 * month end (30.11. → 31.10.), any other day kept within its month.
 */
function shiftDate(q: Query, base: string, r: Reading): void {
  const [y, m, d] = base.split('-').map(Number) as [number, number, number];
  const lastDay = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();
  const target = new Date(Date.UTC(y, m - 1 + r.monthShift, 1));
  const ty = target.getUTCFullYear();
  const tm = target.getUTCMonth() + 1;
  const day = d === lastDay(y, m) ? lastDay(ty, tm) : Math.min(d, lastDay(ty, tm));
  const date = `${ty}-${String(tm).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  q.asOf = date;
  q.years = [ty];
  q.periodNote = null;
}

/** "ennuste vuoden lopussa": in a forecast the year's end is the horizon, not the date of the figures. */
function horizonOf(q: Query, r: Reading): void {
  if (q.intent === 'forecast' && r.yearEnd && q.asOf?.endsWith('-12-31') && !r.month) {
    q.asOf = null;
    q.periodNote = null;
  }
}

/** The year the conversation is about: the one year asked before, else the year of its date. */
function conversationYear(previous: Query): number | null {
  if (previous.years.length === 1) return previous.years[0]!;
  return previous.asOf ? Number(previous.asOf.slice(0, 4)) : null;
}

/**
 * A follow-up's month or date said without a year ("paljonko kesäkuussa?" after "Vaalien menot
 * kuukausittain 2021") is of the conversation's year, not the newest.
 */
function inConversationYear(r: Reading, previous: Query): Reading {
  const year = conversationYear(previous);
  if (!r.yearless || !r.asOf || year === null || r.range || r.years.length !== 1) return r;
  if (Number(r.asOf.slice(0, 4)) === year) return r;
  const asOf = dateInYear(r.asOf, year);
  const note = `${r.yearless} → ${formatDate(asOf, r.lang)}`;
  const others = (r.periodNote ?? '').split('; ').filter((n) => n && !n.startsWith(`${r.yearless} → `));
  return { ...r, asOf, years: [year], periodNote: [note, ...others].join('; ') };
}

/**
 * The conversation's date in the year a follow-up asks, when it asks for the same point of that
 * year: "samaan aikaan", "the same month", or a year counted from the one asked before
 * ("vuotta aiemmin", "vertaa edelliseen vuoteen") after a question with a date. A question that
 * had no date of its own was at the newest date of its year. Null when the date does not move.
 */
function movedDate(r: Reading, previous: Query, periods: PeriodContext): string | null {
  if (r.asOf !== null || r.range || r.years.length !== 1) return null;
  if (!r.sameDate && !(r.shifted && previous.asOf !== null)) return null;
  const year = conversationYear(previous) ?? periods.newestYear;
  const base = previous.asOf ?? (year === null ? null : (periods.latestAsOf.get(year) ?? null));
  return base === null ? null : dateInYear(base, r.years[0]!);
}

/** Combines a follow-up with the previous query: only what the follow-up names changes. */
export function mergeFollowUp(
  reading: Reading,
  previous: Query,
  text: string,
  periods: PeriodContext,
): Query {
  const r = inConversationYear(reading, previous);
  const q: Query = {
    ...previous,
    subjects: [...previous.subjects],
    years: [...previous.years],
    text,
    lang: r.lang,
    // A list past a share of the budget keeps its share ("entä 2021?"); an alert's threshold does not carry.
    threshold: previous.intent === 'ranking' && previous.rankBy === 'usedShare' ? previous.threshold : null,
  };
  delete q.quietDays;
  // A question asked back is answered by this message, or asked back again (understand.ts).
  delete q.among;
  // "vertaa budjettiin" after a question about one year: that year's actual against its budget.
  const explicit =
    r.explicit && isDataIntent(r.explicit)
      ? r.explicit === 'compare' && againstBudget(r) && previous.years.length <= 1
        ? 'budgetVsActual'
        : r.explicit
      : null;
  if (explicit) q.intent = explicit;
  // "entä sen henkilöstökulut?": a row of the area named after a cost centre is asked of that cost centre.
  const keepSubject = r.areaImplied && previous.subjects.some((s) => s.kind === 'costCentre');
  if (r.subjects.length > 0 && !keepSubject) {
    q.subjects = r.subjects;
    if (r.city) q.city = true;
    else delete q.city;
  } else if (explicit && questionKind(explicit).subject === 'all' && !r.within) q.subjects = [];
  // A payment verb after a row asked ("Avustukset 2022" → "paljonko on maksettu?") keeps the row.
  const verbOnly = r.accountFromVerb && previous.table !== null && previous.table !== 'costCentres';
  if ((r.label || r.account) && !verbOnly) {
    q.account = r.account;
    q.table = r.table;
  }
  if (explicit === 'budgetVsActual' && r.comparedWithBudget) {
    q.measure = null;
  } else if (r.measure) {
    q.measure = r.measure;
    // "entä budjetti?" after "paljonko X on käyttänyt?" asks for the budget figure alone.
    if (!explicit && previous.intent === 'budgetVsActual' && r.measure !== 'actual') q.intent = 'figure';
  } else if (r.bothMeasures && !explicit) {
    q.measure = null;
    q.intent = 'budgetVsActual';
  }
  // "entä 2021?" after "menot maaliskuussa 2022": the same month of that year; "entä vuotta
  // aiemmin?" after "toteuma 31.10.2022": the same date a year earlier.
  const moved =
    previous.span === 'month' && previous.asOf !== null && !r.asOf && r.years.length === 1 && !r.range
      ? dateInYear(previous.asOf, r.years[0]!)
      : movedDate(r, previous, periods);
  const sameMonth = moved !== null;
  if (r.monthShift !== 0 && !r.asOf && r.years.length === 0 && !r.range) {
    // "entä edellinen kuukausi?": the conversation's date (else its year's newest) a month earlier.
    const year = conversationYear(previous) ?? periods.newestYear;
    const base = previous.asOf ?? (year === null ? null : (periods.latestAsOf.get(year) ?? null));
    if (base !== null) {
      if (previous.years.length === 1) q.priorYears = previous.years;
      shiftDate(q, base, r);
    }
  } else if (moved !== null) {
    if (r.years.join() !== previous.years.join() && previous.years.length === 1)
      q.priorYears = previous.years;
    else delete q.priorYears;
    q.years = r.years;
    setDate(q, moved, r);
  } else if (r.years.length > 0 || r.asOf) {
    if (r.years.join() !== previous.years.join() && previous.years.length === 1)
      q.priorYears = previous.years;
    else delete q.priorYears;
    q.years = r.years;
    q.asOf = r.asOf;
    q.periodNote = r.periodNote;
    if (!explicit && r.years.length >= 2 && (q.intent === 'figure' || q.intent === 'budgetVsActual'))
      q.intent = r.range && r.years.length !== 2 ? 'trend' : 'compare';
  } else if (explicit && questionKind(explicit).period === 'own' && explicit !== previous.intent) {
    // "show the trend" spans all years; "is it on track?" and "how much is left?" are about
    // the open year: the previous question's years do not carry over.
    q.years = [];
    q.asOf = null;
    q.periodNote = null;
  }
  // "paljonko kesäkuussa?" after a series: a date or month asks for its figure, not the series.
  if (!explicit && r.asOf && !r.byMonth && !r.range && q.intent === 'trend') q.intent = 'figure';
  const ranks = readsExtra(q.intent, 'ranking');
  const ranksAfresh = explicit !== null && readsExtra(explicit, 'ranking');
  if (r.topN !== null && (ranks || readsExtra(q.intent, 'side'))) q.topN = r.topN;
  // A ranking word of its own ("suurimmat") sets the order afresh; "entä 2020?" keeps it.
  if (ranks) q.order = r.ascending ? 'asc' : ranksAfresh ? 'desc' : (q.order ?? 'desc');
  else q.order = null;
  // "entä 2019–2020?" keeps a ranking by change; a new ranking word without one ranks amounts.
  if (ranks && r.change) rankByChange(q, r);
  else if (ranks && r.rankMetric) {
    q.rankBy = r.rankMetric;
    q.measure = null;
  } else if (!ranks || ranksAfresh) delete q.rankBy;
  // A share threshold ("yli puolet") belongs to its list by share used; "entä 2021?" keeps it.
  if (!ranks || q.rankBy !== 'usedShare') q.threshold = null;
  else if (r.threshold !== null && !r.under) q.threshold = r.threshold;
  if (!ranks && !(readsExtra(q.intent, 'side') && r.topN !== null)) q.topN = null;
  // Naming other subjects asks afresh; "entä 2020?" keeps a total or share.
  if (q.intent !== 'compare' || r.subjects.length > 0) delete q.combine;
  if (q.intent === 'compare' && r.combine) q.combine = r.combine;
  // "entä 2020?" keeps the side of an over-budget list; a new one says its own.
  if (!readsExtra(q.intent, 'side') || (explicit !== null && readsExtra(explicit, 'side'))) {
    delete q.side;
    delete q.pace;
  }
  if (readsExtra(q.intent, 'side') && r.under) q.side = 'under';
  if (readsExtra(q.intent, 'side') && r.pace) q.pace = true;
  if (r.topic) {
    q.topic = r.topic;
    if (!explicit) q.intent = 'prose';
  }
  if (!explicit && r.subjects.length >= 2 && q.intent === 'figure') q.intent = 'compare';
  // A month follows its date: a new date says whether it is a month; none keeps the one asked.
  if (r.asOf) {
    if (r.month && !projectsFromDate(q.intent)) q.span = 'month';
    else delete q.span;
    if (r.month && r.fromMonth !== null) q.fromMonth = r.fromMonth;
    else delete q.fromMonth;
  } else if (!sameMonth && (r.years.length > 0 || q.asOf === null)) delete q.span;
  if (!q.span) delete q.fromMonth;
  if (r.byMonth && !explicit && q.intent !== 'trend' && isDataIntent(q.intent)) q.intent = 'trend';
  if (r.byMonth && q.intent === 'trend') q.granularity = 'month';
  else if (q.intent !== 'trend' || (explicit === 'trend' && !r.byMonth)) delete q.granularity;
  // "entä Tietohallinto?" after "which are over budget?": one subject's outlook.
  q.intent = withOneSubject(q.intent, q.subjects);
  // "vertaa näitä" after "Vaalit 2019" → "entä 2018?": the years asked in turn.
  if (explicit === 'compare' && r.years.length === 0 && previous.priorYears && q.years.length === 1)
    q.years = [...new Set([...previous.priorYears, ...q.years])].sort((a, b) => a - b);
  // "vertaa viime vuoteen": from that year to the one it was counted from.
  if (
    q.intent === 'compare' &&
    r.years.length === 1 &&
    r.countedFrom !== null &&
    r.countedFrom !== r.years[0] &&
    (previous.years.length !== 1 || previous.years[0] === r.countedFrom)
  )
    q.years = [r.years[0]!, r.countedFrom].sort((a, b) => a - b);
  // "vertaa 2020" after a question about 2021 compares the two years.
  else if (
    explicit === 'compare' &&
    r.years.length === 1 &&
    previous.years.length === 1 &&
    r.years[0] !== previous.years[0]
  ) {
    q.years = [...previous.years, ...r.years].sort((a, b) => a - b);
  }
  // A comparison at a moved date is at the later year's date, as "30.9.2022 vs 30.9.2021" is.
  // (The note keeps the date the words moved to: "edelliseen vuoteen → 30.11.2021".)
  if (moved !== null && q.years.length > 1) q.asOf = dateInYear(moved, Math.max(...q.years));
  horizonOf(q, r);
  return q;
}
