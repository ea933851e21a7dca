// Copyright The loopback-security-monorepo authors. License: MIT.

// What the console's API answers, as the page reads it

export interface Session {
  user?: {id: string; name?: string};
  roles: string[];
  features: {
    policies: boolean;
    roles: boolean;
    rolesEditable: boolean;
    decisionStore: string;
  };
}

export interface MatrixCell {
  access: 'allowed' | 'denied' | 'conditional' | 'error';
  by: string;
  reason?: string;
}

export interface MatrixRow {
  verb: string;
  path: string;
  controller?: string;
  method?: string;
  access: string;
  cells: Record<string, MatrixCell>;
}

export interface AccessMatrix {
  roles: string[];
  routes: MatrixRow[];
}

export interface Rule {
  id: string;
  effect: string;
  resource: string;
  actions: string[];
  subjects: string[];
  where?: object;
  fields?: string[];
  description?: string;
}

export interface RoleUser {
  id: string;
  name?: string;
  roles: string[];
}

export interface DecidedBy {
  kind: string;
  voteIndex?: number;
  voter?: string;
  rule?: string;
  reason?: string;
}

export interface CandidateRule {
  id: string;
  effect: string;
  where?: object;
  fields?: string[];
  matches?: boolean;
}

export interface Explanation {
  decision: 'Allow' | 'Deny';
  status?: number;
  decidedBy: DecidedBy;
  votes: {voter: string; decision: string; reason?: string; rule?: string}[];
  user?: {id: string; name?: string};
  roles: string[];
  scopes: string[];
  route?: {verb: string; path: string; controller: string; method: string};
  policy?: {
    resource: string;
    action: string;
    door: {allowed: boolean; rule?: string};
    filter: {where: object; matchesNothing: boolean; ruleIds: string[]};
    fields: {readable: string[]; writable: string[]; writeAction: string};
    rules: CandidateRule[];
    instance?: {
      id: unknown;
      exists: boolean;
      allowed: boolean;
      status?: number;
      rule?: string;
      reason: string;
    };
  };
  error?: {statusCode: number; message: string; code?: string};
  notes: string[];
}

export interface DecisionEntry {
  seq: number;
  time: string;
  user?: {id: string; name?: string};
  roles: string[];
  method: string;
  route?: {verb: string; path: string};
  resource?: string;
  action?: string;
  decision: 'Allow' | 'Deny';
  decidedBy: DecidedBy;
  durationMs: number;
}

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
