import type { MessageKey, MessageParams } from '../i18n/t.js';

export interface CliArgs {
  readonly positionals: readonly string[];
  readonly flags: ReadonlySet<string>;
  readonly values: ReadonlyMap<string, string>;
}

export interface ArgsProblem {
  readonly code: MessageKey;
  readonly params: MessageParams;
}

/** Splits `argv` into positionals, known `--flag`s and known `--option value` / `--option=value` pairs. */
export function parseCliArgs(
  argv: readonly string[],
  known: { flags: readonly string[]; values: readonly string[] },
): { args: CliArgs } | { problem: ArgsProblem } {
  const positionals: string[] = [];
  const flags = new Set<string>();
  const values = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (!arg.startsWith('--')) {
      positionals.push(arg);
      continue;
    }
    const [option = '', inline] = arg.split(/=(.*)/s, 2);
    if (known.flags.includes(option) && inline === undefined) {
      flags.add(option);
    } else if (known.values.includes(option)) {
      const value = inline ?? argv[++i];
      if (value === undefined || value === '') return { problem: { code: 'import.missing_value', params: { option } } };
      values.set(option, value);
    } else {
      return { problem: { code: 'import.unknown_option', params: { option: arg } } };
    }
  }
  return { args: { positionals, flags, values } };
}
