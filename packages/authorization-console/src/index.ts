// Copyright The loopback-security-monorepo authors. License: MIT.

/**
 * An authorization console for LoopBack 4.
 *
 * @remarks
 * Mount `AuthorizationConsoleComponent` next to `AuthorizationComponent`:
 * it explains what a request of a subject would get and why, without making
 * it; keeps the recent decisions and streams new ones; shows every route
 * against every role; and serves a page to do all that, and to edit policy
 * rules and roles, for the roles it is configured for.
 *
 * @packageDocumentation
 */

export * from './authorization-console.component';
export * from './console-errors';
export * from './console-options';
export * from './controllers/console-api.controller';
export * from './explain/decided-by';
export * from './explain/decision-explainer.service';
export * from './explain/explain-context';
export * from './explain/explain-request';
export * from './explain/explanation';
export * from './keys';
export * from './log/decision-entry';
export * from './log/decision-log';
export * from './log/postgres-decision.store';
export * from './matrix/access-matrix';
export * from './matrix/access-matrix.service';
export * from './page/console-assets';
export * from './policy/policy-explainer';
export * from './routes/server-routes';
export * from './types';
