// Copyright The loopback-security-monorepo authors. License: MIT.

import {
  PostgresAuthorizationBindings,
  PostgresAuthorizationComponent,
} from '@loopback/authorization-postgres';
import {
  givenTestDatabase,
  TestDatabase,
} from '@loopback/authorization-postgres/testing';
import {Client, createRestAppClient, expect} from '@loopback/testlab';
import {Client as PgClient} from 'pg';
import {AuthorizationConsoleBindings, DecisionEntry} from '../..';
import {as, ConsoleTestApp} from '../fixtures/console-app';
import {givenTcpProxy} from '../fixtures/tcp-proxy';

const DAY = 86_400_000;

/**
 * What `read` answers once it is not empty, within 5 s
 */
async function eventually<T>(read: () => Promise<T[]>): Promise<T[]> {
  const until = Date.now() + 5000;
  for (;;) {
    const found = await read();
    if (found.length > 0 || Date.now() > until) return found;
    await new Promise(resolve => setTimeout(resolve, 50));
  }
}

describe('the decision log kept in PostgreSQL', () => {
  let db: TestDatabase;
  const apps: ConsoleTestApp[] = [];

  before(async () => {
    db = await givenTestDatabase('console');
  });
  after(async () => {
    for (const app of apps) await app.stop();
    await db?.drop();
  });

  async function givenInstance(connectionString = db.url): Promise<{
    app: ConsoleTestApp;
    client: Client;
  }> {
    const app = new ConsoleTestApp({
      decisionLog: {postgres: {flushIntervalMs: 50, retentionMs: DAY}},
    });
    app
      .configure(PostgresAuthorizationBindings.COMPONENT)
      .to({connectionString, healthEndpoint: false});
    app.component(PostgresAuthorizationComponent);
    apps.push(app);
    await app.start();
    await app.reset();
    return {app, client: createRestAppClient(app)};
  }

  async function sql(text: string, values: unknown[] = []) {
    const client = new PgClient({connectionString: db.url});
    await client.connect();
    try {
      return (await client.query(text, values)).rows;
    } finally {
      await client.end();
    }
  }

  it('writes the decisions of every instance and reads them back, newest first, filtered', async () => {
    const first = await givenInstance();
    const second = await givenInstance();
    await first.client.get('/stats').set(as('alice')).expect(403);
    await second.client.get('/me').set(as('bob')).expect(200);
    // The second instance writes within its flush interval (50 ms)
    const entries = await eventually(async () => {
      const res = await first.client
        .get('/authorization/decisions?user=bob')
        .set(as('admin'))
        .expect(200);
      return res.body as DecisionEntry[];
    });
    expect(entries[0]).to.containDeep({
      user: {id: 'bob', name: 'Bob'},
      route: {verb: 'GET', path: '/me'},
      decision: 'Allow',
      decidedBy: {
        kind: 'vote',
        voter: 'binding "authorization.authorizers.roles"',
      },
    });
    const denied = await second.client
      .get('/authorization/decisions?decision=Deny&path=/stats')
      .set(as('admin'))
      .expect(200);
    expect(denied.body[0]).to.containDeep({
      user: {id: 'alice'},
      roles: ['READER'],
      decision: 'Deny',
    });
    const session = await first.client
      .get('/authorization/session')
      .set(as('admin'))
      .expect(200);
    expect(session.body.features.decisionStore).to.equal('postgres');
  });

  it('writes a decision whose strings PostgreSQL refuses as they are, made storable, and those after it', async () => {
    const {app, client} = await givenInstance();
    // A NUL character and a lone surrogate in role names
    app.memoryRoles.roles.set('bob', ['READER', 'A\u0000B', 'C\ud800']);
    await client.get('/me').set(as('bob')).expect(200);
    await client.get('/stats').set(as('dave')).expect(200);
    const entries = await eventually(async () => {
      const res = await client
        .get('/authorization/decisions?path=/me&user=bob')
        .set(as('admin'))
        .expect(200);
      return res.body as DecisionEntry[];
    });
    expect(entries[0].roles).to.eql(['READER', 'A\uFFFDB', 'C\uFFFD']);
    const after = await client
      .get('/authorization/decisions?path=/stats&user=dave')
      .set(as('admin'))
      .expect(200);
    expect(after.body).to.have.length(1);
    const store = await app.get(AuthorizationConsoleBindings.DECISION_STORE);
    expect(store.rejected).to.equal(0);
  });

  it('leaves out and counts a row PostgreSQL refuses, writes the others, and still answers reads', async () => {
    const {app, client} = await givenInstance();
    await sql(
      `ALTER TABLE "authorization".decision_log ADD CONSTRAINT no_carol
         CHECK (user_id IS DISTINCT FROM 'carol') NOT VALID`,
    );
    try {
      const store = await app.get(AuthorizationConsoleBindings.DECISION_STORE);
      await client.get('/me').set(as('carol')).expect(200);
      await client.get('/me').set(as('erin')).expect(200);
      await eventually(async () => {
        await store.flush();
        return store.rejected === 1 ? [true] : [];
      });
      expect(store.rejected).to.equal(1);
      const read = async (user: string) =>
        (
          await client
            .get(`/authorization/decisions?path=/me&user=${user}`)
            .set(as('admin'))
            .expect(200)
        ).body as DecisionEntry[];
      expect(await read('carol')).to.eql([]);
      expect(await read('erin')).to.have.length(1);
    } finally {
      await sql(
        `ALTER TABLE "authorization".decision_log DROP CONSTRAINT no_carol`,
      );
    }
  });

  it('answers 503 with Retry-After when PostgreSQL cannot be reached, and logs no 500', async () => {
    const proxy = await givenTcpProxy(db.url);
    const {app, client} = await givenInstance(proxy.url);
    await client.get('/authorization/decisions').set(as('admin')).expect(200);
    await proxy.cut();
    const res = await client
      .get('/authorization/decisions')
      .set(as('admin'))
      .expect(503);
    expect(res.headers['retry-after']).to.equal('1');
    expect(res.body.error.message).to.equal(
      'The decision log is unavailable: try again shortly',
    );
    expect(app.loggedErrors.filter(e => !e.startsWith('503 '))).to.eql([]);
  });

  it('removes the decisions older than the retention period', async () => {
    await sql(
      `INSERT INTO "authorization".decision_log (instance, seq, time, roles,
         method, decision, decided_by, duration_ms)
       VALUES ('old', 1, now() - interval '2 days', '{}', 'Old.prototype.call',
         'Allow', '{"kind":"default"}', 0)`,
    );
    const {app} = await givenInstance();
    const store = await app.get(AuthorizationConsoleBindings.DECISION_STORE);
    expect(store.dropped).to.equal(0);
    const old = await sql(
      `SELECT count(*)::int AS n FROM "authorization".decision_log WHERE instance = 'old'`,
    );
    expect(old[0].n).to.equal(0);
  });
});
