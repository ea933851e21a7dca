// Copyright The loopback-security-monorepo authors. License: MIT.

import {expect} from '@loopback/testlab';
import {
  checkCrowdedBucket,
  CROWDED_SHAPES,
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
});
