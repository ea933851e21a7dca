// Copyright The loopback-security-monorepo authors. License: MIT.

import {
  AuthorizationDecision,
  AuthorizationDecisionRecord,
  authorize,
  AuthorizationTags,
} from '@loopback/authorization';
import {Application, BindingScope, Context, invokeMethod} from '@loopback/core';
import {SecurityBindings, securityId} from '@loopback/security';
import {juggler} from '@loopback/repository';
import {expect} from '@loopback/testlab';
import {
  AuthorizationPolicyBindings,
  PolicyStore,
  storeUnavailable,
} from '../..';
import {guardIn} from '../fixtures/guarded-repositories';
import {givenPolicyApp} from '../fixtures/policy-app';
import {OrderRepository, SHOP_RULES} from '../fixtures/shop';

class OrderController {
  orders?: OrderRepository;

  @authorize({resource: 'ShopOrder', action: 'read'})
  async list() {
    // The rules let a customer read their own orders only: the orders come
    // through a guarded repository, which applies the condition
    await this.orders!.find();
    return 'listed';
  }

  @authorize({resource: 'ShopOrder', action: 'delete'})
  remove() {
    return 'removed';
  }

  @authorize({resource: 'ShopOrder', action: 7 as unknown as string})
  broken() {
    return 'broken';
  }

  @authorize({action: 'read'})
  noResource() {
    return 'no resource';
  }
}

describe('the policy voter', () => {
  let app: Application;
  const controller = new OrderController();
  beforeEach(givenApp);

  it('allows a method when some rule could allow the action', async () => {
    expect(await invokeAs('list', 'alice', ['CUSTOMER'])).to.equal('listed');
  });

  it('denies an action no rule grants the caller', async () => {
    await expect(invokeAs('remove', 'alice', ['CUSTOMER'])).to.be.rejectedWith({
      statusCode: 403,
    });
    expect(await invokeAs('remove', 'sam', ['CUSTOMER_SERVICE'])).to.equal(
      'removed',
    );
  });

  it('names the rule that decided in the decision record', async () => {
    const records: AuthorizationDecisionRecord[] = [];
    app
      .bind('listeners.records')
      .to((record: AuthorizationDecisionRecord) => {
        records.push(record);
      })
      .tag(AuthorizationTags.DECISION_LISTENER);
    await invokeAs('list', 'alice', ['CUSTOMER']);
    await expect(invokeAs('remove', 'alice', ['CUSTOMER'])).to.be.rejected();
    const policyVotes = records.map(record =>
      record.votes.find(vote => vote.voter.includes('policy')),
    );
    expect(policyVotes).to.containDeep([
      {decision: AuthorizationDecision.ALLOW, reason: 'rule:customer-read-own'},
      {
        decision: AuthorizationDecision.DENY,
        reason: 'no-rule-allows:delete:ShopOrder',
      },
    ]);
  });

  it('denies an anonymous caller', async () => {
    await expect(invokeAs('list')).to.be.rejectedWith({statusCode: 403});
  });

  it('fails with 500 on malformed metadata, never allows', async () => {
    await expect(
      invokeAs('broken', 'sam', ['CUSTOMER_SERVICE']),
    ).to.be.rejectedWith({
      statusCode: 500,
      message:
        /OrderController.prototype.broken: "action" must be a non-empty string, got number 7/,
    });
    await expect(
      invokeAs('noResource', 'sam', ['CUSTOMER_SERVICE']),
    ).to.be.rejectedWith({
      statusCode: 500,
      message: /"action" needs a "resource"/,
    });
  });

  it('denies with 503 when the store cannot be read', async () => {
    app.bind(AuthorizationPolicyBindings.STORE).to({
      engine: () => Promise.reject(storeUnavailable('down')),
    } as unknown as PolicyStore);
    await expect(
      invokeAs('list', 'sam', ['CUSTOMER_SERVICE']),
    ).to.be.rejectedWith({
      statusCode: 503,
      code: 'POLICY_STORE_UNAVAILABLE',
    });
  });

  it('follows a rule added through the store on the next call', async () => {
    const store = await app.get(AuthorizationPolicyBindings.STORE);
    await expect(invokeAs('remove', 'alice', ['CUSTOMER'])).to.be.rejected();
    const rule = await store.create({
      effect: 'allow',
      resource: 'ShopOrder',
      actions: ['delete'],
      subjects: ['principal:alice'],
    });
    expect(await invokeAs('remove', 'alice', ['CUSTOMER'])).to.equal('removed');
    await store.deleteById(rule.id);
    await expect(invokeAs('remove', 'alice', ['CUSTOMER'])).to.be.rejected();
  });

  it('uses a new configuration of the component on the next call', async () => {
    const before = await app.get(AuthorizationPolicyBindings.STORE);
    app.configure(AuthorizationPolicyBindings.COMPONENT).to({resources: []});
    const after = await app.get(AuthorizationPolicyBindings.STORE);
    expect(after).to.not.equal(before);
    await expect(
      after.create({...SHOP_RULES[0], id: 'again'}),
    ).to.be.rejectedWith({message: /unknown resource type "ShopOrder"/});
  });

  it('uses a datasource bound later for the rules, on the next call', async () => {
    const before = await app.get(AuthorizationPolicyBindings.STORE);
    app
      .bind(AuthorizationPolicyBindings.DATASOURCE)
      .to(new juggler.DataSource({connector: 'memory'}));
    const after = await app.get(AuthorizationPolicyBindings.STORE);
    expect(after).to.not.equal(before);
    expect(await after.find()).to.deepEqual([]);
    await expect(invokeAs('list', 'alice', ['CUSTOMER'])).to.be.rejectedWith({
      statusCode: 403,
    });
  });

  async function givenApp() {
    app = await givenPolicyApp(SHOP_RULES);
  }

  function invokeAs(
    method: keyof OrderController & string,
    id?: string,
    roles: string[] = [],
  ) {
    const requestCtx = new Context(app, 'request');
    requestCtx.scope = BindingScope.REQUEST;
    if (id) {
      requestCtx.bind(SecurityBindings.USER).to({[securityId]: id, id, roles});
    }
    controller.orders = givenOrders(requestCtx);
    return invokeMethod(controller, method, requestCtx, []);
  }

  /**
   * The orders guarded for the caller of a request context
   */
  function givenOrders(requestCtx: Context) {
    return guardIn(
      new OrderRepository(new juggler.DataSource({connector: 'memory'})),
      requestCtx,
    );
  }
});
