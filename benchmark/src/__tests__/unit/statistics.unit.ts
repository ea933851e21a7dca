// Copyright The loopback-security-monorepo authors. License: MIT.

import {expect} from '@loopback/testlab';
import {
  median,
  overheadRatio,
  pairedDifference,
  pairedRatio,
  quantileOf,
  QUIET_QUANTILE,
  quietRounds,
  relativeSpread,
  roundOrder,
  roundRatios,
} from '../../statistics';

describe('statistics', () => {
  describe('median', () => {
    it('takes the middle value of an odd count, in any order', () => {
      expect(median([9, 1, 5])).to.equal(5);
      expect(median([3, 100, 2, 1, 50])).to.equal(3);
    });

    it('averages the two middle values of an even count', () => {
      expect(median([4, 1, 3, 2])).to.equal(2.5);
    });

    it('is not moved by one outlier, unlike the mean', () => {
      expect(median([10, 10.2, 9.9, 10.1, 500])).to.equal(10.1);
    });

    it('is NaN without values', () => {
      expect(median([])).to.be.NaN();
    });

    it('leaves its input unsorted', () => {
      const values = [3, 1, 2];
      median(values);
      expect(values).to.eql([3, 1, 2]);
    });
  });

  describe('relativeSpread', () => {
    it('is half the interquartile range over the median', () => {
      // quartiles 2 and 4, median 3
      expect(relativeSpread([1, 2, 3, 4, 5])).to.be.approximately(1 / 3, 1e-9);
    });

    it('is 0 for identical values', () => {
      expect(relativeSpread([7, 7, 7])).to.equal(0);
    });
  });

  describe('quantileOf', () => {
    it('interpolates between the two nearest values, in any order', () => {
      // Positions 0..4: the 10th percentile lies at 0.4, between 10 and 20
      expect(quantileOf([50, 20, 40, 10, 30], 0.1)).to.be.approximately(
        14,
        1e-9,
      );
      expect(quantileOf([50, 20, 40, 10, 30], 0)).to.equal(10);
      expect(quantileOf([50, 20, 40, 10, 30], 1)).to.equal(50);
    });

    it('is NaN without values and leaves its input unsorted', () => {
      expect(quantileOf([], 0.1)).to.be.NaN();
      const values = [3, 1, 2];
      quantileOf(values, 0.5);
      expect(values).to.eql([3, 1, 2]);
    });
  });

  describe('quietRounds', () => {
    it('is the 10th percentile: neither the median nor the minimum', () => {
      expect(QUIET_QUANTILE).to.equal(0.1);
      // 0..100 shuffled: the minimum is 0, the median 50, the 10th
      // percentile 10
      const rounds = Array.from({length: 101}, (_, i) => (i * 37) % 101);
      expect(quietRounds(rounds)).to.equal(10);
    });

    it('is not moved by rounds that interference slowed down', () => {
      // 30 undisturbed rounds at 12 µs and 70 slowed by up to 40 µs: the
      // median follows the noise, the quiet rounds do not
      const rounds = [
        ...Array.from({length: 70}, (_, i) => 12 + ((i * 7) % 40) + 1),
        ...Array.from({length: 30}, () => 12),
      ];
      expect(quietRounds(rounds)).to.equal(12);
      expect(median(rounds)).to.be.above(20);
    });

    it('is not set by one odd round alone, unlike the minimum', () => {
      const rounds = [5, ...Array.from({length: 20}, (_, i) => 10 + i / 10)];
      expect(quietRounds(rounds)).to.equal(10.1);
    });
  });

  describe('overheadRatio', () => {
    it('divides our overhead by the published package’s', () => {
      expect(overheadRatio(2, 20)).to.equal(0.1);
      expect(overheadRatio(-1, 20)).to.equal(-0.05);
    });

    it('is NaN when the published package cost nothing or less', () => {
      expect(overheadRatio(2, 0)).to.be.NaN();
      expect(overheadRatio(2, -3)).to.be.NaN();
    });
  });

  describe('roundRatios', () => {
    it('takes the ratio of the overheads within each round, with its quartiles', () => {
      const baseline = [10, 10, 10, 10, 10];
      const published = [20, 30, 20, 20, 20];
      const ours = [12, 14, 13, 11, 15];
      expect(roundRatios(ours, published, baseline)).to.eql({
        median: 0.2,
        low: 0.2,
        high: 0.3,
        rounds: 5,
      });
    });

    it('skips rounds where the published package cost nothing', () => {
      const spread = roundRatios([12, 12], [10, 20], [10, 10]);
      expect(spread.rounds).to.equal(1);
      expect(spread.median).to.equal(0.2);
      expect(Number.isNaN(roundRatios([1], [1], [1]).median)).to.be.true();
    });
  });

  describe('pairedRatio', () => {
    it('takes the median of the ratios of each round', () => {
      expect(pairedRatio([99, 200, 50], [100, 200, 100])).to.equal(0.99);
    });
  });

  describe('pairedDifference', () => {
    it('takes the median of the differences within each round', () => {
      // The machine slows down in round 2: the difference stays about 2
      expect(pairedDifference([12, 24, 13], [10, 21, 11])).to.equal(2);
    });
  });

  describe('roundOrder', () => {
    it('alternates the order: as given, then reversed', () => {
      expect(roundOrder(['a', 'b', 'c'], 0)).to.eql(['a', 'b', 'c']);
      expect(roundOrder(['a', 'b', 'c'], 1)).to.eql(['c', 'b', 'a']);
      expect(roundOrder(['a', 'b', 'c'], 2)).to.eql(['a', 'b', 'c']);
    });
  });
});
