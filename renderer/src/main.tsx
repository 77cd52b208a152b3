import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from '@app/App';
import { ErrorBoundary } from '@app/ErrorBoundary';
import { initI18n } from '@app/i18n';
import { AppProviders } from '@app/providers';
import '@app/styles.css';

const container = document.getElementById('root');
if (!container) throw new Error('index.html lost its #root element');

const root = createRoot(container);
void initI18n().then(() =>
  root.render(
    <StrictMode>
      <AppProviders>
        <ErrorBoundary>
          <App />
        </ErrorBoundary>
      </AppProviders>
    </StrictMode>,
  ),
);
