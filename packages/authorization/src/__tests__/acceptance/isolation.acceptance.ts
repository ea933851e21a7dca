// Copyright The loopback-security-monorepo authors. License: MIT.

// Isolation under load: 1,200 concurrent requests from several users with
// different roles at a real server, each checked against its own caller's
// rights (status and body), while a voter, a role mapper and the owner
// resolver are slowed down at random (and a lot for some requests). The voter echoes what it saw
// of the call after its delay, so a principal, a role or a decision that
// leaked from another request in flight would show in a body or in the
// decision records.

import {Context, inject} from '@loopback/core';
import {
  get,
  param,
  Request,
  RestApplication,
  RestBindings,
} from '@loopback/rest';
import {SecurityBindings, securityId, UserProfile} from '@loopback/security';
import {expect, givenHttpServerConfig} from '@loopback/testlab';
import http from 'http';
import {
  AuthorizationComponent,
  AuthorizationDecision,
  AuthorizationTags,
  authorize,
  Authorizer,
  BuiltinAuthorizersComponent,
  OwnerResolver,
  RoleMapper,
} from '../..';
import {givenDecisionRecords} from '../fixtures/authorization-app';
import {givenUserHeader} from '../fixtures/rest-app';

const REQUESTS = 1200;
const SLOW_DELAY_MS = 250;

/**
 * The users, their roles and the roles a voter should see after the role
 * hierarchy `{ADMIN: ['SUPPORT']}`
 */
const USERS: Record<string, {roles: string[]; seen: string[]}> = {
  alice: {roles: ['CUSTOMER'], seen: ['CUSTOMER']},
  bob: {roles: ['CUSTOMER'], seen: ['CUSTOMER']},
  sam: {roles: ['SUPPORT'], seen: ['SUPPORT']},
  root: {roles: ['ADMIN'], seen: ['ADMIN', 'SUPPORT']},
  eve: {roles: [], seen: []},
};
const CALLERS = [...Object.keys(USERS), undefined];

const ORDER_OWNERS: Record<string, string> = {
  o1: 'alice',
  o2: 'bob',
  o3: 'alice',
};
const ORDER_IDS = ['o1', 'o2', 'o3', 'o404'];

function personalRole(id: string) {
  return `user:${id}`;
}

/**
 * The roles a voter should see for a caller: the static ones after the
 * hierarchy, and the personal one of the asynchronous role mapper
 */
function seenRoles(caller?: string): string[] {
  return caller ? [...USERS[caller].seen, personalRole(caller)].sort() : [];
}

function delay(ms: number) {
  return new Promise<void>(resolve => setTimeout(resolve, ms));
}

function delayOf(request: Request): number {
  return request.headers['x-slow']
    ? SLOW_DELAY_MS
    : Number(request.headers['x-delay'] ?? 0);
}

interface Seen {
  requestId: string;
  principal: string | null;
  roles: string[];
}

class ShopController {
  constructor(
    @inject(RestBindings.Http.CONTEXT) private readonly requestCtx: Context,
    @inject(RestBindings.Http.REQUEST) private readonly request: Request,
    @inject(SecurityBindings.USER, {optional: true})
    private readonly user?: UserProfile,
  ) {}

  private echo() {
    return {
      requestId: this.request.headers['x-request-id'],
      user: this.user?.[securityId] ?? null,
      seen: this.requestCtx.getSync<Seen>('test.seen'),
    };
  }

  @authorize.allowAuthenticated()
  @get('/whoami')
  whoami() {
    return this.echo();
  }

  @authorize.allow('ADMIN')
  @get('/admin/stats')
  stats() {
    return {...this.echo(), stats: 42};
  }

  @authorize({
    allowedRoles: ['SUPPORT'],
    ownership: {owner: 'test.owners'},
  })
  @get('/orders/{id}')
  order(@param.path.string('id') id: string) {
    return {...this.echo(), order: id};
  }

  @authorize.allowAll()
  @get('/public')
  public() {
    return this.echo();
  }
}

