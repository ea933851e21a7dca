// Copyright The loopback-security-monorepo authors. License: MIT.

import {securityId} from '@loopback/security';
import {Filter} from '@loopback/repository';
import {expect} from '@loopback/testlab';
import {callerFromUserProfile, PolicyCaller} from '../..';
import {
  AccountRepository,
  AUDITOR,
  givenLedger,
  GUEST,
  Invoice,
  InvoiceRepository,
} from '../fixtures/ledger';
import {
  ALICE,
  CustomerRepository,
  givenShop,
  OrderRepository,
  Shop,
  ShopOrder,
} from '../fixtures/shop';

describe('PolicyRepositoryMixin: the filter of a caller', () => {
  let shop: Shop;
  let orders: OrderRepository;
  let caller: PolicyCaller;

  beforeEach(givenShopForAlice);

  describe('order', () => {
    for (const order of [
      ['description ASC,internalNote DESC'],
      ['description ASC , internalNote'],
      'description, internalNote DESC',
      ['id', 'description,,internalNote'],
    ]) {
      it(`refuses ${JSON.stringify(order)}: a hidden property after a comma`, async () => {
        await expect(
          orders.find({order} as Filter<ShopOrder>),
        ).to.be.rejectedWith({
          statusCode: 403,
          code: 'FORBIDDEN_FILTER',
          message:
            'Forbidden: may not use property "internalNote" of ShopOrder in "order"',
        });
      });
    }

    for (const order of [['description SIDEWAYS'], [7], [''], 'id ASC DESC']) {
      it(`refuses the malformed order ${JSON.stringify(order)} with 400`, async () => {
        await expect(
          orders.find({order} as unknown as Filter<ShopOrder>),
        ).to.be.rejectedWith({
          statusCode: 400,
          code: 'INVALID_POLICY_FILTER',
          message: /^Invalid filter: "order(\[0\])?"/,
        });
      });
    }

    it('sorts on every readable property it names, in either case', async () => {
      const ids = async (order: string | string[]) =>
        (await orders.find({order} as Filter<ShopOrder>)).map(o => o.id);
      expect(await ids('description desc')).to.deepEqual(['a1', 'a2']);
      expect(await ids(['status ASC, description'])).to.deepEqual(['a2', 'a1']);
      expect(await ids('description')).to.deepEqual(['a2', 'a1']);
    });
  });

  describe('where', () => {
    for (const [where, part] of [
      [{and: [null]}, 'where.and[0]'],
      [{or: [{ownerId: 'alice'}, 'x']}, 'where.or[1]'],
      [{and: [{or: [[]]}]}, 'where.and[0].or[0]'],
      [{and: {ownerId: 'alice'}}, 'where.and'],
    ] as const) {
      it(`refuses ${JSON.stringify(where)} with 400 naming ${part}`, async () => {
        const expected = {
          statusCode: 400,
          code: 'INVALID_POLICY_FILTER',
          message: new RegExp(
            `^Invalid filter: "${escapeRegExp(part)}" must be`,
          ),
        };
        await expect(
          orders.find({where} as unknown as Filter<ShopOrder>),
        ).to.be.rejectedWith(expected);
        await expect(orders.count(where as object)).to.be.rejectedWith(
          expected,
        );
      });
    }
  });

  describe('include', () => {
    it('checks the scope with the rules of the related repository', async () => {
      const customers = new CustomerRepository(
        shop.dataSource,
        async () => orders,
      );
      await customers.create({id: 'c1', name: 'Shop'});
      await shop.plain.updateAll({customerId: 'c1'});
      for (const [scope, part] of [
        [{order: ['description ASC,internalNote DESC']}, 'order'],
        [{where: {internalNote: 'fragile'}}, 'where'],
        [{fields: {internalNote: true}}, 'fields'],
      ] as const) {
        await expect(
          customers.find({
            include: [{relation: 'orders', scope: scope as Filter}],
          }),
        ).to.be.rejectedWith({
          statusCode: 403,
          message: `Forbidden: may not use property "internalNote" of ShopOrder in "${part}"`,
        });
      }
    });

    describe('of a guarded repository', () => {
      let ledger: {invoices: InvoiceRepository; accounts: AccountRepository};
      beforeEach(async () => {
        ledger = await givenLedger(() => caller);
      });

      it('refuses a relation whose foreign key the caller may not read', async () => {
        const expected = {
          statusCode: 403,
          code: 'FORBIDDEN_FILTER',
          message:
            'Forbidden: may not use property "accountId" of Invoice in "include"',
        };
        expect(
          (await ledger.invoices.find()).map(i => i.toJSON()),
        ).to.deepEqual([
          {id: 'i1', description: 'a'},
          {id: 'i2', description: 'b'},
          {id: 'i3', description: 'c'},
        ]);
        await expect(
          ledger.invoices.find({include: ['account']}),
        ).to.be.rejectedWith(expected);
        await expect(
          ledger.invoices.findById('i1', {include: [{relation: 'account'}]}),
        ).to.be.rejectedWith(expected);
      });

      it('refuses a hasMany joined on an id the caller may not read', async () => {
        caller = GUEST;
        expect(
          (await ledger.accounts.find()).map(a => a.toJSON()),
        ).to.deepEqual([{name: 'x'}, {name: 'y'}]);
        await expect(
          ledger.accounts.find({include: ['invoices']}),
        ).to.be.rejectedWith({
          statusCode: 403,
          message:
            'Forbidden: may not use property "id" of Account in "include"',
        });
      });

      it('includes for a caller who reads the key, with only the readable properties', async () => {
        caller = AUDITOR;
        const found = await ledger.invoices.find({
          include: ['account'],
          order: ['id'],
        });
        expect(found.map(i => i.toJSON())).to.deepEqual([
          {
            id: 'i1',
            accountId: 'c-secret-1',
            description: 'a',
            account: {id: 'c-secret-1', name: 'x'},
          },
          {
            id: 'i2',
            accountId: 'c-secret-2',
            description: 'b',
            account: {id: 'c-secret-2', name: 'y'},
          },
          {
            id: 'i3',
            accountId: 'c-secret-1',
            description: 'c',
            account: {id: 'c-secret-1', name: 'x'},
          },
        ]);
      });

      it('checks scopes at every depth', async () => {
        caller = AUDITOR;
        const nested = (scope: object) => ({
          include: [
            {
              relation: 'invoices',
              scope: {include: [{relation: 'account', scope}]},
            },
          ],
        });
        await expect(
          ledger.accounts.find(nested({fields: {secret: true}})),
        ).to.be.rejectedWith({
          statusCode: 403,
          message:
            'Forbidden: may not use property "secret" of Account in "fields"',
        });
        await expect(
          ledger.accounts.find(nested({order: 'name, secret'})),
        ).to.be.rejectedWith({
          statusCode: 403,
          message:
            'Forbidden: may not use property "secret" of Account in "order"',
        });
        const [first] = await ledger.accounts.find({
          ...nested({fields: ['id', 'name']}),
          order: ['id'],
        });
        expect(first.toJSON()).to.containDeep({
          id: 'c-secret-1',
          invoices: [{id: 'i1', account: {id: 'c-secret-1', name: 'x'}}],
        });
      });

      for (const [include, part] of [
        ['account', 'include'],
        [[{}], 'include[0]'],
        [['account', {relation: 5}], 'include[1]'],
        [[{relation: 'account', scope: 'x'}], 'include[0].scope'],
        [['nothing'], 'include[0]'],
        [['__proto__'], 'include[0]'],
      ] as const) {
        it(`refuses the include ${JSON.stringify(include)} with 400 naming ${part}`, async () => {
          caller = AUDITOR;
          await expect(
            ledger.invoices.find({include} as unknown as Filter<Invoice>),
          ).to.be.rejectedWith({
            statusCode: 400,
            code: 'INVALID_POLICY_FILTER',
            message: new RegExp(`^Invalid filter: "${escapeRegExp(part)}"`),
          });
        });
      }
    });
  });

  describe('the caller of a user profile', () => {
    it('applies a deny rule naming a numeric id', async () => {
      await shop.store.seed([
        {
          id: 'ban-42',
          effect: 'deny',
          resource: 'ShopOrder',
          actions: ['read'],
          subjects: ['principal:42'],
        },
        {
          id: 'everyone-reads',
          effect: 'allow',
          resource: 'ShopOrder',
          actions: ['read'],
          subjects: ['$everyone'],
          fields: ['id'],
        },
      ]);
      caller = callerFromUserProfile({[securityId]: 41 as unknown as string});
      expect(await orders.count()).to.deepEqual({count: 3});
      caller = callerFromUserProfile({[securityId]: 42 as unknown as string});
      expect(await orders.count()).to.deepEqual({count: 0});
      expect(await orders.find()).to.deepEqual([]);
    });
  });

  async function givenShopForAlice() {
    caller = ALICE;
    shop = await givenShop(() => caller);
    orders = shop.orders;
  }
});

function escapeRegExp(text: string) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
