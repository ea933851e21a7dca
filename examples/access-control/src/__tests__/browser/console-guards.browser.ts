// Copyright The loopback-security-monorepo authors. License: MIT.

// The console's guards in a real Chromium: the Matrix page's choice of role
// columns, the live log that stops when its stream is refused, the Policies
// page when the store holds a rule no URL can name, and the Roles page on a
// role name that holds a comma. The data the API refuses (a rule id "..", a
// role "A,B") is written around it, where authorization reads it.

import {
  AuthorizationPolicyBindings,
  PolicyRule,
} from '@loopback/authorization-policy';
import {DefaultCrudRepository} from '@loopback/repository';
import {expect} from '@loopback/testlab';
import {Page} from 'playwright-core';
import {AccessControlBindings} from '../../keys';
import {Callers} from '../fixtures/callers';
import {
  givenConsoleBrowser,
  openConsolePage,
  signInToConsole,
  waitForText,
} from '../fixtures/console-page';
import {putRoles} from '../fixtures/role-changes';
import {
  AppUnderTest,
  givenRunningAppWithCallers,
} from '../fixtures/running-app';

describe('the authorization console in Chromium, on data it guards against', () => {
  let shop: AppUnderTest & {callers: Callers};
  const chromium = givenConsoleBrowser();
  let page: Page;

  before(async () => {
    shop = await givenRunningAppWithCallers({
      console: {
        // Seven roles are known: five columns leave two to choose
        matrix: {maxRoles: 5},
        // A removed role ends an open stream within a fifth of a second
        decisionLog: {streamRecheckMs: 200},
      },
    });
  });
  after(() => shop?.app.stop());
  beforeEach(() => {
    page = chromium.page;
  });

  function signIn(token: string) {
    return signInToConsole(page, shop.app.restServer.url, token);
  }

  /**
   * Write roles where authorization reads them, around the API's checks
   */
  async function givenStoredRoles(userId: string, roles: string[]) {
    const source = await shop.app.get(AccessControlBindings.ROLE_SOURCE);
    await source.setRoles(userId, roles);
  }

  async function columnsOf(table: string) {
    return page
      .locator(`${table} thead th`)
      .evaluateAll(cells => cells.map(c => c.textContent));
  }

  it('shows the role columns chosen in its list, and no other', async () => {
    await signIn(shop.callers.admin.token);
    const choice = page.locator('#matrix-roles');
    await choice.waitFor();
    const shown = await columnsOf('table.matrix');
    expect(shown).to.have.length(6);
    expect(shown).to.not.containEql('CUSTOMER_SERVICE');
    await choice.selectOption(['ADMIN', 'CUSTOMER_SERVICE']);
    const asked = page.waitForRequest(request =>
      request.url().includes('/authorization/matrix?'),
    );
    await page.getByRole('button', {name: 'Show these roles'}).click();
    expect(new URL((await asked).url()).searchParams.getAll('roles')).to.eql([
      'ADMIN',
      'CUSTOMER_SERVICE',
    ]);
    await page
      .locator('table.matrix th', {hasText: 'CUSTOMER_SERVICE'})
      .waitFor();
    expect(await columnsOf('table.matrix')).to.eql([
      'Route',
      'ADMIN',
      'CUSTOMER_SERVICE',
    ]);
    const row = page.locator('tr[data-route="GET /number-of-views"]');
    const cells = await row
      .locator('button[data-role]')
      .evaluateAll(buttons => buttons.map(b => b.getAttribute('data-role')));
    expect(cells).to.eql(['ADMIN', 'CUSTOMER_SERVICE']);
    // The list offers every role again, the chosen ones selected
    expect(
      await page
        .locator('#matrix-roles option:checked')
        .evaluateAll(options => options.map(o => o.textContent)),
    ).to.eql(['ADMIN', 'CUSTOMER_SERVICE']);
  });

  it('stops the live log, saying so, once the role that follows it is removed', async () => {
    const {client, callers} = shop;
    const {bob} = callers;
    await givenStoredRoles(bob.id, ['CUSTOMER', 'ADMIN']);
    try {
      await signIn(bob.token);
      await openConsolePage(page, 'Decisions');
      await page.locator('#live', {hasText: 'Live'}).waitFor();
      await putRoles(client, callers.admin, bob.id, ['CUSTOMER']).expect(200);
      // The stream ends at its next check; the page's reconnection is
      // refused, and it does not try again
      const stopped = page.locator('#live', {hasText: 'stopped'});
      expect(await waitForText(stopped)).to.equal(
        'The live log stopped: this token may no longer follow it (403). Sign in again.',
      );
      // Past the page's pause between two attempts: still stopped
      await page.waitForTimeout(2500);
      expect(await page.locator('#live').textContent()).to.match(/stopped/);
    } finally {
      await givenStoredRoles(bob.id, ['CUSTOMER']);
    }
  });

  it('lists no rule it could not delete: a stored rule with the id ".." makes the store refuse (503), and the page shows the error', async () => {
    const {app} = shop;
    const rules = new DefaultCrudRepository<PolicyRule, string>(
      PolicyRule,
      await app.get(AuthorizationPolicyBindings.DATASOURCE),
    );
    const store = await app.get(AuthorizationPolicyBindings.STORE);
    await rules.create({
      id: '..',
      effect: 'allow',
      resource: 'Order',
      actions: ['read'],
      subjects: ['CUSTOMER'],
    });
    try {
      await expect(store.refresh()).to.be.rejectedWith(
        /cannot be a path segment/,
      );
      await signIn(shop.callers.admin.token);
      await openConsolePage(page, 'Policies');
      const error = page.locator('#main p.error');
      expect(await waitForText(error)).to.equal('Error: Service Unavailable');
      expect(await page.locator('table.rules').count()).to.equal(0);
      expect(
        await page.getByRole('button', {name: /^Delete rule/}).count(),
      ).to.equal(0);
    } finally {
      await rules.deleteById('..');
      await store.refresh();
    }
  });

  it("shows read-only the roles of a user when one holds a comma, and the others' editable", async () => {
    const {alice, bob} = shop.callers;
    await givenStoredRoles(bob.id, ['CUSTOMER', 'A,B']);
    try {
      await signIn(shop.callers.admin.token);
      await openConsolePage(page, 'Roles');
      const row = page.locator(`tr[data-user="${bob.id}"]`);
      await row.waitFor();
      const cells = await row
        .locator('td')
        .evaluateAll(tds => tds.map(td => td.textContent));
      expect(cells.slice(2)).to.eql(['CUSTOMER, A,B', 'a role holds a comma']);
      expect(await row.locator('input, button').count()).to.equal(0);
      const other = page.locator(`tr[data-user="${alice.id}"]`);
      expect(await other.locator('input').inputValue()).to.equal('CUSTOMER');
      expect(await other.getByRole('button', {name: 'Save'}).count()).to.equal(
        1,
      );
    } finally {
      await givenStoredRoles(bob.id, ['CUSTOMER']);
    }
  });
  // Starting Chromium takes a few seconds on a loaded machine
}).timeout(60_000);
