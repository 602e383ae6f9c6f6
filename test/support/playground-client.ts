/**
 * A client for the Microsoft 365 Agents Playground's own HTTP and WebSocket API, the same one
 * its web page uses: send a message as the signed-in test user, click a card button, run a
 * message-extension search, and read the bot's replies from the conversation stream.
 */
import { createServer } from 'node:net';
import WebSocket from 'ws';
import { type PlaygroundProcess, spawnPlayground } from '../../src/cli/playground';

/** A message the Playground shows in a conversation. */
export interface PlaygroundMessage {
  messageId: string;
  from: { id: string };
  text?: string;
  attachments?: Array<{ contentType: string; content: Record<string, unknown> }>;
}

interface StreamEvent {
  action: string;
  actionConversationId?: string;
  message?: PlaygroundMessage;
}

/** A running Playground with its stream connected. */
export class PlaygroundClient {
  /** Every stream event received, in order. */
  readonly events: StreamEvent[] = [];
  private waiters: Array<() => void> = [];

  private constructor(
    readonly process: PlaygroundProcess,
    private readonly ws: WebSocket,
    readonly personalChatId: string,
    readonly userId: string,
    readonly botId: string,
    /** The mock group chat and one of its members. */
    readonly groupChat: { id: string; memberId: string },
    readonly botName: string,
  ) {
    ws.on('message', (data) => {
      try {
        this.events.push(JSON.parse(data.toString()) as StreamEvent);
      } catch {
        return;
      }
      const waiters = this.waiters;
      this.waiters = [];
      for (const w of waiters) w();
    });
  }

  /** Starts the Playground against a bot endpoint and connects to its stream. */
  static async start(botEndpoint: string): Promise<PlaygroundClient> {
    const proc = await spawnPlayground({ botEndpoint, port: await freePort(), openBrowser: false });
    try {
      // GET config waits until the bot endpoint answers, as the web page does on load.
      const res = await fetch(`${proc.url}/_internal/v1/config`);
      const cfg = (await res.json()) as {
        config: {
          personalChat: { id: string };
          currentUser: { id: string };
          bot: { id: string; name: string };
          groupChats: Array<{ id: string; members: string[] }>;
        };
      };
      const group = cfg.config.groupChats[0];
      if (!group?.members[0]) throw new Error('the Playground has no group chat with members');
      const ws = new WebSocket(`ws://127.0.0.1:${proc.port}/_ws_conversation/v1/conversations/stream`);
      await new Promise<void>((resolve, reject) => {
        ws.once('open', () => resolve());
        ws.once('error', reject);
      });
      return new PlaygroundClient(
        proc,
        ws,
        cfg.config.personalChat.id,
        cfg.config.currentUser.id,
        cfg.config.bot.id,
        { id: group.id, memberId: group.members[0] },
        cfg.config.bot.name,
      );
    } catch (err) {
      await proc.stop();
      throw err;
    }
  }

  /** The bot's messages received so far. */
  botMessages(): PlaygroundMessage[] {
    return this.events
      .filter((e) => e.action === 'createMessage' && e.message && e.message.from.id === this.botId)
      .map((e) => e.message as PlaygroundMessage);
  }

  /** Sends a message as the test user and waits for the bot's next message carrying a card. */
  async ask(text: string, timeoutMs = 15_000): Promise<PlaygroundMessage> {
    const before = this.botMessages().length;
    await this.post(this.personalChatId, { from: { id: this.userId }, text, textFormat: 'plain' });
    return this.nextCard(before, timeoutMs);
  }

  /** Asks in the group chat as one of its members, @mentioning the bot as Teams does. */
  async askInGroup(text: string, timeoutMs = 15_000): Promise<PlaygroundMessage> {
    const before = this.botMessages().length;
    const at = `<at>${this.botName}</at>`;
    await this.post(this.groupChat.id, {
      from: { id: this.groupChat.memberId },
      text: `${at} ${text}`,
      textFormat: 'plain',
      mentions: [{ mentioned: { id: this.botId }, text: at }],
    });
    return this.nextCard(before, timeoutMs);
  }

  private async post(conversationId: string, body: Record<string, unknown>): Promise<void> {
    const res = await fetch(`${this.process.url}/_conversation/v1/conversations/${conversationId}/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (res.status !== 200)
      throw new Error(`Playground refused the message: ${res.status} ${await res.text()}`);
  }

  /** Clicks an Action.Submit button of a card message, and waits for the bot's next card. */
  async click(
    cardMessage: PlaygroundMessage,
    data: Record<string, unknown>,
    timeoutMs = 15_000,
  ): Promise<PlaygroundMessage> {
    const before = this.botMessages().length;
    const res = await fetch(`${this.process.url}/_conversation/v1/submit`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        conversation: { id: this.personalChatId },
        from: { id: this.userId },
        replyToId: cardMessage.messageId,
        value: data,
      }),
    });
    if (res.status !== 200)
      throw new Error(`Playground refused the click: ${res.status} ${await res.text()}`);
    return this.nextCard(before, timeoutMs);
  }

  /**
   * Clicks an Action.Execute button of a card message as the page does (an adaptiveCard/action
   * invoke) and returns the invoke response: a card that takes the clicked card's place, or a
   * message shown under it.
   */
  async execute(
    cardMessage: PlaygroundMessage,
    action: { verb: string; data: Record<string, unknown> },
  ): Promise<{ type: string; value: unknown }> {
    const res = await fetch(`${this.process.url}/_conversation/v1/invoke`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        name: 'adaptiveCard/action',
        conversation: { id: this.personalChatId },
        from: { id: this.userId },
        replyToId: cardMessage.messageId,
        value: { action: { type: 'Action.Execute', verb: action.verb, data: action.data } },
      }),
    });
    if (res.status !== 200)
      throw new Error(`Playground refused the action: ${res.status} ${await res.text()}`);
    return (await res.json()) as { type: string; value: unknown };
  }

  /** Runs the message extension's search command as the compose box would. */
  async search(text: string): Promise<Record<string, unknown>> {
    const res = await fetch(`${this.process.url}/_conversation/v1/invoke`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        name: 'composeExtension/query',
        conversation: { id: this.personalChatId },
        from: { id: this.userId },
        value: { commandId: 'budjetti', parameters: [{ name: 'query', value: text }] },
      }),
    });
    if (res.status !== 200)
      throw new Error(`Playground refused the search: ${res.status} ${await res.text()}`);
    return (await res.json()) as Record<string, unknown>;
  }

  /** Stops the stream and the Playground. */
  async close(): Promise<void> {
    this.ws.close();
    await this.process.stop();
  }

  private async nextCard(before: number, timeoutMs: number): Promise<PlaygroundMessage> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const card = this.botMessages()
        .slice(before)
        .find((m) =>
          (m.attachments ?? []).some((a) => a.contentType === 'application/vnd.microsoft.card.adaptive'),
        );
      if (card) return card;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no card from the bot within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }
}

/** A loopback port free right now (the Playground falls back to a random one if it is taken meanwhile). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
