/** English UI texts of the app shell. Spanish must have exactly the same keys (checked by the type and a unit test). */
export const en = {
  app: {
    name: 'Centralita',
    tagline: 'Softphone and customer workspace for contact-center agents',
  },
  language: {
    label: 'Language',
    en: 'English',
    es: 'Español',
  },
  signIn: {
    title: 'Sign in',
    subtitle: 'Use your agent account to start your shift.',
    username: 'Username',
    password: 'Password',
    showPassword: 'Show password',
    hidePassword: 'Hide password',
    submit: 'Sign in',
    submitting: 'Signing in…',
    brandHeadline: 'Every call, with the whole customer in view.',
    brandPoints: {
      phone: 'A softphone that survives network drops and sleep',
      card: 'The caller’s card before you say hello',
      offline: 'Keeps working offline and syncs when you are back',
    },
    edition: {
      browser: 'Browser edition',
      electron: 'Desktop app',
    },
    errors: {
      missingFields: 'Enter your username and password.',
      invalidCredentials: 'The username or password is incorrect. Check them and try again.',
      rateLimited: 'Too many sign-in attempts. Wait a moment and try again.',
      rateLimitedFor: 'Too many sign-in attempts. Try again in {{count}} seconds.',
      unreachable: 'Cannot reach the Centralita server. Check your connection and try again.',
      serverError: 'The server could not sign you in right now (error {{status}}). Try again shortly.',
      badReply: 'The server sent an unexpected reply. Contact your administrator if this continues.',
      accountDisabled: 'This account is disabled. Contact your team lead.',
    },
  },
  workspace: {
    skipToContent: 'Skip to the customer card',
    signedInAs: 'Signed in as {{name}}',
    roles: {
      agent: 'Agent',
      team_lead: 'Team lead',
      admin: 'Administrator',
    },
    signOut: 'Sign out',
    signOutOnCall: {
      title: 'You are on a call',
      body: 'Signing out hangs up the call. Its record is kept and sent to the server.',
      stay: 'Stay on the call',
      confirm: 'Hang up and sign out',
    },
    settings: 'Settings',
    presence: {
      label: 'Status',
      offline: 'Offline',
      available: 'Available',
      on_call: 'On a call',
      after_call_work: 'After-call work',
      paused: 'Paused',
    },
    phone: {
      title: 'Phone',
      gaps: {
        no_pbx: 'No phone server is configured for this workspace, so calls cannot be placed or received here.',
        no_extension: 'Your account has no phone extension yet. Ask your team lead to assign one.',
        no_password: 'Enter your phone (SIP) password in Settings to start the phone.',
      },
      openSettings: 'Open settings',
    },
    customer: {
      title: 'Customer',
      emptyTitle: 'No customer on screen',
      emptyBody: 'When a call comes in, the caller’s card opens here with their history, consents and open complaints.',
    },
    queue: {
      title: 'Work queue',
      emptyTitle: 'Nothing in your queue',
      emptyBody: 'Callbacks and follow-ups assigned to you or your team appear here, most urgent first.',
    },
    sync: {
      label: 'Sync',
      notConnected: 'Not connected yet',
      notConnectedHint: 'Offline sync is starting on this device.',
      failed: 'Not running',
      failedHint: 'Offline sync could not start on this device (local storage is blocked or the server is unreachable). Reload to try again.',
    },
  },
  settings: {
    title: 'Settings',
    phone: {
      title: 'Phone',
      password: 'Phone (SIP) password',
      save: 'Save password',
      forget: 'Forget password',
      saved: 'Saved. The phone is starting.',
      forgotten: 'Password forgotten. The phone is off.',
    },
    close: 'Close',
    languageHint: 'Follows your system language until you choose one here.',
    device: {
      title: 'This device',
      edition: 'Edition',
      secretStorage: 'Passwords are kept',
      secretKinds: {
        os: 'in the system keychain',
        basic_text: 'in a weakly protected file (no system keychain found)',
        memory: 'in memory for this session only',
      },
      available: 'Available',
      unavailable: 'Not available here',
      capabilities: {
        notifications: 'Desktop notifications',
        globalShortcuts: 'Call shortcuts when the app is in the background',
        protocolLinks: 'Opening tel: and sip: links',
        tray: 'Status icon in the system tray',
        powerEvents: 'Away status when the screen locks',
        secureSecretStorage: 'System keychain for passwords',
      },
      shortcutsTitle: 'Call shortcuts',
      shortcuts: {
        answer: 'Answer',
        hangup: 'Hang up',
        mute: 'Mute',
        hold: 'Hold',
      },
      shortcutsBrowserNote: 'In the browser edition they work while this tab has focus.',
    },
  },
  errors: {
    unexpectedTitle: 'Something went wrong',
    unexpectedBody: 'Centralita hit an unexpected error. Reload to continue; nothing saved locally is lost.',
    reload: 'Reload',
  },
} as const;

type Texts<T> = { readonly [K in keyof T]: T[K] extends string ? string : Texts<T[K]> };
export type AppTexts = Texts<typeof en>;
