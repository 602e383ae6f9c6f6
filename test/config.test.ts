import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config';
import { BudgetBotError } from '../src/domain/errors';

/** A complete single-tenant registration. */
const SINGLE = {
  MicrosoftAppId: 'app-1',
  MicrosoftAppPassword: 'pw',
  MicrosoftAppType: 'SingleTenant',
  MicrosoftAppTenantId: 'Tenant-1',
};

// Each bad environment must name the variable at fault, and never echo a secret.
const badEnvironments: Array<{ name: string; env: Record<string, string>; variable: string }> = [
  { name: 'a port that is not a number', env: { PORT: 'abc' }, variable: 'PORT' },
  { name: 'a port out of range', env: { PORT: '70000' }, variable: 'PORT' },
  { name: 'an unknown app type', env: { MicrosoftAppType: 'Personal' }, variable: 'MicrosoftAppType' },
  {
    name: 'an app id without a password',
    env: { MicrosoftAppId: 'app-1', MicrosoftAppType: 'SingleTenant', MicrosoftAppTenantId: 't' },
    variable: 'MicrosoftAppPassword',
  },
  {
    name: 'a multi-tenant bot that does not say which tenants it serves',
    env: { MicrosoftAppId: 'app-1', MicrosoftAppPassword: 'pw' },
    variable: 'ALLOWED_TENANTS',
  },
  {
    name: 'ALLOW_ANY_TENANT on a single-tenant bot',
    env: { ...SINGLE, ALLOW_ANY_TENANT: 'true' },
    variable: 'ALLOW_ANY_TENANT',
  },
  {
    name: 'ALLOW_ANY_TENANT beside a tenant list',
    env: {
      MicrosoftAppId: 'app-1',
      MicrosoftAppPassword: 'pw',
      ALLOWED_TENANTS: 't',
      ALLOW_ANY_TENANT: 'true',
    },
    variable: 'ALLOW_ANY_TENANT',
  },
  {
    name: 'a service host given as a URL',
    env: { ...SINGLE, ALLOWED_SERVICE_HOSTS: 'https://smba.trafficmanager.net/emea/' },
    variable: 'ALLOWED_SERVICE_HOSTS',
  },
  {
    name: 'a service host pattern wider than one domain',
    env: { ...SINGLE, ALLOWED_SERVICE_HOSTS: '*' },
    variable: 'ALLOWED_SERVICE_HOSTS',
  },
  {
    name: 'a password without an app id',
    env: { MicrosoftAppPassword: 's3cret-value' },
    variable: 'MicrosoftAppId',
  },
  {
    name: 'a single-tenant app without its tenant',
    env: { MicrosoftAppId: 'app-1', MicrosoftAppPassword: 'pw', MicrosoftAppType: 'SingleTenant' },
    variable: 'MicrosoftAppTenantId',
  },
  { name: 'an alert time that is not HH:MM', env: { ALERT_TIME: '7.30' }, variable: 'ALERT_TIME' },
  { name: 'an unknown time zone', env: { ALERT_TIMEZONE: 'Europe/Nowhere' }, variable: 'ALERT_TIMEZONE' },
  { name: 'a flag that is not a boolean', env: { ALERTS_ENABLED: 'maybe' }, variable: 'ALERTS_ENABLED' },
  { name: 'an unknown log level', env: { LOG_LEVEL: 'loud' }, variable: 'LOG_LEVEL' },
  { name: 'a state URL of another database', env: { STATE_URL: 'mysql://u:p@db/x' }, variable: 'STATE_URL' },
  {
    name: 'a lease too short to renew',
    env: { ALERTS_LEASE_SECONDS: '1' },
    variable: 'ALERTS_LEASE_SECONDS',
  },
  {
    name: 'a body limit too small to hold an activity',
    env: { MAX_BODY_BYTES: '10' },
    variable: 'MAX_BODY_BYTES',
  },
  {
    name: 'a store check interval that is not a number',
    env: { STORE_CHECK_SECONDS: 'often' },
    variable: 'STORE_CHECK_SECONDS',
  },
];

