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

export function t(locale: Locale, key: MessageKey, params: MessageParams = {}): string {
  return engine.t(key, { ...params, lng: locale });
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
