import { useEffect } from 'react';
import { Logo } from '@components/Logo';
import { restoreSession, useSessionStatus } from './session';
import { SignInScreen } from './sign-in/SignInScreen';
import { SignedInViews } from './lead/SignedInViews';

/** The view switch: sign-in until there is a session, then the workspace. */
export function App() {
  const status = useSessionStatus();

  useEffect(() => {
    void restoreSession();
  }, []);

  if (status === 'restoring') {
    return (
      <main className="splash" aria-busy="true">
        <Logo size={56} title="Centralita" />
      </main>
    );
  }
  return status === 'signed_in' ? <SignedInViews /> : <SignInScreen />;
}
