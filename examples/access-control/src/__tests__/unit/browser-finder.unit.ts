// Copyright The loopback-security-monorepo authors. License: MIT.

import {expect} from '@loopback/testlab';
import {findChromium} from '../fixtures/browser';

describe('the Chromium of the browser tests', () => {
  let saved: string | undefined;
  beforeEach(() => {
    saved = process.env.CHROMIUM_PATH;
  });
  afterEach(() => {
    if (saved === undefined) delete process.env.CHROMIUM_PATH;
    else process.env.CHROMIUM_PATH = saved;
  });

  it('is an error that says how to install one when none can be found', () => {
    process.env.CHROMIUM_PATH = '/nonexistent/chromium';
    expect(() => findChromium()).to.throw(
      /No Chromium found for the browser tests \(looked for \/nonexistent\/chromium\)\. Install Debian's package with "apt-get install -y chromium"/,
    );
  });

  it('is the executable CHROMIUM_PATH names', () => {
    process.env.CHROMIUM_PATH = process.execPath;
    expect(findChromium()).to.equal(process.execPath);
  });
});
