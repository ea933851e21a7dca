// Copyright The loopback-security-monorepo authors. License: MIT.

import {expect} from '@loopback/testlab';
import {Permission, Scope, securityId} from '../..';
import {givenPermission} from '../fixtures/permissions';

describe('Permission', () => {
  const IDS: [string, Partial<Permission>, string][] = [
    [
      'a resource-level permission as TYPE:ACTION',
      {resourceType: 'Order', action: 'create'},
      'Order:create',
    ],
    [
      'an instance-level permission as TYPE:ACTION:ID',
      {resourceType: 'Order', action: 'cancel', resourceId: 'order-0001'},
      'Order:cancel:order-0001',
    ],
    [
      'a property-level permission as TYPE.PROPERTY:ACTION',
      {resourceType: 'User', resourceProperty: 'email', action: 'read'},
      'User.email:read',
    ],
    [
      'a property of one instance as TYPE.PROPERTY:ACTION:ID',
      {
        resourceType: 'User',
        resourceProperty: 'email',
        action: 'update',
        resourceId: 'user-0001',
      },
      'User.email:update:user-0001',
    ],
  ];

  for (const [what, fields, id] of IDS) {
    it(`formats ${what}`, () => {
      const p = givenPermission(fields);
      expect(p[securityId]).to.equal(id);
    });
  }

  it('keeps extra attributes', () => {
    const p = givenPermission({resourceType: 'Order', action: 'read'});
    p.note = 'granted by admin';
    expect(p.note).to.equal('granted by admin');
  });

  it('serves as the base of a Scope', () => {
    const scope: Scope = Object.assign(new Permission(), {
      name: 'orders:read',
      resourceType: 'Order',
      action: 'read',
    });
    expect(scope.name).to.equal('orders:read');
    expect(scope[securityId]).to.equal('Order:read');
  });
});
