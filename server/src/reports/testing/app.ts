/**
 * The app over the reports fixture, for route tests: a signed access token per fixture user (by
 * the fixture's key, e.g. `lead1`) and a GET as that user.
 */
import { randomBytes } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../app';
import type { Database } from '../../db/database';
import { type Fixture, insertFixture } from './fixtures';

export type FixtureUser = Exclude<keyof Fixture, 'teamA' | 'teamB'>;

export interface FixtureApp {
  app: FastifyInstance;
  f: Fixture;
  token: Record<FixtureUser, string>;
  /** GET as a fixture user; `null` sends no token. */
  get(who: FixtureUser | null, url: string): Promise<LightMyRequestResponse>;
}

export async function startFixtureApp(db: Database): Promise<FixtureApp> {
  const f = await insertFixture(db);
  const app = await buildApp({ db, authSecret: randomBytes(32) });
  const roles = {
    agent1: ['agent', f.teamA], agent2: ['agent', f.teamA], agent3: ['agent', f.teamB],
    lead1: ['team_lead', f.teamA], lead2: ['team_lead', f.teamB], admin: ['admin', null],
  } as const;
  const token = Object.fromEntries(Object.entries(roles).map(([name, [role, team]]) =>
    [name, app.tokenSigner.sign({ sub: f[name as FixtureUser], usr: name, role, team })])) as Record<FixtureUser, string>;
  const get = (who: FixtureUser | null, url: string) => app.inject({ method: 'GET', url, headers: who ? { authorization: `Bearer ${token[who]}` } : {} });
  return { app, f, token, get };
}
