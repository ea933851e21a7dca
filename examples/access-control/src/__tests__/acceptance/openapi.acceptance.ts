// Copyright The loopback-security-monorepo authors. License: MIT.

import {OpenApiSpec} from '@loopback/rest';
import {Client, expect} from '@loopback/testlab';
import {AccessControlApplication} from '../../application';
import {givenRunningApp} from '../fixtures/running-app';

describe('OpenAPI spec and API Explorer', () => {
  let app: AccessControlApplication;
  let client: Client;
  let spec: OpenApiSpec;

  before(async () => {
    ({app, client} = await givenRunningApp());
    spec = (await client.get('/openapi.json').expect(200)).body;
  });
  after(async () => {
    await app?.stop();
  });

  const PROTECTED = [
    ['get', '/whoami'],
    ['get', '/number-of-views'],
    ['post', '/orders'],
    ['get', '/orders/{id}'],
    ['delete', '/orders/{id}'],
    ['patch', '/users/{id}/email'],
    ['get', '/orders'],
    ['get', '/orders/count'],
    ['patch', '/orders/{id}'],
    ['get', '/policies'],
    ['post', '/policies'],
    ['delete', '/policies/{id}'],
  ] as const;

  it('declares the bearer scheme "jwt"', () => {
    expect(spec.components?.securitySchemes).to.deepEqual({
      jwt: {
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'JWT',
        description: 'The token returned by POST /users/login',
      },
    });
  });

  for (const [verb, path] of PROTECTED) {
    it(`secures ${verb.toUpperCase()} ${path} and documents 401 and 403`, () => {
      const operation = spec.paths[path][verb];
      expect(operation.security).to.deepEqual([{jwt: []}]);
      expect(Object.keys(operation.responses)).to.containEql('401');
      expect(Object.keys(operation.responses)).to.containEql('403');
    });

    it(`documents both 401s of ${verb.toUpperCase()} ${path}: no token, bad token`, () => {
      const unauthorized = spec.paths[path][verb].responses['401'];
      expect(unauthorized.description).to.containEql('Authentication required');
      expect(unauthorized.description).to.containEql(
        'WWW-Authenticate: Bearer realm="access-control"',
      );
      expect(unauthorized.description).to.containEql(
        'WWW-Authenticate: Bearer error="invalid_token"',
      );
      expect(unauthorized.headers).to.have.key('WWW-Authenticate');
      const forbidden = spec.paths[path][verb].responses['403'];
      // The list routes say more in their own 403: a filter can be refused
      expect(forbidden.description).to.match(/^Access denied[.,]/);
      expect(spec.paths[path][verb]['x-authorization']).to.have.property(
        'source',
        'decorator',
      );
    });
  }

  it('says in each 403 who may call, from @authorize', () => {
    const forbidden = (verb: string, path: string) =>
      spec.paths[path][verb].responses['403'].description;
    expect(forbidden('delete', '/orders/{id}')).to.equal(
      'Access denied. Decided by the rules of the action "cancel" on "Order".',
    );
    expect(forbidden('get', '/orders/{id}')).to.equal(
      'Access denied. Decided by the rules of the action "read" on "Order".',
    );
    expect(forbidden('delete', '/policies/{id}')).to.equal(
      'Access denied. Allowed: ADMIN.',
    );
    expect(forbidden('get', '/number-of-views')).to.equal(
      'Access denied. Allowed: ADMIN.',
    );
    expect(spec.paths['/orders/{id}'].get['x-authorization']).to.eql({
      resource: 'Order',
      action: 'read',
      source: 'decorator',
    });
  });

  it('names no role in the summaries: the rules come from @authorize', () => {
    for (const [verb, path] of PROTECTED) {
      expect(spec.paths[path][verb].summary).to.not.match(
        /ADMIN|CUSTOMER|authenticated/,
      );
    }
  });

  it('marks the public routes', () => {
    expect(spec.paths['/ping'].get['x-authorization']).to.containDeep({
      public: true,
    });
    // allowAll() is a rule the role authorizer enforces, not a skip
    const login = spec.paths['/users/login'].post;
    expect(login['x-authorization']).to.eql({
      allowedRoles: ['$everyone'],
      source: 'decorator',
    });
    expect(login.responses['403'].description).to.equal(
      'Access denied. Allowed: everyone.',
    );
    expect(login.responses['401'].description).to.equal(
      'Invalid username or password',
    );
  });

  it('leaves the public routes without security', () => {
    expect(spec.paths['/ping'].get.security).to.be.undefined();
    expect(spec.paths['/users/login'].post.security).to.be.undefined();
  });

  it('names the operations after their controller methods', () => {
    expect(spec.paths['/orders/{id}'].delete['x-operation-name']).to.equal(
      'cancelOrder',
    );
    expect(spec.paths['/users/{id}/email'].patch['x-operation-name']).to.equal(
      'changeEmail',
    );
  });

  it('serves the API Explorer at /explorer', async () => {
    const res = await client.get('/explorer/').expect(200);
    expect(res.text).to.match(/<title>LoopBack API Explorer<\/title>/);
    expect(res.text).to.match(/openapi\.json/);
  });
});
