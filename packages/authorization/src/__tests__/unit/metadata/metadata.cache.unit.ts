// Copyright The loopback-security-monorepo authors. License: MIT.

import {expect} from '@loopback/testlab';
import {MetadataCache} from '../../../metadata/metadata.cache';

describe('MetadataCache', () => {
  class Base {
    act() {}
  }
  class Sub extends Base {
    override act() {}
  }

  function givenCache() {
    const reads: object[] = [];
    const cache = new MetadataCache((holder: object) => {
      reads.push(holder);
      return holder === Sub.prototype ? 'sub' : 'base';
    });
    return {cache, reads};
  }

  it('reads a method once per class prototype, for every instance', () => {
    const {cache, reads} = givenCache();
    expect(cache.get(new Base(), 'act')).to.equal('base');
    expect(cache.get(new Base(), 'act')).to.equal('base');
    expect(reads).to.eql([Base.prototype]);
  });

  it('stores an entry under the object it was read from', () => {
    const {cache} = givenCache();
    expect(cache.get(Sub.prototype, 'act')).to.equal('sub');
    expect(cache.get(new Base(), 'act')).to.equal('base');
    expect(cache.get(new Sub(), 'act')).to.equal('sub');
  });

  it('keeps static methods apart from instance methods', () => {
    const reads: object[] = [];
    const cache = new MetadataCache((holder: object) => {
      reads.push(holder);
      return typeof holder === 'function' ? 'static' : 'instance';
    });
    expect(cache.get(Base, 'act')).to.equal('static');
    expect(cache.get(new Base(), 'act')).to.equal('instance');
    expect(reads).to.eql([Base, Base.prototype]);
  });

  it('does not keep the answer for plain objects, which share a prototype', () => {
    const cache = new MetadataCache(
      (holder: object) => (holder as {rule?: string}).rule,
    );
    expect(cache.get({rule: 'one'}, 'act')).to.equal('one');
    expect(cache.get({rule: 'two'}, 'act')).to.equal('two');
  });
});
