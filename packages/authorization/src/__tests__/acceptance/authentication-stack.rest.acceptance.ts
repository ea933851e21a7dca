// Copyright The loopback-security-monorepo authors. License: MIT.

// The standard authentication stack of LoopBack applications: the published
// @loopback/authentication and @loopback/authentication-jwt bind the user,
// this package authorizes with its built-in authorizers. Over HTTP, with a
// real server and the jwt component's own user repository and services.

import {
  authenticate,
  AuthenticationComponent,
  TokenService,
} from '@loopback/authentication';
import {
  Credentials,
  JWTAuthenticationComponent,
  MyUserService,
  TokenServiceBindings,
  UserRepository,
  UserServiceBindings,
} from '@loopback/authentication-jwt';
import {inject} from '@loopback/core';
import {juggler, RepositoryMixin} from '@loopback/repository';
import {get, post, requestBody, RestApplication} from '@loopback/rest';
import {SecurityBindings, securityId, UserProfile} from '@loopback/security';
import {
  Client,
  createRestAppClient,
  expect,
  givenHttpServerConfig,
} from '@loopback/testlab';
import {hash} from 'bcryptjs';
import {realpathSync} from 'node:fs';
import {dirname, join} from 'node:path';
import {
  AuthorizationBindings,
  AuthorizationComponent,
  AuthorizationTags,
  authorize,
  BuiltinAuthorizersComponent,
  RoleMapper,
} from '../..';
import {PublicController} from '../fixtures/rest-app';

/**
 * Roles by user id: applications keep them in their database; the jwt
 * component's tokens carry no roles
 */
const ROLES: Record<string, string[]> = {42: ['ADMIN']};

const rolesFromStore: RoleMapper = principals =>
  principals.flatMap(p => ROLES[p[securityId]] ?? []);

class ShopController {
  constructor(
    @inject(TokenServiceBindings.TOKEN_SERVICE)
    private readonly tokens: TokenService,
    @inject(UserServiceBindings.USER_SERVICE)
    private readonly users: MyUserService,
    @inject(SecurityBindings.USER, {optional: true})
    private readonly user?: UserProfile,
  ) {}

  @authorize.allowAll()
  @post('/users/login')
  async login(
    @requestBody({
      content: {
        'application/json': {
          schema: {
            type: 'object',
            properties: {email: {type: 'string'}, password: {type: 'string'}},
          },
        },
      },
    })
    credentials: Credentials,
  ) {
    const found = await this.users.verifyCredentials(credentials);
    const profile = this.users.convertToUserProfile(found);
    return {token: await this.tokens.generateToken(profile)};
  }

  @authenticate('jwt')
  @authorize.allowAuthenticated()
  @get('/whoami')
  whoAmI() {
    return {id: this.user![securityId]};
  }

  @authenticate('jwt')
  @authorize.allow('ADMIN')
  @get('/admin')
  admin() {
    return {admin: true};
  }

  @authorize.allowAuthenticated()
  @get('/members')
  members() {
    return {members: true};
  }
}

class ShopApplication extends RepositoryMixin(RestApplication) {}

describe('With @loopback/authentication and @loopback/authentication-jwt (HTTP)', () => {
  let app: ShopApplication;
  let client: Client;
  let userToken: string;
  let userId: string;

  before(async () => {
    app = new ShopApplication({rest: givenHttpServerConfig()});
    app.component(AuthenticationComponent);
    app.component(JWTAuthenticationComponent);
    app.dataSource(
      new juggler.DataSource({name: 'jwtdb', connector: 'memory'}),
      UserServiceBindings.DATASOURCE_NAME,
    );
    app.component(AuthorizationComponent);
    app.component(BuiltinAuthorizersComponent);
    app
      .bind('authorization.roleMappers.store')
      .to(rolesFromStore)
      .tag(AuthorizationTags.ROLE_MAPPER);
    app.configure(AuthorizationBindings.COMPONENT).to({
      unprotectedRoutes: 'fail',
    });
    app.controller(ShopController);
    app.controller(PublicController);
    await app.start();
    client = createRestAppClient(app);

    const users = await app.getRepository(UserRepository);
    const ann = await users.create({email: 'ann@example.com', username: 'ann'});
    await users
      .userCredentials(ann.id)
      .create({password: await hash('ann-password', 4)});
    userId = ann.id;
    userToken = (
      await client
        .post('/users/login')
        .send({email: 'ann@example.com', password: 'ann-password'})
        .expect(200)
    ).body.token;
  });

  after(async () => {
    await app.stop();
  });

  it('shares one @loopback/security with the published packages: ours', () => {
    const ours = require.resolve('@loopback/security');
    for (const published of [
      '@loopback/authentication',
      '@loopback/authentication-jwt',
    ]) {
      const from = dirname(require.resolve(published));
      expect(require.resolve('@loopback/security', {paths: [from]})).to.equal(
        ours,
      );
    }
    expect(realpathSync(ours)).to.startWith(
      realpathSync(join(__dirname, '..', '..', '..', '..', 'security')),
    );
  });

  it('logs in and reaches an authenticated route as the user the jwt strategy binds', async () => {
    await client
      .get('/whoami')
      .set('Authorization', `Bearer ${userToken}`)
      .expect(200, {id: userId});
  });

  it('denies a user without the role 403', async () => {
    const res = await client
      .get('/admin')
      .set('Authorization', `Bearer ${userToken}`)
      .expect(403);
    expect(res.body.error.message).to.equal('Access denied');
  });

  it('leaves a request without a token to the authentication component: 401', async () => {
    await client.get('/whoami').expect(401);
  });

  it('denies an anonymous caller of a route that only authorizes: 403', async () => {
    await client.get('/members').expect(403);
  });

  it('lets an anonymous caller through allowAll', async () => {
    await client.get('/public').expect(200, {public: true});
  });

  it('decides for a token whose id claim is a number, as its decimal string', async () => {
    // LoopBack's jwt strategy puts the claim as it is into [securityId]
    const tokens = await app.get(TokenServiceBindings.TOKEN_SERVICE);
    const token = await tokens.generateToken({
      [securityId]: 42 as unknown as string,
      name: 'admin',
    });
    await client
      .get('/admin')
      .set('Authorization', `Bearer ${token}`)
      .expect(200, {admin: true});
    await client
      .get('/whoami')
      .set('Authorization', `Bearer ${token}`)
      .expect(200, {id: 42});
  });

  it('still refuses a token whose id claim is empty', async () => {
    const tokens = await app.get(TokenServiceBindings.TOKEN_SERVICE);
    const token = await tokens.generateToken({[securityId]: '', name: 'x'});
    const res = await client
      .get('/whoami')
      .set('Authorization', `Bearer ${token}`)
      .expect(500);
    expect(res.body.error.message).to.equal('Internal Server Error');
  });
});
