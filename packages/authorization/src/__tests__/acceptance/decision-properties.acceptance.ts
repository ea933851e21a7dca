// Copyright The loopback-security-monorepo authors. License: MIT.

// Property-based tests of the whole pipeline: generated metadata (on the
// method, on the class, both, or only from `defaultMetadata`), options (valid
// and malformed), voters (functions, binding keys bound or not, tagged
// bindings of the application and of the request, voting, misbehaving,
// throwing or never settling) and users (none, valid, malformed), each call
// compared with the reference model of the README's decision matrix in
// fixtures/reference-models.ts.
//
// A failure prints the seed, the path and the counterexample. Rerun it with
// `FC_SEED=<seed> npx mocha dist/__tests__/acceptance/decision-properties.acceptance.js`,
// and change the number of cases with `FC_RUNS`.

import {Application, BindingKey, Context, invokeMethod} from '@loopback/core';
import {Principal, SecurityBindings, securityId} from '@loopback/security';
import {expect} from '@loopback/testlab';
import fc from 'fast-check';
import {
  AuthorizationBindings,
  AuthorizationComponent,
  AuthorizationContext,
  AuthorizationDecisionRecord,
  AuthorizationErrorCode,
  AuthorizationMetadata,
  AuthorizationTags,
  authorize,
  Authorizer,
} from '../..';
import {propertyParameters, runsTitle} from '../fixtures/property-settings';
import {
  decideByModel,
  ModelDecision,
  ModelFault,
  ModelVote,
} from '../fixtures/reference-models';

// ---------------------------------------------------------------------------
// What is generated

const VALID_VOTES = ['Allow', 'Deny', 'Abstain'] as const;

/**
 * Values that look like votes, or could be taken for one, but are not
 */
const INVALID_VOTES: readonly unknown[] = [
  'deny',
  'allow',
  'abstain',
  'ALLOW',
  'DENY',
  ' Allow',
  'Allow ',
  '',
  true,
  false,
  undefined,
  null,
  0,
  1,
  NaN,
  {},
  [],
  ['Allow'],
  {decision: 'Allow'},
  Object('Allow'),
];

type Behaviour =
  | {does: 'vote'; value: unknown; async: boolean}
  | {does: 'throw'; async: boolean}
  | {does: 'hang'};

/**
 * How a voter binding resolves: to the voter, not at all (a key of
 * `@authorize` that is not bound), or to a value that is not a function
 */
type Resolution = 'ok' | 'unbound' | 'notAFunction';

interface MetadataVoterSpec {
  via: 'function' | 'key' | 'bindingKey' | 'requestKey';
  resolution: Resolution;
  behaviour: Behaviour;
}

interface TaggedVoterSpec {
  in: 'app' | 'request';
  resolution: 'ok' | 'notAFunction';
  behaviour: Behaviour;
}

interface MetadataSpec {
  voters: MetadataVoterSpec[];
  skip?: boolean;
}

interface ValidOptions {
  precedence?: ModelDecision;
  defaultDecision?: ModelDecision;
  defaultStatusCodeForDeny?: number;
  anonymousDenial?: {statusCode?: number; wwwAuthenticate?: string};
  voterTimeout?: number;
}

type OptionsSpec =
  | {kind: 'absent'}
  | {kind: 'valid'; value: ValidOptions}
  | {kind: 'invalid'; value: unknown; code: string};

const MALFORMED_USERS = [
  'without an id',
  'with an empty id',
  'with a NaN id',
  'with a null id',
  'that is a string',
  'that is a number',
  'that is an array',
] as const;

type UserSpec =
  | {kind: 'none'}
  | {kind: 'valid'; id: string; name?: unknown; type?: string}
  | {kind: 'malformed'; what: (typeof MALFORMED_USERS)[number]};

interface Scenario {
  /**
   * Where the metadata in force comes from; `none` leaves it to
   * `defaultMetadata`, if any. With `both`, the class carries decoy metadata
   * that the method's metadata must replace.
   */
  placement: 'method' | 'class' | 'both' | 'none';
  metadata: MetadataSpec;
  /**
   * Whether `defaultMetadata` is configured: the metadata in force with
   * placement `none`, a decoy otherwise
   */
  defaultMetadata: boolean;
  /**
   * Whether the decoy class metadata of `both` says `skip`
   */
  classDecoySkips: boolean;
  tagged: TaggedVoterSpec[];
  options: OptionsSpec;
  user: UserSpec;
  /**
   * Whether a decision listener records the decision
   */
  listen: boolean;
}

