// Copyright The loopback-security-monorepo authors. License: MIT.

// Roles and users administered through the API, in memory mode (the
// PostgreSQL mode has the same tests in postgres-mode.acceptance): a change
// holds on the next request, whatever the token says.

import {Client} from '@loopback/testlab';
import {AccessControlApplication} from '../../application';
import {authHeader, Callers} from '../fixtures/callers';
import {
  expectRoleChangeOnNextRequest,
  putRoles,
} from '../fixtures/role-changes';
import {givenRunningAppWithCallers} from '../fixtures/running-app';

describe('User administration (memory mode)', () => {
  let app: AccessControlApplication;
  let client: Client;
  let callers: Callers;

  beforeEach(async () => {
    ({app, client, callers} = await givenRunningAppWithCallers());
  });
  afterEach(() => app?.stop());

  it('applies a role change through PUT on the next request', async () => {
    await expectRoleChangeOnNextRequest(client, callers, ['ADMIN']);
  });

  it('refuses PUT of roles to a non-admin, for a missing user, and bad roles', async () => {
    const alice = authHeader(callers.alice);
    await putRoles(client, callers.alice, callers.alice.id, ['ADMIN']).expect(
      403,
    );
    await client.get('/number-of-views').set(alice).expect(403);
    await putRoles(client, callers.admin, 'nobody', ['ADMIN']).expect(404);
    for (const body of [[''], {roles: ['ADMIN']}, [1], ['A', 'A']]) {
      await putRoles(client, callers.admin, callers.alice.id, body).expect(422);
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