const ROUTES = ['/whoami', '/admin/stats', '/orders/:id', '/public'] as const;
type Route = (typeof ROUTES)[number];
const RESOURCES: Record<Route, string> = {
  '/whoami': 'ShopController.prototype.whoami',
  '/admin/stats': 'ShopController.prototype.stats',
  '/orders/:id': 'ShopController.prototype.order',
  '/public': 'ShopController.prototype.public',
};

interface Planned {
  id: string;
  caller?: string;
  route: Route;
  orderId: string;
  delayMs: number;
  slow: boolean;
}

/**
 * A small deterministic generator (mulberry32), so that every run sends the
 * same requests
 */
function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function plan(): Planned[] {
  const next = random(7);
  const pick = <T>(list: readonly T[]) =>
    list[Math.floor(next() * list.length)];
  return Array.from({length: REQUESTS}, (_, i) => ({
    id: `r${i}`,
    caller: pick(CALLERS),
    route: pick(ROUTES),
    orderId: pick(ORDER_IDS),
    delayMs: Math.floor(next() * 21),
    // One request in 40 waits long in the voter and in the owner resolver
    slow: i % 40 === 7,
  }));
}

/**
 * What the caller's rights say the answer is
 */
function expectedAnswer(p: Planned): {status: number; body?: object} {
  const user = p.caller ? USERS[p.caller] : undefined;
  const allowed = (() => {
    switch (p.route) {
      case '/whoami':
        return user !== undefined;
      case '/admin/stats':
        return user?.seen.includes('ADMIN') ?? false;
      case '/orders/:id':
        return (
          (user?.seen.includes('SUPPORT') ?? false) ||
          (p.caller !== undefined && ORDER_OWNERS[p.orderId] === p.caller)
        );
      case '/public':
        return true;
    }
  })();
  if (!allowed) return {status: user ? 403 : 401};
  const echo = {
    requestId: p.id,
    user: p.caller ?? null,
    seen: {
      requestId: p.id,
      principal: p.caller ?? null,
      roles: seenRoles(p.caller),
    },
  };
  switch (p.route) {
    case '/admin/stats':
      return {status: 200, body: {...echo, stats: 42}};
    case '/orders/:id':
      return {status: 200, body: {...echo, order: p.orderId}};
    default:
      return {status: 200, body: echo};
  }
}

