// Copyright The loopback-security-monorepo authors. License: MIT.

// The `anonymousDenial` option with the built-in authorizers, over HTTP with
// a real server: 401 and a challenge for a caller without a user, 403 for a
// denied user, 200 for an allowed one, and errors kept as errors.

import {Context, createProxyWithInterceptors, inject} from '@loopback/core';
import {get, param, RestApplication, RestBindings} from '@loopback/rest';
import {SecurityBindings, securityId, UserProfile} from '@loopback/security';
import {Client, expect} from '@loopback/testlab';
import http from 'http';
import {
  AuthorizationDecision,
  AuthorizationOptions,
  AuthorizationTags,
  authorize,
  BuiltinAuthorizersComponent,
} from '../..';
import {
  givenClient,
  givenRestApp,
  givenUserHeader,
  PublicController,
} from '../fixtures/rest-app';

const ORDER_OWNERS: Record<string, string> = {o1: 'alice'};

class AccountController {
  constructor(
    @inject(SecurityBindings.USER, {optional: true})
    private readonly user?: UserProfile,
  ) {}

  @authorize.allowAuthenticated()
  @get('/me')
  me() {
    return {id: this.user?.[securityId]};
  }

  @authorize.allowAuthenticated()
  @authorize.deny('BANNED')
  @get('/forum')
  forum() {
    return {forum: 'open'};
  }

  @authorize.allow('ADMIN')
  @get('/admin')
  admin() {
    return {admin: true};
  }

  @authorize.denyUnauthenticated()
  @get('/members')
  members() {
    return {members: true};
  }

  @authorize({
    allowedRoles: ['SUPPORT'],
    ownership: {owner: async id => ORDER_OWNERS[id as string]},
  })
  @get('/orders/{id}')
  order(@param.path.string('id') id: string) {
    return {order: id};
  }
}