const behaviourArb: fc.Arbitrary<Behaviour> = fc.oneof(
  {
    weight: 14,
    arbitrary: fc.record({
      does: fc.constant('vote' as const),
      value: fc.constantFrom<unknown>(...VALID_VOTES),
      async: fc.boolean(),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      does: fc.constant('vote' as const),
      value: fc.constantFrom(...INVALID_VOTES),
      async: fc.boolean(),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      does: fc.constant('throw' as const),
      async: fc.boolean(),
    }),
  },
  {weight: 1, arbitrary: fc.constant({does: 'hang' as const})},
);

const metadataVoterArb: fc.Arbitrary<MetadataVoterSpec> = fc
  .record({
    via: fc.constantFrom(
      'function' as const,
      'key' as const,
      'bindingKey' as const,
      'requestKey' as const,
    ),
    resolution: fc.oneof(
      {weight: 8, arbitrary: fc.constant('ok' as const)},
      {weight: 1, arbitrary: fc.constant('unbound' as const)},
      {weight: 1, arbitrary: fc.constant('notAFunction' as const)},
    ),
    behaviour: behaviourArb,
  })
  // A function given to `@authorize` is always there
  .map(v => (v.via === 'function' ? {...v, resolution: 'ok' as const} : v));

const taggedVoterArb: fc.Arbitrary<TaggedVoterSpec> = fc.record({
  in: fc.constantFrom('app' as const, 'request' as const),
  resolution: fc.oneof(
    {weight: 9, arbitrary: fc.constant('ok' as const)},
    {weight: 1, arbitrary: fc.constant('notAFunction' as const)},
  ),
  behaviour: behaviourArb,
});

const decisionOrDefaultArb = fc.constantFrom<ModelDecision | undefined>(
  'Allow',
  'Deny',
  undefined,
);

const validOptionsArb: fc.Arbitrary<ValidOptions> = fc.record(
  {
    precedence: decisionOrDefaultArb,
    defaultDecision: decisionOrDefaultArb,
    defaultStatusCodeForDeny: fc.constantFrom(undefined, 403, 401, 404, 451),
    anonymousDenial: fc.constantFrom(
      undefined,
      {},
      {statusCode: 401},
      {statusCode: 419, wwwAuthenticate: 'Basic realm="shop"'},
    ),
    voterTimeout: fc.constantFrom(undefined, 1, 60_000),
  },
  {requiredKeys: []},
);

/**
 * One malformed field each; every one must fail every call
 */
const INVALID_OPTION_FIELDS: readonly [string, unknown][] = [
  ['precedence', 'deny'],
  ['precedence', 'allow'],
  ['precedence', 'Abstain'],
  ['precedence', 'ALLOW'],
  ['precedence', null],
  ['precedence', true],
  ['defaultDecision', 'Abstain'],
  ['defaultDecision', 'deny'],
  ['defaultDecision', ' Allow'],
  ['defaultDecision', null],
  ['defaultDecision', 0],
  ['defaultStatusCodeForDeny', 200],
  ['defaultStatusCodeForDeny', 302],
  ['defaultStatusCodeForDeny', 600],
  ['defaultStatusCodeForDeny', '403'],
  ['defaultStatusCodeForDeny', 403.5],
  ['defaultStatusCodeForDeny', null],
  ['voterTimeout', 0],
  ['voterTimeout', -1],
  ['voterTimeout', NaN],
  ['voterTimeout', Infinity],
  ['voterTimeout', '10'],
  ['voterTimeout', null],
  ['anonymousDenial', null],
  ['anonymousDenial', 'yes'],
  ['anonymousDenial', {statusCode: 200}],
  ['anonymousDenial', {wwwAuthenticate: 'Bearer\r\nSet-Cookie: a=b'}],
  ['anonymousDenial', {wwwAuthenticate: ''}],
  ['anonymousDenial', {wwwAuthenticate: 42}],
  ['roleHierarchy', {A: ['A']}],
  ['roleHierarchy', {A: ['B'], B: ['A']}],
  ['roleHierarchy', {A: 'B'}],
  ['roleHierarchy', []],
  ['roleHierarchy', null],
  ['defaultMetadata', {allowedRoles: 'ADMIN'}],
  ['defaultMetadata', {voters: [42]}],
  ['defaultMetadata', {allow: ['ADMIN']}],
  ['defaultMetadata', {skip: 'yes'}],
  ['defaultMetadata', null],
];

