import { describe, expect, it } from 'vitest';
import { en } from './en';
import { es } from './es';

/** Every leaf as `path → text`. */
function leaves(tree: object, prefix = ''): Map<string, string> {
  const result = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') result.set(path, value);
    else if (value && typeof value === 'object') for (const [p, v] of leaves(value as object, path)) result.set(p, v);
  }
  return result;
}

const placeholders = (text: string): string[] => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((match) => match[1] ?? '').sort();

describe('UI texts', () => {
  const english = leaves(en);
  const spanish = leaves(es);

  it('has the same keys in English and Spanish', () => {
    expect([...spanish.keys()].sort()).toEqual([...english.keys()].sort());
  });

  it('has no empty texts', () => {
    for (const [path, text] of [...english, ...spanish]) expect(text.trim(), path).not.toBe('');
  });

  it('uses the same interpolation placeholders in both languages', () => {
    for (const [path, text] of english) expect(placeholders(spanish.get(path) ?? ''), path).toEqual(placeholders(text));
  });
});
