/** Every error leaves the server as `{ error: { code, message, details? } }` (contract apiErrorSchema). */
import type { ApiError as ApiErrorBody } from '@contract/auth';

export class ApiError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  toBody(): ApiErrorBody {
    return { error: { code: this.code, message: this.message, ...(this.details === undefined ? {} : { details: this.details }) } };
  }
}

export const badRequest = (code: string, message: string, details?: unknown): ApiError => new ApiError(400, code, message, details);
export const unauthorized = (code: string, message: string): ApiError => new ApiError(401, code, message);
export const forbidden = (message: string, details?: unknown): ApiError => new ApiError(403, 'forbidden', message, details);
export const notFound = (message: string): ApiError => new ApiError(404, 'not_found', message);
export const conflict = (code: string, message: string): ApiError => new ApiError(409, code, message);
export const tooManyRequests = (message: string, retryAfterSeconds: number): ApiError =>
  new ApiError(429, 'rate_limited', message, { retryAfterSeconds });
