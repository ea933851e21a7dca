// Copyright The loopback-security-monorepo authors. License: MIT.

import {expect} from '@loopback/testlab';
import {formatPolicyTable, policyTargets} from '../../policy/policy-report';
import {PolicyScenarioResult} from '../../policy/policy.scenario';

function givenResult(
  rules: number,
  ours: number,
  casbin: number,
  casl: number,
): PolicyScenarioResult {
  return {
    rules,
    decision: {ours, casbin, casl},
    conditional: {ours: 1, casl: 1},
    filter: {ours: 1, casl: 1},
  };
}

describe('policy report', () => {
  it('checks the three targets of the policy engine', () => {
    const targets = policyTargets([
      givenResult(1_000, 100, 900, 40),
      givenResult(100_000, 6_000, 1e6, 50),
    ]);
    expect(targets.map(t => [t.description, t.met])).to.deepEqual([
      ['policy, 1,000 rules: decision time casbin/ours', false],
      ['policy, 1,000 rules: decision time ours/CASL', false],
      ['policy, 100,000 rules: ns per decision, ours', false],
    ]);
    expect(
      policyTargets([givenResult(1_000, 100, 1_000, 50)]).map(t => t.met),
    ).to.deepEqual([true, true]);
  });

  it('prints one row a rule count, with the ratios', () => {
    const table = formatPolicyTable([givenResult(1_000, 100, 2e6, 80)]);
    expect(table.split('\n')[2]).to.equal(
      '| 1,000 | 100 ns | 2.0 ms | 80 ns | 20000× | 1.25× | 1 ns | 1 ns | 1 ns | 1 ns |',
    );
  });
});
