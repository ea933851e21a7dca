// Copyright The loopback-security-monorepo authors. License: MIT.

import {AuthorizationContext} from '@loopback/authorization';
import {expect} from '@loopback/testlab';
import {
  OwnerLookup,
  ownerResolverOf,
} from '../../../authorization/owner-resolvers';

describe('ownerResolverOf', () => {
  const owners: Record<string, string> = {'order-1': 'alice'};
  const asked: string[] = [];
  const lookup: OwnerLookup = {
    async findOwnerId(id) {
      asked.push(id);
      return owners[id];
    },
  };
  const resolve = ownerResolverOf(lookup);
  const ctx = {} as AuthorizationContext;

  beforeEach(() => {
    asked.length = 0;
  });

  it('returns the owner of an instance', async () => {
    expect(await resolve('order-1', ctx)).to.equal('alice');
    expect(asked).to.deepEqual(['order-1']);
  });

  it('returns undefined, "owned by nobody", for a missing instance', async () => {
    expect(await resolve('order-2', ctx)).to.be.undefined();
  });

  it('returns undefined for an id that is not a string, without a lookup', async () => {
    for (const id of [undefined, null, 1, {id: 'order-1'}, ['order-1']]) {
      expect(await resolve(id, ctx)).to.be.undefined();
    }
    expect(asked).to.deepEqual([]);
  });
});
