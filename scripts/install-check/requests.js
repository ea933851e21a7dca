// Copyright The loopback-security-monorepo authors. License: MIT.

// Copied into the install check's application and run there, so that every
// require() resolves in the application's node_modules: it starts the
// applications that the READMEs' Basic use builds (compiled to dist/) and
// sends them requests, on the memory connector and on PostgreSQL. Prints one
// line of JSON; exits 1 on the first answer that is not the expected one.
'use strict';
const assert = require('node:assert');
const {juggler} = require('@loopback/repository');
const {RestBindings} = require('@loopback/rest');
const {SecurityBindings, securityId} = require('@loopback/security');
const {
  PostgresAuthorizationBindings,
} = require('@loopback/authorization-postgres');
const {
  givenTestDatabase,
  stopTestPostgres,
} = require('@loopback/authorization-postgres/testing');
const {
  checkAgreement,
  GuardedItemRepository,
  ItemRepository,
} = require('@loopback/authorization-policy/testing');

const LOCAL = {host: '127.0.0.1', port: 0};

/**
 * The application's authentication, for the check: a middleware that binds
 * the user of the request from the header `x-user: id,ROLE,...`, with the
 * `id` field that rules read as `$user.id`, as a jwt profile has it
 */
function trustUserHeader(app) {
  app.middleware(async (ctx, next) => {
    const header = ctx.request.headers['x-user'];
    if (typeof header === 'string') {
      const [id, ...roles] = header.split(',');
      ctx.bind(SecurityBindings.USER).to({[securityId]: id, id, roles});
    }
    return next();
  });
}

async function call(app, path, user, headers = {}, init = {}) {
  const response = await fetch(app.restServer.url + path, {
    ...init,
    headers: user ? {'x-user': user, ...headers} : headers,
  });
  const text = await response.text();
  const json = /json/.test(response.headers.get('content-type') ?? '');
  return {
    status: response.status,
    headers: response.headers,
    body: json && text ? JSON.parse(text) : text || undefined,
  };
}

/**
 * Start the application a README snippet exports as `app`, listening on
 * 127.0.0.1 at a free port, its users taken from the `x-user` header
 * @param {string} module - The compiled snippet, relative to the check
 */
async function startExportedApp(module) {
  const {app} = require(module);
  app.restServer.bind(RestBindings.PORT).to(LOCAL.port);
  app.restServer.bind(RestBindings.HOST).to(LOCAL.host);
  trustUserHeader(app);
  await app.start();
  return app;
}

/** authorization README, "With your own voters" */
async function votersApp() {
  const app = await startExportedApp('./dist/voters-application');
  try {
    const admin = await call(app, '/number-of-views', 'ann,ADMIN');
    assert.deepStrictEqual([admin.status, admin.body], [200, 100]);
    assert.strictEqual(
      (await call(app, '/number-of-views', 'bob')).status,
      403,
    );
    assert.strictEqual((await call(app, '/number-of-views')).status, 403);
    return {admin: 200, other: 403, anonymous: 403};
  } finally {
    await app.stop();
  }
}

const ORDERS = [
  {id: 'o1', ownerId: 'ann', total: 10, internalNote: 'ann 1'},
  {id: 'o2', ownerId: 'ann', total: 20, internalNote: 'ann 2'},
  {id: 'o3', ownerId: 'bob', total: 30, internalNote: 'bob 1'},
];

/**
 * The policy README's application (or the PostgreSQL README's, built on
 * it): own rows without the note for a customer, every row for customer
 * service, 403 for the others
 */
async function shopRequests(app, OrderRepository) {
  const dataSource = await app.get('datasources.db');
  await new OrderRepository(dataSource).createAll(ORDERS);
  const ann = await call(app, '/orders', 'ann,CUSTOMER');
  assert.strictEqual(ann.status, 200);
  assert.deepStrictEqual(ann.body.map(o => o.id).sort(), ['o1', 'o2']);
  assert.ok(
    ann.body.every(o => !('internalNote' in o)),
    'the note is hidden',
  );
  const filter = encodeURIComponent(JSON.stringify({where: {ownerId: 'bob'}}));
  const narrowed = await call(app, `/orders?filter=${filter}`, 'ann,CUSTOMER');
  assert.deepStrictEqual([narrowed.status, narrowed.body], [200, []]);
  const service = await call(app, '/orders', 'sue,CUSTOMER_SERVICE');
  assert.strictEqual(service.status, 200);
  assert.deepStrictEqual(service.body.map(o => o.id).sort(), [
    'o1',
    'o2',
    'o3',
  ]);
  assert.ok(service.body.every(o => typeof o.internalNote === 'string'));
  assert.strictEqual((await call(app, '/orders', 'eve')).status, 403);
  assert.strictEqual((await call(app, '/orders')).status, 403);
  return {customer: 'own rows', customerService: 'all rows', other: 403};
}

