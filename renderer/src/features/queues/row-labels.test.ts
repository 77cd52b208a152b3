import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { en } from './i18n/en';
import { es } from './i18n/es';
import { rowLabels } from './row-labels';

async function labelsIn(language: 'en' | 'es') {
  const i18n = i18next.createInstance();
  await i18n.init({ showSupportNotice: false, lng: language, resources: { en: { queues: en }, es: { queues: es } }, ns: ['queues'], defaultNS: 'queues' });
  return rowLabels(i18n.getFixedT(language, 'queues'));
}

describe('rowLabels: the rows fixed texts, translated once per language', () => {
  it('holds every kind, due state, ownership and action in English', async () => {
    const labels = await labelsIn('en');
    expect(labels.kind).toEqual({ callback: 'Callback', complaint_follow_up: 'Complaint follow-up' });
    expect(labels.due).toEqual({ overdue: 'Overdue', due_today: 'Due today', later: 'Later' });
    expect(labels.ownership.mine).toBe('Claimed by you');
    expect(labels.actions).toMatchObject({ claim: 'Claim', call: 'Call', complete: 'Complete', reschedule: 'Reschedule' });
  });

  it('is in Spanish with the Spanish texts, none left as a key', async () => {
    const labels = await labelsIn('es');
    expect(labels.kind.callback).toBe(es.kind.callback);
    expect(labels.due.overdue).toBe(es.due.overdue);
    expect(labels.actions.noPhone).toBe(es.actions.noPhone);
    const texts = [...Object.values(labels.kind), ...Object.values(labels.due), ...Object.values(labels.ownership), ...Object.values(labels.actions), labels.noScore, labels.pending];
    for (const text of texts) expect(text).not.toMatch(/^(kind|due|ownership|actions|item)\./);
  });
});
