// Copyright The loopback-security-monorepo authors. License: MIT.

// The module path of the published package that held the decorator, its
// metadata keys and lookup, kept so that
// `@loopback/authorization/dist/decorators/authorize` resolves with the same
// names.

export {AUTHORIZATION_CLASS_KEY, AUTHORIZATION_METHOD_KEY} from '../keys';
export {getAuthorizationMetadata} from '../metadata/authorization-metadata';
export {authorize} from '../metadata/authorize.decorator';
export {AuthorizeMethodDecoratorFactory} from '../metadata/authorize.decorator-factory';
