/**
 * Public entry of the customer card: the component the workspace mounts in its customer area,
 * the narrow hook with the current call's emotion and complaint type (scripts adapt to it), and
 * the feature's texts (namespace `customerCard`).
 */
import { en } from './i18n/en';
import { es } from './i18n/es';

export { CustomerCardArea, type CustomerCardAreaProps } from './components/CustomerCardArea';
export { useCurrentCallContext, type CurrentCallContext } from './store';

export const CUSTOMER_CARD_NAMESPACE = 'customerCard';
export const customerCardResources = { en, es } as const;
