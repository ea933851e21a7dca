// Copyright The loopback-security-monorepo authors. License: MIT.

import {expect} from '@loopback/testlab';
import {AuthorizationError} from '../../..';
import {denialHeadersMiddleware} from '../../../rest/denial-headers.middleware';

describe('denialHeadersMiddleware', () => {
  function givenResponse(headersSent = false) {
    const headers: Record<string, string> = {};
    const response = {
      headersSent,
      setHeader: (name: string, value: string) => (headers[name] = value),
    };
    return {response, headers};
  }

  function denial(headers?: Record<string, string>) {
    const error = new AuthorizationError('Authentication required');
    error.headers = headers;
    return error;
  }

  it('writes the headers of a denial, then passes the error on', async () => {
    const {response, headers} = givenResponse();
    const error = denial({'WWW-Authenticate': 'Bearer'});
    await expect(
      denialHeadersMiddleware({response}, () => Promise.reject(error)),
    ).to.be.rejectedWith(error);
    expect(headers).to.eql({'WWW-Authenticate': 'Bearer'});
  });

  it('leaves other errors and sent responses alone', async () => {
    const other = givenResponse();
    const plain = Object.assign(new Error('boom'), {
      headers: {'X-Injected': '1'},
    });
    await expect(
      denialHeadersMiddleware({response: other.response}, () => {
        throw plain;
      }),
    ).to.be.rejectedWith(plain);
    expect(other.headers).to.eql({});
    const sent = givenResponse(true);
    await expect(
      denialHeadersMiddleware({response: sent.response}, () =>
        Promise.reject(denial({'WWW-Authenticate': 'Bearer'})),
      ),
    ).to.be.rejected();
    expect(sent.headers).to.eql({});
  });

  it('returns the result of the rest of the chain', async () => {
    const {response} = givenResponse();
    expect(await denialHeadersMiddleware({response}, () => 'ok')).to.equal(
      'ok',
    );
  });
});
