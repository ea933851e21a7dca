// Copyright The loopback-security-monorepo authors. License: MIT.

// Three instances of the example on one PostgreSQL server of their own (two
// in child processes, started at the same moment on an empty database, and
// one in this process): set-up exactly once, deletions racing role writes,
// login counts shared, every connection killed under load, and the server
// stopped and started again while requests flow.

import {PostgresAuthorizationBindings} from '@loopback/authorization-postgres';
import {
  EmbeddedTestPostgres,
  eventually,
  startEmbeddedPostgres,
  startInstances,
  stopInstances,
  TestInstance,
} from '@loopback/authorization-postgres/testing';
import {expect, supertest} from '@loopback/testlab';
import {Client as PgClient} from 'pg';
import {AccessControlApplication} from '../../application';
import {USER_GONE} from '../../authentication/user-status';
import {AccessControlBindings} from '../../keys';
import {DEMO_ORDERS, DEMO_USERS} from '../../observers/demo-data.observer';
import {POLICY_FILE_RULES} from '../../observers/policy-seed.observer';
import {authHeader, givenToken} from '../fixtures/callers';
import {givenRequestLoad} from '../fixtures/request-load';
import {givenRunningApp} from '../fixtures/running-app';

const SECRET = 'a-shared-secret-of-at-least-32-bytes!';
const REVISION = 'x-authorization-revision';
/**
 * Races of a deletion on one instance against a role write on another; the
 * code before the fix kept the role in about two races of three
 */
const RACES = 30;

