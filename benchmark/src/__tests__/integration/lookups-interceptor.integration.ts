// Copyright The loopback-security-monorepo authors. License: MIT.

import {AuthorizationTags, Authorizer} from '@loopback/authorization';
import {Binding} from '@loopback/core';
import {expect} from '@loopback/testlab';
import {callOnce, checkVariants} from '../../checks';
import {
  abstainVoter,
  allowVoter,
  benchmarkVoters,
  denyVoter,
} from '../../fixtures';
import {
  createInvocationVariant,
  InvocationVariant,
} from '../../invocation-variants';

describe('lookups contender', () => {
  for (const voters of [1, 10]) {
    for (const withUser of [true, false]) {
      const setup = `${voters} voter(s), ${withUser ? 'with' : 'without'} a user`;

      it(`decides like ours with ${setup}: every voter asked once`, async () => {
        expect(
          await checkVariants(voters, withUser, true, ['lookups', 'floor']),
        ).to.eql([]);
      });
    }
  }

  it('allows when the last voter allows and denies with a 403 when it denies', async () => {
    const allowed = await callOnce('lookups', 3, true, false);
    const denied = await callOnce('lookups', 3, true, true);
    expect([allowed.outcome, denied.outcome]).to.eql(['allowed', 'denied']);
    expect(denied.votes).to.eql([1, 1, 1]);
  });

  it('denies a call that no voter decides', async () => {
    const variant = givenLookups([abstainVoter, abstainVoter]);
    await expect(variant.call()).to.be.rejectedWith({statusCode: 403});
  });

  it('stops at the first voter that decides', async () => {
    const asked: string[] = [];
    const voter =
      (name: string, vote: Authorizer): Authorizer =>
      (ctx, metadata) => {
        asked.push(name);
        return vote(ctx, metadata);
      };
    const variant = givenLookups([
      voter('first', abstainVoter),
      voter('second', allowVoter),
      voter('third', denyVoter),
    ]);
    expect(await variant.call()).to.equal('Hello, world');
    expect(asked).to.eql(['first', 'second']);
  });

  it('sees the voters as the context holds them on every call', async () => {
    const variant = givenLookups(benchmarkVoters(1));
    const binding = variant.app.getBinding('voters.v1') as Binding<Authorizer>;
    expect(await variant.call()).to.equal('Hello, world');
    binding.to(denyVoter);
    await expect(variant.call()).to.be.rejectedWith({statusCode: 403});
    binding.to(allowVoter);
    expect(await variant.call()).to.equal('Hello, world');
    variant.app.unbind('voters.v1');
    await expect(variant.call()).to.be.rejectedWith({statusCode: 403});
    variant.app.bind('voters.v1').toDynamicValue(() => allowVoter);
    await expect(variant.call()).to.be.rejectedWith({statusCode: 403});
    variant.app.getBinding('voters.v1').tag(AuthorizationTags.AUTHORIZER);
    expect(await variant.call()).to.equal('Hello, world');
  });

  function givenLookups(voters: Authorizer[]): InvocationVariant {
    return createInvocationVariant('lookups', {voters, withUser: true});
  }
});
