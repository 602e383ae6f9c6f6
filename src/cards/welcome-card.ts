import { z } from 'zod';
import type { Answer, Option } from '../domain/answer';
import { OptionSchema } from '../domain/answer';
import { BudgetBotError } from '../domain/errors';
import type { Lang } from '../domain/query';
import type { AdaptiveCard } from './adaptive-card';
import { type AskButton, askButtons, MAX_ACTIONS } from './card-header';
import { cardLabels } from './labels';
import { expandTemplate, readCardsFile } from './template-store';
import { literal } from './user-text';

/** Example questions per language, kept in cards/examples.json so a city can put its own names there. */
export const ExamplesSchema = z.object({
  fi: z.array(OptionSchema).min(1),
  en: z.array(OptionSchema).min(1),
});
export type Examples = z.infer<typeof ExamplesSchema>;

let examples: Examples | undefined;

/** The example questions of cards/examples.json for a language. */
export function exampleQuestions(lang: Lang): Option[] {
  if (!examples) {
    const parsed = ExamplesSchema.safeParse(readCardsFile('examples.json'));
    if (!parsed.success) throw new BudgetBotError(parsed.error.message, 'bad_config', 'cards/examples.json');
    examples = parsed.data;
  }
  return examples[lang];
}

/** Data model of cards/welcome.json: greeting or help, with example questions as buttons. */
export interface WelcomeCardData {
  title: string;
  text: string;
  hasIntro: boolean;
  intro: string;
  examples: AskButton[];
  fallbackText: string;
}

/** Builds the welcome card's data model; `examples` default to cards/examples.json. */
export function welcomeCardData(
  lang: Lang,
  opts: { title?: string; intro?: string; examples?: Option[] } = {},
): WelcomeCardData {
  const l = cardLabels(lang);
  const list = opts.examples && opts.examples.length > 0 ? opts.examples : exampleQuestions(lang);
  return {
    title: literal(opts.title ?? l.welcomeTitle),
    text: l.welcomeText,
    hasIntro: (opts.intro ?? '').trim().length > 0,
    intro: literal(opts.intro ?? ''),
    examples: askButtons(list, MAX_ACTIONS),
    fallbackText: `${l.welcomeTitle}. ${l.welcomeText}`,
  };
}

/** Renders the install/welcome card with example questions as buttons. */
export function renderWelcomeCard(lang: Lang, examplesOverride?: Option[]): AdaptiveCard {
  return expandTemplate('welcome', welcomeCardData(lang, { examples: examplesOverride }));
}

/**
 * Renders a help or greeting answer with the welcome template: a few words on what to ask and
 * the example questions of cards/examples.json as buttons (short titles, questions in correct
 * Finnish or English). The answer's own long text is not repeated: the buttons show by example.
 */
export function renderHelpCard(answer: Answer): AdaptiveCard {
  const l = cardLabels(answer.lang);
  return expandTemplate(
    'welcome',
    welcomeCardData(answer.lang, {
      title:
        answer.body.kind === 'help' && answer.body.variant === 'help'
          ? l.helpTitle
          : answer.title || l.welcomeTitle,
      intro: l.helpText,
    }),
  );
}
