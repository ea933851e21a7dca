// Copyright The loopback-security-monorepo authors. License: MIT.

import {Client, expect} from '@loopback/testlab';
import {AccessControlApplication} from '../../application';
import {AccessControlBindings} from '../../keys';
import {Order} from '../../models';
import {givenAuditLines} from '../fixtures/audit-lines';
import {expectAccessDenied} from '../fixtures/denial-expectations';
import {givenRunningApp} from '../fixtures/running-app';
import {givenAliceOrder} from '../fixtures/shop-data';
import {givenSignedToken} from '../fixtures/signed-tokens';

/**
 * Role claims that look like more than they are: built-in role names, which
 * follow from the request and never from the token, and near misses of
 * ADMIN and CUSTOMER_SERVICE
 */
const TRICKS: string[][] = [
  ['$everyone'],
  ['$authenticated'],
  ['$unauthenticated', '$anonymous'],
  ['$ADMIN'],
  ['admin'],
  ['Admin'],
  ['ADMIN '],
  [' ADMIN'],
  ['ADMIN\n'],
  ['CUSTOMER_SERVICE,ADMIN'],
  ['CUSTOMER_SERVICE ADMIN'],
];

describe('Roles claimed by a token are not trusted', () => {
  let app: AccessControlApplication;
  let client: Client;
  let mallory: string;
  let order: Order;
  let auditLines: string[];

  before(async () => {
    ({app, client} = await givenRunningApp());
    auditLines = givenAuditLines(app);
    // A real customer, whose token (signed with the application's own key)
    // claims roles the store does not give it: only the store counts
    const users = await app.get(AccessControlBindings.USER_REPOSITORY);
    mallory = (await users.findByUsername('bob'))!.id;
    order = await givenAliceOrder(app);
  });
  after(async () => {
    await app?.stop();
  });

  const tokenWith = (roles: string[]) =>
    givenSignedToken(app, {sub: mallory, name: 'Mallory', roles});

  it('grant what the store assigns, from the next request on', async () => {
    const token = await tokenWith(['ADMIN']);
    const bearer = {Authorization: `Bearer ${token}`};
    await client.get('/number-of-views').set(bearer).expect(403);
    const source = app.getSync(AccessControlBindings.ROLE_SOURCE);
    await source.setRoles(mallory, ['ADMIN']);
    try {
      await client.get('/number-of-views').set(bearer).expect(200);
    } finally {
      await source.setRoles(mallory, ['CUSTOMER']);
    }
    await client.get('/number-of-views').set(bearer).expect(403);
  });

  for (const roles of TRICKS) {
    describe(`${JSON.stringify(roles)}`, () => {
      let bearer: {Authorization: string};
      before(async () => {
        bearer = {Authorization: `Bearer ${await tokenWith(roles)}`};
      });

      it('authenticate the caller as themself, nothing more', async () => {
        const res = await client.get('/whoami').set(bearer).expect(200);
        expect(res.body).to.deepEqual({
          id: mallory,
          name: 'Mallory',
          roles: ['CUSTOMER'],
        });
      });

      it('grant no ADMIN or CUSTOMER_SERVICE route (403, not 401)', async () => {
        expectAccessDenied(await client.get('/number-of-views').set(bearer));
        // A customer's answer for another customer's order: as if missing
        await client.get(`/orders/${order.id}`).set(bearer).expect(404);
        expectAccessDenied(
          await client.delete(`/orders/${order.id}`).set(bearer),
        );
        expectAccessDenied(
          await client
            .patch(`/users/${order.ownerId}/email`)
            .set(bearer)
            .send({email: 'mallory@example.com'}),
        );
        const orders = await app.get(AccessControlBindings.ORDER_REPOSITORY);
        expect((await orders.findById(order.id)).status).to.equal('placed');
        const users = await app.get(AccessControlBindings.USER_REPOSITORY);
        expect((await users.findById(order.ownerId)).email).to.not.equal(
          'mallory@example.com',
        );
      });
    });
  }

  it('leave the caller identified in the audit, not anonymous', async () => {
    const token = await tokenWith(['$unauthenticated', '$anonymous']);
    const before = auditLines.length;
    await client
      .get('/number-of-views')
      .set('Authorization', `Bearer ${token}`)
      .expect(403);
    expect(auditLines.slice(before)).to.have.length(1);
    expect(auditLines[before]).to.startWith(
      'audit: Deny ViewsController.prototype.numberOfViews ' +
        `user=${mallory} name=Mallory roles=[CUSTOMER] `,
    );
  });
});
