import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalogs } from '../../src/i18n/catalogs/index.js';

const srcDir = path.resolve(import.meta.dirname, '../../src');

/** Every .ts file under src, recursively. */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

describe('refusal codes', () => {
  it('every refusal the code can give has a message in both languages', () => {
    const codes = sourceFiles(srcDir).flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/refusal\('([a-z_.]+)'/g)].map((m) => m[1] as string),
    );
    expect(codes.length).toBeGreaterThan(20);
    const missing = codes.filter((code) => !(code in catalogs.en) || !(code in catalogs['zh-CN']));
    expect(missing).toEqual([]);
  });
});
