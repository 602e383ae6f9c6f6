/**
 * Where the bot may send replies. An activity names its own serviceUrl, and the bot POSTs its
 * answer there with its credentials: without a check, anyone who can reach /api/messages could
 * make the bot call any address (an open relay, or a probe of the private network). Anonymous
 * local mode replies only to loopback (the Emulator, the Agents Playground, tests); with
 * credentials, only to https hosts of the allow-list (the Bot Connector's).
 */

/** IPv4 127.0.0.0/8, IPv6 ::1 and the name localhost: addresses that never leave the machine. */
export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.toLowerCase();
  if (h === 'localhost' || h === '[::1]' || h === '::1') return true;
  const octets = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(h);
  if (!octets) return false;
  return octets[1] === '127' && octets.slice(1).every((o) => Number(o) <= 255);
}

/** Whether `host` is `pattern` itself or, for `*.domain`, any host under domain. */
function hostMatches(host: string, pattern: string): boolean {
  if (pattern.startsWith('*.')) return host.endsWith(pattern.slice(1)) && host.length > pattern.length - 1;
  return host === pattern;
}

/** Decides which serviceUrls the bot may call. */
export class ServiceUrlPolicy {
  private readonly hosts: readonly string[] | null;

  /** `hosts` null = loopback only; otherwise host names and `*.domain` patterns (https, or http to loopback). */
  constructor(hosts: readonly string[] | null) {
    this.hosts = hosts === null ? null : hosts.map((h) => h.toLowerCase());
  }

  /** What is allowed, in words for the log and /healthz. */
  describe(): string {
    return this.hosts === null ? 'loopback only' : this.hosts.join(', ');
  }

  /** Whether a reply may go to `serviceUrl` (anything that is not an absolute http(s) URL is refused). */
  allows(serviceUrl: unknown): boolean {
    if (typeof serviceUrl !== 'string' || serviceUrl.length > 2000) return false;
    let url: URL;
    try {
      url = new URL(serviceUrl);
    } catch {
      return false;
    }
    // Credentials in a URL are never a Bot Connector's, and hide the real host from a casual reader.
    if (url.username !== '' || url.password !== '') return false;
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return false;
    const host = url.hostname.toLowerCase();
    const loopback = isLoopbackHost(host);
    if (this.hosts === null) return loopback;
    // Plain http only where nothing leaves the machine (a local connector listed on purpose).
    if (url.protocol === 'http:' && !loopback) return false;
    return this.hosts.some((pattern) => hostMatches(host, pattern));
  }
}
