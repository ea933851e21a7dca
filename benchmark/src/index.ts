// Copyright The loopback-security-monorepo authors. License: MIT.

/**
 * Measures what authorization costs: a method invoked without an
 * authorization component, with the published `@loopback/authorization` and
 * with ours, side by side; and the same over HTTP. `node dist/index.js` runs
 * it.
 *
 * @packageDocumentation
 */

import {main} from './runner';

export * from './checks';
export * from './fixtures';
export * from './invocation-variants';
export * from './options';
export * from './report';
export * from './rounds';
export * from './runner';
export * from './statistics';
export * from './targets';

if (require.main === module) {
  main().catch(() => process.exit(1));
}
