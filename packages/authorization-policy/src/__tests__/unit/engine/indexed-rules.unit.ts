// Copyright The loopback-security-monorepo authors. License: MIT.

// Reproduce a failure with its seed:
// `FC_SEED=<seed> npx mocha dist/__tests__/unit/engine/indexed-rules.unit.js`,
// and change the number of cases with `FC_RUNS`.

import {
  propertyParameters,
  runsTitle,
} from '@loopback/authorization-test-fixtures';
import {expect} from '@loopback/testlab';
import fc from 'fast-check';
import {PolicyCaller, PolicyEngine, RuleInput} from '../../..';
import {ITEM_RESOURCE} from '../../../testing';
import {crowdedCase, CrowdedCase, TENANTS} from '../../fixtures/crowded-bucket';
import {givenPlainScan} from '../../fixtures/plain-scan';

const RUNS = 300;

describe('a crowded bucket of rules', () => {
  it(`decides as a plain scan of its rules does ${runsTitle(RUNS)}`, () => {
    fc.assert(
      fc.property(crowdedCase, c => {
        const engine = givenCrowdedEngine(c);
        const rules = engine.rules();
        for (const caller of c.callers) {
          const scan = givenPlainScan(rules, ITEM_RESOURCE, caller, 'read');
          for (const instance of c.instances) {
            expect(engine.decide(caller, 'Item', 'read', instance)).to.eql(
              scan.decide(instance),
            );
            expect(engine.fields(caller, 'Item', 'read', instance)).to.eql(
              scan.fields(instance),
            );
          }
          expect(engine.decide(caller, 'Item', 'read')).to.eql(scan.decide());
        }
      }),
      propertyParameters(RUNS),
    );
  });

  it('finds the rule of a tenant among thousands, and forgets a removed one', () => {
    const engine = new PolicyEngine([ITEM_RESOURCE]);
    engine.apply(
      Array.from({length: 5000}, (_, i) => ({
        kind: 'upsert' as const,
        rule: tenantRule(`r${i}`, `t${i}`),
      })),
    );
    const caller: PolicyCaller = {id: 'u1', roles: ['A'], attributes: {}};
    const item = {id: 1, tenant: 't4321'};
    expect(engine.decide(caller, 'Item', 'read', item)).to.eql({
      allowed: true,
      ruleId: 'r4321',
    });
    engine.remove('r4321');
    expect(engine.decide(caller, 'Item', 'read', item)).to.eql({
      allowed: false,
    });
    // Written again, the rule comes last in its bucket and decides again
    engine.upsert(tenantRule('r4321', 't4321'));
    expect(engine.decide(caller, 'Item', 'read', item).ruleId).to.equal(
      'r4321',
    );
    expect(engine.filter(caller, 'Item', 'read').ruleIds).to.have.length(5000);
  });

  it('decides as a plain scan while a bucket shrinks to a short list and grows again', () => {
    const engine = new PolicyEngine([ITEM_RESOURCE]);
    const caller: PolicyCaller = {id: 'u1', roles: ['A'], attributes: {}};
    const items = TENANTS.map((tenant, id) => ({id, tenant}));
    const expectScan = () => {
      const scan = givenPlainScan(
        engine.rules(),
        ITEM_RESOURCE,
        caller,
        'read',
      );
      for (const item of items) {
        expect(engine.decide(caller, 'Item', 'read', item)).to.eql(
          scan.decide(item),
        );
      }
    };
    const write = (from: number, to: number) => {
      for (let i = from; i < to; i++) {
        engine.upsert(tenantRule(`r${i}`, TENANTS[(i * 5) % TENANTS.length]));
      }
    };
    write(0, 40);
    expectScan();
    for (let i = 0; i < 36; i++) engine.remove(`r${i}`);
    expectScan();
    write(0, 30);
    expectScan();
  });

  it('lets a deny rule whose caller attribute is missing refuse every instance', () => {
    const engine = new PolicyEngine([ITEM_RESOURCE]);
    engine.apply(
      TENANTS.map((tenant, i) => ({
        kind: 'upsert' as const,
        rule: tenantRule(`r${i}`, tenant),
      })),
    );
    for (let i = 0; i < 20; i++) {
      engine.upsert({
        ...tenantRule(`d${i}`, `t${100 + i}`),
        effect: 'deny',
        where: {and: [{tenant: `t${100 + i}`}, {owner: '$user.id'}]},
      });
    }
    const anonymous: PolicyCaller = {roles: ['A'], attributes: {}};
    const item = {id: 1, tenant: TENANTS[0]};
    expect(engine.decide(anonymous, 'Item', 'read', item)).to.eql({
      allowed: false,
      ruleId: 'd0',
    });
    const known: PolicyCaller = {
      id: 'u1',
      roles: ['A'],
      attributes: {id: 'u1'},
    };
    expect(engine.decide(known, 'Item', 'read', item)).to.eql({
      allowed: true,
      ruleId: 'r0',
    });
  });
});

function tenantRule(id: string, tenant: string): RuleInput & {id: string} {
  return {
    id,
    effect: 'allow',
    resource: 'Item',
    actions: ['read'],
    subjects: ['A'],
    where: {tenant},
  };
}

/**
 * An engine holding the rules of a case, written the way the case says:
 * all at once, then changed one by one (a rewritten rule moves to the end
 * of its buckets)
 */
function givenCrowdedEngine(c: CrowdedCase): PolicyEngine {
  const engine = new PolicyEngine([ITEM_RESOURCE]);
  engine.apply(c.rules.map(rule => ({kind: 'upsert' as const, rule})));
  for (const change of c.changes) {
    if (change.kind === 'remove') engine.remove(change.id);
    else engine.upsert(change.rule);
  }
  return engine;
}
