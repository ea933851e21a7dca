// Copyright The loopback-security-monorepo authors. License: MIT.

import {
  AuthorizationBindings,
  AuthorizationDecision,
  AuthorizationTags,
  authorize,
  RoleMapper,
} from '@loopback/authorization';
import {Application, BindingScope, Context, invokeMethod} from '@loopback/core';
import {DefaultCrudRepository} from '@loopback/repository';
import {securityId, SecurityBindings} from '@loopback/security';
import {expect} from '@loopback/testlab';
import {AuthorizationPolicyBindings, RuleInput} from '../..';
import {guardIn} from '../fixtures/guarded-repositories';
import {givenPolicyApp} from '../fixtures/policy-app';
import {
  givenShop,
  OrderRepository,
  PlainOrderRepository,
  Shop,
  SHOP_RULES,
  ShopOrder,
} from '../fixtures/shop';

/**
 * Customer service cancels orders, but not those of 20 or more
 */
const CANCEL_RULES: RuleInput[] = [
  {
    id: 'service-cancels',
    effect: 'allow',
    resource: 'ShopOrder',
    actions: ['cancel'],
    subjects: ['CUSTOMER_SERVICE'],
  },
  {
    id: 'no-cancel-of-big-orders',
    effect: 'deny',
    resource: 'ShopOrder',
    actions: ['cancel'],
    subjects: ['CUSTOMER_SERVICE'],
    where: {total: {gte: 20}},
  },
];

class ShopController {
  orders!: OrderRepository;
  plain!: PlainOrderRepository;

  @authorize({resource: 'ShopOrder', action: 'cancel'})
  async cancel(id: string) {
    await this.orders.updateById(id, {status: 'cancelled'});
    return 'cancelled';
  }

  @authorize({resource: 'ShopOrder', action: 'cancel'})
  async cancelWithoutCheck(id: string) {
    // The mistake the call interceptor catches: a write that ignores the
    // rules' condition
    await this.plain.updateById(id, {status: 'cancelled'});
    return 'cancelled';
  }

  @authorize({resource: 'ShopOrder', action: 'cancel'})
  async cancelAfterCheck(id: string) {
    await this.orders.checkInstanceAction(id);
    await this.plain.updateById(id, {status: 'cancelled'});
    return 'cancelled';
  }

  @authorize({resource: 'ShopOrder', action: 'read'})
  async list() {
    return (await this.orders.find()).map(order => order.id);
  }
}

