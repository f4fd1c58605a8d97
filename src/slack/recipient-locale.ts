import type { Person } from '../db/schema.js';
import { supportedLocale } from '../i18n/t.js';
import type { Locale, Policy } from '../policy/policy-file.js';
import type { SlackLocales } from './locale-cache.js';

/** The language to write to someone in: their Slack locale, else the org file's, else the department's default. */
export async function recipientLocale(
  locales: SlackLocales,
  policy: Pick<Policy, 'default_locale'>,
  person: Pick<Person, 'locale'> | undefined,
  slackId: string,
): Promise<Locale> {
  return localeFrom(await locales.get(slackId), person, policy);
}

export function localeFrom(
  slackLocale: string | undefined,
  person: Pick<Person, 'locale'> | undefined,
  policy: Pick<Policy, 'default_locale'>,
): Locale {
  return supportedLocale(slackLocale) ?? supportedLocale(person?.locale) ?? policy.default_locale;
}
