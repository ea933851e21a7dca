// Copyright The loopback-security-monorepo authors. License: MIT.

import {expect} from '@loopback/testlab';
import {
  median,
  overheadRatio,
  pairedDifference,
  pairedRatio,
  relativeSpread,
  roundOrder,
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

  describe('overheadRatio', () => {
    it('divides our overhead by the published one', () => {
      expect(overheadRatio(2, 10)).to.equal(0.2);
    });

    it('is NaN when the published overhead is not positive', () => {
      expect(overheadRatio(1, 0)).to.be.NaN();
      expect(overheadRatio(1, -3)).to.be.NaN();
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
