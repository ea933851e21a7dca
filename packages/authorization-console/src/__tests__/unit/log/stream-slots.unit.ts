// Copyright The loopback-security-monorepo authors. License: MIT.

import {expect} from '@loopback/testlab';
import {StreamSlots} from '../../../log/stream-slots';

describe('StreamSlots', () => {
  it('gives at most its number of places', () => {
    const slots = new StreamSlots(2);
    expect(slots.take()).to.be.a.Function();
    expect(slots.take()).to.be.a.Function();
    expect(slots.take()).to.be.undefined();
    expect(slots.count).to.equal(2);
  });

  it('takes a place back once, however many times it is given back', () => {
    const slots = new StreamSlots(2);
    const release = slots.take()!;
    const other = slots.take()!;
    release();
    release();
    release();
    expect(slots.count).to.equal(1);
    expect(slots.take()).to.be.a.Function();
    expect(slots.take()).to.be.undefined();
    other();
    expect(slots.count).to.equal(1);
  });
});
