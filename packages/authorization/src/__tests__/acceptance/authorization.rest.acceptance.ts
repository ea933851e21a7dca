// Copyright The loopback-security-monorepo authors. License: MIT.

import {Provider} from '@loopback/core';
import {get, param, RestApplication} from '@loopback/rest';
import {Client, expect} from '@loopback/testlab';
import {
  AuthorizationBindings,
  AuthorizationContext,
  AuthorizationDecision,
  AuthorizationMetadata,
  AuthorizationOptions,
  AuthorizationTags,
  authorize,
  Authorizer,
} from '../..';
import {givenClient, givenRestApp, givenUserHeader} from '../fixtures/rest-app';

/**
 * A role voter the way an application writes one for the published package:
 * it reads the roles of the user from the principal
 */
class RoleVoterProvider implements Provider<Authorizer> {
  value(): Authorizer {
    return async (
      ctx: AuthorizationContext,
      metadata: AuthorizationMetadata,
    ) => {
      const roles: string[] = ctx.principals[0]?.roles ?? [];
      if (metadata.allowedRoles?.some(role => roles.includes(role))) {
        return AuthorizationDecision.ALLOW;
      }
      return AuthorizationDecision.ABSTAIN;
    };
  }
}

class ShopController {
  @authorize({allowedRoles: ['ADMIN']})
  @get('/number-of-views')
  numOfViews(): number {
    return 100;
  }

  @authorize.skip()
  @get('/ping')
  ping() {
    return {greeting: 'pong'};
  }

  @get('/status')
  status() {
    return {status: 'up'};
  }

  @authorize({allowedRoles: ['ADMIN']})
  @get('/metadata')
  metadata(
    @param.header.string('x-user') _user?: string,
  ): Promise<AuthorizationMetadata | undefined> {
    return Promise.resolve(undefined);
  }
}

describe('Authorization over HTTP', () => {
  let app: RestApplication;
  let client: Client;

  async function givenApp(options?: AuthorizationOptions) {
    app = givenRestApp(options, ShopController);
    app
      .bind('authorizationProviders.roles')
      .toProvider(RoleVoterProvider)
      .tag(AuthorizationTags.AUTHORIZER);
    // A stand-in for authentication: the user comes from a header
    givenUserHeader(app);
    client = await givenClient(app);
  }

  afterEach(() => app?.stop());

  /**
   * Asks for the number of views as the user of an `x-user` header
   */
  function viewsAs(user: string) {
    return client.get('/number-of-views').set('x-user', user);
  }

  it('lets an allowed caller through to the method (200 with its body)', async () => {
    await givenApp();
    const res = await viewsAs('ann,ADMIN').expect(200);
    expect(res.body).to.equal(100);
  });

  it('denies others with 403 and the JSON error body', async () => {
    await givenApp();
    const res = await viewsAs('bob,CUSTOMER')
      .expect(403)
      .expect('content-type', /application\/json/);
    expect(res.body).to.eql({
      error: {statusCode: 403, name: 'Error', message: 'Access denied'},
    });
  });

  it('denies an anonymous caller', async () => {
    await givenApp();
    await client.get('/number-of-views').expect(403);
  });

  it('answers with a configured defaultStatusCodeForDeny', async () => {
    await givenApp({defaultStatusCodeForDeny: 404});
    const res = await viewsAs('bob,CUSTOMER').expect(404);
    expect(res.body.error.message).to.equal('Access denied');
  });

  it('follows a configuration changed while the server runs', async () => {
    await givenApp();
    await client.get('/number-of-views').expect(403);
    app.configure(AuthorizationBindings.COMPONENT).to({
      defaultDecision: AuthorizationDecision.ALLOW,
    });
    await client.get('/number-of-views').expect(200);
  });

  it('answers an anonymous denial with 401 and a challenge when asked to', async () => {
    await givenApp({
      anonymousDenial: {wwwAuthenticate: 'Bearer realm="shop"'},
    });
    const res = await client
      .get('/number-of-views')
      .expect(401)
      .expect('WWW-Authenticate', 'Bearer realm="shop"');
    expect(res.body.error).to.containDeep({
      statusCode: 401,
      message: 'Authentication required',
    });
  });

  it('keeps 403 for an authenticated caller under the 401 option', async () => {
    await givenApp({anonymousDenial: {}});
    const res = await viewsAs('bob,CUSTOMER').expect(403);
    expect(res.headers['www-authenticate']).to.be.undefined();
    expect(res.body.error.message).to.equal('Access denied');
  });

  it('answers 403 to an anonymous caller by default, without a challenge', async () => {
    await givenApp();
    const res = await client.get('/number-of-views').expect(403);
    expect(res.headers['www-authenticate']).to.be.undefined();
  });

  it('leaves skipped and undecorated routes untouched', async () => {
    await givenApp({defaultStatusCodeForDeny: 401});
    await client.get('/ping').expect(200, {greeting: 'pong'});
    await client.get('/status').expect(200, {status: 'up'});
  });

  it('answers 500 without details when a voter misbehaves', async () => {
    await givenApp();
    app
      .bind('voters.sloppy')
      .to(async () => 'allow')
      .tag(AuthorizationTags.AUTHORIZER);
    app.bind('rest.errorWriterOptions').to({debug: false});
    const res = await viewsAs('bob,CUSTOMER').expect(500);
    expect(res.body.error.message).to.equal('Internal Server Error');
  });

  it('provides the metadata of the route at AuthorizationBindings.METADATA', async () => {
    await givenApp();
    let seen: AuthorizationMetadata | undefined;
    app
      .bind('voters.spy')
      .to(async (ctx: AuthorizationContext) => {
        seen = await ctx.invocationContext.get(AuthorizationBindings.METADATA);
        return AuthorizationDecision.ABSTAIN;
      })
      .tag(AuthorizationTags.AUTHORIZER);
    await client.get('/metadata').set('x-user', 'ann,ADMIN').expect(204);
    expect(seen).to.eql({allowedRoles: ['ADMIN']});
  });
});
