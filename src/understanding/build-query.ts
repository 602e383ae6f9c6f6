import { emptyQuery, type Intent, type Query } from '../domain/query';
import { isDataIntent, questionKind, readsExtra } from '../domain/question-kinds';
import type { Reading } from './read-message';

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
    r.range
  );
}

/** The intent of a message read on its own. */
export function freshIntent(r: Reading, newestYear: number | null): Intent | null {
  let intent = r.explicit;
  if (intent && questionKind(intent).yieldsToData && namesData(r)) intent = null;
  if (intent) intent = withOneSubject(intent, r.subjects);
  // A named topic is a what/why question, whatever else it says ("what changed in the operating environment").
  if (r.topic && (!intent || isDataIntent(intent))) return 'prose';
  // "miten kulut ovat muuttuneet vuodesta 2018": a change over a series is its trend.
  if (intent === 'compare' && r.range && r.years.length > 2) return 'trend';
  if (intent) return intent;
  if (r.range && r.years.length !== 2) return 'trend';
  if (r.years.length >= 2 || r.subjects.length >= 2) return 'compare';
  if (r.bothMeasures) return 'budgetVsActual';
  if (r.spendVerb && (r.years.length === 0 || (r.years.length === 1 && r.years[0] === newestYear)))
    return 'budgetVsActual';
  if (namesData(r)) return 'figure';
  return null;
}

/** "Ylittikö Joukkoliikenne budjettinsa?": a kind about all cost centres, asked of one, becomes that one's kind. */
function withOneSubject(intent: Intent, subjects: Query['subjects']): Intent {
  const one = questionKind(intent).withOneSubject;
  return one && subjects.filter((s) => s.kind === 'costCentre').length === 1 ? one : intent;
}

/** The query of a message read on its own, for an intent already chosen. */
export function buildFresh(r: Reading, text: string, intent: Intent): Query {
  const q = emptyQuery(r.lang, text);
  q.intent = intent;
  q.subjects = r.subjects;
  q.account = r.account;
  q.table = r.table;
  q.measure = r.measure;
  q.years = r.years;
  q.asOf = r.asOf;
  q.periodNote = r.periodNote;
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
  if (readsExtra(intent, 'combine') && r.combine) {
    q.intent = 'compare';
    q.combine = r.combine;
  }
  q.topic = r.topic;
  if (readsExtra(intent, 'subscription')) {
    q.threshold = r.threshold;
    if (r.quietDays !== null) q.quietDays = r.quietDays;
  }
  return q;
}

/**
 * A ranking by change between years: growth words put the largest increase first, decline
 * words the largest decrease; "vähiten"/"least" turns either round.
 */
function rankByChange(q: Query, r: Reading): void {
  q.rankBy = 'change';
  const decline = r.change === 'decrease';
  q.order = decline !== r.ascending ? 'asc' : 'desc';
}

/** Combines a follow-up with the previous query: only what the follow-up names changes. */
export function mergeFollowUp(r: Reading, previous: Query, text: string): Query {
  const q: Query = {
    ...previous,
    subjects: [...previous.subjects],
    years: [...previous.years],
    text,
    lang: r.lang,
    threshold: null,
  };
  delete q.quietDays;
  const explicit = r.explicit && isDataIntent(r.explicit) ? r.explicit : null;
  if (explicit) q.intent = explicit;
  if (r.subjects.length > 0) q.subjects = r.subjects;
  else if (explicit && questionKind(explicit).subject === 'all') q.subjects = [];
  if (r.label || r.account) {
    q.account = r.account;
    q.table = r.table;
  }
  if (r.measure) {
    q.measure = r.measure;
    // "entä budjetti?" after "paljonko X on käyttänyt?" asks for the budget figure alone.
    if (!explicit && previous.intent === 'budgetVsActual' && r.measure !== 'actual') q.intent = 'figure';
  } else if (r.bothMeasures && !explicit) {
    q.measure = null;
    q.intent = 'budgetVsActual';
  }
  if (r.years.length > 0 || r.asOf) {
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
  const ranks = readsExtra(q.intent, 'ranking');
  const ranksAfresh = explicit !== null && readsExtra(explicit, 'ranking');
  if (r.topN !== null && ranks) q.topN = r.topN;
  // A ranking word of its own ("suurimmat") sets the order afresh; "entä 2020?" keeps it.
  if (ranks) q.order = r.ascending ? 'asc' : ranksAfresh ? 'desc' : (q.order ?? 'desc');
  else q.order = null;
  // "entä 2019–2020?" keeps a ranking by change; a new ranking word without one ranks amounts.
  if (ranks && r.change) rankByChange(q, r);
  else if (ranks && r.rankMetric) {
    q.rankBy = r.rankMetric;
    q.measure = null;
  } else if (!ranks || ranksAfresh) delete q.rankBy;
  if (!ranks) q.topN = null;
  // Naming other subjects asks afresh; "entä 2020?" keeps a total or share.
  if (q.intent !== 'compare' || r.subjects.length > 0) delete q.combine;
  if (q.intent === 'compare' && r.combine) q.combine = r.combine;
  // "entä 2020?" keeps the side of an over-budget list; a new one says its own.
  if (!readsExtra(q.intent, 'side') || (explicit !== null && readsExtra(explicit, 'side'))) delete q.side;
  if (readsExtra(q.intent, 'side') && r.under) q.side = 'under';
  if (r.topic) {
    q.topic = r.topic;
    if (!explicit) q.intent = 'prose';
  }
  if (!explicit && r.subjects.length >= 2 && q.intent === 'figure') q.intent = 'compare';
  // "entä Tietohallinto?" after "which are over budget?": one subject's outlook.
  q.intent = withOneSubject(q.intent, q.subjects);
  // "vertaa 2020" after a question about 2021 compares the two years.
  if (
    explicit === 'compare' &&
    r.years.length === 1 &&
    previous.years.length === 1 &&
    r.years[0] !== previous.years[0]
  ) {
    q.years = [...previous.years, ...r.years].sort((a, b) => a - b);
  }
  return q;
}
