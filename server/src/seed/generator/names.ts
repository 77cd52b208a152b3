/** Name pools for the generator: Spanish-speaking markets get Spanish names, the US mostly English ones. */
import { type Random } from './random';
import { type Country } from './phones';

const SPANISH_FIRST = [
  'María', 'Carmen', 'Josefa', 'Isabel', 'Ana', 'Laura', 'Lucía', 'Marta', 'Cristina', 'Paula', 'Sofía', 'Valentina',
  'Camila', 'Daniela', 'Elena', 'Pilar', 'Rocío', 'Guadalupe', 'Ximena', 'Mariana', 'Natalia', 'Julia', 'Alba', 'Irene',
  'Antonio', 'José', 'Manuel', 'Francisco', 'Juan', 'David', 'Javier', 'Carlos', 'Miguel', 'Alejandro', 'Rafael', 'Pablo',
  'Sergio', 'Jorge', 'Luis', 'Fernando', 'Diego', 'Andrés', 'Santiago', 'Mateo', 'Joaquín', 'Ramón', 'Íñigo', 'Álvaro',
] as const;

const SPANISH_LAST = [
  'García', 'Rodríguez', 'González', 'Fernández', 'López', 'Martínez', 'Sánchez', 'Pérez', 'Gómez', 'Martín', 'Jiménez',
  'Ruiz', 'Hernández', 'Díaz', 'Moreno', 'Muñoz', 'Álvarez', 'Romero', 'Alonso', 'Gutiérrez', 'Navarro', 'Torres',
  'Domínguez', 'Vázquez', 'Ramos', 'Gil', 'Ramírez', 'Serrano', 'Blanco', 'Molina', 'Morales', 'Suárez', 'Ortega',
  'Delgado', 'Castro', 'Ortiz', 'Rubio', 'Marín', 'Sanz', 'Núñez', 'Iglesias', 'Medina', 'Garrido', 'Cortés', 'Castillo',
  'Peña', 'Rojas', 'Vargas', 'Herrera', 'Mendoza', 'Aguilar', 'Fuentes', 'Ibáñez', 'Cabrera', 'Quintero', 'Salazar',
] as const;

const ENGLISH_FIRST = [
  'James', 'Mary', 'Robert', 'Patricia', 'John', 'Jennifer', 'Michael', 'Linda', 'David', 'Elizabeth', 'William',
  'Barbara', 'Richard', 'Susan', 'Joseph', 'Jessica', 'Thomas', 'Sarah', 'Charles', 'Karen', 'Christopher', 'Lisa',
  'Daniel', 'Nancy', 'Matthew', 'Betty', 'Anthony', 'Sandra', 'Mark', 'Ashley', 'Steven', 'Emily', 'Andrew', 'Olivia',
  'Joshua', 'Emma', 'Kevin', 'Chloe', 'Brian', 'Grace', 'Ryan', 'Hannah', 'Tyler', 'Megan',
] as const;

const ENGLISH_LAST = [
  'Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Miller', 'Davis', 'Wilson', 'Anderson', 'Taylor', 'Thomas',
  'Moore', 'Jackson', 'Martin', 'Lee', 'Thompson', 'White', 'Harris', 'Clark', 'Lewis', 'Robinson', 'Walker', 'Young',
  'Allen', 'King', 'Wright', 'Scott', 'Hill', 'Green', 'Adams', 'Baker', 'Nelson', 'Carter', 'Mitchell', 'Roberts',
  "O'Brien", 'Murphy', 'Cook', 'Bailey', 'Cooper', 'Reed', 'Bell',
] as const;

export interface PersonName {
  first: string;
  last: string;
  display: string;
}

/** Spain uses two surnames; Latin America and the US mostly one in everyday records. */
export function personName(random: Random, country: Country): PersonName {
  const english = country === 'US' ? random.chance(0.75) : random.chance(0.03);
  if (english) {
    const first = random.pick(ENGLISH_FIRST);
    const last = random.pick(ENGLISH_LAST);
    return { first, last, display: `${first} ${last}` };
  }
  const first = random.pick(SPANISH_FIRST);
  const last = random.pick(SPANISH_LAST);
  const second = country === 'ES' || random.chance(0.3) ? ` ${random.pick(SPANISH_LAST)}` : '';
  return { first, last, display: `${first} ${last}${second}` };
}

/** Lower-case ASCII for email local parts and handles: "Íñigo O'Brien" → "inigoobrien". */
export function asciiSlug(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]/g, '');
}

const EMAIL_DOMAINS = ['gmail.com', 'hotmail.com', 'outlook.com', 'yahoo.com', 'icloud.com', 'proton.me'] as const;

/** Unique per customer index: the index is part of the local part. */
export function emailFor(random: Random, name: PersonName, index: number): string {
  return `${asciiSlug(name.first)}.${asciiSlug(name.last)}${index.toString(36)}@${random.pick(EMAIL_DOMAINS)}`;
}

export function socialHandleFor(random: Random, name: PersonName, index: number): string {
  const network = random.pick(['x', 'instagram', 'tiktok', 'facebook'] as const);
  return `${network}:@${asciiSlug(name.first)}_${asciiSlug(name.last).slice(0, 6)}${index.toString(36)}`;
}

export function usernameFor(name: PersonName, index: number): string {
  return `${asciiSlug(name.first).slice(0, 1)}${asciiSlug(name.last)}${index.toString(36)}`;
}

/** Customer numbers as an old CRM would print them: CN- and nine digits. */
export function customerNumberFor(index: number): string {
  return `CN-${String(index + 1).padStart(9, '0')}`;
}
