// Copyright The loopback-security-monorepo authors. License: MIT.

import {
  AuthorizationTags,
  DescribedRoute,
  RouteRuleDescriber,
} from '@loopback/authorization';
import {Application} from '@loopback/core';
import {expect} from '@loopback/testlab';
import {
  AuthorizationPolicyBindings,
  POLICY_ROUTE_RULE_DESCRIBER,
  PolicyStore,
  storeUnavailable,
} from '../..';
import {givenPolicyApp} from '../fixtures/policy-app';
import {SHOP_RULES} from '../fixtures/shop';

const ROUTE: DescribedRoute = {
  verb: 'delete',
  path: '/orders/{id}',
  controller: 'OrderController',
  method: 'cancel',
};

describe('the policy rules of a route, for the access report', () => {
  let app: Application;
  let rulesOf: RouteRuleDescriber;

  beforeEach(async () => {
    app = await givenPolicyApp([
      ...SHOP_RULES,
      {
        id: 'service-cancels-small',
        effect: 'allow',
        resource: 'ShopOrder',
        actions: ['cancel'],
        subjects: ['CUSTOMER_SERVICE'],
        where: {total: {lt: 20}},
      },
      {
        id: 'no-cancel-of-rush',
        effect: 'deny',
        resource: 'ShopOrder',
        actions: ['cancel', 'update'],
        subjects: ['$everyone'],
        where: {rush: true},
        fields: ['status'],
      },
    ]);
    rulesOf = await app.get(POLICY_ROUTE_RULE_DESCRIBER);
  });

  it('is bound by the component as a route rule describer', () => {
    expect(
      app
        .findByTag(AuthorizationTags.ROUTE_RULE_DESCRIBER)
        .map(binding => binding.key),
    ).to.eql([POLICY_ROUTE_RULE_DESCRIBER.key]);
  });

  it("lists the allow and deny rules of the route's action, by id, with subjects, condition and fields", async () => {
    expect(
      await rulesOf({resource: 'ShopOrder', action: 'cancel'}, ROUTE),
    ).to.eql([
      {
        id: 'no-cancel-of-rush',
        effect: 'deny',
        subjects: ['$everyone'],
        where: {rush: true},
        fields: ['status'],
      },
      {
        id: 'service-cancels-small',
        effect: 'allow',
        subjects: ['CUSTOMER_SERVICE'],
        where: {total: {lt: 20}},
      },
    ]);
  });

  it('lists no rule of another action or resource', async () => {
    const read = await rulesOf({resource: 'ShopOrder', action: 'read'}, ROUTE);
    expect(read?.map(rule => rule.id)).to.eql([
      'customer-read-own',
      'service-all',
    ]);
    expect(
      await rulesOf({resource: 'Invoice', action: 'cancel'}, ROUTE),
    ).to.eql([]);
  });

  it('is not concerned by a method that names no resource and action', async () => {
    expect(await rulesOf({allowedRoles: ['ADMIN']}, ROUTE)).to.be.undefined();
    expect(await rulesOf({resource: 'ShopOrder'}, ROUTE)).to.be.undefined();
  });

  it('follows the store: a rule added shows in the next report', async () => {
    const store = await app.get(AuthorizationPolicyBindings.STORE);
    await store.create({
      id: 'alice-cancels',
      effect: 'allow',
      resource: 'ShopOrder',
      actions: ['cancel'],
      subjects: ['principal:alice'],
    });
    const ids = (
      await rulesOf({resource: 'ShopOrder', action: 'cancel'}, ROUTE)
    )?.map(rule => rule.id);
    expect(ids).to.eql([
      'alice-cancels',
      'no-cancel-of-rush',
      'service-cancels-small',
    ]);
  });

  it('fails with 503 when the store cannot be read, rather than list no rule', async () => {
    app.bind(AuthorizationPolicyBindings.STORE).to({
      engine: () => Promise.reject(storeUnavailable('down')),
    } as unknown as PolicyStore);
    await expect(
      rulesOf({resource: 'ShopOrder', action: 'cancel'}, ROUTE),
    ).to.be.rejectedWith({
      statusCode: 503,
      code: 'POLICY_STORE_UNAVAILABLE',
    });
  });
});
