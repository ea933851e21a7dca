// Copyright The loopback-security-monorepo authors. License: MIT.

import type {EntityCrudRepository} from '@loopback/repository';
import debugFactory from 'debug';
import {PolicyEngine} from '../engine/policy.engine';
import {PolicyError, storeUnavailable} from '../errors';
import type {PolicyRule} from './policy-rule.model';
import {ResourceSchema, Rule, RuleInput} from '../types';
import {checkNewRule} from './new-rule';
import {PolicyStore} from './policy-store';

const debug = debugFactory('loopback:authorization:policy:store');

const OPTIONAL = ['where', 'fields', 'description'] as const;

/**
 * A {@link PolicyStore} that keeps rules through a `@loopback/repository`
 * repository of {@link PolicyRule}, on any datasource.
 *
 * @remarks
 * The rules are read once and compiled into a {@link PolicyEngine}; changes
 * made through this store update the engine at once. Changes made to the
 * table behind its back are seen after {@link RepositoryPolicyStore.refresh}.
 * When the rules cannot be read, or a stored rule is invalid, the store is
 * unavailable: {@link RepositoryPolicyStore.engine} rejects with 503 (and
 * tries again on the next call), so nothing is allowed on a partial policy.
 */
export class RepositoryPolicyStore implements PolicyStore {
  private current?: PolicyEngine;
  private loading?: Promise<PolicyEngine>;

  /**
   * @param repository - Where the rules are kept
   * @param resources - The resource types rules may name
   */
  constructor(
    private readonly repository: EntityCrudRepository<PolicyRule, string>,
    private readonly resources: readonly ResourceSchema[],
  ) {}

  /** {@inheritDoc PolicyReader.engine} */
  async engine(): Promise<PolicyEngine> {
    if (this.current) return this.current;
    this.loading ??= this.load().finally(() => (this.loading = undefined));
    return this.loading;
  }

  /** {@inheritDoc PolicyStore.find} */
  async find(): Promise<Readonly<Rule>[]> {
    return (await this.engine()).rules();
  }

  /** {@inheritDoc PolicyStore.findById} */
  async findById(id: string): Promise<Readonly<Rule> | undefined> {
    return (await this.engine()).rules().find(r => r.id === id);
  }

  /** {@inheritDoc PolicyStore.create} */
  async create(input: RuleInput): Promise<Readonly<Rule>> {
    const engine = await this.engine();
    const rule = checkNewRule(engine, input);
    await this.repository.create(copyRule(rule));
    engine.upsert(rule);
    debug('Created rule %s', rule.id);
    return rule;
  }

  /** {@inheritDoc PolicyStore.deleteById} */
  async deleteById(id: string): Promise<boolean> {
    const engine = await this.engine();
    const {count} = await this.repository.deleteAll({id});
    const existed = engine.remove(id);
    debug('Deleted rule %s: %s', id, count > 0 || existed);
    return count > 0 || existed;
  }

  /** {@inheritDoc PolicyStore.refresh} */
  async refresh(): Promise<void> {
    this.current = undefined;
    await this.engine();
  }

  /**
   * Add rules that are not stored yet, such as the rules of a policy file
   * at first start; rules whose id is stored already are left alone
   * @param inputs - The rules
   * @returns The rules added
   */
  async seed(inputs: readonly RuleInput[]): Promise<Readonly<Rule>[]> {
    const engine = await this.engine();
    const added: Readonly<Rule>[] = [];
    for (const input of inputs) {
      if (
        input.id !== undefined &&
        engine.rules().some(r => r.id === input.id)
      ) {
        continue;
      }
      added.push(await this.create(input));
    }
    return added;
  }

  private async load(): Promise<PolicyEngine> {
    const engine = new PolicyEngine(this.resources);
    let stored: PolicyRule[];
    try {
      stored = await this.repository.find();
    } catch (err) {
      throw storeUnavailable(`the rules cannot be read (${message(err)})`);
    }
    try {
      engine.apply(
        stored.map(entity => ({
          kind: 'upsert',
          rule: fromEntity(entity) as unknown as Rule,
        })),
      );
    } catch (err) {
      // One bad stored rule makes the whole policy unusable: deciding on
      // the others could allow what it was meant to deny
      throw storeUnavailable(`a stored rule is invalid (${message(err)})`);
    }
    debug('Loaded %d rules', engine.size);
    this.current = engine;
    return engine;
  }
}

/**
 * A plain rule of a stored entity: the optional properties that are null or
 * missing are left out
 * @param entity - The stored rule
 */
export function fromEntity(entity: PolicyRule): Record<string, unknown> {
  const data: Record<string, unknown> = {...entity.toJSON()};
  for (const key of OPTIONAL) {
    if (data[key] == null) delete data[key];
  }
  return data;
}

function copyRule(rule: Readonly<Rule>): Rule {
  return JSON.parse(JSON.stringify(rule)) as Rule;
}

function message(err: unknown): string {
  return err instanceof PolicyError || err instanceof Error
    ? err.message
    : String(err);
}
