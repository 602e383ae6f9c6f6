/**
 * An open-loop load at a fixed rate: requests start on schedule whether or not earlier ones
 * have finished, and latency counts from the scheduled start, so a stall shows in the tail
 * instead of quietly lowering the rate (autocannon's overallRate sends in bursts at the start
 * of each second and waits for free connections). Used in a process of its own by the HTTP
 * bench (bench/support/load-process.ts) and in-process by others.
 */
import { Agent, request } from 'node:http';
import { percentile } from '../bench-section';

/** What one fixed-rate run measured. */
export interface FixedRateRun {
  p50: number;
  p99: number;
  achieved: number;
  failures: number;
}

/** Sends `rate` requests a second for `seconds` to `url`; resolves when every one has finished. */
export async function fixedRate(opts: {
  url: string;
  method: 'GET' | 'POST';
  body?: string;
  rate: number;
  seconds: number;
}): Promise<FixedRateRun> {
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  const target = new URL(opts.url);
  const latencies: number[] = [];
  let failures = 0;
  const total = opts.rate * opts.seconds;
  const started = performance.now();
  const dueAt = (i: number) => started + (i * 1000) / opts.rate;
  const inFlight: Array<Promise<void>> = [];
  const one = (due: number) =>
    new Promise<void>((resolve) => {
      const req = request(
        {
          host: target.hostname,
          port: target.port,
          path: target.pathname,
          method: opts.method,
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
      req.end(opts.body);
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
  return {
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    achieved: latencies.length / elapsed,
    failures,
  };
}
