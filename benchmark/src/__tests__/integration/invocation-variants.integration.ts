// Copyright The loopback-security-monorepo authors. License: MIT.

import {expect} from '@loopback/testlab';
import {callOnce, checkVariants} from '../../checks';
import {VARIANT_NAMES} from '../../invocation-variants';

describe('invocation variants', () => {
  for (const voters of [1, 10]) {
    for (const withUser of [true, false]) {
      const setup = `${voters} voter(s), ${withUser ? 'with' : 'without'} a user`;

      it(`do the same work with ${setup}: every voter asked once`, async () => {
        expect(await checkVariants(voters, withUser)).to.eql([]);
      });
    }
  }

  it('deny in the published package and ours when the last voter denies', async () => {
    const outcomes = [];
    for (const name of VARIANT_NAMES) {
      outcomes.push((await callOnce(name, 10, true, true)).outcome);
    }
    expect(outcomes).to.eql(['allowed', 'denied', 'denied']);
  });

  it('ask no voter for a method without metadata', async () => {
    expect(await checkVariants(10, true, false)).to.eql([]);
  });
});
