/**
 * RFC 9457 problem details: the one error shape of the API. The `type` points
 * at the error's anchor on the API reference page; `code` is stable.
 */
import { type AppError, RateLimitedError, toAppError } from '../errors.ts';

export type Problem = {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  instance: string;
  errors?: { location?: string; message: string }[];
};

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  409: 'Conflict',
  412: 'Precondition Failed',
  413: 'Content Too Large',
  428: 'Precondition Required',
  429: 'Too Many Requests',
  422: 'Unprocessable Content',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export function toProblem(error: unknown, instance: string): Problem {
  const err: AppError = toAppError(error);
  return {
    type: `/api#problem-${err.code}`,
    title: TITLES[err.status] ?? 'Error',
    status: err.status,
    detail: err.message,
    code: err.code,
    instance,
    ...(err.details.length > 0 ? { errors: err.details } : {}),
  };
}

export function problemResponse(error: unknown, instance: string): Response {
  const problem = toProblem(error, instance);
  const headers: Record<string, string> = {
    'content-type': 'application/problem+json; charset=utf-8',
    'cache-control': 'no-store',
  };
  if (error instanceof RateLimitedError) headers['retry-after'] = String(error.retryAfterSeconds);
  if (problem.status === 401) headers['www-authenticate'] = 'Bearer realm="compact-watch"';
  return new Response(JSON.stringify(problem), { status: problem.status, headers });
}
