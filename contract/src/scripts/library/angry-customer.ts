import type { ScriptDefinitionInput } from '../model';
import { t } from './text';

/** De-escalation for an angry or frustrated caller: listen, empathise, own it, restate, agree a next step. */
export const angryCustomer = {
  schemaVersion: 1,
  id: 'angry-customer',
  name: t('Angry customer: de-escalation', 'Cliente enfadado: desescalada'),
  description: t(
    'Active listening, empathy, ownership of overdue complaints, restating, and a concrete next step.',
    'Escucha activa, empatía, asumir las reclamaciones vencidas, reformular y un siguiente paso concreto.',
  ),
  selection: { emotions: ['angry', 'frustrated'], priority: 20 },
  start: 'listen',
  steps: [
    {
      id: 'listen', type: 'say',
      title: t("Listen first — don't interrupt", 'Primero escucha, sin interrumpir'),
      text: t(
        "Please tell me what happened. I'm listening, and I'll take notes so you don't have to repeat anything.",
        'Cuénteme qué ha pasado, por favor. Le escucho y tomo nota para que no tenga que repetir nada.',
      ),
      next: 'empathize',
    },
    {
      id: 'empathize', type: 'say',
      title: t('Empathy, in your own words', 'Empatía, con tus palabras'),
      text: t(
        "I understand how frustrating this is{{ if(customer.firstName, ', ' + customer.firstName, '') }}, and you're right to expect better from us.",
        'Entiendo lo frustrante que es esto{{ if(customer.firstName, ", " + customer.firstName, "") }}, y tiene razón en esperar más de nosotros.',
      ),
      next: 'check_complaints',
    },
    {
      id: 'check_complaints', type: 'branch',
      branches: [
        { when: 'customer.overdueComplaints > 0', next: 'own_overdue', label: t('An open complaint is past its SLA', 'Hay una reclamación fuera de plazo') },
        { when: 'customer.openComplaints > 0', next: 'own_open', label: t('An open complaint within its SLA', 'Hay una reclamación abierta en plazo') },
      ],
      otherwise: 'restate',
    },
    {
      id: 'own_overdue', type: 'say',
      title: t('Take ownership of the overdue case', 'Asume el caso vencido'),
      text: t(
        "I can see we missed the date we promised for your complaint. That's on us, not on you, and I'm taking personal ownership of it from now on.",
        'Veo que no cumplimos el plazo que le prometimos para su reclamación. La culpa es nuestra, no suya, y desde ahora me encargo personalmente.',
      ),
      next: 'restate',
    },
    {
      id: 'own_open', type: 'say',
      text: t(
        "I can see you already have an open case with us. I'll work from it, so you don't have to start over.",
        'Veo que ya tiene un caso abierto con nosotros. Trabajaré sobre él para que no tenga que empezar de cero.',
      ),
      next: 'restate',
    },
    {
      id: 'restate', type: 'ask', required: true, variable: 'concern',
      title: t('Restate the problem', 'Reformula el problema'),
      prompt: t(
        'Say: "So, if I\'ve understood correctly, … — is that right?" Note the main concern in the customer\'s words.',
        'Diga: «Entonces, si lo he entendido bien, … ¿es así?». Anote la preocupación principal con las palabras del cliente.',
      ),
      answer: { kind: 'text', maxLength: 500 },
      next: 'mood',
    },
    {
      id: 'mood', type: 'ask', required: true,
      prompt: t('How is the customer now?', '¿Cómo está ahora el cliente?'),
      answer: {
        kind: 'choice', options: [
          { value: 'calmer', label: t('Calmer, ready to talk solutions', 'Más tranquilo, listo para hablar de soluciones') },
          { value: 'still_angry', label: t('Still angry', 'Sigue enfadado') },
          { value: 'wants_supervisor', label: t('Asks for a supervisor', 'Pide hablar con un supervisor') },
        ],
      },
      next: 'route_mood',
    },
    {
      id: 'route_mood', type: 'branch',
      branches: [
        { when: "answers.mood == 'wants_supervisor'", next: 'supervisor' },
        { when: "answers.mood == 'still_angry'", next: 'stay_calm' },
      ],
      otherwise: 'next_step',
    },
    {
      id: 'stay_calm', type: 'say',
      title: t('Stay calm; lower your pace and volume', 'Mantén la calma; baja el ritmo y el volumen'),
      text: t(
        "I hear you. I'm not going anywhere until we have a plan you're comfortable with.",
        'Le entiendo. No voy a dejarle hasta que tengamos un plan con el que esté conforme.',
      ),
      next: 'next_step',
    },
    {
      id: 'next_step', type: 'ask', required: true, variable: 'plan',
      title: t('Agree a concrete next step', 'Acuerda un siguiente paso concreto'),
      prompt: t('What have you agreed with the customer?', '¿Qué ha acordado con el cliente?'),
      answer: {
        kind: 'choice', options: [
          { value: 'fix_now', label: t('Fixed during this call', 'Resuelto en esta llamada') },
          { value: 'callback', label: t('We call back with an update on a set day', 'Le llamamos con novedades un día concreto') },
          { value: 'supervisor', label: t('Hand over to a supervisor', 'Pasar a un supervisor') },
        ],
      },
      next: 'route_plan',
    },
    {
      id: 'route_plan', type: 'branch',
      branches: [
        { when: "vars.plan == 'fix_now'", next: 'close_resolved' },
        { when: "vars.plan == 'callback'", next: 'callback_day' },
      ],
      otherwise: 'supervisor',
    },
    {
      id: 'callback_day', type: 'ask', required: true,
      prompt: t('On what day will we call back?', '¿Qué día le volveremos a llamar?'),
      answer: { kind: 'date' },
      next: 'close_callback',
    },
    {
      id: 'close_callback', type: 'end', disposition: 'callback_scheduled',
      text: t(
        "To confirm: I'll call you on {{ answers.callback_day }} with an update, and I'll have your case in front of me so you won't need to explain again.",
        'Para confirmar: le llamaré el {{ answers.callback_day }} con novedades y tendré su caso delante para que no tenga que explicarlo de nuevo.',
      ),
      followUp: { kind: 'callback', inHours: 24, note: t('Promised update after an angry call: {{ vars.concern }}', 'Novedades prometidas tras una llamada tensa: {{ vars.concern }}') },
    },
    {
      id: 'close_resolved', type: 'end', disposition: 'resolved',
      text: t(
        "Thank you for your patience, and again, I'm sorry for the trouble. Is there anything else I can do for you today?",
        'Gracias por su paciencia y, de nuevo, disculpe las molestias. ¿Hay algo más en lo que pueda ayudarle hoy?',
      ),
    },
    {
      id: 'supervisor', type: 'end', disposition: 'escalated',
      text: t(
        "I'm bringing in my supervisor now, and I'll stay on the line to brief them so you won't have to repeat yourself.",
        'Voy a pasarle con mi supervisor y me quedaré en la línea para ponerle al día, así no tendrá que repetirlo.',
      ),
    },
  ],
} satisfies ScriptDefinitionInput;
