import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalogs } from '../../src/i18n/catalogs/index.js';

const policyDir = path.resolve(import.meta.dirname, '../../src/policy');

describe('refusal codes', () => {
  it('every refusal the rule core can give has a message in both languages', () => {
    const codes = readdirSync(policyDir)
      .filter((file) => file.endsWith('.ts'))
      .flatMap((file) => [...readFileSync(path.join(policyDir, file), 'utf8').matchAll(/refusal\('([a-z_.]+)'/g)].map((m) => m[1] as string));
    expect(codes.length).toBeGreaterThan(20);
    const missing = codes.filter((code) => !(code in catalogs.en) || !(code in catalogs['zh-CN']));
    expect(missing).toEqual([]);
  });
});
