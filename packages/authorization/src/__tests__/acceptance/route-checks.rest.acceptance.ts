// Copyright The loopback-security-monorepo authors. License: MIT.

// The start-up check of unprotected routes, public paths under a
// deny-by-default configuration, and the access report, with a real REST
// server on 127.0.0.1.

import {asGlobalInterceptor, InvocationContext} from '@loopback/core';
import {get, param, RestApplication} from '@loopback/rest';
import {Client, expect} from '@loopback/testlab';
import {
  AuthorizationBindings,
  AuthorizationDecision,
  AuthorizationErrorCode,
  AuthorizationOptions,
  authorize,
  BuiltinAuthorizersComponent,
  getAccessReport,
  renderAccessReportMarkdown,
} from '../..';
import {givenClient, givenRestApp} from '../fixtures/rest-app';

class ShopController {
  @authorize({allowedRoles: ['ADMIN'], scopes: ['orders:read']})
  @get('/orders/{id}')
  order(@param.path.string('id') id: string) {
    return {id};
  }

  @authorize.skip()
  @get('/ping')
  ping() {
    return {pong: true};
  }

  @get('/status')
  status() {
    return {status: 'open'};
  }

  @get('/docs/index')
  docs() {
    return {docs: true};
  }
}

describe('Start-up checks of unprotected routes (HTTP)', () => {
  let app: RestApplication | undefined;
  let warnings: string[];

  async function givenApp(
    options: AuthorizationOptions = {},
  ): Promise<RestApplication> {
    const created = givenRestApp(options, ShopController);
    app = created;
    warnings = [];
    created
      .bind(AuthorizationBindings.WARNING_WRITER)
      .to(message => warnings.push(message));
    return created;
  }

  afterEach(async () => {
    await app?.stop();
  });

  it('warns with unprotectedRoutes "warn", naming each unprotected route and its method', async () => {
    const started = await givenApp({unprotectedRoutes: 'warn'});
    await started.start();
    expect(warnings).to.have.length(1);
    expect(warnings[0]).to.match(/2 route\(s\) have no authorization rule/);
    expect(warnings[0]).to.match(/GET \/status \(ShopController\.status\)/);
    expect(warnings[0]).to.match(/GET \/docs\/index \(ShopController\.docs\)/);
    expect(warnings[0]).to.not.match(/\/ping|\/orders/);
  });

  it('fails the start with unprotectedRoutes "fail", before listening', async () => {
    const started = await givenApp({unprotectedRoutes: 'fail'});
    await expect(started.start()).to.be.rejectedWith({
      code: AuthorizationErrorCode.UNPROTECTED_ROUTES,
      message: /GET \/status \(ShopController\.status\)/,
    });
    expect(started.restServer.listening).to.be.false();
    // Nothing started, and a failed start cannot be stopped
    app = undefined;
  });

  it('says nothing with unprotectedRoutes "silent"', async () => {
    const started = await givenApp({unprotectedRoutes: 'silent'});
    await started.start();
    expect(warnings).to.eql([]);
  });

  it('starts strict without a word when public paths cover the undecorated routes', async () => {
    const started = await givenApp({
      unprotectedRoutes: 'fail',
      publicPaths: ['/status', '/docs'],
    });
    await started.start();
    expect(warnings).to.eql([]);
  });

  it('counts routes under defaultMetadata as protected', async () => {
    const started = await givenApp({
      unprotectedRoutes: 'fail',
      defaultMetadata: {allowedRoles: ['ADMIN']},
    });
    await started.start();
    expect(warnings).to.eql([]);
  });

  it('lists a handler route, which authorization never sees', async () => {
    const started = await givenApp({
      publicPaths: ['/status', '/docs'],
      unprotectedRoutes: 'warn',
    });
    started.route('get', '/hello', {responses: {}}, () => 'hello');
    await started.start();
    expect(warnings[0]).to.match(
      /GET \/hello \(not a controller method: authorization never sees it\)/,
    );
  });

  it('rejects malformed route options when the application starts', async () => {
    const started = await givenApp({publicPaths: ['explorer']});
    await expect(started.start()).to.be.rejectedWith(
      /"publicPaths\[0\]" must be a path starting with "\/", got "explorer"/,
    );
    const everything = await givenApp({publicPaths: ['/']});
    await expect(everything.start()).to.be.rejectedWith(
      /"publicPaths\[0\]" must name a path below "\/", got "\/": "\/" would make every route public/,
    );
    const loud = await givenApp({unprotectedRoutes: 'loud' as 'warn'});
    await expect(loud.start()).to.be.rejectedWith(
      /"unprotectedRoutes" must be "warn", "fail" or "silent", got "loud"/,
    );
    app = undefined;
  });

  it('fails the start with malformed options of either component, before listening', async () => {
    const started = await givenApp({publicPaths: ['/status', '/docs']});
    const builtins = started.component(BuiltinAuthorizersComponent);
    started.configure(builtins.key).to({scopeMatch: 'some'});
    await expect(started.start()).to.be.rejectedWith(/scopeMatch/);
    expect(started.restServer.listening).to.be.false();
    const hierarchy = await givenApp({
      publicPaths: ['/status', '/docs'],
      roleHierarchy: {A: ['B'], B: ['A']},
    });
    await expect(hierarchy.start()).to.be.rejectedWith(/cycle/i);
    expect(hierarchy.restServer.listening).to.be.false();
    app = undefined;
  });
});

