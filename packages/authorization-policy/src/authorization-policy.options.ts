// Copyright The loopback-security-monorepo authors. License: MIT.

import type {ModelWithDefinition} from './engine/resource-schema';
import type {ResourceSchema} from './types';

/**
 * Options of `AuthorizationPolicyComponent`, bound with
 * `app.configure(AuthorizationPolicyBindings.COMPONENT).to(options)`
 */
export interface AuthorizationPolicyOptions {
  /**
   * The resource types rules may name: model classes (named after the
   * model) or schemas. A rule naming another resource type is invalid.
   */
  resources?: (ResourceSchema | ModelWithDefinition)[];
}
