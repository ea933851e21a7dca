// Copyright The loopback-security-monorepo authors. License: MIT.

import {expect} from '@loopback/testlab';
import {checkPolicyEngines} from '../../policy/policy.scenario';

describe('policy engines of the benchmark', () => {
  for (const rules of [10, 1_000]) {
    it(`answer every question alike with ${rules} rules`, async () => {
      expect(await checkPolicyEngines(rules)).to.deepEqual([]);
    });
  }
});
