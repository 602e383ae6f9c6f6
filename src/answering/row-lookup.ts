import type { Answer, Fact, Query, Subject } from '../domain';
import { basisKind, formatDate } from '../domain';
import { buildAnswer } from './answer-builder';
import {
  type AnswerIndex,
  type AnswerTable,
  findRow,
  labelKey,
  labelsOf,
  TABLE_PREFERENCE,
} from './answer-index';
import { messages } from './messages';
import { accountWord, CORE_ACCOUNTS, joinList } from './phrases';
import { yearsWith } from './pick-fact';

/** A subject's row found for a query. */
export interface FoundRow {
  subject: Subject;
  table: AnswerTable;
  label: string;
  facts: Fact[];
}

/** The row of a query, or the not_found answer that says what exists instead. */
export type RowLookup = { ok: true; row: FoundRow } | { ok: false; answer: Answer };

/** The account a query means: the one it names, else expenses (the default of spending questions). */
export function queryAccount(query: Query): string {
  return query.account ?? 'MENOT';
}

/**
 * The subjects a query is about; with none named, the service area that has the row (so
 * "palvelualueen toimintakulut" and "Avustukset 2022" need no name).
 */
export function querySubjects(index: AnswerIndex, query: Query): Subject[] {
  if (query.subjects.length > 0) return query.subjects;
  const account = queryAccount(query);
  const area =
    index.serviceAreas.find((sa) => findRow(index, sa.name, account, query.table) !== null) ??
    index.serviceAreas[0];
  return area ? [{ kind: 'serviceArea', name: area.name }] : [];
}

/** Finds the subject's row for the query's account, or explains what exists when it is absent. */
export function lookupRow(index: AnswerIndex, query: Query, subject: Subject, account: string): RowLookup {
  const found =
    findRow(
      index,
      subject.name,
      account,
      query.table,
      query.years,
      // "Palvelujen ostot TS 2022": the table that prints the plan for the year, not one with only its budget.
      query.measure === 'plan' ? (f) => basisKind(f.basis) === 'plan' : undefined,
    ) ??
    // An area's revenues or expenses where no operating statement is printed for it (a city
    // whose files are a report by cost centre and a ledger): its row of the cost-centre table.
    (query.table === 'operatingStatement' && (CORE_ACCOUNTS as readonly string[]).includes(account)
      ? findRow(index, subject.name, account, 'costCentres', query.years)
      : null);
  if (found) return { ok: true, row: { subject, ...found } };
  return { ok: false, answer: absentRow(index, query, subject, account) };
}

/** not_found for a row the data does not have, saying where the account does exist. */
function absentRow(index: AnswerIndex, query: Query, subject: Subject, account: string): Answer {
  const lang = query.lang;
  const m = messages(lang).rows;
  const holders = (index.holders.get(labelKey(account)) ?? []).filter(
    (cc) => labelKey(cc.name) !== labelKey(subject.name),
  );
  const own = TABLE_PREFERENCE.flatMap((t) => labelsOf(index, t, subject.name));
  const word = accountWord(account, lang);
  const sentences: string[] = [];
  if (own.length === 0) {
    sentences.push(m.noFigures(subject.name));
  } else if (holders.length > 0) {
    const where = joinList(
      holders.slice(0, 3).map((h) => h.name),
      lang,
    );
    sentences.push(
      m.elsewhere(
        subject.name,
        word,
        where,
        holders.every((h) => h.level === 'serviceArea'),
      ),
    );
    // The same account can be printed in several tables (cost centres, appropriations): once each.
    const core = [
      ...new Map(
        own
          .filter((l) => CORE_ACCOUNTS.some((c) => labelKey(c) === labelKey(l)))
          .map((l) => [labelKey(l), l]),
      ).values(),
    ];
    if (core.length > 0)
      sentences.push(
        m.has(
          subject.name,
          joinList(
            core.map((c) => accountWord(c, lang)),
            lang,
          ),
        ),
      );
  } else {
    sentences.push(m.noRow(account, subject.name, own.slice(0, 6)));
  }
  const options = [
    ...own
      .filter((l) => CORE_ACCOUNTS.some((c) => labelKey(c) === labelKey(l)))
      .slice(0, 2)
      .map((l) => ({
        label: `${subject.name}: ${accountWord(l, lang)}`,
        ask: messages(lang).rowQuestion(subject.name, accountWord(l, lang)),
      })),
    ...holders
      .slice(0, 1)
      .map((h) => ({ label: `${h.name}: ${word}`, ask: messages(lang).rowQuestion(h.name, word) })),
  ];
  return buildAnswer(index, query, {
    body: { kind: 'notFound', reason: 'row', term: null },
    title: `${subject.name} · ${word}`,
    sentences,
    options,
  });
}

