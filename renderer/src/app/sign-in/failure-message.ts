import type { TFunction } from 'i18next';
import type { SignInFailure } from '../session';

/** The sentence the agent reads for each way sign-in can fail. */
export function failureMessage(t: TFunction, failure: SignInFailure | 'missing_fields'): string {
  if (failure === 'missing_fields') return t('signIn.errors.missingFields');
  switch (failure.kind) {
    case 'invalid_credentials':
      return t('signIn.errors.invalidCredentials');
    case 'account_disabled':
      return t('signIn.errors.accountDisabled');
    case 'rate_limited':
      return failure.retryAfterSeconds === null
        ? t('signIn.errors.rateLimited')
        : t('signIn.errors.rateLimitedFor', { count: failure.retryAfterSeconds });
    case 'invalid_input':
      return t('signIn.errors.missingFields');
    case 'unreachable':
      return t('signIn.errors.unreachable');
    case 'server_error':
      return t('signIn.errors.serverError', { status: failure.status });
    case 'bad_reply':
      return t('signIn.errors.badReply');
  }
}
