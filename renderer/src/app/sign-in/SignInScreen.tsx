import { useMutation } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, LiveRegion } from '@components/Alert';
import { Button } from '@components/Button';
import { TextField } from '@components/TextField';
import { desktop } from '@platform/desktop';
import { LanguageSelect } from '../LanguageSelect';
import { signIn, type SignInFailure } from '../session';
import { BrandPanel } from './BrandPanel';
import { failureMessage } from './failure-message';

const ERROR_ID = 'sign-in-error';

function EyeIcon({ crossed }: { crossed: boolean }) {
  return (
    <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
      <path d="M2.5 12S6 5.5 12 5.5 21.5 12 21.5 12 18 18.5 12 18.5 2.5 12 2.5 12z" fill="none" stroke="currentColor" strokeWidth="1.7" strokeLinejoin="round" />
      <circle cx="12" cy="12" r="3" fill="none" stroke="currentColor" strokeWidth="1.7" />
      {crossed && <path d="M4 4l16 16" stroke="currentColor" strokeWidth="1.7" strokeLinecap="round" />}
    </svg>
  );
}

export function SignInScreen() {
  const { t } = useTranslation();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [passwordVisible, setPasswordVisible] = useState(false);
  const [failure, setFailure] = useState<SignInFailure | 'missing_fields' | null>(null);
  const usernameRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);

  const attempt = useMutation({
    mutationFn: signIn,
    onSuccess: (outcome) => {
      if (outcome.ok) return;
      setFailure(outcome.failure);
      if (outcome.failure.kind === 'invalid_credentials') {
        // Keep the username; the password is what usually needs retyping.
        setPassword('');
        passwordRef.current?.focus();
      }
    },
    onError: () => setFailure({ kind: 'unreachable' }),
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (attempt.isPending) return;
    if (username.trim() === '' || password === '') {
      setFailure('missing_fields');
      (username.trim() === '' ? usernameRef : passwordRef).current?.focus();
      return;
    }
    setFailure(null);
    attempt.mutate({ username: username.trim(), password });
  }

  const credentialsRejected = failure !== null && failure !== 'missing_fields' && failure.kind === 'invalid_credentials';
  const usernameInvalid = failure === 'missing_fields' ? username.trim() === '' : credentialsRejected;
  const passwordInvalid = failure === 'missing_fields' ? password === '' : credentialsRejected;

  return (
    <div className="sign-in">
      <BrandPanel />
      <main className="sign-in__main">
        <div className="sign-in__toolbar">
          <LanguageSelect />
        </div>
        <div className="sign-in__card">
          <h1 className="sign-in__title">{t('signIn.title')}</h1>
          <p className="sign-in__subtitle">{t('signIn.subtitle')}</p>
          <form className="sign-in__form" noValidate onSubmit={submit}>
            <TextField
              ref={usernameRef}
              label={t('signIn.username')}
              name="username"
              autoComplete="username"
              autoCapitalize="none"
              spellCheck={false}
              maxLength={64}
              value={username}
              onChange={(event) => setUsername(event.target.value)}
              invalid={usernameInvalid}
              errorId={ERROR_ID}
              required
            />
            <TextField
              ref={passwordRef}
              label={t('signIn.password')}
              name="password"
              type={passwordVisible ? 'text' : 'password'}
              autoComplete="current-password"
              maxLength={256}
              value={password}
              onChange={(event) => setPassword(event.target.value)}
              invalid={passwordInvalid}
              errorId={ERROR_ID}
              required
              trailing={
                <button
                  type="button"
                  className="field__toggle"
                  aria-label={passwordVisible ? t('signIn.hidePassword') : t('signIn.showPassword')}
                  title={passwordVisible ? t('signIn.hidePassword') : t('signIn.showPassword')}
                  onClick={() => setPasswordVisible((visible) => !visible)}
                >
                  <EyeIcon crossed={passwordVisible} />
                </button>
              }
            />
            <LiveRegion assertive>{failure !== null && <Alert id={ERROR_ID}>{failureMessage(t, failure)}</Alert>}</LiveRegion>
            <Button type="submit" variant="primary" className="sign-in__submit" busy={attempt.isPending}>
              {attempt.isPending ? t('signIn.submitting') : t('signIn.submit')}
            </Button>
          </form>
        </div>
        <footer className="sign-in__footer">
          <span className="edition-badge">{t(desktop.kind === 'electron' ? 'signIn.edition.electron' : 'signIn.edition.browser')}</span>
        </footer>
      </main>
    </div>
  );
}
