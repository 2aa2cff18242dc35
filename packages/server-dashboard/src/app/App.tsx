import { useCallback, useEffect, useState } from 'react';
import type { Environment, Session } from '../api/session';
import { browserEnvironment, readStoredToken, signIn, storeToken } from '../api/session';
import { LoginScreen } from '../features/login/LoginScreen';
import type { LoginNotice } from '../features/login/LoginScreen';
import { Shell } from './Shell';
import { SessionProvider } from './SessionProvider';

type Phase = { kind: 'signedOut'; notice: LoginNotice | null } | { kind: 'restoring' } | { kind: 'signedIn'; session: Session };

/**
 * Signed out (the login screen) or signed in (the console). A token kept from earlier in
 * this tab is tried first; any 401 later, from a request or the event stream, ends the
 * session and says so.
 */
export function App({ env: given }: { env?: Environment }) {
  // Made once: sign-in callbacks depend on it.
  const [env] = useState(() => given ?? browserEnvironment());
  const [phase, setPhase] = useState<Phase>(() => (readStoredToken() === null ? { kind: 'signedOut', notice: null } : { kind: 'restoring' }));

  const end = useCallback((notice: LoginNotice) => {
    storeToken(null);
    setPhase({ kind: 'signedOut', notice });
  }, []);

  const start = useCallback(
    async (token: string) => {
      const session = await signIn(token, env, () => end({ kind: 'expired' }));
      storeToken(token);
      setPhase({ kind: 'signedIn', session });
    },
    [env, end],
  );

  useEffect(() => {
    if (phase.kind !== 'restoring') return;
    const token = readStoredToken() ?? '';
    start(token).catch((error: unknown) => end({ kind: 'error', error }));
  }, [phase.kind, start, end]);

  switch (phase.kind) {
    case 'restoring':
      return null;
    case 'signedOut':
      return <LoginScreen notice={phase.notice} onSignIn={start} />;
    case 'signedIn':
      return (
        <SessionProvider session={phase.session}>
          <Shell onSignOut={() => end({ kind: 'signedOut' })} />
        </SessionProvider>
      );
  }
}