const invalidOptionsArb: fc.Arbitrary<OptionsSpec> = fc.oneof(
  {
    weight: 9,
    arbitrary: fc
      .tuple(validOptionsArb, fc.constantFrom(...INVALID_OPTION_FIELDS))
      .map(([base, [field, value]]) => ({
        kind: 'invalid' as const,
        value: {...base, [field]: value},
        // Malformed default metadata is reported as malformed metadata,
        // naming the option
        code:
          field === 'defaultMetadata'
            ? AuthorizationErrorCode.INVALID_METADATA
            : AuthorizationErrorCode.INVALID_OPTIONS,
      })),
  },
  {
    weight: 1,
    arbitrary: fc
      .constantFrom<unknown>('Deny', ['Allow'], 42, true)
      .map(value => ({
        kind: 'invalid' as const,
        value,
        code: AuthorizationErrorCode.INVALID_OPTIONS,
      })),
  },
);

const optionsArb: fc.Arbitrary<OptionsSpec> = fc.oneof(
  {weight: 2, arbitrary: fc.constant({kind: 'absent' as const})},
  {
    weight: 7,
    arbitrary: validOptionsArb.map(value => ({kind: 'valid' as const, value})),
  },
  {weight: 1, arbitrary: invalidOptionsArb},
);

const userArb: fc.Arbitrary<UserSpec> = fc.oneof(
  {weight: 3, arbitrary: fc.constant({kind: 'none' as const})},
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('valid' as const),
      id: fc.constantFrom('alice', 'bob', 'u1'),
      name: fc.constantFrom<unknown>(undefined, 'Alice', '', 42, {}, ['root']),
      type: fc.constantFrom(undefined, 'USER', 'APPLICATION', 'ROLE'),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('malformed' as const),
      what: fc.constantFrom(...MALFORMED_USERS),
    }),
  },
);

function voterSpecs(s: Scenario): {behaviour: Behaviour; resolution: string}[] {
  return [...s.metadata.voters, ...s.tagged];
}

/**
 * A voter that never settles is only generated under a `voterTimeout`; the
 * default (no time limit) would hold the call forever, as documented
 */
function withTimeoutForHangingVoters(s: Scenario): Scenario {
  const hangs = voterSpecs(s).some(v => v.behaviour.does === 'hang');
  if (!hangs || s.options.kind === 'invalid') return s;
  const value = s.options.kind === 'valid' ? s.options.value : {};
  return {...s, options: {kind: 'valid', value: {...value, voterTimeout: 1}}};
}

const scenarioArb: fc.Arbitrary<Scenario> = fc
  .record({
    placement: fc.constantFrom(
      'method' as const,
      'class' as const,
      'both' as const,
      'none' as const,
    ),
    metadata: fc.record(
      {
        voters: fc.array(metadataVoterArb, {maxLength: 4}),
        skip: fc.oneof(
          {weight: 6, arbitrary: fc.constant(undefined)},
          {weight: 2, arbitrary: fc.constant(false)},
          {weight: 1, arbitrary: fc.constant(true)},
        ),
      },
      {requiredKeys: ['voters']},
    ),
    defaultMetadata: fc.boolean(),
    classDecoySkips: fc.boolean(),
    tagged: fc.array(taggedVoterArb, {maxLength: 3}),
    options: optionsArb,
    user: userArb,
    listen: fc.boolean(),
  })
  .map(withTimeoutForHangingVoters);

// ---------------------------------------------------------------------------
// Running a scenario

const BODY_RESULT = 'the body ran';
const NOT_A_FUNCTION = 'Allow';
const DECOYS = ['classDecoy', 'defaultDecoy'];

