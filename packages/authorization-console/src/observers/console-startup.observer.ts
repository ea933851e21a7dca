// Copyright The loopback-security-monorepo authors. License: MIT.

import {AuthorizationInterceptor} from '@loopback/authorization';
import {
  Binding,
  Context,
  ContextTags,
  CoreTags,
  inject,
  injectable,
  LifeCycleObserver,
  lifeCycleObserver,
} from '@loopback/core';
import {consoleError} from '../console-errors';

/**
 * Stops the start of an application that mounts the console without the
 * authorization interceptor of `@loopback/authorization`.
 *
 * @remarks
 * Without that interceptor `@authorize` does nothing, and the console's API
 * (its rules, users, roles and every recent decision, and the writes of
 * rules and roles) would answer anyone who skipped its own role check by a
 * bug or a change. The check runs at `init`, which `app.start()` runs for
 * every observer before any server listens, so a refused start leaves no
 * port open. The interceptor counts wherever every REST server sees it: in
 * the application, or in each server's context.
 */
@injectable()
@lifeCycleObserver('authorization')
export class ConsoleStartupObserver implements LifeCycleObserver {
  /**
   * @param ctx - The application context
   */
  constructor(@inject.context() private readonly ctx: Context) {}

  /**
   * Refuse to start without the authorization interceptor
   */
  async init(): Promise<void> {
    const servers = this.ctx.findByTag(CoreTags.SERVER);
    const contexts: Context[] = [];
    for (const binding of servers) {
      const server: unknown = await this.ctx.get(binding.key);
      if (server instanceof Context) contexts.push(server);
    }
    if (contexts.length === 0) contexts.push(this.ctx);
    if (contexts.every(hasAuthorizationInterceptor)) return;
    throw consoleError(
      500,
      'AUTHORIZATION_NOT_MOUNTED',
      'The authorization console needs the authorization interceptor of ' +
        '@loopback/authorization: without it @authorize does nothing and ' +
        "the console's API would be open. Mount " +
        'app.component(AuthorizationComponent) with the console.',
    );
  }
}

function hasAuthorizationInterceptor(ctx: Context): boolean {
  return (
    ctx.find(
      (binding: Readonly<Binding<unknown>>) =>
        (binding.providerConstructor === AuthorizationInterceptor ||
          binding.valueConstructor === AuthorizationInterceptor) &&
        binding.tagMap[ContextTags.GLOBAL_INTERCEPTOR] !== undefined,
    ).length > 0
  );
}
