// Copyright The loopback-security-monorepo authors. License: MIT.

// The example on PostgreSQL (DATABASE_URL, else an embedded server started
// for the test run): users, orders, rules and role assignments shared by
// instances; roles changed through the API hold on the next request, on this
// instance and, with the revision header, on another one in another process.

import {
  givenTestDatabase,
  startInstances,
  stopInstances,
  TestDatabase,
  TestInstance,
} from '@loopback/authorization-postgres/testing';
import {PostgresAuthorizationBindings} from '@loopback/authorization-postgres';
import {Client, expect, supertest} from '@loopback/testlab';
import {AccessControlApplication} from '../../application';
import {USER_GONE} from '../../authentication/user-status';
import {
  authHeader,
  Callers,
  givenCallers,
  passwordOf,
} from '../fixtures/callers';
import {expectNulInputsRefused} from '../fixtures/nul-inputs';
import {
  expectRoleChangeOnNextRequest,
  putRoles,
} from '../fixtures/role-changes';
import {AppUnderTest, givenRunningApp} from '../fixtures/running-app';

const SECRET = 'a-shared-secret-of-at-least-32-bytes!';
const REVISION = 'x-authorization-revision';

describe('PostgreSQL mode', () => {
  let db: TestDatabase;
  let app: AccessControlApplication;
  let client: Client;
  let callers: Callers;

  before(async () => {
    db = await givenTestDatabase('example');
    ({app, client} = await givenPostgresApp());
    callers = await givenCallers(app, client);
  });
  after(async () => {
    await app?.stop();
    await db?.drop();
  });

  function givenPostgresApp(): Promise<AppUnderTest> {
    return givenRunningApp({databaseUrl: db.url, jwt: {secret: SECRET}});
  }

  it('keeps users and orders in PostgreSQL, seeded once', async () => {
    const res = await client
      .get('/orders')
      .set(authHeader(callers.alice))
      .expect(200);
    expect(res.body).to.have.length(2);
    // A second instance on the same database adds no duplicates
    const second = await givenPostgresApp();
    try {
      const again = await second.client
        .get('/orders')
        .set(authHeader(callers.alice))
        .expect(200);
      expect(again.body).to.have.length(2);
    } finally {
      await second.app.stop();
    }
  });

  it('applies a role change through PUT on the next request', async () => {
    await expectRoleChangeOnNextRequest(client, callers, ['CUSTOMER', 'ADMIN']);
    await putRoles(client, callers.admin, callers.bob.id, ['CUSTOMER']).expect(
      200,
    );
    await client
      .get('/number-of-views')
      .set(authHeader(callers.bob))
      .expect(403);
  });

  it('refuses PUT of roles to a non-admin and for a missing user', async () => {
    const {alice, admin} = callers;
    await putRoles(client, alice, alice.id, ['ADMIN']).expect(403);
    await putRoles(client, admin, 'nobody', ['ADMIN']).expect(404);
    await putRoles(client, admin, alice.id, ['']).expect(422);
  });

  it('refuses a NUL character in every part of the user routes, naming it, as in memory mode', async () => {
    await expectNulInputsRefused(client, callers);
  });

  it('gives no token to a user who is revoked, answering as for a wrong password', async () => {
    const store = await app.get(PostgresAuthorizationBindings.STORE);
    const feed = await app.get(PostgresAuthorizationBindings.FEED);
    const {revision} = await store.revokePrincipal(callers.bob.id);
    await feed.requireRevision(revision, 2000);
    try {
      const res = await client
        .post('/users/login')
        .send({username: 'bob', password: passwordOf('bob')})
        .expect(401);
      expect(res.body.error.message).to.equal('Invalid username or password');
    } finally {
      // The revocation took bob's roles away: they come back with him
      const restored = await store.restorePrincipal(callers.bob.id);
      await feed.requireRevision(restored.revision, 2000);
      await putRoles(client, callers.admin, callers.bob.id, [
        'CUSTOMER',
      ]).expect(200);
    }
    // Restored: a new login gives a token; those of before the revocation
    // stay refused, so the suite's bob logs in again, in a later second than
    // the revocation (a token's time is in whole seconds: one of the same
    // second cannot be told from one issued before, and is refused)
    await new Promise(resolve => setTimeout(resolve, 1100));
    const again = await client
      .post('/users/login')
      .send({username: 'bob', password: passwordOf('bob')})
      .expect(200);
    callers.bob.token = again.body.token;
  });

  it('answers a policy write with its revision', async () => {
    const created = await client
      .post('/policies')
      .set(authHeader(callers.admin))
      .send({
        effect: 'allow',
        resource: 'Order',
        actions: ['read'],
        subjects: ['principal:nobody'],
      })
      .expect(201);
    const revision = Number(created.headers[REVISION]);
    expect(revision).to.be.above(0);
    const removed = await client
      .delete(`/policies/${created.body.id}`)
      .set(authHeader(callers.admin))
      .expect(204);
    expect(Number(removed.headers[REVISION])).to.be.above(revision);
    await client
      .delete(`/policies/${created.body.id}`)
      .set(authHeader(callers.admin))
      .expect(404);
  });

  describe('with a second instance in another process', () => {
    let other: TestInstance;
    let otherClient: ReturnType<typeof supertest>;

    before(async () => {
      [other] = await startInstances(
        1,
        {
          DATABASE_URL: db.url,
          JWT_SECRET: SECRET,
          HOST: '127.0.0.1',
          PORT: '0',
        },
        require.resolve('../fixtures/instance.main'),
      );
      otherClient = supertest(other.url);
    });
    after(async () => {
      if (other) await stopInstances([other]);
    });

    it('enforces a policy rule revoked through the first, reading its own writes', async () => {
      const alice = authHeader(callers.alice);
      await otherClient.get('/orders').set(alice).expect(200);
      const res = await client
        .delete('/policies/customers-read-own-orders')
        .set(authHeader(callers.admin))
        .expect(204);
      await otherClient
        .get('/orders')
        .set(alice)
        .set(REVISION, res.headers[REVISION])
        .expect(403);
      // Put back: the other instance sees that too
      const restored = await client
        .post('/policies')
        .set(authHeader(callers.admin))
        .send({
          id: 'customers-read-own-orders',
          effect: 'allow',
          resource: 'Order',
          actions: ['read'],
          subjects: ['CUSTOMER'],
          where: {ownerId: '$user.id'},
        })
        .expect(201);
      await otherClient
        .get('/orders')
        .set(alice)
        .set(REVISION, restored.headers[REVISION])
        .expect(200);
    });

    it('enforces a role revoked through the first', async () => {
      const service = authHeader(callers.service);
      await otherClient.get('/orders').set(service).expect(200);
      const {admin} = callers;
      const res = await putRoles(client, admin, callers.service.id, []);
      expect(res.status).to.equal(200);
      await otherClient
        .get('/orders')
        .set(service)
        .set(REVISION, String(res.body.revision))
        .expect(403);
    });

    it('refuses the token of a deleted user on every instance, and any role for it', async () => {
      const bob = authHeader(callers.bob);
      await otherClient.get('/orders').set(bob).expect(200);
      const res = await client
        .delete(`/users/${callers.bob.id}`)
        .set(authHeader(callers.admin))
        .expect(200);
      const refused = await client.post('/orders').set(bob).expect(401);
      expect(refused.body.error.message).to.equal(USER_GONE);
      await otherClient
        .get('/whoami')
        .set(bob)
        .set(REVISION, String(res.body.revision))
        .expect(401);
      await putRoles(otherClient, callers.admin, callers.bob.id, [
        'ADMIN',
      ]).expect(404);
    });

    it('serves its health endpoint', async () => {
      const res = await otherClient.get('/authorization/health').expect(200);
      expect(res.body).to.containDeep({stale: false, listening: true});
    });
  });
});