interface Asked {
  name: string;
  /**
   * What the voter returned (before any promise settled), if it voted
   */
  returned?: unknown;
  misbehaved: boolean;
  principals: Principal[];
}

interface Run {
  outcome: {ok: unknown} | {error: unknown};
  asked: Asked[];
  bodyRuns: number;
  records: AuthorizationDecisionRecord[];
  thrown: Map<string, Error>;
}

function makeUser(spec: UserSpec): unknown {
  switch (spec.kind) {
    case 'none':
      return undefined;
    case 'valid': {
      const user: Record<string | symbol, unknown> = {[securityId]: spec.id};
      if (spec.name !== undefined) user.name = spec.name;
      if (spec.type !== undefined) user.type = spec.type;
      return user;
    }
    case 'malformed':
      switch (spec.what) {
        case 'without an id':
          return {name: 'Ann', id: 'ann'};
        case 'with an empty id':
          return {[securityId]: ''};
        case 'with a NaN id':
          return {[securityId]: NaN};
        case 'with a null id':
          return {[securityId]: null};
        case 'that is a string':
          return 'ann';
        case 'that is a number':
          return 42;
        case 'that is an array':
          return [];
      }
  }
}

/**
 * Build what a scenario describes in `app`, call the generated method once
 * as a request would, and undo the application bindings it made
 */
async function runScenario(s: Scenario, app: Application): Promise<Run> {
  const asked: Asked[] = [];
  const thrown = new Map<string, Error>();
  const records: AuthorizationDecisionRecord[] = [];
  const appKeys: string[] = [];
  const counter = {runs: 0};
  const requestCtx = new Context(app, 'request');

  const bind = (ctx: Context, key: string, value: unknown) => {
    if (ctx === app) appKeys.push(key);
    return ctx.bind(key).to(value);
  };

  const voter = (name: string, behaviour: Behaviour): Authorizer => {
    const fn = (ctx: AuthorizationContext) => {
      const entry: Asked = {
        name,
        misbehaved: true,
        principals: ctx.principals,
      };
      asked.push(entry);
      switch (behaviour.does) {
        case 'vote': {
          entry.returned = behaviour.value;
          entry.misbehaved = !(VALID_VOTES as readonly unknown[]).includes(
            behaviour.value,
          );
          return behaviour.async
            ? Promise.resolve().then(() => behaviour.value)
            : behaviour.value;
        }
        case 'throw': {
          const error = new Error(`voter ${name} failed`);
          thrown.set(name, error);
          if (behaviour.async) return Promise.reject(error);
          throw error;
        }
        case 'hang':
          return new Promise(() => {});
      }
    };
    Object.defineProperty(fn, 'name', {value: name});
    return fn as Authorizer;
  };

  const decoy = (name: string) =>
    voter(name, {does: 'vote', value: 'Allow', async: false});

  const metadataVoters = s.metadata.voters.map((spec, i) => {
    const name = `m${i}`;
    const fn = voter(name, spec.behaviour);
    if (spec.via === 'function') return fn;
    const key = `test.voters.${name}`;
    const ctx = spec.via === 'requestKey' ? requestCtx : app;
    if (spec.resolution === 'ok') bind(ctx, key, fn);
    if (spec.resolution === 'notAFunction') bind(ctx, key, NOT_A_FUNCTION);
    return spec.via === 'bindingKey' ? BindingKey.create<Authorizer>(key) : key;
  });
  const metadata: AuthorizationMetadata = {voters: metadataVoters};
  if (s.metadata.skip !== undefined) metadata.skip = s.metadata.skip;

  s.tagged.forEach((spec, i) => {
    const name = `t${i}`;
    const value =
      spec.resolution === 'ok' ? voter(name, spec.behaviour) : NOT_A_FUNCTION;
    bind(
      spec.in === 'request' ? requestCtx : app,
      `test.tagged.${name}`,
      value,
    ).tag(AuthorizationTags.AUTHORIZER);
  });

  class Generated {
    body() {
      counter.runs++;
      return BODY_RESULT;
    }
  }
  const body = Object.getOwnPropertyDescriptor(Generated.prototype, 'body')!;
  if (s.placement === 'method' || s.placement === 'both') {
    authorize(metadata)(Generated.prototype, 'body', body);
  }
  if (s.placement === 'class') authorize(metadata)(Generated);
  if (s.placement === 'both') {
    const classDecoy: AuthorizationMetadata = {voters: [decoy('classDecoy')]};
    if (s.classDecoySkips) classDecoy.skip = true;
    authorize(classDecoy)(Generated);
  }

  let configured: unknown;
  if (s.options.kind !== 'absent')
    configured = structuredClone(s.options.value);
  if (s.defaultMetadata && s.options.kind !== 'invalid') {
    configured = {
      ...(configured as object),
      defaultMetadata:
        s.placement === 'none' ? metadata : {voters: [decoy('defaultDecoy')]},
    };
  }
  const configKey = BindingKey.buildKeyForConfig(
    AuthorizationBindings.COMPONENT,
  ).toString();
  if (configured !== undefined) {
    app.configure(AuthorizationBindings.COMPONENT).to(configured);
  } else {
    app.unbind(configKey);
  }

  if (s.listen) {
    bind(app, 'test.listener', (record: AuthorizationDecisionRecord) => {
      records.push(record);
    }).tag(AuthorizationTags.DECISION_LISTENER);
  }
  if (s.user.kind !== 'none') {
    requestCtx.bind(SecurityBindings.USER).to(makeUser(s.user) as never);
  }

  const outcome = await Promise.resolve()
    .then(() => invokeMethod(new Generated(), 'body', requestCtx, []))
    .then(
      ok => ({ok}),
      error => ({error}),
    );
  for (const key of appKeys) app.unbind(key);
  return {outcome, asked, bodyRuns: counter.runs, records, thrown};
}

