// Copyright The loopback-security-monorepo authors. License: MIT.

// Noninterference of reads, over HTTP: for generated datasets that agree on
// everything a caller may read and differ anywhere else, and generated
// requests (valid and invalid filters, every operator, type confusions,
// deep nesting, ids of other customers' orders and of none), the caller
// gets the same answer from both. On the memory connector here; on
// PostgreSQL in `noninterference.postgres.acceptance.ts`.
//
// Reproduce a failure with its seed: `FC_SEED=<seed> npx mocha
// dist/__tests__/acceptance/noninterference.acceptance.js`; change the
// number of datasets with `FC_RUNS`.

import {expect} from '@loopback/testlab';
import {
  propertyParameters,
  runsTitle,
} from '@loopback/authorization-test-fixtures';
import {checkNoninterference} from '../fixtures/noninterference';
import {givenRunningShop} from '../fixtures/running-app';

const RUNS = 500;

describe('Noninterference of reads, on the memory connector', () => {
  const shop = givenRunningShop();

  it(`answers a caller alike on datasets that differ only where it may not read ${runsTitle(RUNS)}`, async () => {
    const compared = await checkNoninterference(shop, propertyParameters(RUNS));
    expect(compared).to.be.greaterThan(RUNS);
  }).timeout(300000);
});
