// Copyright The loopback-security-monorepo authors. License: MIT.

import {
  AuthorizationComponent,
  AuthorizationDecision,
  AuthorizationOptions,
  AuthorizationTags,
  authorize,
  Authorizer,
  BuiltinAuthorizersComponent,
  RoleMapper,
} from '@loopback/authorization';
import {get, param, RestApplication} from '@loopback/rest';
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
  RoleStore,
} from '../..';

class GreetingController {
  @authorize({allowedRoles: ['USER']})
  @get('/greeting')
  greet() {
    return {hello: 'world'};
  }

  @authorize({allowedRoles: ['USER']})
  @get('/greeting/{times}')
  greetTimes(@param.path.integer('times') times: number) {
    return {hello: 'world'.repeat(times)};
  }
}

/**
 * How the application around the console is configured
 */
interface BareAppSetup {
  /**
   * The options of `AuthorizationComponent`; `false` to leave it out
   */
  authorization?: AuthorizationOptions | false;
  /**
   * Mount `BuiltinAuthorizersComponent` too
   */
  builtins?: boolean;
  /**
   * Bind an authorizer of the application that allows every signed-in user
   */
  allowSignedIn?: boolean;
  /**
   * Bind a role store that keeps what it is told (user `u1`: `USER`)
   */
  roleStore?: boolean;
}

/**
 * An application whose roles come from the header `x-roles` (the user from
 * `x-user`), with a role store that keeps what it is told, and the console.
 * By default without the built-in authorizers nor the policy package, and
 * with the default decision Allow: nothing but the console's own checks
 * stand between a caller and the console's API.
 */
async function givenBareApp(
  consoleOptions: AuthorizationConsoleOptions = {},
  setup: BareAppSetup = {},
): Promise<{
  app: RestApplication;
  client: Client;
  roles: Map<string, string[]>;
}> {
  const app = new RestApplication({rest: givenHttpServerConfig()});
  const {authorization = {defaultDecision: AuthorizationDecision.ALLOW}} =
    setup;
  if (authorization) {
    const component = app.component(AuthorizationComponent);
    app.configure<AuthorizationOptions>(component.key).to(authorization);
  }
  if (setup.builtins) app.component(BuiltinAuthorizersComponent);
  if (setup.allowSignedIn) {
    const allowSignedIn: Authorizer = async ctx =>
      ctx.principals.length > 0
        ? AuthorizationDecision.ALLOW
        : AuthorizationDecision.ABSTAIN;
    app
      .bind('authorization.authorizers.signedIn')
      .to(allowSignedIn)
      .tag(AuthorizationTags.AUTHORIZER);
  }
  const fromProfile: RoleMapper = principals =>
    principals.flatMap(p => (p.roles as string[]) ?? []);
  app
    .bind('authorization.roleMappers.header')
    .to(fromProfile)
    .tag(AuthorizationTags.ROLE_MAPPER);
  const roles = new Map<string, string[]>([['u1', ['USER']]]);
  const store: RoleStore = {
    listUsers: async () =>
      [...roles].map(([id, assigned]) => ({id, roles: assigned})),
    setRoles: async (id, assigned) => {
      roles.set(id, [...assigned]);
    },
  };
  if (setup.roleStore) {
    app.bind(AuthorizationConsoleBindings.ROLE_STORE).to(store);
  }
  app.configure(AuthorizationConsoleBindings.COMPONENT).to(consoleOptions);
  app.component(AuthorizationConsoleComponent);
  app.middleware(async (ctx, next) => {
    const id = ctx.request.headers['x-user'];
    if (typeof id === 'string') {
      const names = String(ctx.request.headers['x-roles'] ?? '').split(',');
      const user: UserProfile = {[securityId]: id, roles: names};
      ctx.bind(SecurityBindings.USER).to(user);
    }
    return next();
  });
  app.controller(GreetingController);
  await app.start();
  return {app, client: createRestAppClient(app), roles};
}

/**
 * Every route of the console's API but the stream, with a body where it
 * takes one
 */
const API_ROUTES: [string, string, object?][] = [
  ['get', '/authorization/session'],
  [
    'post',
    '/authorization/explain',
    {subject: {}, route: {verb: 'GET', path: '/greeting'}},
  ],
  ['get', '/authorization/decisions'],
  ['get', '/authorization/matrix'],
  ['get', '/authorization/policies'],
  [
    'post',
    '/authorization/policies',
    {effect: 'allow', resource: 'Note', actions: ['read'], subjects: ['X']},
  ],
  ['delete', '/authorization/policies/r1'],
  ['get', '/authorization/roles'],
  ['put', '/authorization/roles/u1', ['ADMIN']],
];

/**
 * Call each route of the console's API as a caller and expect a status
 * @param client - The client
 * @param headers - Who calls
 * @param status - The status every route must answer
 */
