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
    expect(
      routes.find(r => r.path === '/users/login' && r.verb === 'post'),
    ).to.containDeep({access: 'public', rules: {allowedRoles: ['$everyone']}});
  });

  it('lists the policy rules of each order route: who, on which orders, which properties', async () => {
    const {routes} = await buildAccessReport();
    const route = (verb: string, path: string) =>
      routes.find(r => r.verb === verb && r.path === path)?.describedRules;
    expect(route('delete', '/orders/{id}')).to.eql([
      {
        id: 'service-cancels-orders',
        effect: 'allow',
        subjects: ['CUSTOMER_SERVICE'],
      },
    ]);
    expect(route('get', '/orders/{id}')).to.containDeep([
      {
        id: 'customers-read-own-orders',
        effect: 'allow',
        subjects: ['CUSTOMER'],
        where: {ownerId: '$user.id'},
        fields: ['id', 'ownerId', 'description', 'total', 'status'],
      },
    ]);
    // The rules of other actions are not those of a read
    expect(
      route('get', '/orders/{id}')?.map(rule => rule.id),
    ).to.not.containEql('service-cancels-orders');
    expect(route('get', '/ping')).to.be.undefined();
  });
});
