// Copyright The loopback-security-monorepo authors. License: MIT.

// Property-based tests of the whole pipeline: generated calls (see
// fixtures/scenario-arbitraries.ts), each compared with the reference model of
// the README's decision matrix in fixtures/reference-models.ts.
//
// A failure prints the seed, the path and the counterexample. Rerun it with
// `FC_SEED=<seed> npx mocha dist/__tests__/acceptance/decision-model.acceptance.js`,
// and change the number of cases with `FC_RUNS`.

import fc from 'fast-check';
import {
  propertyParameters,
  runsTitle,
} from '@loopback/authorization-test-fixtures';
import {scenarioArb} from '../fixtures/scenario-arbitraries';
import {expectAsModel} from '../fixtures/scenario-expectations';
import {givenApp, runScenario} from '../fixtures/scenario-runner';

describe('Decision properties (generated calls through invokeMethod)', () => {
  const MODEL_RUNS = 2000;
  it(`decides every call as the reference model of the decision matrix ${runsTitle(MODEL_RUNS)}`, async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArb, async s => {
        const run = await runScenario(s, givenApp());
        expectAsModel(s, run);
      }),
      propertyParameters(MODEL_RUNS),
    );
  });

  const SHARED_RUNS = 1500;
  it(`decides as a fresh application when one application is reconfigured between calls ${runsTitle(SHARED_RUNS)}`, async () => {
    // One long-lived application: options, voters and listeners are bound
    // and unbound between calls, so stale caches would show
    const app = givenApp();
    await fc.assert(
      fc.asyncProperty(scenarioArb, async s => {
        const run = await runScenario(s, app);
        expectAsModel(s, run);
      }),
      propertyParameters(SHARED_RUNS),
    );
  });
});