function givenApp() {
  const app = new Application();
  app.component(AuthorizationComponent);
  return app;
}

// ---------------------------------------------------------------------------
// What the README says should happen

type Expected = (
  | {result: 'allow'}
  | {result: 'deny'; statusCode: number; challenge?: string}
  | {result: 'fault'; code?: string; statusCode?: number; thrownBy?: string}
) & {
  asked: string[];
  /**
   * The votes of the decision record, or `undefined` when no decision is
   * made (no metadata, `skip`, malformed options)
   */
  recordVotes?: {voter: string; decision: string}[];
};

function validOptionsOf(s: Scenario): ValidOptions | undefined {
  if (s.options.kind === 'invalid') return undefined;
  return s.options.kind === 'valid' ? s.options.value : {};
}

function metadataInForce(s: Scenario): boolean {
  return (
    (s.placement !== 'none' || s.defaultMetadata) && s.metadata.skip !== true
  );
}

interface OrderedVoter {
  name: string;
  recordName: string;
  vote: ModelVote;
  spec: MetadataVoterSpec | TaggedVoterSpec;
}

function modelVote(spec: MetadataVoterSpec | TaggedVoterSpec): ModelVote {
  if (spec.resolution !== 'ok') return {fault: 'unresolvable'};
  const behaviour = spec.behaviour;
  switch (behaviour.does) {
    case 'throw':
      return {fault: 'throws'};
    case 'hang':
      return {fault: 'times-out'};
    case 'vote':
      return (VALID_VOTES as readonly unknown[]).includes(behaviour.value)
        ? (behaviour.value as ModelVote)
        : {fault: 'invalid-vote'};
  }
}

/**
 * The voters in the documented asking order: the metadata's, then the
 * tagged ones the calling context sees, the request's own before the
 * application's (the order of `ctx.find()`)
 */
function askingOrder(s: Scenario): OrderedVoter[] {
  const fromMetadata = s.metadata.voters.map((spec, i) => ({
    name: `m${i}`,
    recordName:
      spec.via === 'function'
        ? `function m${i}`
        : `binding "test.voters.m${i}"`,
    vote: modelVote(spec),
    spec,
  }));
  const tagged = s.tagged.map((spec, i) => ({
    name: `t${i}`,
    recordName: `binding "test.tagged.t${i}"`,
    vote: modelVote(spec),
    spec,
  }));
  return [
    ...fromMetadata,
    ...tagged.filter(t => t.spec.in === 'request'),
    ...tagged.filter(t => t.spec.in === 'app'),
  ];
}

