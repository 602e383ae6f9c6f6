/**
 * `npm run ask -- [--store STORE] [--json] "QUESTION" ["FOLLOW-UP" ...]` and
 * `npm run ask -- [--store STORE] --jsonl`: answers from the terminal over the same core as the bot.
 */
import { createInterface } from 'node:readline';
import { BudgetAssistant } from '../assistant/budget-assistant';
import { answerJsonLine, askConversation } from '../assistant/conversation';
import type { Answer } from '../domain';
import { BudgetBotError } from '../domain';

const DEFAULT_STORE = 'data/budget.json';
const USAGE = `usage: npm run ask -- [--store STORE] [--json] "QUESTION" ["FOLLOW-UP" ...]
       npm run ask -- [--store STORE] --jsonl   (one JSON array of turns per stdin line)`;

/** Parsed command line of the ask command. */
interface AskOptions {
  store: string;
  json: boolean;
  jsonl: boolean;
  turns: string[];
}

/** Parses the ask command's arguments; throws BudgetBotError('bad_input') with the usage on a mistake. */
function parseAskArgs(argv: string[]): AskOptions {
  // STORE_PATH names the store as it does for the bot; --store names another.
  const opts: AskOptions = {
    store: process.env.STORE_PATH || DEFAULT_STORE,
    json: false,
    jsonl: false,
    turns: [],
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--store') {
      const value = argv[++i];
      if (!value) throw new BudgetBotError(`--store needs a file\n${USAGE}`, 'bad_input');
      opts.store = value;
    } else if (arg.startsWith('--store=')) opts.store = arg.slice('--store='.length);
    else if (arg === '--json') opts.json = true;
    else if (arg === '--jsonl') opts.jsonl = true;
    else if (arg === '--') continue;
    else if (arg === '--help' || arg === '-h') throw new BudgetBotError(USAGE, 'bad_input');
    else if (arg.startsWith('--')) throw new BudgetBotError(`unknown option ${arg}\n${USAGE}`, 'bad_input');
    else opts.turns.push(arg);
  }
  if (!opts.jsonl && opts.turns.length === 0)
    throw new BudgetBotError(`no question given\n${USAGE}`, 'bad_input');
  return opts;
}

/**
 * One JSON value on one line. Besides \n, some readers split lines at U+0085, U+2028 and U+2029
 * (Python's str.splitlines does), and JSON.stringify leaves those raw: they are escaped so a
 * question that contains one can never shift the answers of a batch.
 */
function jsonLine(value: unknown): string {
  return `${JSON.stringify(value).replace(/[\u0085\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)}\n`;
}

/** The plain-text form of an answer, readable in a terminal during a meeting. */
function formatAnswerText(turn: string, answer: Answer): string {
  const lines = [`› ${turn}`, answer.text];
  for (const note of answer.notes) if (!answer.text.includes(note)) lines.push(`  ! ${note}`);
  if (answer.options.length > 0) lines.push(`  → ${answer.options.map((o) => o.label).join(' | ')}`);
  return `${lines.join('\n')}\n`;
}

async function runJsonl(assistant: BudgetAssistant): Promise<void> {
  const rl = createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY });
  for await (const line of rl) {
    if (line.trim() === '') continue;
    process.stdout.write(jsonLine(answerJsonLine(assistant, line)));
  }
}

async function main(): Promise<void> {
  const opts = parseAskArgs(process.argv.slice(2));
  const assistant = await BudgetAssistant.load(opts.store);
  if (opts.jsonl) return runJsonl(assistant);
  const answers = askConversation(assistant, opts.turns);
  answers.forEach((answer, i) => {
    process.stdout.write(opts.json ? jsonLine(answer) : formatAnswerText(opts.turns[i] as string, answer));
  });
}

main().catch((err: unknown) => {
  // Expected failures get their message; anything else a short line, never a stack trace.
  const message =
    err instanceof BudgetBotError
      ? err.message
      : `ask failed: ${err instanceof Error ? err.message : String(err)}`;
  process.stderr.write(`${message}\n`);
  process.exit(err instanceof BudgetBotError && err.code === 'bad_input' ? 2 : 1);
});
