// Copyright The loopback-security-monorepo authors. License: MIT.

import {expect} from '@loopback/testlab';
import {
  checkCrowdedBucket,
  CROWDED_SHAPES,
  runCrowdedScenario,
} from '../../policy/crowded-bucket.scenario';
import {checkPolicyEngines} from '../../policy/policy.scenario';

describe('policy engines of the benchmark', () => {
  for (const rules of [10, 1_000]) {
    it(`answer every question alike with ${rules} rules`, async () => {
      expect(await checkPolicyEngines(rules)).to.deepEqual([]);
    });
  }
});

describe('crowded buckets of the benchmark', () => {
  for (const shape of CROWDED_SHAPES) {
    it(`decide each order by its own rule (${shape})`, () => {
      expect(checkCrowdedBucket(shape, 1_000)).to.deepEqual([]);
    });
  }

  it('times each size of a bucket, apply, upsert and decision', () => {
    const {results, problems} = runCrowdedScenario('owner', [50, 500], 2, {
      rounds: 3,
      batchMs: 1,
    });
    expect(problems).to.deepEqual([]);
    expect(results.map(r => [r.shape, r.rules])).to.deepEqual([
      ['owner', 50],
      ['owner', 500],
    ]);
    for (const r of results) {
      for (const figure of [r.apply, r.upsert, r.decision]) {
        expect(figure.low).to.be.greaterThan(0);
        expect(figure.low).to.be.belowOrEqual(figure.median);
        expect(figure.median).to.be.belowOrEqual(figure.high);
      }
    }
  });
});
