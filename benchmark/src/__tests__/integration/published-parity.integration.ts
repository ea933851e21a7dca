// Copyright The loopback-security-monorepo authors. License: MIT.

// A differential test: our @loopback/authorization against the published
// package, which is installed only as the peer to compare with. On valid
// inputs both must decide alike (a drop-in); where the published package
// fails open, ours must fail closed.

import * as ours from '@loopback/authorization';
import * as published from '@loopback/authorization-published';
import {Context, invokeMethod} from '@loopback/core';
import {SecurityBindings, securityId, UserProfile} from '@loopback/security';
import {expect} from '@loopback/testlab';
import fc from 'fast-check';

type Library = typeof ours | typeof published;
type Vote = 'Allow' | 'Deny' | 'Abstain';
type Placement = 'method' | 'class' | 'none';

const SEED = Number(process.env.FC_SEED ?? 7);
const RUNS = Number(process.env.FC_RUNS ?? 400);

interface Outcome {
  ran: boolean;
  statusCode?: number;
  message?: string;
  asked: number[];
  principals: unknown[];
}

interface Scenario {
  votes: Vote[];
  metadataVoterCount: number;
  options: {precedence?: Vote; defaultDecision?: Vote};
  placement: Placement;
  defaultMetadata: boolean;
  skip: boolean;
  user?: {id: string; name?: string; email?: string};
}

/**
 * Run one scenario through one library: a fresh application, the voters
 * (the first ones given to @authorize, the others tagged), one call
 */
async function run(lib: Library, scenario: Scenario): Promise<Outcome> {
  const asked: number[] = [];
  const principals: unknown[] = [];
  const voters = scenario.votes.map(
    (vote, index) => async (ctx: {principals: unknown[]}) => {
      asked.push(index);
      if (index === 0) principals.push(...ctx.principals.map(seenOf));
      return vote;
    },
  );
  const own = voters.slice(0, scenario.metadataVoterCount);
  const tagged = voters.slice(scenario.metadataVoterCount);
  const app = new Context('app');
  const binding = app.bind('components.AuthorizationComponent');
  app.add(binding);
  const component = new lib.AuthorizationComponent();
  for (const b of component.bindings ?? []) app.add(b);
  app.configure(binding.key).to({
    ...scenario.options,
    ...(scenario.defaultMetadata ? {defaultMetadata: {voters: own}} : {}),
  });
  tagged.forEach((voter, i) =>
    app.bind(`voters.${i}`).to(voter).tag(lib.AuthorizationTags.AUTHORIZER),
  );
  class Controller {
    m() {
      return 'ran';
    }
  }
  const spec = {voters: own, skip: scenario.skip || undefined};
  if (scenario.placement === 'method') {
    lib.authorize(spec as never)(
      Controller.prototype,
      'm',
      Object.getOwnPropertyDescriptor(Controller.prototype, 'm')!,
    );
  } else if (scenario.placement === 'class') {
    lib.authorize(spec as never)(Controller);
  }
  const request = new Context(app, 'request');
  if (scenario.user) {
    const {id, ...fields} = scenario.user;
    const user: UserProfile = {[securityId]: id, ...fields};
    request.bind(SecurityBindings.USER).to(user);
  }
  try {
    await invokeMethod(new Controller(), 'm', request);
    return {ran: true, asked, principals};
  } catch (err) {
    const {statusCode, message} = err as {statusCode?: number; message: string};
    return {ran: false, statusCode, message, asked, principals};
  }
}

/**
 * The fields a voter sees of a principal, the id included
 */
function seenOf(principal: unknown) {
  const p = principal as Record<string | symbol, unknown>;
  return {id: p[securityId], name: p.name, type: p.type, email: p.email};
}

const vote = fc.constantFrom<Vote>('Allow', 'Deny', 'Abstain');
const decision = fc.constantFrom<Vote>('Allow', 'Deny');
const scenarioArb: fc.Arbitrary<Scenario> = fc
  .record({
    votes: fc.array(vote, {maxLength: 5}),
    metadataVoterCount: fc.nat({max: 5}),
    // Absent, not undefined: see the explicit `undefined` tests below
    options: fc.record(
      {precedence: decision, defaultDecision: decision},
      {requiredKeys: []},
    ),
    placement: fc.constantFrom<Placement>('method', 'class', 'none'),
    defaultMetadata: fc.boolean(),
    skip: fc.boolean(),
    user: fc.option(
      fc.record(
        {
          id: fc.constantFrom('u1', 'u2'),
          name: fc.constantFrom('Ann', 'Bob'),
          email: fc.constant('a@example.com'),
        },
        {requiredKeys: ['id']},
      ),
      {nil: undefined},
    ),
  })
  .map(s => ({
    ...s,
    metadataVoterCount: Math.min(s.metadataVoterCount, s.votes.length),
  }));