describe('the calls of a request', () => {
  let app: Application;
  let shop: Shop;
  const controller = new ShopController();
  beforeEach(givenApp);

  describe('a method that names an action of its own', () => {
    it('writes under the rules of that action, with their condition', async () => {
      expect(
        await invokeAs('cancel', ['b1'], 'sam', ['CUSTOMER_SERVICE']),
      ).to.equal('cancelled');
      expect((await shop.plain.findById('b1')).status).to.equal('cancelled');
      await shop.plain.updateById('a2', {status: 'placed'});
      await expect(
        invokeAs('cancel', ['a2'], 'sam', ['CUSTOMER_SERVICE']),
      ).to.be.rejectedWith({
        statusCode: 403,
        code: 'FORBIDDEN',
        message: 'Forbidden: may not cancel this ShopOrder',
      });
      expect((await shop.plain.findById('a2')).status).to.equal('placed');
    });

    it('is not helped by the generic update rules', async () => {
      // Customer service may update every order, but the deny rule of
      // cancel still holds for a cancel
      await shop.plain.updateById('a1', {total: 25});
      await expect(
        invokeAs('cancel', ['a1'], 'sam', ['CUSTOMER_SERVICE']),
      ).to.be.rejectedWith({statusCode: 403});
      expect((await shop.plain.findById('a1')).status).to.equal('placed');
    });

    it('answers 404 for an instance the caller may not read', async () => {
      await expect(
        invokeAs('cancel', ['nowhere'], 'sam', ['CUSTOMER_SERVICE']),
      ).to.be.rejectedWith({code: 'ENTITY_NOT_FOUND'});
    });
  });

  describe('a conditional door that no guarded repository checked', () => {
    it('fails the call with 500, naming the method and the action', async () => {
      await expect(
        invokeAs('cancelWithoutCheck', ['b1'], 'sam', ['CUSTOMER_SERVICE']),
      ).to.be.rejectedWith({
        statusCode: 500,
        code: 'UNCHECKED_POLICY_ACTION',
        message:
          /ShopController.prototype.cancelWithoutCheck names the action "cancel" on ShopOrder/,
      });
    });

    it('passes once the method checks the instance', async () => {
      expect(
        await invokeAs('cancelAfterCheck', ['b1'], 'sam', ['CUSTOMER_SERVICE']),
      ).to.equal('cancelled');
      await expect(
        invokeAs('cancelAfterCheck', ['a2'], 'sam', ['CUSTOMER_SERVICE']),
      ).to.be.rejectedWith({statusCode: 403, code: 'FORBIDDEN'});
      await expect(
        invokeAs('cancelAfterCheck', ['nowhere'], 'sam', ['CUSTOMER_SERVICE']),
      ).to.be.rejectedWith({code: 'ENTITY_NOT_FOUND'});
    });

    it('is not asked of an unconditional door', async () => {
      await givenRules([{...CANCEL_RULES[0], id: 'service-cancels-all'}]);
      expect(
        await invokeAs('cancelWithoutCheck', ['a2'], 'sam', [
          'CUSTOMER_SERVICE',
        ]),
      ).to.equal('cancelled');
    });
  });

  describe('one caller', () => {
    it('lists by the roles the role mappers find, not those of the token', async () => {
      app.unbind(AuthorizationBindings.PROFILE_ROLE_MAPPER);
      givenRoleMapper(principals =>
        principals.some(p => p[securityId] === 'sam')
          ? ['CUSTOMER_SERVICE']
          : [],
      );
      // The token says CUSTOMER; the role mapper, as the door, says service
      expect(await invokeAs('list', [], 'sam', ['CUSTOMER'])).to.deepEqual([
        'a1',
        'a2',
        'b1',
      ]);
    });

    it('lists by the roles the role hierarchy adds', async () => {
      app.configure(AuthorizationBindings.COMPONENT).to({
        precedence: AuthorizationDecision.DENY,
        defaultDecision: AuthorizationDecision.DENY,
        roleHierarchy: {SUPERVISOR: ['CUSTOMER_SERVICE']},
      });
      expect(await invokeAs('list', [], 'ann', ['SUPERVISOR'])).to.deepEqual([
        'a1',
        'a2',
        'b1',
      ]);
    });
  });

  async function givenApp() {
    app = await givenPolicyApp([...SHOP_RULES, ...CANCEL_RULES]);
    shop = await givenShop(() => {
      throw new Error('the caller comes from the request');
    });
  }

  async function givenRules(rules: RuleInput[]) {
    const store = await app.get(AuthorizationPolicyBindings.STORE);
    for (const rule of await store.find()) await store.deleteById(rule.id);
    for (const rule of rules) await store.create(rule);
  }

  function givenRoleMapper(mapper: RoleMapper) {
    app.bind('roleMappers.test').to(mapper).tag(AuthorizationTags.ROLE_MAPPER);
  }

  function invokeAs(
    method: keyof ShopController & string,
    args: string[],
    id: string,
    roles: string[],
  ) {
    const requestCtx = new Context(app, 'request');
    requestCtx.scope = BindingScope.REQUEST;
    requestCtx.bind(SecurityBindings.USER).to({[securityId]: id, id, roles});
    controller.orders = guardIn(
      new OrderRepository(shop.dataSource),
      requestCtx,
    );
    controller.plain = new DefaultCrudRepository(ShopOrder, shop.dataSource);
    return invokeMethod(controller, method, requestCtx, args);
  }
});
