// Copyright The loopback-security-monorepo authors. License: MIT.

import {expect} from '@loopback/testlab';
import {Deadline, within} from '../../../pipeline/deadline';

describe('Deadline', () => {
  it('returns a value that is not a promise at once', () => {
    expect(new Deadline(10, 'C.prototype.m').wait('Allow', 'a voter')).to.equal(
      'Allow',
    );
    expect(within(undefined, 'Allow', 'a voter')).to.equal('Allow');
  });

  it('lets a promise that settles in time through', async () => {
    const deadline = new Deadline(200, 'C.prototype.m');
    expect(await deadline.wait(Promise.resolve('Allow'), 'a voter')).to.equal(
      'Allow',
    );
  });

  it('shares one time limit among the steps, naming the one still pending', async () => {
    const deadline = new Deadline(40, 'C.prototype.m');
    const slow = () => new Promise(resolve => setTimeout(resolve, 25));
    await deadline.wait(slow(), 'the first step');
    await expect(deadline.wait(slow(), 'the second step')).to.be.rejectedWith({
      code: 'VOTER_TIMEOUT',
      statusCode: 503,
      message:
        'Authorization of C.prototype.m did not finish within the 40 ms of ' +
        'voterTimeout: the second step was still pending',
    });
  });

  it('passes on the rejection of a step', async () => {
    const deadline = new Deadline(100, 'C.prototype.m');
    await expect(
      deadline.wait(Promise.reject(new Error('boom')), 'a voter'),
    ).to.be.rejectedWith('boom');
  });
});
