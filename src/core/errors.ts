/** Error codes the core raises for problems a user can fix. */
export type CoreErrorCode =
  | 'EMPTY_QUESTION'
  | 'UNKNOWN_SOURCE'
  | 'AMBIGUOUS_SOURCE'
  | 'SEEDS_MISSING'
  | 'SEEDS_NOT_A_FOLDER'
  | 'SEEDS_EMPTY'
  | 'SEEDS_UNREADABLE'
  | 'BAD_OPTION';

/**
 * A problem with the input or the corpus that the user can fix. The message names the
 * problem and what to do; callers show it as is, never with a stack trace.
 */
export class CoreError extends Error {
  readonly code: CoreErrorCode;
  /** The message without the `seedbot:` prefix, as a user is told it. */
  readonly reason: string;

  constructor(code: CoreErrorCode, message: string) {
    super(`seedbot: ${message}`);
    this.name = 'CoreError';
    this.code = code;
    this.reason = message;
  }
}

export const isCoreError = (error: unknown): error is CoreError => error instanceof CoreError;
