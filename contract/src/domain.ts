/** Vocabulary shared by the whole company: the client, the server and reports use these exact values. */
import { z } from 'zod';

export const roleSchema = z.enum(['agent', 'team_lead', 'admin']);
export type Role = z.infer<typeof roleSchema>;

export const emotionSchema = z.enum(['calm', 'satisfied', 'confused', 'anxious', 'frustrated', 'angry']);
export type Emotion = z.infer<typeof emotionSchema>;
export const emotionIntensitySchema = z.number().int().min(1).max(3);
export const NEGATIVE_EMOTIONS: readonly Emotion[] = ['frustrated', 'angry'];

export const channelSchema = z.enum(['call', 'email', 'chat', 'social', 'visit']);
export type Channel = z.infer<typeof channelSchema>;

export const consentChannelSchema = z.enum(['phone', 'sms', 'email', 'whatsapp', 'post']);
export type ConsentChannel = z.infer<typeof consentChannelSchema>;

/** A phone in E.164 (+<country><number>), as customer phones are stored, indexed and pushed. */
export const E164_PATTERN = /^\+[1-9]\d{6,14}$/;

export const identityKindSchema = z.enum(['phone', 'email', 'customer_number', 'username', 'social']);
export type IdentityKind = z.infer<typeof identityKindSchema>;

export const loyaltyLevelSchema = z.enum(['none', 'bronze', 'silver', 'gold', 'platinum']);
export type LoyaltyLevel = z.infer<typeof loyaltyLevelSchema>;

export const queueItemKindSchema = z.enum(['callback', 'complaint_follow_up']);
export type QueueItemKind = z.infer<typeof queueItemKindSchema>;
