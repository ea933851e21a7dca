// Copyright The loopback-security-monorepo authors. License: MIT.

import {PostgresAuthorizationStore} from '@loopback/authorization-postgres';
import {
  DelaySummary,
  givenTestDatabase,
  measurePropagation,
  setRolesThrough,
  startInstances,
  stopInstances,
  summarizeDelays,
  TestDatabase,
  TestInstance,
} from '@loopback/authorization-postgres/testing';
import {Pool} from 'pg';

/**
 * What the propagation scenario measured, or why it did not run
 */
export type PropagationScenarioResult =
  | {
      /** Role changes written through the first instance */
      changes: number;
      /** Instances, in separate processes, sharing one database */
      instances: number;
      /** `DATABASE_URL` or an embedded server started for the run */
      server: 'DATABASE_URL' | 'embedded';
      /** Delays from the start of a write to its enforcement, in ms */
      delays: DelaySummary;
    }
  | {
      /** Why it was skipped: no PostgreSQL could be started */
      skipped: string;
    };

/**
 * Three instances of the role test application share one PostgreSQL
 * database; a user's ADMIN role is revoked and granted again through the
 * first, and the two others are asked until they answer 403 or 200. A delay
 * runs from the start of the write to the first answer that enforces it.
 *
 * @param changes - How many role changes
 */
export async function runPropagationScenario(
  changes: number,
): Promise<PropagationScenarioResult> {
  let db: TestDatabase;
  try {
    db = await givenTestDatabase('bench');
  } catch (err) {
    return {skipped: `no PostgreSQL could be started: ${String(err)}`};
  }
  let instances: TestInstance[] = [];
  const pool = new Pool({connectionString: db.url, max: 2});
  try {
    instances = await startInstances(3, {
      DATABASE_URL: db.url,
      AUTHORIZATION_SCHEMA: 'authorization',
    });
    const store = new PostgresAuthorizationStore(pool);
    await store.setRoles('root', ['ADMIN']);
    const {revision: seeded} = await store.setRoles('ann', ['ADMIN']);
    const [first, ...others] = instances;
    const delays = await measurePropagation(
      changes,
      i => setRolesThrough(first, 'ann', i % 2 === 0 ? [] : ['ADMIN'], seeded),
      others,
      async (other, i) =>
        (await fetch(`${other.url}/admin`, {headers: {'x-user': 'ann'}}))
          .status === (i % 2 === 0 ? 403 : 200),
    );
    return {
      changes,
      instances: instances.length,
      server: process.env.DATABASE_URL ? 'DATABASE_URL' : 'embedded',
      delays: summarizeDelays(delays),
    };
  } finally {
    await stopInstances(instances);
    await pool.end();
    await db.drop();
  }
}
