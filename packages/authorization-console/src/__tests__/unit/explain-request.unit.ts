// Copyright The loopback-security-monorepo authors. License: MIT.

import {expect} from '@loopback/testlab';
import {checkExplainRequest} from '../..';

describe('checkExplainRequest', () => {
  it('keeps a route path and its query as given, and reads a what-if subject', () => {
    expect(
      checkExplainRequest({
        subject: {user: {id: 'u1', roles: ['A']}},
        route: {verb: 'get', path: '/orders?filter=x&a=1&a=2'},
      }),
    ).to.eql({
      subject: {user: {id: 'u1', roles: ['A']}},
      target: {
        kind: 'route',
        verb: 'GET',
        path: '/orders?filter=x&a=1&a=2',
      },
    });
  });

  it('reads an anonymous subject from an absent or null user', () => {
    for (const subject of [undefined, {}, {user: null}]) {
      const {subject: read} = checkExplainRequest({
        subject,
        resource: 'Order',
        action: 'read',
      });
      expect(read).to.eql({});
    }
  });

  it('refuses what it cannot read, naming the part', () => {
    const cases: [unknown, string][] = [
      [null, 'body'],
      [[], 'body'],
      [{subject: 'bob', resource: 'O', action: 'r'}, 'subject'],
      [
        {subject: {user: {id: 'a', x: 1}}, resource: 'O', action: 'r'},
        'subject.user.x',
      ],
      [
        {subject: {user: {id: 7}}, resource: 'O', action: 'r'},
        'subject.user.id',
      ],
      [
        {subject: {user: {id: 'a', roles: 'A'}}, resource: 'O', action: 'r'},
        'subject.user.roles',
      ],
      [{route: {verb: 'GET'}}, 'route.path'],
      [{route: {verb: 'GET', path: '/x', extra: 1}}, 'route.extra'],
      [{resource: 'O'}, 'action'],
      [{resource: 'O', action: 'r', instanceId: ''}, 'instanceId'],
      [{resource: 'O', action: 'r', instanceId: {}}, 'instanceId'],
      [{resource: 'x'.repeat(501), action: 'r'}, 'resource'],
    ];
    for (const [body, part] of cases) {
      let thrown: {statusCode?: number; details?: {path: string}[]} = {};
      try {
        checkExplainRequest(body);
      } catch (err) {
        thrown = err as typeof thrown;
      }
      expect({
        body,
        status: thrown.statusCode,
        part: thrown.details?.[0].path,
      }).to.eql({body, status: 422, part});
    }
  });
});
