// Copyright The loopback-security-monorepo authors. License: MIT.

import {
  config,
  Context,
  ContextTags,
  extensionFor,
  Getter,
  inject,
  injectable,
} from '@loopback/core';
import type {
  OASEnhancer,
  OpenApiSpec,
  OperationObject,
  SecurityRequirementObject,
  SecuritySchemeObject,
} from '@loopback/rest';
import debugFactory from 'debug';
import {AuthorizationBindings} from '../keys';
import {listRouteAccess, RouteAccess} from './access-report';
import {routeServersOf} from './route-servers';
import {describeRulesInWords} from './authorization-rules';
import {authorizationOptions} from '../options/options.reader';
import {
  AuthorizationSpecOptions,
  checkSpecOptions,
} from './authorization-spec.options';
import {
  ERROR_SCHEMA_NAME,
  forbiddenResponse,
  LOOPBACK_ERROR_SCHEMA,
  unauthorizedResponse,
} from './authorization-responses';

const debug = debugFactory('loopback:authorization:openapi');

/**
 * The extension point of `@loopback/rest`'s OpenAPI enhancers
 * (`OASEnhancerBindings.OAS_ENHANCER_EXTENSION_POINT_NAME`)
 */
const OAS_ENHANCER_EXTENSION_POINT = 'oas-enhancer';

const HTTP_VERBS = [
  'get',
  'put',
  'post',
  'delete',
  'options',
  'head',
  'patch',
  'trace',
];

/**
 * Writes what `@authorize` says into the OpenAPI document, so that API
 * consumers and the API Explorer see it.
 *
 * @remarks
 * For each operation of a controller method, as the interceptor would
 * decide it:
 * - protected: 401 and 403 responses with LoopBack's error body (each only
 *   when the operation does not declare it), the 403 saying who may call;
 *   `x-authorization` with the rules; and the `scopes` in the security
 *   requirement of a scheme with scopes;
 * - public (`skip`, a public path, or no rule at all):
 *   `x-authorization: {public: true}`.
 *
 * It is added by `AuthorizationComponent` and needs `@loopback/rest` only
 * when there is an OpenAPI document to enhance. It reads the routes and the
 * options each time the document is built, so it never documents stale
 * rules.
 */
@injectable(extensionFor(OAS_ENHANCER_EXTENSION_POINT), {
  tags: {
    [ContextTags.KEY]: AuthorizationBindings.SPEC_ENHANCER,
    [ContextTags.NAMESPACE]: OAS_ENHANCER_EXTENSION_POINT,
  },
})
export class AuthorizationSpecEnhancer implements OASEnhancer {
  /**
   * The name of the enhancer
   */
  name = 'authorization';

  /**
   * @param ctx - The context the document is built in: the REST server's
   * @param getOptions - Reads the enhancer options. A getter, read on each
   * document: the extension point keeps its enhancers once resolved, so a
   * value injected here would miss a later `app.configure()`.
   */
  constructor(
    @inject.context() private readonly ctx: Context,
    @config.getter()
    private readonly getOptions: Getter<AuthorizationSpecOptions | undefined>,
  ) {}

  /**
   * Add the authorization rules to a document
   * @param spec - The document built from the controllers
   */
  async modifySpec(spec: OpenApiSpec): Promise<OpenApiSpec> {
    const options = checkSpecOptions(await this.getOptions());
    if (options.disabled) return spec;
    const routes = new Map<string, RouteAccess>();
    for (const server of routeServersOf(this.ctx)) {
      const serverOptions = await authorizationOptions.read(server);
      for (const route of listRouteAccess(server, serverOptions)) {
        const key = `${route.verb} ${route.path}`;
        if (!routes.has(key)) routes.set(key, route);
      }
    }
    const scopesScheme = scopesSchemeOf(spec, options);
    let protectedCount = 0;
    for (const [path, pathItem] of Object.entries(spec.paths ?? {})) {
      for (const verb of HTTP_VERBS) {
        const operation: OperationObject | undefined = pathItem[verb];
        const route = routes.get(`${verb} ${path}`);
        if (operation == null || route == null) continue;
        // Every route whose calls authorization decides, a public one
        // allowed to `$everyone` included: its rule is documented, and the
        // denial a voter of the application could still answer
        if (route.rules !== undefined && !route.rules.skip) {
          protectedCount++;
          documentProtected(spec, operation, route, scopesScheme, options);
        } else {
          operation['x-authorization'] = {public: true, source: route.source};
        }
      }
    }
    if (protectedCount > 0) addErrorSchema(spec);
    debug('Documented %d protected operations', protectedCount);
    return spec;
  }
}

/**
 * The security scheme that takes scopes: the configured one, or the only
 * OAuth 2.0 or OpenID Connect scheme
 */
function scopesSchemeOf(
  spec: OpenApiSpec,
  options: AuthorizationSpecOptions,
): string | undefined {
  if (options.scopesScheme) return options.scopesScheme;
  const schemes = spec.components?.securitySchemes ?? {};
  const scopeSchemes = Object.entries(schemes)
    .filter(([, scheme]) => {
      const type = (scheme as SecuritySchemeObject).type;
      return type === 'oauth2' || type === 'openIdConnect';
    })
    .map(([name]) => name);
  return scopeSchemes.length === 1 ? scopeSchemes[0] : undefined;
}

function documentProtected(
  spec: OpenApiSpec,
  operation: OperationObject,
  route: RouteAccess,
  scopesScheme: string | undefined,
  options: AuthorizationSpecOptions,
): void {
  const rules = route.rules ?? {};
  operation.responses = {...operation.responses};
  operation.responses['401'] ??=
    options.unauthorizedResponse ?? unauthorizedResponse();
  operation.responses['403'] ??= forbiddenResponse(describeRulesInWords(rules));
  operation['x-authorization'] = {...rules, source: route.source};
  if (scopesScheme && rules.scopes?.length) {
    operation.security = withScopes(
      operation.security ?? spec.security,
      scopesScheme,
      rules.scopes,
    );
  }
}

/**
 * The security requirements with the scopes added to those that name the
 * scheme; without requirements, one of the scheme alone. Requirements of
 * other schemes only are left as they are: they are not ours to change.
 */
function withScopes(
  requirements: SecurityRequirementObject[] | undefined,
  scheme: string,
  scopes: string[],
): SecurityRequirementObject[] | undefined {
  if (requirements == null || requirements.length === 0) {
    return [{[scheme]: [...scopes]}];
  }
  return requirements.map(r =>
    scheme in r ? {...r, [scheme]: [...new Set([...r[scheme], ...scopes])]} : r,
  );
}

function addErrorSchema(spec: OpenApiSpec): void {
  spec.components = {...spec.components};
  spec.components.schemas = {...spec.components.schemas};
  spec.components.schemas[ERROR_SCHEMA_NAME] ??= LOOPBACK_ERROR_SCHEMA;
}
