// Copyright The loopback-security-monorepo authors. License: MIT.

import {expect} from '@loopback/testlab';
import {measurePropagation, summarizeDelays} from '../../../testing';

describe('summarizeDelays', () => {
  it('gives the median, the 99th percentile by nearest rank and the max', () => {
    const delays = Array.from({length: 200}, (_, i) => 200 - i);
    expect(summarizeDelays(delays)).to.deepEqual({
      count: 200,
      median: 100,
      p99: 198,
      max: 200,
    });
    expect(summarizeDelays([5])).to.deepEqual({
      count: 1,
      median: 5,
      p99: 5,
      max: 5,
    });
  });
});

describe('measurePropagation', () => {
  it('times each change on each follower until it enforces it', async () => {
    let written = -1;
    const delays = await measurePropagation(
      3,
      async i => (written = i),
      ['a', 'b'],
      async () => {
        await new Promise(resolve => setTimeout(resolve, 5));
        return written >= 0;
      },
    );
    expect(delays).to.have.length(6);
    for (const delay of delays) expect(delay).to.be.within(4, 1000);
  });

  it('fails when a follower never enforces a change', async () => {
    await expect(
      measurePropagation(
        1,
        async () => {},
        ['a'],
        async () => {
          await new Promise(resolve => setTimeout(resolve, 5));
          return false;
        },
        30,
      ),
    ).to.be.rejectedWith('Change 0 not enforced within 30 ms');
  });
});
