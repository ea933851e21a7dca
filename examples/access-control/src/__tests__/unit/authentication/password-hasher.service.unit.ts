// Copyright The loopback-security-monorepo authors. License: MIT.

import {expect} from '@loopback/testlab';
import {PasswordHasher} from '../../../authentication/password-hasher.service';

describe('PasswordHasher', () => {
  const hasher = new PasswordHasher();

  it('stores a random salt and a 64-byte key, base64', async () => {
    const hash = await hasher.hash('secret');
    const [salt, key] = hash.split(':');
    expect(Buffer.from(salt, 'base64')).to.have.length(16);
    expect(Buffer.from(key, 'base64')).to.have.length(64);
    expect(hash).not.to.containEql('secret');
  });

  it('salts every hash anew', async () => {
    expect(await hasher.hash('secret')).not.to.equal(
      await hasher.hash('secret'),
    );
  });

  it('accepts the right password only', async () => {
    const hash = await hasher.hash('secret');
    expect(await hasher.verify('secret', hash)).to.be.true();
    expect(await hasher.verify('Secret', hash)).to.be.false();
    expect(await hasher.verify('', hash)).to.be.false();
  });

  it('answers false for a missing user or a corrupt hash', async () => {
    expect(await hasher.verify('secret', undefined)).to.be.false();
    expect(await hasher.verify('secret', 'no-colon')).to.be.false();
    expect(await hasher.verify('secret', 'c2FsdA==:c2hvcnQ=')).to.be.false();
  });
});
