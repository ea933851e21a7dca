// Copyright The loopback-security-monorepo authors. License: MIT.

import {expect} from '@loopback/testlab';
import {formatFloor, formatInvocationTable} from '../../invocation-report';
import {givenScenario, givenYardsticks} from '../fixtures/scenario-results';

describe('invocation report', () => {
  // The quiet rounds differ from the medians in every case below, so that
  // each figure is seen to come from its own source
  const oneVoterQuiet = {baseline: 9.5, published: 28, ours: 12};

  it('prints µs per call, calls per second, overheads and their ratios', () => {
    const table = formatInvocationTable([
      givenScenario(10, 10, 60, 15, {baseline: 9, published: 59, ours: 13}),
    ]);
    expect(table).to.match(
      /\| 10 voters, with a user \| 10\.00 \| 60\.00 \| 15\.00 \| 100\.0k \| 16\.7k \| 66\.7k \| \+50\.00 \| \+5\.00 \| 0\.10× \(0\.10–0\.10\) \| 0\.10× \(0\.10–0\.10\) \| 0\.08× \|/,
    );
    expect(table.split('\n')[0]).to.match(
      /\| ours\/published \(CPU time\) \| ours\/published \(quiet rounds\) \|$/,
    );
  });

  it('prints n/a for the quiet ratio when the published package cost nothing there', () => {
    const table = formatInvocationTable([
      givenScenario(10, 10, 60, 15, {baseline: 9, published: 9, ours: 13}),
    ]);
    expect(table).to.match(/\| 0\.10× \(0\.10–0\.10\) \| n\/a \|$/);
  });

  it('prints the floor of the fast path and ours over it with 1 voter', () => {
    const fastPath = {
      ...givenYardsticks(
        givenScenario(10, 10, 14, 12, {baseline: 9, published: 13, ours: 11}),
        {floor: 11.5},
        {floor: 10.2},
      ),
      decorated: false,
      title: 'no metadata',
    };
    const oneVoter = givenYardsticks(
      givenScenario(1, 10, 30, 14, oneVoterQuiet),
      {floor: 12},
      {floor: 11},
    );
    expect(formatFloor([oneVoter, fastPath])).to.eql([
      'Floor: a global interceptor that only calls `next()` costs +1.50 µs ' +
        'per call over the baseline (no metadata; quiet rounds: +1.20 µs): ' +
        "LoopBack's interceptor chain, paid by any interceptor-based " +
        'authorization before it does anything.',
      'Ours over the floor, 1 voters, with a user, in the same rounds: ' +
        '+2.00 µs per call (CPU time: +2.00 µs); the floor itself cost ' +
        '+2.00 µs over the baseline there; quiet rounds: ours +1.00 µs over ' +
        'the floor (CPU time: +1.00 µs), the floor +1.50 µs over the ' +
        'baseline.',
    ]);
  });

  it('prints the lookups contender between the floor and ours', () => {
    const scenario = givenYardsticks(
      givenScenario(1, 10, 30, 14, oneVoterQuiet),
      {floor: 12, lookups: 12.8},
      {floor: 11, lookups: 11.6},
    );
    const lines = formatFloor([scenario]);
    expect(lines).to.have.length(2);
    expect(lines[1]).to.equal(
      "Lookups: the lookups a decision makes through LoopBack's public API " +
        '(options, user, four extension points by tag) and the vote, ' +
        'nothing else, cost +0.80 µs over the floor; ours cost +1.20 µs ' +
        'over them (CPU time: +0.80 and +1.20 µs), 1 voters, with a user, ' +
        'in the same rounds; quiet rounds: the lookups +0.60 µs over the ' +
        'floor, ours +0.40 µs over them (CPU time: +0.60 and +0.40 µs).',
    );
  });
});
