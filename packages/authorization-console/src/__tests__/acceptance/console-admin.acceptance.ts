// Copyright The loopback-security-monorepo authors. License: MIT.

import {expect} from '@loopback/testlab';
import {as, givenRunningConsoleApp} from '../fixtures/console-app';

describe('the console API of rules and roles', () => {
  const shop = givenRunningConsoleApp();
  beforeEach(() => shop.app.reset());

  it('tells the signed-in administrator what the console offers', async () => {
    const res = await shop.client
      .get('/authorization/session')
      .set(as('admin'))
      .expect(200);
    expect(res.body).to.eql({
      user: {id: 'admin', name: 'Admin'},
      roles: ['ADMIN', 'EDITOR'],
      features: {
        policies: true,
        roles: true,
        rolesEditable: true,
        decisionStore: 'memory',
      },
    });
    await shop.client.get('/authorization/session').set(as('bob')).expect(403);
  });

  it('lists the rules in force', async () => {
    const res = await shop.client
      .get('/authorization/policies')
      .set(as('admin'))
      .expect(200);
    expect(res.body.map((r: {id: string}) => r.id)).to.containEql(
      'readers-read-own',
    );
  });

  it('adds a rule that takes effect on the next request, and removes it', async () => {
    await shop.client.get('/notes/n3').set(as('alice')).expect(404);
    const created = await shop.client
      .post('/authorization/policies')
      .set(as('admin'))
      .send({
        id: 'alice-reads-published',
        effect: 'allow',
        resource: 'Note',
        actions: ['read'],
        subjects: ['principal:alice'],
        where: {status: 'published'},
      })
      .expect(201);
    expect(created.body.id).to.equal('alice-reads-published');
    await shop.client.get('/notes/n3').set(as('alice')).expect(200);
    await shop.client
      .delete('/authorization/policies/alice-reads-published')
      .set(as('admin'))
      .expect(204);
    await shop.client.get('/notes/n3').set(as('alice')).expect(404);
    await shop.client
      .delete('/authorization/policies/alice-reads-published')
      .set(as('admin'))
      .expect(404);
  });

  it('refuses an invalid rule with 422, each error naming its field', async () => {
    const cases: [object, string, RegExp][] = [
      [
        {effect: 'maybe', resource: 'Note', actions: ['read'], subjects: ['X']},
        'effect',
        /allow/,
      ],
      [
        {effect: 'allow', resource: 'Nope', actions: ['read'], subjects: ['X']},
        'resource',
        /unknown resource/,
      ],
      [
        {effect: 'allow', resource: 'Note', actions: [], subjects: ['X']},
        'actions',
        /.+/,
      ],
      [
        {
          effect: 'allow',
          resource: 'Note',
          actions: ['read'],
          subjects: ['X'],
          where: {total: 1},
        },
        'where.total',
        /.+/,
      ],
      [
        {
          effect: 'allow',
          resource: 'Note',
          actions: ['read'],
          subjects: ['X'],
          fields: ['id', 'nope'],
        },
        'fields[1]',
        /not a property/,
      ],
      [
        {
          id: 'readers-read-own',
          effect: 'allow',
          resource: 'Note',
          actions: ['read'],
          subjects: ['X'],
        },
        'id',
        /exists/,
      ],
      // A URL parser would turn `DELETE .../policies/..` into another path
      ...['.', '..', 'a/b'].map((id): [object, string, RegExp] => [
        {
          id,
          effect: 'allow',
          resource: 'Note',
          actions: ['read'],
          subjects: ['X'],
        },
        'id',
        /cannot be a path segment/,
      ]),
    ];
    for (const [rule, path, message] of cases) {
      const res = await shop.client
        .post('/authorization/policies')
        .set(as('admin'))
        .send(rule)
        .expect(422);
      expect(res.body.error.details).to.have.length(1);
      expect(res.body.error.details[0].path).to.equal(path);
      expect(res.body.error.details[0].message).to.match(message);
    }
  });

  it('lists the users and their roles, and changes them for the next request', async () => {
    const res = await shop.client
      .get('/authorization/roles')
      .set(as('admin'))
      .expect(200);
    expect(res.body.editable).to.be.true();
    expect(res.body.users).to.containDeep([
      {id: 'alice', name: 'Alice', roles: ['READER']},
    ]);
    await shop.client.get('/stats').set(as('alice')).expect(403);
    await shop.client
      .put('/authorization/roles/alice')
      .set(as('admin'))
      .send(['READER', 'ADMIN'])
      .expect(200, {id: 'alice', roles: ['READER', 'ADMIN']});
    await shop.client.get('/stats').set(as('alice')).expect(200);
  });

  it('refuses malformed role names with 422, naming the item', async () => {
    for (const [body, path] of [
      [['ok', ''], 'roles[1]'],
      [['A', 'A'], 'roles[1]'],
      [[1], 'roles[0]'],
      [['x'.repeat(101)], 'roles[0]'],
      // The Roles page edits the roles as one comma-separated field
      [['READER', 'A,B'], 'roles[1]'],
      [[' ADMIN'], 'roles[0]'],
    ] as const) {
      const res = await shop.client
        .put('/authorization/roles/alice')
        .set(as('admin'))
        .send(body as unknown as object)
        .expect(422);
      expect(res.body.error.details[0].path).to.equal(path);
    }
  });

  it('is for the console role only', async () => {
    await shop.client
      .post('/authorization/policies')
      .set(as('carol'))
      .send({})
      .expect(403);
    await shop.client
      .put('/authorization/roles/carol')
      .set(as('carol'))
      .send(['ADMIN'])
      .expect(403);
    await shop.client
      .delete('/authorization/policies/readers-read-own')
      .expect(401);
  });
});
