// Copyright The loopback-security-monorepo authors. License: MIT.

// The example is safe to start: CORS off unless origins are configured,
// DATA_FILE readable by its owner only, failed logins limited per username
// and per client address without telling unknown usernames apart.

import {expect, TestSandbox} from '@loopback/testlab';
import {stat, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {AppUnderTest, givenAppPerTest} from '../fixtures/running-app';

describe('Hardening', () => {
  const givenApp = givenAppPerTest();

  function preflight(client: AppUnderTest['client'], origin: string) {
    return client
      .options('/users/login')
      .set('Origin', origin)
      .set('Access-Control-Request-Method', 'POST')
      .set('Access-Control-Request-Headers', 'authorization,content-type');
  }

  describe('CORS', () => {
    it('answers no preflight from another origin by default', async () => {
      const {client} = await givenApp();
      const res = await preflight(client, 'https://evil.example');
      expect(res.headers).to.not.have.property('access-control-allow-origin');
      expect(res.headers).to.not.have.property('access-control-allow-headers');
    });

    it('allows only the configured origins', async () => {
      const {client} = await givenApp({
        corsOrigins: ['https://shop.example'],
      });
      const allowed = await preflight(client, 'https://shop.example');
      expect(allowed.headers['access-control-allow-origin']).to.equal(
        'https://shop.example',
      );
      const other = await preflight(client, 'https://evil.example');
      expect(other.headers).to.not.have.property('access-control-allow-origin');
    });
  });

  describe('DATA_FILE', () => {
    const sandbox = new TestSandbox(join(tmpdir(), 'access-control-mode'));
    beforeEach(() => sandbox.reset());
    after(() => sandbox.delete());

    it('creates the file with mode 0600', async () => {
      const dataFile = join(sandbox.path, 'new.json');
      const {app} = await givenApp({dataFile});
      await app.stop();
      expect((await stat(dataFile)).mode & 0o777).to.equal(0o600);
    });

    it('narrows an existing world-readable file to 0600', async () => {
      const dataFile = join(sandbox.path, 'old.json');
      await writeFile(dataFile, '', {mode: 0o644});
      await givenApp({dataFile});
      expect((await stat(dataFile)).mode & 0o777).to.equal(0o600);
    });
  });

  describe('login limits', () => {
    const LIMITS = {
      maxFailuresPerUsername: 3,
      maxFailuresPerAddress: 100,
      windowMs: 60000,
    };

    async function attempts(
      client: AppUnderTest['client'],
      username: string,
      count: number,
      password = 'wrong-password',
    ) {
      const results: {status: number; body: unknown; retry?: string}[] = [];
      for (let i = 0; i < count; i++) {
        const res = await client
          .post('/users/login')
          .send({username, password});
        results.push({
          status: res.status,
          body: res.body,
          retry: res.headers['retry-after'],
        });
      }
      return results;
    }

    it('answers 429 with Retry-After once a username has failed too often, even to the right password', async () => {
      const {client} = await givenApp({loginLimits: LIMITS});
      const results = await attempts(client, 'alice', 4);
      expect(results.map(r => r.status)).to.eql([401, 401, 401, 429]);
      const retry = Number(results[3].retry);
      expect(retry).to.be.within(1, 60);
      await client
        .post('/users/login')
        .send({username: 'alice', password: 'alice-password'})
        .expect(429);
      // Another user is not held back
      await client
        .post('/users/login')
        .send({username: 'bob', password: 'bob-password'})
        .expect(200);
    });

    it('treats an unknown username exactly as a known one', async () => {
      const {client} = await givenApp({loginLimits: LIMITS});
      const known = await attempts(client, 'alice', 5);
      const unknown = await attempts(client, 'nobody-at-all', 5);
      expect(unknown.map(r => [r.status, r.body])).to.eql(
        known.map(r => [r.status, r.body]),
      );
    });

    it('limits the failures of one client address across usernames', async () => {
      const {client} = await givenApp({
        loginLimits: {...LIMITS, maxFailuresPerAddress: 4},
      });
      const statuses: number[] = [];
      for (const username of ['u1', 'u2', 'u3', 'u4', 'u5']) {
        statuses.push((await attempts(client, username, 1))[0].status);
      }
      expect(statuses).to.eql([401, 401, 401, 401, 429]);
    });

    it('forgets the failures of a username after it logs in', async () => {
      const {client} = await givenApp({loginLimits: LIMITS});
      await attempts(client, 'alice', 2);
      await attempts(client, 'alice', 1, 'alice-password');
      const after = await attempts(client, 'alice', 3);
      expect(after.map(r => r.status)).to.eql([401, 401, 401]);
    });
  });
});
