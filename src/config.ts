/**
 * Configuration from the environment, parsed once at start with zod. A bad variable stops the
 * process with a message that names it; secrets never appear in messages or logs.
 */
import { z } from 'zod';
import { BudgetBotError } from './domain/errors';

const emptyToUndefined = (v: unknown): unknown => (typeof v === 'string' && v.trim() === '' ? undefined : v);

const optionalString = z.preprocess(emptyToUndefined, z.string().trim().optional());

const commaList = z.preprocess(
  (v) =>
    typeof v === 'string'
      ? v
          .split(',')
          .map((s) => s.trim())
          .filter((s) => s.length > 0)
      : [],
  z.array(z.string()),
);

const booleanFlag = (fallback: boolean) =>
  z.preprocess(
    (v) => {
      if (typeof v !== 'string' || v.trim() === '') return fallback;
      const s = v.trim().toLowerCase();
      if (['1', 'true', 'yes', 'on'].includes(s)) return true;
      if (['0', 'false', 'no', 'off'].includes(s)) return false;
      return v;
    },
    z.boolean({ error: 'expected true or false' }),
  );

const intInRange = (fallback: number, min: number, max: number) =>
  z.preprocess(
    (v) => (emptyToUndefined(v) === undefined ? fallback : Number(v)),
    z.number({ error: 'expected a whole number' }).int('expected a whole number').min(min).max(max),
  );

function isValidTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** A host name, or `*.` and a domain for any host under it (no scheme, port or path). */
const SERVICE_HOST_PATTERN = /^(\*\.)?([a-z0-9]([a-z0-9-]*[a-z0-9])?\.)*[a-z0-9]([a-z0-9-]*[a-z0-9])?$/i;

/**
 * Where a bot with credentials may send replies (the activities' serviceUrl): the Bot Connector
 * hosts of the public cloud, Teams' and the Bot Framework's own channels (Web Chat for testing
 * in the Azure portal). Government and other sovereign clouds set ALLOWED_SERVICE_HOSTS.
 */
export const DEFAULT_SERVICE_HOSTS: readonly string[] = ['smba.trafficmanager.net', '*.botframework.com'];

const EnvSchema = z
  .object({
    MicrosoftAppId: optionalString,
    MicrosoftAppPassword: optionalString,
    MicrosoftAppType: z.preprocess(
      emptyToUndefined,
      z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).default('MultiTenant'),
    ),
    MicrosoftAppTenantId: optionalString,
    PORT: intInRange(3978, 0, 65535),
    HOST: optionalString,
    STORE_PATH: z.preprocess(emptyToUndefined, z.string().default('data/budget.json')),
    STATE_PATH: z.preprocess(emptyToUndefined, z.string().default('state/bot-state.json')),
    STATE_URL: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .trim()
        .regex(/^postgres(ql)?:\/\/\S+$/, 'expected postgres://user:password@host:port/database')
        .optional(),
    ),
    ALLOWED_TENANTS: commaList,
    ALLOW_ANY_TENANT: booleanFlag(false),
    ALLOWED_SERVICE_HOSTS: commaList,
    ADMIN_USER_IDS: commaList,
    ALERT_TIME: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected HH:MM, e.g. 07:30')
        .default('07:30'),
    ),
    ALERT_TIMEZONE: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .refine(isValidTimeZone, 'expected an IANA time zone, e.g. Europe/Helsinki')
        .default('Europe/Helsinki'),
    ),
    ALERTS_ENABLED: booleanFlag(true),
    ALERTS_RUN_SECRET: optionalString,
    ALERTS_LEASE_SECONDS: intInRange(60, 2, 3600),
    LOG_LEVEL: z.preprocess(
      emptyToUndefined,
      z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    ),
    MAX_BODY_BYTES: intInRange(256 * 1024, 1024, 10 * 1024 * 1024),
    STORE_CHECK_SECONDS: intInRange(10, 0, 3600),
    QUESTIONS_PER_MINUTE: intInRange(20, 0, 6000),
    QUESTION_BURST: intInRange(10, 1, 1000),
  })
  .superRefine((env, ctx) => {
    // Credentials come as a set: a half-configured bot would fail every Teams call at run time.
    if (env.MicrosoftAppId && env.MicrosoftAppType !== 'UserAssignedMSI' && !env.MicrosoftAppPassword) {
      ctx.addIssue({
        code: 'custom',
        path: ['MicrosoftAppPassword'],
        message: 'required when MicrosoftAppId is set',
      });
    }
    if (env.MicrosoftAppType !== 'MultiTenant' && env.MicrosoftAppId && !env.MicrosoftAppTenantId) {
      ctx.addIssue({
        code: 'custom',
        path: ['MicrosoftAppTenantId'],
        message: `required when MicrosoftAppType is ${env.MicrosoftAppType}`,
      });
    }
    // A multi-tenant registration answers anyone in any organisation: only on purpose.
    if (
      env.MicrosoftAppId &&
      env.MicrosoftAppType === 'MultiTenant' &&
      env.ALLOWED_TENANTS.length === 0 &&
      !env.ALLOW_ANY_TENANT
    ) {
      ctx.addIssue({
        code: 'custom',
        path: ['ALLOWED_TENANTS'],
        message:
          'required for a MultiTenant bot: list the tenant ids to serve, use MicrosoftAppType=SingleTenant, or set ALLOW_ANY_TENANT=true to serve every organisation on purpose',
      });
    }
    if (env.ALLOW_ANY_TENANT && (env.ALLOWED_TENANTS.length > 0 || env.MicrosoftAppType !== 'MultiTenant')) {
      ctx.addIssue({
        code: 'custom',
        path: ['ALLOW_ANY_TENANT'],
        message: 'only for a MultiTenant bot without ALLOWED_TENANTS',
      });
    }
    for (const host of env.ALLOWED_SERVICE_HOSTS) {
      if (!SERVICE_HOST_PATTERN.test(host)) {
        ctx.addIssue({
          code: 'custom',
          path: ['ALLOWED_SERVICE_HOSTS'],
          message: 'expected host names such as smba.trafficmanager.net or *.botframework.com',
        });
        break;
      }
    }
    if (env.MicrosoftAppPassword && !env.MicrosoftAppId) {
      ctx.addIssue({
        code: 'custom',
        path: ['MicrosoftAppId'],
        message: 'required when MicrosoftAppPassword is set',
      });
    }
  });

