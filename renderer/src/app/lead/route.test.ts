import { describe, expect, it } from 'vitest';
import { mayLead, viewOfHash } from './route';

describe('signed-in view routing', () => {
  it('maps #/lead (and below) to the lead view, everything else to the agent view', () => {
    expect(viewOfHash('#/lead')).toBe('lead');
    expect(viewOfHash('#/lead/kpis')).toBe('lead');
    expect(viewOfHash('#/leader')).toBe('agent');
    expect(viewOfHash('')).toBe('agent');
    expect(viewOfHash('#/')).toBe('agent');
  });

  it('gives the lead view only to team leads and admins', () => {
    expect(mayLead('team_lead')).toBe(true);
    expect(mayLead('admin')).toBe(true);
    expect(mayLead('agent')).toBe(false);
    expect(mayLead(undefined)).toBe(false);
  });
});
