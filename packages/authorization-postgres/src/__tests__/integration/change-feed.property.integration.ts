// Copyright The loopback-security-monorepo authors. License: MIT.

// Property-based: for generated sequences of writes (rules created,
// replaced and removed, roles set per tenant, principals removed), a
// follower that starts before, during or after them, reading in small
// batches, ends with exactly what an in-memory model of the writes holds and
// what the store's snapshot holds.
//
// A failure prints the seed and the counterexample. Rerun it with
// `FC_SEED=<seed> npx mocha`, and change the number of cases with `FC_RUNS`.

import {expect} from '@loopback/testlab';
import fc from 'fast-check';
import {PostgresAuthorizationStore, RoleAssignment, StoredRule} from '../..';
import {givenTestDatabase, TestDatabase} from '../../testing';
import {
  checksumOf,
  givenFeed,
  givenStore,
  storeChecksum,
} from '../fixtures/store.fixtures';
import {propertyParameters} from '@loopback/authorization-test-fixtures';

const {seed: SEED, numRuns: RUNS} = propertyParameters(30);

type Write =
  | {op: 'upsert'; id: string; value: number}
  | {op: 'remove'; id: string}
  | {op: 'roles'; principal: string; tenant: string; roles: string[]}
  | {op: 'removePrincipal'; principal: string};

const ids = fc.constantFrom('r1', 'r2', 'r3');
const principals = fc.constantFrom('ann', 'bob');
const writeArbitrary: fc.Arbitrary<Write> = fc.oneof(
  fc.record({op: fc.constant('upsert' as const), id: ids, value: fc.integer()}),
  fc.record({op: fc.constant('remove' as const), id: ids}),
  fc.record({
    op: fc.constant('roles' as const),
    principal: principals,
    tenant: fc.constantFrom('', 't1'),
    roles: fc.uniqueArray(fc.constantFrom('ADMIN', 'USER', 'AUDITOR'), {
      maxLength: 3,
    }),
  }),
  fc.record({
    op: fc.constant('removePrincipal' as const),
    principal: principals,
  }),
);

function write(store: PostgresAuthorizationStore, w: Write) {
  switch (w.op) {
    case 'upsert':
      return store.upsertRules([{id: w.id, value: w.value}]);
    case 'remove':
      return store.deleteRule(w.id);
    case 'roles':
      return store.setRoles(w.principal, w.roles, w.tenant);
    case 'removePrincipal':
      return store.removePrincipal(w.principal);
  }
}

/**
 * What the writes should leave, computed without the database
 */
function model(writes: Write[]) {
  const rules = new Map<string, StoredRule>();
  const roles = new Map<string, RoleAssignment>();
  for (const w of writes) {
    if (w.op === 'upsert') rules.set(w.id, {id: w.id, value: w.value});
    else if (w.op === 'remove') rules.delete(w.id);
    else if (w.op === 'roles') {
      const key = `${w.principal}/${w.tenant}`;
      if (w.roles.length === 0) roles.delete(key);
      else roles.set(key, {...w, roles: w.roles});
    } else {
      for (const key of [...roles.keys()]) {
        if (key.startsWith(`${w.principal}/`)) roles.delete(key);
      }
    }
  }
  return checksumOf(
    [...rules.values()],
    [...roles.values()].map(({principal, tenant, roles: names}) => ({
      principal,
      tenant,
      roles: names,
    })),
  );
}

describe('Change feed convergence (PostgreSQL, property)', () => {
  let db: TestDatabase;
  before(async () => {
    db = await givenTestDatabase('property');
  });
  after(() => db?.drop());

  it(`ends where the writes lead, whenever the follower starts (${RUNS} cases, seed ${SEED})`, async () => {
    let schemaCount = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(writeArbitrary, {minLength: 1, maxLength: 25}),
        fc.nat(25),
        async (writes, startAt) => {
          const schema = `p_${++schemaCount}`;
          const writer = await givenStore(db.url, schema);
          const reader = await givenStore(db.url, schema);
          let stop = async () => {};
          try {
            let follower: Awaited<ReturnType<typeof givenFeed>> | undefined;
            const options = {batchSize: 2, pollIntervalMs: 50};
            for (const [index, w] of writes.entries()) {
              if (index === startAt) {
                follower = await givenFeed(reader.store, db.url, options);
                stop = () => follower!.feed.stop();
              }
              await write(writer.store, w);
            }
            follower ??= await givenFeed(reader.store, db.url, options);
            const {feed, seen} = follower;
            stop = () => feed.stop();
            const head = await writer.store.currentRevision();
            expect(await feed.waitForRevision(head, 5000)).to.be.true();
            const expected = model(writes);
            expect(await storeChecksum(writer.store)).to.equal(expected);
            expect(seen.checksum()).to.equal(expected);
          } finally {
            await stop();
            await writer.close();
            await reader.close();
          }
        },
      ),
      {seed: SEED, numRuns: RUNS},
    );
  }).timeout(120000);
});
