// Copyright The loopback-security-monorepo authors. License: MIT.

// Reproduce a failure with its seed:
// `FC_SEED=<seed> npx mocha dist/__tests__/integration/agreement.integration.js`,
// and change the number of cases with `FC_RUNS`.

import {juggler} from '@loopback/repository';
import {
  propertyParameters,
  runsTitle,
} from '@loopback/authorization-test-fixtures';
import {
  checkAgreement,
  GuardedItemRepository,
  ItemRepository,
} from '../../testing';

const RUNS = 2000;

describe('one meaning, three uses, on the memory connector', () => {
  let plain: ItemRepository;
  let guarded: GuardedItemRepository;
  before(givenRepositories);

  it(`decide, filter and fields agree ${runsTitle(RUNS)}`, async () => {
    await checkAgreement(plain, guarded, propertyParameters(RUNS));
  }).timeout(120000);

  function givenRepositories() {
    const dataSource = new juggler.DataSource({connector: 'memory'});
    plain = new ItemRepository(dataSource);
    guarded = new GuardedItemRepository(dataSource);
  }
});
