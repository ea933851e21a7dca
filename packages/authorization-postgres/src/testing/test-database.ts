// Copyright The loopback-security-monorepo authors. License: MIT.

import {randomBytes} from 'node:crypto';
import {Client} from 'pg';
import {
  startEmbeddedPostgres,
  TestPostgresServer,
} from './embedded-postgres.server';

/**
 * A database of its own for one test suite
 */
export interface TestDatabase {
  /**
   * Its URL
   */
  readonly url: string;
  /**
   * Its name
   */
  readonly name: string;
  /**
   * Drop it, ending the connections still open to it
   */
  drop(): Promise<void>;
}

let shared: Promise<TestPostgresServer> | undefined;

/**
 * The server of this test run: `DATABASE_URL` when set, else one embedded
 * server started on first use and shared by every suite of the process
 * until {@link stopTestPostgres}
 */
export function getTestPostgres(): Promise<TestPostgresServer> {
  if (!shared) {
    const url = process.env.DATABASE_URL;
    shared = url
      ? Promise.resolve({url, embedded: false, stop: async () => {}})
      : startEmbeddedPostgres();
    // A failed start is not cached: the next suite tries again
    shared.catch(() => (shared = undefined));
  }
  return shared;
}

/**
 * Stop the shared embedded server, if one was started
 */
export async function stopTestPostgres(): Promise<void> {
  const server = shared;
  shared = undefined;
  if (server) await (await server).stop();
}

/**
 * Root hooks for mocha: load this module with mocha's `--require` (or its
 * `require` setting) and the shared server is stopped after the last test
 */
export const mochaHooks = {
  afterAll: stopTestPostgres,
};

function withDatabase(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

async function admin<T>(url: string, run: (client: Client) => Promise<T>) {
  const client = new Client({connectionString: url});
  // A fault test may kill every connection of the server: this one reports
  // it through its query, never as an unhandled 'error'
  client.on('error', () => {});
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/**
 * Create a fresh database on the shared test server, for one suite
 * @param prefix - The start of its name, `test` by default
 */
export async function givenTestDatabase(
  prefix = 'test',
): Promise<TestDatabase> {
  const server = await getTestPostgres();
  const name = `${prefix}_${randomBytes(6).toString('hex')}`.toLowerCase();
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) {
    throw new Error(`Invalid test database prefix: ${JSON.stringify(prefix)}`);
  }
  await admin(server.url, client => client.query(`CREATE DATABASE "${name}"`));
  return {
    url: withDatabase(server.url, name),
    name,
    drop: () =>
      admin(server.url, client =>
        client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
      ).then(() => {}),
  };
}
