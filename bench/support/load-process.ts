/**
 * The load generator in a process of its own, for the HTTP bench: an open-loop load at a fixed
 * rate (requests start on schedule whether or not earlier ones have finished; latency counts
 * from the scheduled start, so a stall shows in the tail instead of quietly lowering the rate).
 * Arguments: URL METHOD RATE SECONDS [BODY_FILE]. Prints one JSON line: p50, p99, achieved
 * rate, failures.
 */
import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { percentile } from '../bench-section';

const [url, method, rateArg, secondsArg, bodyFile] = process.argv.slice(2);
if (!url || (method !== 'GET' && method !== 'POST') || !rateArg || !secondsArg) {
  process.stderr.write('usage: load-process URL GET|POST RATE SECONDS [BODY_FILE]\n');
  process.exit(2);
}
const rate = Number(rateArg);
const seconds = Number(secondsArg);
const body = bodyFile ? readFileSync(bodyFile, 'utf8') : undefined;

const agent = new Agent({ keepAlive: true, maxSockets: 256 });
const target = new URL(url);
const latencies: number[] = [];
let failures = 0;
const total = rate * seconds;
const started = performance.now();
const dueAt = (i: number) => started + (i * 1000) / rate;
const inFlight: Array<Promise<void>> = [];
const one = (due: number) =>
  new Promise<void>((resolve) => {
    const req = request(
      {
        host: target.hostname,
        port: target.port,
        path: target.pathname,
        method,
        agent,
        headers: { 'content-type': 'application/json' },
      },
      (res) => {
        res.resume();
        res.on('end', () => {
          if ((res.statusCode ?? 0) >= 300) failures += 1;
          latencies.push(performance.now() - due);
          resolve();
        });
      },
    );
    req.on('error', () => {
      failures += 1;
      resolve();
    });
    req.end(body);
  });
let sent = 0;
while (sent < total) {
  const wait = dueAt(sent) - performance.now();
  if (wait > 1) await new Promise((r) => setTimeout(r, wait));
  // Start everything now due (timers are coarse); latency still counts from each one's due time.
  while (sent < total && dueAt(sent) <= performance.now() + 0.5) {
    inFlight.push(one(dueAt(sent)));
    sent += 1;
  }
}
await Promise.all(inFlight);
const elapsed = (performance.now() - started) / 1000;
agent.destroy();
process.stdout.write(
  `${JSON.stringify({ p50: percentile(latencies, 50), p99: percentile(latencies, 99), achieved: latencies.length / elapsed, failures })}\n`,
);
