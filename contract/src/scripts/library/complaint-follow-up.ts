import type { ScriptDefinitionInput } from '../model';
import { NAME_SUFFIX, deescalationSteps, t } from './text';

/** Outbound follow-up on an open complaint: update, check it is solved, agree the next contact. */
export const complaintFollowUp = {
  schemaVersion: 1,
  id: 'complaint-follow-up',
  name: t('Follow-up on an open complaint', 'Seguimiento de una reclamación abierta'),
  description: t(
    'Keep the promise to call back: apologise if late, give a real update, confirm the fix or agree the next date.',
    'Cumpla la promesa de volver a llamar: discúlpese si llega tarde, dé novedades reales, confirme la solución o acuerde la próxima fecha.',
  ),
  selection: { directions: ['outbound'], queues: ['follow_up'], priority: 10 },
  deescalation: { emotions: ['angry'], step: 'calm_listen' },
  start: 'intro',
  steps: [
    {
      id: 'intro', type: 'say',
      text: t(
        `Hello${NAME_SUFFIX}, I'm calling about the complaint you raised with us, as we promised.`,
        `Hola${NAME_SUFFIX}, le llamo por la reclamación que nos hizo, tal como le prometimos.`,
      ),
      next: 'sla',
    },
    {
      id: 'sla', type: 'branch',
      branches: [{ when: 'customer.overdueComplaints > 0', next: 'apologise_late', label: t('Past its SLA', 'Fuera de plazo') }],
      otherwise: 'status',
    },
    {
      id: 'apologise_late', type: 'say',
      text: t(
        "First, I'm sorry: we promised you an answer sooner than this.",
        'Antes de nada, disculpe: le prometimos una respuesta antes.',
      ),
      next: 'status',
    },
    {
      id: 'status', type: 'ask', required: true,
      prompt: t("What is the case's status?", '¿En qué estado está el caso?'),
      answer: {
        kind: 'choice', options: [
          { value: 'solved', label: t('Solved on our side', 'Resuelto por nuestra parte') },
          { value: 'in_progress', label: t('Still in progress', 'Todavía en curso') },
        ],
      },
      next: 'route_status',
    },
    {
      id: 'route_status', type: 'branch',
      branches: [{ when: "answers.status == 'solved'", next: 'confirm_fixed' }],
      otherwise: 'explain_progress',
    },
    {
      id: 'confirm_fixed', type: 'ask', required: true,
      prompt: t('Ask: "Is everything working as it should now?"', 'Pregunte: «¿Funciona ya todo como debería?»'),
      answer: { kind: 'yes_no' },
      next: 'route_fixed',
    },
    {
      id: 'route_fixed', type: 'branch',
      branches: [{ when: 'answers.confirm_fixed == true', next: 'satisfaction' }],
      otherwise: 'reopen',
    },
    {
      id: 'reopen', type: 'say',
      text: t(
        "I'm sorry it isn't right yet. I'm keeping your case open and I'll stay on it.",
        'Siento que todavía no esté bien. Mantengo su caso abierto y sigo encima de él.',
      ),
      next: 'next_contact',
    },
    {
      id: 'explain_progress', type: 'say',
      text: t(
        "Here's where we are and what happens next. I'd rather give you a date we can keep than one we might miss.",
        'Le cuento en qué punto estamos y qué pasará ahora. Prefiero darle una fecha que podamos cumplir a una que quizá no.',
      ),
      next: 'next_contact',
    },
    {
      id: 'next_contact', type: 'ask', required: true,
      prompt: t('When will we contact them next?', '¿Cuándo volveremos a contactar?'),
      answer: { kind: 'date' },
      next: 'close_pending',
    },
    {
      id: 'close_pending', type: 'end', disposition: 'callback_scheduled',
      text: t("I'll call you again on {{ answers.next_contact }}. Thank you for your patience.", 'Le volveré a llamar el {{ answers.next_contact }}. Gracias por su paciencia.'),
      followUp: { kind: 'complaint_follow_up', inHours: 48, note: t('Follow-up promised for {{ answers.next_contact }}', 'Seguimiento prometido para el {{ answers.next_contact }}') },
    },
    {
      id: 'satisfaction', type: 'ask', required: false,
      prompt: t(
        'From 0 to 10, how satisfied are you with how we handled your complaint?',
        'Del 0 al 10, ¿qué tan satisfecho está con cómo gestionamos su reclamación?',
      ),
      answer: { kind: 'number', min: 0, max: 10 },
      next: 'close_resolved',
    },
    {
      id: 'close_resolved', type: 'end', disposition: 'resolved',
      text: t("I'm glad it's sorted. Thank you for giving us the chance to fix it.", 'Me alegro de que esté solucionado. Gracias por darnos la oportunidad de arreglarlo.'),
    },
    ...deescalationSteps('status'),
  ],
} satisfies ScriptDefinitionInput;
