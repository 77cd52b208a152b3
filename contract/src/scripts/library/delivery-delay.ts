import type { ScriptDefinitionInput } from '../model';
import { NAME_SUFFIX, deescalationSteps, t } from './text';

/** Inbound complaint about a delayed delivery: honesty, ownership, a cautious new date, a goodwill offer. */
export const deliveryDelay = {
  schemaVersion: 1,
  id: 'delivery-delay',
  name: t('Delayed delivery (inbound)', 'Entrega retrasada (entrante)'),
  description: t(
    'Be honest about the delay, own it, give a cautious new date and a goodwill offer that fits the customer.',
    'Sea sincero con el retraso, asúmalo, dé una fecha nueva prudente y un gesto comercial adecuado al cliente.',
  ),
  selection: { directions: ['inbound'], complaintTypes: ['delivery_delay', 'lost_parcel'], priority: 10 },
  variables: [{ name: 'offer', initial: null }],
  deescalation: { emotions: ['angry'], step: 'calm_listen' },
  start: 'greet',
  steps: [
    {
      id: 'greet', type: 'say',
      text: t(
        `Thank you for calling${NAME_SUFFIX}. I'm sorry your order hasn't arrived yet — let's look at it together right now.`,
        `Gracias por llamar${NAME_SUFFIX}. Siento que su pedido aún no haya llegado; vamos a revisarlo juntos ahora mismo.`,
      ),
      next: 'order_number',
    },
    {
      id: 'order_number', type: 'ask', required: true,
      prompt: t('Could you give me your order number, please?', '¿Me puede dar su número de pedido, por favor?'),
      answer: { kind: 'text', maxLength: 40 },
      next: 'honesty',
    },
    {
      id: 'honesty', type: 'say',
      title: t('Be honest about the cause (check the tracking first)', 'Sé sincero con la causa (mira antes el seguimiento)'),
      text: t(
        "I've checked, and I'll be honest with you: your order is delayed. That's not what we promised, and fixing it is our job, not yours.",
        'Lo he comprobado y le seré sincero: su pedido va con retraso. No es lo que le prometimos, y solucionarlo es cosa nuestra, no suya.',
      ),
      next: 'overdue_check',
    },
    {
      id: 'overdue_check', type: 'branch',
      branches: [{ when: 'customer.overdueComplaints > 0', next: 'own_missed_date', label: t('We already missed a promised date', 'Ya incumplimos una fecha prometida') }],
      otherwise: 'new_date',
    },
    {
      id: 'own_missed_date', type: 'say',
      text: t(
        "I also see we already missed a date we gave you before. I'm sorry — I'll follow this personally until it's delivered.",
        'Veo también que ya incumplimos una fecha que le dimos. Lo siento: seguiré el pedido personalmente hasta que se entregue.',
      ),
      next: 'new_date',
    },
    {
      id: 'new_date', type: 'ask', required: true, variable: 'newDate',
      title: t('A cautious new date: the latest realistic one', 'Una fecha prudente: la más tardía realista'),
      prompt: t(
        'Say: "It should arrive by … at the latest — does that work for you?" Record the date you gave.',
        'Diga: «Debería llegar como muy tarde el… ¿le va bien?». Anote la fecha que ha dado.',
      ),
      answer: { kind: 'date' },
      next: 'goodwill',
    },
    {
      id: 'goodwill', type: 'branch',
      branches: [
        { when: "customer.loyalty in ['gold', 'platinum'] || customer.lifetimeValue >= 2000 || customer.influencer", next: 'offer_premium', label: t('Loyal or high-value customer', 'Cliente fiel o de alto valor') },
      ],
      otherwise: 'offer_standard',
    },
    { id: 'offer_premium', type: 'set', variable: 'offer', value: "'shipping_refund_and_voucher'", next: 'say_premium' },
    {
      id: 'say_premium', type: 'say',
      title: t('Goodwill offer for a loyal customer', 'Gesto comercial para un cliente fiel'),
      text: t(
        "You've been with us a long time, and we don't take that for granted: we'll refund the shipping cost and add a 15 € voucher to your account.",
        'Lleva mucho tiempo con nosotros y lo valoramos: le devolvemos los gastos de envío y añadimos un vale de 15 € a su cuenta.',
      ),
      next: 'accept_offer',
    },
    { id: 'offer_standard', type: 'set', variable: 'offer', value: "'shipping_refund'", next: 'say_standard' },
    {
      id: 'say_standard', type: 'say',
      title: t('Goodwill offer', 'Gesto comercial'),
      text: t(
        "To make up for the wait, we'll refund the shipping cost of this order.",
        'Para compensar la espera, le devolvemos los gastos de envío de este pedido.',
      ),
      next: 'accept_offer',
    },
    {
      id: 'accept_offer', type: 'ask', required: true,
      prompt: t('Does the customer accept the offer and the new date?', '¿Acepta el cliente la compensación y la nueva fecha?'),
      answer: { kind: 'yes_no' },
      next: 'accepted',
    },
    {
      id: 'accepted', type: 'branch',
      branches: [{ when: 'answers.accept_offer == true', next: 'close_accepted' }],
      otherwise: 'close_complaint',
    },
    {
      id: 'close_accepted', type: 'end', disposition: 'resolved',
      text: t(
        "So your order will arrive by {{ answers.new_date }} at the latest. I'll keep an eye on it myself. Thank you for your patience{{ if(customer.firstName, ', ' + customer.firstName, '') }}.",
        'Entonces su pedido llegará como muy tarde el {{ answers.new_date }}. Yo mismo lo vigilaré. Gracias por su paciencia{{ if(customer.firstName, ", " + customer.firstName, "") }}.',
      ),
      followUp: { kind: 'complaint_follow_up', inHours: 72, note: t('Check that order {{ answers.order_number }} arrived by {{ answers.new_date }}', 'Comprobar que el pedido {{ answers.order_number }} llegó antes del {{ answers.new_date }}') },
    },
    {
      id: 'close_complaint', type: 'end', disposition: 'complaint_logged',
      text: t(
        "I understand. I've logged a formal complaint, and a colleague will call you within 24 hours with a solution.",
        'Lo entiendo. He registrado una reclamación formal y un compañero le llamará en menos de 24 horas con una solución.',
      ),
      followUp: { kind: 'complaint_follow_up', inHours: 24, note: t('Offer refused for order {{ answers.order_number }}', 'Compensación rechazada para el pedido {{ answers.order_number }}') },
    },
    ...deescalationSteps('honesty'),
  ],
} satisfies ScriptDefinitionInput;
