// Copyright The loopback-security-monorepo authors. License: MIT.

import {Entity, model, property} from '@loopback/repository';
import type {Where} from '@loopback/repository';
import type {RuleEffect} from '../types';

/**
 * A stored policy rule (see `Rule` for the meaning of each property)
 */
@model({name: 'PolicyRule', settings: {strict: true}})
export class PolicyRule extends Entity {
  /**
   * The rule id
   */
  @property({type: 'string', id: true, required: true})
  id!: string;

  /**
   * `allow` or `deny`
   */
  @property({type: 'string', required: true})
  effect!: RuleEffect;

  /**
   * The resource type
   */
  @property({type: 'string', required: true})
  resource!: string;

  /**
   * The actions
   */
  @property.array(String, {required: true})
  actions!: string[];

  /**
   * The subjects
   */
  @property.array(String, {required: true})
  subjects!: string[];

  /**
   * The condition
   */
  @property({type: 'object'})
  where?: Where;

  /**
   * The properties covered
   */
  @property.array(String)
  fields?: string[];

  /**
   * What the rule is for
   */
  @property({type: 'string'})
  description?: string;

  /**
   * @param data - The properties
   */
  constructor(data?: Partial<PolicyRule>) {
    super(data);
  }
}
