/**
 * The features' own texts, one namespace each. Registered when the signed-in views load (their
 * chunk), so the sign-in screen downloads and parses none of the workspace's code or texts.
 */
import { SOFTPHONE_NAMESPACE, softphoneEn, softphoneEs } from '@features/softphone';
import { SYNC_NAMESPACE, syncResources } from '@features/sync';
import { CUSTOMER_CARD_NAMESPACE, customerCardResources } from '@features/customer-card';
import { OUTCOMES_NAMESPACE, outcomesResources } from '@features/outcomes';
import { QUEUES_NAMESPACE, queuesResources } from '@features/queues';
import { SCRIPTS_NAMESPACE, scriptsResources } from '@features/scripts';
import { registerTranslations } from './i18n';

registerTranslations(SOFTPHONE_NAMESPACE, { en: softphoneEn, es: softphoneEs });
registerTranslations(SYNC_NAMESPACE, syncResources);
registerTranslations(CUSTOMER_CARD_NAMESPACE, customerCardResources);
registerTranslations(QUEUES_NAMESPACE, queuesResources);
registerTranslations(OUTCOMES_NAMESPACE, outcomesResources);
registerTranslations(SCRIPTS_NAMESPACE, scriptsResources);
