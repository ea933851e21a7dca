// Copyright The loopback-security-monorepo authors. License: MIT.

import {expect} from '@loopback/testlab';
import {ContenderName} from '../../../invocation-variants';
import {RoundsResult} from '../../../rounds';
import {invokeMethodScenarios} from '../../../scenarios/invoke-method.scenario';
import {summarizeInvocationRounds} from '../../../scenarios/invocation-summary';

/*
 * Eleven rounds a contender: the 10th percentile is the second least round,
 * which differs from the least (one odd round) and from the median, and the
 * three give different overheads and ratios. The rounds are in no order, so
 * that the quiet rounds of two contenders are not the same rounds.
 */
const WALL: Record<ContenderName, number[]> = {
  // least 7, quiet 10, median 12
  baseline: [10.6, 7, 14, 10, 22, 11, 18, 10.2, 30, 12, 16],
  // least 29, quiet 30, median 33
  published: [31, 40, 30, 29, 35, 33, 45, 30.5, 38, 32, 60],
  // least 11.5, quiet 12, median 13.5
  ours: [12, 11.5, 14, 20, 12.4, 13, 25, 12.2, 16, 13.5, 18],
  // least 10.8, quiet 11, median 12
  floor: [11.6, 10.8, 11, 19, 12, 11.2, 14, 25, 11.4, 13, 16],
  // least 11, quiet 11.8, median 12.5
  lookups: [12.5, 11.8, 13, 11.9, 12, 21, 11, 15, 12.2, 17, 14],
};

/**
 * The times of the rounds above, the CPU time half the wall clock, so that a
 * figure read from the wrong one shows
 */
function givenRounds(names: ContenderName[]): RoundsResult<ContenderName> {
  const microseconds = {} as Record<ContenderName, number[]>;
  const cpuMicroseconds = {} as Record<ContenderName, number[]>;
  for (const name of names) {
    microseconds[name] = WALL[name];
    cpuMicroseconds[name] = WALL[name].map(us => us / 2);
  }
  return {callsPerBatch: 100, microseconds, cpuMicroseconds};
}

describe('invocation summary', () => {
  const [oneVoter, , tenVoters] = invokeMethodScenarios([1, 10]);

  it('takes each contender at the 10th percentile of its rounds', () => {
    const {variants} = summarizeInvocationRounds(
      tenVoters,
      givenRounds(['baseline', 'published', 'ours']),
    );
    expect(variants.baseline.quietMicroseconds).to.equal(10);
    expect(variants.published.quietMicroseconds).to.equal(30);
    expect(variants.ours.quietMicroseconds).to.equal(12);
    expect(variants.ours.quietCpuMicroseconds).to.equal(6);
    // The medians stay as they were
    expect(variants.baseline.microseconds).to.equal(12);
    expect(variants.ours.cpuMicroseconds).to.equal(6.75);
  });

  it('takes the quiet overheads and their ratio from those figures', () => {
    const result = summarizeInvocationRounds(
      tenVoters,
      givenRounds(['baseline', 'published', 'ours']),
    );
    // From the least rounds it would be 4.5 / 22, from the medians 1.5 / 21
    expect(result.quiet).to.eql({
      quantile: 0.1,
      overhead: {published: 20, ours: 2},
      ratio: 0.1,
      cpuOverhead: {published: 10, ours: 1},
      cpuRatio: 0.1,
    });
    // The ratio the targets read is still the median of the ratios within
    // each round
    expect(result.ratio).to.not.equal(result.quiet.ratio);
    expect(result.ratio).to.equal(result.ratioSpread.median);
  });

  it('compares the floor and the lookups contender by their quiet rounds', () => {
    const {floor, lookups} = summarizeInvocationRounds(
      oneVoter,
      givenRounds(['baseline', 'published', 'ours', 'floor', 'lookups']),
    );
    const rounded = (costs: object) =>
      Object.fromEntries(
        Object.entries(costs).map(([key, us]) => [key, +us.toFixed(9)]),
      );
    expect(rounded(floor!.quiet)).to.eql({
      overhead: 1,
      oursOver: 1,
      oursOverCpu: 0.5,
    });
    expect(rounded(lookups!.quiet)).to.eql({
      overhead: 1.8,
      overFloor: 0.8,
      overFloorCpu: 0.4,
      oursOver: 0.2,
      oursOverCpu: 0.1,
    });
  });

  it('leaves the yardsticks out when they did not run', () => {
    const result = summarizeInvocationRounds(
      tenVoters,
      givenRounds(['baseline', 'published', 'ours']),
    );
    expect(result).to.not.have.properties('floor', 'lookups');
  });
});
