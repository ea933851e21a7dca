// Copyright The loopback-security-monorepo authors. License: MIT.

import {createMongoAbility, MongoAbility} from '@casl/ability';
import {
  PolicyCaller,
  PolicyEngine,
  ResourceSchema,
  RuleInput,
} from '@loopback/authorization-policy';
import {Enforcer, newEnforcer, newModelFromString} from 'casbin';

/**
 * The casbin model of the comparison: RBAC, a user has roles, a policy line
 * grants a role an action on an object
 */
export const CASBIN_RBAC_MODEL = `
[request_definition]
r = sub, obj, act

[policy_definition]
p = sub, obj, act

[role_definition]
g = _, _

[policy_effect]
e = some(where (p.eft == allow))

[matchers]
m = g(r.sub, p.sub) && r.obj == p.obj && r.act == p.act
`;

/**
 * Roles, actions a rule set spreads over; resource types grow with the
 * number of rules
 */
export const ROLES = 20;
export const ACTIONS = 5;

/**
 * One grant: a role may perform an action on a resource type
 */
export interface Grant {
  role: string;
  resource: string;
  action: string;
}

/**
 * One question: may the user perform the action on the instance of the
 * resource type?
 */
export interface Question {
  resource: string;
  action: string;
  instance: {id: string; ownerId: string; status: string};
}

/**
 * `count` distinct grants: role `i % 20`, action `(i / 20) % 5`, resource
 * type `i / 100`
 * @param count - How many
 */
export function givenGrants(count: number): Grant[] {
  return Array.from({length: count}, (_, i) => ({
    role: `role${i % ROLES}`,
    action: `act${Math.floor(i / ROLES) % ACTIONS}`,
    resource: `Res${Math.floor(i / (ROLES * ACTIONS))}`,
  }));
}

/**
 * The user of every question: two roles
 */
export const USER_ID = 'u1';
export const USER_ROLES = ['role3', 'role7'];

/**
 * How many questions each engine answers in a batch
 */
export const QUESTION_COUNT = 64;

/**
 * {@link QUESTION_COUNT} questions over the resource types of the grants,
 * about half allowed
 * @param grants - The grants
 */
export function givenQuestions(grants: readonly Grant[]): Question[] {
  const types = Math.ceil(grants.length / (ROLES * ACTIONS));
  return Array.from({length: QUESTION_COUNT}, (_, i) => ({
    resource: `Res${(i * 7919) % types}`,
    action: `act${i % ACTIONS}`,
    instance: {
      id: `o${i}`,
      ownerId: i % 3 === 0 ? 'u2' : USER_ID,
      status: i % 4 === 0 ? 'cancelled' : 'placed',
    },
  }));
}

/**
 * The engines of the comparison, each with the same rules
 */
export interface Engines {
  /** Ours */
  ours: PolicyEngine;
  /** Ours, every rule with the condition `{ownerId: '$user.id'}` */
  oursConditional: PolicyEngine;
  /** The caller of ours */
  caller: PolicyCaller;
  /** node-casbin, RBAC */
  casbin: Enforcer;
  /** CASL: the ability of the user (the rules of the user's roles) */
  casl: MongoAbility;
  /** CASL, every rule with the condition `{ownerId: 'u1'}` */
  caslConditional: MongoAbility;
}

/**
 * Build the engines for `count` rules
 * @param count - How many rules
 */
export async function givenEngines(count: number): Promise<Engines> {
  const grants = givenGrants(count);
  const types = new Set(grants.map(g => g.resource));
  const schemas: ResourceSchema[] = [...types].map(name => ({
    name,
    properties: {id: 'string', ownerId: 'string', status: 'string'},
  }));
  const rule = (g: Grant, i: number, conditional: boolean): RuleInput => ({
    id: `r${i}`,
    effect: 'allow',
    resource: g.resource,
    actions: [g.action],
    subjects: [g.role],
    ...(conditional ? {where: {ownerId: '$user.id'}} : {}),
  });
  const ours = new PolicyEngine(schemas);
  const oursConditional = new PolicyEngine(schemas);
  ours.apply(
    grants.map((g, i) => ({kind: 'upsert', rule: rule(g, i, false) as never})),
  );
  oursConditional.apply(
    grants.map((g, i) => ({kind: 'upsert', rule: rule(g, i, true) as never})),
  );

  const casbin = await newEnforcer(newModelFromString(CASBIN_RBAC_MODEL));
  await casbin.addPolicies(grants.map(g => [g.role, g.resource, g.action]));
  for (const role of USER_ROLES) await casbin.addRoleForUser(USER_ID, role);

  // CASL decides for one user: its ability holds the rules of the user's
  // roles, as an application builds it at login
  const mine = grants.filter(g => USER_ROLES.includes(g.role));
  const casl = createMongoAbility(
    mine.map(g => ({action: g.action, subject: g.resource})),
  );
  const caslConditional = createMongoAbility(
    mine.map(g => ({
      action: g.action,
      subject: g.resource,
      conditions: {ownerId: USER_ID},
    })),
  );
  return {
    ours,
    oursConditional,
    // Frozen, as the package's helpers make callers: the engine remembers
    // the rules of a frozen caller while it lives
    caller: Object.freeze({
      id: USER_ID,
      roles: Object.freeze([...USER_ROLES]),
      attributes: Object.freeze({id: USER_ID}),
    }),
    casbin,
    casl,
    caslConditional,
  };
}
