import type { ScriptDefinitionInput } from '../model';
import { NAME_SUFFIX, t } from './text';

/** Proactive outbound call about a delay, respecting consent and the customer's preferred channel. */
export const delayNotice = {
  schemaVersion: 1,
  id: 'delay-notice',
  name: t('Proactive delay notice (outbound)', 'Aviso proactivo de retraso (saliente)'),
  description: t(
    'Tell the customer about a delay before they have to ask, and keep them posted the way they prefer.',
    'Avise al cliente del retraso antes de que tenga que preguntar y manténgalo informado como prefiera.',
  ),
  selection: { directions: ['outbound'], queues: ['proactive'], priority: 10 },
  start: 'consent',
  steps: [
    {
      id: 'consent', type: 'branch',
      branches: [{ when: 'customer.consents.phone == false', next: 'no_phone_consent', label: t('Phone consent revoked', 'Consentimiento telefónico revocado') }],
      otherwise: 'intro',
    },
    {
      id: 'no_phone_consent', type: 'end', disposition: 'do_not_call',
      text: t(
        'Do not continue: this customer revoked consent to phone calls. Hang up politely and send the notice by {{ coalesce(customer.preferredChannel, "email") }}.',
        'No continúe: este cliente revocó el consentimiento para llamadas. Cuelgue con cortesía y envíe el aviso por {{ coalesce(customer.preferredChannel, "email") }}.',
      ),
    },
    {
      id: 'intro', type: 'say',
      text: t(
        `Hello${NAME_SUFFIX}, this is customer care. I'm calling about your order — do you have two minutes?`,
        `Hola${NAME_SUFFIX}, le llamamos de atención al cliente por su pedido. ¿Tiene dos minutos?`,
      ),
      next: 'good_time',
    },
    {
      id: 'good_time', type: 'ask', required: true,
      prompt: t('Is now a good time?', '¿Es buen momento?'),
      answer: { kind: 'yes_no' },
      next: 'route_time',
    },
    {
      id: 'route_time', type: 'branch',
      branches: [{ when: 'answers.good_time', next: 'explain' }],
      otherwise: 'later',
    },
    {
      id: 'later', type: 'ask', required: true,
      prompt: t('When suits them better?', '¿Cuándo le viene mejor?'),
      answer: {
        kind: 'choice', options: [
          { value: 'morning', label: t('Tomorrow morning', 'Mañana por la mañana') },
          { value: 'afternoon', label: t('Tomorrow afternoon', 'Mañana por la tarde') },
          { value: 'other_channel', label: t('Send it in writing instead', 'Prefiere recibirlo por escrito') },
        ],
      },
      next: 'route_later',
    },
    {
      id: 'route_later', type: 'branch',
      branches: [{ when: "answers.later == 'other_channel'", next: 'close_written' }],
      otherwise: 'close_callback',
    },
    {
      id: 'close_callback', type: 'end', disposition: 'callback_scheduled',
      text: t('Of course. We\'ll call you back then. Thank you!', 'Por supuesto. Le llamaremos entonces. ¡Gracias!'),
      followUp: { kind: 'callback', inHours: 18, note: t('Delay notice: call back ({{ answers.later }})', 'Aviso de retraso: volver a llamar ({{ answers.later }})') },
    },
    {
      id: 'close_written', type: 'end', disposition: 'information_provided',
      text: t(
        "Of course. We'll send you the details by {{ coalesce(customer.preferredChannel, 'email') }} today.",
        'Por supuesto. Le enviaremos los detalles por {{ coalesce(customer.preferredChannel, "email") }} hoy mismo.',
      ),
    },
    {
      id: 'explain', type: 'say',
      title: t('Tell them before they have to ask', 'Cuéntalo antes de que tengan que preguntar'),
      text: t(
        "We wanted to tell you before you had to ask: your order is delayed, and I'm sorry. Here is what we know and what we'll do.",
        'Queríamos avisarle antes de que tuviera que preguntar: su pedido va con retraso y lo sentimos. Le cuento lo que sabemos y lo que vamos a hacer.',
      ),
      next: 'new_date',
    },
    {
      id: 'new_date', type: 'ask', required: true,
      title: t('A cautious new date', 'Una fecha nueva prudente'),
      prompt: t('Which new date did you give (the latest realistic one)?', '¿Qué nueva fecha ha dado (la más tardía realista)?'),
      answer: { kind: 'date' },
      next: 'wish',
    },
    {
      id: 'wish', type: 'ask', required: true,
      prompt: t('What would the customer like to do?', '¿Qué prefiere hacer el cliente?'),
      answer: {
        kind: 'choice', options: [
          { value: 'wait', label: t('Wait for the new date', 'Esperar a la nueva fecha') },
          { value: 'change_address', label: t('Deliver somewhere else', 'Entregar en otra dirección') },
          { value: 'cancel', label: t('Cancel with a full refund', 'Cancelar con reembolso completo') },
        ],
      },
      next: 'updates',
    },
    {
      id: 'updates', type: 'ask', required: false,
      prompt: t(
        'How would they like updates? (preferred channel on file: {{ coalesce(customer.preferredChannel, "none") }})',
        '¿Cómo quiere recibir las novedades? (canal preferido registrado: {{ coalesce(customer.preferredChannel, "ninguno") }})',
      ),
      answer: {
        kind: 'choice', options: [
          { value: 'call', label: t('Phone call', 'Llamada') },
          { value: 'email', label: t('Email', 'Correo electrónico') },
          { value: 'chat', label: t('Chat / messaging', 'Chat / mensajería') },
        ],
      },
      next: 'close',
    },
    {
      id: 'close', type: 'end', disposition: 'information_provided',
      text: t(
        "Thank you for understanding. We'll keep you posted{{ if(answers.updates, ' by ' + answers.updates, '') }} until it arrives.",
        'Gracias por su comprensión. Le mantendremos informado{{ if(answers.updates, " por " + answers.updates, "") }} hasta que llegue.',
      ),
    },
  ],
} satisfies ScriptDefinitionInput;
