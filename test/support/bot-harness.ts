/**
 * Starts the real bot server on an ephemeral loopback port beside a local Bot Connector, for
 * end-to-end tests over HTTP. Logs are captured so tests can check what is (not) logged.
 */
import pino from 'pino';
import type { Assistant, CardRenderer } from '../../src/bot/ports';
import type { SubscriptionCommands } from '../../src/bot/subscription-commands';
import { type Config, loadConfig } from '../../src/config';
import { type BotServer, type BotServerOptions, createBotServer } from '../../src/server';
import { memoryState } from '../../src/store/document-state';
import type { StateBackend } from '../../src/store/state-ports';
import { ConnectorServer } from './connector-server';

/** A running bot with its connector. */
export interface BotHarness {
  bot: BotServer;
  connector: ConnectorServer;
  state: StateBackend;
  config: Config;
  /** Base URL of the bot server, e.g. http://127.0.0.1:40123 */
  url: string;
  /** Log lines (parsed pino JSON) written so far. */
  logs: Array<Record<string, unknown>>;
  /** POSTs an activity (or any body) to /api/messages. */
  post(body: unknown, headers?: Record<string, string>): Promise<{ status: number; body: unknown }>;
  close(): Promise<void>;
}

/** What a harness is started with; env is parsed by the real configuration loader. */
export interface HarnessOptions {
  assistant: Assistant;
  cards: CardRenderer;
  env?: Record<string, string>;
  /** The bot's state; memory by default. The harness flushes it on close; the test closes it. */
  state?: StateBackend;
  subscriptions?: SubscriptionCommands | null;
  authOverrides?: BotServerOptions['authOverrides'];
  /** Shorter timeouts and retries towards the connector, for fault tests. */
  replyPolicy?: BotServerOptions['replyPolicy'];
  /** Shorter waits for the token signing keys, for fault tests. */
  signingKeys?: BotServerOptions['signingKeys'];
}

/** Starts bot and connector; close() stops both. */
export async function startBot(options: HarnessOptions): Promise<BotHarness> {
  // Tests fire many questions from one user at machine speed: the per-user limit is off unless a test sets it.
  const config = loadConfig({ PORT: '0', LOG_LEVEL: 'debug', QUESTIONS_PER_MINUTE: '0', ...options.env });
  const logs: Array<Record<string, unknown>> = [];
  const logger = pino(
    { level: config.logLevel },
    {
      write(line: string) {
        logs.push(JSON.parse(line) as Record<string, unknown>);
      },
    },
  );
  const state = options.state ?? memoryState();
  const connector = await ConnectorServer.start();
  const bot = createBotServer({
    config,
    assistant: options.assistant,
    cards: options.cards,
    state,
    logger,
    subscriptions: options.subscriptions ?? null,
    authOverrides: options.authOverrides,
    replyPolicy: options.replyPolicy,
    signingKeys: options.signingKeys,
  });
  const port = await bot.listen(0, '127.0.0.1');
  const url = `http://127.0.0.1:${port}`;
  return {
    bot,
    connector,
    state,
    config,
    url,
    logs,
    async post(body, headers = {}) {
      const res = await fetch(`${url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });
      const text = await res.text();
      let parsed: unknown = text;
      try {
        parsed = text === '' ? null : JSON.parse(text);
      } catch {
        // Plain-text bodies stay as text.
      }
      return { status: res.status, body: parsed };
    },
    async close() {
      await bot.close();
      await connector.close();
    },
  };
}

/** Every text of an Adaptive Card (TextBlock text, FactSet facts, action titles), in order. */
export function cardTexts(card: unknown): string[] {
  const out: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const n of node) walk(n);
    } else if (typeof node === 'object' && node !== null) {
      for (const [key, value] of Object.entries(node)) {
        if (typeof value === 'string' && ['text', 'title', 'value', 'altText', 'label'].includes(key))
          out.push(value);
        else walk(value);
      }
    }
  };
  walk(card);
  return out;
}

/** The Adaptive Card of a delivered message, or null. */
export function adaptiveCardOf(
  activity: Record<string, unknown> | undefined,
): Record<string, unknown> | null {
  const attachments = (activity?.attachments ?? []) as Array<{ contentType?: string; content?: unknown }>;
  const card = attachments.find((a) => a.contentType === 'application/vnd.microsoft.card.adaptive');
  return (card?.content as Record<string, unknown> | undefined) ?? null;
}

/** Card text with Finnish no-break spaces made plain, for readable assertions ("924 370 €"). */
export function plainCardText(card: unknown): string {
  return cardTexts(card)
    .join('\n')
    .replace(/[\u00a0\u202f]/g, ' ');
}
