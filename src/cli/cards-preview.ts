/**
 * `npm run cards:preview -- [--out FILE] [--fixtures DIR] [--answers FILE.jsonl]`: writes a
 * self-contained HTML page (default build/cards-preview.html) rendering every card type with the
 * adaptivecards JS renderer, in a light and a dark Teams-like host config, at phone or full width. `--answers` adds real answers, one Answer JSON a line (`ask --json`).
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { z } from 'zod';
import {
  renderSubscriptionCard,
  renderSubscriptionForm,
  type SubscriptionCardData,
  type SubscriptionFormData,
} from '../alerts/subscription-card';
import {
  type AlertCardData,
  answerCardKind,
  renderAlertCard,
  renderAnswerCard,
  renderErrorCard,
  renderWelcomeCard,
} from '../cards';
import { type CardContext, cardContextOf, NO_CONTEXT } from '../cards/card-context';
import { cardsPreviewHtml, type PreviewEntry } from '../cards/preview-page';
import { readCardsFile } from '../cards/template-store';
import { AnswerSchema, BudgetBotError, LangSchema } from '../domain';
import { DocumentInfoSchema } from '../domain/budget-data';

/** Options of the preview command. */
export interface CardsPreviewOptions {
  out: string;
  fixtures: string;
  answers?: string;
  /** The store whose document titles name the sources (default data/budget.json; absent = generic names). */
  store?: string;
}

const USAGE =
  'usage: npm run cards:preview -- [--out FILE] [--fixtures DIR] [--answers FILE.jsonl] [--store STORE]';

const FLAGS: Record<string, keyof CardsPreviewOptions> = {
  '--out': 'out',
  '--fixtures': 'fixtures',
  '--answers': 'answers',
  '--store': 'store',
};

/** Parses the command line; throws BudgetBotError('bad_input') with the usage on a mistake. */
export function parsePreviewArgs(argv: string[]): CardsPreviewOptions {
  const opts: CardsPreviewOptions = { out: 'build/cards-preview.html', fixtures: 'test/fixtures/answers' };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = argv[i + 1];
    const key = arg ? FLAGS[arg] : undefined;
    if (key && value && !value.startsWith('--')) {
      opts[key] = value;
      i++;
    } else {
      throw new BudgetBotError(`unexpected argument "${arg}"\n${USAGE}`, 'bad_input');
    }
  }
  return opts;
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as unknown;
  } catch (err) {
    throw new BudgetBotError((err as Error).message, 'bad_input', file);
  }
}

/**
 * The cards of the preview: every fixture of the directory (Answers; alert*.json are alert card
 * data; subscription*.json subscription cards, subscription-form*.json the step picker;
 * error*.json are { lang, message }), then the welcome card in both languages.
 */
export function previewEntries(fixturesDir: string, context: CardContext = NO_CONTEXT): PreviewEntry[] {
  const files = readdirSync(fixturesDir)
    .filter((f) => f.endsWith('.json'))
    .sort();
  const entries: PreviewEntry[] = [];
  for (const f of files) {
    const name = f.replace(/\.json$/, '');
    const file = join(fixturesDir, f);
    const raw = readJson(file);
    if (f.startsWith('alert')) {
      entries.push({ name, caption: 'alert', card: renderAlertCard(raw as AlertCardData) });
    } else if (f.startsWith('subscription-form')) {
      entries.push({
        name,
        caption: 'step picker',
        card: renderSubscriptionForm(raw as SubscriptionFormData),
      });
    } else if (f.startsWith('subscription')) {
      entries.push({
        name,
        caption: 'subscription',
        card: renderSubscriptionCard(raw as SubscriptionCardData),
      });
    } else if (f.startsWith('error')) {
      const e = raw as { lang?: unknown; message?: unknown };
      const lang = LangSchema.safeParse(e.lang);
      if (!lang.success || typeof e.message !== 'string')
        throw new BudgetBotError('expected { lang, message }', 'bad_input', file);
      entries.push({ name, caption: 'error', card: renderErrorCard(lang.data, e.message) });
    } else {
      const parsed = AnswerSchema.safeParse(raw);
      if (!parsed.success)
        throw new BudgetBotError(`not an Answer: ${parsed.error.issues[0]?.message}`, 'bad_input', file);
      entries.push({
        name,
        caption: `${answerCardKind(parsed.data)} · ${parsed.data.title}`,
        card: renderAnswerCard(parsed.data, context),
      });
    }
  }
  entries.push(
    { name: 'welcome.fi', caption: 'welcome', card: renderWelcomeCard('fi') },
    { name: 'welcome.en', caption: 'welcome', card: renderWelcomeCard('en') },
  );
  return entries;
}

/** Cards of real answers: one Answer JSON per line (the output of `ask --json`); other lines are skipped. */
export function answerLineEntries(file: string, context: CardContext = NO_CONTEXT): PreviewEntry[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new BudgetBotError((err as Error).message, 'bad_input', file);
  }
  const entries: PreviewEntry[] = [];
  text.split('\n').forEach((line, i) => {
    if (!line.trim().startsWith('{')) return;
    let raw: unknown;
    try {
      raw = JSON.parse(line);
    } catch (err) {
      throw new BudgetBotError((err as Error).message, 'bad_input', `${file}:${i + 1}`);
    }
    const parsed = AnswerSchema.safeParse(raw);
    if (!parsed.success)
      throw new BudgetBotError(
        `not an Answer: ${parsed.error.issues[0]?.message}`,
        'bad_input',
        `${file}:${i + 1}`,
      );
    const a = parsed.data;
    entries.push({
      name: `answer-${i + 1}`,
      caption: `${answerCardKind(a)} · ${a.query?.text ?? a.title}`,
      card: renderAnswerCard(a, context),
    });
  });
  return entries;
}

/** The document titles of a store, to name sources as the bot does; a missing store names them generically. */
function storeContext(store: string): CardContext {
  if (!existsSync(store)) return NO_CONTEXT;
  const parsed = z
    .object({ documents: z.array(DocumentInfoSchema.pick({ name: true, title: true, serviceArea: true })) })
    .safeParse(readJson(store));
  if (!parsed.success) throw new BudgetBotError('not a budget store', 'bad_input', store);
  return cardContextOf(parsed.data.documents);
}

/** Builds the preview page and writes it; returns the absolute path and the number of cards. */
export function writeCardsPreview(opts: CardsPreviewOptions): { path: string; cards: number } {
  const require = createRequire(import.meta.url);
  const rendererJs = readFileSync(require.resolve('adaptivecards/dist/adaptivecards.min.js'), 'utf8');
  const context = storeContext(opts.store ?? 'data/budget.json');
  const entries = [
    ...previewEntries(opts.fixtures, context),
    ...(opts.answers ? answerLineEntries(opts.answers, context) : []),
  ];
  const html = cardsPreviewHtml(entries, {
    rendererJs,
    hostConfigs: {
      light: readCardsFile('preview-host-config.json'),
      dark: readCardsFile('preview-host-config-dark.json'),
    },
  });
  const path = resolve(opts.out);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, html);
  return { path, cards: entries.length };
}

function main(): void {
  try {
    const { path, cards } = writeCardsPreview(parsePreviewArgs(process.argv.slice(2)));
    console.log(`wrote ${cards} cards to ${path}`);
  } catch (err) {
    if (err instanceof BudgetBotError) {
      console.error(`cards:preview: ${err.message}`);
      process.exit(1);
    }
    throw err;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) main();
