// Copyright The loopback-security-monorepo authors. License: MIT.

import {injectable} from '@loopback/core';
import {
  asSpecEnhancer,
  mergeOpenAPISpec,
  OASEnhancer,
  OpenApiSpec,
} from '@loopback/rest';
import {JWT_SECURITY_SCHEME} from './responses';

/**
 * Adds the bearer security scheme `jwt` to the OpenAPI document, which gives
 * the API Explorer its "Authorize" button. Operations opt in with
 * `security: BEARER_SECURITY`.
 */
@injectable(asSpecEnhancer)
export class SecuritySchemeEnhancer implements OASEnhancer {
  /**
   * The name of the enhancer
   */
  name = 'jwtSecurityScheme';

  /**
   * Add the scheme to a spec
   * @param spec - The spec built from the controllers
   */
  modifySpec(spec: OpenApiSpec): OpenApiSpec {
    return mergeOpenAPISpec(spec, {
      components: {
        securitySchemes: {
          [JWT_SECURITY_SCHEME]: {
            type: 'http',
            scheme: 'bearer',
            bearerFormat: 'JWT',
            description: 'The token returned by POST /users/login',
          },
        },
      },
    });
  }
}
