/** The bot's own short texts (not budget answers), in Finnish and English. */
import type { Lang } from '../domain/query';

const messages = {
  tooLong: {
    fi: (max: number) =>
      `Viesti on liian pitkä (yli ${max} merkkiä). Kysy lyhyesti, yksi kysymys kerrallaan.`,
    en: (max: number) =>
      `That message is too long (over ${max} characters). Please ask briefly, one question at a time.`,
  },
  alertsUnavailable: {
    fi: () => 'Hälytysten tilaaminen ei ole käytössä tässä asennuksessa.',
    en: () => 'Alert subscriptions are not available in this installation.',
  },
  failed: {
    fi: () => 'Pahoittelen, vastaamisessa tapahtui virhe. Yritä hetken päästä uudelleen.',
    en: () => 'Sorry, something went wrong while answering. Please try again in a moment.',
  },
  rateLimited: {
    fi: () => 'Kysymyksiä tulee nyt nopeammin kuin ehdin vastata. Odota hetki ja kysy sitten uudelleen.',
    en: () => 'Questions are coming faster than I can answer. Please wait a moment and ask again.',
  },
  answerBelow: {
    fi: () => 'Vastaus tulee alle uutena viestinä.',
    en: () => 'The answer follows below as a new message.',
  },
  pickerBelow: {
    fi: () => 'Valitse hälytysten rajat alla olevasta kortista.',
    en: () => 'Choose the alert steps on the card below.',
  },
  welcomeSummary: {
    fi: () => 'Budjettibotti: kysy talousarviosta ja toteumasta.',
    en: () => 'Budget bot: ask about the budget and actuals.',
  },
  badAction: {
    fi: () => 'En tunnistanut tätä painiketta. Kirjoita kysymys viestinä.',
    en: () => 'I did not recognise that button. Please type your question as a message.',
  },
} as const;

/** The bot's own text for `key` in `lang`. */
export function botMessage(key: 'tooLong', lang: Lang, max: number): string;
export function botMessage(key: Exclude<keyof typeof messages, 'tooLong'>, lang: Lang): string;
export function botMessage(key: keyof typeof messages, lang: Lang, max = 0): string {
  if (key === 'tooLong') return messages.tooLong[lang](max);
  return messages[key][lang]();
}

/** A rough language guess for the bot's own texts, from the client's locale. */
export function langFromLocale(locale: string | undefined): Lang {
  return locale?.toLowerCase().startsWith('en') ? 'en' : 'fi';
}