const FAULT_CODES: Record<Exclude<ModelFault, 'throws'>, [string, number]> = {
  'invalid-vote': [AuthorizationErrorCode.INVALID_VOTE, 500],
  unresolvable: [AuthorizationErrorCode.INVALID_VOTER, 500],
  'times-out': [AuthorizationErrorCode.VOTER_TIMEOUT, 503],
};

function expectedOf(s: Scenario): Expected {
  if (s.options.kind === 'invalid') {
    return {
      result: 'fault',
      code: s.options.code,
      statusCode: 500,
      asked: [],
    };
  }
  const options = validOptionsOf(s)!;
  if (!metadataInForce(s)) return {result: 'allow', asked: []};
  if (s.user.kind === 'malformed') {
    return {
      result: 'fault',
      code: AuthorizationErrorCode.INVALID_USER,
      statusCode: 500,
      asked: [],
      recordVotes: [],
    };
  }
  const order = askingOrder(s);
  const result = decideByModel(
    order.map(v => v.vote),
    {
      precedence: options.precedence ?? 'Deny',
      defaultDecision: options.defaultDecision ?? 'Deny',
    },
  );
  const reached = order.slice(0, result.asked);
  const asked = reached.map(v => v.name);
  const recordVotes = reached
    .filter(v => typeof v.vote === 'string')
    .map(v => ({voter: v.recordName, decision: v.vote as string}));
  if ('fault' in result) {
    if (result.fault === 'throws') {
      return {
        result: 'fault',
        thrownBy: order[result.at].name,
        asked,
        recordVotes,
      };
    }
    const [code, statusCode] = FAULT_CODES[result.fault];
    return {result: 'fault', code, statusCode, asked, recordVotes};
  }
  if (result.decision === 'Allow') {
    return {result: 'allow', asked, recordVotes};
  }
  if (s.user.kind === 'none' && options.anonymousDenial) {
    return {
      result: 'deny',
      statusCode: options.anonymousDenial.statusCode ?? 401,
      challenge: options.anonymousDenial.wwwAuthenticate ?? 'Bearer',
      asked,
      recordVotes,
    };
  }
  return {
    result: 'deny',
    statusCode: options.defaultStatusCodeForDeny ?? 403,
    asked,
    recordVotes,
  };
}

// ---------------------------------------------------------------------------
// Checks

function errorOf(run: Run): Error & {
  code?: string;
  statusCode?: number;
  headers?: object;
} {
  if (!('error' in run.outcome)) {
    throw new Error(
      `expected the call to fail; it returned ${String(run.outcome.ok)}`,
    );
  }
  return run.outcome.error as Error;
}

function isPlainDenial(run: Run): boolean {
  if (!('error' in run.outcome)) return false;
  const error = run.outcome.error as {code?: unknown; message?: unknown};
  return (
    error.code === undefined &&
    (error.message === 'Access denied' ||
      error.message === 'Authentication required')
  );
}

function expectPrincipalsSeen(s: Scenario, run: Run) {
  for (const {principals} of run.asked) {
    if (s.user.kind !== 'valid') {
      expect(principals).to.eql([]);
      continue;
    }
    const {id, name} = s.user;
    expect(principals).to.have.length(1);
    expect(principals[0][securityId]).to.equal(id);
    expect(principals[0].type).to.equal('USER');
    expect(principals[0].name).to.equal(
      typeof name === 'string' && name !== '' ? name : id,
    );
  }
}

