import { useEffect, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { Brand } from '../../app/Brand';
import { useI18n } from '../../i18n/I18nProvider';
import { LanguageSelect } from '../../i18n/I18nProvider';
import { ErrorText } from '../../ui/ErrorText';

/** Why the login screen is shown again: a session the server ended, a sign-out, or a kept token that failed. */
export type LoginNotice = { kind: 'expired' } | { kind: 'signedOut' } | { kind: 'error'; error: unknown };

interface LoginScreenProps {
  readonly notice: LoginNotice | null;
  /** Resolves once signed in; rejects with the AdminError to explain. */
  readonly onSignIn: (token: string) => Promise<void>;
}

/** One field, the admin token: checked against the server before the console opens. */
export function LoginScreen({ notice, onSignIn }: LoginScreenProps) {
  const { t } = useI18n();
  const [token, setToken] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(notice?.kind === 'error' ? notice.error : null);
  const [missing, setMissing] = useState(false);
  const field = useRef<HTMLInputElement>(null);

  useEffect(() => field.current?.focus(), []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const trimmed = token.trim();
    setMissing(trimmed === '');
    if (trimmed === '') return field.current?.focus();
    setBusy(true);
    setError(null);
    try {
      await onSignIn(trimmed);
    } catch (caught) {
      setError(caught);
      setBusy(false);
      field.current?.select();
    }
  };

  const invalid = missing || error !== null;
  return (
    <div className="login">
      <div className="login-top">
        <LanguageSelect />
      </div>
      <main className="login-card">
        <Brand />
        <p className="tagline">{t.login.title}. {t.login.tagline}</p>
        {notice?.kind === 'expired' && <p className="notice warn">{t.login.expired}</p>}
        {notice?.kind === 'signedOut' && <p className="notice">{t.login.signedOut}</p>}
        <form onSubmit={submit} noValidate>
          <label htmlFor="login-token">{t.login.token}</label>
          <input
            ref={field}
            id="login-token"
            type="password"
            autoComplete="off"
            spellCheck={false}
            value={token}
            onChange={(event) => setToken(event.currentTarget.value)}
            aria-invalid={invalid}
            aria-describedby={invalid ? 'login-token-error login-token-hint' : 'login-token-hint'}
          />
          <p className="hint" id="login-token-hint">
            {t.login.tokenHint}
          </p>
          {missing ? (
            <p className="error" role="alert" id="login-token-error">
              {t.login.required}
            </p>
          ) : (
            <ErrorText error={error} id="login-token-error" />
          )}
          <button type="submit" className="primary" disabled={busy}>
            {busy ? t.login.checking : t.login.submit}
          </button>
        </form>
      </main>
    </div>
  );
}
