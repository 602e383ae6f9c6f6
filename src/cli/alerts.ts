/**
 * `npm run alerts -- [--store STORE] [--state STATE] [--dry-run] [--json]`: evaluates the alert
 * rules now over the store and the bot's state file (subscriptions, alert log) and prints what
 * would be sent (--dry-run) or what was sent. Credentials come from the environment as for the bot.
 * The state file has one writer at a time: while the bot runs on the same file, trigger a real
 * run with POST /api/alerts/run instead (a dry run only reads and is always safe).
 */

import { runSummary } from '../alerts/alert-routes';
import type { AlertRunResult } from '../alerts/alert-run';
import { createAlertService } from '../alerts/alert-service';
import { alertText } from '../alerts/alert-text';
import { loadConfig } from '../config';
import { BudgetBotError } from '../domain';
import { FileStateStore } from '../store/state-store';

const USAGE = 'usage: npm run alerts -- [--store STORE] [--state STATE] [--dry-run] [--json]';

/** Parsed command line. */
export interface AlertsArgs {
  store: string | null;
  state: string | null;
  dryRun: boolean;
  json: boolean;
}

/** Parses the command line; throws BudgetBotError with the usage on anything unknown. */
export function parseAlertsArgs(argv: readonly string[]): AlertsArgs {
  const out: AlertsArgs = { store: null, state: null, dryRun: false, json: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const [flag, inline] = arg.includes('=')
      ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
      : [arg, null];
    if (flag === '--store' || flag === '--state') {
      const value = inline ?? argv[++i];
      if (!value) throw new BudgetBotError(`${flag} needs a file\n${USAGE}`, 'bad_input');
      out[flag === '--store' ? 'store' : 'state'] = value;
    } else if (arg === '--dry-run') out.dryRun = true;
    else if (arg === '--json') out.json = true;
    else throw new BudgetBotError(`unknown argument "${arg}"\n${USAGE}`, 'bad_input');
  }
  return out;
}

/** The human-readable report of a run. */
export function formatRun(r: AlertRunResult): string {
  const lines: string[] = [];
  const verb = r.dryRun ? 'would send' : 'sent';
  const outcomes = new Map(r.outcomes.map((o) => [o.group, o.outcome] as const));
  for (const g of r.plan.groups) {
    const outcome = outcomes.get(g);
    const status = r.dryRun
      ? verb
      : outcome
        ? outcome.status === 'sent'
          ? `sent (${outcome.attempts} attempt${outcome.attempts === 1 ? '' : 's'})`
          : `${outcome.status}: ${'error' in outcome ? outcome.error : ''}`
        : 'not sent';
    lines.push(`── ${g.subscription.conversationId} · subscription ${g.subscription.id} · ${status}`);
    lines.push(alertText(g.findings, g.subscription.lang, g.resend));
    lines.push('');
  }
  lines.push(
    `${r.dryRun ? 'dry run: ' : ''}${r.positions} cost centres, ${r.plan.evaluated} subscriptions evaluated (${r.plan.paused} paused); ` +
      `${r.plan.groups.length} message${r.plan.groups.length === 1 ? '' : 's'} ${verb === 'sent' ? 'to send' : verb}` +
      (r.dryRun ? '' : `: ${r.sent} sent, ${r.failed} failed, ${r.paused} subscriptions paused`) +
      `; ${r.plan.alreadySent} already sent, ${r.plan.quiet} held by a quiet period, ${r.plan.givenUp} given up after repeated failures.`,
  );
  return `${lines.join('\n')}\n`;
}

async function main(): Promise<void> {
  const args = parseAlertsArgs(process.argv.slice(2));
  const env = { ...process.env };
  if (args.store) env.STORE_PATH = args.store;
  if (args.state) env.STATE_PATH = args.state;
  const config = loadConfig(env);
  const state = await FileStateStore.open(config.statePath);
  const problem = state.health().problem;
  if (problem) process.stderr.write(`warning: ${problem}\n`);
  const logger = {
    info: () => undefined,
    error: (o: object, msg: string) => process.stderr.write(`${msg}: ${JSON.stringify(o)}\n`),
  };
  const service = createAlertService({ config, state, logger });
  const result = await service.run({ dryRun: args.dryRun });
  await state.flush();
  process.stdout.write(args.json ? `${JSON.stringify(runSummary(result))}\n` : formatRun(result));
}

main().catch((err: unknown) => {
  // Expected failures get their message; anything else a short line, never a stack trace.
  const message =
    err instanceof BudgetBotError
      ? err.message
      : `alerts failed: ${err instanceof Error ? err.message : String(err)}`;
  process.stderr.write(`${message}\n`);
  process.exit(err instanceof BudgetBotError && err.code === 'bad_input' ? 2 : 1);
});
