// Copyright The loopback-security-monorepo authors. License: MIT.

// The authorization console in a real Chromium (Debian's, driven by
// playwright-core): each scenario of the README's walk-through, the "not
// allowed" state of a customer, and data that tries to be HTML. The
// screenshots of the README are taken here; `UPDATE_SCREENSHOTS=1` writes
// them into docs/console/, otherwise into a temporary folder.

import {expect} from '@loopback/testlab';
import {mkdirSync, mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {Page} from 'playwright-core';
import {
  givenConsoleBrowser,
  openConsolePage,
  signInToConsole,
  waitForText,
} from '../fixtures/console-page';
import {
  givenRunningAppWithCallers,
  AppUnderTest,
} from '../fixtures/running-app';
import {Callers} from '../fixtures/callers';

const README_PICTURES = join(__dirname, '../../../docs/console');

describe('the authorization console in Chromium', () => {
  let shop: AppUnderTest & {callers: Callers};
  const chromium = givenConsoleBrowser();
  let page: Page;
  let pictures: string;
  let temporary: string | undefined;

  before(async () => {
    shop = await givenRunningAppWithCallers();
    if (process.env.UPDATE_SCREENSHOTS === '1') {
      mkdirSync(README_PICTURES, {recursive: true});
      pictures = README_PICTURES;
    } else {
      pictures = temporary = mkdtempSync(join(tmpdir(), 'console-shots-'));
    }
  });
  after(async () => {
    await shop?.app.stop();
    if (temporary) rmSync(temporary, {recursive: true, force: true});
  });
  beforeEach(() => {
    page = chromium.page;
  });

  function signIn(token: string) {
    return signInToConsole(page, shop.app.restServer.url, token);
  }

  function openPage(name: string) {
    return openConsolePage(page, name);
  }

  function shot(name: string, fullPage = false) {
    return page.screenshot({path: join(pictures, `${name}.png`), fullPage});
  }

  it('shows GET /number-of-views allowed for ADMIN only, once an admin token is pasted', async () => {
    await signIn(shop.callers.admin.token);
    const row = page.locator('tr[data-route="GET /number-of-views"]');
    await row.waitFor();
    const cells = await row
      .locator('button[data-role]')
      .evaluateAll(buttons =>
        buttons.map(b => [b.getAttribute('data-role'), b.textContent]),
      );
    expect(Object.fromEntries(cells)).to.eql({
      $everyone: 'denied',
      $authenticated: 'denied',
      $unauthenticated: 'denied',
      $owner: 'denied',
      ADMIN: 'allowed',
      CUSTOMER: 'denied',
      CUSTOMER_SERVICE: 'denied',
    });
    await row.locator('button[data-role="ADMIN"]').click();
    expect(await page.locator('#matrix-detail').textContent()).to.match(
      /GET \/number-of-views for ADMIN: allowed/,
    );
    await shot('matrix');
  });

  it('is usable by keyboard: the pages are buttons in the tab order', async () => {
    await signIn(shop.callers.admin.token);
    await page.locator('table.matrix').waitFor();
    const explain = page
      .locator('#nav')
      .getByRole('button', {name: 'Explain', exact: true});
    await explain.focus();
    await page.keyboard.press('Enter');
    await page.locator('#explain-user').waitFor();
    expect(await explain.getAttribute('aria-current')).to.equal('page');
  });

  it('shows the error of an invalid rule beside the field it concerns', async () => {
    await signIn(shop.callers.admin.token);
    await openPage('Policies');
    await page.locator('#rule-resource').fill('Order');
    await page.locator('#rule-actions').fill('read');
    await page.locator('#rule-subjects').fill('CUSTOMER');
    await page
      .locator('#rule-where')
      .fill('{"description": {"like": "%tea%"}}');
    await page.getByRole('button', {name: 'Add the rule'}).click();
    const error = page.locator('#rule-where-error');
    expect(await waitForText(error)).to.match(/like/);
    expect(
      await page.locator('#rule-where').getAttribute('aria-invalid'),
    ).to.equal('true');
    expect(await page.locator('#rule-resource-error').textContent()).to.equal(
      '',
    );
    // The matrix, still loading when the page changed, stays on its own
    await page.locator('#policy-list table').waitFor();
    expect(await page.locator('table.matrix').count()).to.equal(0);
    await shot('policies-invalid');
  });

  it("explains why bob cannot read alice's order, the deciding part highlighted", async () => {
    const {client, callers} = shop;
    const orders = await client
      .get('/orders')
      .set('Authorization', `Bearer ${callers.alice.token}`)
      .expect(200);
    const order = orders.body.find((o: {total: number}) => o.total < 20);
    await signIn(callers.admin.token);
    await openPage('Explain');
    await page.locator('#explain-user').fill(callers.bob.id);
    await page.locator('#explain-verb').selectOption('GET');
    await page.locator('#explain-path').fill(`/orders/${order.id}`);
    await page.locator('#main').getByRole('button', {name: 'Explain'}).click();
    const decided = page.locator('#decided-by.deciding');
    expect(await waitForText(decided)).to.match(/instance check/);
    expect(await page.locator('.verdict').textContent()).to.match(/Deny.*404/);
    const rule = page.locator(
      'tr.deciding[data-rule="customers-read-own-orders"]',
    );
    expect(await rule.locator('td').last().textContent()).to.equal(
      'condition not met',
    );
    await shot('explain', true);
  });

  it('grants customer service cancelling on a condition: the rule appears in the list and holds on the next request', async () => {
    const {client, callers} = shop;
    const asService = {Authorization: `Bearer ${callers.service.token}`};
    const {body: orders} = await client
      .get('/orders')
      .set('Authorization', `Bearer ${callers.alice.token}`)
      .expect(200);
    const soaps = orders.find((o: {total: number}) => o.total < 20);
    const teapot = orders.find((o: {total: number}) => o.total >= 20);
    await signIn(callers.admin.token);
    await openPage('Policies');
    // The policy file's rule lets customer service cancel any order: it
    // goes, and a rule with a condition takes its place
    await page
      .getByRole('button', {name: 'Delete rule service-cancels-orders'})
      .click();
    await page
      .locator('tr[data-rule="service-cancels-orders"]')
      .waitFor({state: 'detached'});
    await page.locator('#rule-id').fill('service-cancels-small-orders');
    await page.locator('#rule-resource').fill('Order');
    await page.locator('#rule-actions').fill('cancel');
    await page.locator('#rule-subjects').fill('CUSTOMER_SERVICE');
    await page.locator('#rule-where').fill('{"total": {"lt": 20}}');
    await page
      .locator('#rule-description')
      .fill('Customer service cancels orders under 20');
    await page.getByRole('button', {name: 'Add the rule'}).click();
    await page
      .locator('tr[data-rule="service-cancels-small-orders"]')
      .waitFor();
    // The next requests: the guarded repository writes the status under the
    // cancel rules, their condition in the statement that writes
    const refused = await client
      .delete(`/orders/${teapot.id}`)
      .set(asService)
      .expect(403);
    expect(refused.body.error.message).to.equal(
      'Forbidden: may not cancel this Order',
    );
    const cancelled = await client
      .delete(`/orders/${soaps.id}`)
      .set(asService)
      .expect(200);
    expect(cancelled.body.status).to.equal('cancelled');
    await shot('policies', true);
  });

  it('shows on the Decisions page a request made meanwhile', async () => {
    const {client, callers} = shop;
    await signIn(callers.admin.token);
    await openPage('Decisions');
    await page.locator('#live', {hasText: 'Live'}).waitFor();
    await client
      .get('/number-of-views')
      .set('Authorization', `Bearer ${callers.alice.token}`)
      .expect(403);
    const row = page
      .locator('#decision-rows tr', {hasText: '/number-of-views'})
      .first();
    await row.waitFor();
    expect(await row.textContent()).to.match(
      /Alice.*GET \/number-of-views.*Deny/,
    );
    await shot('decisions');
  });

  it('lists the users and their roles', async () => {
    await signIn(shop.callers.admin.token);
    await openPage('Roles');
    await page.locator(`tr[data-user="${shop.callers.alice.id}"]`).waitFor();
    await shot('roles');
  });

  it('renders a rule id that holds HTML as text', async () => {
    const payload = '<img src=x onerror=alert(1)>';
    await shop.client
      .post('/authorization/policies')
      .set('Authorization', `Bearer ${shop.callers.admin.token}`)
      .send({
        id: payload,
        effect: 'allow',
        resource: 'Order',
        actions: ['read'],
        subjects: ['<b>CUSTOMER</b>'],
        description: '<script>alert(2)</script>',
      })
      .expect(201);
    await signIn(shop.callers.admin.token);
    await openPage('Policies');
    const row = page.locator('tr[data-rule]', {hasText: '<img'});
    await row.waitFor();
    expect(await row.locator('code').first().textContent()).to.equal(payload);
    expect(
      await page
        .locator('#policy-list img, #policy-list script, #policy-list b')
        .count(),
    ).to.equal(0);
    await page.locator('table.rules').first().waitFor();
    // The matrix names the payload as a role column, as text too
    await openPage('Matrix');
    await page
      .locator('table.matrix th', {hasText: '<b>CUSTOMER</b>'})
      .waitFor();
    expect(await page.locator('table.matrix b').count()).to.equal(0);
  });

  it('shows a customer\'s token the "not allowed" state, and no data', async () => {
    await signIn(shop.callers.alice.token);
    const state = page.locator('.not-allowed');
    expect(await waitForText(state)).to.match(/Not allowed \(403\)/);
    expect(await page.locator('table').count()).to.equal(0);
    expect(await page.locator('#nav').isHidden()).to.be.true();
    await shot('not-allowed');
  });
  // Starting Chromium takes a few seconds on a loaded machine
}).timeout(60_000);
