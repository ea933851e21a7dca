// Copyright The loopback-security-monorepo authors. License: MIT.

// Roles and users administered through the API, in memory mode (the
// PostgreSQL mode has the same tests in postgres-mode.acceptance): a change
// holds on the next request, whatever the token says.

import {Client, expect} from '@loopback/testlab';
import {AccessControlApplication} from '../../application';
import {
  authHeader,
  Callers,
  givenCallers,
  givenRunningApp,
} from './test-helper';

describe('User administration (memory mode)', () => {
  let app: AccessControlApplication;
  let client: Client;
  let callers: Callers;

  beforeEach(async () => {
    ({app, client} = await givenRunningApp());
    callers = await givenCallers(app, client);
  });
  afterEach(async () => {
    await app?.stop();
  });

  it('applies a role change through PUT on the next request', async () => {
    const bob = authHeader(callers.bob);
    await client.get('/number-of-views').set(bob).expect(403);
    const res = await client
      .put(`/users/${callers.bob.id}/roles`)
      .set(authHeader(callers.admin))
      .send(['ADMIN'])
      .expect(200);
    expect(res.body).to.containDeep({id: callers.bob.id, roles: ['ADMIN']});
    expect(res.body.revision).to.be.a.Number();
    await client.get('/number-of-views').set(bob).expect(200);
    const who = await client.get('/whoami').set(bob).expect(200);
    expect(who.body.roles).to.deepEqual(['ADMIN']);
  });

  it('refuses PUT of roles to a non-admin, for a missing user, and bad roles', async () => {
    const alice = authHeader(callers.alice);
    await client
      .put(`/users/${callers.alice.id}/roles`)
      .set(alice)
      .send(['ADMIN'])
      .expect(403);
    await client.get('/number-of-views').set(alice).expect(403);
    const admin = authHeader(callers.admin);
    await client
      .put('/users/nobody/roles')
      .set(admin)
      .send(['ADMIN'])
      .expect(404);
    for (const body of [[''], {roles: ['ADMIN']}, [1], ['A', 'A']]) {
      await client
        .put(`/users/${callers.alice.id}/roles`)
        .set(admin)
        .send(body)
        .expect(422);
    }
  });

  it('shuts a deleted user out on the next request', async () => {
    const alice = authHeader(callers.alice);
    await client.get('/orders').set(alice).expect(200);
    await client
      .delete(`/users/${callers.alice.id}`)
      .set(authHeader(callers.bob))
      .expect(403);
    await client
      .delete(`/users/${callers.alice.id}`)
      .set(authHeader(callers.admin))
      .expect(200);
    await client.get('/orders').set(alice).expect(403);
    await client
      .delete(`/users/${callers.alice.id}`)
      .set(authHeader(callers.admin))
      .expect(404);
  });
});