describe('loadConfig', () => {
  it('should give anonymous local mode and the documented defaults for an empty environment', () => {
    const config = loadConfig({});
    expect(config).toEqual({
      auth: null,
      port: 3978,
      host: '127.0.0.1',
      serviceHosts: null,
      storePath: 'data/budget.json',
      statePath: 'state/bot-state.json',
      stateUrl: null,
      allowedTenants: [],
      adminUserIds: [],
      alerts: {
        enabled: true,
        time: '07:30',
        timeZone: 'Europe/Helsinki',
        runSecret: null,
        leaseSeconds: 60,
      },
      logLevel: 'info',
      maxBodyBytes: 262144,
      storeCheckSeconds: 10,
      questionRate: { perMinute: 20, burst: 10 },
    });
  });

  it('should read credentials, lists and flags', () => {
    const config = loadConfig({
      MicrosoftAppId: 'app-1',
      MicrosoftAppPassword: 'pw',
      MicrosoftAppType: 'SingleTenant',
      MicrosoftAppTenantId: 'tenant-1',
      PORT: '0',
      ALLOWED_TENANTS: ' tenant-1 , tenant-2,,',
      ADMIN_USER_IDS: 'user-a',
      ALERTS_ENABLED: 'false',
      ALERT_TIME: '06:05',
      LOG_LEVEL: 'silent',
    });
    expect(config.auth).toEqual({
      appId: 'app-1',
      appPassword: 'pw',
      appType: 'SingleTenant',
      tenantId: 'tenant-1',
    });
    expect(config.port).toBe(0);
    expect(config.allowedTenants).toEqual(['tenant-1', 'tenant-2']);
    expect(config.adminUserIds).toEqual(['user-a']);
    expect(config.alerts).toMatchObject({ enabled: false, time: '06:05' });
    expect(config.logLevel).toBe('silent');
  });

  it('should serve only its own tenant when single-tenant or a managed identity, and more when ALLOWED_TENANTS says', () => {
    expect(loadConfig(SINGLE).allowedTenants).toEqual(['Tenant-1']);
    expect(loadConfig({ ...SINGLE, ALLOWED_TENANTS: 'tenant-2,Tenant-1' }).allowedTenants).toEqual([
      'Tenant-1',
      'tenant-2',
    ]);
    const msi = {
      MicrosoftAppId: 'client-id',
      MicrosoftAppType: 'UserAssignedMSI',
      MicrosoftAppTenantId: 't-9',
    };
    expect(loadConfig(msi)).toMatchObject({ allowedTenants: ['t-9'], auth: { appPassword: null } });
  });

  it('should serve every tenant from a multi-tenant bot only when ALLOW_ANY_TENANT says so', () => {
    const any = loadConfig({ MicrosoftAppId: 'app-1', MicrosoftAppPassword: 'pw', ALLOW_ANY_TENANT: 'true' });
    expect(any.allowedTenants).toEqual([]);
    const listed = loadConfig({
      MicrosoftAppId: 'app-1',
      MicrosoftAppPassword: 'pw',
      ALLOWED_TENANTS: 'a,b',
    });
    expect(listed.allowedTenants).toEqual(['a', 'b']);
  });

  it('should listen on loopback without credentials and everywhere with them, unless HOST says', () => {
    expect(loadConfig({}).host).toBe('127.0.0.1');
    expect(loadConfig({ HOST: '0.0.0.0' }).host).toBe('0.0.0.0');
    expect(loadConfig(SINGLE).host).toBe('0.0.0.0');
    expect(loadConfig({ ...SINGLE, HOST: '10.1.2.3' }).host).toBe('10.1.2.3');
  });

  it('should reply to the Bot Connector hosts with credentials, and to the hosts ALLOWED_SERVICE_HOSTS lists', () => {
    expect(loadConfig(SINGLE).serviceHosts).toEqual(['smba.trafficmanager.net', '*.botframework.com']);
    const gov = loadConfig({
      ...SINGLE,
      ALLOWED_SERVICE_HOSTS: 'smba.infra.gov.teams.microsoft.us, *.botframework.us',
    });
    expect(gov.serviceHosts).toEqual(['smba.infra.gov.teams.microsoft.us', '*.botframework.us']);
  });

  it('should treat empty variables as unset, as a copied .env.example leaves them', () => {
    expect(loadConfig({ MicrosoftAppId: '', MicrosoftAppPassword: '', PORT: '' }).auth).toBeNull();
    expect(loadConfig({ STATE_URL: '', ALERTS_LEASE_SECONDS: '' })).toMatchObject({
      stateUrl: null,
      alerts: { leaseSeconds: 60 },
    });
  });

  it.each(badEnvironments)('should reject $name naming $variable', ({ env, variable }) => {
    let thrown: unknown;
    try {
      loadConfig(env);
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(BudgetBotError);
    const error = thrown as BudgetBotError;
    expect(error.code).toBe('bad_config');
    expect(error.where).toBe(variable);
    if (env.MicrosoftAppPassword) expect(error.message).not.toContain(env.MicrosoftAppPassword);
  });
});
