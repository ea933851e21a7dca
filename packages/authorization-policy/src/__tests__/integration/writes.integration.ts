// Copyright The loopback-security-monorepo authors. License: MIT.

// Writes as they are stored: default values, validation, properties the
// model does not declare, values no database stores alike, and inclusions
// of many rows.

import {
  DefaultCrudRepository,
  juggler,
  model,
  property,
} from '@loopback/repository';
import {expect} from '@loopback/testlab';
import {PolicyCaller, resourceFromModel, RuleInput} from '../..';
import {
  FixtureEntity,
  givenCaller,
  givenRuleStore,
  guard,
  guardedRepositoryClass,
} from '../fixtures/guarded-repositories';
import {AUDITOR, givenLedger} from '../fixtures/ledger';

@model({settings: {strict: false}})
class Task extends FixtureEntity {
  @property({type: 'string', required: true})
  owner!: string;

  @property({type: 'string', default: 'gold'})
  tier?: string;

  @property({type: 'string'})
  text?: string;

  constructor(data?: Partial<Task>) {
    super(data);
  }
}

class TaskRepository extends guardedRepositoryClass(Task, 'Task') {}

const OWN: RuleInput = {
  id: 'owners-do-all-on-own-tasks',
  effect: 'allow',
  resource: 'Task',
  actions: ['read', 'create', 'update'],
  subjects: ['USER'],
  where: {owner: '$user.id'},
};

const NO_GOLD: RuleInput = {
  id: 'nobody-creates-gold-tasks',
  effect: 'deny',
  resource: 'Task',
  actions: ['create'],
  subjects: ['USER'],
  where: {tier: 'gold'},
};

describe('PolicyRepositoryMixin: writes as they are stored', () => {
  const ann: PolicyCaller = givenCaller('ann', 'USER');
  let tasks: TaskRepository;
  let plain: DefaultCrudRepository<Task, string>;

  beforeEach(async () => {
    const dataSource = new juggler.DataSource({connector: 'memory'});
    const store = await givenRuleStore(
      dataSource,
      [resourceFromModel(Task)],
      [OWN, NO_GOLD],
    );
    plain = new DefaultCrudRepository(Task, dataSource);
    await plain.create({id: 't1', owner: 'ann', tier: 'silver', text: 'a'});
    await plain.create({id: 't2', owner: 'bob', tier: 'silver', text: 'b'});
    tasks = guard(new TaskRepository(dataSource), store, () => ann);
  });

  it('checks a new instance with its default values', async () => {
    // Leaving out the tier does not escape the rule on its default value
    await expect(tasks.create({id: 'n1', owner: 'ann'})).to.be.rejectedWith({
      statusCode: 403,
      code: 'FORBIDDEN',
    });
    const made = await tasks.create({id: 'n2', owner: 'ann', tier: 'bronze'});
    expect(made.tier).to.equal('bronze');
  });

  it('validates a replacement and applies its default values', async () => {
    await expect(
      tasks.replaceById('t1', {text: 'x'} as Partial<Task>),
    ).to.be.rejectedWith({
      statusCode: 422,
      code: 'INVALID_POLICY_DATA',
      message: /`owner` can't be blank/,
    });
    await tasks.replaceById('t1', {owner: 'ann'} as Partial<Task>);
    expect((await plain.findById('t1')).toJSON()).to.deepEqual({
      id: 't1',
      owner: 'ann',
      tier: 'gold',
      text: null,
    });
  });

  it('refuses to write a property the model does not declare', async () => {
    await expect(
      tasks.updateById('t1', {text: 'x', secretFlag: true} as Partial<Task>),
    ).to.be.rejectedWith({
      statusCode: 403,
      code: 'FORBIDDEN_PROPERTY',
      message: /"secretFlag"/,
    });
    expect((await plain.findById('t1')).text).to.equal('a');
  });

  it('shows no value the model does not declare', async () => {
    await plain.updateById('t1', {secretFlag: true} as Partial<Task>);
    const [own] = await tasks.find();
    expect(own.toJSON()).to.not.have.property('secretFlag');
  });

  it('refuses a string no database stores alike, naming it', async () => {
    for (const text of ['a\u0000', 'a\ud800']) {
      await expect(tasks.updateById('t1', {text})).to.be.rejectedWith({
        statusCode: 422,
        code: 'INVALID_POLICY_DATA',
        message: /^Invalid data: "data.text"/,
      });
    }
  });

  it('answers an update of no property like the update of the instance', async () => {
    await tasks.updateById('t1', {});
    await expect(tasks.updateById('t2', {})).to.be.rejectedWith({
      code: 'ENTITY_NOT_FOUND',
    });
  });
});

describe('PolicyRepositoryMixin: inclusions of many rows', () => {
  it('includes the related rows of more parents than a caller list may name', async () => {
    const ledger = await givenLedger(() => AUDITOR);
    const accounts = Array.from({length: 300}, (_, i) => ({
      id: `a${i}`,
      name: `n${i}`,
    }));
    // Straight into the datasource, past the rules: the ledger's rules do
    // not let an auditor create accounts
    const plain = new DefaultCrudRepository(
      ledger.accounts.entityClass,
      ledger.accounts.dataSource,
    );
    await plain.createAll(accounts);
    const found = await ledger.invoices.find({
      include: [{relation: 'account'}],
    });
    expect(found.length).to.equal(3);
    const withInvoices = await ledger.accounts.find({
      include: [{relation: 'invoices', scope: {where: {description: 'a'}}}],
    });
    expect(withInvoices.length).to.equal(302);
  });
});
