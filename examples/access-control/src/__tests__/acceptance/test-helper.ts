// Copyright The loopback-security-monorepo authors. License: MIT.

import {
  Client,
  createRestAppClient,
  expect,
  givenHttpServerConfig,
} from '@loopback/testlab';
import {JWTPayload, SignJWT} from 'jose';
import {AccessControlApplication, AccessControlConfig} from '../../application';
import {
  AUTHENTICATION_REQUIRED_CHALLENGE,
  INVALID_TOKEN_CHALLENGE,
} from '../../authentication/challenges';
import {AccessControlBindings} from '../../keys';
import {Order} from '../../models';
import {DEMO_USERS} from '../../observers/demo-data.observer';

/**
 * A well-formed id (a UUID) that no user or order has
 */
export const MISSING_ID = '00000000-0000-4000-8000-000000000000';

/**
 * A running application and a client for it
 */
export interface AppUnderTest {
  /** The application, booted and started */
  app: AccessControlApplication;
  /** A supertest client bound to its URL */
  client: Client;
}

/**
 * Boot and start the application on 127.0.0.1, on a free port
 * @param options - More application options
 */
export async function givenRunningApp(
  options: AccessControlConfig = {},
): Promise<AppUnderTest> {
  const app = new AccessControlApplication({
    ...options,
    rest: givenHttpServerConfig({host: '127.0.0.1', port: 0}),
  });
  await app.boot();
  try {
    await app.start();
  } catch (err) {
    // What started (a pool, a change feed) stops
    await app.stop();
    throw err;
  }
  return {app, client: createRestAppClient(app)};
}

/**
 * Start a fresh application in each test that asks for one, and stop it after
 * that test
 * @returns A function that boots and starts the application of a test
 */
export function givenAppPerTest(): (
  options?: AccessControlConfig,
) => Promise<AppUnderTest> {
  let running: AppUnderTest | undefined;
  afterEach(async () => {
    await running?.app.stop();
    running = undefined;
  });
  return async options => {
    running = await givenRunningApp(options);
    return running;
  };
}

/**
 * The callers every route is tried with
 */
export const CALLERS = [
  'anonymous',
  'alice',
  'bob',
  'service',
  'admin',
] as const;

/**
 * One of {@link CALLERS}
 */
export type CallerName = (typeof CALLERS)[number];

/**
 * A caller: its token and user id, both absent for the anonymous caller
 */
export interface Caller {
  /** Who calls */
  name: CallerName;
  /** The token from `POST /users/login` */
  token?: string;
  /** The user id */
  id?: string;
}

/**
 * A logged-in caller
 */
export interface UserCaller extends Caller {
  token: string;
  id: string;
}

/**
 * The callers by name: the anonymous one, and every demo user logged in
 */
export type Callers = {anonymous: Caller} & Record<
  Exclude<CallerName, 'anonymous'>,
  UserCaller
>;

/**
 * The password of a demo user
 * @param username - The demo username
 */
export function passwordOf(username: string): string {
  const user = DEMO_USERS.find(u => u.username === username);
  if (!user) throw new Error(`No demo user ${username}`);
  return user.password;
}

/**
 * Log in through `POST /users/login`
 * @param client - The client
 * @param username - A demo username
 * @returns The token
 */
export async function givenToken(
  client: Client,
  username: string,
): Promise<string> {
  const res = await client
    .post('/users/login')
    .send({username, password: passwordOf(username)})
    .expect(200);
  return res.body.token;
}

/**
 * Log every demo user in
 * @returns The callers by name, the anonymous one included
 */
export async function givenCallers(
  app: AccessControlApplication,
  client: Client,
): Promise<Callers> {
  const users = await app.get(AccessControlBindings.USER_REPOSITORY);
  const login = async (name: Exclude<CallerName, 'anonymous'>) => {
    const user = await users.findByUsername(name);
    const token = await givenToken(client, name);
    return {name, token, id: user!.id};
  };
  return {
    anonymous: {name: 'anonymous'},
    alice: await login('alice'),
    bob: await login('bob'),
    service: await login('service'),
    admin: await login('admin'),
  };
}

/**
 * A running application, a client for it and every demo user logged in; the
 * application stops again when the logins fail
 * @param options - More application options
 */
export async function givenRunningAppWithCallers(
  options: AccessControlConfig = {},
): Promise<AppUnderTest & {callers: Callers}> {
  const running = await givenRunningApp(options);
  try {
    return {
      ...running,
      callers: await givenCallers(running.app, running.client),
    };
  } catch (err) {
    await running.app.stop();
    throw err;
  }
}

/**
 * The shop a suite runs against: started with every demo user logged in
 * before the suite's first test (mocha `before`), stopped after its last
 * (`after`). Its fields are set once the suite runs, so tests read them
 * through the returned object.
 */
export function givenRunningShop(): AppUnderTest & {callers: Callers} {
  const shop = {} as AppUnderTest & {callers: Callers};
  before(async () => {
    Object.assign(shop, await givenRunningAppWithCallers());
  });
  after(() => shop.app?.stop());
  return shop;
}

/**
 * `PUT /users/{id}/roles` as a caller
 * @param client - The client
 * @param caller - Who asks
 * @param userId - Whose roles
 * @param body - The roles, or any other body
 */
export function putRoles(
  client: Client,
  caller: Caller,
  userId: string,
  body: unknown,
) {
  return client
    .put(`/users/${userId}/roles`)
    .set(authHeader(caller))
    .send(body as object);
}

