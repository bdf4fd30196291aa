/**
 * The public runtime: what generated operations import, and what users of any client need
 * (errors, auth helpers, option types).
 */
export type {
  Auth,
  BaseClientOptions,
  CallOptions,
  ClientOptions,
  FetchLike,
  HeaderRecord,
  HeaderValue,
  Logger,
  LogLevel,
  ResponseCheck,
  ResponseValidator,
  TokenProvider,
} from "./options.js";
export { callOperation } from "./call-operation.js";
export { ApiPromise, type ApiResult, type RequestIdField, type WithRequestId } from "./api-promise.js";
export { createClient, CLIENT_DEFAULTS, type Client } from "./client.js";
export { createBasicClient, type BasicClientOptions } from "./basic-client.js";
export { bindResources, operationOf, type BoundResources } from "./bind-resources.js";
export type {
  ErrorBodies,
  ErrorOf,
  HttpMethod,
  OperationArgs,
  OperationCallOptions,
  OperationMeta,
  OperationParams,
  PageItem,
  PagingRule,
  RequestBody,
  SuccessBody,
} from "./operation-types.js";
export type { ClientErrorStatus, HttpErrorStatus, RedirectStatus, ServerErrorStatus } from "./http-status.js";
export {
  clientCredentialsAuth,
  refreshTokenAuth,
  type ClientCredentialsAuthOptions,
  type OAuth2TokenProvider,
  type RefreshTokenAuthOptions,
  type TokenFetch,
  type TokenHelperOptions,
} from "./oauth2.js";
export {
  ApiError,
  AuthenticationError,
  BadRequestError,
  ClientConfigError,
  ConflictError,
  ConnectionError,
  InternalServerError,
  InvalidRequestError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  RequestAbortedError,
  RequestError,
  ResponseDecodeError,
  ResponseError,
  ResponseTooLargeError,
  ResponseValidationError,
  SdkError,
  TimeoutError,
  SignInError,
  TokenRequestError,
  UnprocessableEntityError,
  type ApiErrorInit,
  type ApiErrorOf,
  type RequestFacts,
  type ResponseDecodeErrorInit,
  type ResponseValidationErrorInit,
} from "./errors.js";
export { PagedApiPromise, callPagedOperation } from "./paging.js";
export {
  authorizationCodeFlow,
  type AuthorizationCodeFlow,
  type AuthorizationCodeFlowOptions,
  type AuthorizationRequest,
  type SignInTokens,
} from "./authorization-code.js";
