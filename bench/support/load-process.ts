/**
 * The load generator in a process of its own, for the HTTP bench: bench/support/fixed-rate.ts
 * against one URL. Arguments: URL METHOD RATE SECONDS [BODY_FILE]. Prints one JSON line: p50,
 * p99, achieved rate, failures.
 */
import { readFileSync } from 'node:fs';
import { fixedRate } from './fixed-rate';

const [url, method, rateArg, secondsArg, bodyFile] = process.argv.slice(2);
if (!url || (method !== 'GET' && method !== 'POST') || !rateArg || !secondsArg) {
  process.stderr.write('usage: load-process URL GET|POST RATE SECONDS [BODY_FILE]\n');
  process.exit(2);
}
const result = await fixedRate({
  url,
  method,
  body: bodyFile ? readFileSync(bodyFile, 'utf8') : undefined,
  rate: Number(rateArg),
  seconds: Number(secondsArg),
});
process.stdout.write(`${JSON.stringify(result)}\n`);
