// Copyright The loopback-security-monorepo authors. License: MIT.

import {securityId} from '@loopback/security';
import {expect} from '@loopback/testlab';
import {completeAuthorizationOptions} from '../../../options/authorization-options.validator';
import {createDenialError} from '../../../pipeline/denial.stage';

describe('createDenialError', () => {
  const user = [{[securityId]: 'u1'}];

  it('denies with 403 and no headers by default', () => {
    const error = createDenialError(completeAuthorizationOptions({}), []);
    expect(error).to.containDeep({message: 'Access denied', statusCode: 403});
    expect(error.headers).to.be.undefined();
  });

  it('carries the challenge of an anonymous denial in its frozen headers', () => {
    const options = completeAuthorizationOptions({
      anonymousDenial: {wwwAuthenticate: 'Bearer realm="shop"'},
    });
    const error = createDenialError(options, []);
    expect(error).to.containDeep({
      message: 'Authentication required',
      statusCode: 401,
    });
    expect(error.headers).to.eql({'WWW-Authenticate': 'Bearer realm="shop"'});
    expect(Object.isFrozen(error.headers)).to.be.true();
    // An authenticated caller is forbidden, not challenged
    expect(createDenialError(options, user).statusCode).to.equal(403);
  });
});