describe('Parity with the published @loopback/authorization', () => {
  it(`decides alike on valid votes, options and metadata (${RUNS} cases, seed ${SEED})`, async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArb, async scenario => {
        const theirs = await run(published, scenario);
        const mine = await run(ours, scenario);
        expect(mine).to.eql(theirs);
      }),
      {seed: SEED, numRuns: RUNS},
    );
  }).timeout(60000);

  const UNITED = ['allowedRoles', 'deniedRoles', 'scopes'] as const;
  const spec = fc.record(
    {
      allowedRoles: fc.subarray(['A', 'B', 'C']),
      deniedRoles: fc.subarray(['D', 'E']),
      scopes: fc.subarray(['s1', 's2', 's3']),
      resource: fc.constantFrom('order', 'user'),
      skip: fc.boolean(),
    },
    {requiredKeys: []},
  );

  it(`merges several @authorize on a method alike (${RUNS} cases, seed ${SEED})`, () => {
    fc.assert(
      fc.property(fc.array(spec, {minLength: 1, maxLength: 3}), specs => {
        const metadataOf = (lib: Library) => {
          class C {
            m() {}
          }
          const descriptor = Object.getOwnPropertyDescriptor(C.prototype, 'm')!;
          // Decorators apply bottom-up: the last spec is nearest the method
          for (const s of [...specs].reverse()) {
            lib.authorize(s)(C.prototype, 'm', descriptor);
          }
          return lib.getAuthorizationMetadata(C, 'm');
        };
        const theirs = metadataOf(published) as Record<string, unknown>;
        const mine = metadataOf(ours) as Record<string, unknown>;
        // Both unite the lists; compare them as sets, the rest as is
        for (const field of UNITED) {
          expect(new Set(mine[field] as string[])).to.eql(
            new Set(theirs[field] as string[]),
          );
        }
        const rest = (m: Record<string, unknown>) => ({
          resource: m.resource,
          skip: m.skip,
        });
        expect(rest(mine)).to.eql(rest(theirs));
      }),
      {seed: SEED, numRuns: RUNS},
    );
  });

  describe('where the published package fails open, ours fails closed', () => {
    // The published package takes any truthy vote other than Abstain as the
    // running decision, and lets the call through unless it is exactly Deny
    for (const bad of ['deny', 'DENY', 'allow', true, 1, {}]) {
      it(`a voter returning ${JSON.stringify(bad)}`, async () => {
        const scenario: Scenario = {
          votes: [bad as Vote],
          metadataVoterCount: 0,
          options: {},
          placement: 'method',
          defaultMetadata: false,
          skip: false,
          user: {id: 'u1'},
        };
        const theirs = await run(published, scenario);
        const mine = await run(ours, scenario);
        expect(theirs.ran).to.be.true();
        expect(mine.ran).to.be.false();
        expect(mine.message).to.match(/^Invalid vote from binding "voters.0"/);
      });
    }

    // A falsy invalid vote counts as an abstention there: denied by default,
    // let through with defaultDecision Allow
    for (const bad of [false, undefined, null, 0]) {
      it(`a voter returning ${String(bad)} under defaultDecision Allow`, async () => {
        const scenario: Scenario = {
          votes: [bad as unknown as Vote],
          metadataVoterCount: 0,
          options: {defaultDecision: 'Allow'},
          placement: 'method',
          defaultMetadata: false,
          skip: false,
          user: {id: 'u1'},
        };
        expect((await run(published, scenario)).ran).to.be.true();
        const mine = await run(ours, scenario);
        expect(mine.ran).to.be.false();
        expect(mine.message).to.match(/^Invalid vote from binding "voters.0"/);
      });
    }

    it('an explicit undefined defaultDecision, with every voter abstaining', async () => {
      // e.g. `{defaultDecision: process.env.DEFAULT_DECISION}` left unset
      const scenario: Scenario = {
        votes: ['Abstain'],
        metadataVoterCount: 0,
        options: {defaultDecision: undefined},
        placement: 'method',
        defaultMetadata: false,
        skip: false,
      };
      expect((await run(published, scenario)).ran).to.be.true();
      const mine = await run(ours, scenario);
      expect(mine).to.containDeep({ran: false, statusCode: 403});
    });

    it('an explicit undefined precedence, with Deny then Allow', async () => {
      const scenario: Scenario = {
        votes: ['Deny', 'Allow'],
        metadataVoterCount: 0,
        options: {precedence: undefined},
        placement: 'method',
        defaultMetadata: false,
        skip: false,
      };
      expect((await run(published, scenario)).ran).to.be.true();
      // ours keeps the default precedence, Deny: the first Deny ends it
      const mine = await run(ours, scenario);
      expect(mine).to.containDeep({ran: false, statusCode: 403, asked: [0]});
    });

    it('a defaultDecision of Abstain', async () => {
      const scenario: Scenario = {
        votes: ['Abstain'],
        metadataVoterCount: 0,
        options: {defaultDecision: 'Abstain'},
        placement: 'method',
        defaultMetadata: false,
        skip: false,
      };
      expect((await run(published, scenario)).ran).to.be.true();
      const mine = await run(ours, scenario);
      expect(mine.ran).to.be.false();
      expect(mine.message).to.match(
        /"defaultDecision" must be "Allow" or "Deny"/,
      );
    });
  });
});
