// Copyright The loopback-security-monorepo authors. License: MIT.

import {expect} from '@loopback/testlab';
import {evaluateTargets} from '../../targets';
import {givenScenario} from '../fixtures/scenario-results';

describe('targets', () => {
  it('checks the invocation target with 1 and 10 voters only', () => {
    const targets = evaluateTargets({
      invocation: [
        givenScenario(1, 10, 20, 11),
        givenScenario(10, 10, 60, 25),
        givenScenario(50, 10, 200, 190),
      ],
    });
    expect(targets.map(t => [t.value, t.met])).to.eql([
      [0.1, true],
      [0.3, false],
    ]);
  });
});
