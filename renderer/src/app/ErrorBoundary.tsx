import { Component, type ErrorInfo, type ReactNode } from 'react';
import { Trans } from 'react-i18next';

interface State {
  failed: boolean;
}

/** Last line of defence: an unexpected render error shows a way out instead of a blank window. */
export class ErrorBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = { failed: false };

  static getDerivedStateFromError(): State {
    return { failed: true };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error('Unexpected UI error', error, info.componentStack);
  }

  override render(): ReactNode {
    if (!this.state.failed) return this.props.children;
    return (
      <main className="fatal">
        <h1>
          <Trans i18nKey="errors.unexpectedTitle" />
        </h1>
        <p>
          <Trans i18nKey="errors.unexpectedBody" />
        </p>
        <button type="button" className="button button--primary" onClick={() => window.location.reload()}>
          <Trans i18nKey="errors.reload" />
        </button>
      </main>
    );
  }
}
