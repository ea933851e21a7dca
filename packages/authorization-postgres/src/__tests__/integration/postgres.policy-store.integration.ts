// Copyright The loopback-security-monorepo authors. License: MIT.

import type {
  PolicyCaller,
  ResourceSchema,
  Rule,
} from '@loopback/authorization-policy';
import {expect} from '@loopback/testlab';
import {PostgresAuthorizationStore, PostgresChangeFeed} from '../..';
import {juggler} from '@loopback/repository';
import {
  GuardedItemRepository,
  ITEM_RESOURCE,
  ItemRepository,
} from '@loopback/authorization-policy/testing';
import {PolicyEngineSink, PostgresPolicyStore} from '../../policy';
import {givenTestDatabase, TestDatabase} from '../../testing';
import {
  eventually,
  givenCleanups,
  givenRule as givenStoredRule,
  givenStore,
} from '../fixtures/store.fixtures';

const ORDER: ResourceSchema = {
  name: 'Order',
  properties: {
    id: 'string',
    ownerId: 'string',
    total: 'number',
  },
};

const admin: PolicyCaller = Object.freeze({
  id: 'ann',
  roles: Object.freeze(['ADMIN']),
  attributes: Object.freeze({id: 'ann'}),
});

/**
 * A rule of the policy package: allows ADMIN to read every order
 */
function givenRule(id: string, fields: object = {}): Rule {
  return givenStoredRule(id, fields) as unknown as Rule;
}

