// Copyright The loopback-security-monorepo authors. License: MIT.

// The policy package's agreement property on PostgreSQL, through LoopBack's
// PostgreSQL connector: for generated rules, callers and rows, (a) the rows
// the engine allows are exactly (b) the rows a SQL query with the engine's
// filter returns, NULLs included, and (c) the guarded repository returns
// exactly the permitted properties. It proves the SQL translation of every
// operator and of every negation the engine pushes down.
//
// A failure prints the seed and the counterexample. Rerun it with
// `FC_SEED=<seed> npx mocha`, and change the number of cases with `FC_RUNS`.

import {juggler} from '@loopback/repository';
import {
  checkAgreement,
  GuardedItemRepository,
  ItemRepository,
} from '@loopback/authorization-policy/testing';
import {givenTestDatabase, TestDatabase} from '../../testing';
import {propertyParameters} from '@loopback/authorization-test-fixtures';

const {seed: SEED, numRuns: RUNS} = propertyParameters(3000);

describe('one meaning, three uses, on PostgreSQL', () => {
  let db: TestDatabase;
  let dataSource: juggler.DataSource;
  let plain: ItemRepository;
  let guarded: GuardedItemRepository;

  before(async () => {
    db = await givenTestDatabase('agreement');
    dataSource = new juggler.DataSource({
      name: 'agreement',
      connector: 'postgresql',
      url: db.url,
    });
    plain = new ItemRepository(dataSource);
    guarded = new GuardedItemRepository(dataSource);
    await dataSource.automigrate(['Item']);
  });
  after(async () => {
    await dataSource?.disconnect();
    await db?.drop();
  });

  it(`decide, filter and fields agree (${RUNS} cases, seed ${SEED})`, async () => {
    await checkAgreement(plain, guarded, {seed: SEED, numRuns: RUNS});
  }).timeout(Math.max(60000, RUNS * 100));
});
