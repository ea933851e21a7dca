// Copyright The loopback-security-monorepo authors. License: MIT.

import {expect, TestSandbox} from '@loopback/testlab';
import {readFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {AccessControlBindings} from '../../keys';
import {authHeader, givenCallers, givenToken} from '../fixtures/callers';
import {givenRunningApp} from '../fixtures/running-app';

describe('DATA_FILE persistence', () => {
  const sandbox = new TestSandbox(join(tmpdir(), 'access-control-data'));
  let dataFile: string;

  beforeEach(async () => {
    await sandbox.reset();
    dataFile = join(sandbox.path, 'db.json');
  });
  after(() => sandbox.delete());

  it('keeps users and changes across restarts, without seeding twice', async () => {
    const first = await givenRunningApp({dataFile});
    const callers = await givenCallers(first.app, first.client);
    await first.client
      .patch(`/users/${callers.alice.id}/email`)
      .set(authHeader(callers.alice))
      .send({email: 'alice@example.org'})
      .expect(200);
    await first.app.stop();

    const stored = JSON.parse(await readFile(dataFile, 'utf8'));
    expect(Object.keys(stored.models.User)).to.have.length(4);
    expect(JSON.stringify(stored)).not.to.match(/alice-password/);

    const second = await givenRunningApp({dataFile});
    try {
      const users = await second.app.get(AccessControlBindings.USER_REPOSITORY);
      const orders = await second.app.get(
        AccessControlBindings.ORDER_REPOSITORY,
      );
      expect(await users.count()).to.eql({count: 4});
      expect(await orders.count()).to.eql({count: 2});
      const alice = await users.findById(callers.alice.id);
      expect(alice.email).to.equal('alice@example.org');
      // The stored hash still checks out: log in again
      await givenToken(second.client, 'alice');
    } finally {
      await second.app.stop();
    }
  });
});
