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

  it('reads the ratio of the medians, not that of the quiet rounds', () => {
    const scenario = givenScenario(10, 10, 60, 25);
    const quiet = {...scenario.quiet, ratio: 0.05, cpuRatio: 0.05};
    const [target] = evaluateTargets({invocation: [{...scenario, quiet}]});
    expect([target.value, target.met]).to.eql([0.3, false]);
  });

  it('checks ours over the floor with 1 voter and a user, in its rounds', () => {
    const margins = (oursOver: number) => {
      const scenario = givenScenario(1, 10, 30, 13);
      const floor = {...scenario.variants.baseline, overhead: 2};
      // The quiet rounds would meet the target either way: it reads the
      // medians of the differences within each round
      const quiet = {overhead: 2, oursOver: 0.1, oursOverCpu: 0.1};
      return evaluateTargets({
        invocation: [
          {
            ...scenario,
            floor: {...floor, oursOver, oursOverCpu: oursOver, quiet},
          },
        ],
      })
        .filter(t => t.description.includes('floor'))
        .map(t => [t.value, t.met]);
    };
    expect(margins(0.5)).to.eql([[0.5, true]]);
    expect(margins(1.5)).to.eql([[1.5, false]]);
  });

  it('checks the p99 propagation delay, and not a skipped run', () => {
    const delays = (p99: number) => ({count: 400, median: 10, p99, max: p99});
    const run = (p99: number) =>
      evaluateTargets({
        invocation: [],
        propagation: {
          changes: 200,
          instances: 3,
          server: 'embedded',
          delays: delays(p99),
        },
      }).map(t => [t.value, t.met]);
    expect(run(999)).to.eql([[999, true]]);
    expect(run(1001)).to.eql([[1001, false]]);
    expect(
      evaluateTargets({invocation: [], propagation: {skipped: 'no server'}}),
    ).to.eql([]);
  });
});
