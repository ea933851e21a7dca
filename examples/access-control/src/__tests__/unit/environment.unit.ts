// Copyright The loopback-security-monorepo authors. License: MIT.

import {expect} from '@loopback/testlab';
import {
  DEFAULT_HOST,
  DEFAULT_PORT,
  hostFromEnv,
  originsFromEnv,
  portFromEnv,
} from '../..';

describe('HOST, PORT and CORS_ORIGINS', () => {
  it('takes an unset, empty or blank HOST for the default host', () => {
    for (const HOST of [undefined, '', '  ']) {
      expect(hostFromEnv({HOST})).to.equal(DEFAULT_HOST);
    }
    expect(hostFromEnv({HOST: '0.0.0.0'})).to.equal('0.0.0.0');
  });

  it('takes an unset, empty or blank PORT for the default port', () => {
    for (const PORT of [undefined, '', ' ']) {
      expect(portFromEnv({PORT})).to.equal(DEFAULT_PORT);
    }
    expect(portFromEnv({PORT: '0'})).to.equal(0);
    expect(portFromEnv({PORT: '8080'})).to.equal(8080);
  });

  it('rejects a PORT that is not a port number, saying what it got', () => {
    for (const PORT of ['http', '3000.5', '-1', '65536']) {
      expect(() => portFromEnv({PORT})).to.throw(
        `PORT must be a port number, got "${PORT}"`,
      );
    }
  });

  it('reads CORS_ORIGINS as a comma-separated list, none when unset or blank', () => {
    expect(originsFromEnv({})).to.eql([]);
    expect(originsFromEnv({CORS_ORIGINS: ' '})).to.eql([]);
    expect(
      originsFromEnv({CORS_ORIGINS: 'https://a.example, https://b.example,'}),
    ).to.eql(['https://a.example', 'https://b.example']);
  });
});
