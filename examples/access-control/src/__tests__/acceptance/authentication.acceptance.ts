// Copyright The loopback-security-monorepo authors. License: MIT.

import {Client, expect} from '@loopback/testlab';
import {randomBytes} from 'node:crypto';
import {AccessControlApplication} from '../../application';
import {AccessControlBindings} from '../../keys';
import {givenToken} from '../fixtures/callers';
import {
  expectAuthenticationRequired,
  expectInvalidToken,
} from '../fixtures/denial-expectations';
import {givenRunningApp} from '../fixtures/running-app';
import {decodePayload, givenSignedToken} from '../fixtures/signed-tokens';

describe('Authentication', () => {
  let app: AccessControlApplication;
  let client: Client;
  let aliceId: string;

  before(async () => {
    ({app, client} = await givenRunningApp());
    const users = await app.get(AccessControlBindings.USER_REPOSITORY);
    aliceId = (await users.findByUsername('alice'))!.id;
  });
  after(async () => {
    await app?.stop();
  });

  /** Claims of a valid token of alice */
  const aliceClaims = () => ({
    sub: aliceId,
    name: 'Alice',
    roles: ['CUSTOMER'],
  });

  describe('POST /users/login', () => {
    it('returns an HS256 token with sub, name, roles, iss and a 1h exp', async () => {
      const token = await givenToken(client, 'alice');
      const [header] = token.split('.');
      expect(JSON.parse(Buffer.from(header, 'base64url').toString())).to.eql({
        alg: 'HS256',
        typ: 'JWT',
      });
      const claims = decodePayload(token);
      expect(claims).to.containDeep({
        sub: aliceId,
        name: 'Alice',
        roles: ['CUSTOMER'],
        iss: 'loopback-example-access-control',
      });
      expect(claims.exp! - claims.iat!).to.equal(3600);
    });

    it('answers the same 401 for a wrong password and an unknown user', async () => {
      const wrongPassword = await client
        .post('/users/login')
        .send({username: 'alice', password: 'bob-password'})
        .expect(401);
      const unknownUser = await client
        .post('/users/login')
        .send({username: 'mallory', password: 'alice-password'})
        .expect(401);
      expect(wrongPassword.body).to.deepEqual({
        error: {
          statusCode: 401,
          name: 'UnauthorizedError',
          message: 'Invalid username or password',
        },
      });
      expect(unknownUser.body).to.deepEqual(wrongPassword.body);
      expect(wrongPassword.body.token).to.be.undefined();
    });

    for (const [what, body] of [
      ['no password', {username: 'alice'}],
      ['an empty username', {username: '', password: 'alice-password'}],
      ['a number as password', {username: 'alice', password: 42}],
      [
        'an extra property',
        {username: 'alice', password: 'alice-password', roles: ['ADMIN']},
      ],
    ] as const) {
      it(`rejects a body with ${what} (422)`, async () => {
        const res = await client.post('/users/login').send(body).expect(422);
        expect(res.body.error).to.containDeep({
          statusCode: 422,
          code: 'VALIDATION_FAILED',
        });
        expect(res.body.token).to.be.undefined();
      });
    }
  });

  describe('a request without Authorization header', () => {
    it('is anonymous: public routes answer', async () => {
      const res = await client.get('/ping').expect(200);
      expect(res.body.greeting).to.equal('pong');
    });

    it('is anonymous: public routes answer without a challenge', async () => {
      const res = await client.post('/users/login').send({
        username: 'alice',
        password: 'alice-password',
      });
      expect(res.status).to.equal(200);
      expect(res.headers['www-authenticate']).to.be.undefined();
    });

    it('is anonymous: protected routes ask for a token (401, realm challenge)', async () => {
      const res = await client.get('/whoami');
      expectAuthenticationRequired(res);
    });
  });

  describe('a valid token', () => {
    it('identifies the caller', async () => {
      const token = await givenToken(client, 'alice');
      const res = await client
        .get('/whoami')
        .set('Authorization', `Bearer ${token}`)
        .expect(200);
      expect(res.body).to.deepEqual(idOf(aliceClaims()));
    });

    it('is accepted with a lower-case scheme name', async () => {
      const token = await givenToken(client, 'alice');
      const res = await client
        .get('/whoami')
        .set('Authorization', `bearer ${token}`)
        .expect(200);
      expect(res.body.id).to.equal(aliceId);
    });

    it('signed with JWT_SECRET by someone else is accepted', async () => {
      const secret = 'a shared secret of more than 32 bytes!';
      const other = await givenRunningApp({jwt: {secret}});
      try {
        // Alice of that application: its users have ids of their own
        const users = await other.app.get(
          AccessControlBindings.USER_REPOSITORY,
        );
        const sub = (await users.findByUsername('alice'))!.id;
        const token = await givenSignedToken(
          other.app,
          {...aliceClaims(), sub},
          {secret: new TextEncoder().encode(secret)},
        );
        await other.client
          .get('/whoami')
          .set('Authorization', `Bearer ${token}`)
          .expect(200);
      } finally {
        await other.app.stop();
      }
    });
  });

  describe('a bad credential (401, never anonymous)', () => {
    const bearer = (token: string) => ({Authorization: `Bearer ${token}`});

    for (const header of ['Bearer', 'Bearer ', 'Basic xyz', 'Token abc.def']) {
      it(`refuses the header "${header}"`, async () => {
        const res = await client.get('/whoami').set('Authorization', header);
        expectInvalidToken(
          res,
          'Invalid Authorization header: expected "Bearer <token>"',
        );
      });
    }

    it('refuses a malformed token', async () => {
      const res = await client.get('/whoami').set(bearer('not-a-jwt'));
      expectInvalidToken(res, 'Invalid token: malformed');
    });

    it('refuses a token whose signature was tampered with', async () => {
      const token = await givenToken(client, 'alice');
      const [header, payload, signature] = token.split('.');
      // A middle character: the last one carries padding bits, and changing
      // it may decode to the same signature.
      const i = 10;
      const flipped = signature[i] === 'A' ? 'B' : 'A';
      const tampered = `${header}.${payload}.${signature.slice(0, i)}${flipped}${signature.slice(i + 1)}`;
      const res = await client.get('/whoami').set(bearer(tampered));
      expectInvalidToken(res, 'Invalid token: signature verification failed');
    });

    it('refuses a token whose claims were changed (roles: ADMIN)', async () => {
      const token = await givenToken(client, 'alice');
      const [header, , signature] = token.split('.');
      const forged = Buffer.from(
        JSON.stringify({...decodePayload(token), roles: ['ADMIN']}),
      ).toString('base64url');
      const res = await client
        .get('/number-of-views')
        .set(bearer(`${header}.${forged}.${signature}`));
      expectInvalidToken(res, 'Invalid token: signature verification failed');
    });

    it('refuses a token signed with another secret', async () => {
      const token = await givenSignedToken(app, aliceClaims(), {
        secret: randomBytes(32),
      });
      const res = await client.get('/whoami').set(bearer(token));
      expectInvalidToken(res, 'Invalid token: signature verification failed');
    });

    it('refuses an unsigned token (alg: none)', async () => {
      const encode = (value: object) =>
        Buffer.from(JSON.stringify(value)).toString('base64url');
      const claims = {
        ...aliceClaims(),
        roles: ['ADMIN'],
        iss: 'loopback-example-access-control',
        exp: Math.floor(Date.now() / 1000) + 3600,
      };
      const token = `${encode({alg: 'none', typ: 'JWT'})}.${encode(claims)}.`;
      const res = await client.get('/number-of-views').set(bearer(token));
      expectInvalidToken(res, 'Invalid token: algorithm not allowed');
    });

    it('refuses an expired token', async () => {
      const token = await givenSignedToken(app, aliceClaims(), {
        expiresAt: Math.floor(Date.now() / 1000) - 60,
      });
      const res = await client.get('/whoami').set(bearer(token));
      expectInvalidToken(res, 'Token expired');
    });

    it('refuses a token from another issuer', async () => {
      const token = await givenSignedToken(app, aliceClaims(), {
        issuer: 'someone-else',
      });
      const res = await client.get('/whoami').set(bearer(token));
      expectInvalidToken(res, 'Invalid token: unexpected "iss" claim');
    });

    it('refuses a token without expiry', async () => {
      const token = await givenSignedToken(app, aliceClaims(), {
        expiresAt: null,
      });
      const res = await client.get('/whoami').set(bearer(token));
      expectInvalidToken(res, 'Invalid token: missing "exp" claim');
    });

    it('refuses a token without roles', async () => {
      const token = await givenSignedToken(app, {sub: aliceId, name: 'Alice'});
      const res = await client.get('/whoami').set(bearer(token));
      expectInvalidToken(res, 'Invalid token: malformed claims');
    });

    it('refuses a token with an empty role name (401, not 500)', async () => {
      const token = await givenSignedToken(app, {
        ...aliceClaims(),
        roles: ['CUSTOMER', ''],
      });
      const res = await client.get('/whoami').set(bearer(token));
      expectInvalidToken(res, 'Invalid token: malformed claims');
    });

    it('refuses a bad token on a public route too', async () => {
      const res = await client.get('/ping').set(bearer('not-a-jwt'));
      expectInvalidToken(res, 'Invalid token: malformed');
    });
  });

  describe('the secret', () => {
    it('is refused when shorter than 32 bytes', () => {
      expect(
        () => new AccessControlApplication({jwt: {secret: 'too short'}}),
      ).to.throw(/JWT_SECRET is too short: 9 bytes, at least 32 required/);
    });

    it('is random when not configured: another app refuses our tokens', async () => {
      const other = await givenRunningApp();
      try {
        const token = await givenToken(client, 'alice');
        const res = await other.client
          .get('/whoami')
          .set('Authorization', `Bearer ${token}`);
        expectInvalidToken(res, 'Invalid token: signature verification failed');
      } finally {
        await other.app.stop();
      }
    });
  });
});

/**
 * The profile `GET /whoami` returns for the given claims
 */
function idOf(claims: {sub: string; name: string; roles: string[]}) {
  return {id: claims.sub, name: claims.name, roles: claims.roles};
}
