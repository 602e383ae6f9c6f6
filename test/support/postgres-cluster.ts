/**
 * A throw-away PostgreSQL cluster from the Debian packages (initdb + pg_ctl), on a free loopback
 * port, in a temporary folder, for the tests and benchmarks. PostgreSQL refuses to run as root,
 * so as root the cluster runs as the `postgres` user (runuser). As a command:
 *
 *   npx tsx test/support/postgres-cluster.ts run -- npm test   # start, run, stop (even on failure)
 *   eval "$(npx tsx test/support/postgres-cluster.ts start)"    # prints TEST_POSTGRES_URL/DIR exports
 *   npx tsx test/support/postgres-cluster.ts stop "$TEST_POSTGRES_DIR"
 */
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

/** A running cluster. */
export interface PostgresCluster {
  /** postgres://postgres@127.0.0.1:PORT/postgres (trust authentication, loopback only). */
  url: string;
  port: number;
  /** The folder holding the data directory, the socket and the log. */
  dir: string;
  stop(): void;
}

/** The newest installed PostgreSQL's bin folder (PG_BIN overrides). */
export function postgresBin(): string | null {
  if (process.env.PG_BIN) return process.env.PG_BIN;
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root)
    .filter((v) => existsSync(path.join(root, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? path.join(root, versions[0], 'bin') : null;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;

/** Runs a PostgreSQL program, as the postgres user when we are root. */
function pgRun(bin: string, program: string, args: string[]): void {
  const exe = path.join(bin, program);
  if (asRoot) execFileSync('runuser', ['-u', 'postgres', '--', exe, ...args], { stdio: 'pipe' });
  else execFileSync(exe, args, { stdio: 'pipe' });
}

/**
 * Starts a cluster. `durable: false` (tests) turns fsync and synchronous commit off: a
 * throw-away cluster need not survive a power cut, and the tests run faster; benchmarks keep
 * PostgreSQL's defaults.
 */
export async function startPostgresCluster(opts: { durable?: boolean } = {}): Promise<PostgresCluster> {
  const bin = postgresBin();
  if (!bin) throw new Error('PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb; set PG_BIN)');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pg-cluster-'));
  const data = path.join(dir, 'data');
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    chownSync(dir, uid, gid);
    chmodSync(dir, 0o700);
  }
  const port = await freePort();
  try {
    pgRun(bin, 'initdb', [
      '-D',
      data,
      '-A',
      'trust',
      '-U',
      'postgres',
      '--no-sync',
      '-E',
      'UTF8',
      '--locale=C',
    ]);
    const settings = [
      `-p ${port}`,
      `-k ${dir}`,
      '-c listen_addresses=127.0.0.1',
      '-c max_connections=200',
      ...(opts.durable ? [] : ['-c fsync=off', '-c synchronous_commit=off', '-c full_page_writes=off']),
    ].join(' ');
    pgRun(bin, 'pg_ctl', ['-D', data, '-o', settings, '-l', path.join(dir, 'postgres.log'), '-w', 'start']);
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    const stderr = (err as { stderr?: Buffer }).stderr?.toString() ?? '';
    throw new Error(
      `could not start PostgreSQL: ${err instanceof Error ? err.message : String(err)} ${stderr}`,
    );
  }
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    dir,
    stop: () => stopPostgresCluster(dir),
  };
}

/** A database of its own on a server. */
export interface ScratchDatabase {
  url: string;
  name: string;
  /** Drops it (closing whatever connections are left). */
  drop(): Promise<void>;
}

/** Creates an empty database `<prefix>_<random>` on the server of `adminUrl`. */
export async function createDatabase(adminUrl: string, prefix = 'bot_test'): Promise<ScratchDatabase> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    async drop() {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}

/** Stops the cluster in `dir` (immediate shutdown: it is thrown away) and removes the folder. */
export function stopPostgresCluster(dir: string): void {
  const bin = postgresBin();
  const data = path.join(dir, 'data');
  try {
    if (bin && existsSync(path.join(data, 'postmaster.pid')))
      pgRun(bin, 'pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === 'start') {
    const c = await startPostgresCluster({ durable: rest.includes('--durable') });
    process.stdout.write(`export TEST_POSTGRES_URL='${c.url}'\nexport TEST_POSTGRES_DIR='${c.dir}'\n`);
    return 0;
  }
  if (command === 'stop' && rest[0]) {
    stopPostgresCluster(rest[0]);
    return 0;
  }
  if (command === 'run' && rest[0] === '--' && rest.length > 1) {
    const c = await startPostgresCluster();
    process.stderr.write(`PostgreSQL for the tests at ${c.url}\n`);
    try {
      const child = spawn(rest[1] as string, rest.slice(2), {
        stdio: 'inherit',
        env: { ...process.env, TEST_POSTGRES_URL: c.url },
      });
      const forward = (signal: NodeJS.Signals) => child.kill(signal);
      process.on('SIGINT', forward);
      process.on('SIGTERM', forward);
      return await new Promise<number>((resolve) => child.once('exit', (code) => resolve(code ?? 1)));
    } finally {
      c.stop();
    }
  }
  process.stderr.write(
    'usage: postgres-cluster.ts start [--durable] | stop DIR | run -- COMMAND [ARGS...]\n',
  );
  return 2;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err: unknown) => {
      process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
      process.exit(1);
    },
  );
}
