import { readFileSync } from 'node:fs';
import { parsePolicy, PolicyFileError, type Policy } from './policy/policy-file.js';

/** Reads and checks the policy file; every problem comes back in a PolicyFileError prefixed with the file's path. */
export function readPolicyFile(file: string): Policy {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new PolicyFileError([`cannot read ${file}: set POLICY_FILE to a readable policy file, or unset it for the default`]);
  }
  try {
    return parsePolicy(text);
  } catch (error) {
    if (error instanceof PolicyFileError) throw new PolicyFileError(error.problems.map((p) => `${file}: ${p}`));
    throw error;
  }
}
