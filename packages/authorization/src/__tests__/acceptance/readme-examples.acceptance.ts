// Copyright The loopback-security-monorepo authors. License: MIT.

// The examples of the package README, compiled and run, so the README cannot
// drift from the code.

import {get, RestApplication} from '@loopback/rest';
import {expect} from '@loopback/testlab';
import {
  AuthorizationBindings,
  AuthorizationComponent,
  AuthorizationContext,
  AuthorizationDecision,
  AuthorizationDecisionRecord,
  AuthorizationMetadata,
  AuthorizationTags,
  authorize,
  BuiltinAuthorizersComponent,
  DecisionListener,
  RoleMapper,
} from '../..';
import {givenUser, invokeAs} from '../fixtures/authorization-app';

export class ShopController {
  @authorize({allowedRoles: ['ADMIN']})
  @get('/number-of-views')
  numOfViews(): number {
    return 100;
  }
}

async function roleVoter(
  ctx: AuthorizationContext,
  metadata: AuthorizationMetadata,
) {
  const roles: string[] = ctx.principals[0]?.roles ?? [];
  return metadata.allowedRoles?.some(role => roles.includes(role))
    ? AuthorizationDecision.ALLOW
    : AuthorizationDecision.ABSTAIN;
}

const orders = {
  async findOne(filter: {where: {id: string}}) {
    return filter.where.id === 'o1' ? {id: 'o1', ownerId: 'alice'} : null;
  },
};

class OrderController {
  @authorize({
    allowedRoles: ['CUSTOMER_SERVICE', 'ADMIN'],
    ownership: {instanceId: 0, owner: 'owners.order'},
  })
  async findById(id: string) {
    return {id};
  }
}

describe('README examples', () => {
  it('basic use: an application voter guards numOfViews', async () => {
    const app = new RestApplication();
    const binding = app.component(AuthorizationComponent);
    app.configure(binding.key).to({
      precedence: AuthorizationDecision.DENY,
      defaultDecision: AuthorizationDecision.DENY,
    });
    app
      .bind('authorizers.roles')
      .to(roleVoter)
      .tag(AuthorizationTags.AUTHORIZER);
    app.controller(ShopController);

    const controller = new ShopController();
    const admin = givenUser('a', {roles: ['ADMIN']});
    expect(await invokeAs(app, controller, 'numOfViews', admin)).to.equal(100);
    await expect(
      invokeAs(app, controller, 'numOfViews', givenUser('b')),
    ).to.be.rejectedWith({statusCode: 403});
  });

  it('built-in authorizers, hierarchy, role mapper, ownership, audit', async () => {
    const app = new RestApplication();
    app.component(AuthorizationComponent);
    app.component(BuiltinAuthorizersComponent);
    app.configure(AuthorizationBindings.COMPONENT).to({
      roleHierarchy: {ADMIN: ['MANAGER'], MANAGER: ['USER']},
    });
    const teamRoles: RoleMapper = async principals =>
      principals.length ? ['TEAM_MEMBER'] : [];
    app
      .bind('roleMappers.teams')
      .to(teamRoles)
      .tag(AuthorizationTags.ROLE_MAPPER);
    app.bind('owners.order').to(async (id: unknown) => {
      const order = await orders.findOne({where: {id: id as string}});
      return order?.ownerId;
    });
    const lines: AuthorizationDecisionRecord[] = [];
    const audit: DecisionListener = record => {
      lines.push(record);
    };
    app
      .bind('listeners.audit')
      .to(audit)
      .tag(AuthorizationTags.DECISION_LISTENER);

    const controller = new OrderController();
    const alice = givenUser('alice', {roles: ['CUSTOMER']});
    expect(await invokeAs(app, controller, 'findById', alice, ['o1'])).to.eql({
      id: 'o1',
    });
    await expect(
      invokeAs(app, controller, 'findById', givenUser('bob'), ['o1']),
    ).to.be.rejectedWith({statusCode: 403});
    const boss = givenUser('boss', {roles: ['ADMIN']});
    expect(await invokeAs(app, controller, 'findById', boss, ['o2'])).to.eql({
      id: 'o2',
    });
    expect(lines.map(l => l.decision)).to.eql(['Allow', 'Deny', 'Allow']);
    expect(lines[2].roles).to.eql(['ADMIN', 'MANAGER', 'USER', 'TEAM_MEMBER']);
  });
});
