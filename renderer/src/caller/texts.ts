/** Texts of the customer-phone page (namespace `caller`). */
export const callerEn = {
  title: 'Customer phone',
  intro: 'A simulated customer line: sign in as a customer extension (2001–2003) and call an agent (1001–1005).',
  server: 'Phone server (ws:// or wss://)',
  domain: 'SIP domain',
  user: 'Extension',
  password: 'Password',
  displayName: 'Caller name',
  dtmfMode: 'DTMF',
  start: 'Switch phone on',
  stop: 'Switch phone off',
  handoff: { title: 'Transfer hand-off received', line: 'Line {{number}}:' },
  problem: {
    server: 'Enter the phone server address, starting with ws:// or wss://.',
    domain: 'Enter the SIP domain.',
    user: 'Enter the extension.',
    password: 'Enter the password.',
  },
};

export const callerEs: typeof callerEn = {
  title: 'Teléfono del cliente',
  intro: 'Una línea de cliente simulada: regístrese como extensión de cliente (2001–2003) y llame a un agente (1001–1005).',
  server: 'Servidor telefónico (ws:// o wss://)',
  domain: 'Dominio SIP',
  user: 'Extensión',
  password: 'Contraseña',
  displayName: 'Nombre del llamante',
  dtmfMode: 'DTMF',
  start: 'Encender teléfono',
  stop: 'Apagar teléfono',
  handoff: { title: 'Traspaso recibido con la transferencia', line: 'Línea {{number}}:' },
  problem: {
    server: 'Indique el servidor telefónico, empezando por ws:// o wss://.',
    domain: 'Indique el dominio SIP.',
    user: 'Indique la extensión.',
    password: 'Indique la contraseña.',
  },
};