describe('PostgreSQL faults and races, three instances', function (this: Mocha.Suite) {
  // Its hooks and tests start servers and processes: seconds each, more on
  // a busy machine
  this.timeout(120000);
  let server: EmbeddedTestPostgres;
  let instances: TestInstance[] = [];
  let app: AccessControlApplication | undefined;
  let urls: string[];
  let admin: Record<string, string>;
  let alice: Record<string, string>;

  before(async () => {
    // A server of its own: stopping the shared one would break others
    server = await startEmbeddedPostgres();
  });
  after(async () => {
    await stopInstances(instances);
    await app?.stop();
    await server?.stop();
  });

  /** Run SQL on the server, on a connection of its own */
  async function query<T extends object>(sql: string): Promise<T[]> {
    const client = new PgClient({connectionString: server.url});
    client.on('error', () => {});
    await client.connect();
    try {
      return (await client.query<T>(sql)).rows;
    } finally {
      await client.end();
    }
  }

  function expectAlive() {
    for (const {process: child} of instances) {
      expect({exitCode: child.exitCode, signal: child.signalCode}).to.eql({
        exitCode: null,
        signal: null,
      });
    }
  }

  it('creates the schema and seeds the demo data and rules once when two instances start at the same moment', async () => {
    instances = await startInstances(
      2,
      {
        DATABASE_URL: server.url,
        JWT_SECRET: SECRET,
        HOST: '127.0.0.1',
        PORT: '0',
      },
      require.resolve('../fixtures/instance.main'),
      // Both boot and seed on a machine that may be busy: one waits for
      // the other's set-up
      90000,
    );
    const counts = await query<Record<string, number>>(
      `SELECT (SELECT count(*)::int FROM public."user") AS users,
              (SELECT count(*)::int FROM public."order") AS orders,
              (SELECT count(*)::int FROM "authorization".rules) AS rules,
              (SELECT count(*)::int FROM "authorization".role_assignments)
                AS assignments`,
    );
    expect(counts[0]).to.eql({
      users: DEMO_USERS.length,
      orders: DEMO_ORDERS.length,
      rules: POLICY_FILE_RULES.length,
      assignments: DEMO_USERS.length,
    });
    // And a third, in this process, joins them
    ({app} = await givenRunningApp({
      databaseUrl: server.url,
      jwt: {secret: SECRET},
    }));
    urls = [...instances.map(i => i.url), app.restServer.url!];
    const client = supertest(urls[2]);
    admin = authHeader({
      name: 'admin',
      token: await givenToken(client, 'admin'),
    });
    alice = authHeader({
      name: 'alice',
      token: await givenToken(client, 'alice'),
    });
  });

  it(`keeps no role for a user deleted while its roles are written, over ${RACES} races on two instances`, async () => {
    const users = await app!.get(AccessControlBindings.USER_REPOSITORY);
    const roleSource = await app!.get(AccessControlBindings.ROLE_SOURCE);
    const store = await app!.get(PostgresAuthorizationBindings.STORE);
    const [first, second] = instances.map(i => supertest(i.url));
    const later = <T>(ms: number, run: () => PromiseLike<T>) =>
      new Promise<T>(resolve => setTimeout(() => resolve(run()), ms));
    const kept: string[] = [];
    for (let i = 0; i < RACES; i++) {
      const user = await users.create({
        username: `racer-${i}`,
        name: 'Racer',
        passwordHash: 'x:y',
      });
      await roleSource.setRoles(user.id, ['CUSTOMER']);
      const put = () =>
        first.put(`/users/${user.id}/roles`).set(admin).send(['ADMIN']);
      const del = () => second.delete(`/users/${user.id}`).set(admin);
      // Either may start first, a few milliseconds apart
      const delay = i % 4;
      const [putRes, delRes] =
        i % 2 === 0
          ? await Promise.all([put(), later(delay, del)])
          : await Promise.all([later(delay, put), del()]);
      expect(delRes.status).to.equal(200);
      expect([200, 404]).to.containEql(putRes.status);
      const {roleAssignments} = await store.snapshot();
      if (roleAssignments.some(a => a.principal === user.id)) {
        kept.push(`race ${i}: PUT answered ${putRes.status}`);
      }
    }
    expect(kept).to.deepEqual([]);
  });

  it('refuses the token of a deleted user on every instance with 401', async () => {
    const users = await app!.get(AccessControlBindings.USER_REPOSITORY);
    const hasher = await app!.get(AccessControlBindings.PASSWORD_HASHER);
    const roleSource = await app!.get(AccessControlBindings.ROLE_SOURCE);
    const user = await users.create({
      username: 'leaving',
      name: 'Leaving',
      passwordHash: await hasher.hash('leaving-password'),
    });
    await roleSource.setRoles(user.id, ['CUSTOMER']);
    const res = await supertest(urls[0])
      .post('/users/login')
      .send({username: 'leaving', password: 'leaving-password'})
      .expect(200);
    const token = authHeader({name: 'bob', token: res.body.token});
    for (const url of urls) {
      await supertest(url).get('/whoami').set(token).expect(200);
    }
    const deleted = await supertest(urls[2])
      .delete(`/users/${user.id}`)
      .set(admin)
      .expect(200);
    for (const url of urls) {
      for (const [method, path] of [
        ['get', '/whoami'],
        ['post', '/orders'],
      ] as const) {
        const refused = await supertest(url)
          [method](path)
          .set(token)
          .set(REVISION, String(deleted.body.revision))
          .send({description: 'Tea', total: 3})
          .expect(401);
        expect(refused.body.error.message).to.equal(USER_GONE);
      }
    }
  });

  it('shares the failed logins of a username between instances', async () => {
    const login = (url: string) =>
      supertest(url)
        .post('/users/login')
        .send({username: 'bob', password: 'wrong'});
    for (let i = 0; i < 5; i++) await login(urls[i % 2]).expect(401);
    for (const url of urls) {
      const res = await login(url).expect(429);
      expect(Number(res.headers['retry-after'])).to.be.within(1, 900);
    }
  });

  const LOAD = () => [
    {path: '/orders', headers: alice},
    {path: '/orders/count', headers: admin},
    {path: '/whoami', headers: alice},
  ];

  async function expectServing() {
    await eventually(
      async () => {
        for (const url of urls) {
          await supertest(url).get('/orders').set(alice).expect(200);
        }
      },
      20000,
      100,
    );
  }

  it('answers only 200 or 503 while every connection to the database is killed under load, and serves again', async () => {
    const load = givenRequestLoad(urls, LOAD());
    for (let round = 0; round < 8; round++) {
      await new Promise(resolve => setTimeout(resolve, 150));
      await query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
         WHERE pid <> pg_backend_pid() AND backend_type = 'client backend'`,
      );
    }
    const answers = await load.stop();
    expect(answers.length).to.be.above(20);
    expect(answers.filter(a => a.status !== 200 && a.status !== 503)).to.eql(
      [],
    );
    expect(answers.filter(a => a.status === 503 && !a.retryAfter)).to.eql([]);
    expectAlive();
    await expectServing();
  });

  it('answers 503 while PostgreSQL is stopped, never 500 nor a crash, and serves again once it is back', async () => {
    const load = givenRequestLoad(urls, LOAD());
    await server.pause();
    try {
      await eventually(() =>
        expect(
          new Set(load.answers.filter(a => a.status === 503).map(a => a.path))
            .size,
        ).to.equal(LOAD().length),
      );
    } finally {
      await server.resume();
    }
    await expectServing();
    const answers = await load.stop();
    expect(answers.filter(a => a.status !== 200 && a.status !== 503)).to.eql(
      [],
    );
    expect(answers.filter(a => a.status === 503 && !a.retryAfter)).to.eql([]);
    expectAlive();
  });
});
