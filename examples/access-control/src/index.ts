// Copyright The loopback-security-monorepo authors. License: MIT.

import {AccessControlApplication, AccessControlConfig} from './application';

export * from './application';
export * from './keys';
export * from './roles';

/**
 * The port used when neither the options nor `PORT` give one
 */
export const DEFAULT_PORT = 3000;

/**
 * The host used when neither the options nor `HOST` give one: loopback only,
 * so that the demo, with its public passwords, is not reachable from outside
 */
export const DEFAULT_HOST = '127.0.0.1';

/**
 * Read the port from `PORT`: the default when it is unset, empty or blank
 * @param env - The environment
 */
export function portFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const text = nonEmpty(env.PORT);
  if (text === undefined) return DEFAULT_PORT;
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be a port number, got "${text}"`);
  }
  return port;
}

/**
 * Read the host from `HOST`: the default when it is unset, empty or blank,
 * never every interface by accident
 * @param env - The environment
 */
export function hostFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  return nonEmpty(env.HOST) ?? DEFAULT_HOST;
}

/**
 * An environment variable's value, `undefined` when it is unset, empty or
 * blank
 */
function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}

/**
 * Read the allowed CORS origins from `CORS_ORIGINS`, separated by commas;
 * none when it is unset or empty
 * @param env - The environment
 */
export function originsFromEnv(env: NodeJS.ProcessEnv = process.env): string[] {
  return (env.CORS_ORIGINS ?? '')
    .split(',')
    .map(origin => origin.trim())
    .filter(origin => origin !== '');
}

/**
 * Boot and start the application, and stop it on SIGINT or SIGTERM.
 *
 * @remarks
 * The environment fills what the options leave out: `HOST`, `PORT`,
 * `JWT_SECRET`, `DATA_FILE`, `DATABASE_URL` and `CORS_ORIGINS`; an empty
 * variable means the default.
 *
 * @param options - Application options
 * @returns The running application
 */
export async function main(
  options: AccessControlConfig = {},
): Promise<AccessControlApplication> {
  const config: AccessControlConfig = {
    ...options,
    rest: {
      host: hostFromEnv(),
      port: portFromEnv(),
      ...options.rest,
    },
    jwt: {secret: process.env.JWT_SECRET, ...options.jwt},
    dataFile: options.dataFile ?? nonEmpty(process.env.DATA_FILE),
    databaseUrl: options.databaseUrl ?? nonEmpty(process.env.DATABASE_URL),
    corsOrigins: options.corsOrigins ?? originsFromEnv(),
    // main() handles the signals itself, to exit with 0 once stopped
    shutdown: {signals: []},
  };
  const app = new AccessControlApplication(config);
  await app.boot();
  await app.start();
  stopOnSignals(app);

  const url = app.restServer.url;
  console.log(`Server is running at ${url}`);
  console.log(`API Explorer: ${url}/explorer`);
  console.log(`Authorization console (ADMIN): ${url}/authorization/console`);
  console.log(
    config.jwt?.secret
      ? 'Tokens are signed with JWT_SECRET.'
      : 'Tokens are signed with a random secret: they die with the process.',
  );
  if (config.databaseUrl) {
    console.log('Data is kept in PostgreSQL (DATABASE_URL).');
  } else if (config.dataFile) {
    console.log(`Data is kept in ${config.dataFile}`);
  }
  console.log('Log in as alice with:');
  console.log(
    `  curl -s -X POST ${url}/users/login -H 'Content-Type: application/json'` +
      ` -d '{"username":"alice","password":"alice-password"}'`,
  );
  return app;
}

/**
 * Stop the application on SIGINT (Ctrl+C) or SIGTERM, then exit with 0; exit
 * with 1 if stopping fails
 */
function stopOnSignals(app: AccessControlApplication): void {
  const stop = (signal: NodeJS.Signals) => {
    process.removeListener('SIGINT', stop);
    process.removeListener('SIGTERM', stop);
    console.log(`${signal} received, stopping the server`);
    app.stop().then(
      () => process.exit(0),
      err => {
        console.error('Cannot stop the application:', err);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (require.main === module) {
  main().catch(err => {
    console.error('Cannot start the application:', err);
    process.exit(1);
  });
}
