/**
 * Validation of an existing CRM export, one row at a time. A row becomes either an `ImportCustomer`
 * ready to upsert into the golden record or a rejection with a human-readable reason.
 */
import { type CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { type LoyaltyLevel, loyaltyLevelSchema } from '@contract';

export interface ImportCustomer {
  line: number;
  displayName: string;
  /** E.164, de-duplicated. */
  phones: string[];
  /** Lower-cased, de-duplicated. */
  emails: string[];
  customerNumber: string | null;
  language: string | null;
  loyaltyLevel: LoyaltyLevel | null;
  lifetimeValue: number | null;
}

export type RowResult = { ok: true; customer: ImportCustomer } | { ok: false; line: number; reason: string };

/** Header names we understand (case-insensitive, spaces/dashes read as underscores) and their aliases. */
const COLUMN_ALIASES: Record<string, readonly string[]> = {
  name: ['name', 'display_name', 'full_name', 'nombre'],
  first_name: ['first_name', 'given_name'],
  last_name: ['last_name', 'surname', 'family_name', 'apellidos'],
  phone: ['phone', 'phones', 'telephone', 'mobile', 'telefono', 'phone_number'],
  email: ['email', 'emails', 'e_mail', 'correo'],
  customer_number: ['customer_number', 'customer_no', 'customer_id', 'account_number', 'numero_cliente'],
  country: ['country', 'pais'],
  language: ['language', 'lang', 'idioma'],
  loyalty_level: ['loyalty_level', 'loyalty', 'tier'],
  lifetime_value: ['lifetime_value', 'clv', 'ltv'],
};
type Column = keyof typeof COLUMN_ALIASES;

export interface HeaderMap {
  columns: Partial<Record<Column, number>>;
  width: number;
}

const normaliseHeader = (name: string): string => name.trim().toLowerCase().replace(/[\s-]+/g, '_');

/** Maps header cells to known columns; throws when the file cannot possibly produce a customer. */
export function mapHeader(header: readonly string[]): HeaderMap {
  const columns: Partial<Record<Column, number>> = {};
  header.forEach((cell, index) => {
    const name = normaliseHeader(cell);
    for (const [column, aliases] of Object.entries(COLUMN_ALIASES)) {
      if (aliases.includes(name) && columns[column as Column] === undefined) columns[column as Column] = index;
    }
  });
  const hasName = columns.name !== undefined || columns.first_name !== undefined || columns.last_name !== undefined;
  if (!hasName) throw new Error('the header has no name column (name, full_name, or first_name/last_name)');
  if (columns.phone === undefined && columns.email === undefined && columns.customer_number === undefined) {
    throw new Error('the header has no identifier column (phone, email or customer_number)');
  }
  return { columns, width: header.length };
}

// Deliberately simple: one @, no spaces, a dot in the domain. Full RFC 5322 is not worth it for a CRM export.
const EMAIL = /^[^\s@"<>(),;:]+@[^\s@"<>(),;:]+\.[^\s@"<>(),;:.]{2,}$/;
const LANGUAGE = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;
const CUSTOMER_NUMBER = /^[\p{L}\p{N}][\p{L}\p{N}._/-]{0,63}$/u;
const LIST_SEPARATOR = /[;|]/;

export interface ValidateOptions {
  /** Region used for national-format phones without a country column, e.g. "ES". */
  defaultCountry: CountryCode;
}

/** Validates one data row. Every problem is reported, not just the first. */
export function validateRow(line: number, fields: readonly string[], header: HeaderMap, options: ValidateOptions): RowResult {
  if (fields.length !== header.width) {
    return { ok: false, line, reason: `expected ${header.width} fields, found ${fields.length}` };
  }
  const cell = (column: Column): string => {
    const index = header.columns[column];
    return index === undefined ? '' : (fields[index] ?? '').trim();
  };
  const problems: string[] = [];

  const displayName = (cell('name') || `${cell('first_name')} ${cell('last_name')}`).replace(/\s+/g, ' ').trim();
  if (displayName === '') problems.push('missing name');
  else if (displayName.length > 200) problems.push('name longer than 200 characters');

  const countryCell = cell('country').toUpperCase();
  const country = (/^[A-Z]{2}$/.test(countryCell) ? countryCell : options.defaultCountry) as CountryCode;
  const phones: string[] = [];
  for (const raw of splitList(cell('phone'))) {
    const parsed = parsePhoneNumberFromString(raw, country);
    if (!parsed || !parsed.isValid()) problems.push(`bad phone "${raw}"`);
    else if (!phones.includes(parsed.number)) phones.push(parsed.number);
  }

  const emails: string[] = [];
  for (const raw of splitList(cell('email'))) {
    const email = raw.toLowerCase();
    if (email.length > 320 || !EMAIL.test(email)) problems.push(`bad email "${raw}"`);
    else if (!emails.includes(email)) emails.push(email);
  }

  const customerNumber = cell('customer_number') || null;
  if (customerNumber !== null && !CUSTOMER_NUMBER.test(customerNumber)) problems.push(`bad customer number "${customerNumber}"`);

  if (phones.length === 0 && emails.length === 0 && customerNumber === null && !problems.some((p) => p.startsWith('bad '))) {
    problems.push('no identifier (phone, email or customer number)');
  }

  const languageCell = cell('language');
  const language = languageCell === '' ? null : languageCell;
  if (language !== null && !LANGUAGE.test(language)) problems.push(`bad language "${language}"`);

  const loyaltyCell = cell('loyalty_level').toLowerCase();
  const loyalty = loyaltyCell === '' ? null : loyaltyLevelSchema.safeParse(loyaltyCell);
  if (loyalty && !loyalty.success) problems.push(`bad loyalty level "${cell('loyalty_level')}" (expected ${loyaltyLevelSchema.options.join(', ')})`);

  const valueCell = cell('lifetime_value');
  const lifetimeValue = valueCell === '' ? null : Number(valueCell);
  if (lifetimeValue !== null && (!/^\d+(\.\d{1,2})?$/.test(valueCell) || !Number.isFinite(lifetimeValue))) {
    problems.push(`bad lifetime value "${valueCell}" (expected a non-negative amount like 1234.56)`);
  }

  if (problems.length > 0) return { ok: false, line, reason: problems.join('; ') };
  return {
    ok: true,
    customer: {
      line,
      displayName,
      phones,
      emails,
      customerNumber,
      language,
      loyaltyLevel: loyalty?.success ? loyalty.data : null,
      lifetimeValue,
    },
  };
}

function splitList(value: string): string[] {
  return value === '' ? [] : value.split(LIST_SEPARATOR).map((part) => part.trim()).filter((part) => part !== '');
}
