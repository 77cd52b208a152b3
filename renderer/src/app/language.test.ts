import { describe, expect, it } from 'vitest';
import { languageOfTag, resolveLanguage } from './language';

describe('resolveLanguage', () => {
  it('uses the saved choice over the system language', () => {
    expect(resolveLanguage('es', ['en-US'])).toBe('es');
    expect(resolveLanguage('en', ['es-ES'])).toBe('en');
  });

  it('follows the first supported system language when nothing valid is saved', () => {
    expect(resolveLanguage(null, ['es-MX', 'en-US'])).toBe('es');
    expect(resolveLanguage('klingon', ['fr-FR', 'es-AR', 'en'])).toBe('es');
  });

  it('falls back to English when no system language is supported', () => {
    expect(resolveLanguage(null, ['fr-FR', 'de'])).toBe('en');
    expect(resolveLanguage(null, [])).toBe('en');
  });
});

describe('languageOfTag', () => {
  it('reads the primary subtag, whatever the case or separator', () => {
    expect(languageOfTag('ES_es')).toBe('es');
    expect(languageOfTag('en-GB')).toBe('en');
    expect(languageOfTag('pt-BR')).toBeNull();
    expect(languageOfTag('')).toBeNull();
  });
});
