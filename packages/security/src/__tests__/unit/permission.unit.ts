// Copyright The loopback-security-monorepo authors. License: MIT.

import {expect} from '@loopback/testlab';
import {Permission, Scope, securityId} from '../..';
import {givenPermission} from '../fixtures/permissions';

describe('Permission', () => {
  it('formats a resource-level permission as TYPE:ACTION', () => {
    const p = givenPermission({resourceType: 'Order', action: 'create'});
    expect(p[securityId]).to.equal('Order:create');
  });

  it('formats an instance-level permission as TYPE:ACTION:ID', () => {
    const p = givenPermission({
      resourceType: 'Order',
      action: 'cancel',
      resourceId: 'order-0001',
    });
    expect(p[securityId]).to.equal('Order:cancel:order-0001');
  });

  it('formats a property-level permission as TYPE.PROPERTY:ACTION', () => {
    const p = givenPermission({
      resourceType: 'User',
      resourceProperty: 'email',
      action: 'read',
    });
    expect(p[securityId]).to.equal('User.email:read');
  });

  it('formats a property of one instance as TYPE.PROPERTY:ACTION:ID', () => {
    const p = givenPermission({
      resourceType: 'User',
      resourceProperty: 'email',
      action: 'update',
      resourceId: 'user-0001',
    });
    expect(p[securityId]).to.equal('User.email:update:user-0001');
  });

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
