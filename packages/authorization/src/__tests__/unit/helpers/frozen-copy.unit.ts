// Copyright The loopback-security-monorepo authors. License: MIT.

import {BindingKey} from '@loopback/core';
import {expect} from '@loopback/testlab';
import {frozenCopy} from '../../../helpers/frozen-copy';

describe('frozenCopy', () => {
  it('copies and freezes plain objects and arrays, level by level', () => {
    const original = {roles: ['A'], nested: {list: [{deep: true}]}};
    const copy = frozenCopy(original);
    expect(copy).to.eql(original);
    expect(copy).to.not.equal(original);
    for (const part of [copy, copy.roles, copy.nested, copy.nested.list[0]]) {
      expect(Object.isFrozen(part)).to.be.true();
    }
    expect(Object.isFrozen(original.roles)).to.be.false();
  });

  it('keeps functions and class instances as they are', () => {
    const voter = () => 'Allow';
    const key = BindingKey.create('voters.a');
    const copy = frozenCopy({voters: [voter, key]});
    expect(copy.voters[0]).to.equal(voter);
    expect(copy.voters[1]).to.equal(key);
    expect(Object.isFrozen(voter)).to.be.false();
  });

  it('copies symbol keys, and a __proto__ key as data', () => {
    const id = Symbol('id');
    const parsed = JSON.parse('{"__proto__": {"admin": true}, "name": "x"}');
    const copy = frozenCopy({...parsed, [id]: 'u1'});
    expect(Object.getPrototypeOf(copy)).to.equal(Object.prototype);
    expect((copy as {admin?: boolean}).admin).to.be.undefined();
    expect(Object.getOwnPropertyDescriptor(copy, '__proto__')?.value).to.eql({
      admin: true,
    });
    expect(copy[id]).to.equal('u1');
  });

  it('returns primitives and undefined unchanged', () => {
    expect(frozenCopy(undefined)).to.be.undefined();
    expect(frozenCopy('Allow')).to.equal('Allow');
  });
});