describe('Isolation under load (HTTP, 1,200 concurrent requests)', () => {
  let app: RestApplication;
  let agent: http.Agent | undefined;
  afterEach(async () => {
    agent?.destroy();
    await app?.stop();
  });

  it("answers every request by its own caller's rights, with no principal, role or decision leaking between them", async () => {
    app = new RestApplication({rest: givenHttpServerConfig()});
    const binding = app.component(AuthorizationComponent);
    app.configure(binding.key).to({
      anonymousDenial: {},
      roleHierarchy: {ADMIN: ['SUPPORT']},
    });

    // Asked first (bound before the built-in authorizers), for every call:
    // it waits, then records what it sees of the call on the request context
    let inFlight = 0;
    let mostInFlight = 0;
    const echoVoter: Authorizer = async ctx => {
      const request = await ctx.invocationContext.get(
        RestBindings.Http.REQUEST,
      );
      inFlight++;
      mostInFlight = Math.max(mostInFlight, inFlight);
      await delay(delayOf(request));
      inFlight--;
      const seen: Seen = {
        requestId: String(request.headers['x-request-id']),
        principal: ctx.principals[0]?.name ?? null,
        roles: ctx.roles.map(role => role.name).sort(),
      };
      const requestCtx = await ctx.invocationContext.get(
        RestBindings.Http.CONTEXT,
      );
      requestCtx.bind('test.seen').to(seen);
      return AuthorizationDecision.ABSTAIN;
    };
    app
      .bind('test.voters.echo')
      .to(echoVoter)
      .tag(AuthorizationTags.AUTHORIZER);
    app.component(BuiltinAuthorizersComponent);

    const findOwner: OwnerResolver = async (id, ctx) => {
      const request = await ctx.invocationContext.get(
        RestBindings.Http.REQUEST,
      );
      await delay(delayOf(request));
      return ORDER_OWNERS[id as string];
    };
    app.bind('test.owners').to(findOwner);

    // An asynchronous role mapper, as one reading a database would be: it
    // waits too, and gives each user a role of their own, so that a role
    // leaking between two users with the same static roles would show
    const personalRoles: RoleMapper = async (principals, invocationCtx) => {
      const request = await invocationCtx.get(RestBindings.Http.REQUEST);
      await delay(delayOf(request) / 2);
      return principals.map(p => personalRole(p[securityId]));
    };
    app
      .bind('test.roleMappers.personal')
      .to(personalRoles)
      .tag(AuthorizationTags.ROLE_MAPPER);

    const records = givenDecisionRecords(app, 'test.listener');

    givenUserHeader(app);
    app.controller(ShopController);
    await app.start();

    agent = new http.Agent({keepAlive: true, maxSockets: 64});
    const url = new URL(app.restServer.url!);
    const send = (p: Planned) =>
      new Promise<{status: number; body: unknown; challenge?: string}>(
        (resolve, reject) => {
          const headers: Record<string, string> = {
            'x-request-id': p.id,
            'x-delay': String(p.delayMs),
          };
          if (p.slow) headers['x-slow'] = '1';
          if (p.caller) {
            headers['x-user'] = [p.caller, ...USERS[p.caller].roles].join(',');
          }
          const path = p.route.replace(':id', p.orderId);
          const req = http.get(
            {hostname: url.hostname, port: url.port, path, agent, headers},
            res => {
              let text = '';
              res.setEncoding('utf8');
              res.on('data', chunk => (text += chunk));
              res.on('end', () =>
                resolve({
                  status: res.statusCode!,
                  body: text ? JSON.parse(text) : undefined,
                  challenge: res.headers['www-authenticate'],
                }),
              );
            },
          );
          req.on('error', reject);
        },
      );

    const planned = plan();
    const started = Date.now();
    const answers = await Promise.all(planned.map(send));
    const elapsed = Date.now() - started;

    const wrong: string[] = [];
    planned.forEach((p, i) => {
      const expected = expectedAnswer(p);
      const answer = answers[i];
      const ok =
        answer.status === expected.status &&
        (expected.body === undefined ||
          JSON.stringify(answer.body) === JSON.stringify(expected.body)) &&
        (answer.challenge === 'Bearer') === (expected.status === 401);
      if (!ok) {
        wrong.push(
          `${p.id} ${p.caller ?? 'anonymous'} ${p.route} ${p.orderId}: ` +
            `expected ${JSON.stringify(expected)}, got ${JSON.stringify(answer)}`,
        );
      }
    });
    expect(wrong.slice(0, 5)).to.eql([]);

    // Every decision was recorded once, for the right caller, roles and
    // method: the records and the requests are the same multiset
    const key = (
      resource: string,
      principal: string | null,
      roles: string[],
      decision: string,
    ) => `${resource} ${principal ?? '-'} [${[...roles].sort()}] ${decision}`;
    const expectedRecords = planned
      .map(p =>
        key(
          RESOURCES[p.route],
          p.caller ?? null,
          seenRoles(p.caller),
          expectedAnswer(p).status === 200 ? 'Allow' : 'Deny',
        ),
      )
      .sort();
    const actualRecords = records
      .map(r =>
        key(
          r.resource,
          r.principals[0]?.name ?? null,
          [...r.roles],
          r.decision,
        ),
      )
      .sort();
    expect(actualRecords).to.eql(expectedRecords);
    expect(records.every(r => r.error === undefined)).to.be.true();

    // The load was real: requests overlapped in the slowed-down voter, and
    // the slow ones did not hold up the rest for long
    expect(mostInFlight).to.be.greaterThan(1);
    expect(planned.filter(p => p.slow).length).to.equal(REQUESTS / 40);
    expect(elapsed).to.be.lessThan(15_000);
  }).timeout(20_000);
});
