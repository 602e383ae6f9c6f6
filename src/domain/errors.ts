/**
 * The one error type for expected failures (bad input, bad configuration, missing data).
 * `where` points at the cause ("seeds/x.txt:42", "PORT"); the message is safe to show users.
 */
export class BudgetBotError extends Error {
  constructor(
    message: string,
    readonly code: 'bad_input' | 'bad_config' | 'no_data' | 'io',
    readonly where?: string,
  ) {
    super(where ? `${where}: ${message}` : message);
    this.name = 'BudgetBotError';
  }
}
