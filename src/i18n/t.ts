/**
 * The one translation function. Catalogs live in ./catalogs, one file per area with both languages side
 * by side; keys are flat ("help.leave.title") and values use {{name}} placeholders.
 */
import i18next, { type i18n } from 'i18next';
import type { Locale } from '../policy/policy-file.js';
import { catalogs, type MessageKey } from './catalogs/index.js';

export type { MessageKey };
export type MessageParams = Readonly<Record<string, string | number>>;
/** A translator bound to one locale. */
export type Translate = (key: MessageKey, params?: MessageParams) => string;

export const locales: readonly Locale[] = ['zh-CN', 'en'];

const engine: i18n = i18next.createInstance();
void engine.init({
  initAsync: false,
  resources: { en: { translation: catalogs.en }, 'zh-CN': { translation: catalogs['zh-CN'] } },
  lng: 'zh-CN',
  fallbackLng: false,
  keySeparator: false,
  nsSeparator: false,
  returnNull: false,
  interpolation: { escapeValue: false },
});

/** Keys that have plural forms (`key_one`, …): a `count` picks among them, as i18next does. */
const plural = /_(zero|one|two|few|many|other)$/;
const pluralKeys = new Set(
  Object.values(catalogs).flatMap((catalog) => Object.keys(catalog).flatMap((k) => (plural.test(k) ? [k.replace(plural, '')] : []))),
);

type Compiled = (params: MessageParams) => string;

/**
 * A message's {{name}} placeholders split out once, so that drawing a Home of a hundred rows does not
 * go through i18next's lookup and interpolation for every line: the same output (a placeholder without
 * a value is left as it is, as i18next leaves it).
 */
function compile(template: string): Compiled {
  const parts = template.split(/\{\{(.+?)\}\}/);
  if (parts.length === 1) return () => template;
  const names = parts.map((part, i) => (i % 2 === 1 ? part.trim() : part));
  return (params) => {
    let out = names[0] as string;
    for (let i = 1; i < names.length; i += 2) {
      const value = params[names[i] as string];
      out += (value === undefined ? `{{${parts[i]}}}` : String(value)) + names[i + 1];
    }
    return out;
  };
}

const compiled: Record<Locale, Map<string, Compiled>> = { en: new Map(), 'zh-CN': new Map() };

export function t(locale: Locale, key: MessageKey, params: MessageParams = {}): string {
  const known = compiled[locale];
  let message = known?.get(key);
  if (message === undefined) {
    const template = (catalogs[locale] as Readonly<Record<string, string>> | undefined)?.[key];
    // a missing message, or one whose count picks a plural form, is i18next's to answer
    if (known === undefined || typeof template !== 'string' || pluralKeys.has(key)) return engine.t(key, { ...params, lng: locale });
    message = compile(template);
    known.set(key, message);
  }
  return message(params);
}

export function translator(locale: Locale): Translate {
  return (key, params) => t(locale, key, params);
}

/** Maps a Slack or OS locale ("zh-TW", "en-US", "zh_CN.UTF-8") to one we speak, or undefined. */
export function supportedLocale(tag: string | null | undefined): Locale | undefined {
  const lower = tag?.trim().toLowerCase() ?? '';
  if (lower.startsWith('zh')) return 'zh-CN';
  if (lower.startsWith('en')) return 'en';
  return undefined;
}
