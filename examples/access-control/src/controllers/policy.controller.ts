// Copyright The loopback-security-monorepo authors. License: MIT.

import {authorize} from '@loopback/authorization';
import {
  AuthorizationPolicyBindings,
  PolicyStore,
  Rule,
  RuleInput,
} from '@loopback/authorization-policy';
import {PostgresPolicyStore} from '@loopback/authorization-postgres/policy';
import {inject} from '@loopback/core';
import {
  del,
  get,
  HttpErrors,
  param,
  post,
  requestBody,
  Response,
  RestBindings,
  SchemaObject,
} from '@loopback/rest';
import {
  BEARER_SECURITY,
  errorResponse,
  jsonResponse,
} from '../openapi/responses';
import {textSchema} from '../openapi/text.schema';
import {Roles} from '../roles';

const STRINGS: SchemaObject = {type: 'array', items: {type: 'string'}};

/**
 * The schema of a policy rule. The store checks rules further (known
 * resource, properties and operators) and answers 422 naming the part at
 * fault.
 */
export const RULE_SCHEMA: SchemaObject = {
  title: 'PolicyRule',
  type: 'object',
  properties: {
    id: {type: 'string'},
    effect: {type: 'string', enum: ['allow', 'deny']},
    resource: {type: 'string'},
    actions: STRINGS,
    subjects: STRINGS,
    where: {type: 'object'},
    fields: STRINGS,
    description: {type: 'string'},
  },
};

const REVISION_HEADERS = {
  'x-authorization-revision': {
    description:
      'PostgreSQL mode: the revision of the write, for read-your-writes ' +
      'on another instance',
    schema: {type: 'integer'},
  },
};

/**
 * The response header that carries the revision of a write, in PostgreSQL
 * mode: send it back as the request header of the same name
 */
export const REVISION_HEADER = 'x-authorization-revision';

function setRevision(response: Response, revision: number | undefined) {
  if (revision !== undefined) {
    response.setHeader(REVISION_HEADER, String(revision));
  }
}

/**
 * Create a rule, with the revision of the write when the store has
 * revisions (PostgreSQL)
 */
function createRule(
  store: PolicyStore,
  input: RuleInput,
): Promise<{rule: Readonly<Rule>; revision?: number}> {
  return store instanceof PostgresPolicyStore
    ? store.createRule(input)
    : store.create(input).then(rule => ({rule}));
}

/**
 * Remove a rule, with the revision of the write when the store has
 * revisions (PostgreSQL)
 */
function deleteRule(
  store: PolicyStore,
  id: string,
): Promise<{changed: boolean; revision?: number}> {
  return store instanceof PostgresPolicyStore
    ? store.deleteRule(id)
    : store.deleteById(id).then(changed => ({changed}));
}

/**
 * The admin API of the policy rules: list, add and remove rules (ADMIN
 * only). A change takes effect on the next request.
 */
export class PolicyController {
  /**
   * @param store - The policy store
   * @param response - The HTTP response, to answer 201 and 204
   */
  constructor(
    @inject(AuthorizationPolicyBindings.STORE)
    private readonly store: PolicyStore,
    @inject(RestBindings.Http.RESPONSE) private readonly response: Response,
  ) {}

  /**
   * Every rule in force
   */
  @authorize.allow(Roles.ADMIN)
  @get('/policies', {
    summary: 'List the policy rules',
    security: BEARER_SECURITY,
    responses: {
      '200': jsonResponse('The rules', {type: 'array', items: RULE_SCHEMA}),
    },
  })
  async listPolicies(): Promise<Readonly<Rule>[]> {
    return this.store.find();
  }

  /**
   * Add a rule; it is given an id when it has none
   * @param rule - The rule
   */
  @authorize.allow(Roles.ADMIN)
  @post('/policies', {
    summary: 'Add a policy rule',
    security: BEARER_SECURITY,
    responses: {
      '201': {
        ...jsonResponse('The stored rule, with its id', RULE_SCHEMA),
        headers: REVISION_HEADERS,
      },
      '422': errorResponse(
        'An invalid rule; the message names the rule and the part at fault',
      ),
    },
  })
  async createPolicy(
    @requestBody({
      required: true,
      content: {'application/json': {schema: RULE_SCHEMA}},
    })
    rule: RuleInput,
  ): Promise<Readonly<Rule>> {
    const {rule: stored, revision} = await createRule(this.store, rule);
    this.response.status(201).location(`/policies/${stored.id}`);
    setRevision(this.response, revision);
    return stored;
  }

  /**
   * Remove a rule
   * @param id - The rule id
   */
  @authorize.allow(Roles.ADMIN)
  @del('/policies/{id}', {
    summary: 'Remove a policy rule',
    security: BEARER_SECURITY,
    responses: {
      '204': {description: 'Removed', headers: REVISION_HEADERS},
      '404': errorResponse('No such rule'),
    },
  })
  async deletePolicy(
    @param.path.string('id', {schema: textSchema()}) id: string,
  ): Promise<void> {
    const {changed, revision} = await deleteRule(this.store, id);
    if (!changed) throw new HttpErrors.NotFound(`No policy rule "${id}"`);
    this.response.status(204);
    setRevision(this.response, revision);
  }
}
