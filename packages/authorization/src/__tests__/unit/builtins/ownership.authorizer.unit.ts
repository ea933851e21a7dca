// Copyright The loopback-security-monorepo authors. License: MIT.

import {Context, InvocationContext} from '@loopback/core';
import {Principal, securityId} from '@loopback/security';
import {expect} from '@loopback/testlab';
import {inspect} from 'util';
import {
  AuthorizationContext,
  OwnerResolver,
  ownershipAuthorizer,
} from '../../..';
import {ALLOW, ABSTAIN} from '../../fixtures/decisions';

const OWNERS: Record<string, string | string[] | number> = {
  o1: 'alice',
  o2: ['bob', 'alice'],
  o3: 'bob',
  n1: 42,
};
const findOwners: OwnerResolver = async id => OWNERS[id as string];

function givenContext(
  args: unknown[],
  user?: string,
  app = new Context('app'),
): AuthorizationContext {
  const principals: Principal[] = user
    ? [{[securityId]: user, type: 'USER'}]
    : [];
  return {
    principals,
    roles: [],
    scopes: [],
    resource: 'C.prototype.m',
    invocationContext: new InvocationContext(app, {}, 'm', args),
  };
}

describe('ownershipAuthorizer', () => {
  it('abstains for a method without ownership', async () => {
    expect(
      await ownershipAuthorizer(givenContext(['o1'], 'alice'), {}),
    ).to.equal(ABSTAIN);
  });

  it('allows the owner, and one owner among several', async () => {
    const md = {ownership: {owner: findOwners}};
    expect(
      await ownershipAuthorizer(givenContext(['o1'], 'alice'), md),
    ).to.equal(ALLOW);
    expect(
      await ownershipAuthorizer(givenContext(['o2'], 'alice'), md),
    ).to.equal(ALLOW);
  });

  it('abstains for a foreign, a missing or an id-less instance', async () => {
    const md = {ownership: {owner: findOwners}};
    for (const args of [['o3'], ['o404'], [], [null]]) {
      expect(
        await ownershipAuthorizer(givenContext(args, 'alice'), md),
      ).to.equal(ABSTAIN);
    }
  });

  it('abstains for an anonymous caller without asking for the owner', async () => {
    let asked = false;
    const md = {
      ownership: {
        owner: async () => {
          asked = true;
          return 'alice';
        },
      },
    };
    expect(await ownershipAuthorizer(givenContext(['o1']), md)).to.equal(
      ABSTAIN,
    );
    expect(asked).to.be.false();
  });

  it('takes the id from another argument or from a function', async () => {
    const byIndex = {ownership: {owner: findOwners, instanceId: 1}};
    const byFunction = {
      ownership: {owner: findOwners, instanceId: (args: unknown[]) => args[2]},
    };
    const args = ['x', 'o1', 'o3'];
    expect(
      await ownershipAuthorizer(givenContext(args, 'alice'), byIndex),
    ).to.equal(ALLOW);
    expect(
      await ownershipAuthorizer(givenContext(args, 'bob'), byFunction),
    ).to.equal(ALLOW);
  });

  it('resolves the owner resolver from a binding', async () => {
    const app = new Context('app');
    app.bind('owners.order').to(findOwners);
    const md = {ownership: {owner: 'owners.order'}};
    expect(
      await ownershipAuthorizer(givenContext(['o3'], 'bob', app), md),
    ).to.equal(ALLOW);
  });

  it('compares numeric owner ids as strings', async () => {
    const md = {ownership: {owner: findOwners}};
    expect(await ownershipAuthorizer(givenContext(['n1'], '42'), md)).to.equal(
      ALLOW,
    );
  });

  for (const owner of [NaN, Infinity, -Infinity, '', [NaN], ['alice', '']]) {
    it(`rejects the owners ${inspect(owner)} rather than comparing them as strings (review finding 7)`, async () => {
      // String(NaN) is "NaN": a user with that id would own every instance
      const md = {ownership: {owner: async () => owner as never}};
      for (const user of ['NaN', 'Infinity', '-Infinity', 'alice']) {
        await expect(
          ownershipAuthorizer(givenContext(['o1'], user), md),
        ).to.be.rejectedWith(
          /expected a user id \(a non-empty string or a finite number\)/,
        );
      }
    });
  }

  it('rejects owners that are not ids', async () => {
    const md = {ownership: {owner: async () => ({id: 'alice'})}};
    await expect(
      ownershipAuthorizer(givenContext(['o1'], 'alice'), md as never),
    ).to.be.rejectedWith(
      /Invalid owners of "o1" for C.prototype.m: expected a user id \(a non-empty string or a finite number\) or an array of them, got object/,
    );
  });

  it('treats a 404 of the resolver as a missing instance, and rethrows others', async () => {
    const notFound = {
      ownership: {
        owner: async () => {
          throw Object.assign(new Error('gone'), {statusCode: 404});
        },
      },
    };
    expect(
      await ownershipAuthorizer(givenContext(['o1'], 'alice'), notFound),
    ).to.equal(ABSTAIN);
    const broken = {
      ownership: {
        owner: async () => {
          throw new Error('database down');
        },
      },
    };
    await expect(
      ownershipAuthorizer(givenContext(['o1'], 'alice'), broken),
    ).to.be.rejectedWith('database down');
  });
});
