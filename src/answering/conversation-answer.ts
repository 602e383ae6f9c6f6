import type { Answer, Lang, Option, Query } from '../domain';
import { formatDate, money } from '../domain';
import { buildAnswer } from './answer-builder';
import type { AnswerIndex } from './answer-index';
import { findRow } from './answer-index';
import { pickBudget, yearsWith } from './pick-fact';

const examplesCache = new WeakMap<AnswerIndex, Partial<Record<Lang, Option[]>>>();

/** Example questions built from the data itself (its biggest cost centre, its years), never from fixed names. */
export function exampleQuestions(index: AnswerIndex, lang: Lang): Option[] {
  // They depend on the store only, so they are made once per index and language.
  const cached = examplesCache.get(index)?.[lang];
  if (cached) return cached;
  const made = makeExamples(index, lang);
  examplesCache.set(index, { ...examplesCache.get(index), [lang]: made });
  return made;
}

function makeExamples(index: AnswerIndex, lang: Lang): Option[] {
  let biggest: { name: string; size: ReturnType<typeof money> } | null = null;
  let newestActual: number | null = null;
  for (const cc of index.costCentres) {
    const row = findRow(index, cc.name, 'MENOT', 'costCentres');
    if (!row) continue;
    const actualYears = yearsWith(row.facts, 'actual');
    const last = actualYears.at(-1);
    if (last !== undefined && (newestActual === null || last > newestActual)) newestActual = last;
    const y = yearsWith(row.facts, 'budget').at(-1);
    const budget = y === undefined ? null : pickBudget(index, row.facts, y);
    const size = budget ? money(budget.amount).abs() : money(0);
    if (!biggest || size.greaterThan(biggest.size)) biggest = { name: cc.name, size };
  }
  const cc = biggest?.name;
  const closed = [...index.closedYears].sort((a, b) => a - b).at(-1);
  const asks: string[] = [];
  if (lang === 'fi') {
    if (cc) asks.push(`paljonko ${cc} on käyttänyt?`);
    if (cc && closed) asks.push(`${cc} menot ${closed}`);
    if (cc && closed) asks.push(`vertaa ${cc} menoja ${closed - 1} ja ${closed}`);
    if (newestActual) asks.push(`suurimmat menot ${newestActual}`);
    asks.push('mitkä kustannuspaikat ylittävät budjetin?');
    if (cc) asks.push(`${cc} menojen kehitys`);
    if (index.sections.length) asks.push('mitkä ovat toiminnalliset tavoitteet?');
  } else {
    if (cc) asks.push(`how much has ${cc} spent?`);
    if (cc && closed) asks.push(`${cc} expenses ${closed}`);
    if (cc && closed) asks.push(`compare ${cc} expenses ${closed - 1} and ${closed}`);
    if (newestActual) asks.push(`biggest expenses ${newestActual}`);
    asks.push('which cost centres are over budget?');
    if (cc) asks.push(`${cc} expenses trend`);
    if (index.sections.length) asks.push('what are the goals?');
  }
  return asks.map((ask) => ({ label: ask, ask }));
}

