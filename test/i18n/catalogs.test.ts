import { describe, expect, it } from 'vitest';
import { catalogs } from '../../src/i18n/catalogs/index.js';
import { supportedLocale, t } from '../../src/i18n/t.js';

const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

describe('message catalogs', () => {
  const en = catalogs.en as Record<string, string>;
  const zh = catalogs['zh-CN'] as Record<string, string>;

  it('have the same keys in zh-CN and en', () => {
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
  });

  it('use the same placeholders in both languages', () => {
    for (const key of Object.keys(en)) expect(placeholders(zh[key] ?? ''), key).toEqual(placeholders(en[key] ?? ''));
  });

  it('leave no message empty unless it is empty in both', () => {
    for (const key of Object.keys(en)) expect((en[key] === '') === (zh[key] === ''), key).toBe(true);
  });
});

describe('t', () => {
  it('translates and fills placeholders', () => {
    expect(t('en', 'duration.days', { count: 3 })).toBe('3 days');
    expect(t('zh-CN', 'duration.days', { count: 3 })).toBe('3 天');
  });

  it('does not HTML-escape values (Slack text is escaped where it is built)', () => {
    expect(t('en', 'help.unknown_subcommand', { command: '/leave', word: "a&b'" })).toContain("`/leave a&b'`");
  });

  it.each([
    ['zh-CN', 'zh-CN'],
    ['zh-TW', 'zh-CN'],
    ['zh_CN.UTF-8', 'zh-CN'],
    ['en-US', 'en'],
    ['en-GB', 'en'],
    ['ja-JP', undefined],
    ['', undefined],
    [undefined, undefined],
  ])('maps the locale %s to %s', (tag, expected) => {
    expect(supportedLocale(tag)).toBe(expected);
  });
});
