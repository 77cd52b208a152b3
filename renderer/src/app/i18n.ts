import i18next, { type Resource } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './locales/en';
import { es } from './locales/es';
import { LANGUAGE_STORAGE_KEY, resolveLanguage, type Language } from './language';

function readSavedLanguage(): string | null {
  try {
    return window.localStorage.getItem(LANGUAGE_STORAGE_KEY);
  } catch {
    return null; // storage disabled by policy: fall back to the system language
  }
}

function reflectLanguageInDocument(language: string): void {
  document.documentElement.lang = language;
}

export const i18n = i18next.createInstance();

export async function initI18n(): Promise<void> {
  // The shell's texts only; the features register theirs when the signed-in chunk loads (feature-texts.ts).
  const resources: Resource = { en: { translation: en }, es: { translation: es } };
  i18n.on('languageChanged', reflectLanguageInDocument);
  await i18n.use(initReactI18next).init({
    resources,
    lng: resolveLanguage(readSavedLanguage(), navigator.languages.length ? navigator.languages : [navigator.language]),
    fallbackLng: 'en',
    supportedLngs: ['en', 'es'],
    interpolation: { escapeValue: false }, // React escapes
    returnNull: false,
  });
}

/** Switches the UI language and remembers the agent's choice on this device. */
export async function chooseLanguage(language: Language): Promise<void> {
  try {
    window.localStorage.setItem(LANGUAGE_STORAGE_KEY, language);
  } catch {
    // Not persisted, but the switch still applies for this session.
  }
  await i18n.changeLanguage(language);
}

/**
 * Lets a feature add its own texts under its own namespace, e.g.
 * `registerTranslations('softphone', { en, es })` then `useTranslation('softphone')`.
 */
export function registerTranslations(namespace: string, texts: Record<Language, Record<string, unknown>>): void {
  for (const [language, bundle] of Object.entries(texts)) {
    i18n.addResourceBundle(language, namespace, bundle, true, true);
  }
}
