// Copyright The loopback-security-monorepo authors. License: MIT.

import {expect} from '@loopback/testlab';
import {
  PostgresAuthorizationStore,
  PostgresChangeFeed,
  StoreChange,
  StoreSnapshot,
} from '../..';
import {givenTestDatabase, TestDatabase} from '../../testing';
import {
  eventually,
  givenCleanups,
  givenFeed,
  givenRule,
  givenStore,
  RecordingSubscriber,
  storeChecksum,
} from '../fixtures/store.fixtures';

describe('PostgresChangeFeed (PostgreSQL)', () => {
  let db: TestDatabase;
  let writer: PostgresAuthorizationStore;
  let reader: PostgresAuthorizationStore;
  const cleanups = givenCleanups();

  before(async () => {
    db = await givenTestDatabase('feed');
  });
  after(() => db?.drop());

  beforeEach(async () => {
    // Two instances on one schema: one writes, the other follows
    const schema = `s_${Math.random().toString(36).slice(2, 10)}`;
    const first = await givenStore(db.url, schema);
    const second = await givenStore(db.url, schema);
    writer = first.store;
    reader = second.store;
    cleanups.push(first.close, second.close);
  });

  async function startFeed(options = {}) {
    const started = await givenFeed(reader, db.url, options);
    cleanups.push(() => started.feed.stop());
    return started;
  }

  it('loads everything once, then applies each change', async () => {
    await writer.upsertRules([givenRule('r1')]);
    await writer.setRoles('ann', ['ADMIN']);
    const {feed, seen} = await startFeed();
    expect(seen.loads).to.equal(1);
    expect(feed.status().revision).to.equal(2);
    await writer.deleteRule('r1');
    await writer.setRoles('ann', ['USER']);
    await eventually(() => expect(feed.status().revision).to.equal(4));
    expect(seen.loads).to.equal(1);
    expect(seen.changes.map(c => c.revision)).to.deepEqual([3, 4]);
    expect(seen.roles.rolesOf('ann')).to.deepEqual(['USER']);
    expect(seen.checksum()).to.equal(await storeChecksum(writer));
  });

  it('is woken by a notification well before its poll', async () => {
    const {feed} = await startFeed({
      pollIntervalMs: 60000,
      stalenessBoundMs: 120000,
    });
    await eventually(() => expect(feed.status().listening).to.be.true());
    const {revision} = await writer.setRoles('ann', ['ADMIN']);
    const started = Date.now();
    await eventually(
      () => expect(feed.status().revision).to.equal(revision),
      5000,
      2,
    );
    expect(Date.now() - started).to.be.below(2000);
  });

  it('finds a change by polling when no notification arrives', async () => {
    const {feed} = await startFeed({
      pollIntervalMs: 50,
      stalenessBoundMs: 1000,
    });
    // Notifications go to another channel: only the poll can see the write
    await writer.pool.query(
      `UPDATE "${writer.schema}".revision SET value = value + 1`,
    );
    await writer.pool.query(
      `INSERT INTO "${writer.schema}".change_log (revision, seq, kind, op, key, body)
       VALUES (1, 1, 'roles', 'set', 'ann', '{"roles": ["ADMIN"]}')`,
    );
    await eventually(() => expect(feed.status().revision).to.equal(1));
  });

  it('waits for a revision written through another instance', async () => {
    const {feed} = await startFeed({
      pollIntervalMs: 60000,
      stalenessBoundMs: 120000,
    });
    const {revision} = await writer.setRoles('ann', ['ADMIN']);
    expect(await feed.waitForRevision(revision, 5000)).to.be.true();
    expect(feed.status().revision).to.be.aboveOrEqual(revision);
  });

  it('answers a revision it has at once, and one never written with a timeout', async () => {
    const {feed} = await startFeed();
    expect(await feed.waitForRevision(0, 0)).to.be.true();
    const started = Date.now();
    expect(await feed.waitForRevision(1000, 100)).to.be.false();
    expect(Date.now() - started).to.be.within(90, 1000);
  });

  it('throws 503 with how far behind it is when a revision is not reached', async () => {
    const {feed} = await startFeed();
    const error = await feed.requireRevision(1000, 50).then(
      () => undefined,
      err => err,
    );
    expect(error).to.containDeep({
      statusCode: 503,
      code: 'AUTHORIZATION_REVISION_TIMEOUT',
      details: {revision: 0, requiredRevision: 1000, stalenessBoundMs: 5000},
    });
    expect(error.message).to.match(
      /revision 1000 not reached within 50 ms \(this instance is at 0\)/,
    );
  });

  it('refuses a revision that is not a non-negative integer', async () => {
    const {feed} = await startFeed();
    for (const revision of [-1, 1.5, NaN, '3']) {
      await expect(
        feed.waitForRevision(revision as number, 10),
      ).to.be.rejectedWith(/"revision" must be an integer of at least 0/);
    }
  });

  it('is stale before its first load and fresh after it', async () => {
    const feed = new PostgresChangeFeed(reader, {connectionString: db.url});
    expect(() => feed.checkFresh()).to.throw(
      /stale: last confirmed up to date never/,
    );
    expect(feed.status()).to.containDeep({stale: true, revision: 0});
    await feed.start();
    cleanups.push(() => feed.stop());
    expect(() => feed.checkFresh()).to.not.throw();
    expect(feed.status().stale).to.be.false();
  });

  it('gives a subscriber added later everything, as it gives the others', async () => {
    await writer.setRoles('ann', ['ADMIN']);
    const {feed, seen} = await startFeed();
    const late = new RecordingSubscriber();
    feed.subscribe(late);
    await eventually(() => expect(late.loads).to.equal(1));
    expect(late.checksum()).to.equal(seen.checksum());
  });

  it('loads everything again after a subscriber failed, never keeping a gap', async () => {
    const {feed, seen} = await startFeed({
      pollIntervalMs: 50,
      stalenessBoundMs: 1000,
    });
    let failures = 1;
    feed.subscribe({
      load: (_snapshot: StoreSnapshot) => {},
      apply: (_change: StoreChange) => {
        if (failures-- > 0) throw new Error('boom');
      },
    });
    await eventually(() => expect(seen.loads).to.equal(2));
    const {revision} = await writer.setRoles('ann', ['ADMIN']);
    await eventually(() => expect(feed.status().revision).to.equal(revision));
    await eventually(() => expect(seen.loads).to.equal(3));
    expect(seen.roles.rolesOf('ann')).to.deepEqual(['ADMIN']);
    expect(seen.checksum()).to.equal(await storeChecksum(writer));
  });

  it('goes stale, failing closed, while a subscriber cannot load', async () => {
    const {feed} = await startFeed({pollIntervalMs: 50, stalenessBoundMs: 300});
    let broken = true;
    feed.subscribe({
      load: (_snapshot: StoreSnapshot) => {
        if (broken) throw new Error('cannot load');
      },
      apply: (_change: StoreChange) => {},
    });
    // Every poll reloads and fails again: the instance is never confirmed
    // up to date, so the staleness bound runs out
    await eventually(() => expect(feed.status().stale).to.be.true(), 5000);
    expect(() => feed.checkFresh()).to.throw(/Authorization data is stale/);
    broken = false;
    await eventually(() => expect(feed.status().stale).to.be.false(), 5000);
    expect(() => feed.checkFresh()).to.not.throw();
  });

  it('loads a snapshot when the changes it missed were pruned', async () => {
    const {feed, seen} = await startFeed();
    await writer.setRoles('ann', ['ADMIN']);
    await feed.waitForRevision(1, 5000);
    // An instance cut off for longer than the retention
    await feed.stop();
    await writer.setRoles('ann', ['USER']);
    await writer.upsertRules([givenRule('r1')]);
    await writer.setRoles('bob', ['ADMIN']);
    await new Promise(resolve => setTimeout(resolve, 5));
    expect(await writer.pruneChangeLog(1)).to.equal(3);
    await feed.sync();
    expect(feed.status().revision).to.equal(4);
    expect(seen.loads).to.equal(2);
    expect(seen.roles.rolesOf('ann')).to.deepEqual(['USER']);
    expect(seen.checksum()).to.equal(await storeChecksum(writer));
  });

  it('hands subscribers frozen changes', async () => {
    const {feed, seen} = await startFeed();
    const {revision} = await writer.upsertRules([
      givenRule('r1', {where: {a: 1}}),
    ]);
    await feed.waitForRevision(revision, 5000);
    const [change] = seen.changes;
    expect(Object.isFrozen(change)).to.be.true();
    if (change.kind !== 'rule' || change.op !== 'upsert') throw new Error();
    expect(Object.isFrozen(change.rule.where)).to.be.true();
  });

  it('refuses options that would make a healthy instance stale', () => {
    expect(
      () =>
        new PostgresChangeFeed(
          reader,
          {},
          {pollIntervalMs: 1000, stalenessBoundMs: 500},
        ),
    ).to.throw(
      /"stalenessBoundMs" \(500\) must be more than "pollIntervalMs" \(1000\)/,
    );
    expect(() => new PostgresChangeFeed(reader, {}, {batchSize: 0})).to.throw(
      /"batchSize" must be an integer of at least 1, got number 0/,
    );
  });
});
