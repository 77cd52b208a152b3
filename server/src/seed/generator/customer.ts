/**
 * One synthetic customer with everything a CRM knows about them, as plain data. Pure and
 * deterministic: customer `index` under run `seed` is always the same person, whatever the chunking.
 */
import { type Channel, type ConsentChannel, type Emotion, type IdentityKind, type LoyaltyLevel, type QueueItemKind } from '@contract';
import { COUNTRIES, COUNTRY_LANGUAGE, type Country, phoneForSlot } from './phones';
import { customerNumberFor, emailFor, personName, socialHandleFor, usernameFor } from './names';
import { type Random, createRandom, hash32, idFactory } from './random';

export interface SeedAgent {
  id: string;
  teamId: string;
}

/** Reference data the generated rows must point at (read from the database before generating). */
export interface SeedContext {
  seed: number;
  now: Date;
  agents: readonly SeedAgent[];
  teamIds: readonly string[];
  dispositions: readonly string[];
  complaintTypes: readonly { id: string; slaHours: number }[];
  queues: readonly string[];
}

export interface GeneratedConsent {
  channel: ConsentChannel;
  granted: boolean;
  source: string;
  at: Date;
}

export interface GeneratedComplaint {
  id: string;
  typeId: string;
  status: 'open' | 'in_progress' | 'resolved';
  description: string;
  openedAt: Date;
  slaDueAt: Date;
  resolvedAt: Date | null;
}

export interface GeneratedInteraction {
  id: string;
  channel: Channel;
  direction: 'inbound' | 'outbound';
  queue: string | null;
  agentId: string | null;
  remoteNumber: string | null;
  queuedAt: Date;
  answeredAt: Date | null;
  endedAt: Date;
  holdSeconds: number;
  /** After-call work in seconds; null for an abandoned call. */
  afterCallSeconds: number | null;
  disposition: string | null;
  emotionStart: Emotion | null;
  emotionStartIntensity: number | null;
  emotionEnd: Emotion | null;
  emotionEndIntensity: number | null;
  complaintId: string | null;
  complaintTypeId: string | null;
  notes: string;
  firstContactResolution: boolean | null;
  transferred: boolean;
  csat: number | null;
  nps: number | null;
  ces: number | null;
}

export interface GeneratedQueueItem {
  id: string;
  kind: QueueItemKind;
  teamId: string;
  assigneeId: string | null;
  state: 'open' | 'claimed' | 'done';
  dueAt: Date;
  createdAt: Date;
  complaintId: string | null;
  note: string;
}

