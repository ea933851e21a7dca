// Copyright The loopback-security-monorepo authors. License: MIT.

import {
  Binding,
  Component,
  Constructor,
  ContextTags,
  createBindingFromClass,
  injectable,
  LifeCycleObserver,
  ProviderMap,
} from '@loopback/core';
import {AuthorizationBindings} from './keys';
import {AuthorizationMetadataProvider} from './metadata/authorization-metadata.provider';
import {AuthorizationInterceptor} from './pipeline/authorization.interceptor';
import {AuthorizationSpecEnhancer} from './rest/authorization-spec.enhancer';
import {
  asDenialHeadersMiddleware,
  denialHeadersMiddleware,
} from './rest/denial-headers.middleware';
import {StartupChecksObserver} from './rest/startup-checks.observer';

/**
 * The authorization component: `app.component(AuthorizationComponent)` binds
 * it under `AuthorizationBindings.COMPONENT`, where
 * `app.configure(binding.key).to(options)` configures it, before or after.
 *
 * @remarks
 * It only wires: the global interceptor, the metadata provider, the REST
 * middleware that writes the headers of a denial, the OpenAPI enhancer that
 * documents `@authorize`, and observers that check the options and list
 * unprotected routes when the application starts. As every component of
 * the package, a class that carries its own binding spec (`@injectable`)
 * through `createBindingFromClass`, a value under its key with the binding
 * template that tags it; the metadata provider stays in `providers`, where
 * the published component has it.
 */
@injectable({tags: {[ContextTags.KEY]: AuthorizationBindings.COMPONENT}})
export class AuthorizationComponent implements Component {
  /**
   * The metadata provider of the current request
   */
  providers: ProviderMap = {
    [AuthorizationBindings.METADATA.key]: AuthorizationMetadataProvider,
  };

  /**
   * The global authorization interceptor, the denial headers middleware and
   * the OpenAPI enhancer
   */
  bindings: Binding[] = [
    createBindingFromClass(AuthorizationInterceptor),
    Binding.bind(AuthorizationBindings.DENIAL_HEADERS_MIDDLEWARE)
      .to(denialHeadersMiddleware)
      .apply(asDenialHeadersMiddleware),
    createBindingFromClass(AuthorizationSpecEnhancer),
  ];

  /**
   * Checks the options and lists unprotected routes when the application
   * starts
   */
  lifeCycleObservers: Constructor<LifeCycleObserver>[] = [
    StartupChecksObserver,
  ];
}
