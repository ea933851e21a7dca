// Copyright The loopback-security-monorepo authors. License: MIT.

import {expect} from '@loopback/testlab';
import {describeValue} from '../../..';

describe('describeValue', () => {
  it('names the kind of a value and shows it briefly', () => {
    expect(describeValue('ADMIN')).to.equal('"ADMIN"');
    expect(describeValue(42)).to.equal('number 42');
    expect(describeValue(['a', 1])).to.equal('array ["a",1]');
    expect(describeValue({a: 1})).to.equal('object {"a":1}');
    expect(describeValue(function check() {})).to.equal('function check');
    expect(describeValue(null)).to.equal('null');
    expect(describeValue(undefined)).to.equal('undefined');
  });

  it('cuts a long rendering and never throws on a value JSON cannot render', () => {
    expect(describeValue({text: 'x'.repeat(200)})).to.have.length(
      'object '.length + 80,
    );
    expect(describeValue('x'.repeat(10_000))).to.equal(`"${'x'.repeat(76)}...`);
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    expect(describeValue(cycle)).to.equal('object [object Object]');
  });
});
