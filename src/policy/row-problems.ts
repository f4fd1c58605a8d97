/** Zod refinements whose message is a problem's message key, and their issues as line problems. */
import type { z } from 'zod';
import type { LineProblem } from './table.js';
import type { MessageKey, MessageParams } from '../i18n/t.js';

/** The options of a `.refine` that fails with `code`. */
export function problemFor(code: MessageKey, params: MessageParams = {}): { error: MessageKey; params: MessageParams } {
  return { error: code, params };
}

/** An issue raised through `problemFor`; the cell as written becomes `value`. */
export function problemFromIssue(line: number, issue: z.core.$ZodIssue): LineProblem {
  const params = issue.code === 'custom' ? (issue.params as MessageParams | undefined) : undefined;
  return { line, code: issue.message as MessageKey, params: { value: String(issue.input ?? ''), ...params } };
}
