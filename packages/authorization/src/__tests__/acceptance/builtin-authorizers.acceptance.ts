// Copyright The loopback-security-monorepo authors. License: MIT.

import {UserProfile} from '@loopback/security';
import {expect} from '@loopback/testlab';
import {
  AuthorizationBindings,
  AuthorizationDecision,
  AuthorizationTags,
  authorize,
  OwnerResolver,
} from '../..';
import {
  bindTaggedVoters,
  givenAuthorizationApp,
  givenBuiltinsApp,
  givenDecisionRecords,
  givenUser,
  givenVoter,
  invokeAs,
} from '../fixtures/authorization-app';

const ORDERS: Record<string, {ownerId: string}> = {
  o1: {ownerId: 'alice'},
  o2: {ownerId: 'bob'},
};
const findOrderOwner: OwnerResolver = async id => ORDERS[id as string]?.ownerId;

class ShopController {
  @authorize({allowedRoles: ['ADMIN']})
  numberOfViews() {
    return 100;
  }

  @authorize({allowedRoles: ['USER']})
  profile() {
    return 'profile';
  }

  @authorize.allowAuthenticated()
  whoami() {
    return 'me';
  }

  @authorize({allowedRoles: ['SUPPORT', 'ADMIN'], scopes: ['orders:write']})
  refund() {
    return 'refunded';
  }

  @authorize({scopes: ['orders:read', 'orders:list']})
  listOrders() {
    return 'orders';
  }

  @authorize({
    allowedRoles: ['SUPPORT'],
    ownership: {owner: findOrderOwner},
  })
  findOrder(id: string) {
    return ORDERS[id] ? `order ${id}` : `no order ${id}`;
  }

  @authorize({
    ownership: {owner: 'owners.order', instanceId: args => args[1]},
  })
  renameOrder(_name: string, id: string) {
    return `renamed ${id}`;
  }
}

const shop = new ShopController();
const alice = givenUser('alice', {roles: ['CUSTOMER']});
const admin = givenUser('root', {roles: ['ADMIN']});
const support = givenUser('sam', {role: 'SUPPORT'});