/** not_found for a year (or date) the row has no figure for, listing the years it has. */
export function absentYear(
  index: AnswerIndex,
  query: Query,
  row: FoundRow,
  what: string,
  kind: 'actual' | 'budget' | 'plan' | 'any',
): Answer {
  const lang = query.lang;
  const years = yearsWith(row.facts, kind);
  const any = yearsWith(row.facts, 'any');
  const have = years.length > 0 ? years : any;
  const word = accountWord(row.label, lang);
  const newest = have.at(-1);
  const options =
    newest === undefined
      ? []
      : [
          {
            label: `${row.subject.name} ${newest}`,
            ask: messages(lang).rowQuestion(row.subject.name, word, String(newest)),
          },
        ];
  return buildAnswer(index, query, {
    body: { kind: 'notFound', reason: 'period', term: null },
    title: `${row.subject.name} · ${word}`,
    sentences: [messages(lang).rows.noFigureFor(row.subject.name, word, what, have)],
    options,
  });
}

/** The dates a row has an actual for, in a year: its year-to-date dates, and 31.12. when the year is closed. */
export function actualDates(row: FoundRow, year: number): string[] {
  const dates = new Set<string>();
  for (const f of row.facts) {
    if (f.year !== year || basisKind(f.basis) !== 'actual') continue;
    dates.add(f.basis.toUpperCase() === 'TP' ? `${year}-12-31` : (f.asOf ?? `${year}-12-31`));
  }
  return [...dates].sort();
}

// At most this many other dates are offered as buttons.
const MAX_DATE_OPTIONS = 4;

/**
 * not_found for a date the row has no figure at ("toteuma 31.3.2022" when only 30.6. is printed):
 * says so, names the dates there are, nearest first, and offers them as buttons. Never another
 * date's figure as if it were the one asked.
 */
export function noFigureAtDate(index: AnswerIndex, query: Query, row: FoundRow, asOf: string): Answer {
  const lang = query.lang;
  const year = Number(asOf.slice(0, 4));
  const word = accountWord(row.label, lang);
  const asked = Date.parse(asOf);
  const near = (d: string) => Math.abs(Date.parse(d) - asked);
  const dates = actualDates(row, year).sort((a, b) => near(a) - near(b) || a.localeCompare(b));
  const otherYears = dates.length === 0 ? yearsWith(row.facts, 'actual') : [];
  return buildAnswer(index, query, {
    body: { kind: 'notFound', reason: 'period', term: formatDate(asOf, lang) },
    title: `${row.subject.name} · ${word}`,
    sentences: [
      messages(lang).rows.noFigureAtDate(
        row.subject.name,
        word,
        formatDate(asOf, lang),
        // Said in calendar order; the buttons offer the nearest first.
        [...dates].sort().map((d) => formatDate(d, lang)),
        otherYears,
      ),
    ],
    options: dates.slice(0, MAX_DATE_OPTIONS).map((d) => ({
      label: formatDate(d, lang),
      ask: messages(lang).rowQuestion(row.subject.name, word, formatDate(d, 'fi')),
    })),
  });
}
