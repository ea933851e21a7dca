// Copyright The loopback-security-monorepo authors. License: MIT.

import {expect} from '@loopback/testlab';
import {readFile} from 'node:fs/promises';
import {ACCESS_REPORT_FILE, buildAccessReport} from '../../access-report';

describe('Access report', () => {
  it('is committed up to date: a change of who may call what shows in review', async () => {
    const {markdown} = await buildAccessReport();
    const committed = await readFile(ACCESS_REPORT_FILE, 'utf8');
    if (committed !== markdown) {
      throw new Error(
        'access-report.md is out of date with the routes and their rules: ' +
          'run `npm run access-report` in examples/access-control, review ' +
          'the change and commit it',
      );
    }
  });

  it('lists every route as protected or public on purpose', async () => {
    const {routes} = await buildAccessReport();
    expect(routes.filter(r => r.access === 'unprotected')).to.eql([]);
    expect(
      routes.find(r => r.path === '/orders/{id}' && r.verb === 'delete'),
    ).to.containDeep({
      controller: 'OrderController',
      method: 'cancelOrder',
      access: 'protected',
      rules: {resource: 'Order', action: 'cancel'},
    });
  });
});
