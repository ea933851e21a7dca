// Copyright The loopback-security-monorepo authors. License: MIT.

// Reproduce a failure with its seed:
// `FC_SEED=<seed> npx mocha dist/__tests__/acceptance/explain-property.acceptance.js`,
// and change the number of cases with `FC_RUNS`.

import {
  propertyParameters,
  runsTitle,
} from '@loopback/authorization-test-fixtures';
import {expect} from '@loopback/testlab';
import fc from 'fast-check';
import {Explanation} from '../..';
import {
  as,
  givenExplanation,
  givenRunningConsoleApp,
} from '../fixtures/console-app';
import {USERS} from '../fixtures/notes';
import {rawRequest} from '../fixtures/raw-request';

const RUNS = 300;

/**
 * A request of the property: a route, with the body a real request sends
 */
interface Call {
  verb: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  path: string;
  body?: object;
}

const NOTE_IDS = ['n1', 'n2', 'n3', 'n4', 'missing'];
// Every user but the one who asks the console, and one the fixture lacks
const USER_IDS = [...Object.keys(USERS).filter(id => id !== 'admin'), 'ghost'];
const ROLES = ['READER', 'EDITOR', 'ADMIN', 'BANNED'];

const routeCalls: fc.Arbitrary<Call> = fc.oneof(
  fc.constantFrom<Call>(
    {verb: 'GET', path: '/ping'},
    {verb: 'GET', path: '/stats'},
    {verb: 'GET', path: '/me'},
    {verb: 'GET', path: '/public'},
    {verb: 'GET', path: '/forum'},
    {verb: 'GET', path: '/editor'},
    {verb: 'GET', path: '/flaky'},
    {verb: 'GET', path: '/notes'},
    {verb: 'POST', path: '/notes', body: {title: 'New'}},
  ),
  fc
    .constantFrom(...USER_IDS, 'nobody')
    .map<Call>(id => ({verb: 'GET', path: `/users/${id}/profile`})),
  fc
    .tuple(
      fc.constantFrom('GET', 'PATCH', 'DELETE'),
      fc.constantFrom(...NOTE_IDS),
    )
    .map<Call>(([verb, id]) => ({
      verb: verb as Call['verb'],
      path: `/notes/${id}`,
      body: verb === 'PATCH' ? {title: 'Changed'} : undefined,
    })),
  // Actions of their own, with conditional allow and deny rules: one that
  // writes through the guarded repository (archive), one that only checks
  // the instance (export)
  fc.constantFrom(...NOTE_IDS).map<Call>(id => ({
    verb: 'POST',
    path: `/notes/${id}/archive`,
  })),
  fc.constantFrom(...NOTE_IDS).map<Call>(id => ({
    verb: 'GET',
    path: `/notes/${id}/export`,
  })),
);

/**
 * Ways a client may spell a path: as it is, or oddly (a doubled or a
 * tripled slash, a dot segment, a trailing slash, a percent-encoded letter,
 * a last segment whose percent-encoding is not UTF-8), which the router
 * reads its own way and explain must read the same
 */
const spellings: fc.Arbitrary<(path: string) => string> = fc.oneof(
  {weight: 4, arbitrary: fc.constant((p: string) => p)},
  fc.constantFrom(
    (p: string) => `/${p}`,
    (p: string) => `//${p}`,
    (p: string) => `/x/..${p}`,
    (p: string) => `${p}/`,
    (p: string) =>
      p.replace(
        /\/([a-z])([^/]*)$/,
        (_, c: string, rest: string) =>
          `/%${c.charCodeAt(0).toString(16).toUpperCase()}${rest}`,
      ),
    (p: string) => p.replace(/\/[^/]+$/, '/%E0%A4%A'),
  ),
);

const calls: fc.Arbitrary<Call> = fc
  .tuple(routeCalls, spellings)
  .map(([call, spell]) => ({...call, path: spell(call.path)}));

/**
 * Who calls: nobody, a user of the fixture or an unknown one, holding the
 * roles the fixture gives or, set in the role store before the call,
 * others; sometimes a user deleted before the call
 */
const subjects = fc.record({
  user: fc.option(fc.constantFrom(...USER_IDS), {nil: undefined}),
  roles: fc.option(fc.subarray(ROLES), {nil: undefined}),
  deleted: fc.constantFrom(false, false, false, true),
});

describe('explain agrees with the real request', () => {
  const shop = givenRunningConsoleApp();

  function explain(body: object): Promise<Explanation> {
    return givenExplanation(shop.client, body);
  }

  async function callForReal(user: string | undefined, call: Call) {
    // The path as written: a client library would resolve it first
    const res = await rawRequest(shop.app, {...call, user});
    return res.status;
  }

  /**
   * The explanation, or the explain API's refusal of a path the router
   * cannot decode
   */
  async function explainOrMalformed(body: object) {
    const res = await shop.client
      .post('/authorization/explain')
      .set(as('admin'))
      .send(body);
    if (res.status === 400 && res.body.error?.code === 'MALFORMED_PATH') {
      return 'malformed' as const;
    }
    expect(res.status).to.equal(200);
    return res.body as Explanation;
  }

  it(`gives the status of the real request for generated (subject, route) pairs ${runsTitle(RUNS)}`, async () => {
    await fc.assert(
      fc.asyncProperty(subjects, calls, async (subject, call) => {
        await shop.app.resetData();
        if (subject.user !== undefined && subject.roles !== undefined) {
          shop.app.memoryRoles.roles.set(subject.user, [...subject.roles]);
        }
        if (subject.user !== undefined && subject.deleted) {
          shop.app.deletedUsers.add(subject.user);
        }
        const route = {verb: call.verb, path: call.path};
        const who =
          subject.user === undefined ? {} : {user: {id: subject.user}};
        const explained = await explainOrMalformed({subject: who, route});
        if (
          explained !== 'malformed' &&
          subject.user !== undefined &&
          subject.roles !== undefined
        ) {
          // The what-if of the same roles says the same (asked before the
          // real request, which may write)
          const whatIf = await explain({
            subject: {user: {id: subject.user, roles: subject.roles}},
            route,
          });
          expect(whatIf.status).to.equal(explained.status);
        }
        const logged = shop.app.loggedErrors.length;
        const status = await callForReal(subject.user, call);
        if (explained === 'malformed') {
          // The real request fails in the router, before any decision:
          // LoopBack answers 500 (an application may map it to 400)
          expect(status).to.equal(500);
          expect(shop.app.loggedErrors[logged]).to.match(/URI malformed/);
          return;
        }
        if (explained.decidedBy.kind === 'notController') {
          // No route: the real request is not found
          expect(status).to.equal(404);
          return;
        }
        if (explained.status === undefined) {
          expect(status).to.be.within(200, 299);
        } else {
          expect(status).to.equal(explained.status);
        }
        expect(explained.decision).to.equal(status < 300 ? 'Allow' : 'Deny');
      }),
      propertyParameters(RUNS),
    );
    // About 20 ms a case: two or three requests, and the data put back
  }).timeout(120_000);
});