describe('Public paths under deny-by-default (HTTP)', () => {
  let app: RestApplication;
  let client: Client;

  before(async () => {
    app = givenRestApp(
      {
        defaultMetadata: {allowedRoles: ['ADMIN']},
        defaultDecision: AuthorizationDecision.DENY,
        publicPaths: ['/docs'],
      },
      ShopController,
    );
    client = await givenClient(app);
  });

  after(async () => {
    await app.stop();
  });

  it('lets anyone call a route at a public path, and denies the others', async () => {
    await client.get('/docs/index').expect(200, {docs: true});
    await client.get('/status').expect(403);
  });

  it('follows a change of publicPaths on the next call', async () => {
    app.configure(AuthorizationBindings.COMPONENT).to({
      defaultMetadata: {allowedRoles: ['ADMIN']},
      publicPaths: ['/status'],
    });
    await client.get('/status').expect(200, {status: 'open'});
    await client.get('/docs/index').expect(403);
    app.configure(AuthorizationBindings.COMPONENT).to({
      defaultMetadata: {allowedRoles: ['ADMIN']},
      publicPaths: ['/docs'],
    });
    await client.get('/status').expect(403);
  });

  it('provides no metadata at AuthorizationBindings.METADATA for a route at a public path', async () => {
    const seen: unknown[] = [];
    app
      .bind('interceptors.seeMetadata')
      .to(async (ctx: InvocationContext, next: () => unknown) => {
        seen.push(await ctx.get(AuthorizationBindings.METADATA));
        return next();
      })
      .apply(asGlobalInterceptor('seen'));
    try {
      await client.get('/docs/index').expect(200);
      await client.get('/status').expect(403);
      expect(seen).to.eql([undefined]);
    } finally {
      app.unbind('interceptors.seeMetadata');
    }
  });

  it('keeps the own @authorize of a method at a public path', async () => {
    app.configure(AuthorizationBindings.COMPONENT).to({
      defaultMetadata: {allowedRoles: ['ADMIN']},
      publicPaths: ['/orders'],
    });
    await client.get('/orders/1').expect(403);
  });
});

describe('getAccessReport', () => {
  it('lists every route with its method, access, source and rules', async () => {
    const app = givenRestApp({publicPaths: ['/docs']}, ShopController);
    app.route('get', '/hello', {responses: {}}, () => 'hello');
    const report = await getAccessReport(app);
    expect(report).to.eql([
      {
        verb: 'get',
        path: '/docs/index',
        controller: 'ShopController',
        method: 'docs',
        access: 'public',
        source: 'publicPath',
      },
      {
        verb: 'get',
        path: '/hello',
        access: 'unprotected',
        source: 'notController',
      },
      {
        verb: 'get',
        path: '/orders/{id}',
        controller: 'ShopController',
        method: 'order',
        access: 'protected',
        source: 'decorator',
        rules: {allowedRoles: ['ADMIN'], scopes: ['orders:read']},
      },
      {
        verb: 'get',
        path: '/ping',
        controller: 'ShopController',
        method: 'ping',
        access: 'public',
        source: 'decorator',
        rules: {skip: true},
      },
      {
        verb: 'get',
        path: '/status',
        controller: 'ShopController',
        method: 'status',
        access: 'unprotected',
        source: 'none',
      },
    ]);
    const markdown = renderAccessReportMarkdown(report, 'Shop');
    expect(markdown).to.startWith('# Shop\n');
    expect(markdown).to.containEql(
      '| GET | `/orders/{id}` | ShopController.order | protected | decorator | allowedRoles: ADMIN; scopes: orders:read |',
    );
    expect(markdown).to.containEql(
      '| GET | `/status` | ShopController.status | unprotected | none |  |',
    );
  });

  it('reports the rules of defaultMetadata, and a change of it', async () => {
    const app = givenRestApp(
      {defaultMetadata: {allowedRoles: ['STAFF']}},
      ShopController,
    );
    const status = async () =>
      (await getAccessReport(app)).find(r => r.path === '/status');
    expect(await status()).to.containDeep({
      access: 'protected',
      source: 'defaultMetadata',
      rules: {allowedRoles: ['STAFF']},
    });
    app.configure(AuthorizationBindings.COMPONENT).to({});
    expect(await status()).to.containDeep({access: 'unprotected'});
  });
});
