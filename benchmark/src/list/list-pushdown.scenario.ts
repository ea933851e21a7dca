// Copyright The loopback-security-monorepo authors. License: MIT.

import {
  PolicyCaller,
  PolicyEngine,
  PolicyRepositoryMixin,
  resourceFromModel,
} from '@loopback/authorization-policy';
import {
  givenTestDatabase,
  TestDatabase,
} from '@loopback/authorization-postgres/testing';
import {
  DefaultCrudRepository,
  Entity,
  juggler,
  model,
  property,
} from '@loopback/repository';
import {performance} from 'node:perf_hooks';
import {median} from '../statistics';

/**
 * An order of the list scenario
 */
@model({name: 'BenchOrder', settings: {strict: true}})
export class BenchOrder extends Entity {
  @property({type: 'number', id: true, generated: false})
  id!: number;

  @property({type: 'string', required: true})
  ownerId!: string;

  @property({type: 'number', postgresql: {dataType: 'double precision'}})
  total!: number;

  @property({type: 'string'})
  status!: string;

  constructor(data?: Partial<BenchOrder>) {
    super(data);
  }
}

class BenchOrderRepository extends DefaultCrudRepository<BenchOrder, number> {
  constructor(dataSource: juggler.DataSource) {
    super(BenchOrder, dataSource);
  }
}

class GuardedBenchOrderRepository extends PolicyRepositoryMixin<
  BenchOrder,
  number,
  typeof BenchOrderRepository
>(BenchOrderRepository, {resource: 'BenchOrder'}) {}

/**
 * How many owners the orders are spread over: the caller owns one in 100
 */
const OWNERS = 100;

/**
 * What the list scenario measured, or why it did not run
 */
export type ListScenarioResult =
  | {
      /** Orders in the table */
      rows: number;
      /** Orders the caller may see */
      visible: number;
      /** Rounds, each running both ways once */
      rounds: number;
      /** Median ms of the filter pushed into the query */
      pushedMs: number;
      /** Median ms of loading every row and deciding each in the process */
      inAppMs: number;
      /** inAppMs / pushedMs */
      speedup: number;
      /** `DATABASE_URL` or an embedded server started for the run */
      server: 'DATABASE_URL' | 'embedded';
    }
  | {
      /** Why it was skipped: no PostgreSQL could be started */
      skipped: string;
    };

/**
 * A customer lists their orders among `rows` orders on PostgreSQL, of which
 * they own 1%: through a guarded repository, which ANDs the policy's filter
 * into the SQL query, against loading every row and keeping those
 * `decide()` allows. Both must return the same rows.
 *
 * @param rows - Orders in the table
 * @param rounds - Alternating rounds of both ways
 */
export async function runListScenario(
  rows: number,
  rounds: number,
): Promise<ListScenarioResult> {
  let db: TestDatabase;
  try {
    db = await givenTestDatabase('bench_list');
  } catch (err) {
    return {skipped: `no PostgreSQL could be started: ${String(err)}`};
  }
  const dataSource = new juggler.DataSource({
    name: 'list',
    connector: 'postgresql',
    url: db.url,
  });
  try {
    const plain = new BenchOrderRepository(dataSource);
    const guarded = new GuardedBenchOrderRepository(dataSource);
    await dataSource.automigrate(['BenchOrder']);
    // One statement seeds the table, and an index on the owner serves the
    // pushed-down filter as it would in a real application
    await dataSource.execute(
      `INSERT INTO public.benchorder (id, ownerid, total, status)
       SELECT g, 'u' || (g % ${OWNERS}), g % 500, 'placed'
       FROM generate_series(1, ${rows}) AS g`,
    );
    await dataSource.execute(
      'CREATE INDEX benchorder_ownerid ON public.benchorder (ownerid)',
    );
    await dataSource.execute('ANALYZE public.benchorder');

    const engine = new PolicyEngine([resourceFromModel(BenchOrder)]);
    engine.upsert({
      id: 'customers-read-own-orders',
      effect: 'allow',
      resource: 'BenchOrder',
      actions: ['read'],
      subjects: ['CUSTOMER'],
      where: {ownerId: '$user.id'},
    });
    engine.upsert({
      id: 'admins-read-orders',
      effect: 'allow',
      resource: 'BenchOrder',
      actions: ['read'],
      subjects: ['ADMIN'],
    });
    const caller: PolicyCaller = Object.freeze({
      id: 'u7',
      roles: Object.freeze(['CUSTOMER']),
      attributes: Object.freeze({id: 'u7'}),
    });
    guarded.policyReader = {engine: async () => engine};
    guarded.policyCaller = async () => caller;

    const pushed = async () => guarded.find();
    const inApp = async () =>
      (await plain.find()).filter(
        order =>
          engine.decide(
            caller,
            'BenchOrder',
            'read',
            order.toJSON() as Record<string, unknown>,
          ).allowed,
      );
    const expected = idsOf(await inApp());
    const got = idsOf(await pushed());
    if (got.join() !== expected.join()) {
      throw new Error(
        `The two ways disagree: ${got.length} rows pushed down, ` +
          `${expected.length} filtered in the process`,
      );
    }

    const pushedMs: number[] = [];
    const inAppMs: number[] = [];
    for (let round = 0; round < rounds; round++) {
      pushedMs.push(await timed(pushed));
      inAppMs.push(await timed(inApp));
    }
    const result = {
      rows,
      visible: expected.length,
      rounds,
      pushedMs: median(pushedMs),
      inAppMs: median(inAppMs),
      server: process.env.DATABASE_URL
        ? ('DATABASE_URL' as const)
        : ('embedded' as const),
    };
    return {...result, speedup: result.inAppMs / result.pushedMs};
  } finally {
    await dataSource.disconnect();
    await db.drop();
  }
}

function idsOf(orders: {id: number}[]): number[] {
  return orders.map(o => o.id).sort((a, b) => a - b);
}

async function timed(run: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await run();
  return performance.now() - start;
}
