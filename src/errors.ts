/**
 * The one error type. `code` is stable and doubles as an i18n key where the error reaches a user;
 * `params` fill that message. Expected business refusals (a broken leave rule, say) are values, not errors.
 */
export class AppError extends Error {
  readonly code: string;
  readonly params: Readonly<Record<string, string | number>>;

  constructor(code: string, message: string, params: Record<string, string | number> = {}, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AppError';
    this.code = code;
    this.params = params;
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
