import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { softphoneEn, softphoneEs, SOFTPHONE_NAMESPACE } from '@features/softphone';
import { desktop } from '@platform/desktop';
import { readCallerForm } from './caller-params';
import { CallerPhone } from './CallerPhone';
import { callerEn, callerEs } from './texts';
import './caller.css';

const form = readCallerForm(window.location.search);
const language = form.language ?? (navigator.language.toLowerCase().startsWith('es') ? 'es' : 'en');
const i18n = i18next.createInstance();
void i18n
  .use(initReactI18next)
  .init({
    resources: {
      en: { [SOFTPHONE_NAMESPACE]: softphoneEn, caller: callerEn },
      es: { [SOFTPHONE_NAMESPACE]: softphoneEs, caller: callerEs },
    },
    lng: language,
    fallbackLng: 'en',
    defaultNS: 'caller',
    interpolation: { escapeValue: false },
  })
  .then(() => {
    document.documentElement.lang = language;
    const container = document.getElementById('root');
    if (!container) throw new Error('caller.html lost its #root element');
    createRoot(container).render(
      <StrictMode>
        <CallerPhone initial={form} host={desktop} />
      </StrictMode>,
    );
  });
