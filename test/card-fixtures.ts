// Shared by the card tests: loading hand-written Answer fixtures and walking rendered cards.
import { readdirSync, readFileSync } from 'node:fs';
import { type Answer, type AnswerFigure, AnswerSchema } from '../src/domain/answer';

const DIR = new URL('./fixtures/answers/', import.meta.url);

/** Names of every Answer fixture (file names without .json), alert, error and subscription fixtures excluded. */
export function answerFixtureNames(): string[] {
  return readdirSync(DIR)
    .filter(
      (f) =>
        f.endsWith('.json') &&
        !f.startsWith('alert') &&
        !f.startsWith('error') &&
        !f.startsWith('subscription'),
    )
    .map((f) => f.replace(/\.json$/, ''))
    .sort();
}

/** Reads a fixture as raw JSON. */
export function readFixture(name: string): unknown {
  return JSON.parse(readFileSync(new URL(`${name}.json`, DIR), 'utf8')) as unknown;
}

/** Reads an Answer fixture, checked against the domain schema so fixtures cannot drift from it. */
export function answerFixture(name: string): Answer {
  return AnswerSchema.parse(readFixture(name));
}

/** Every string value in a card (texts, titles, data), depth first. */
export function cardStrings(node: unknown): string[] {
  if (typeof node === 'string') return [node];
  if (Array.isArray(node)) return node.flatMap(cardStrings);
  if (node && typeof node === 'object') return Object.values(node).flatMap(cardStrings);
  return [];
}

/** The visible text of a card: TextBlock and TextRun texts, in order, joined. */
export function cardText(node: unknown): string {
  const out: string[] = [];
  const walk = (n: unknown): void => {
    if (Array.isArray(n)) {
      n.forEach(walk);
      return;
    }
    if (!n || typeof n !== 'object') return;
    const o = n as Record<string, unknown>;
    if ((o.type === 'TextBlock' || o.type === 'TextRun') && typeof o.text === 'string') out.push(o.text);
    for (const [k, v] of Object.entries(o)) if (k !== 'data') walk(v);
  };
  walk(node);
  return out.join('\n');
}

/** One action of a card as the tests see it. */
export interface CardActionView {
  type: string;
  title: string;
  verb?: string;
  data: Record<string, unknown>;
}

/** Every action object of a card (card-level, ActionSet, selectAction and refresh ones), with its title, verb and data. */
export function cardActions(node: unknown): CardActionView[] {
  const out: CardActionView[] = [];
  const walk = (n: unknown): void => {
    if (Array.isArray(n)) {
      n.forEach(walk);
      return;
    }
    if (!n || typeof n !== 'object') return;
    const o = n as Record<string, unknown>;
    if (typeof o.type === 'string' && o.type.startsWith('Action.')) {
      out.push({
        type: o.type,
        title: String(o.title ?? ''),
        ...(typeof o.verb === 'string' ? { verb: o.verb } : {}),
        data: (o.data ?? {}) as Record<string, unknown>,
      });
    }
    for (const v of Object.values(o)) walk(v);
  };
  walk(node);
  return out;
}

/**
 * A fixture with other figures, its body stretched over all of them: a list of that many
 * rows (ranking, key figures, investment plan) or a series of that many points.
 */
export function withFigures(base: Answer, figures: AnswerFigure[]): Answer {
  const refs = figures.map((_, i) => i);
  const body = base.body;
  switch (body.kind) {
    case 'ranking':
      return {
        ...base,
        figures,
        body: {
          ...body,
          items: figures.map((f, i) => ({
            name: f.costCentre,
            figures: [i],
            value: f.amount,
            percent: null,
            usedShare: null,
            pace: null,
          })),
        },
      };
    case 'keyFigures':
    case 'investmentPlan':
      return { ...base, figures, body: { ...body, rows: refs } };
    case 'series':
      return {
        ...base,
        figures,
        body: {
          ...body,
          points: figures.map((f, i) => ({
            figure: i,
            year: f.year,
            series: 'actual' as const,
            basis: f.basis,
            asOf: f.asOf ?? null,
            partYear: false,
          })),
          change: null,
        },
      };
    default:
      throw new Error(`withFigures: no list in a ${body.kind} body`);
  }
}
