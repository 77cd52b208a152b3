/** Public entry of the team-lead workspace feature (outcome review and re-tags, board, KPIs, exclusions). */
import { en } from './i18n/en';
import { es } from './i18n/es';
import '@components/compact.css';
import './components/outcomes.css';

export { ADMIN_SECTIONS, LeadWorkspace, LEAD_SECTIONS, sectionsFor, type LeadSection } from './components/LeadWorkspace';
export { MyRetags } from './components/MyRetags';
export { outcomesKeys } from './api';
export type { ServerAccess } from './server-read';

export const outcomesResources = { en, es } as const;
export const OUTCOMES_NAMESPACE = 'outcomes';
export { useReferenceLists, type ReferenceLists } from './reference';
