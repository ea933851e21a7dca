// Copyright The loopback-security-monorepo authors. License: MIT.

import {expect} from '@loopback/testlab';
import {securityId} from '@loopback/security';
import {Pool} from 'pg';
import {
  createPostgresRoleMapper,
  isDatabaseUnavailable,
  PostgresAuthorizationStore,
  PostgresChangeFeed,
} from '../..';
import {LISTENER_APPLICATION_NAME} from '../../feeds/notification-listener';
import {
  EmbeddedTestPostgres,
  givenTestDatabase,
  startEmbeddedPostgres,
  TestDatabase,
} from '../../testing';
import {
  eventually,
  givenCleanups,
  givenInstance,
  givenRule,
  RecordingSubscriber,
  storeChecksum,
} from '../fixtures/store.fixtures';

describe('Faults (PostgreSQL)', () => {
  const cleanups = givenCleanups();

  function instance(url: string, schema: string, options = {}) {
    return givenInstance(cleanups, url, schema, options);
  }

  describe('on a shared server', () => {
    let db: TestDatabase;
    before(async () => {
      db = await givenTestDatabase('faults');
    });
    after(() => db?.drop());

    it('reconnects after its LISTEN connection is killed, catches up and misses no change', async () => {
      // No poll to hide behind: only the reconnect can catch up
      const options = {pollIntervalMs: 60000, stalenessBoundMs: 120000};
      const follower = await instance(db.url, 'kill', options);
      const writer = await instance(db.url, 'kill', options);
      for (let round = 1; round <= 3; round++) {
        // Both listening, so that both are killed
        await eventually(() => {
          expect(follower.feed.status().listening).to.be.true();
          expect(writer.feed.status().listening).to.be.true();
        });
        const {rows} = await writer.store.pool.query(
          `SELECT pg_terminate_backend(pid) AS killed FROM pg_stat_activity
           WHERE application_name = $1 AND datname = current_database()`,
          [LISTENER_APPLICATION_NAME],
        );
        expect(rows.length).to.be.aboveOrEqual(2);
        // Written while the listeners are down: no notification reaches them
        for (let i = 0; i < 10; i++) {
          await writer.store.setRoles(`user${i}`, [`ROLE${round}`]);
          await writer.store.upsertRules([givenRule(`r${round}-${i}`)]);
        }
        await eventually(() =>
          expect(follower.feed.status().reconnects).to.be.aboveOrEqual(round),
        );
        const head = await writer.store.currentRevision();
        await eventually(() =>
          expect(follower.feed.status().revision).to.equal(head),
        );
      }
      expect(follower.seen.loads).to.equal(1);
      expect(follower.seen.checksum()).to.equal(
        await storeChecksum(writer.store),
      );
      expect(follower.seen.roles.rolesOf('user3')).to.deepEqual(['ROLE3']);
    });

    it('survives every backend of its pool killed during writes, and writes again', async () => {
      // Only the store's handlers: no pool 'error' listener of the test
      const pool = new Pool({
        connectionString: db.url,
        max: 4,
        // eslint-disable-next-line @typescript-eslint/naming-convention
        application_name: 'kill-writes',
      });
      pool.on('error', () => {});
      cleanups.push(() => pool.end());
      const store = new PostgresAuthorizationStore(pool, 'killwrites');
      await store.migrate();
      const killer = await instance(db.url, 'killwrites');
      let running = true;
      const failures: unknown[] = [];
      // The writers stop by themselves too, should this test be left
      // behind by an uncaught error: after 20 s, or 1,000 failures
      const deadline = Date.now() + 20_000;
      const writers = [0, 1, 2, 3].map(async n => {
        for (let i = 0; running && Date.now() < deadline; i++) {
          await store.setRoles(`user${n}`, [`R${i}`]).catch(err => {
            failures.push(err);
            if (failures.length >= 1000) running = false;
          });
        }
      });
      let killed = 0;
      try {
        for (let round = 0; round < 5; round++) {
          await new Promise(resolve => setTimeout(resolve, 50));
          const {rowCount} = await killer.store.pool.query(
            `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
             WHERE application_name = 'kill-writes'`,
          );
          killed += rowCount ?? 0;
        }
      } finally {
        running = false;
        await Promise.all(writers);
      }
      expect(killed).to.be.above(0);
      // Every failure says the database was away, nothing else
      expect(
        failures.filter(f => !isDatabaseUnavailable(f)).map(String),
      ).to.deepEqual([]);
      // Broken connections were not handed back: the next writes work
      for (let n = 0; n < 4; n++) await store.setRoles(`user${n}`, ['DONE']);
      expect((await store.snapshot()).roleAssignments).to.have.length(4);
    });

    it('converges on every instance when instances write concurrently', async () => {
      const instances = [];
      for (let i = 0; i < 3; i++) {
        instances.push(
          await instance(db.url, 'converge', {pollIntervalMs: 200}),
        );
      }
      // Each writes its own keys and the same contended keys
      await Promise.all(
        instances.map(async ({store}, n) => {
          for (let i = 0; i < 40; i++) {
            const key = i % 3 === 0 ? `shared${i % 5}` : `own${n}-${i}`;
            if (i % 4 === 0) await store.setRoles(key, [`R${n}`, `R${i}`]);
            else if (i % 7 === 0) await store.deleteRule(`shared${i % 5}`);
            else await store.upsertRules([givenRule(key, {writer: n, i})]);
          }
        }),
      );
      const head = await instances[0].store.currentRevision();
      expect(head).to.be.aboveOrEqual(100);
      const expected = await storeChecksum(instances[0].store);
      for (const {feed, seen} of instances) {
        expect(await feed.waitForRevision(head, 5000)).to.be.true();
        expect(seen.checksum()).to.equal(expected);
      }
      // And one that starts now, from a snapshot, agrees
      const late = await instance(db.url, 'converge');
      expect(late.seen.checksum()).to.equal(expected);
    });
  });

  describe('when PostgreSQL stops and starts again', () => {
    let server: EmbeddedTestPostgres;
    before(async () => {
      // A server of its own: stopping the shared one would break others
      server = await startEmbeddedPostgres();
    });
    after(() => server?.stop());

    it('fails closed past the staleness bound and serves again once caught up', async () => {
      const options = {
        pollIntervalMs: 100,
        stalenessBoundMs: 1500,
        reconnectDelayMs: 50,
      };
      const {store, feed, seen} = await instance(
        server.url,
        'restart',
        options,
      );
      await store.setRoles('ann', ['ADMIN']);
      await eventually(() =>
        expect(seen.roles.rolesOf('ann')).to.deepEqual(['ADMIN']),
      );
      const mapRoles = createPostgresRoleMapper(feed, seen.roles);
      const ann = [{[securityId]: 'ann', type: 'USER'}];
      expect(await mapRoles(ann, undefined as never)).to.deepEqual(['ADMIN']);

      await server.pause();
      await eventually(() => expect(feed.status().stale).to.be.true(), 10000);
      expect(() => mapRoles(ann, undefined as never)).to.throw(
        /Authorization data is stale: last confirmed up to date \d+ ms ago, past the bound of 1500 ms/,
      );
      let thrown: {statusCode?: number; code?: string} | undefined;
      try {
        await mapRoles(ann, undefined as never);
      } catch (err) {
        thrown = err as typeof thrown;
      }
      expect(thrown).to.containDeep({
        statusCode: 503,
        code: 'AUTHORIZATION_STORE_STALE',
      });
      expect(feed.status().listening).to.be.false();

      await server.resume();
      await eventually(() => expect(feed.status().stale).to.be.false(), 15000);
      // A change made after the restart arrives, by notification or poll
      const {revision} = await store.setRoles('ann', []);
      expect(await feed.waitForRevision(revision, 5000)).to.be.true();
      expect(await mapRoles(ann, undefined as never)).to.deepEqual([]);
      await eventually(
        () => expect(feed.status().listening).to.be.true(),
        10000,
      );
    });
  }).timeout(60000);

  it('rejects start() when the database is unreachable', async () => {
    const pool = new Pool({
      connectionString: 'postgres://u:p@127.0.0.1:1/none',
    });
    cleanups.push(() => pool.end());
    const feed = new PostgresChangeFeed(new PostgresAuthorizationStore(pool), {
      connectionString: 'postgres://u:p@127.0.0.1:1/none',
    });
    feed.subscribe(new RecordingSubscriber());
    await expect(feed.start()).to.be.rejectedWith(/ECONNREFUSED/);
    expect(feed.status().stale).to.be.true();
  });
});
