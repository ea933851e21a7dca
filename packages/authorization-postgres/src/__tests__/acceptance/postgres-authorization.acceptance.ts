// Copyright The loopback-security-monorepo authors. License: MIT.

import {
  AuthorizationDecisionRecord,
  AuthorizationTags,
} from '@loopback/authorization';
import {RestApplication} from '@loopback/rest';
import {Client, createRestAppClient, expect} from '@loopback/testlab';
import {
  asChangeSubscriber,
  PostgresAuthorizationBindings,
  PostgresAuthorizationOptions,
} from '../..';
import {givenTestDatabase, TestDatabase} from '../../testing';
import {givenRoleApp} from '../../testing';
import {eventually, RecordingSubscriber} from '../fixtures/store.fixtures';

describe('PostgresAuthorizationComponent (PostgreSQL, over HTTP)', () => {
  let db: TestDatabase;
  const apps: RestApplication[] = [];

  before(async () => {
    db = await givenTestDatabase('component');
  });
  after(() => db?.drop());
  afterEach(async () => {
    for (const app of apps.splice(0)) await app.stop();
  });

  let schemaCount = 0;
  async function givenInstances(
    count: number,
    options: PostgresAuthorizationOptions = {},
  ) {
    const schema = `app_${++schemaCount}_${Date.now().toString(36)}`;
    const clients: Client[] = [];
    for (let i = 0; i < count; i++) {
      const app = givenRoleApp({connectionString: db.url, schema, ...options});
      await app.start();
      apps.push(app);
      clients.push(createRestAppClient(app));
    }
    const store = await apps[apps.length - 1].get(
      PostgresAuthorizationBindings.STORE,
    );
    return {clients, store};
  }

  /**
   * Keeps the decision records of instance `index`
   */
  function givenDecisionRecords(index: number) {
    const records: AuthorizationDecisionRecord[] = [];
    apps[index]
      .bind('test.listeners.record')
      .to((record: AuthorizationDecisionRecord) => {
        records.push(record);
      })
      .tag(AuthorizationTags.DECISION_LISTENER);
    return records;
  }

  /**
   * Stops the change feed of instance `index` and waits until that instance,
   * no longer reading the store, refuses a call with 503
   */
  async function givenStoppedFeed(index: number, client: Client) {
    await (await apps[index].get(PostgresAuthorizationBindings.FEED)).stop();
    await eventually(
      async () => {
        const res = await getAdmin(client, 'ann');
        expect(res.status).to.equal(503);
      },
      5000,
      100,
    );
  }

  /**
   * GET /admin as `user`, through an instance that first catches up with
   * `revision` when one is given
   */
  function getAdmin(client: Client, user: string, revision?: unknown) {
    const request = client.get('/admin').set('x-user', user);
    return revision === undefined
      ? request
      : request.set('x-authorization-revision', String(revision));
  }

  it('takes roles from the store, not from the profile', async () => {
    const {clients, store} = await givenInstances(1);
    await getAdmin(clients[0], 'ann').expect(403);
    const {revision} = await store.setRoles('ann', ['ADMIN']);
    await getAdmin(clients[0], 'ann', revision).expect(200, {ok: true});
  });

  it('enforces a revocation written through another instance', async () => {
    const {clients, store} = await givenInstances(2);
    await store.setRoles('root', ['ADMIN']);
    const {revision: granted} = await store.setRoles('ann', ['ADMIN']);
    await getAdmin(clients[1], 'ann', granted).expect(200);
    const res = await clients[0]
      .put('/users/ann/roles')
      .set('x-user', 'root')
      // Written through the other instance: wait for it here too
      .set('x-authorization-revision', String(granted))
      .send([])
      .expect(200);
    // Read-your-writes: the revision of the write, sent to the other one
    await getAdmin(clients[1], 'ann', res.body.revision).expect(403);
  });

  it('adds the roles of the tenant of the request', async () => {
    const {clients, store} = await givenInstances(1);
    const {revision} = await store.setRoles('ann', ['ADMIN'], 't1');
    const get = (tenant?: string) => {
      const request = getAdmin(clients[0], 'ann', revision);
      return tenant ? request.set('x-tenant', tenant) : request;
    };
    await get('t1').expect(200);
    await get('t2').expect(403);
    await get().expect(403);
  });

  it('answers 503 when a requested revision is not reached in time', async () => {
    const {clients} = await givenInstances(1, {revisionWaitMs: 100});
    const started = Date.now();
    // The client is told why, and when to try again
    const res = await getAdmin(clients[0], 'ann', '999999').expect(503);
    expect(res.body.error.message).to.match(
      /^Authorization data at revision 999999 not reached within 100 ms \(this instance is at \d+\)$/,
    );
    expect(res.headers['retry-after']).to.equal('1');
    expect(Date.now() - started).to.be.aboveOrEqual(90);
  });

  for (const header of [
    '0',
    '-1',
    'abc',
    '1.5',
    '99999999999999999',
    '9007199254740993',
  ]) {
    it(`answers 400 to the revision header "${header}"`, async () => {
      const {clients} = await givenInstances(1);
      const res = await clients[0]
        .get('/admin')
        .set('x-authorization-revision', header)
        .expect(400);
      expect(res.body.error.message).to.match(
        /Invalid "x-authorization-revision" header: expected a revision \(a positive integer\)/,
      );
    });
  }

  it('fails closed with 503 when stale, and reports it on the health endpoint', async () => {
    const {clients, store} = await givenInstances(1, {
      pollIntervalMs: 100,
      stalenessBoundMs: 1500,
    });
    const {revision} = await store.setRoles('ann', ['ADMIN']);
    const health = await clients[0].get('/authorization/health').expect(200);
    expect(health.body).to.containDeep({stale: false, stalenessBoundMs: 1500});
    await getAdmin(clients[0], 'ann', revision).expect(200);
    // An instance that stopped reading the store goes stale
    await givenStoppedFeed(0, clients[0]);
    const refused = await getAdmin(clients[0], 'ann');
    expect(refused.body.error.message).to.match(
      /^Authorization data is stale: last confirmed up to date \d+ ms ago, past the bound of 1500 ms$/,
    );
    expect(refused.headers['retry-after']).to.equal('1');
    const stale = await clients[0].get('/authorization/health').expect(503);
    expect(stale.body).to.containDeep({stale: true, revision});
    expect(stale.body.lagMs).to.be.above(1500);
  });

  it('puts the revision, the lag and the bound in the record of every decision', async () => {
    const {clients, store} = await givenInstances(1, {stalenessBoundMs: 5000});
    const records = givenDecisionRecords(0);
    const {revision} = await store.setRoles('ann', ['ADMIN']);
    await getAdmin(clients[0], 'ann', revision).expect(200);
    const freshness = records[0].votes.find(vote =>
      vote.voter.includes('postgresFreshness'),
    );
    expect(freshness?.decision).to.equal('Abstain');
    expect(freshness?.reason).to.match(
      new RegExp(`^store:revision=${revision},lagMs=\\d+,boundMs=5000$`),
    );
  });

  it('puts the lag and the bound in the decision record of a stale refusal', async () => {
    const {clients, store} = await givenInstances(1, {
      pollIntervalMs: 100,
      stalenessBoundMs: 1000,
    });
    const records = givenDecisionRecords(0);
    const {revision} = await store.setRoles('ann', ['ADMIN']);
    await givenStoppedFeed(0, clients[0]);
    const record = records[records.length - 1];
    expect(record.decision).to.equal('Deny');
    expect(record.error).to.containDeep({
      statusCode: 503,
      code: 'AUTHORIZATION_STORE_STALE',
      details: {revision, stalenessBoundMs: 1000},
    });
    const {details} = record.error as unknown as {details: {lagMs: number}};
    expect(details.lagMs).to.be.above(1000);
    expect(record.error?.message).to.match(
      /Authorization data is stale: last confirmed up to date \d+ ms ago, past the bound of 1000 ms/,
    );
  });

  it('hands the changes to every subscriber bound as one, even after the start, until it is unbound', async () => {
    const {store} = await givenInstances(1);
    const feed = await apps[0].get(PostgresAuthorizationBindings.FEED);
    const late = new RecordingSubscriber();
    apps[0].bind('test.subscribers.late').to(late).apply(asChangeSubscriber);
    const {revision} = await store.setRoles('ann', ['ADMIN']);
    await feed.requireRevision(revision, 2000);
    await eventually(() =>
      expect(late.roles.rolesOf('ann')).to.deepEqual(['ADMIN']),
    );
    apps[0].unbind('test.subscribers.late');
    let round = 0;
    await eventually(async () => {
      const written = await store.setRoles('bob', [`R${++round}`]);
      await feed.requireRevision(written.revision, 2000);
      expect(late.changes.map(c => c.revision)).not.containEql(
        written.revision,
      );
    });
  });

  it('refuses to start without a connection', async () => {
    const app = givenRoleApp({});
    // Nothing was started: the options are checked before anything opens
    await expect(app.start()).to.be.rejectedWith(
      /Invalid PostgresAuthorizationComponent options: give "connectionString" or "pool"/,
    );
  });

  it('serves no health endpoint when asked not to', async () => {
    const {clients} = await givenInstances(1, {healthEndpoint: false});
    await clients[0].get('/authorization/health').expect(404);
  });
});
