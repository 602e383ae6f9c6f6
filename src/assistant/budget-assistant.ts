import { type AnswerIndex, answerQuery, answerUnderstanding, buildAnswerIndex, messages } from '../answering';
import { findRow } from '../answering/answer-index';
import { pickBudget, yearsWith } from '../answering/pick-fact';
import { renderAnswerCard } from '../cards';
import { type CardContext, cardContextOf } from '../cards/card-context';
import { type Answer, type BudgetData, emptyQuery, type Lang, money, type Query } from '../domain';
import { loadBudgetData } from '../store/budget-store';
import { withUniqueNames } from '../store/unique-names';
import { buildUnderstandingIndex, loadLexicon, type UnderstandingIndex, understand } from '../understanding';

/**
 * Longest message the assistant reads. Real questions are a line or two; a pasted document is
 * cut here so one message can never make a turn slow.
 */
export const MAX_QUESTION_CHARS = 1000;

// Module level: the bundler writes a \p{…} regex literal as `new RegExp(…)`, which in a function
// body would build a new regex on every call.
const MARK = /\p{M}/gu;

function fold(text: string): string {
  return text.toLowerCase().normalize('NFD').replace(MARK, '').trim();
}

function looksEnglish(text: string): boolean {
  return /\b(the|how|what|which|much|spent|budget|help|hello|hi)\b/i.test(text);
}

/**
 * The assistant façade: understanding + answering + cards over one store, with both indexes
 * built once. What the bot, the CLI and the message extension call.
 */
export class BudgetAssistant {
  /** Cards name the store's documents by title, never by file name. */
  private readonly cardContext: CardContext;

  private constructor(
    readonly data: BudgetData,
    private readonly answers: AnswerIndex,
    private readonly understanding: UnderstandingIndex,
  ) {
    this.cardContext = cardContextOf(data.documents);
  }

  /** Builds the assistant over a store already in memory. */
  static fromData(stored: BudgetData): BudgetAssistant {
    // A name under two parents ("Hallinto") is two subjects: questions see the places by unique names.
    const data = withUniqueNames(stored);
    const lexicon = loadLexicon();
    return new BudgetAssistant(
      data,
      buildAnswerIndex(data, { lineGroups: lexicon.accounts.lineGroups }),
      buildUnderstandingIndex(data, { lexicon }),
    );
  }

  /** Loads a store file (data/budget.json) and builds the assistant over it. */
  static async load(storePath: string): Promise<BudgetAssistant> {
    return BudgetAssistant.fromData(await loadBudgetData(storePath));
  }

  /** Answers one turn; never throws. `answer.query` is the context to pass as `previous` next turn. */
  ask(text: string, previous: Query | null): Answer {
    const input = typeof text === 'string' ? text.slice(0, MAX_QUESTION_CHARS) : '';
    let answer: Answer;
    try {
      answer = answerUnderstanding(understand(input, previous, this.understanding), this.answers);
    } catch {
      // Expected failures are answers already; anything else must still give the user a plain reply.
      answer = this.failure(looksEnglish(input) ? 'en' : 'fi', previous);
    }
    return this.withCard(answer);
  }

  /**
   * Message-extension search: cost centres whose name or alias starts with (or contains) the
   * prefix, each with its budget-vs-actual answer; with an empty prefix, the biggest by budget.
   */
  costCentreHeadlines(
    prefix: string,
    limit: number,
    lang: Lang = 'fi',
  ): Array<{ name: string; answer: Answer }> {
    const wanted = fold(typeof prefix === 'string' ? prefix.slice(0, 100) : '');
    const max = Math.max(0, Math.min(Math.floor(limit) || 0, 50));
    const centres = this.answers.costCentres;
    let names: string[];
    if (wanted === '') {
      names = centres
        .map((cc) => ({ name: cc.name, size: this.budgetSize(cc.name) }))
        .sort((a, b) => b.size.comparedTo(a.size) || a.name.localeCompare(b.name))
        .map((c) => c.name);
    } else {
      const score = (names: string[]): number => {
        const folded = names.map(fold);
        if (folded.some((n) => n.startsWith(wanted))) return 2;
        if (folded.some((n) => n.split(/[\s-]+/).some((w) => w.startsWith(wanted)))) return 1;
        if (folded.some((n) => n.includes(wanted))) return 0;
        return -1;
      };
      names = centres
        .map((cc) => ({ name: cc.name, score: score([cc.name, ...cc.aliases]) }))
        .filter((c) => c.score >= 0)
        .sort((a, b) => b.score - a.score || a.name.localeCompare(b.name))
        .map((c) => c.name);
    }
    return names
      .slice(0, max)
      .map((name) => ({ name, answer: this.withCard(answerQuery(headlineQuery(name, lang), this.answers)) }));
  }

  private budgetSize(name: string): ReturnType<typeof money> {
    const row = findRow(this.answers, name, 'MENOT', 'costCentres');
    const year = row ? yearsWith(row.facts, 'budget').at(-1) : undefined;
    const budget = row && year !== undefined ? pickBudget(this.answers, row.facts, year) : null;
    return budget ? money(budget.amount).abs() : money(0);
  }

  private withCard(answer: Answer): Answer {
    try {
      return { ...answer, card: renderAnswerCard(answer, this.cardContext) };
    } catch {
      // A card that cannot be rendered must not cost the user the answer: the text still goes out.
      return answer;
    }
  }

  private failure(lang: Lang, previous: Query | null): Answer {
    const said = messages(lang).failure;
    const answer: Answer = {
      status: 'not_found',
      lang,
      intent: null,
      title: said.title,
      text: said.text,
      figures: [],
      derived: {},
      options: [],
      body: { kind: 'notFound', reason: 'nothing', term: null },
      notes: [],
    };
    if (previous) answer.query = previous;
    return answer;
  }
}

/** The question a search result stands for: the cost centre's expenses, newest actual beside its budget. */
function headlineQuery(name: string, lang: Lang): Query {
  return {
    ...emptyQuery(lang, name, 'budgetVsActual'),
    subjects: [{ kind: 'costCentre', name }],
    account: 'MENOT',
    table: 'costCentres',
    measure: 'actual',
  };
}
