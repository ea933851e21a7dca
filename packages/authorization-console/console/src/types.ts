// Copyright The loopback-security-monorepo authors. License: MIT.

// What the console's API answers, as the server declares it: the types of
// the compiled package (`dist`), built before the page

export type {
  AccessMatrix,
  ConsoleRule as Rule,
  ConsoleSession as Session,
  DecisionEntry,
  Explanation,
  MatrixCell,
  MatrixRow,
  RoleStoreUser as RoleUser,
} from '../../dist/index.js';

/**
 * A page of the console
 */
export interface Page {
  /** Its title, on its tab */
  title: string;
  /** Draw it into the main area */
  show(main: HTMLElement): void | Promise<void>;
  /** Stop what it runs (a stream), when another page is shown */
  hide?(): void;
}
