// Copyright The loopback-security-monorepo authors. License: MIT.

import {expect} from '@loopback/testlab';
import {
  CrowdedScenarioResult,
  CrowdedShape,
} from '../../policy/crowded-bucket.scenario';
import {crowdedTargets, formatCrowdedTable} from '../../policy/crowded-report';

function givenResult(
  shape: CrowdedShape,
  rules: number,
  applyMs: number,
  upsertNs: number,
  decisionNs: number,
): CrowdedScenarioResult {
  const spread = (median: number) => ({
    median,
    low: median * 0.9,
    high: median * 1.2,
  });
  return {
    shape,
    rules,
    apply: spread(applyMs),
    upsert: spread(upsertNs),
    decision: spread(decisionNs),
  };
}

describe('crowded bucket report', () => {
  it('checks the decision time and how apply and upsert grow', () => {
    const linear = [
      givenResult('tenant', 10_000, 200, 10_000, 900),
      givenResult('tenant', 100_000, 2_400, 12_000, 1_100),
    ];
    expect(crowdedTargets(linear).map(t => [t.description, t.met])).to.eql([
      ['policy, crowded bucket (tenant), 100,000 rules: ns per decision', true],
      [
        'policy, crowded bucket (tenant): apply() time, 100,000 rules / 10,000 rules',
        true,
      ],
      [
        'policy, crowded bucket (tenant): upsert() time, bucket of 100,000 / of 10,000',
        true,
      ],
    ]);
    const copying = [
      givenResult('owner', 10_000, 700, 800_000, 400_000),
      givenResult('owner', 100_000, 700_000, 60_000_000, 4_000_000),
    ];
    expect(crowdedTargets(copying).map(t => t.met)).to.eql([
      false,
      false,
      false,
    ]);
  });

  it('checks only the decision time without the smaller bucket', () => {
    const targets = crowdedTargets([
      givenResult('tenant', 100_000, 2_400, 12_000, 11_000),
    ]);
    expect(targets.map(t => t.met)).to.eql([false]);
  });

  it('prints one row a shape and rule count, with the spread', () => {
    const table = formatCrowdedTable([
      givenResult('tenant', 100_000, 2_500, 10_000, 1_000),
    ]);
    expect(table.split('\n')[2]).to.equal(
      "| a tenant each, `{tenantId: 't<i>'}` | 100,000 | 2.5 s (2.3 s–3.0 s) | 25.0 µs | 10.0 µs (9.0 µs–12.0 µs) | 1.0 µs (900 ns–1.2 µs) |",
    );
  });
});
