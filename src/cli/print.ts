import type { LineProblem } from '../policy/table.js';
import type { Translate } from '../i18n/t.js';
import type { ArgsProblem } from './args.js';
import type { CliIo } from './environment.js';

/** `line 7: unknown team "sales" (…)`; a problem of the whole file has no line. */
export function describeProblem(say: Translate, problem: LineProblem): string {
  const text = say(problem.code, problem.params);
  return problem.line > 0 ? say('import.line', { line: problem.line, problem: text }) : text;
}

export function printProblems(io: CliIo, say: Translate, problems: readonly LineProblem[]): void {
  for (const problem of problems) io.stderr.write(`${describeProblem(say, problem)}\n`);
}

/** The reason, then how to call the command; returns exit status 2. */
export function usageError(
  io: CliIo,
  say: Translate,
  problem: ArgsProblem,
  usage: 'import.usage' | 'import.export_usage' | 'calendar.usage',
): number {
  io.stderr.write(`${say(problem.code, problem.params)}\n${say(usage)}\n`);
  return 2;
}