/** policy README, "Basic use", on the memory connector */
async function memoryShop() {
  const shop = require('./dist/shop-application');
  const app = new shop.ShopApplication({rest: LOCAL});
  trustUserHeader(app);
  await app.boot();
  await app.start();
  try {
    await shop.addRules(app);
    return await shopRequests(app, shop.OrderRepository);
  } finally {
    await app.stop();
  }
}

/** The agreement check, from the tarball's testing entry point */
async function agreement() {
  const dataSource = new juggler.DataSource({connector: 'memory'});
  const runs = 25;
  await checkAgreement(
    new ItemRepository(dataSource),
    new GuardedItemRepository(dataSource),
    {seed: 20240707, numRuns: runs},
  );
  return `${runs} cases`;
}

/** postgres README, "Basic use": roles from the store, not the profile */
async function postgresRoles(url) {
  process.env.DATABASE_URL = url;
  const app = await startExportedApp('./dist/admin-application');
  try {
    const store = await app.get(PostgresAuthorizationBindings.STORE);
    const revision = String((await store.setRoles('ann', ['ADMIN'])).revision);
    const read = {'x-authorization-revision': revision};
    assert.strictEqual((await call(app, '/admin', 'ann', read)).status, 200);
    // The profile's own ADMIN counts for nothing: the store decides
    assert.strictEqual(
      (await call(app, '/admin', 'bob,ADMIN', read)).status,
      403,
    );
    return {storeAdmin: 200, profileAdmin: 403};
  } finally {
    await app.stop();
  }
}

/** postgres README, "Policy rules on PostgreSQL": rules and orders there */
async function postgresShop(url) {
  process.env.DATABASE_URL = url;
  const {OrderRepository, addRules} = require('./dist/shop-application');
  const {PostgresShopApplication} = require('./dist/postgres-shop-application');
  const app = new PostgresShopApplication({rest: LOCAL});
  trustUserHeader(app);
  await app.boot();
  await app.start();
  try {
    await app.migrateSchema({models: ['Order']});
    await addRules(app);
    return await shopRequests(app, OrderRepository);
  } finally {
    await app.stop();
    await (await app.get('datasources.db')).disconnect();
  }
}

/**
 * authorization-console README, "Basic use": the page for anyone, the API
 * for the console's role only, an explanation that is what the request gets
 */
async function consoleApp() {
  const app = await startExportedApp('./dist/console-application');
  try {
    const page = await call(app, '/authorization/console');
    assert.strictEqual(page.status, 200);
    assert.match(page.headers.get('content-type'), /^text\/html/);
    const csp = page.headers.get('content-security-policy') ?? '';
    assert.match(csp, /script-src 'self'/);
    assert.doesNotMatch(csp, /unsafe-inline/);
    // The page's script and style sheet, from the tarball's dist/ui
    for (const asset of ['main.js', 'console.css']) {
      const file = await call(app, `/authorization/console/${asset}`);
      assert.strictEqual(file.status, 200, asset);
      assert.ok(file.body.length > 100, asset);
    }
    const matrix = await call(app, '/authorization/matrix', 'ann,ADMIN');
    assert.strictEqual(matrix.status, 200);
    for (const user of ['bob,CUSTOMER', undefined]) {
      const refused = await call(app, '/authorization/decisions', user);
      assert.ok(
        [401, 403].includes(refused.status),
        `${user}: ${refused.status}`,
      );
    }
    const question = {
      subject: {user: {id: 'bob', roles: ['CUSTOMER']}},
      route: {verb: 'GET', path: '/authorization/matrix'},
    };
    const explained = await call(
      app,
      '/authorization/explain',
      'ann,ADMIN',
      {'content-type': 'application/json'},
      {method: 'POST', body: JSON.stringify(question)},
    );
    assert.strictEqual(explained.status, 200);
    assert.strictEqual(explained.body.decision, 'Deny');
    const log = await call(app, '/authorization/decisions', 'ann,ADMIN');
    assert.strictEqual(log.status, 200);
    assert.ok(
      log.body.some(r => r.route?.path === '/authorization/explain'),
      'the explain request is in the decision log',
    );
    return {page: 200, admin: 200, others: 'refused', explainBob: 'Deny'};
  } finally {
    await app.stop();
  }
}

async function main() {
  const result = {
    voters: await votersApp(),
    console: await consoleApp(),
    memory: await memoryShop(),
    agreement: await agreement(),
  };
  const databases = [];
  try {
    databases.push(await givenTestDatabase('install_roles'));
    result.postgresRoles = await postgresRoles(databases[0].url);
    databases.push(await givenTestDatabase('install_shop'));
    result.postgres = await postgresShop(databases[1].url);
  } finally {
    for (const db of databases) await db.drop();
    await stopTestPostgres();
  }
  process.stdout.write(JSON.stringify(result) + '\n');
}

main().catch(err => {
  process.stderr.write(`${err.stack ?? err}\n`);
  process.exit(1);
});
