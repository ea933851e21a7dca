// Copyright The loopback-security-monorepo authors. License: MIT.

import {Entity, model, property} from '@loopback/repository';

/**
 * A user of the shop, who logs in with a username and a password.
 *
 * @remarks
 * `passwordHash` is a hidden property: `toJSON()` leaves it out, so neither a
 * response nor a log line built from a user can carry it.
 */
@model({settings: {strict: true, hiddenProperties: ['passwordHash']}})
export class User extends Entity {
  /**
   * The id, a UUID generated at creation; it is the `sub` claim of the tokens
   */
  @property({type: 'string', id: true, defaultFn: 'uuidv4'})
  id!: string;

  /**
   * The login name, unique among users
   */
  @property({type: 'string', required: true, index: {unique: true}})
  username!: string;

  /**
   * The display name, the `name` claim of the tokens
   */
  @property({type: 'string', required: true})
  name!: string;

  /**
   * The email address
   */
  @property({type: 'string', jsonSchema: {format: 'email'}})
  email?: string;

  /**
   * The roles of the user (see `Roles`) in memory mode. Empty in PostgreSQL
   * mode, where the role assignments of the authorization store are their
   * only copy; read them through the role source.
   */
  @property.array(String, {default: []})
  roles!: string[];

  /**
   * The scrypt hash of the password, as `salt:hash` (both base64)
   */
  @property({type: 'string', required: true})
  passwordHash!: string;

  /**
   * @param data - The properties of the user
   */
  constructor(data?: Partial<User>) {
    super(data);
  }
}
