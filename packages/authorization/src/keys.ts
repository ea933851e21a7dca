// Copyright The loopback-security-monorepo authors. License: MIT.

import {BindingKey, CoreBindings, MetadataAccessor} from '@loopback/core';
import type {AuthorizationComponent} from './authorization.component';
import {AuthorizationMetadata} from './types';

/**
 * Binding keys of the authorization component
 */
export namespace AuthorizationBindings {
  /**
   * The authorization metadata of the controller method of the current
   * request, `undefined` when it has none
   */
  export const METADATA = BindingKey.create<AuthorizationMetadata | undefined>(
    'authorization.operationMetadata',
  );

  /**
   * The key `app.component(AuthorizationComponent)` binds the component
   * under; configure the component at this key
   */
  export const COMPONENT = BindingKey.create<AuthorizationComponent>(
    `${CoreBindings.COMPONENTS}.AuthorizationComponent`,
  );
}

/**
 * Binding tags of the authorization component
 */
export namespace AuthorizationTags {
  /**
   * Tag of the bindings whose values are authorizers asked for every
   * decorated method
   */
  export const AUTHORIZER = 'authorizer';
}

/**
 * The metadata key of `@authorize` on methods
 */
export const AUTHORIZATION_METHOD_KEY = MetadataAccessor.create<
  AuthorizationMetadata,
  MethodDecorator
>('authorization:method');

/**
 * The metadata key of `@authorize` on classes
 */
export const AUTHORIZATION_CLASS_KEY = MetadataAccessor.create<
  AuthorizationMetadata,
  ClassDecorator
>('authorization:class');
