import { Suspense, lazy, useEffect } from 'react';
import { Logo } from '@components/Logo';
import { restoreSession, useSessionStatus } from './session';
import { SignInScreen } from './sign-in/SignInScreen';

// The workspace, the team-lead views and their texts load only once signed in.
const SignedInViews = lazy(() => import('./signed-in'));

function Splash() {
  return (
    <main className="splash" aria-busy="true">
      <Logo size={56} title="Centralita" />
    </main>
  );
}

/** The view switch: sign-in until there is a session, then the workspace. */
export function App() {
  const status = useSessionStatus();

  useEffect(() => {
    void restoreSession();
  }, []);

  if (status === 'restoring') return <Splash />;
  if (status !== 'signed_in') return <SignInScreen />;
  return (
    <Suspense fallback={<Splash />}>
      <SignedInViews />
    </Suspense>
  );
}
