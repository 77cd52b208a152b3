/** Display helpers in the UI language (dates, money, durations). */
import type { TFunction } from 'i18next';
import { splitMinutes } from './model/card-facts';

export type Language = 'en' | 'es';

export function languageOf(code: string | undefined): Language {
  return code?.startsWith('es') ? 'es' : 'en';
}

// Building an Intl formatter costs far more than using one (it showed in the screen-pop profile):
// one of each per language, made on first use.
const dateTimeFormats = new Map<Language, Intl.DateTimeFormat>();
const dayFormats = new Map<Language, Intl.DateTimeFormat>();
const moneyFormats = new Map<Language, Intl.NumberFormat>();
const numberFormats = new Map<Language, Intl.NumberFormat>();
const locale = (language: Language) => (language === 'es' ? 'es-ES' : 'en-GB');

function cached<T>(cache: Map<Language, T>, language: Language, make: (locale: string) => T): T {
  let format = cache.get(language);
  if (!format) {
    format = make(locale(language));
    cache.set(language, format);
  }
  return format;
}

function parseDate(value: unknown): Date | null {
  if (typeof value !== 'string') return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

export function formatDate(value: unknown, language: Language): string {
  const date = parseDate(value);
  return date ? cached(dateTimeFormats, language, (code) => new Intl.DateTimeFormat(code, { dateStyle: 'medium', timeStyle: 'short' })).format(date) : '';
}

export function formatDay(value: unknown, language: Language): string {
  const date = parseDate(value);
  return date ? cached(dayFormats, language, (code) => new Intl.DateTimeFormat(code, { dateStyle: 'medium' })).format(date) : '';
}

export function formatMoney(value: unknown, language: Language): string {
  const amount = typeof value === 'number' ? value : Number(value ?? 0);
  const format = cached(moneyFormats, language, (code) => new Intl.NumberFormat(code, { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 }));
  return format.format(Number.isFinite(amount) ? amount : 0);
}

export function formatNumber(value: number, language: Language): string {
  return cached(numberFormats, language, (code) => new Intl.NumberFormat(code)).format(value);
}

export function formatDuration(t: TFunction<'customerCard'>, totalMinutes: number): string {
  const { days, hours, minutes } = splitMinutes(totalMinutes);
  if (days > 0) return t('card.duration.d', { days, hours });
  if (hours > 0) return t('card.duration.h', { hours, minutes });
  return t('card.duration.m', { minutes });
}
