// Copyright The loopback-security-monorepo authors. License: MIT.

import {
  AuthorizationComponent,
  AuthorizationDecision,
  AuthorizationOptions,
  AuthorizationTags,
  authorize,
  RoleMapper,
} from '@loopback/authorization';
import {get, RestApplication} from '@loopback/rest';
import {SecurityBindings, securityId, UserProfile} from '@loopback/security';
import {
  Client,
  createRestAppClient,
  expect,
  givenHttpServerConfig,
} from '@loopback/testlab';
import {
  AuthorizationConsoleBindings,
  AuthorizationConsoleComponent,
  AuthorizationConsoleOptions,
} from '../..';

class GreetingController {
  @authorize({allowedRoles: ['USER']})
  @get('/greeting')
  greet() {
    return {hello: 'world'};
  }
}

/**
 * An application without the built-in authorizers nor the policy package,
 * whose default decision is Allow: nothing but the console's own voter
 * stands between a caller and the console's API. Roles come from the
 * header `x-roles`.
 */
async function givenBareApp(
  consoleOptions: AuthorizationConsoleOptions = {},
): Promise<{app: RestApplication; client: Client}> {
  const app = new RestApplication({rest: givenHttpServerConfig()});
  const authorization = app.component(AuthorizationComponent);
  app.configure<AuthorizationOptions>(authorization.key).to({
    defaultDecision: AuthorizationDecision.ALLOW,
  });
  const fromProfile: RoleMapper = principals =>
    principals.flatMap(p => (p.roles as string[]) ?? []);
  app
    .bind('authorization.roleMappers.header')
    .to(fromProfile)
    .tag(AuthorizationTags.ROLE_MAPPER);
  app.configure(AuthorizationConsoleBindings.COMPONENT).to(consoleOptions);
  app.component(AuthorizationConsoleComponent);
  app.middleware(async (ctx, next) => {
    const id = ctx.request.headers['x-user'];
    if (typeof id === 'string') {
      const roles = String(ctx.request.headers['x-roles'] ?? '').split(',');
      const user: UserProfile = {[securityId]: id, roles};
      ctx.bind(SecurityBindings.USER).to(user);
    }
    return next();
  });
  app.controller(GreetingController);
  await app.start();
  return {app, client: createRestAppClient(app)};
}

describe('the console API, secure by default', () => {
  let app: RestApplication;
  let client: Client;

  before(async () => {
    ({app, client} = await givenBareApp({roles: ['AUDITOR']}));
  });
  after(() => app?.stop());

  it('denies a caller without the console role even when the default decision is Allow', async () => {
    for (const path of ['session', 'matrix', 'decisions', 'roles']) {
      await client.get(`/authorization/${path}`).expect(403);
      await client
        .get(`/authorization/${path}`)
        .set({'x-user': 'u1', 'x-roles': 'USER,ADMIN'})
        .expect(403);
    }
    await client
      .post('/authorization/explain')
      .set({'x-user': 'u1', 'x-roles': 'USER'})
      .send({subject: {}, route: {verb: 'GET', path: '/greeting'}})
      .expect(403);
  });

  it('lets the configured role in', async () => {
    const res = await client
      .get('/authorization/session')
      .set({'x-user': 'a1', 'x-roles': 'AUDITOR'})
      .expect(200);
    expect(res.body.features).to.eql({
      policies: false,
      roles: false,
      rolesEditable: false,
      decisionStore: 'memory',
    });
  });

  it('works without the policy package: explains routes, answers 404 for rules and roles', async () => {
    const auditor = {'x-user': 'a1', 'x-roles': 'AUDITOR'};
    const res = await client
      .post('/authorization/explain')
      .set(auditor)
      .send({
        subject: {user: {id: 'u2'}},
        route: {verb: 'GET', path: '/greeting'},
      })
      .expect(200);
    // No role authorizer: every voter abstains, the default Allow decides
    expect(res.body).to.containDeep({
      decision: 'Allow',
      decidedBy: {kind: 'default'},
    });
    await client.get('/authorization/policies').set(auditor).expect(404);
    await client.get('/authorization/roles').set(auditor).expect(404);
    const question = await client
      .post('/authorization/explain')
      .set(auditor)
      .send({subject: {}, resource: 'Order', action: 'read'})
      .expect(422);
    expect(question.body.error.message).to.match(/no policy store/);
    await client.get('/authorization/matrix').set(auditor).expect(200);
  });

  it('stops the start on malformed options, naming them', () => {
    for (const [options, name] of [
      [{path: 'authorization'}, '"path"'],
      [{path: '/a/<b>'}, '"path"'],
      [{roles: []}, '"roles"'],
      [{roles: ['']}, '"roles"'],
      [{loginPath: 'javascript:x'}, '"loginPath"'],
      [{decisionLog: {capacity: 0}}, '"decisionLog.capacity"'],
      [{decisionLog: {maxSubscribers: 1.5}}, '"decisionLog.maxSubscribers"'],
      [
        {decisionLog: {postgres: {retentionMs: -1}}},
        '"decisionLog.postgres.retentionMs"',
      ],
      [{repositories: {Order: 5}}, '"repositories.Order"'],
    ] as const) {
      const bad = new RestApplication({rest: givenHttpServerConfig()});
      bad.configure(AuthorizationConsoleBindings.COMPONENT).to(options);
      expect(() => bad.component(AuthorizationConsoleComponent)).to.throw(
        new RegExp(
          `Invalid authorization console options: ${name.replace(/\./g, '\\.')}`,
        ),
      );
    }
  });
});
