import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { evaluateExclusions } from '@contract';
import { CALL_FREQUENCY_EXPECTED, POPULATION_NOW, populationRecords } from '../../../../contract/src/exclusion-rules.fixtures';
import { CentralitaDb } from '@features/sync';
import { computeCallFrequencyThreshold } from './useCallFrequencyThreshold';

const opened: CentralitaDb[] = [];

afterEach(async () => {
  for (const db of opened.splice(0)) {
    db.close();
    await db.delete();
  }
});

/** The shared population fixture (the server's SQL is tested with it too) as cached rows. */
async function cacheWithPopulation(): Promise<CentralitaDb> {
  const db = new CentralitaDb(`card-population-${Math.random().toString(36).slice(2)}`);
  opened.push(db);
  for (const [customer, record] of populationRecords()) {
    await db.complaints.bulkPut(record.complaints.map((complaint) => ({ ...complaint, rev: 1, customerId: customer })));
    await db.interactions.bulkPut(record.interactions.map((interaction) => ({
      ...interaction, rev: 1, customerId: customer, occurredAt: String(interaction.queuedAt),
    })) as never);
  }
  return db;
}

describe('card offline exclusions: the call-frequency population threshold from the local cache', () => {
  it('computes the same threshold as the backend for the shared fixture', async () => {
    const threshold = await computeCallFrequencyThreshold(await cacheWithPopulation(), POPULATION_NOW);
    expect(Math.round(threshold! * 100) / 100).toBe(CALL_FREQUENCY_EXPECTED.threshold);
  });

  it('with it, only the customer above the threshold is flagged (not the one that merely reaches minCalls)', async () => {
    const threshold = await computeCallFrequencyThreshold(await cacheWithPopulation(), POPULATION_NOW);
    const flagged = [...populationRecords()]
      .filter(([, record]) => evaluateExclusions(record, POPULATION_NOW, { callFrequencyThreshold: threshold }).some((finding) => finding.code === 'unusual_call_frequency'))
      .map(([customer]) => customer);
    expect(flagged).toEqual(Object.keys(CALL_FREQUENCY_EXPECTED.unusual));
  });

  it('an empty cache has no population (minCalls alone then applies)', async () => {
    const db = new CentralitaDb(`card-population-empty-${Math.random().toString(36).slice(2)}`);
    opened.push(db);
    expect(await computeCallFrequencyThreshold(db, POPULATION_NOW)).toBeNull();
  });
});