describe('Built-in authorizers (invokeMethod)', () => {
  it('protects a route with allowedRoles and the one-line opt-in', async () => {
    const app = givenBuiltinsApp();
    expect(await invokeAs(app, shop, 'numberOfViews', admin)).to.equal(100);
    for (const caller of [alice, givenUser('nobody'), undefined]) {
      await expect(
        invokeAs(app, shop, 'numberOfViews', caller),
      ).to.be.rejectedWith({message: 'Access denied', statusCode: 403});
    }
  });

  it('leaves roles empty and routes open to voters without the opt-in', async () => {
    const app = givenAuthorizationApp({
      defaultDecision: AuthorizationDecision.ALLOW,
    });
    expect(await invokeAs(app, shop, 'numberOfViews', alice)).to.equal(100);
  });

  it('expands roles through a hierarchy two levels deep', async () => {
    const app = givenBuiltinsApp({
      roleHierarchy: {ADMIN: ['MANAGER'], MANAGER: ['USER']},
    });
    const voter = givenVoter('spy', AuthorizationDecision.ABSTAIN);
    bindTaggedVoters(app, [voter]);
    expect(await invokeAs(app, shop, 'profile', admin)).to.equal('profile');
    expect(voter.seen[0].roles.map(r => r.name)).to.eql([
      'ADMIN',
      'MANAGER',
      'USER',
    ]);
    await expect(invokeAs(app, shop, 'profile', alice)).to.be.rejectedWith({
      statusCode: 403,
    });
  });

  it('refuses to start with a cyclic hierarchy, naming the cycle', async () => {
    const app = givenBuiltinsApp({
      roleHierarchy: {ADMIN: ['MANAGER'], MANAGER: ['ADMIN']},
    });
    await expect(app.start()).to.be.rejectedWith(
      /Invalid role hierarchy: cycle ADMIN -> MANAGER -> ADMIN/,
    );
    // and a call made anyway fails closed
    await expect(invokeAs(app, shop, 'profile', admin)).to.be.rejectedWith(
      /Invalid role hierarchy/,
    );
  });

  it('refuses to start with malformed options of either component', async () => {
    await expect(
      givenBuiltinsApp({
        precedence: 'deny' as AuthorizationDecision.DENY,
      }).start(),
    ).to.be.rejectedWith(/"precedence" must be "Allow" or "Deny"/);
    await expect(
      givenBuiltinsApp({}, {scopeMatch: 'some' as 'any'}).start(),
    ).to.be.rejectedWith(/"scopeMatch" must be "all" or "any", got "some"/);
  });

  it('gives application voters the mapped roles and scopes', async () => {
    const app = givenBuiltinsApp();
    const voter = givenVoter('spy', AuthorizationDecision.ABSTAIN);
    bindTaggedVoters(app, [voter]);
    const user = givenUser('u', {roles: ['ADMIN'], scope: 'a b'});
    await invokeAs(app, shop, 'numberOfViews', user);
    expect(voter.seen[0].roles).to.containDeep([{name: 'ADMIN'}]);
    expect(voter.seen[0].scopes).to.eql(['a', 'b']);
  });

  describe('scopes', () => {
    it('denies a caller missing one of the scopes', async () => {
      const app = givenBuiltinsApp();
      const user = givenUser('u', {scope: 'orders:read'});
      await expect(invokeAs(app, shop, 'listOrders', user)).to.be.rejectedWith({
        statusCode: 403,
      });
    });

    it('allows a caller holding every scope', async () => {
      const app = givenBuiltinsApp();
      const user = givenUser('u', {scopes: ['orders:list', 'orders:read']});
      expect(await invokeAs(app, shop, 'listOrders', user)).to.equal('orders');
    });

    it('allows any one scope with scopeMatch "any"', async () => {
      const app = givenBuiltinsApp({}, {scopeMatch: 'any'});
      const user = givenUser('u', {scope: 'orders:read'});
      expect(await invokeAs(app, shop, 'listOrders', user)).to.equal('orders');
      await expect(
        invokeAs(app, shop, 'listOrders', givenUser('v', {scope: 'x'})),
      ).to.be.rejectedWith({statusCode: 403});
    });

    it('requires both the role and the scope when a method names both', async () => {
      const app = givenBuiltinsApp();
      const withScope = givenUser('u', {
        roles: ['SUPPORT'],
        scope: 'orders:write',
      });
      expect(await invokeAs(app, shop, 'refund', withScope)).to.equal(
        'refunded',
      );
      const scopeOnly = givenUser('v', {scope: 'orders:write'});
      await expect(invokeAs(app, shop, 'refund', scopeOnly)).to.be.rejected();
      await expect(invokeAs(app, shop, 'refund', support)).to.be.rejected();
    });
  });

  describe('ownership', () => {
    // Who finds which order, and what they get: the order, or a denial
    // (`undefined`) that does not tell a missing order from a foreign one
    const FINDS: [string, UserProfile | undefined, string, string?][] = [
      ['allows the owner of an existing instance', alice, 'o1', 'order o1'],
      ['denies a customer a foreign instance', alice, 'o2'],
      [
        'denies a customer a missing instance exactly as a foreign one',
        alice,
        'o404',
      ],
      [
        'lets a role allowed to see any instance reach a missing one',
        support,
        'o404',
        'no order o404',
      ],
      ['denies an anonymous caller', undefined, 'o1'],
    ];
    for (const [title, caller, id, found] of FINDS) {
      it(title, async () => {
        const call = invokeAs(givenBuiltinsApp(), shop, 'findOrder', caller, [
          id,
        ]);
        if (found !== undefined) {
          expect(await call).to.equal(found);
        } else {
          await expect(call).to.be.rejectedWith({
            message: 'Access denied',
            statusCode: 403,
          });
        }
      });
    }

    it('finds the owner through a binding and the id through a function', async () => {
      const app = givenBuiltinsApp();
      app.bind('owners.order').to(findOrderOwner);
      expect(
        await invokeAs(app, shop, 'renameOrder', alice, ['new', 'o1']),
      ).to.equal('renamed o1');
      await expect(
        invokeAs(app, shop, 'renameOrder', alice, ['new', 'o2']),
      ).to.be.rejectedWith({statusCode: 403});
    });

    it('takes a 404 error of the owner resolver as a missing instance', async () => {
      const app = givenBuiltinsApp();
      app.bind('owners.order').to(async () => {
        throw Object.assign(new Error('Entity not found'), {
          code: 'ENTITY_NOT_FOUND',
        });
      });
      await expect(
        invokeAs(app, shop, 'renameOrder', alice, ['new', 'o9']),
      ).to.be.rejectedWith({message: 'Access denied', statusCode: 403});
    });

    it('stops the call when the owner resolver fails otherwise', async () => {
      const app = givenBuiltinsApp();
      app.bind('owners.order').to(async () => {
        throw new Error('database down');
      });
      await expect(
        invokeAs(app, shop, 'renameOrder', alice, ['new', 'o1']),
      ).to.be.rejectedWith('database down');
    });
  });

  describe('decision records', () => {
    it('records an allowed decision with every vote', async () => {
      const app = givenBuiltinsApp();
      const records = givenDecisionRecords(app);
      await invokeAs(app, shop, 'numberOfViews', admin);
      expect(records).to.have.length(1);
      const [record] = records;
      expect(record).to.containDeep({
        resource: 'ShopController.prototype.numberOfViews',
        metadata: {allowedRoles: ['ADMIN']},
        roles: ['ADMIN'],
        scopes: [],
        decision: 'Allow',
        votes: [
          {
            voter: `binding "${AuthorizationBindings.SCOPE_AUTHORIZER}"`,
            decision: 'Abstain',
          },
          {
            voter: `binding "${AuthorizationBindings.ROLE_AUTHORIZER}"`,
            decision: 'Allow',
          },
          {
            voter: `binding "${AuthorizationBindings.OWNERSHIP_AUTHORIZER}"`,
            decision: 'Abstain',
          },
        ],
      });
      expect(record.principals[0]).to.containDeep({name: 'root', type: 'USER'});
      expect(record.durationMs).to.be.a.Number();
      expect(record.durationMs).to.be.aboveOrEqual(0);
      expect(record.error).to.be.undefined();
    });

    it('records a denied decision', async () => {
      const app = givenBuiltinsApp();
      const records = givenDecisionRecords(app);
      await expect(invokeAs(app, shop, 'numberOfViews')).to.be.rejected();
      expect(records[0]).to.containDeep({decision: 'Deny', principals: []});
    });

    it('records a failed authorization as a denial with its error', async () => {
      const app = givenBuiltinsApp();
      const records = givenDecisionRecords(app);
      bindTaggedVoters(app, [givenVoter('sloppy', 'yes')]);
      await expect(
        invokeAs(app, shop, 'numberOfViews', admin),
      ).to.be.rejected();
      expect(records[0].decision).to.equal('Deny');
      expect(records[0].error?.message).to.match(/Invalid vote/);
    });

    it('names the caller in the record when a role mapper fails', async () => {
      const app = givenBuiltinsApp();
      const records = givenDecisionRecords(app);
      app
        .bind('roleMappers.broken')
        .to(async () => {
          throw new Error('role store down');
        })
        .tag(AuthorizationTags.ROLE_MAPPER);
      await expect(
        invokeAs(app, shop, 'numberOfViews', givenUser('u-42')),
      ).to.be.rejectedWith('role store down');
      expect(records[0]).to.containDeep({
        decision: 'Deny',
        principals: [{name: 'u-42', type: 'USER'}],
        error: {message: 'role store down'},
      });
    });

    it('never lets a throwing listener change the decision', async () => {
      const app = givenBuiltinsApp();
      const errors: unknown[] = [];
      const original = console.error;
      console.error = (...args: unknown[]) => errors.push(args);
      try {
        app
          .bind('listeners.broken')
          .to(() => {
            throw new Error('audit log full');
          })
          .tag(AuthorizationTags.DECISION_LISTENER);
        app
          .bind('listeners.rejecting')
          .to(async () => {
            throw new Error('audit service down');
          })
          .tag(AuthorizationTags.DECISION_LISTENER);
        expect(await invokeAs(app, shop, 'numberOfViews', admin)).to.equal(100);
        await expect(
          invokeAs(app, shop, 'numberOfViews', alice),
        ).to.be.rejectedWith({message: 'Access denied'});
        await new Promise(resolve => setImmediate(resolve));
      } finally {
        console.error = original;
      }
      expect(errors).to.have.length(4);
    });
  });
});

