/**
 * Alerts: rules over the store, the daily schedule, proactive delivery, the alert log.
 *
 * Delivery semantics. Before a message goes out, its findings are written to the alert log as
 * `intent`; after the Bot Connector answers, as `sent` or `failed`. A finding logged `sent` never
 * goes out again (same subscription, cost centre, rule, step and data date). A finding left at
 * `intent` means the process stopped between sending and recording: neither the Bot Connector
 * nor Teams lets a bot ask whether an activity arrived, so the next run sends it again, marked
 * "Uudelleenlähetys / Resent … you may have received this already". That is at-least-once, by
 * choice: a lost budget alert costs more than a repeated one. A timed-out attempt is retried
 * for the same reason and may likewise arrive twice. 403/404 pause the subscription.
 */

export { alertCardData, cardRenderer } from './alert-cards';
export { type AlertFinding, alertKey } from './alert-finding';
export { type AlertGroup, type AlertPlan, planAlerts } from './alert-plan';
export { bearerMatches, registerAlertRoutes, runSummary } from './alert-routes';
export { evaluatePosition, evaluateSubscription, parseRules } from './alert-rules';
export {
  AlertRunInProgressError,
  AlertRunner,
  type AlertRunResult,
  keepEntry,
  textRenderer,
} from './alert-run';
export { type AlertSchedule, dailyPattern, startAlertSchedule } from './alert-schedule';
export { AlertSender, type DeliveryOutcome } from './alert-sender';
export { type AlertService, createAlertService } from './alert-service';
export { type AlertStateStore, InMemoryAlertState } from './alert-state';
export { BotNotifier } from './bot-notifier';
export { type BudgetPosition, positionsFromStore } from './budget-position';
export { type Clock, systemClock } from './clock';
export { type AlertMessage, DeliveryError, InMemoryNotifier, type Notifier } from './notifier';
export { RateLimiter, TEAMS_RATE_LIMITS } from './rate-limiter';
export { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry-policy';
export { StateStoreAlertState } from './state-store-alert-state';
export { DEFAULT_RULES, newSubscription } from './subscription-defaults';
export { SubscriptionHandler } from './subscription-handler';
