// Copyright The loopback-security-monorepo authors. License: MIT.

// Property-based tests of failing closed: generated calls biased towards a
// Deny under precedence Deny, a faulty voter or malformed options (see
// fixtures/scenario-arbitraries.ts); the body runs only for a reason the
// README gives.
//
// A failure prints the seed, the path and the counterexample. Rerun it with
// `FC_SEED=<seed> npx mocha dist/__tests__/acceptance/fail-closed-properties.acceptance.js`.

import {expect} from '@loopback/testlab';
import fc from 'fast-check';
import {
  propertyParameters,
  runsTitle,
} from '@loopback/authorization-test-fixtures';
import {
  denyPrecedenceScenarioArb,
  faultyScenarioArb,
  invalidOptionsScenarioArb,
  scenarioArb,
} from '../fixtures/scenario-arbitraries';
import {
  askingOrder,
  errorOf,
  expectDecoysUntouched,
  isPlainDenial,
  metadataInForce,
  validOptionsOf,
} from '../fixtures/scenario-expectations';
import {givenApp, runScenario} from '../fixtures/scenario-runner';

describe('Failing closed (generated calls through invokeMethod)', () => {
  const DENY_RUNS = 1000;
  it(`never runs the body under precedence Deny when any voter votes Deny ${runsTitle(DENY_RUNS)}`, async () => {
    await fc.assert(
      fc.asyncProperty(denyPrecedenceScenarioArb, async s => {
        const run = await runScenario(s, givenApp());
        expect(run.bodyRuns).to.equal(0);
        expect(run.outcome).to.have.property('error');
        expectDecoysUntouched(run);
      }),
      propertyParameters(DENY_RUNS),
    );
  });

  const REASON_RUNS = 1500;
  it(`runs the body only when a voter allowed, all abstained under defaultDecision Allow, or nothing is to decide ${runsTitle(REASON_RUNS)}`, async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArb, async s => {
        const run = await runScenario(s, givenApp());
        expectDecoysUntouched(run);
        if (run.bodyRuns === 0) {
          expect(run.outcome).to.have.property('error');
          return;
        }
        expect(run.bodyRuns).to.equal(1);
        const options = validOptionsOf(s);
        expect(options).to.not.be.undefined();
        if (!metadataInForce(s)) {
          expect(run.asked).to.eql([]);
          return;
        }
        const votes = run.asked.map(a => a.returned);
        expect(run.asked.every(a => !a.misbehaved)).to.be.true();
        const allowedByVoter = votes.includes('Allow');
        const allowedByDefault =
          votes.every(v => v === 'Abstain') &&
          options?.defaultDecision === 'Allow';
        expect(allowedByVoter || allowedByDefault).to.be.true();
      }),
      propertyParameters(REASON_RUNS),
    );
  });

  const FAULT_RUNS = 1500;
  it(`never runs the body once a voter misbehaves, throws, hangs or cannot be resolved ${runsTitle(FAULT_RUNS)}`, async () => {
    await fc.assert(
      fc.asyncProperty(faultyScenarioArb, async s => {
        const run = await runScenario(s, givenApp());
        expectDecoysUntouched(run);
        if (run.asked.some(a => a.misbehaved)) {
          expect(run.bodyRuns).to.equal(0);
          expect(isPlainDenial(run)).to.be.false();
          expect(errorOf(run)).to.be.instanceOf(Error);
        }
        // A faulty voter that is reached (no precedence vote before it)
        // always fails the call
        const options = validOptionsOf(s);
        if (!options || !metadataInForce(s) || s.user.kind === 'malformed') {
          return;
        }
        const precedence = options.precedence ?? 'Deny';
        const first = askingOrder(s).find(
          v => typeof v.vote === 'object' || v.vote === precedence,
        );
        if (first && typeof first.vote === 'object') {
          expect(run.bodyRuns).to.equal(0);
          expect(isPlainDenial(run)).to.be.false();
        }
      }),
      propertyParameters(FAULT_RUNS),
    );
  });

  const OPTIONS_RUNS = 500;
  it(`fails every call, decorated or not, under malformed options ${runsTitle(OPTIONS_RUNS)}`, async () => {
    await fc.assert(
      fc.asyncProperty(invalidOptionsScenarioArb, async s => {
        const run = await runScenario(s, givenApp());
        expect(run.bodyRuns).to.equal(0);
        expect(run.asked).to.eql([]);
        expect(errorOf(run)).to.containDeep({
          code: (s.options as {code: string}).code,
          statusCode: 500,
        });
        expect(errorOf(run).message).to.match(
          /^Invalid (authorization options|role hierarchy|@authorize metadata on the "defaultMetadata" option)/,
        );
      }),
      propertyParameters(OPTIONS_RUNS),
    );
  });
});
