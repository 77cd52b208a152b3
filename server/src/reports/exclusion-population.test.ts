/**
 * The backend's SQL against the call-frequency population fixture the contract's rule is tested
 * with (contract/src/exclusion-rules.fixtures.ts): same data, same threshold, same customers
 * flagged as the card computes offline with `complaintCallCounts` + `callFrequencyThreshold`.
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, expect, it } from 'vitest';
import { callFrequencyThreshold, complaintCallCounts, evaluateExclusions } from '@contract';
import {
  CALL_FREQUENCY_EXPECTED, CALL_FREQUENCY_POPULATION, POPULATION_NOW, populationCallTime, populationRecords,
} from '../../../contract/src/exclusion-rules.fixtures';
import { describeEachEngine } from '../../test/engines';
import { DEFAULT_EXCLUSION_THRESHOLDS, listExclusions } from './exclusions';
import { insertFixture } from './testing/fixtures';
import { insertCustomer, insertInteraction } from './testing/rows';

describeEachEngine('exclusion list: call-frequency population shared with the contract', (engine) => {
  const customerIds = new Map<string, string>();
  const complaintIds = new Map<string, string>();

  beforeAll(async () => {
    const db = engine.db();
    const f = await insertFixture(db);
    for (const key of CALL_FREQUENCY_POPULATION.customers) customerIds.set(key, await insertCustomer(db, { display_name: `Population ${key}` }));
    for (const complaint of CALL_FREQUENCY_POPULATION.complaints) {
      const id = randomUUID();
      complaintIds.set(complaint.key, id);
      await db.kysely.insertInto('complaints').values({
        id, customer_id: customerIds.get(complaint.customer)!, type_id: 'service.outage', taxonomy_version: 1, status: 'resolved', opened_by: null,
        opened_at: new Date(POPULATION_NOW.getTime() - 20 * 86_400_000).toISOString(), sla_due_at: new Date(POPULATION_NOW.getTime() - 10 * 86_400_000).toISOString(), resolved_at: POPULATION_NOW.toISOString(),
      }).execute();
    }
    for (const call of CALL_FREQUENCY_POPULATION.calls) {
      for (let index = 0; index < call.count; index++) {
        const time = populationCallTime(call, index);
        const complaintId = complaintIds.get(call.complaint)!;
        const id = await insertInteraction(db, {
          agent_id: f.agent1, team_id: f.teamA, customer_id: customerIds.get(call.customer)!, channel: call.channel ?? 'call',
          queued_at: time, answered_at: time, ended_at: time, complaint_id: call.viaLink ? null : complaintId,
        });
        if (call.viaLink) await db.kysely.insertInto('complaint_interactions').values({ complaint_id: complaintId, interaction_id: id }).execute();
      }
    }
  });

  it('flags the same customers with the same calls and threshold as the contract rule', async () => {
    const rows = await listExclusions(engine.db(), DEFAULT_EXCLUSION_THRESHOLDS, { now: POPULATION_NOW });
    const byKey = new Map([...customerIds].map(([key, id]) => [id, key]));
    const server = Object.fromEntries(rows.filter((row) => byKey.has(row.customerId)).map((row) => [byKey.get(row.customerId)!, row.reasons]));

    const records = populationRecords();
    const everyone = [...records.values()];
    const threshold = callFrequencyThreshold(
      complaintCallCounts(everyone.flatMap((record) => record.complaints), everyone.flatMap((record) => record.interactions), POPULATION_NOW).values(),
      DEFAULT_EXCLUSION_THRESHOLDS.callFrequencyK,
    );
    const contract = Object.fromEntries([...records].map(([key, record]) => [key, evaluateExclusions(record, POPULATION_NOW, { callFrequencyThreshold: threshold })])
      .filter(([, findings]) => findings!.length > 0));

    expect(Object.keys(server).sort()).toEqual(Object.keys(contract).sort());
    expect(Object.keys(server)).toEqual(Object.keys(CALL_FREQUENCY_EXPECTED.unusual));
    for (const [key, expected] of Object.entries(CALL_FREQUENCY_EXPECTED.unusual)) {
      const detail = { complaintId: complaintIds.get(expected.complaint), calls: expected.calls, threshold: CALL_FREQUENCY_EXPECTED.threshold, windowDays: 7 };
      expect(server[key]).toEqual([{ code: 'unusual_call_frequency', detail }]);
      expect(contract[key]).toEqual([{ code: 'unusual_call_frequency', detail: { ...detail, complaintId: expected.complaint } }]);
    }
  });
});
