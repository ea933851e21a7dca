// Copyright The loopback-security-monorepo authors. License: MIT.

// The OpenAPI enhancer of AuthorizationComponent, read from the document a
// real REST server serves at /openapi.json.

import {get, param, post, RestApplication} from '@loopback/rest';
import {Client, expect} from '@loopback/testlab';
import {AuthorizationBindings, authorize, LOOPBACK_ERROR_SCHEMA} from '../..';
import {givenClient, givenRestApp} from '../fixtures/rest-app';

const OWNERS = async () => 'alice';

class OrderController {
  @authorize({allowedRoles: ['ADMIN', 'SUPPORT'], deniedRoles: ['BANNED']})
  @get('/orders')
  list() {
    return [];
  }

  @authorize({allowedRoles: ['SUPPORT'], ownership: {owner: OWNERS}})
  @get('/orders/{id}')
  find(@param.path.string('id') id: string) {
    return {id};
  }

  @authorize({scopes: ['orders:write']})
  @post('/orders', {
    responses: {'403': {description: 'Declared by the controller'}},
  })
  create() {
    return {};
  }

  @authorize.skip()
  @get('/ping')
  ping() {
    return 'pong';
  }

  @get('/status')
  status() {
    return 'open';
  }
}

describe('OpenAPI from @authorize (HTTP)', () => {
  let app: RestApplication;
  let client: Client;

  before(async () => {
    app = givenRestApp({unprotectedRoutes: 'silent'}, OrderController);
    client = await givenClient(app);
  });

  after(async () => {
    await app.stop();
  });

  async function givenSpec() {
    return (await client.get('/openapi.json').expect(200)).body;
  }

  it('adds 401 and 403 with LoopBack error body and the roles in words', async () => {
    const spec = await givenSpec();
    const op = spec.paths['/orders'].get;
    const ref = {$ref: '#/components/schemas/LoopBackError'};
    expect(op.responses['401'].content['application/json'].schema).to.eql(ref);
    expect(op.responses['403']).to.eql({
      description: 'Access denied. Allowed: ADMIN, SUPPORT. Denied: BANNED.',
      content: {'application/json': {schema: ref}},
    });
    expect(spec.components.schemas.LoopBackError).to.eql(LOOPBACK_ERROR_SCHEMA);
  });

  it('writes the rules into x-authorization', async () => {
    const spec = await givenSpec();
    expect(spec.paths['/orders/{id}'].get['x-authorization']).to.eql({
      allowedRoles: ['SUPPORT'],
      ownership: {owner: 'function OWNERS', instanceId: 0},
      source: 'decorator',
    });
    expect(
      spec.paths['/orders/{id}'].get.responses['403'].description,
    ).to.equal('Access denied. Allowed: SUPPORT, the owner of the instance.');
  });

  it('keeps a response the operation declares', async () => {
    const spec = await givenSpec();
    const responses = spec.paths['/orders'].post.responses;
    expect(responses['403']).to.eql({
      description: 'Declared by the controller',
    });
    expect(responses).to.have.property('401');
  });

  it('marks skipped and undecorated operations as public, without 401/403', async () => {
    const spec = await givenSpec();
    for (const path of ['/ping', '/status']) {
      const op = spec.paths[path].get;
      expect(op['x-authorization']).to.containDeep({public: true});
      expect(op.responses).to.not.have.property('403');
      expect(op.responses).to.not.have.property('401');
    }
  });

  it('puts the scopes into the requirement of the only OAuth 2.0 scheme', async () => {
    app.api({
      ...(await app.restServer.getApiSpec()),
      paths: {},
      components: {
        securitySchemes: {
          oauth: {
            type: 'oauth2',
            flows: {
              clientCredentials: {
                tokenUrl: 'https://auth.example.com/token',
                scopes: {'orders:write': 'place orders'},
              },
            },
          },
        },
      },
    });
    const spec = await givenSpec();
    expect(spec.paths['/orders'].post.security).to.eql([
      {oauth: ['orders:write']},
    ]);
    expect(spec.paths['/orders'].get.security).to.be.undefined();
  });

  it('documents a change of defaultMetadata in the next document', async () => {
    app.configure(AuthorizationBindings.COMPONENT).to({
      unprotectedRoutes: 'silent',
      defaultMetadata: {allowedRoles: ['STAFF']},
    });
    let spec = await givenSpec();
    expect(spec.paths['/status'].get['x-authorization']).to.eql({
      allowedRoles: ['STAFF'],
      source: 'defaultMetadata',
    });
    app
      .configure(AuthorizationBindings.COMPONENT)
      .to({unprotectedRoutes: 'silent'});
    spec = await givenSpec();
    expect(spec.paths['/status'].get['x-authorization']).to.containDeep({
      public: true,
    });
  });

  it('adds the configured 401 response instead of the generic one', async () => {
    const unauthorized = {description: 'Log in first'};
    app
      .configure(AuthorizationBindings.SPEC_ENHANCER)
      .to({unauthorizedResponse: unauthorized});
    try {
      const spec = await givenSpec();
      expect(spec.paths['/orders'].get.responses['401']).to.eql(unauthorized);
    } finally {
      app.configure(AuthorizationBindings.SPEC_ENHANCER).to({});
    }
  });

  it('refuses malformed enhancer options instead of guessing', async () => {
    app
      .configure(AuthorizationBindings.SPEC_ENHANCER)
      .to({disabled: 'false' as unknown as boolean});
    try {
      await expect(app.restServer.getApiSpec()).to.be.rejectedWith({
        code: 'INVALID_AUTHORIZATION_OPTIONS',
        message:
          'Invalid options of the authorization OpenAPI enhancer: "disabled" must be a boolean, got "false"',
      });
    } finally {
      app.configure(AuthorizationBindings.SPEC_ENHANCER).to({});
    }
  });

  it('leaves the document alone when disabled', async () => {
    app.configure(AuthorizationBindings.SPEC_ENHANCER).to({disabled: true});
    try {
      const spec = await givenSpec();
      expect(spec.paths['/orders'].get).to.not.have.property('x-authorization');
      expect(spec.paths['/orders'].get.responses).to.not.have.property('403');
    } finally {
      app.configure(AuthorizationBindings.SPEC_ENHANCER).to({});
    }
  });
});
