// Copyright The loopback-security-monorepo authors. License: MIT.

import {expect} from '@loopback/testlab';
import {fastPathScenario} from '../../../scenarios/fast-path.scenario';
import {
  invokeMethodScenarios,
  scenarioContenders,
} from '../../../scenarios/invoke-method.scenario';

describe('invokeMethod scenarios', () => {
  it('time the floor and the lookups contender with 1 voter and a user only', () => {
    const contenders = invokeMethodScenarios([1, 10]).map(scenario => [
      scenario.id,
      scenarioContenders(scenario).join(' '),
    ]);
    expect(contenders).to.eql([
      ['invoke-1-user', 'baseline published ours floor lookups'],
      ['invoke-1-anonymous', 'baseline published ours'],
      ['invoke-10-user', 'baseline published ours'],
      ['invoke-10-anonymous', 'baseline published ours'],
    ]);
  });

  it('time the floor, and no lookups contender, on the fast path', () => {
    expect(scenarioContenders(fastPathScenario())).to.eql([
      'baseline',
      'published',
      'ours',
      'floor',
    ]);
  });

  it('time the floor whenever the lookups contender runs', () => {
    expect(scenarioContenders({withLookups: true})).to.containDeep([
      'floor',
      'lookups',
    ]);
  });
});