export interface GeneratedCustomer {
  index: number;
  id: string;
  displayName: string;
  country: Country;
  language: string;
  preferredChannel: Channel | null;
  loyaltyLevel: LoyaltyLevel;
  lifetimeValue: number;
  influencer: boolean;
  influencerReach: number | null;
  createdAt: Date;
  identities: { kind: IdentityKind; value: string }[];
  consents: GeneratedConsent[];
  complaints: GeneratedComplaint[];
  interactions: GeneratedInteraction[];
  queueItems: GeneratedQueueItem[];
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const CONSENT_CHANNELS: readonly ConsentChannel[] = ['phone', 'sms', 'email', 'whatsapp', 'post'];
const COUNTRY_WEIGHTS: readonly (readonly [Country, number])[] = [['ES', 35], ['MX', 25], ['AR', 10], ['CO', 10], ['US', 20]];
const LOYALTY_WEIGHTS: readonly (readonly [LoyaltyLevel, number])[] = [['none', 40], ['bronze', 25], ['silver', 18], ['gold', 12], ['platinum', 5]];
const LOYALTY_CLV: Record<LoyaltyLevel, number> = { none: 150, bronze: 600, silver: 2000, gold: 6000, platinum: 20000 };
const CHANNEL_WEIGHTS: readonly (readonly [Channel, number])[] = [['call', 60], ['email', 15], ['chat', 12], ['social', 8], ['visit', 5]];
const EMOTION_START: readonly (readonly [Emotion, number])[] = [
  ['calm', 30], ['satisfied', 8], ['confused', 17], ['anxious', 15], ['frustrated', 18], ['angry', 12],
];
const NOTES = [
  'Customer asked about the last invoice.', 'Explained the new tariff; customer will think about it.',
  'Cliente pide la baja de la línea adicional.', 'Router replaced, customer confirmed the connection works.',
  'Reclamación por cobro duplicado; se abre incidencia.', 'Customer upset about repeated outages this month.',
  'Pregunta por el estado del envío.', 'Updated the billing address.', 'Wants a callback tomorrow morning.',
  'Se le explica la permanencia del contrato.',
] as const;

/** Generates customer number `index` (0-based) of a run. */
export function generateCustomer(index: number, context: SeedContext): GeneratedCustomer {
  const random = createRandom(hash32(context.seed, index));
  const nextId = idFactory(context.seed, index);
  const id = nextId();
  const now = context.now.getTime();
  const country = random.weighted(COUNTRY_WEIGHTS);
  const name = personName(random, country);
  const createdAt = new Date(now - random.int(30, 5 * 365) * DAY);

  const identities: GeneratedCustomer['identities'] = [{ kind: 'phone', value: phoneForSlot(country, 2 * index, context.seed) }];
  if (random.chance(0.25)) identities.push({ kind: 'phone', value: phoneForSlot(country, 2 * index + 1, context.seed) });
  if (random.chance(0.85)) identities.push({ kind: 'email', value: emailFor(random, name, index) });
  identities.push({ kind: 'customer_number', value: customerNumberFor(index) });
  if (random.chance(0.3)) identities.push({ kind: 'username', value: usernameFor(name, index) });
  if (random.chance(0.2)) identities.push({ kind: 'social', value: socialHandleFor(random, name, index) });

  const loyaltyLevel = random.weighted(LOYALTY_WEIGHTS);
  const lifetimeValue = Math.round(LOYALTY_CLV[loyaltyLevel] * (0.3 + random.next() * 1.7) * 100) / 100;
  const influencer = random.chance(0.02);
  const influencerReach = influencer ? Math.round(10 ** (3 + random.next() * 3.3)) : null;

  const consents = generateConsents(random, createdAt, now);
  const complaints = generateComplaints(random, nextId, context, now);
  const interactions = generateInteractions(random, nextId, context, now, identities[0]?.value ?? null, complaints);
  const queueItems = generateQueueItems(random, nextId, context, now, complaints);

  return {
    index,
    id,
    displayName: name.display,
    country,
    language: COUNTRY_LANGUAGE[country],
    preferredChannel: random.chance(0.6) ? random.weighted(CHANNEL_WEIGHTS) : null,
    loyaltyLevel,
    lifetimeValue,
    influencer,
    influencerReach,
    createdAt,
    identities,
    consents,
    complaints,
    interactions,
    queueItems,
  };
}

function generateConsents(random: Random, createdAt: Date, now: number): GeneratedConsent[] {
  const consents: GeneratedConsent[] = [];
  for (const channel of CONSENT_CHANNELS) {
    if (!random.chance(0.7)) continue;
    consents.push({ channel, granted: true, source: random.pick(['signup_form', 'call', 'store', 'web']), at: createdAt });
    // Some customers later revoke; the revocation is the latest word on that channel.
    if (random.chance(0.08)) {
      const at = new Date(createdAt.getTime() + random.next() * (now - createdAt.getTime()));
      consents.push({ channel, granted: false, source: random.pick(['call', 'email_unsubscribe', 'web']), at });
    }
  }
  return consents;
}

function generateComplaints(random: Random, nextId: () => string, context: SeedContext, now: number): GeneratedComplaint[] {
  if (context.complaintTypes.length === 0 || !random.chance(0.25)) return [];
  const count = random.weighted([[1, 70], [2, 22], [3, 8]] as const);
  const complaints: GeneratedComplaint[] = [];
  for (let n = 0; n < count; n++) {
    const type = random.pick(context.complaintTypes);
    const openedAt = new Date(now - random.next() * 90 * DAY);
    const slaDueAt = new Date(openedAt.getTime() + type.slaHours * HOUR);
    const status = random.weighted([['open', 40], ['in_progress', 15], ['resolved', 45]] as const);
    // A resolved complaint was closed some time after opening, never in the future.
    const resolvedAt = status === 'resolved'
      ? new Date(Math.min(now, openedAt.getTime() + random.next() * type.slaHours * 1.5 * HOUR))
      : null;
    complaints.push({
      id: nextId(),
      typeId: type.id,
      status,
      description: random.pick(NOTES),
      openedAt,
      slaDueAt,
      resolvedAt,
    });
  }
  return complaints;
}

function generateInteractions(
  random: Random, nextId: () => string, context: SeedContext, now: number, phone: string | null, complaints: readonly GeneratedComplaint[],
): GeneratedInteraction[] {
  const count = random.weighted([[0, 20], [1, 25], [2, 20], [3, 15], [4, 10], [6, 7], [10, 3]] as const);
  const interactions: GeneratedInteraction[] = [];
  for (let n = 0; n < count; n++) {
    const channel = random.weighted(CHANNEL_WEIGHTS);
    const complaint = complaints.length > 0 && random.chance(0.6) ? random.pick(complaints) : null;
    // Calls about a complaint happen after it was opened.
    const earliest = complaint ? complaint.openedAt.getTime() : now - 180 * DAY;
    const queuedAt = new Date(earliest + random.next() * Math.max(HOUR, now - earliest - HOUR));
    const abandoned = channel === 'call' && random.chance(0.06);
    const waitSeconds = channel === 'call' || channel === 'chat' ? random.int(3, 240) : 0;
    const handleSeconds = random.int(45, 900);
    const answeredAt = abandoned ? null : new Date(queuedAt.getTime() + waitSeconds * 1000);
    const endedAt = abandoned ? new Date(queuedAt.getTime() + waitSeconds * 1000) : new Date(queuedAt.getTime() + (waitSeconds + handleSeconds) * 1000);
    // An abandoned call was still offered to an agent (the schema records who it rang).
    const agent = context.agents.length === 0 ? null : random.pick(context.agents);
    const angryBias = complaint && complaint.status !== 'resolved' ? 2 : 1;
    const emotionStart = abandoned ? null : random.weighted(EMOTION_START.map(([e, w]) => [e, e === 'angry' || e === 'frustrated' ? w * angryBias : w] as const));
    const improved = random.chance(0.55);
    const emotionEnd = abandoned ? null : improved ? random.pick(['calm', 'satisfied'] as const) : emotionStart;
    interactions.push({
      id: nextId(),
      channel,
      direction: random.chance(channel === 'call' ? 0.8 : 0.9) ? 'inbound' : 'outbound',
      queue: channel === 'call' || channel === 'chat' ? random.pick(context.queues) : null,
      agentId: agent?.id ?? null,
      remoteNumber: channel === 'call' ? phone : null,
      queuedAt,
      answeredAt,
      endedAt,
      holdSeconds: abandoned ? 0 : random.chance(0.3) ? random.int(5, 120) : 0,
      afterCallSeconds: abandoned ? null : random.int(5, 120),
      disposition: abandoned || context.dispositions.length === 0 ? null : random.pick(context.dispositions),
      emotionStart,
      emotionStartIntensity: emotionStart ? random.int(1, 3) : null,
      emotionEnd,
      emotionEndIntensity: emotionEnd ? random.int(1, 3) : null,
      complaintId: complaint?.id ?? null,
      complaintTypeId: complaint?.typeId ?? null,
      notes: abandoned ? '' : random.pick(NOTES),
      firstContactResolution: abandoned ? null : random.chance(0.68),
      transferred: !abandoned && random.chance(0.07),
      csat: !abandoned && random.chance(0.3) ? random.int(1, 5) : null,
      nps: !abandoned && random.chance(0.15) ? random.int(0, 10) : null,
      ces: !abandoned && random.chance(0.2) ? random.int(1, 7) : null,
    });
  }
  return interactions;
}

function generateQueueItems(random: Random, nextId: () => string, context: SeedContext, now: number, complaints: readonly GeneratedComplaint[]): GeneratedQueueItem[] {
  if (context.teamIds.length === 0) return [];
  const items: GeneratedQueueItem[] = [];
  const item = (kind: QueueItemKind, complaintId: string | null, note: string): GeneratedQueueItem => {
    const teamId = random.pick(context.teamIds);
    const teamAgents = context.agents.filter((a) => a.teamId === teamId);
    const state = random.weighted([['open', 70], ['claimed', 15], ['done', 15]] as const);
    const assignee = state !== 'open' && teamAgents.length > 0 ? random.pick(teamAgents).id : null;
    const createdAt = new Date(now - random.next() * 7 * DAY);
    return {
      id: nextId(),
      kind,
      teamId,
      assigneeId: assignee,
      state: assignee === null ? 'open' : state,
      dueAt: new Date(createdAt.getTime() + random.int(1, 96) * HOUR),
      createdAt,
      complaintId,
      note,
    };
  };
  if (random.chance(0.03)) items.push(item('callback', null, 'Customer asked to be called back.'));
  for (const complaint of complaints) {
    if (complaint.status !== 'resolved' && random.chance(0.5)) {
      items.push(item('complaint_follow_up', complaint.id, 'Follow up on the open complaint.'));
    }
  }
  return items;
}

export { COUNTRIES };
