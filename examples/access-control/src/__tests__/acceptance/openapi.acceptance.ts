// Copyright The loopback-security-monorepo authors. License: MIT.

import {OpenApiSpec} from '@loopback/rest';
import {Client, expect} from '@loopback/testlab';
import {AccessControlApplication} from '../../application';
import {givenRunningApp} from './test-helper';

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
      expect(forbidden.description).to.not.match(/anonymous/i);
    });
  }

  it('leaves the public routes without security', () => {
    expect(spec.paths['/ping'].get.security).to.be.undefined();
    expect(spec.paths['/users/login'].post.security).to.be.undefined();
  });

  it('names the controller methods as the issue asks', () => {
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