describe('PostgresPolicyStore (PostgreSQL)', () => {
  let db: TestDatabase;
  // Two instances on one schema, each with its store, feed and policy store
  let first: Instance;
  let second: Instance;
  const cleanups = givenCleanups();

  interface Instance {
    store: PostgresAuthorizationStore;
    feed: PostgresChangeFeed;
    policies: PostgresPolicyStore;
  }

  before(async () => {
    db = await givenTestDatabase('policy');
  });
  after(() => db?.drop());

  beforeEach(async () => {
    const schema = `s_${Math.random().toString(36).slice(2, 10)}`;
    first = await givenInstance(schema);
    second = await givenInstance(schema);
  });

  async function givenInstance(
    schema: string,
    stalenessBoundMs = 5000,
  ): Promise<Instance> {
    const {store, close} = await givenStore(db.url, schema);
    const feed = new PostgresChangeFeed(
      store,
      {connectionString: db.url},
      {stalenessBoundMs, pollIntervalMs: 200},
    );
    const rules = new PolicyEngineSink([ORDER, ITEM_RESOURCE]);
    feed.subscribe(rules);
    const policies = new PostgresPolicyStore(store, feed, rules, 2000);
    await feed.start();
    cleanups.push(close, () => feed.stop());
    return {store, feed, policies};
  }

  function allowed(engine: Awaited<ReturnType<PostgresPolicyStore['engine']>>) {
    return engine.decide(admin, 'Order', 'read').allowed;
  }

  it('applies a rule created through one instance on both', async () => {
    const created = await first.policies.createRule(givenRule('r1'));
    expect(created.rule.id).to.equal('r1');
    // Read-your-writes: the instance that wrote has applied it
    expect(allowed(await first.policies.engine())).to.be.true();
    await second.feed.requireRevision(created.revision, 2000);
    expect(allowed(await second.policies.engine())).to.be.true();
    expect(await second.policies.findById('r1')).to.deepEqual(created.rule);
  });

  it('enforces a revocation made through the other instance', async () => {
    await first.policies.create(givenRule('r1'));
    await eventually(async () =>
      expect(await second.policies.findById('r1')).to.not.be.undefined(),
    );
    const {revision, changed} = await second.policies.deleteRule('r1');
    expect(changed).to.be.true();
    expect(allowed(await second.policies.engine())).to.be.false();
    await first.feed.requireRevision(revision, 2000);
    expect(allowed(await first.policies.engine())).to.be.false();
  });

  it('tells whether a deleted rule existed', async () => {
    await first.policies.create(givenRule('r1'));
    expect(await first.policies.deleteById('r1')).to.be.true();
    expect(await first.policies.deleteById('r1')).to.be.false();
    expect(await second.policies.deleteById('never')).to.be.false();
  });

  it('applies changes to the same engine, without reloading', async () => {
    await first.policies.create(givenRule('r1'));
    await eventually(async () =>
      expect(await second.policies.find()).to.have.length(1),
    );
    const engine = await second.policies.engine();
    const {revision} = await first.policies.createRule(givenRule('r2'));
    await first.policies.deleteById('r1');
    await second.feed.requireRevision(revision + 1, 2000);
    expect(await second.policies.engine()).to.equal(engine);
    expect((await second.policies.find()).map(r => r.id)).to.deepEqual(['r2']);
  });

  it('assigns an id to a rule without one', async () => {
    const input: Partial<Rule> = givenRule('x');
    delete input.id;
    const rule = await first.policies.create(input as Omit<Rule, 'id'>);
    expect(rule.id).to.match(/^[0-9a-f-]{36}$/);
  });

  it('rejects an invalid rule with 422 and stores nothing', async () => {
    await expect(
      first.policies.create(givenRule('bad', {fields: ['secret']})),
    ).to.be.rejectedWith({statusCode: 422, code: 'INVALID_POLICY_RULE'});
    expect((await first.store.snapshot()).rules).to.have.length(0);
  });

  it('rejects a taken id through either instance', async () => {
    await first.policies.create(givenRule('r1'));
    await expect(first.policies.create(givenRule('r1'))).to.be.rejectedWith({
      statusCode: 422,
      message: /a rule with this id exists/,
    });
    // Written around the policy store: the feed has not brought it yet
    await first.store.createRule(givenStoredRule('r2'));
    await expect(second.policies.create(givenRule('r2'))).to.be.rejectedWith({
      statusCode: 422,
    });
  });

  it('is unavailable (503) while a stored rule is invalid', async () => {
    await first.policies.create(givenRule('r1'));
    // Written around the policy package: an operator it refuses
    const {revision} = await first.store.upsertRules([
      givenStoredRule('r1', {where: {ownerId: {like: '%'}}}),
    ]);
    await second.feed.requireRevision(revision, 2000);
    await expect(second.policies.engine()).to.be.rejectedWith({
      statusCode: 503,
      code: 'POLICY_STORE_UNAVAILABLE',
      message: /the stored rule "r1" is invalid/,
    });
    const removed = await first.store.deleteRule('r1');
    await second.feed.requireRevision(removed.revision, 2000);
    expect(allowed(await second.policies.engine())).to.be.false();
  });

  it('is unavailable (503) while its instance is stale', async () => {
    const schema = `s_${Math.random().toString(36).slice(2, 10)}`;
    const stale = await givenInstance(schema, 300);
    await stale.policies.create(givenRule('r1'));
    expect(allowed(await stale.policies.engine())).to.be.true();
    await stale.feed.stop();
    await eventually(() => expect(stale.feed.status().stale).to.be.true());
    // The feed's own 503: its details and Retry-After, as the role mapper's
    await expect(stale.policies.engine()).to.be.rejectedWith({
      statusCode: 503,
      code: 'AUTHORIZATION_STORE_STALE',
      message: /stale/,
      details: {stalenessBoundMs: 300},
      headers: {'Retry-After': '1'},
    });
  });

  it('makes a guarded repository answer 503 while stale, never allow', async () => {
    const schema = `s_${Math.random().toString(36).slice(2, 10)}`;
    const stale = await givenInstance(schema, 300);
    await stale.policies.create({
      id: 'admins-read-items',
      effect: 'allow',
      resource: 'Item',
      actions: ['read'],
      subjects: ['ADMIN'],
    });
    const dataSource = new juggler.DataSource({connector: 'memory'});
    await new ItemRepository(dataSource).create({id: 1, owner: 'u1'});
    const items = new GuardedItemRepository(dataSource);
    items.policyReader = stale.policies;
    items.policyCaller = async () => admin;
    expect(await items.find()).to.have.length(1);
    await stale.feed.stop();
    await eventually(() => expect(stale.feed.status().stale).to.be.true());
    await expect(items.find()).to.be.rejectedWith({statusCode: 503});
    await expect(items.count()).to.be.rejectedWith({statusCode: 503});
  });

  it('loads the rules when it subscribes to a feed already started', async () => {
    await first.policies.create(givenRule('r1'));
    const rules = new PolicyEngineSink([ORDER]);
    const unsubscribe = second.feed.subscribe(rules);
    cleanups.push(async () => unsubscribe());
    const late = new PostgresPolicyStore(
      second.store,
      second.feed,
      rules,
      2000,
    );
    expect(allowed(await late.engine())).to.be.true();
  });
});
