// Copyright The loopback-security-monorepo authors. License: MIT.

import {
  Entity,
  ModelDefinition,
  RelationMetadata,
  RelationType,
} from '@loopback/repository';
import {expect} from '@loopback/testlab';
import {checkCallerInclude} from '../../../repositories/caller-include';

describe('checkCallerInclude', () => {
  const readable = new Set(['id', 'name', 'parentId']);

  it('refuses a relation whose key is not declared, even if every property is readable', () => {
    const model = givenModel({
      type: RelationType.belongsTo,
      name: 'parent',
      source: Entity,
      target: () => Entity,
    } as RelationMetadata);
    expect(() =>
      checkCallerInclude(['parent'], readable, 'Node', model),
    ).to.throw({
      statusCode: 403,
      code: 'FORBIDDEN_FILTER',
      message:
        'Forbidden: may not include relation "parent" of Node: the property it joins on is not declared',
    });
  });

  it('accepts a relation whose declared key is readable', () => {
    const model = givenModel({
      type: RelationType.belongsTo,
      name: 'parent',
      keyFrom: 'parentId',
      source: Entity,
      target: () => Entity,
    } as RelationMetadata);
    checkCallerInclude([{relation: 'parent'}], readable, 'Node', model);
    expect(() =>
      checkCallerInclude(['parent'], new Set(['id']), 'Node', model),
    ).to.throw({
      message:
        'Forbidden: may not use property "parentId" of Node in "include"',
    });
  });

  it('refuses any inclusion without the model definition', () => {
    expect(() =>
      checkCallerInclude(['parent'], readable, 'Node', undefined),
    ).to.throw({statusCode: 400, code: 'INVALID_POLICY_FILTER'});
  });

  function givenModel(relation: RelationMetadata) {
    const model = new ModelDefinition('Node')
      .addProperty('id', {type: 'string', id: true})
      .addProperty('name', {type: 'string'})
      .addProperty('parentId', {type: 'string'});
    model.relations = {[relation.name]: relation};
    return model;
  }
});
