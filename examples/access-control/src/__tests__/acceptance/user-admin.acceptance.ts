// Copyright The loopback-security-monorepo authors. License: MIT.

// Roles and users administered through the API, in memory mode (the
// PostgreSQL mode has the same tests in postgres-mode.acceptance): a change
// holds on the next request, whatever the token says.

import {Client, expect} from '@loopback/testlab';
import {AccessControlApplication} from '../../application';
import {USER_GONE} from '../../authentication/user-status';
import {INVALID_TOKEN_CHALLENGE} from '../../authentication/challenges';
import {AccessControlBindings} from '../../keys';
import {authHeader, Callers} from '../fixtures/callers';
import {expectNulInputsRefused} from '../fixtures/nul-inputs';
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

  it('refuses the token of a deleted user with 401 on every route, from the next request', async () => {
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
    for (const [method, path] of [
      ['get', '/orders'],
      ['post', '/orders'],
      ['get', '/whoami'],
      ['get', '/ping'],
    ] as const) {
      const res = await client[method](path)
        .set(alice)
        .send({description: 'Tea', total: 3});
      expect({path, status: res.status}).to.deepEqual({path, status: 401});
      expect(res.headers['www-authenticate']).to.equal(INVALID_TOKEN_CHALLENGE);
      expect(res.body.error.message).to.equal(USER_GONE);
    }
    await client
      .delete(`/users/${callers.alice.id}`)
      .set(authHeader(callers.admin))
      .expect(404);
  });

  it('explains the request of a deleted user as the 401 it gets', async () => {
    await client
      .delete(`/users/${callers.alice.id}`)
      .set(authHeader(callers.admin))
      .expect(200);
    const res = await client
      .post('/authorization/explain')
      .set(authHeader(callers.admin))
      .send({
        subject: {user: {id: callers.alice.id}},
        route: {verb: 'GET', path: '/whoami'},
      })
      .expect(200);
    expect(res.body).to.containDeep({
      decision: 'Deny',
      status: 401,
      decidedBy: {kind: 'authentication'},
      error: {message: USER_GONE},
    });
  });

  it('never keeps a role written at the same time as the user is deleted', async () => {
    const users = await app.get(AccessControlBindings.USER_REPOSITORY);
    const admin = authHeader(callers.admin);
    for (let i = 0; i < 10; i++) {
      const user = await users.create({
        username: `racer-${i}`,
        name: 'Racer',
        roles: ['CUSTOMER'],
        passwordHash: 'x:y',
      });
      const [put, del] = await Promise.all([
        putRoles(client, callers.admin, user.id, ['ADMIN']),
        client.delete(`/users/${user.id}`).set(admin),
      ]);
      expect(del.status).to.equal(200);
      expect([200, 404]).to.containEql(put.status);
      expect(await users.exists(user.id)).to.be.false();
    }
  });

  it('refuses a NUL character in every part of the user routes, naming it', async () => {
    await expectNulInputsRefused(client, callers);
  });
});
