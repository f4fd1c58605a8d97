/**
 * The one error type, with a closed set of codes (a new one is added here, so a typo fails the type
 * check). Errors are for what should not happen (a bad configuration, a row gone that was just read);
 * expected business refusals (a broken leave rule, say) are values, `Refusal`, whose codes are message keys.
 */
export type AppErrorCode =
  /** The environment (Slack tokens, ports, the database URL) cannot be used; `message` says why, a line per problem. */
  | 'config.invalid'
  /** The embedded database folder is held by another process (or its lock cannot be taken); `message` names the holder. */
  | 'data.in_use'
  /** The policy file cannot be used; `problems` lists each, like `leave.types.personal.notice: expected …`. */
  | 'policy.invalid'
  /** Code asked the policy for a shift, team or rule its checks guarantee: a bug, not a user's mistake. */
  | 'policy.inconsistent'
  | 'clock.backwards'
  | 'db.no_row'
  /** A bulk roster load found a person or team its checks should have refused: a bug, not a user's mistake. */
  | 'roster.unknown_reference'
  /** The read model's compact roster met more distinct shift, status or team values than its layout holds. */
  | 'read_model.too_many_values'
  | 'org.unknown_team'
  | 'leave.unknown_request'
  | 'leave.unknown_person'
  | 'swap.unknown'
  | 'swap.unknown_requester'
  | 'swap.roster_moved'
  | 'cover.roster_moved'
  | 'handover.no_shift'
  | 'handover.unknown'
  | 'slack.no_user'
  /** Slack answered a call without what its documentation promises (a posted message's channel and ts). */
  | 'slack.unexpected_answer'
  /** Slack did not answer within the time given. */
  | 'slack.no_answer'
  | 'slack.duplicate_route'
  /** Adjusted comp time above the hours proposed reached the ledger's write: the form checks it first. */
  | 'comp_time.over_proposed'
  /** A demo file of the sandbox does not import: `problems` lists its lines. */
  | 'sandbox.demo_invalid'
  | 'sandbox.not_started'
  /** The Slack stand-in was asked what it cannot serve: an unknown user, a view never opened, an answer Slack would refuse, an error Slack does not document. */
  | 'standin.refused';

export class AppError extends Error {
  readonly code: AppErrorCode;
  readonly params: Readonly<Record<string, string | number>>;
  /** Each problem on its own line, where there can be many (a policy file's). */
  readonly problems: readonly string[];

  constructor(
    code: AppErrorCode,
    message: string,
    params: Record<string, string | number> = {},
    options?: { cause?: unknown; problems?: readonly string[] },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.params = params;
    this.problems = options?.problems ?? [message];
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}

/** A policy file that cannot be used, with every problem found. */
export function policyFileError(problems: readonly string[]): AppError {
  return new AppError('policy.invalid', problems.join('\n'), { count: problems.length }, { problems });
}

/**
 * Why a start or a command could not run, a line each for a person at a terminal; undefined for an
 * error that is not a configuration's (the caller prints what it knows of it).
 */
export function configurationProblems(error: unknown): string[] | undefined {
  if (!isAppError(error)) return undefined;
  if (error.code === 'config.invalid' || error.code === 'data.in_use') return error.message.split('\n');
  if (error.code === 'policy.invalid') return error.problems.map((problem) => `policy: ${problem}`);
  return undefined;
}
