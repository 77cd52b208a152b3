import type { ScriptDefinitionInput } from '../model';

/** English and Spanish text of a step. */
export const t = (en: string, es: string) => ({ en, es });

/** "Hello, Ana" / "Hello" when the name is unknown (placeholder, filled from the customer card). */
export const NAME_SUFFIX = "{{ if(customer.firstName, ', ' + customer.firstName, '') }}";

type Steps = ScriptDefinitionInput['steps'];

/**
 * De-escalation detour shared by scripts: active listening, empathy, restating, then back to
 * `resumeAt`. Used when the agent switches the call's emotion to angry mid-call.
 */
export function deescalationSteps(resumeAt: string): Steps {
  return [
    {
      id: 'calm_listen', type: 'say',
      title: t('Active listening — let them finish', 'Escucha activa: deja que termine'),
      text: t(
        "I can hear how upsetting this is, and I'm sorry. Please tell me everything — I'm listening and taking notes, so you won't have to repeat it.",
        'Entiendo lo molesto que es esto y lo siento. Cuénteme todo, por favor: le escucho y tomo nota para que no tenga que repetirlo.',
      ),
      next: 'calm_restate',
    },
    {
      id: 'calm_restate', type: 'ask', required: true,
      title: t('Restate, calmly and slowly', 'Reformula, con calma y despacio'),
      prompt: t(
        'Say: "So what matters most to you is … — have I got that right?" Note the concern in their words.',
        'Diga: «Entonces lo que más le importa es… ¿lo he entendido bien?». Anote la preocupación con sus palabras.',
      ),
      answer: { kind: 'text', maxLength: 500 },
      next: 'calm_commit',
    },
    {
      id: 'calm_commit', type: 'say',
      title: t('Stay calm and take ownership', 'Mantén la calma y asume el caso'),
      text: t(
        "Thank you for explaining. I'm taking care of this personally, and before we hang up we'll agree on exactly what happens next.",
        'Gracias por explicármelo. Me encargo yo personalmente y, antes de colgar, acordaremos exactamente cuál es el siguiente paso.',
      ),
      next: 'calm_resume',
    },
    { id: 'calm_resume', type: 'jump', to: resumeAt },
  ];
}
