/**
 * Alerts: rules over the store, the daily schedule, proactive delivery, the alert log.
 *
 * Delivery semantics. One delivering run at a time across instances holds the run lease (it
 * renews it while it runs; another instance takes over once a dead holder's lease expires), and
 * the daily run is marked done per day, so it happens once. Before a message goes out, its
 * findings are claimed in the alert log (atomically: of overlapping runs exactly one gets each);
 * after the Bot Connector answers they are settled `sent` or `failed`. A finding logged `sent`
 * never goes out again (same subscription, cost centre, rule, step and data date); a `failed`
 * one (the channel refused it: 429/5xx after every retry, or a refused connection) is tried
 * again by a later run. A finding whose outcome is unknown is `uncertain`: its attempt timed out
 * or lost its socket after the request left, or its run stopped between claiming and settling.
 * Neither the Bot Connector nor Teams lets a bot ask whether an activity arrived, so an
 * uncertain delivery is not sent again blindly: it is listed by `npm run alerts` and
 * POST /api/alerts/run, and sent again only on request (`--resend-uncertain`), marked
 * "Uudelleenlähetys / Resent … you may have received this already".
 *
 * The attempt timeout rule: a proactive send waits 30 s for the Bot Connector (never less than
 * MIN_PROACTIVE_ATTEMPT_TIMEOUT_MS, Teams' 15 s), because giving up early turns a slow answer
 * into an uncertain delivery. 403/404 pause the subscription until the bot is added back.
 */

export { alertCardData, cardRenderer } from './alert-cards';
export { type AlertFinding, alertKey } from './alert-finding';
export { type AlertGroup, type AlertPlan, alertFindings, planAlerts } from './alert-plan';
export {
  type Attention,
  bearerMatches,
  type RunSummary,
  registerAlertRoutes,
  runSummary,
  type UncertainDelivery,
} from './alert-routes';
export { evaluatePosition, evaluateSubscription, parseRules } from './alert-rules';
export {
  AlertRunInProgressError,
  AlertRunner,
  type AlertRunResult,
  DEFAULT_LEASE_MS,
  textRenderer,
} from './alert-run';
export { type AlertSchedule, dailyPattern, startAlertSchedule } from './alert-schedule';
export { AlertSender, type DeliveryOutcome } from './alert-sender';
export { type AlertService, createAlertService, dayIn } from './alert-service';
export { BotNotifier } from './bot-notifier';
export { type BudgetPosition, positionsFromStore } from './budget-position';
export { type Clock, systemClock } from './clock';
export { type AlertMessage, DeliveryError, InMemoryNotifier, type Notifier } from './notifier';
export { RateLimiter, TEAMS_RATE_LIMITS } from './rate-limiter';
export { DEFAULT_RETRY_POLICY, MIN_PROACTIVE_ATTEMPT_TIMEOUT_MS, type RetryPolicy } from './retry-policy';
export { DEFAULT_RULES, newSubscription } from './subscription-defaults';
export { knownCostCentres, SubscriptionHandler } from './subscription-handler';
