/** UI languages and how the app picks one: the agent's saved choice, else the system's. */
export const SUPPORTED_LANGUAGES = ['en', 'es'] as const;
export type Language = (typeof SUPPORTED_LANGUAGES)[number];
export const FALLBACK_LANGUAGE: Language = 'en';
export const LANGUAGE_STORAGE_KEY = 'centralita.language';

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (SUPPORTED_LANGUAGES as readonly string[]).includes(value);
}

/** The supported language of a BCP 47 tag (`es-MX` → `es`), or null. */
export function languageOfTag(tag: string): Language | null {
  const primary = tag.trim().toLowerCase().split(/[-_]/)[0];
  return isLanguage(primary) ? primary : null;
}

/** The saved choice wins; otherwise the first system language we support; otherwise English. */
export function resolveLanguage(saved: string | null, systemLanguages: readonly string[]): Language {
  if (isLanguage(saved)) return saved;
  for (const tag of systemLanguages) {
    const language = languageOfTag(tag);
    if (language) return language;
  }
  return FALLBACK_LANGUAGE;
}
