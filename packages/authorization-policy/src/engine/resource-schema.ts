// Copyright The loopback-security-monorepo authors. License: MIT.

import type {Entity, ModelDefinition} from '@loopback/repository';
import {PropertyKind, ResourceSchema} from '../types';

/**
 * A model class: what {@link resourceFromModel} reads
 */
export interface ModelWithDefinition {
  /**
   * The model's name and properties
   */
  definition: ModelDefinition;
  /**
   * The model name
   */
  name: string;
}

/**
 * The resource type of a LoopBack model: its name and its properties
 * @param model - The model class, such as `Order`
 * @param name - The resource type name. Default: the model name.
 */
export function resourceFromModel(
  model: ModelWithDefinition | typeof Entity,
  name?: string,
): ResourceSchema {
  const definition = (model as ModelWithDefinition).definition;
  const properties: Record<string, PropertyKind> = {};
  for (const [key, spec] of Object.entries(definition.properties)) {
    properties[key] = kindOfType(spec.type);
  }
  const ids = definition.idProperties();
  return {
    name: name ?? definition.name,
    properties,
    idProperty: ids.length === 1 ? ids[0] : undefined,
  };
}

/**
 * The resource schemas of the component's `resources` option: model classes
 * are described by their definition
 * @param resources - Models or schemas
 */
export function toResourceSchemas(
  resources: readonly (ResourceSchema | ModelWithDefinition)[] = [],
): ResourceSchema[] {
  return resources.map(r => ('properties' in r ? r : resourceFromModel(r)));
}

function kindOfType(type: unknown): PropertyKind {
  const name = (typeof type === 'function' ? type.name : String(type))
    .toLowerCase()
    .trim();
  if (name === 'string' || name === 'number' || name === 'boolean') {
    return name;
  }
  return 'other';
}
