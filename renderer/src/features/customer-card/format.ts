/** Display helpers in the UI language (dates, money, durations). */
import type { TFunction } from 'i18next';
import { splitMinutes } from './model/card-facts';

export type Language = 'en' | 'es';

export function languageOf(code: string | undefined): Language {
  return code?.startsWith('es') ? 'es' : 'en';
}

export function formatDate(value: unknown, language: Language): string {
  if (typeof value !== 'string') return '';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return '';
  return new Intl.DateTimeFormat(language === 'es' ? 'es-ES' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

export function formatDay(value: unknown, language: Language): string {
  if (typeof value !== 'string') return '';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return '';
  return new Intl.DateTimeFormat(language === 'es' ? 'es-ES' : 'en-GB', { dateStyle: 'medium' }).format(date);
}

export function formatMoney(value: unknown, language: Language): string {
  const amount = typeof value === 'number' ? value : Number(value ?? 0);
  return new Intl.NumberFormat(language === 'es' ? 'es-ES' : 'en-GB', { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 }).format(Number.isFinite(amount) ? amount : 0);
}

export function formatNumber(value: number, language: Language): string {
  return new Intl.NumberFormat(language === 'es' ? 'es-ES' : 'en-GB').format(value);
}

export function formatDuration(t: TFunction<'customerCard'>, totalMinutes: number): string {
  const { days, hours, minutes } = splitMinutes(totalMinutes);
  if (days > 0) return t('card.duration.d', { days, hours });
  if (hours > 0) return t('card.duration.h', { hours, minutes });
  return t('card.duration.m', { minutes });
}
