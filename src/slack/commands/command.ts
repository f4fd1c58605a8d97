import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import type { Translate } from '../../i18n/t.js';
import type { Policy, Rules, TeamDefinition } from '../../policy/policy-file.js';
import type { UseCaseDeps } from '../../use-cases/deps.js';
import type { Block } from '../blocks.js';
import type { UserContext } from '../context.js';
import type { Feature } from '../ids.js';

/** What a help text may show: the rules as they apply to the asker's team. */
export interface HelpInput {
  readonly t: Translate;
  readonly locale: UserContext['locale'];
  readonly policy: Policy;
  /** The asker's team, or undefined for someone not in the org (department-wide rules). */
  readonly team: TeamDefinition | undefined;
  readonly rules: Rules;
}

export type SubcommandArgs = SlackCommandMiddlewareArgs &
  AllMiddlewareArgs & {
    readonly user: UserContext & { readonly person: NonNullable<UserContext['person']> };
    readonly deps: UseCaseDeps;
    /** The text after the sub-command word. */
    readonly rest: string;
  };

export interface Subcommand {
  /** i18n key describing the sub-command in help. */
  readonly summaryKey: Parameters<Translate>[0];
  run(args: SubcommandArgs): Promise<void>;
}

/** One slash command: its help view and its sub-commands (`''` is the bare command). */
export interface CommandDefinition {
  readonly feature: Feature;
  readonly titleKey: Parameters<Translate>[0];
  help(input: HelpInput): Block[];
  readonly subcommands: Readonly<Record<string, Subcommand>>;
}
