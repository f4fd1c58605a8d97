import { readFileSync } from 'node:fs';
import { isAppError, policyFileError } from './errors.js';
import { parsePolicy, type Policy } from './policy/policy-file.js';

/** Reads and checks the policy file; every problem comes back in one AppError('policy.invalid'), prefixed with the file's path. */
export function readPolicyFile(file: string): Policy {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw policyFileError([`cannot read ${file}: set POLICY_FILE to a readable policy file, or unset it for the default`]);
  }
  try {
    return parsePolicy(text);
  } catch (error) {
    if (isAppError(error) && error.code === 'policy.invalid') throw policyFileError(error.problems.map((p) => `${file}: ${p}`));
    throw error;
  }
}
