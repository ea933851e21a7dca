// Copyright The loopback-security-monorepo authors. License: MIT.

import {AuthorizationTags} from '@loopback/authorization';
import {
  PostgresAuthorizationBindings,
  PostgresAuthorizationComponent,
} from '@loopback/authorization-postgres';
import {PostgresPolicyComponent} from '@loopback/authorization-postgres/policy';
import {Application, BindingScope} from '@loopback/core';
import {RevokedUserStatus} from './authentication/postgres.user-status';
import {UserRecordStatus} from './authentication/user-status';
import {PostgresRoleSource} from './authorization/postgres.role-source';
import {UserRecordRoleSource} from './authorization/role-source';
import {RoleSourceRoleMapperProvider} from './authorization/role-source.role-mapper';
import {DEFAULT_DB_CONFIG} from './datasources/db.datasource';
import {AccessControlBindings} from './keys';

// The two ways the example keeps its data. Both read the roles of a user
// from a role source on every request, through a role mapper: the door of
// each method and the guarded repositories see the same roles (the policy
// package builds the repositories' caller from the role mappers).

/**
 * Memory mode: users, orders and rules in the memory connector (in a JSON
 * file with `dataFile`), the roles in the user records
 * @param app - The application
 * @param dataFile - The JSON file, if any
 */
export function useMemory(app: Application, dataFile?: string): void {
  app
    .bind(AccessControlBindings.DATASOURCE_CONFIG)
    .to(dataFile ? {...DEFAULT_DB_CONFIG, file: dataFile} : DEFAULT_DB_CONFIG);
  app
    .bind(AccessControlBindings.ROLE_SOURCE)
    .toClass(UserRecordRoleSource)
    .inScope(BindingScope.SINGLETON);
  app
    .bind(AccessControlBindings.USER_STATUS)
    .toClass(UserRecordStatus)
    .inScope(BindingScope.SINGLETON);
  app
    .bind(AccessControlBindings.ROLE_MAPPER)
    .toProvider(RoleSourceRoleMapperProvider)
    .tag(AuthorizationTags.ROLE_MAPPER);
}

/**
 * PostgreSQL mode: users and orders through `loopback-connector-postgresql`,
 * policy rules and role assignments in the PostgreSQL authorization store,
 * whose change feed keeps every instance up to date
 * @param app - The application
 * @param url - The PostgreSQL URL
 */
export function usePostgres(app: Application, url: string): void {
  app
    .bind(AccessControlBindings.DATASOURCE_CONFIG)
    .to({name: 'db', connector: 'postgresql', url});
  app
    .configure(PostgresAuthorizationBindings.COMPONENT)
    .to({connectionString: url});
  // Its role mapper reads the role assignments of the store
  app.component(PostgresAuthorizationComponent);
  // After the policy component: the policy store is the one of PostgreSQL
  app.component(PostgresPolicyComponent);
  app
    .bind(AccessControlBindings.ROLE_SOURCE)
    .toClass(PostgresRoleSource)
    .inScope(BindingScope.SINGLETON);
  app
    .bind(AccessControlBindings.USER_STATUS)
    .toClass(RevokedUserStatus)
    .inScope(BindingScope.SINGLETON);
}
