// Copyright The loopback-security-monorepo authors. License: MIT.

import {BindingAddress, Context, filterByTag} from '@loopback/core';

/**
 * What the console uses of a repository: read one instance by id
 */
interface InstanceRepository {
  entityClass?: {modelName?: string};
  policyGuard?: unknown;
  findById(id: unknown): Promise<{toJSON(): object}>;
}

// LoopBack's `RepositoryTags.REPOSITORY`, spelled out: the console does not
// depend on `@loopback/repository`
const REPOSITORY_TAG = filterByTag('repository');

/**
 * Reads the instance an explanation checks, with the application's own
 * unguarded repository of the resource type: the check must see the
 * instance as it is, whoever the subject is. It only reads.
 */
export class InstanceReader {
  private readonly found = new Map<string, string>();

  /**
   * @param configured - The repository of each resource, by binding address
   */
  constructor(
    private readonly configured: Readonly<Record<string, BindingAddress>>,
  ) {}

  /**
   * The instance, as plain data; `undefined` when there is none, or no
   * repository to read it from
   * @param ctx - The context to resolve repositories in
   * @param resource - The resource type
   * @param id - The instance id
   */
  async read(
    ctx: Context,
    resource: string,
    id: unknown,
  ): Promise<Record<string, unknown> | undefined> {
    const repo = await this.repositoryOf(ctx, resource);
    if (!repo) return undefined;
    try {
      const entity = await repo.findById(id);
      return entity.toJSON() as Record<string, unknown>;
    } catch (err) {
      const e = err as {statusCode?: unknown; code?: unknown};
      if (e.statusCode === 404 || e.code === 'ENTITY_NOT_FOUND') {
        return undefined;
      }
      throw err;
    }
  }

  /**
   * Whether a repository of the resource type can be found
   * @param ctx - The context to resolve repositories in
   * @param resource - The resource type
   */
  async canRead(ctx: Context, resource: string): Promise<boolean> {
    return (await this.repositoryOf(ctx, resource)) !== undefined;
  }

  private async repositoryOf(
    ctx: Context,
    resource: string,
  ): Promise<InstanceRepository | undefined> {
    const configured = this.configured[resource];
    if (configured !== undefined) {
      return ctx.get<InstanceRepository>(configured, {optional: true});
    }
    // The key found before saves resolving every repository, but what it
    // holds now is checked again: it may have been unbound, or bound to a
    // guarded repository meanwhile
    const found = this.found.get(resource);
    if (found !== undefined) {
      const repo = await ctx.get<InstanceRepository>(found, {optional: true});
      if (isUnguardedRepository(repo, resource)) return repo;
      this.found.delete(resource);
    }
    // The first repository of a model of that name that the rules do not
    // guard (a guarded one would answer as the console's own caller)
    for (const binding of ctx.find(REPOSITORY_TAG)) {
      const repo = await ctx.get<InstanceRepository>(binding.key, {
        optional: true,
      });
      if (isUnguardedRepository(repo, resource)) {
        this.found.set(resource, binding.key);
        return repo;
      }
    }
    return undefined;
  }
}

/**
 * Whether a repository reads instances of the resource type without the
 * rules' guard
 */
function isUnguardedRepository(
  repo: InstanceRepository | undefined,
  resource: string,
): repo is InstanceRepository {
  return (
    repo?.entityClass?.modelName === resource &&
    typeof repo.policyGuard !== 'function' &&
    typeof repo.findById === 'function'
  );
}