function expectAsModel(s: Scenario, run: Run) {
  const expected = expectedOf(s);
  expect(run.asked.map(a => a.name)).to.eql(expected.asked);
  expectPrincipalsSeen(s, run);
  switch (expected.result) {
    case 'allow':
      expect(run.outcome).to.eql({ok: BODY_RESULT});
      expect(run.bodyRuns).to.equal(1);
      break;
    case 'deny': {
      expect(run.bodyRuns).to.equal(0);
      const error = errorOf(run);
      expect(error.code).to.be.undefined();
      expect(error.statusCode).to.equal(expected.statusCode);
      if (expected.challenge !== undefined) {
        expect(error.message).to.equal('Authentication required');
        expect(error.headers).to.eql({
          'WWW-Authenticate': expected.challenge,
        });
      } else {
        expect(error.message).to.equal('Access denied');
        expect(error.headers).to.be.undefined();
      }
      break;
    }
    case 'fault': {
      expect(run.bodyRuns).to.equal(0);
      const error = errorOf(run);
      if (expected.thrownBy !== undefined) {
        expect(error).to.equal(run.thrown.get(expected.thrownBy));
      } else {
        expect(error.code).to.equal(expected.code);
        expect(error.statusCode).to.equal(expected.statusCode);
      }
      break;
    }
  }
  if (!s.listen) return;
  if (expected.recordVotes === undefined) {
    expect(run.records).to.have.length(0);
    return;
  }
  expect(run.records).to.have.length(1);
  const [record] = run.records;
  expect(record.resource).to.equal('Generated.prototype.body');
  expect(record.votes).to.eql(expected.recordVotes);
  expect(record.decision).to.equal(
    expected.result === 'allow' ? 'Allow' : 'Deny',
  );
  if (expected.result === 'fault') {
    expect(record.error).to.equal(errorOf(run));
  } else {
    expect(record.error).to.be.undefined();
  }
}

function expectDecoysUntouched(run: Run) {
  for (const {name} of run.asked) expect(DECOYS).to.not.containEql(name);
}

// ---------------------------------------------------------------------------
// Scenarios biased towards one property

/**
 * Metadata in force, valid options with precedence Deny, and somewhere in
 * the asking order a voter that votes Deny
 */
const denyPrecedenceScenarioArb: fc.Arbitrary<Scenario> = fc
  .tuple(
    scenarioArb,
    validOptionsArb,
    fc.nat(),
    fc.boolean(),
    fc.constantFrom('function' as const, 'key' as const),
  )
  .map(([s, options, at, tagged, via]) => {
    const behaviour: Behaviour = {
      does: 'vote',
      value: 'Deny',
      async: at % 2 > 0,
    };
    const metadata = {voters: [...s.metadata.voters]};
    const taggedVoters = [...s.tagged];
    if (tagged) {
      taggedVoters.splice(at % (taggedVoters.length + 1), 0, {
        in: 'app',
        resolution: 'ok',
        behaviour,
      });
    } else {
      metadata.voters.splice(at % (metadata.voters.length + 1), 0, {
        via,
        resolution: 'ok',
        behaviour,
      });
    }
    return withTimeoutForHangingVoters({
      ...s,
      placement: s.placement === 'none' ? 'method' : s.placement,
      metadata,
      tagged: taggedVoters,
      options: {
        kind: 'valid',
        value: {
          ...options,
          precedence: options.precedence === 'Allow' ? undefined : 'Deny',
          voterTimeout: undefined,
        },
      },
    });
  });

/**
 * A voter that misbehaves or cannot be resolved somewhere in the asking
 * order
 */
const faultyScenarioArb: fc.Arbitrary<Scenario> = fc
  .tuple(
    scenarioArb,
    fc.nat(),
    fc.constantFrom<MetadataVoterSpec>(
      {via: 'key', resolution: 'unbound', behaviour: {does: 'hang'}},
      {
        via: 'bindingKey',
        resolution: 'notAFunction',
        behaviour: {does: 'hang'},
      },
      {
        via: 'function',
        resolution: 'ok',
        behaviour: {does: 'vote', value: 'deny', async: true},
      },
      {
        via: 'requestKey',
        resolution: 'ok',
        behaviour: {does: 'vote', value: undefined, async: false},
      },
      {
        via: 'function',
        resolution: 'ok',
        behaviour: {does: 'throw', async: false},
      },
      {via: 'key', resolution: 'ok', behaviour: {does: 'throw', async: true}},
      {via: 'function', resolution: 'ok', behaviour: {does: 'hang'}},
    ),
  )
  .map(([s, at, faulty]) => {
    const voters = [...s.metadata.voters];
    voters.splice(at % (voters.length + 1), 0, faulty);
    return withTimeoutForHangingVoters({
      ...s,
      metadata: {...s.metadata, voters},
    });
  });

const invalidOptionsScenarioArb: fc.Arbitrary<Scenario> = fc
  .tuple(scenarioArb, invalidOptionsArb)
  .map(([s, options]) => ({...s, options}));

// ---------------------------------------------------------------------------
// The properties

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
