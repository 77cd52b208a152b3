import type { ScriptDefinitionInput } from '../model';
import { NAME_SUFFIX, deescalationSteps, t } from './text';

/** The fallback for inbound calls: greet, recognise loyalty and open cases, find the reason, resolve or log. */
export const generalInbound = {
  schemaVersion: 1,
  id: 'general-inbound',
  name: t('General inbound call', 'Llamada entrante general'),
  description: t('Greeting, reason for the call, resolution or complaint.', 'Saludo, motivo de la llamada, solución o reclamación.'),
  selection: { directions: ['inbound'], priority: -10 },
  deescalation: { emotions: ['angry'], step: 'calm_listen' },
  start: 'greet',
  steps: [
    {
      id: 'greet', type: 'say',
      text: t(`Thank you for calling${NAME_SUFFIX}. How can I help you today?`, `Gracias por llamar${NAME_SUFFIX}. ¿En qué puedo ayudarle hoy?`),
      next: 'recognise',
    },
    {
      id: 'recognise', type: 'branch',
      branches: [
        { when: 'customer.openComplaints > 0', next: 'open_case', label: t('Has an open complaint', 'Tiene una reclamación abierta') },
        { when: "customer.loyalty in ['gold', 'platinum']", next: 'thank_loyalty', label: t('Gold or platinum', 'Oro o platino') },
      ],
      otherwise: 'reason',
    },
    {
      id: 'open_case', type: 'ask', required: true,
      prompt: t('Say: "I can see you have an open case with us — is your call about it?"', 'Diga: «Veo que tiene un caso abierto con nosotros, ¿llama por ese motivo?»'),
      answer: { kind: 'yes_no' },
      next: 'route_case',
    },
    {
      id: 'route_case', type: 'branch',
      branches: [{ when: 'answers.open_case', next: 'case_update' }],
      otherwise: 'reason',
    },
    {
      id: 'case_update', type: 'say',
      text: t(
        "Let me bring up your case and tell you exactly where it stands.",
        'Abro su caso y le cuento exactamente en qué punto está.',
      ),
      next: 'resolved_q',
    },
    {
      id: 'thank_loyalty', type: 'say',
      text: t('Thank you for being with us for so long — it means a lot.', 'Gracias por confiar en nosotros desde hace tanto tiempo; lo valoramos mucho.'),
      next: 'reason',
    },
    {
      id: 'reason', type: 'ask', required: true, variable: 'reason',
      prompt: t('What is the call about?', '¿Cuál es el motivo de la llamada?'),
      answer: {
        kind: 'choice', options: [
          { value: 'order', label: t('An order or delivery', 'Un pedido o entrega') },
          { value: 'billing', label: t('Billing', 'Facturación') },
          { value: 'technical', label: t('A technical problem', 'Un problema técnico') },
          { value: 'complaint', label: t('A complaint', 'Una reclamación') },
          { value: 'other', label: t('Something else', 'Otra cosa') },
        ],
      },
      next: 'route_reason',
    },
    {
      id: 'route_reason', type: 'branch',
      branches: [{ when: "vars.reason == 'complaint'", next: 'complaint_details' }],
      otherwise: 'help',
    },
    {
      id: 'complaint_details', type: 'ask', required: true,
      title: t('Listen and take it down', 'Escucha y toma nota'),
      prompt: t(
        "Say: \"I'm sorry to hear that — tell me what happened and I'll make sure it's fixed.\" Summarise the complaint.",
        'Diga: «Siento oír eso; cuénteme qué ha pasado y me aseguraré de que se solucione». Resuma la reclamación.',
      ),
      answer: { kind: 'text', maxLength: 1000 },
      next: 'close_complaint',
    },
    {
      id: 'close_complaint', type: 'end', disposition: 'complaint_logged',
      text: t(
        "I've logged your complaint. You'll hear from us within 48 hours at the latest.",
        'He registrado su reclamación. Tendrá noticias nuestras en un máximo de 48 horas.',
      ),
      followUp: { kind: 'complaint_follow_up', inHours: 48, note: t('New complaint: {{ answers.complaint_details }}', 'Nueva reclamación: {{ answers.complaint_details }}') },
    },
    {
      id: 'help', type: 'say',
      text: t('Let me check that for you — one moment, please.', 'Permítame comprobarlo, un momento por favor.'),
      next: 'resolved_q',
    },
    {
      id: 'resolved_q', type: 'ask', required: true,
      prompt: t('Is the question solved in this call?', '¿Queda resuelta la consulta en esta llamada?'),
      answer: { kind: 'yes_no' },
      next: 'route_resolved',
    },
    {
      id: 'route_resolved', type: 'branch',
      branches: [{ when: 'answers.resolved_q', next: 'close_resolved' }],
      otherwise: 'close_callback',
    },
    {
      id: 'close_resolved', type: 'end', disposition: 'resolved',
      text: t('Is there anything else I can help you with? Thank you for calling.', '¿Puedo ayudarle en algo más? Gracias por su llamada.'),
    },
    {
      id: 'close_callback', type: 'end', disposition: 'callback_scheduled',
      text: t("I'll look into it and call you back within one working day.", 'Lo reviso y le devuelvo la llamada en un día laborable como máximo.'),
      followUp: { kind: 'callback', inHours: 24, note: t('Pending question ({{ vars.reason }})', 'Consulta pendiente ({{ vars.reason }})') },
    },
    ...deescalationSteps('reason'),
  ],
} satisfies ScriptDefinitionInput;
