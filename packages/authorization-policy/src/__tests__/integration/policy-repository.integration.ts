// Copyright The loopback-security-monorepo authors. License: MIT.

import {DefaultCrudRepository, juggler} from '@loopback/repository';
import {expect} from '@loopback/testlab';
import {
  PolicyCaller,
  PolicyRule,
  RepositoryPolicyStore,
  storeUnavailable,
} from '../..';
import {
  ALICE,
  BOB,
  CustomerRepository,
  givenShop,
  OrderRepository,
  PlainOrderRepository,
  SERVICE,
  SHOP_RESOURCES,
  SHOP_RULES,
} from '../fixtures/shop';

describe('PolicyRepositoryMixin', () => {
  let dataSource: juggler.DataSource;
  let plain: PlainOrderRepository;
  let orders: OrderRepository;
  let store: RepositoryPolicyStore;
  let caller: PolicyCaller;

  beforeEach(givenShopForAlice);

  describe('reads', () => {
    it('returns a customer their own orders only, without the note', async () => {
      caller = ALICE;
      const found = await orders.find();
      expect(found.map(o => o.id)).to.deepEqual(['a1', 'a2']);
      expect(found[0].toJSON()).to.not.have.property('internalNote');
    });

    it('returns customer service every order with the note', async () => {
      caller = SERVICE;
      const found = await orders.find();
      expect(found).to.have.length(3);
      expect(found[2].internalNote).to.equal('fragile');
    });

    it('only narrows with a filter that names another owner', async () => {
      caller = ALICE;
      const found = await orders.find({
        where: {or: [{ownerId: 'bob'}, {ownerId: 'alice'}]},
      });
      expect(found.map(o => o.ownerId)).to.deepEqual(['alice', 'alice']);
    });

    it('refuses a where on a hidden property with 403 naming it', async () => {
      caller = ALICE;
      await expect(
        orders.find({where: {internalNote: 'fragile'}}),
      ).to.be.rejectedWith({
        statusCode: 403,
        code: 'FORBIDDEN_FILTER',
        message: /"internalNote" of ShopOrder in "where"/,
      });
      await expect(
        orders.count({and: [{internalNote: {neq: 'x'}}]}),
      ).to.be.rejectedWith({statusCode: 403});
    });

    it('refuses fields and order on a hidden property with 403', async () => {
      caller = ALICE;
      await expect(
        orders.find({fields: {internalNote: true}}),
      ).to.be.rejectedWith({
        message: /"internalNote" of ShopOrder in "fields"/,
      });
      await expect(
        orders.find({order: ['internalNote DESC']}),
      ).to.be.rejectedWith({message: /"internalNote" of ShopOrder in "order"/});
    });

    it('applies the caller fields within the permitted ones', async () => {
      caller = ALICE;
      const [first] = await orders.find({fields: ['id', 'description']});
      expect(first.toJSON()).to.deepEqual({id: 'a1', description: 'tea'});
    });

    it('answers a forbidden instance like a missing one', async () => {
      caller = ALICE;
      await expect(orders.findById('b1')).to.be.rejectedWith({
        code: 'ENTITY_NOT_FOUND',
      });
      expect(await orders.exists('b1')).to.be.false();
      expect(await orders.findOne({where: {id: 'b1'}})).to.be.null();
      expect((await orders.findById('a1')).description).to.equal('tea');
    });

    it('counts only what the caller may read', async () => {
      caller = ALICE;
      expect(await orders.count()).to.deepEqual({count: 2});
      caller = {roles: [], attributes: {}};
      expect(await orders.count()).to.deepEqual({count: 0});
      expect(await orders.find()).to.deepEqual([]);
    });

    it('filters related rows included through a guarded repository', async () => {
      caller = ALICE;
      const customers = new CustomerRepository(dataSource, async () => orders);
      await customers.create({id: 'c1', name: 'Shop'});
      await plain.updateAll({customerId: 'c1'});
      const [shop] = await customers.find({include: ['orders']});
      expect(shop.orders!.map(o => o.id)).to.deepEqual(['a1', 'a2']);
      expect(shop.orders![0].toJSON()).to.not.have.property('internalNote');
    });
  });

  describe('writes', () => {
    it('lets a customer change the description of an own placed order', async () => {
      caller = ALICE;
      await orders.updateById('a1', {description: 'green tea'});
      expect((await plain.findById('a1')).description).to.equal('green tea');
    });

    it('refuses a write of another property with 403 naming it', async () => {
      caller = ALICE;
      await expect(
        orders.updateById('a1', {description: 'x', internalNote: 'mine'}),
      ).to.be.rejectedWith({
        statusCode: 403,
        code: 'FORBIDDEN_PROPERTY',
        message: /may not write property "internalNote" of ShopOrder/,
      });
      expect((await plain.findById('a1')).description).to.equal('tea');
    });

    it('answers 404 for the order of another customer, 403 for an own cancelled one', async () => {
      caller = ALICE;
      await expect(
        orders.updateById('b1', {description: 'x'}),
      ).to.be.rejectedWith({code: 'ENTITY_NOT_FOUND'});
      await expect(
        orders.updateById('a2', {description: 'x'}),
      ).to.be.rejectedWith({statusCode: 403, code: 'FORBIDDEN'});
    });

    it('refuses a replacement that would write a property the caller may not', async () => {
      caller = ALICE;
      await expect(
        orders.replaceById('a1', {
          id: 'a1',
          ownerId: 'alice',
          description: 'x',
        }),
      ).to.be.rejectedWith({statusCode: 403, code: 'FORBIDDEN_PROPERTY'});
      expect((await plain.findById('a1')).description).to.equal('tea');
      caller = SERVICE;
      await orders.replaceById('a1', {
        id: 'a1',
        ownerId: 'alice',
        description: 'x',
      });
      // What a replacement leaves out is null, as in SQL databases: it is
      // written in the one statement that checks the caller may write it
      expect((await plain.findById('a1')).toJSON()).to.deepEqual({
        id: 'a1',
        customerId: null,
        ownerId: 'alice',
        description: 'x',
        internalNote: null,
        status: null,
        total: null,
        rush: null,
      });
    });

    it('refuses a bulk update of a property the caller may not write', async () => {
      caller = ALICE;
      await expect(
        orders.updateAll({internalNote: 'x'}, {ownerId: 'alice'}),
      ).to.be.rejectedWith({message: /may not write property "internalNote"/});
    });

    it('updates and deletes in bulk only what the caller may', async () => {
      caller = ALICE;
      expect(await orders.updateAll({description: 'same'})).to.deepEqual({
        count: 1,
      });
      expect(await orders.deleteAll()).to.deepEqual({count: 0});
      caller = SERVICE;
      expect(await orders.deleteAll({ownerId: 'bob'})).to.deepEqual({count: 1});
      await expect(orders.deleteById('b1')).to.be.rejectedWith({
        code: 'ENTITY_NOT_FOUND',
      });
    });

    it('refuses to create for another owner or with a hidden property', async () => {
      caller = ALICE;
      await expect(
        orders.create({id: 'x', ownerId: 'bob', description: 'x'}),
      ).to.be.rejectedWith({statusCode: 403, code: 'FORBIDDEN'});
      await expect(
        orders.create({id: 'x', ownerId: 'alice', internalNote: 'x'}),
      ).to.be.rejectedWith({message: /"internalNote"/});
      const created = await orders.create({id: 'x', ownerId: 'alice'});
      expect(created.id).to.equal('x');
    });
  });

  describe('the store', () => {
    it('takes a change through the store into account on the next call', async () => {
      caller = BOB;
      expect(await orders.count()).to.deepEqual({count: 1});
      const rule = await store.create({
        effect: 'allow',
        resource: 'ShopOrder',
        actions: ['read'],
        subjects: ['principal:bob'],
      });
      expect(rule.id).to.be.a.String();
      expect(await orders.count()).to.deepEqual({count: 3});
      await store.deleteById(rule.id);
      expect(await orders.count()).to.deepEqual({count: 1});
    });

    it('answers 503 for every operation when the store cannot be read', async () => {
      orders.policyReader = {
        engine: () => Promise.reject(storeUnavailable('test')),
      };
      caller = SERVICE;
      const calls = [
        () => orders.find(),
        () => orders.findById('a1'),
        () => orders.count(),
        () => orders.exists('a1'),
        () => orders.create({id: 'y'}),
        () => orders.updateById('a1', {description: 'x'}),
        () => orders.updateAll({description: 'x'}),
        () => orders.deleteById('a1'),
        () => orders.deleteAll(),
      ];
      for (const call of calls) {
        await expect(call()).to.be.rejectedWith({
          statusCode: 503,
          code: 'POLICY_STORE_UNAVAILABLE',
        });
      }
    });

    it('is unavailable (503) when a stored rule is invalid or the rules cannot be read', async () => {
      const rules = new DefaultCrudRepository(PolicyRule, dataSource);
      await rules.create({
        id: 'broken',
        effect: 'allow',
        resource: 'ShopOrder',
        actions: ['read'],
        subjects: ['CUSTOMER'],
        where: {ownerId: {like: '%'}},
      });
      const broken = new RepositoryPolicyStore(rules, SHOP_RESOURCES);
      await expect(broken.engine()).to.be.rejectedWith({
        statusCode: 503,
        message: /a stored rule is invalid.*"like" is refused/,
      });
      const failing = new DefaultCrudRepository(PolicyRule, dataSource);
      failing.find = () => Promise.reject(new Error('connection refused'));
      await expect(
        new RepositoryPolicyStore(failing, SHOP_RESOURCES).engine(),
      ).to.be.rejectedWith({
        statusCode: 503,
        message: /cannot be read \(connection refused\)/,
      });
    });

    it('rejects an invalid rule with 422 and stores nothing', async () => {
      const before = (await store.find()).length;
      await expect(
        store.create({...SHOP_RULES[0], id: undefined, fields: ['secret']}),
      ).to.be.rejectedWith({statusCode: 422, message: /fields\[0\]/});
      await expect(store.create(SHOP_RULES[0])).to.be.rejectedWith({
        statusCode: 422,
        message: /a rule with this id exists/,
      });
      expect(await store.find()).to.have.length(before);
    });

    it('sees changes made behind its back after refresh', async () => {
      const rules = new DefaultCrudRepository(PolicyRule, dataSource);
      await rules.deleteAll();
      caller = SERVICE;
      expect(await orders.count()).to.deepEqual({count: 3});
      await store.refresh();
      expect(await orders.count()).to.deepEqual({count: 0});
    });
  });

  async function givenShopForAlice() {
    caller = ALICE;
    ({dataSource, plain, store, orders} = await givenShop(() => caller));
  }
});
