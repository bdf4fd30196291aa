/**
 * The public runtime: what generated operations import, and what users of any client need
 * (errors, auth helpers, option types).
 */
export { callOperation, type CallOptions } from "./call-operation.js";
export { ApiPromise, type ApiResult } from "./api-promise.js";
export { createClient, CLIENT_DEFAULTS, type Client, type ClientOptions, type FetchLike, type HeaderRecord, type HeaderValue } from "./client.js";
export { createBasicClient, type BasicClientOptions } from "./basic-client.js";
export type { BaseClientOptions } from "../internal/client-setup.js";
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
export type { Auth, TokenProvider } from "./auth.js";
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