/**
 * The role change of `PUT /users/{id}/roles` holds on the very next request
 * of a token issued before it: bob, a customer, gains `roles` (ADMIN among
 * them) and reaches the admin route at once
 * @param client - The client
 * @param callers - The logged-in callers
 * @param roles - Bob's new roles
 */
export async function expectRoleChangeOnNextRequest(
  client: Client,
  callers: Callers,
  roles: string[],
) {
  const bob = authHeader(callers.bob);
  const {id} = callers.bob;
  await client.get('/number-of-views').set(bob).expect(403);
  const res = await putRoles(client, callers.admin, id, roles).expect(200);
  expect(res.body).to.containDeep({id, roles});
  expect(res.body.revision).to.be.a.Number();
  await client.get('/number-of-views').set(bob).expect(200);
  const who = await client.get('/whoami').set(bob).expect(200);
  expect(who.body.roles).to.deepEqual(roles);
}

/**
 * The `Authorization` header of a caller: none for the anonymous one
 * @param caller - The caller
 */
export function authHeader(caller: Caller): Record<string, string> {
  return caller.token ? {Authorization: `Bearer ${caller.token}`} : {};
}

/**
 * Create an order owned by alice, straight in the repository
 * @param app - The application
 */
export async function givenAliceOrder(
  app: AccessControlApplication,
): Promise<Order> {
  const users = await app.get(AccessControlBindings.USER_REPOSITORY);
  const orders = await app.get(AccessControlBindings.ORDER_REPOSITORY);
  const alice = await users.findByUsername('alice');
  return orders.create({
    ownerId: alice!.id,
    description: 'A box of tea',
    total: 9.5,
    status: 'placed',
  });
}

/**
 * Options of {@link givenSignedToken}
 */
export interface SigningOptions {
  /**
   * The key; default: the application's secret
   */
  secret?: Uint8Array;
  /**
   * The issuer; default: the application's
   */
  issuer?: string;
  /**
   * `exp`: a time span (`'1h'`) or seconds since the epoch; `null` for none
   */
  expiresAt?: string | number | null;
}

/**
 * Sign a token with jose, as the application would or with a twist
 * @param app - The application, for its secret and issuer
 * @param claims - The claims
 * @param options - What to sign with
 */
export async function givenSignedToken(
  app: AccessControlApplication,
  claims: JWTPayload,
  options: SigningOptions = {},
): Promise<string> {
  const secret =
    options.secret ?? app.getSync(AccessControlBindings.JWT_SECRET);
  const {issuer} = app.getSync(AccessControlBindings.TOKEN_OPTIONS);
  const jwt = new SignJWT(claims)
    .setProtectedHeader({alg: 'HS256'})
    .setIssuer(options.issuer ?? issuer)
    .setIssuedAt();
  if (options.expiresAt !== null)
    jwt.setExpirationTime(options.expiresAt ?? '1h');
  return jwt.sign(secret);
}

/**
 * Decode the payload of a JWT, without verifying it
 * @param token - The compact JWT
 */
export function decodePayload(token: string): JWTPayload {
  return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString());
}

/**
 * Assert that a response is the denial of an authenticated caller: 403,
 * without a challenge
 * @param res - The response
 */
export function expectAccessDenied(res: {
  status: number;
  body: unknown;
  headers: Record<string, string>;
}) {
  expect(res.status).to.equal(403);
  expect(res.headers['www-authenticate']).to.be.undefined();
  expect(res.body).to.deepEqual({
    error: {statusCode: 403, name: 'Error', message: 'Access denied'},
  });
}

/**
 * Assert that a response is the denial of an anonymous caller: 401 with the
 * challenge of the application
 * @param res - The response
 */
export function expectAuthenticationRequired(res: {
  status: number;
  body: unknown;
  headers: Record<string, string>;
}) {
  expect(res.status).to.equal(401);
  expect(res.headers['www-authenticate']).to.equal(
    AUTHENTICATION_REQUIRED_CHALLENGE,
  );
  expect(res.body).to.deepEqual({
    error: {statusCode: 401, name: 'Error', message: 'Authentication required'},
  });
}

/**
 * Assert that a response denies its caller: 401 with a challenge for the
 * anonymous caller, 403 for the others
 * @param res - The response
 * @param caller - Who called
 */
export function expectDenied(
  res: {status: number; body: unknown; headers: Record<string, string>},
  caller: Caller,
) {
  if (caller.token === undefined) expectAuthenticationRequired(res);
  else expectAccessDenied(res);
}

/**
 * Send the audit lines of an application to an array instead of the debug
 * log
 * @param app - The application
 * @returns The array the lines are pushed to
 */
export function givenAuditLines(app: AccessControlApplication): string[] {
  const lines: string[] = [];
  app.bind(AccessControlBindings.AUDIT_WRITER).to(line => lines.push(line));
  return lines;
}

/**
 * Assert that a response is a 401 for a bad credential
 * @param res - The response
 * @param message - The expected error message
 */
export function expectInvalidToken(
  res: {status: number; body: unknown; headers: Record<string, string>},
  message: string,
) {
  expect(res.status).to.equal(401);
  expect(res.headers['www-authenticate']).to.equal(INVALID_TOKEN_CHALLENGE);
  expect(res.body).to.deepEqual({
    error: {
      statusCode: 401,
      name: 'UnauthorizedError',
      message,
      code: 'INVALID_TOKEN',
    },
  });
}