async function expectEveryRoute(
  client: Client,
  headers: Record<string, string>,
  status: number,
): Promise<void> {
  for (const [verb, path, body] of API_ROUTES) {
    const request = client[verb as 'get'](path).set(headers);
    const res = await (body ? request.send(body) : request);
    expect({route: `${verb} ${path}`, status: res.status}).to.eql({
      route: `${verb} ${path}`,
      status,
    });
  }
  await client
    .get('/authorization/decisions/stream')
    .set(headers)
    .expect(status);
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

  it('explains a route whose parameter LoopBack refuses as the 400 the request gets, before any vote', async () => {
    const res = await client
      .post('/authorization/explain')
      .set({'x-user': 'a1', 'x-roles': 'AUDITOR'})
      .send({
        subject: {user: {id: 'u1'}},
        route: {verb: 'GET', path: '/greeting/many'},
      })
      .expect(200);
    expect(res.body).to.containDeep({
      decision: 'Deny',
      status: 400,
      decidedBy: {kind: 'parameters'},
      votes: [],
    });
    await client
      .get('/greeting/many')
      .set({'x-user': 'u1', 'x-roles': 'USER'})
      .expect(400);
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
      [{decisionLog: {streamRecheckMs: 0}}, '"decisionLog.streamRecheckMs"'],
      [{decisionLog: {streamMaxAgeMs: '1'}}, '"decisionLog.streamMaxAgeMs"'],
      [{matrix: []}, '"matrix"'],
      [{matrix: {maxRoles: 0}}, '"matrix.maxRoles"'],
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

describe('the console API, closed whatever the configuration of the pipeline', () => {
  const ALLOW = AuthorizationDecision.ALLOW;
  const auditor = {'x-user': 'a1', 'x-roles': 'AUDITOR'};
  const user = {'x-user': 'u1', 'x-roles': 'USER,ADMIN'};
  const CONFIGURATIONS: [string, BareAppSetup][] = [
    [
      'precedence Allow and an authorizer that allows every signed-in user',
      {authorization: {precedence: ALLOW}, builtins: true, allowSignedIn: true},
    ],
    [
      'precedence and default decision Allow, an allowing authorizer, no built-in authorizers',
      {
        authorization: {precedence: ALLOW, defaultDecision: ALLOW},
        allowSignedIn: true,
      },
    ],
    ['default decision Allow', {authorization: {defaultDecision: ALLOW}}],
    [
      'default decision Allow with the built-in authorizers',
      {authorization: {defaultDecision: ALLOW}, builtins: true},
    ],
    ['the default options', {authorization: {}, builtins: true}],
  ];

  for (const [title, setup] of CONFIGURATIONS) {
    it(`lets only the console role in, reads and writes, with ${title}`, async () => {
      const {app, client, roles} = await givenBareApp(
        {roles: ['AUDITOR']},
        {...setup, roleStore: true},
      );
      try {
        await expectEveryRoute(client, user, 403);
        for (const [verb, path, body] of API_ROUTES) {
          const request = client[verb as 'get'](path);
          const res = await (body ? request.send(body) : request);
          // 401 from the console's check, 403 from a vote that denies
          expect([401, 403]).to.containEql(res.status);
        }
        expect(roles.get('u1')).to.eql(['USER']);
        await client.get('/authorization/roles').set(auditor).expect(200);
        await client
          .put('/authorization/roles/u1')
          .set(auditor)
          .send(['USER', 'AUDITOR'])
          .expect(200);
        expect(roles.get('u1')).to.eql(['USER', 'AUDITOR']);
      } finally {
        await app.stop();
      }
    });
  }

  it("explains and shows in the matrix the console's routes denied to a role the console's check refuses, even when the vote allows", async () => {
    const {app, client} = await givenBareApp(
      {roles: ['AUDITOR']},
      {authorization: {precedence: ALLOW}, builtins: true, allowSignedIn: true},
    );
    try {
      const res = await client
        .get('/authorization/matrix')
        .query({roles: ['USER', 'AUDITOR']})
        .set(auditor)
        .expect(200);
      const row = res.body.routes.find(
        (r: {verb: string; path: string}) =>
          r.verb === 'PUT' && r.path === '/authorization/roles/{id}',
      );
      expect(row.cells.USER).to.eql({
        access: 'denied',
        by: "the console's role check: one of AUDITOR",
      });
      expect(row.cells.AUDITOR.access).to.equal('allowed');
      // Another route follows the vote: the authorizer allows every user
      const greeting = res.body.routes.find(
        (r: {path: string}) => r.path === '/greeting',
      );
      expect(greeting.cells.USER.access).to.equal('allowed');
      const explain = async (roles: string[]) =>
        (
          await client
            .post('/authorization/explain')
            .set(auditor)
            .send({
              subject: {user: {id: 'u1', roles}},
              route: {verb: 'PUT', path: '/authorization/roles/u1'},
            })
            .expect(200)
        ).body;
      expect(await explain(['USER'])).to.containDeep({
        decision: 'Deny',
        status: 403,
        decidedBy: {
          kind: 'consoleRole',
          reason: "the console's role check: one of AUDITOR",
        },
      });
      const allowed = await explain(['AUDITOR']);
      expect(allowed.decision).to.equal('Allow');
      expect(allowed.status).to.be.undefined();
    } finally {
      await app.stop();
    }
  });

  it('refuses to start without AuthorizationComponent, before any server listens', async () => {
    const app = new RestApplication({rest: givenHttpServerConfig()});
    app.component(AuthorizationConsoleComponent);
    app.controller(GreetingController);
    await expect(app.start()).to.be.rejectedWith(
      /The authorization console needs the authorization interceptor of @loopback\/authorization/,
    );
    expect(app.restServer.listening).to.be.false();
  });
});