/** The bot's configuration, as validated from the environment. */
export interface Config {
  /** Bot Framework credentials; null = anonymous local mode (Emulator, Agents Playground, tests). */
  auth: {
    appId: string;
    appPassword: string | null;
    appType: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';
    tenantId: string | null;
  } | null;
  port: number;
  /** Where the server listens: 127.0.0.1 in anonymous mode, 0.0.0.0 with credentials, unless HOST says. */
  host: string;
  storePath: string;
  statePath: string;
  /** PostgreSQL for the state (several instances); null = the embedded file at statePath. */
  stateUrl: string | null;
  /**
   * Tenant ids whose users the bot serves; empty = every tenant (anonymous local mode without
   * ALLOWED_TENANTS, or MultiTenant with ALLOW_ANY_TENANT=true). SingleTenant and
   * UserAssignedMSI always include MicrosoftAppTenantId.
   */
  allowedTenants: string[];
  /**
   * Hosts the bot may send replies to (an activity's serviceUrl): null = loopback only
   * (anonymous local mode); otherwise exact host names and `*.domain` patterns, https only.
   */
  serviceHosts: string[] | null;
  adminUserIds: string[];
  /** leaseSeconds: how long an instance's alert run holds the run unless it renews (a dead one is taken over after it). */
  alerts: {
    enabled: boolean;
    time: string;
    timeZone: string;
    runSecret: string | null;
    leaseSeconds: number;
  };
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  maxBodyBytes: number;
  /** How often the running bot looks for a new budget store (npm run ingest); 0 = never. */
  storeCheckSeconds: number;
  /** Per-user question limit: sustained questions per minute (0 = off) and burst. */
  questionRate: { perMinute: number; burst: number };
}

/** The app's own tenant (SingleTenant, UserAssignedMSI) and ALLOWED_TENANTS, without repeats. */
function allowedTenantsOf(e: z.infer<typeof EnvSchema>): string[] {
  const own = e.MicrosoftAppId && e.MicrosoftAppType !== 'MultiTenant' ? [e.MicrosoftAppTenantId ?? ''] : [];
  return [...new Set([...own, ...e.ALLOWED_TENANTS].filter((t) => t !== ''))];
}

/** Parses the environment into a Config; throws BudgetBotError naming the first bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const variable = String(issue?.path[0] ?? 'environment');
    // Never echo the value: it may be a secret.
    throw new BudgetBotError(`invalid value (${issue?.message ?? 'invalid'})`, 'bad_config', variable);
  }
  const e = parsed.data;
  return {
    auth: e.MicrosoftAppId
      ? {
          appId: e.MicrosoftAppId,
          appPassword: e.MicrosoftAppPassword ?? null,
          appType: e.MicrosoftAppType,
          tenantId: e.MicrosoftAppTenantId ?? null,
        }
      : null,
    port: e.PORT,
    host: e.HOST ?? (e.MicrosoftAppId ? '0.0.0.0' : '127.0.0.1'),
    storePath: e.STORE_PATH,
    statePath: e.STATE_PATH,
    stateUrl: e.STATE_URL ?? null,
    allowedTenants: allowedTenantsOf(e),
    serviceHosts: e.MicrosoftAppId
      ? e.ALLOWED_SERVICE_HOSTS.length > 0
        ? e.ALLOWED_SERVICE_HOSTS.map((h) => h.toLowerCase())
        : [...DEFAULT_SERVICE_HOSTS]
      : null,
    adminUserIds: e.ADMIN_USER_IDS,
    alerts: {
      enabled: e.ALERTS_ENABLED,
      time: e.ALERT_TIME,
      timeZone: e.ALERT_TIMEZONE,
      runSecret: e.ALERTS_RUN_SECRET ?? null,
      leaseSeconds: e.ALERTS_LEASE_SECONDS,
    },
    logLevel: e.LOG_LEVEL,
    maxBodyBytes: e.MAX_BODY_BYTES,
    storeCheckSeconds: e.STORE_CHECK_SECONDS,
    questionRate: { perMinute: e.QUESTIONS_PER_MINUTE, burst: e.QUESTION_BURST },
  };
}