describe('The ownership authorizer next to scopes, and its resolver binding', () => {
  it('does not let scopes widen ownership: a non-owner holding the scope is denied', async () => {
    const app = givenBuiltinsApp();
    class Orders {
      @authorize({
        scopes: ['orders:read'],
        ownership: {owner: async () => 'alice'},
      })
      find(_id: string) {
        return 'ran';
      }
    }
    const bob = givenUser('bob', {scope: 'orders:read'});
    await expect(
      invokeAs(app, new Orders(), 'find', bob, ['o1']),
    ).to.be.rejectedWith({message: 'Access denied'});
    const owner = givenUser('alice', {scope: 'orders:read'});
    expect(await invokeAs(app, new Orders(), 'find', owner, ['o1'])).to.equal(
      'ran',
    );
  });

  it('rejects an owner resolver binding that is not a function', async () => {
    const app = givenBuiltinsApp();
    app.bind('owners.order').to('alice');
    class Orders {
      @authorize({ownership: {owner: 'owners.order'}})
      find(_id: string) {}
    }
    await expect(
      invokeAs(app, new Orders(), 'find', givenUser('alice'), ['o1']),
    ).to.be.rejectedWith({
      code: 'INVALID_VOTER',
      message:
        'Invalid owner resolver "owners.order" of Orders.prototype.find: ' +
        'expected a function, got "alice"',
    });
  });
});
