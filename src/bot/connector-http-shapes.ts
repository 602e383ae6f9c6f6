/**
 * The shapes botframework-connector's HTTP client (core-http-compat) hands a custom transport and
 * reads back: shared by the bot's reply transport and the alerts' proactive transport.
 */

/** The part of a Bot Connector request (core-http-compat WebResourceLike) the transport reads. */
export interface RequestLike {
  url: string;
  method: string;
  headers: { rawHeaders(): Record<string, string> };
  body?: unknown;
}

/** Response headers in the shape core-http-compat reads back (HttpHeadersLike). */
export class ResponseHeaders {
  constructor(private readonly map: Record<string, string>) {}
  get(name: string): string | undefined {
    return this.map[name.toLowerCase()];
  }
  contains(name: string): boolean {
    return name.toLowerCase() in this.map;
  }
  rawHeaders(): Record<string, string> {
    return { ...this.map };
  }
  toJson(): Record<string, string> {
    return { ...this.map };
  }
  headerNames(): string[] {
    return Object.keys(this.map);
  }
  headerValues(): string[] {
    return Object.values(this.map);
  }
  headersArray(): { name: string; value: string }[] {
    return Object.entries(this.map).map(([name, value]) => ({ name, value }));
  }
  clone(): ResponseHeaders {
    return new ResponseHeaders({ ...this.map });
  }
}
