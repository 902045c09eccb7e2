/**
 * One error hierarchy for the whole application. Every error carries a stable
 * machine-readable `code`, an HTTP status (used by the API as RFC 9457
 * problem+json) and a CLI exit code, so the same failure reads the same way
 * wherever it surfaces.
 *
 * @example
 * throw new NotFoundError('objective', 'gcm-99');
 * // → 404, code "not_found", CLI exit 3
 */
/** Every stable error code, with what it means; the API reference page lists them. */
export const ERROR_CODES = {
  invalid_input:
    'A parameter, body field or CLI argument is malformed; `errors[]` names each one and where it is.',
  not_found: 'Nothing exists at this address or with this id.',
  invalid_config: 'An environment variable has an unusable value.',
  invalid_data_file:
    'A data file (reference data or an import) is unreadable or invalid; nothing was written.',
  data_dir_locked: 'Another process holds the embedded data folder.',
  database_unavailable: 'The database could not be reached, or a migration failed.',
  internal_error: 'An unexpected failure; it has been logged. No details are disclosed.',
  unauthenticated: 'The request needs a signed-in user or an API token, and has none that is valid.',
  forbidden: 'The caller is known but may not do this to this record.',
  rate_limited: 'Too many attempts; wait the number of seconds in `Retry-After`.',
  conflict: 'The record already exists or its state does not allow this change.',
  payload_too_large: 'The request body is larger than this route accepts.',
  precondition_required:
    'A change to an existing record needs `If-Match` with the ETag of the version it was based on.',
  precondition_failed:
    'The record changed since the ETag in `If-Match` was read; read it again and reapply the change.',
} as const;
export type ErrorCode = keyof typeof ERROR_CODES;

export type ErrorDetail = {
  /** Where the problem is: a query parameter, a JSON pointer, `file:row:column`, a field. */
  location?: string;
  message: string;
};

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly exitCode: number;
  readonly details: ErrorDetail[];

  constructor(
    message: string,
    opts: { code: ErrorCode; status: number; exitCode: number; details?: ErrorDetail[]; cause?: unknown },
  ) {
    super(message, { cause: opts.cause });
    this.name = new.target.name;
    this.code = opts.code;
    this.status = opts.status;
    this.exitCode = opts.exitCode;
    this.details = opts.details ?? [];
  }
}

/** Input from a user (query string, request body, CLI argument) is malformed. */
export class ValidationError extends AppError {
  constructor(message: string, details: ErrorDetail[] = []) {
    super(message, { code: 'invalid_input', status: 400, exitCode: 2, details });
  }
}

/** A thing addressed by id does not exist. */
export class NotFoundError extends AppError {
  readonly resource: string;
  readonly id: string;
  constructor(resource: string, id: string) {
    super(`No ${resource} with id "${id}".`, { code: 'not_found', status: 404, exitCode: 3 });
    this.resource = resource;
    this.id = id;
  }
}

/** Configuration from the environment is unusable. */
export class ConfigError extends AppError {
  constructor(message: string, details: ErrorDetail[] = []) {
    super(message, { code: 'invalid_config', status: 500, exitCode: 78, details });
  }
}

/** A data file (reference data, an import) is unreadable or invalid. */
export class DataFileError extends AppError {
  constructor(message: string, details: ErrorDetail[] = [], cause?: unknown) {
    super(message, { code: 'invalid_data_file', status: 422, exitCode: 65, details, cause });
  }
}

/** Another process holds the data folder. */
export class LockedError extends AppError {
  constructor(message: string) {
    super(message, { code: 'data_dir_locked', status: 503, exitCode: 75 });
  }
}

/** The database could not be reached or a migration failed. */
export class DatabaseError extends AppError {
  constructor(message: string, cause?: unknown) {
    super(message, { code: 'database_unavailable', status: 503, exitCode: 69, cause });
  }
}

/** No valid session or token. The message never says whether an account exists. */
export class AuthenticationError extends AppError {
  constructor(message = 'Sign in, or send a valid API token.') {
    super(message, { code: 'unauthenticated', status: 401, exitCode: 77 });
  }
}

/** The caller may not do this; `details` may name the record. */
export class ForbiddenError extends AppError {
  constructor(message: string, details?: ErrorDetail[]) {
    super(message, { code: 'forbidden', status: 403, exitCode: 77, details });
  }
}

/** Too many attempts (login throttling); the caller should wait `retryAfterSeconds`. */
export class RateLimitedError extends AppError {
  readonly retryAfterSeconds: number;
  constructor(retryAfterSeconds: number) {
    super(`Too many attempts. Try again in ${retryAfterSeconds} seconds.`, {
      code: 'rate_limited',
      status: 429,
      exitCode: 75,
    });
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/** The record exists already, or is in a state that refuses the change. */
export class ConflictError extends AppError {
  constructor(message: string, details?: ErrorDetail[]) {
    super(message, { code: 'conflict', status: 409, exitCode: 2, details });
  }
}

/** A change to an existing record came without `If-Match`: it could overwrite someone else's edit. */
export class PreconditionRequiredError extends AppError {
  constructor(message = 'Send If-Match with the ETag of the record you changed.') {
    super(message, { code: 'precondition_required', status: 428, exitCode: 2 });
  }
}

/** `If-Match` names a version that is no longer current. */
export class PreconditionFailedError extends AppError {
  constructor(message = 'The record has changed since you read it; read it again and reapply your change.') {
    super(message, { code: 'precondition_failed', status: 412, exitCode: 2 });
  }
}

/** A request body over the route's size limit. */
export class PayloadTooLargeError extends AppError {
  constructor(limitBytes: number) {
    super(`The request body is larger than ${Math.round(limitBytes / 1024)} KiB.`, {
      code: 'payload_too_large',
      status: 413,
      exitCode: 2,
    });
  }
}

/** Wraps anything unexpected so callers only ever see an AppError. */
export function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  // A client error raised by the HTTP framework itself (e.g. a malformed JSON body): keep its status.
  const status = (err as { status?: unknown } | null)?.status;
  if (err instanceof Error && typeof status === 'number' && status >= 400 && status < 500) {
    return new AppError(err.message, { code: 'invalid_input', status, exitCode: 2 });
  }
  return new AppError('An unexpected error occurred.', {
    code: 'internal_error',
    status: 500,
    exitCode: 70,
    cause: err,
  });
}

/** No route answers at this path. */
export class RouteNotFoundError extends AppError {
  constructor(path: string) {
    super(`There is nothing at ${path}.`, { code: 'not_found', status: 404, exitCode: 3 });
  }
}