/** Answers help, greetings, thanks and the subscription intents (the bot layer overrides the latter's text). */
export function answerConversation(index: AnswerIndex, query: Query): Answer {
  const lang = query.lang;
  const examples = exampleQuestions(index, lang);
  const years = index.years.length ? `${index.years[0]}–${index.years.at(-1)}` : '';
  const fi = lang === 'fi';
  switch (query.intent) {
    case 'greeting':
      return buildAnswer(index, query, {
        title: fi ? 'Hei!' : 'Hello!',
        sentences: [
          fi
            ? `Hei! Kysy talousarviosta ja toteumasta${years ? ` (vuodet ${years})` : ''}${examples[0] ? `, esimerkiksi: ${examples[0].ask}` : '.'}`
            : `Hello! Ask me about the budget and actuals${years ? ` (years ${years})` : ''}${examples[0] ? `, for example: ${examples[0].ask}` : '.'}`,
        ],
        options: examples.slice(0, 3),
      });
    case 'thanks':
      return buildAnswer(index, query, {
        title: fi ? 'Ole hyvä' : "You're welcome",
        sentences: [fi ? 'Ole hyvä! Kysy lisää milloin vain.' : "You're welcome! Ask again any time."],
      });
    case 'subscribe':
      return buildAnswer(index, query, {
        title: fi ? 'Hälytysten tilaus' : 'Alert subscription',
        sentences: [
          fi
            ? 'Tilaan hälytykset, kun budjetin käyttö ylittää kynnyksen.'
            : 'Subscribing to alerts when budget use passes the threshold.',
        ],
      });
    case 'unsubscribe':
      return buildAnswer(index, query, {
        title: fi ? 'Hälytysten lopetus' : 'Stop alerts',
        sentences: [fi ? 'Lopetan hälytykset.' : 'Stopping the alerts.'],
      });
    case 'listSubscriptions':
      return buildAnswer(index, query, {
        title: fi ? 'Tilaukset' : 'Subscriptions',
        sentences: [fi ? 'Näytän tilaamasi hälytykset.' : 'Showing your alert subscriptions.'],
      });
    default:
      return buildAnswer(index, query, {
        intent: 'help',
        title: fi ? 'Mitä voin kysyä?' : 'What can I ask?',
        sentences: [
          fi
            ? `Kysy kustannuspaikan menoista, tuloista tai nettomenoista, talousarviosta ja toteumasta${years ? ` (vuodet ${years})` : ''}, jäljellä olevasta budjetista, ennusteesta, vertailuista, suurimmista menoista, ylityksistä, kehityksestä, tunnusluvuista, investoinneista tai tavoitteista. Esimerkkejä: ${examples.map((e) => `"${e.ask}"`).join(', ')}.`
            : `Ask about a cost centre's expenses, revenue or net expenses, budget and actuals${years ? ` (years ${years})` : ''}, budget left, forecasts, comparisons, the biggest items, overspending, trends, key figures, investments or goals. Examples: ${examples.map((e) => `"${e.ask}"`).join(', ')}.`,
          // What the data holds, so "mitä kustannuspaikkoja on?" and "mihin asti tiedot?" are answered too.
          coverage(index, lang),
        ],
        options: examples,
      });
  }
}

const coverageCache = new WeakMap<AnswerIndex, Partial<Record<Lang, string>>>();

/** The documents, the newest as-of date and the cost centres of the store, in one sentence; made once per index. */
function coverage(index: AnswerIndex, lang: Lang): string {
  const cached = coverageCache.get(index)?.[lang];
  if (cached !== undefined) return cached;
  const made = describeCoverage(index, lang);
  coverageCache.set(index, { ...coverageCache.get(index), [lang]: made });
  return made;
}

function describeCoverage(index: AnswerIndex, lang: Lang): string {
  const fi = lang === 'fi';
  const docs = [...index.data.documents]
    .sort((a, b) => (index.documentRank.get(b.name) ?? 0) - (index.documentRank.get(a.name) ?? 0))
    .map((d) => `${d.title || d.name} (${d.name})`);
  let asOf: string | null = null;
  for (const f of index.data.facts) if (f.asOf && (!asOf || f.asOf > asOf)) asOf = f.asOf;
  const names = index.costCentres.map((c) => c.name);
  if (docs.length === 0) return fi ? 'Aineistoa ei ole vielä tuotu.' : 'No documents have been imported yet.';
  const parts = fi
    ? [
        `Aineisto: ${docs.join('; ')}.`,
        asOf ? `Toteumat ${formatDate(asOf, lang)} asti.` : '',
        names.length ? `Kustannuspaikat (${names.length}): ${names.join(', ')}.` : '',
      ]
    : [
        `Data: ${docs.join('; ')}.`,
        asOf ? `Actuals up to ${formatDate(asOf, lang)}.` : '',
        names.length ? `Cost centres (${names.length}): ${names.join(', ')}.` : '',
      ];
  return parts.filter((p) => p).join(' ');
}
