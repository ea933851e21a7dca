// Copyright The loopback-security-monorepo authors. License: MIT.

import {
  getAccessReport,
  renderAccessReportMarkdown,
  RouteAccess,
} from '@loopback/authorization';
import {CoreBindings} from '@loopback/core';
import {writeFile} from 'node:fs/promises';
import {join} from 'node:path';
import {AccessControlApplication} from './application';
import {PolicySeedObserver} from './observers/policy-seed.observer';

/**
 * The committed Markdown report, next to this example's package.json
 */
export const ACCESS_REPORT_FILE = join(__dirname, '..', 'access-report.md');

/**
 * The JSON report, written next to it (not committed)
 */
export const ACCESS_REPORT_JSON_FILE = join(
  __dirname,
  '..',
  'access-report.json',
);

/**
 * The access report of the example: every route with its rules and, for the
 * order routes, the policy rules of their action, as Markdown and as data.
 * The application is booted, not started: no port is opened, and the rules
 * are those a first start stores, the policy file's.
 */
export async function buildAccessReport(): Promise<{
  markdown: string;
  routes: RouteAccess[];
}> {
  const app = new AccessControlApplication({
    rest: {host: '127.0.0.1', port: 0},
  });
  await app.boot();
  const seed = await app.get<PolicySeedObserver>(
    `${CoreBindings.LIFE_CYCLE_OBSERVERS}.${PolicySeedObserver.name}`,
  );
  await seed.start();
  const routes = await getAccessReport(app);
  const markdown = renderAccessReportMarkdown(
    routes,
    'Access report of the access-control example',
  );
  return {markdown, routes};
}

/**
 * Write `access-report.md` and `access-report.json`
 */
export async function writeAccessReport(): Promise<void> {
  const {markdown, routes} = await buildAccessReport();
  await writeFile(ACCESS_REPORT_FILE, markdown);
  await writeFile(
    ACCESS_REPORT_JSON_FILE,
    JSON.stringify(routes, null, 2) + '\n',
  );
  console.log(`Wrote ${ACCESS_REPORT_FILE} and ${ACCESS_REPORT_JSON_FILE}`);
}

if (require.main === module) {
  writeAccessReport().catch(err => {
    console.error('Cannot write the access report:', err);
    process.exit(1);
  });
}
