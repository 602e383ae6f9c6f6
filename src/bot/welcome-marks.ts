/**
 * One welcome per conversation. Teams sends installationUpdate and conversationUpdate for one
 * install, often at the same moment (and with different locales): the conversation is marked
 * greeted before the welcome goes out, in one step, so the second event finds the mark.
 */
import type { Lang } from '../domain/query';
import type { StateStore } from '../store/state-store';

/** Who may greet a conversation, and when it may be greeted again. */
export interface WelcomeMarks {
  /** Marks the conversation greeted; true when this call set the mark (so this caller greets). */
  claim(conversationId: string, memory: { reference: Record<string, unknown>; lang: Lang }): Promise<boolean>;
  /** Forgets the mark: the bot was removed, so a new install greets again. */
  release(conversationId: string): Promise<void>;
}

/** WelcomeMarks kept in the bot's state store, next to the conversation's reference. */
export class StateWelcomeMarks implements WelcomeMarks {
  constructor(
    private readonly state: StateStore,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async claim(
    conversationId: string,
    memory: { reference: Record<string, unknown>; lang: Lang },
  ): Promise<boolean> {
    // The check and the mark happen in one synchronous change: no other turn runs in between.
    let claimed = false;
    const written = this.state.update((s) => {
      const entry = s.conversations[conversationId];
      if (entry?.greetedAt) return;
      const at = this.now().toISOString();
      s.conversations[conversationId] = entry
        ? { ...entry, greetedAt: at }
        : { reference: memory.reference, lastQuery: null, lang: memory.lang, updatedAt: at, greetedAt: at };
      claimed = true;
    });
    // A mark that did not reach the disk still holds in memory; the greeting goes out regardless.
    await written.catch(() => undefined);
    return claimed;
  }

  async release(conversationId: string): Promise<void> {
    if (!this.state.read().conversations[conversationId]?.greetedAt) return;
    await this.state
      .update((s) => {
        const entry = s.conversations[conversationId];
        if (entry) s.conversations[conversationId] = { ...entry, greetedAt: null };
      })
      .catch(() => undefined);
  }
}
