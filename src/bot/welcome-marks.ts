/**
 * One welcome per conversation. Teams sends installationUpdate and conversationUpdate for one
 * install, often at the same moment (and with different locales): the conversation is marked
 * greeted before the welcome goes out, in one step, so the second event finds the mark.
 */
import type { Lang } from '../domain/query';
import type { ConversationStore } from '../store/state-ports';

/** Who may greet a conversation, and when it may be greeted again. */
export interface WelcomeMarks {
  /** Marks the conversation greeted; true when this call set the mark (so this caller greets). */
  claim(conversationId: string, memory: { reference: Record<string, unknown>; lang: Lang }): Promise<boolean>;
  /** Forgets the mark: the bot was removed, so a new install greets again. */
  release(conversationId: string): Promise<void>;
}

/**
 * WelcomeMarks kept with the conversation in the bot's state: atomic there (one process's
 * memory, or one statement in PostgreSQL), so racing events, on one instance or two, greet once.
 */
export class ConversationWelcomeMarks implements WelcomeMarks {
  constructor(private readonly conversations: ConversationStore) {}

  claim(
    conversationId: string,
    memory: { reference: Record<string, unknown>; lang: Lang },
  ): Promise<boolean> {
    return this.conversations.markGreeted(conversationId, { ...memory, lastQuery: null });
  }

  release(conversationId: string): Promise<void> {
    return this.conversations.clearGreeted(conversationId);
  }
}
