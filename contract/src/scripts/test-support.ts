/** Builders shared by the script tests. */
import { NO_CALL, UNKNOWN_CUSTOMER, type CallFacts, type CustomerFacts, type ScriptFacts } from './context';
import { type ScriptDefinition, type ScriptDefinitionInput, scriptDefinitionSchema } from './model';

export const NOW = Date.parse('2026-03-10T12:00:00Z');
export const t = (en: string, es = `${en} (es)`) => ({ en, es });

export function facts(customer: Partial<CustomerFacts> = {}, call: Partial<CallFacts> = {}): ScriptFacts {
  return { customer: { ...UNKNOWN_CUSTOMER, known: true, ...customer }, call: { ...NO_CALL, direction: 'inbound', ...call }, now: NOW };
}

export function script(overrides: Partial<ScriptDefinitionInput> & Pick<ScriptDefinitionInput, 'steps'>): ScriptDefinition {
  return scriptDefinitionSchema.parse({ schemaVersion: 1, id: 'test-script', name: t('Test'), start: overrides.steps[0]!.id, ...overrides });
}
