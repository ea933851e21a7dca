// Copyright The loopback-security-monorepo authors. License: MIT.

import {expect} from '@loopback/testlab';
import {PostgresAuthorizationStore} from '../..';
import {
  givenTestDatabase,
  measurePropagation,
  setRolesThrough,
  startInstances,
  stopInstances,
  summarizeDelays,
  TestDatabase,
  TestInstance,
} from '../../testing';
import {eventually, givenStore} from '../fixtures/store.fixtures';

const CHANGES = 200;

describe('Three instances in separate processes (PostgreSQL)', function (this: Mocha.Suite) {
  // Set here, not after the body, so that the hooks get it too: starting
  // three processes takes seconds, more on a busy machine
  this.timeout(60000);
  let db: TestDatabase;
  let instances: TestInstance[] = [];
  let store: PostgresAuthorizationStore;
  let close: () => Promise<void>;
  // The revision that made root an admin, which every write waits for
  let seeded: number;

  before(async () => {
    db = await givenTestDatabase('multi');
    instances = await startInstances(3, {
      DATABASE_URL: db.url,
      AUTHORIZATION_SCHEMA: 'authorization',
    });
    ({store, close} = await givenStore(db.url));
    ({revision: seeded} = await store.setRoles('root', ['ADMIN']));
  });
  after(async () => {
    await stopInstances(instances);
    await close?.();
    await db?.drop();
  });

  function callAdmin(instance: TestInstance, user: string, revision?: number) {
    return fetch(`${instance.url}/admin`, {
      headers: {
        'x-user': user,
        ...(revision && {'x-authorization-revision': String(revision)}),
      },
    }).then(res => res.status);
  }

  it('enforces on the other two a revocation written through the first', async () => {
    const [first, ...others] = instances;
    const granted = await setRolesThrough(first, 'ann', ['ADMIN'], seeded);
    for (const other of others) {
      expect(await callAdmin(other, 'ann', granted)).to.equal(200);
    }
    const revoked = await setRolesThrough(first, 'ann', [], seeded);
    for (const other of others) {
      expect(await callAdmin(other, 'ann', revoked)).to.equal(403);
    }
  });

  it(`propagates ${CHANGES} role changes with a p99 delay under one second`, async () => {
    const [first, ...others] = instances;
    // Even changes revoke, odd ones grant again
    const roles = (i: number) => (i % 2 === 0 ? [] : ['ADMIN']);
    const status = (i: number) => (i % 2 === 0 ? 403 : 200);
    const granted = await setRolesThrough(first, 'bob', ['ADMIN'], seeded);
    for (const other of others) {
      expect(await callAdmin(other, 'bob', granted)).to.equal(200);
    }
    const delays = await measurePropagation(
      CHANGES,
      i => setRolesThrough(first, 'bob', roles(i), seeded),
      others,
      async (other, i) => (await callAdmin(other, 'bob')) === status(i),
    );
    const summary = summarizeDelays(delays);
    console.log(
      '      propagation over %d changes × 2 instances: median %s ms, p99 %s ms, max %s ms',
      CHANGES,
      summary.median.toFixed(1),
      summary.p99.toFixed(1),
      summary.max.toFixed(1),
    );
    expect(summary.count).to.equal(CHANGES * 2);
    expect(summary.p99).to.be.below(1000);
  }).timeout(120000);

  it('converges: every instance reports the same revision', async () => {
    const head = await store.currentRevision();
    for (const instance of instances) {
      // The last write may still be on its way to this instance: it must
      // arrive, within the propagation bound of the test above
      await eventually(async () => {
        const res = await fetch(`${instance.url}/authorization/health`);
        const health = (await res.json()) as {revision: number; stale: boolean};
        expect(health).to.containDeep({revision: head, stale: false});
      }, 1000);
    }
  });
});
