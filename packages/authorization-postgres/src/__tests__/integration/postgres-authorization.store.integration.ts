// Copyright The loopback-security-monorepo authors. License: MIT.

import {expect} from '@loopback/testlab';
import {Client} from 'pg';
import {PostgresAuthorizationStore, SCHEMA_VERSION} from '../..';
import {givenTestDatabase, TestDatabase} from '../../testing';
import {givenRule, givenStore} from '../fixtures/store.fixtures';

describe('PostgresAuthorizationStore (PostgreSQL)', () => {
  let db: TestDatabase;
  let store: PostgresAuthorizationStore;
  let close: () => Promise<void>;

  before(async () => {
    db = await givenTestDatabase('store');
  });
  after(() => db?.drop());

  beforeEach(async () => {
    // A schema of its own for each test: revisions start at 0
    const schema = `s_${Math.random().toString(36).slice(2, 10)}`;
    ({store, close} = await givenStore(db.url, schema));
  });
  afterEach(() => close?.());

  describe('schema', () => {
    it('creates the schema at the current version, step by step, once', async () => {
      expect(await store.migrate()).to.equal(SCHEMA_VERSION);
      const {rows} = await store.pool.query(
        `SELECT version FROM "${store.schema}".schema_version ORDER BY version`,
      );
      expect(rows.map(row => row.version)).to.deepEqual(
        Array.from({length: SCHEMA_VERSION}, (_, i) => i + 1),
      );
    });

    it('migrates once when instances start together', async () => {
      const others = await Promise.all(
        [1, 2, 3].map(() => givenStore(db.url, `${store.schema}_x`)),
      );
      try {
        const {rows} = await store.pool.query(
          `SELECT count(*)::int AS n FROM "${store.schema}_x".schema_version`,
        );
        expect(rows[0].n).to.equal(SCHEMA_VERSION);
      } finally {
        await Promise.all(others.map(other => other.close()));
      }
    });

    it('refuses a schema newer than it knows', async () => {
      await store.pool.query(
        `INSERT INTO "${store.schema}".schema_version (version) VALUES ($1)`,
        [SCHEMA_VERSION + 1],
      );
      await expect(store.migrate()).to.be.rejectedWith(
        new RegExp(`at version ${SCHEMA_VERSION + 1}, newer than version`),
      );
    });

    it('refuses a schema name that is not a plain identifier', () => {
      expect(
        () => new PostgresAuthorizationStore(store.pool, 'x"; DROP'),
      ).to.throw(/Invalid PostgreSQL schema name "x\\"; DROP"/);
    });
  });

  describe('rules', () => {
    it('gives each write the next revision', async () => {
      expect(await store.upsertRules([givenRule('r1')])).to.deepEqual({
        revision: 1,
        changed: true,
      });
      expect(await store.upsertRules([givenRule('r2')])).to.deepEqual({
        revision: 2,
        changed: true,
      });
      expect(await store.deleteRule('r1')).to.deepEqual({
        revision: 3,
        changed: true,
      });
      expect(await store.currentRevision()).to.equal(3);
      const snapshot = await store.snapshot();
      expect(snapshot.revision).to.equal(3);
      expect(snapshot.rules).to.deepEqual([givenRule('r2')]);
    });

    it('keeps a rule as the JSON it was given', async () => {
      const rule = givenRule('r1', {
        where: {and: [{ownerId: '$user.id'}, {total: {gt: 10}}]},
        fields: ['id', 'total'],
        description: 'owners see big orders',
      });
      await store.upsertRules([rule]);
      expect((await store.snapshot()).rules).to.deepEqual([rule]);
    });

    it('replaces a rule with the same id', async () => {
      await store.upsertRules([givenRule('r1')]);
      await store.upsertRules([givenRule('r1', {effect: 'deny'})]);
      const {rules} = await store.snapshot();
      expect(rules).to.deepEqual([givenRule('r1', {effect: 'deny'})]);
    });

    it('writes several rules in one revision', async () => {
      const {revision} = await store.upsertRules([
        givenRule('a'),
        givenRule('b'),
      ]);
      expect(revision).to.equal(1);
      const changes = (await store.changesAfter(0)).changes;
      expect(changes.map(c => c.revision)).to.deepEqual([1, 1]);
    });

    it('takes no revision to remove a rule that does not exist', async () => {
      await store.upsertRules([givenRule('r1')]);
      expect(await store.deleteRule('nope')).to.deepEqual({
        revision: 1,
        changed: false,
      });
      expect((await store.changesAfter(0)).changes).to.have.length(1);
    });

    it('hands out frozen rules', async () => {
      await store.upsertRules([givenRule('r1', {where: {a: {inq: [1]}}})]);
      const [rule] = (await store.snapshot()).rules;
      expect(Object.isFrozen(rule)).to.be.true();
      expect(Object.isFrozen((rule.where as {a: object}).a)).to.be.true();
    });
  });

  describe('role assignments', () => {
    it('replaces the roles of a principal, per tenant', async () => {
      await store.setRoles('ann', ['ADMIN', 'ADMIN', 'AUDITOR']);
      await store.setRoles('ann', ['MANAGER'], 't1');
      await store.setRoles('bob', ['USER']);
      const {roleAssignments} = await store.snapshot();
      expect(roleAssignments).to.deepEqual([
        {principal: 'ann', tenant: '', roles: ['ADMIN', 'AUDITOR']},
        {principal: 'ann', tenant: 't1', roles: ['MANAGER']},
        {principal: 'bob', tenant: '', roles: ['USER']},
      ]);
    });

    it('removes an assignment set to no roles', async () => {
      await store.setRoles('ann', ['ADMIN']);
      expect(await store.setRoles('ann', [])).to.deepEqual({
        revision: 2,
        changed: true,
      });
      expect((await store.snapshot()).roleAssignments).to.deepEqual([]);
    });

    it('removes a principal from every tenant in one revision', async () => {
      await store.setRoles('ann', ['ADMIN']);
      await store.setRoles('ann', ['MANAGER'], 't1');
      expect(await store.removePrincipal('ann')).to.deepEqual({
        revision: 3,
        changed: true,
      });
      const changes = (await store.changesAfter(2)).changes;
      expect(changes).to.have.length(2);
      expect((await store.snapshot()).roleAssignments).to.deepEqual([]);
    });
  });

  describe('revoked principals', () => {
    it('revokes a principal and removes its roles in one revision', async () => {
      await store.setRoles('ann', ['ADMIN']);
      await store.setRoles('ann', ['MANAGER'], 't1');
      const before = Date.now();
      expect(await store.revokePrincipal('ann')).to.deepEqual({
        revision: 3,
        changed: true,
      });
      const {changes} = await store.changesAfter(2);
      expect(changes.map(c => [c.revision, c.kind])).to.deepEqual([
        [3, 'roles'],
        [3, 'roles'],
        [3, 'principal'],
      ]);
      const snapshot = await store.snapshot();
      expect(snapshot.roleAssignments).to.deepEqual([]);
      expect(snapshot.revocations).to.have.length(1);
      expect(snapshot.revocations[0]).to.containDeep({
        principal: 'ann',
        revoked: true,
      });
      // The database's clock, which may differ a little from this one
      expect(snapshot.revocations[0].revokedAt).to.be.within(
        before - 5000,
        Date.now() + 5000,
      );
    });

    it('takes no revision to revoke a revoked principal', async () => {
      await store.revokePrincipal('ann');
      expect(await store.revokePrincipal('ann')).to.deepEqual({
        revision: 1,
        changed: false,
      });
    });

    it('refuses roles for a revoked principal with 409 and keeps none', async () => {
      await store.revokePrincipal('ann');
      await expect(store.setRoles('ann', ['ADMIN'])).to.be.rejectedWith({
        statusCode: 409,
        code: 'AUTHORIZATION_PRINCIPAL_REVOKED',
        message: 'Principal "ann" is revoked: it can be given no role',
      });
      expect(await store.currentRevision()).to.equal(1);
      expect((await store.snapshot()).roleAssignments).to.deepEqual([]);
    });

    it('restores a principal, keeping when it was revoked', async () => {
      await store.revokePrincipal('ann');
      const [revoked] = (await store.snapshot()).revocations;
      expect(await store.restorePrincipal('ann')).to.deepEqual({
        revision: 2,
        changed: true,
      });
      expect(await store.restorePrincipal('ann')).to.deepEqual({
        revision: 2,
        changed: false,
      });
      await store.setRoles('ann', ['USER']);
      const snapshot = await store.snapshot();
      expect(snapshot.revocations).to.deepEqual([
        {principal: 'ann', revoked: false, revokedAt: revoked.revokedAt},
      ]);
      const {changes} = await store.changesAfter(1);
      expect(changes[0]).to.containDeep({
        kind: 'principal',
        op: 'restore',
        revocation: {principal: 'ann', revoked: false},
      });
    });

    it('never keeps a role written concurrently with a revocation, on two pools', async () => {
      const other = await givenStore(db.url, store.schema);
      try {
        for (let i = 0; i < 30; i++) {
          const principal = `user${i}`;
          const [granted] = await Promise.allSettled([
            other.store.setRoles(principal, ['ADMIN']),
            store.revokePrincipal(principal),
          ]);
          const {roleAssignments, revocations} = await store.snapshot();
          expect(roleAssignments).to.deepEqual([]);
          expect(revocations.map(r => r.principal)).to.containEql(principal);
          if (granted.status === 'rejected') {
            expect(granted.reason).to.containDeep({statusCode: 409});
          }
        }
      } finally {
        await other.close();
      }
    });
  });

  describe('change log', () => {
    it('lists the changes after a revision, in order', async () => {
      await store.upsertRules([givenRule('r1')]);
      await store.setRoles('ann', ['ADMIN'], 't1');
      await store.deleteRule('r1');
      expect((await store.changesAfter(1)).changes).to.deepEqual([
        {
          revision: 2,
          kind: 'roles',
          op: 'set',
          assignment: {principal: 'ann', tenant: 't1', roles: ['ADMIN']},
        },
        {revision: 3, kind: 'rule', op: 'remove', id: 'r1'},
      ]);
    });

    it('never splits a revision across batches', async () => {
      await store.upsertRules([givenRule('a'), givenRule('b'), givenRule('c')]);
      await store.upsertRules([givenRule('d')]);
      const first = (await store.changesAfter(0, 1)).changes;
      expect(first.map(c => c.revision)).to.deepEqual([1, 1, 1]);
      const second = (await store.changesAfter(1, 1)).changes;
      expect(second.map(c => c.revision)).to.deepEqual([2]);
    });

    it('prunes the rows older than the retention, keeping the latest revision', async () => {
      await store.upsertRules([givenRule('r1')]);
      await store.upsertRules([givenRule('r2')]);
      await store.deleteRule('r1');
      expect(await store.pruneChangeLog(60000)).to.equal(0);
      expect((await store.changesAfter(0)).changes).to.have.length(3);
      await new Promise(resolve => setTimeout(resolve, 5));
      expect(await store.pruneChangeLog(1)).to.equal(2);
      expect(await store.changesAfter(0)).to.deepEqual({
        prunedThrough: 2,
        changes: [{revision: 3, kind: 'rule', op: 'remove', id: 'r1'}],
      });
      // Pruning changes no rule or role
      expect((await store.snapshot()).rules).to.deepEqual([givenRule('r2')]);
    });

    it('refuses a retention that is not a number', async () => {
      await expect(store.pruneChangeLog(-1)).to.be.rejectedWith(
        /"olderThanMs" must be a finite number of at least 0, got number -1/,
      );
    });

    it('notifies with the revision only, when the write commits', async () => {
      const listener = new Client({connectionString: db.url});
      await listener.connect();
      try {
        const payloads: string[] = [];
        listener.on('notification', m => payloads.push(m.payload ?? ''));
        await listener.query(`LISTEN "${store.channel}"`);
        await store.upsertRules([givenRule('r1')]);
        await store.deleteRule('nope');
        await store.setRoles('ann', ['ADMIN']);
        // A query round trip delivers the notifications sent before it
        await listener.query('SELECT 1');
        expect(payloads).to.deepEqual(['1', '2']);
      } finally {
        await listener.end();
      }
    });
  });

  describe('bad input', () => {
    const cases: [string, () => Promise<unknown>, RegExp][] = [
      [
        'a rule that is not an object',
        () => store.upsertRules([[] as never]),
        /Invalid rule: expected an object, got array \[\]/,
      ],
      [
        'a rule without an id',
        () => store.upsertRules([{} as never]),
        /Invalid "id" of rule: expected a non-empty string, got undefined/,
      ],
      [
        'a rule with an empty id',
        () => store.upsertRules([{id: ''}]),
        /Invalid "id" of rule: expected a non-empty string, got ""/,
      ],
      [
        'a rule JSON cannot keep',
        () => store.upsertRules([{id: 'r', where: {a: undefined}}]),
        /Invalid rule "r": it holds values JSON cannot keep/,
      ],
      [
        'a rule with a date',
        () => store.upsertRules([{id: 'r', at: new Date()}]),
        /Invalid rule "r": it holds values JSON cannot keep/,
      ],
      [
        'a rule with a cycle',
        () => {
          const rule: Record<string, unknown> = {id: 'r'};
          rule.self = rule;
          return store.upsertRules([rule as never]);
        },
        /Invalid rule "r": not JSON/,
      ],
      [
        'rules that are not an array',
        () => store.upsertRules('r' as never),
        /Invalid rules: expected an array, got "r"/,
      ],
      [
        'a bad rule among several',
        () => store.upsertRules([givenRule('a'), {} as never]),
        /Invalid "id" of rule at index 1/,
      ],
      [
        'an empty rule id to remove',
        () => store.deleteRule(''),
        /Invalid rule id/,
      ],
      [
        'roles that are not an array',
        () => store.setRoles('ann', 'ADMIN' as never),
        /Invalid roles of principal "ann": expected an array of role names, got "ADMIN"/,
      ],
      [
        'an empty role name',
        () => store.setRoles('ann', ['ADMIN', '']),
        /Invalid role at index 1 of principal "ann"/,
      ],
      [
        'a principal that is not a string',
        () => store.setRoles(1 as never, []),
        /Invalid principal: expected a non-empty string, got number 1/,
      ],
      [
        'a tenant that is not a string',
        () => store.setRoles('ann', ['A'], 3 as never),
        /Invalid tenant: expected a string, got number 3/,
      ],
      [
        'a NUL character in a principal',
        () => store.setRoles('a\u0000b', ['A']),
        /Invalid principal: it holds a NUL character/,
      ],
      [
        'a NUL character in a role name',
        () => store.setRoles('ann', ['A', 'B\u0000']),
        /Invalid role at index 1 of principal "ann": it holds a NUL character/,
      ],
      [
        'a NUL character in a tenant',
        () => store.setRoles('ann', ['A'], 't\u0000'),
        /Invalid tenant: it holds a NUL character/,
      ],
      [
        'a NUL character in a rule id',
        () => store.upsertRules([{id: 'r\u0000'}]),
        /Invalid "id" of rule: it holds a NUL character/,
      ],
      [
        'a NUL character in a string of a rule',
        () => store.upsertRules([{id: 'r', where: {note: {eq: 'a\u0000'}}}]),
        /Invalid rule "r": the string at "where.note.eq" holds a NUL character/,
      ],
      [
        'a NUL character in a key of a rule',
        () => store.upsertRules([{id: 'r', where: {'n\u0000': 1}}]),
        /Invalid rule "r": a key of "where" holds a NUL character/,
      ],
      [
        'a NUL character in a principal to revoke',
        () => store.revokePrincipal('\u0000'),
        /Invalid principal: it holds a NUL character/,
      ],
      [
        'an unpaired surrogate in a principal (it would be stored as U+FFFD, one with another)',
        () => store.setRoles('\ud800', ['A']),
        /Invalid principal: it holds an unpaired surrogate/,
      ],
      [
        'an unpaired surrogate in a role name',
        () => store.setRoles('ann', ['\udc00']),
        /Invalid role at index 0 of principal "ann": it holds an unpaired surrogate/,
      ],
      [
        'an unpaired surrogate in a principal to revoke',
        () => store.revokePrincipal('\udc00'),
        /Invalid principal: it holds an unpaired surrogate/,
      ],
      [
        'an unpaired surrogate in a string of a rule',
        () => store.upsertRules([{id: 'r', where: {note: {eq: 'x\ud800'}}}]),
        /Invalid rule "r": the string at "where.note.eq" holds an unpaired surrogate/,
      ],
    ];
    for (const [what, write, message] of cases) {
      it(`refuses ${what} with 422 and writes nothing`, async () => {
        const error = await write().then(
          () => undefined,
          (err: {statusCode?: number; message: string}) => err,
        );
        expect(error?.message).to.match(message);
        expect(error?.statusCode).to.equal(422);
        expect(await store.currentRevision()).to.equal(0);
      });
    }
  });
});
