/**
 * Where the bot may send replies: loopback only without credentials, the allow-listed https
 * hosts with them, and nothing that only looks like one of those.
 */
import { describe, expect, it } from 'vitest';
import { isLoopbackHost, ServiceUrlPolicy } from '../src/bot/service-url-policy';

const anonymous = new ServiceUrlPolicy(null);
const teams = new ServiceUrlPolicy(['smba.trafficmanager.net', '*.botframework.com', '127.0.0.1']);

const cases: Array<{ url: unknown; anonymous: boolean; teams: boolean; why: string }> = [
  {
    url: 'http://127.0.0.1:56150/',
    anonymous: true,
    teams: true,
    why: 'a local connector (listed for Teams)',
  },
  { url: 'http://localhost:3979/', anonymous: true, teams: false, why: 'localhost by name' },
  { url: 'http://[::1]:8080/', anonymous: true, teams: false, why: 'IPv6 loopback' },
  { url: 'http://127.8.9.10/', anonymous: true, teams: false, why: 'anywhere in 127.0.0.0/8' },
  {
    url: 'http://0x7f.1/',
    anonymous: true,
    teams: true,
    why: 'loopback in hex (the URL parser reads it as 127.0.0.1, which is listed)',
  },
  {
    url: 'https://smba.trafficmanager.net/emea/',
    anonymous: false,
    teams: true,
    why: 'the Teams connector',
  },
  { url: 'https://europe.webchat.botframework.com/', anonymous: false, teams: true, why: 'Web Chat' },
  {
    url: 'http://smba.trafficmanager.net/emea/',
    anonymous: false,
    teams: false,
    why: 'plain http off the machine',
  },
  {
    url: 'https://botframework.com/',
    anonymous: false,
    teams: false,
    why: 'the bare domain of a *. pattern',
  },
  { url: 'https://evilbotframework.com/', anonymous: false, teams: false, why: 'a domain ending like one' },
  {
    url: 'https://smba.trafficmanager.net.evil.example/',
    anonymous: false,
    teams: false,
    why: 'an allowed name as a prefix',
  },
  {
    url: 'http://127.0.0.1.nip.io/',
    anonymous: false,
    teams: false,
    why: 'a name that only starts like loopback',
  },
  { url: 'http://localhost.evil.example/', anonymous: false, teams: false, why: 'localhost as a subdomain' },
  { url: 'http://169.254.169.254/latest/meta-data/', anonymous: false, teams: false, why: 'cloud metadata' },
  { url: 'http://10.0.0.5/', anonymous: false, teams: false, why: 'a private address' },
  {
    url: 'https://smba.trafficmanager.net@evil.example/',
    anonymous: false,
    teams: false,
    why: 'an allowed name as user info',
  },
  { url: 'http://user:pw@127.0.0.1/', anonymous: false, teams: false, why: 'credentials in the URL' },
  { url: 'file:///etc/passwd', anonymous: false, teams: false, why: 'not http' },
  { url: 'ftp://127.0.0.1/', anonymous: false, teams: false, why: 'not http, even on loopback' },
  { url: '/v3/conversations', anonymous: false, teams: false, why: 'not an absolute URL' },
  { url: '', anonymous: false, teams: false, why: 'empty' },
  { url: 42, anonymous: false, teams: false, why: 'not a string' },
  {
    url: `https://smba.trafficmanager.net/${'a'.repeat(3000)}`,
    anonymous: false,
    teams: false,
    why: 'too long',
  },
];

describe('ServiceUrlPolicy', () => {
  it.each(cases)('should give $anonymous without credentials and $teams with them for $why', (c) => {
    expect(anonymous.allows(c.url)).toBe(c.anonymous);
    expect(teams.allows(c.url)).toBe(c.teams);
  });

  it('should say what it allows, for the log', () => {
    expect(anonymous.describe()).toBe('loopback only');
    expect(teams.describe()).toBe('smba.trafficmanager.net, *.botframework.com, 127.0.0.1');
  });

  it('should match host names without regard to case', () => {
    expect(teams.allows('https://SMBA.TrafficManager.net/amer/')).toBe(true);
    expect(new ServiceUrlPolicy(['SMBA.trafficmanager.net']).allows('https://smba.trafficmanager.net/')).toBe(
      true,
    );
  });

  it.each(['127.0.0.256', '128.0.0.1', '::2', 'localhost6'])('should not call %s loopback', (host) => {
    expect(isLoopbackHost(host)).toBe(false);
  });
});
