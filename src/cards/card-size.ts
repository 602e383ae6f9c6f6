import type { AdaptiveCard } from './adaptive-card';

/** Size of a card as sent on the wire (UTF-8 JSON), to compare with Teams' 28 KB limit. */
export function cardSizeBytes(card: AdaptiveCard): number {
  return Buffer.byteLength(JSON.stringify(card), 'utf8');
}

/** Teams rejects cards (and message-extension results) above about 28 KB. */
export const TEAMS_CARD_LIMIT_BYTES = 28 * 1024;
