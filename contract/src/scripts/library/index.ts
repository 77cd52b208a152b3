/** The call scripts every demo installation starts with (validated by library.test.ts). */
import { angryCustomer } from './angry-customer';
import { complaintFollowUp } from './complaint-follow-up';
import { delayNotice } from './delay-notice';
import { deliveryDelay } from './delivery-delay';
import { generalInbound } from './general-inbound';
import type { ScriptDefinitionInput } from '../model';

export const STARTER_SCRIPTS: readonly ScriptDefinitionInput[] = [angryCustomer, deliveryDelay, delayNotice, complaintFollowUp, generalInbound];