describe('401 for anonymous callers, with the built-in authorizers (HTTP)', () => {
  let app: RestApplication;
  let client: Client;
  let logged: number[];

  async function givenApp(
    options: AuthorizationOptions = {anonymousDenial: {}},
  ) {
    app = givenRestApp(options, AccountController, PublicController);
    app.component(BuiltinAuthorizersComponent);
    givenUserHeader(app);
    logged = [];
    app
      .bind(RestBindings.SequenceActions.LOG_ERROR)
      .to((_err: Error, statusCode: number) => logged.push(statusCode));
    client = await givenClient(app);
  }

  afterEach(() => app?.stop());

  it('answers an anonymous caller of an allowAuthenticated route with 401 and WWW-Authenticate: Bearer', async () => {
    await givenApp();
    const res = await client
      .get('/me')
      .expect(401)
      .expect('WWW-Authenticate', 'Bearer')
      .expect('content-type', /application\/json/);
    expect(res.body).to.eql({
      error: {
        statusCode: 401,
        name: 'Error',
        message: 'Authentication required',
      },
    });
  });

  it('lets an authenticated caller through an allowAuthenticated route (200)', async () => {
    await givenApp();
    const res = await client.get('/me').set('x-user', 'alice').expect(200);
    expect(res.body).to.eql({id: 'alice'});
    expect(res.headers['www-authenticate']).to.be.undefined();
  });

  it('answers 403 without a challenge to an authenticated caller a denied role keeps out', async () => {
    await givenApp();
    const res = await client
      .get('/forum')
      .set('x-user', 'troll,BANNED')
      .expect(403);
    expect(res.headers['www-authenticate']).to.be.undefined();
    expect(res.body.error.message).to.equal('Access denied');
    await client.get('/forum').set('x-user', 'bob,MEMBER').expect(200);
    await client.get('/forum').expect(401).expect('WWW-Authenticate', 'Bearer');
  });

  it('answers 401 to an anonymous caller of an allowedRoles route, 403 to a user without the role, 200 to one with it', async () => {
    await givenApp();
    await client.get('/admin').expect(401).expect('WWW-Authenticate', 'Bearer');
    const res = await client
      .get('/admin')
      .set('x-user', 'bob,USER')
      .expect(403);
    expect(res.headers['www-authenticate']).to.be.undefined();
    await client.get('/admin').set('x-user', 'root,ADMIN').expect(200);
  });

  it('answers 401 to an anonymous caller of a denyUnauthenticated route and 403 to a user the default decision denies', async () => {
    await givenApp();
    await client.get('/members').expect(401);
    await client.get('/members').set('x-user', 'bob').expect(403);
  });

  it('lets an anonymous caller through an allowAll route without a challenge', async () => {
    await givenApp();
    const res = await client.get('/public').expect(200);
    expect(res.headers['www-authenticate']).to.be.undefined();
  });

  it('answers 401 to an anonymous caller of an ownership route, 403 to a non-owner, 200 to the owner', async () => {
    await givenApp();
    await client.get('/orders/o1').expect(401);
    await client.get('/orders/o1').set('x-user', 'mallory').expect(403);
    await client.get('/orders/o1').set('x-user', 'alice').expect(200);
    await client.get('/orders/o404').set('x-user', 'alice').expect(403);
  });

  it('sends the configured status and challenge', async () => {
    const challenge = 'Basic realm="shop", charset="UTF-8"';
    await givenApp({
      anonymousDenial: {statusCode: 401, wwwAuthenticate: challenge},
    });
    await client
      .get('/admin')
      .expect(401)
      .expect('WWW-Authenticate', challenge);
  });

  it('answers 403 to anonymous callers when the option is off (the default)', async () => {
    await givenApp({});
    const res = await client.get('/me').expect(403);
    expect(res.headers['www-authenticate']).to.be.undefined();
  });

  it('answers 500, not 401, when a voter misbehaves for an anonymous caller', async () => {
    await givenApp({
      anonymousDenial: {},
      defaultDecision: AuthorizationDecision.ALLOW,
    });
    app
      .bind('voters.sloppy')
      .to(async () => 'deny')
      .tag(AuthorizationTags.AUTHORIZER);
    const res = await client.get('/public').expect(500);
    expect(res.headers['www-authenticate']).to.be.undefined();
    expect(res.body.error.message).to.equal('Internal Server Error');
    expect(logged).to.eql([500]);
  });

  it('answers 500, not 401, for a profile without an id', async () => {
    await givenApp();
    const res = await client.get('/me').set('x-user', ',ADMIN').expect(500);
    expect(res.headers['www-authenticate']).to.be.undefined();
  });

  it('answers 401 when an application voter denies an anonymous caller', async () => {
    await givenApp();
    app
      .bind('voters.closed')
      .to(async () => AuthorizationDecision.DENY)
      .tag(AuthorizationTags.AUTHORIZER);
    await client
      .get('/public')
      .expect(401)
      .expect('WWW-Authenticate', 'Bearer');
    await client.get('/public').set('x-user', 'alice').expect(403);
  });

  it('does not carry the challenge over to the next request on a kept-alive connection', async () => {
    await givenApp();
    const agent = new http.Agent({keepAlive: true, maxSockets: 1});
    const sockets = new Set<unknown>();
    const request = (path: string, user?: string) =>
      new Promise<http.IncomingMessage>((resolve, reject) => {
        const req = http.get(
          `${app.restServer.url}${path}`,
          {agent, headers: user ? {'x-user': user} : {}},
          res => {
            sockets.add(res.socket);
            res.resume();
            res.on('end', () => resolve(res));
          },
        );
        req.on('error', reject);
      });
    try {
      for (let i = 0; i < 5; i++) {
        const anonymous = await request('/me');
        expect(anonymous.statusCode).to.equal(401);
        expect(anonymous.headers['www-authenticate']).to.equal('Bearer');
        const user = await request('/admin', 'bob,USER');
        expect(user.statusCode).to.equal(403);
        expect(user.headers['www-authenticate']).to.be.undefined();
        const ok = await request('/me', 'alice');
        expect(ok.statusCode).to.equal(200);
        expect(ok.headers['www-authenticate']).to.be.undefined();
      }
      // The requests shared one connection
      expect(sockets.size).to.equal(1);
    } finally {
      agent.destroy();
    }
  });
});

describe('The challenge of a nested denial', () => {
  it('does not set the 401 challenge for a denied nested call that the route catches', async () => {
    class Recommendations {
      @authorize.allowAuthenticated()
      suggest() {
        return ['premium'];
      }
    }
    class Home {
      constructor(@inject.context() private ctx: Context) {}
      @get('/home')
      async home() {
        const recs = createProxyWithInterceptors(
          new Recommendations(),
          this.ctx,
        );
        let extra: string[] = [];
        try {
          extra = await recs.suggest();
        } catch {
          // anonymous callers just don't get recommendations
        }
        return {page: 'home', extra};
      }
    }
    const app = givenRestApp({anonymousDenial: {}}, Home);
    app.component(BuiltinAuthorizersComponent);
    const client = await givenClient(app);
    try {
      const res = await client.get('/home').expect(200);
      expect(res.body).to.eql({page: 'home', extra: []});
      expect(res.headers['www-authenticate']).to.be.undefined();
    } finally {
      await app.stop();
    }
  });
});
