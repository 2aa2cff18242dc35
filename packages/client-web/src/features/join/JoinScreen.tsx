import { useEffect, useState } from 'react';
import type { FormEvent } from 'react';
import type { EndReason } from '@charla/sdk';
import { useChatClient, useChatSnapshot } from '../../app/ChatProvider';
import { Brand } from '../../app/Brand';
import type { Dictionary } from '../../i18n/dictionary';
import { useI18n } from '../../i18n/I18nProvider';
import { LanguageSelect } from '../../i18n/I18nProvider';
import { defaultServerUrl, isServerUrl } from '../../lib/serverUrl';
import { endText } from '../connection/endReason';
import type { EndText } from '../connection/endReason';
import { Field } from './Field';
import { joinProblem } from './refusal';
import type { JoinField, JoinProblem } from './refusal';

/** Checks made before trying, so an empty name never reaches the server. */
type LocalProblem = 'nameRequired' | 'serverInvalid';
const LOCAL_FIELD: Readonly<Record<LocalProblem, JoinField>> = { nameRequired: 'name', serverInvalid: 'server' };

/**
 * The seed's join window: a name, Connect (Enter works), and the address and key when
 * needed. `onJoined` gets the address joined.
 */
export function JoinScreen({ onJoined }: { onJoined: (serverUrl: string) => void }) {
  const client = useChatClient();
  const { state, ended, nombre } = useChatSnapshot();
  const { t, language } = useI18n();
  const [name, setName] = useState(() => nombre ?? '');
  const [server, setServer] = useState(() => defaultServerUrl(window.location));
  const [secret, setSecret] = useState('');
  const [secretShown, setSecretShown] = useState(false);
  const [local, setLocal] = useState<LocalProblem | null>(null);

  const connecting = state === 'conectando';
  const problem: JoinProblem | null = local === null ? joinProblem(ended, t, language) : { field: LOCAL_FIELD[local], message: t.join[local], detail: null };
  const showSecret = secretShown || problem?.field === 'secret';
  const errorFor = (field: JoinField) => (problem?.field === field ? [problem.message, ...(problem.detail === null ? [] : [problem.detail])] : undefined);

  // After each failed attempt (not on a language switch), the cursor goes where the fix is
  // typed, and a key field once asked for stays.
  const problemField = problem?.field;
  useEffect(() => {
    if (problemField === undefined) return;
    if (problemField === 'secret') setSecretShown(true);
    document.getElementById(`join-${problemField}`)?.focus();
  }, [problemField, ended, local]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (connecting) return;
    const nombre = name.trim();
    const check: LocalProblem | null = nombre === '' ? 'nameRequired' : !isServerUrl(server) ? 'serverInvalid' : null;
    setLocal(check);
    if (check !== null) return;
    const url = server.trim();
    client.connect({ url, nombre, ...(secret !== '' && { clave: secret }) }).then(() => onJoined(url), () => {
      // A refusal or an unreachable server lands in snapshot.ended, shown by its field.
    });
  };

  const farewell = farewellText(ended, t, language);
  return (
    <main className="join">
      <div className="join-card">
        <header className="join-header">
          <Brand />
          <LanguageSelect />
        </header>
        <p className="tagline">{t.join.tagline}</p>
        {farewell !== null && (
          <p className="banner" role="status">
            {farewell.message}
            {farewell.detail !== null && <span className="detail"> {farewell.detail}</span>}
          </p>
        )}
        <form onSubmit={submit} noValidate>
          <Field
            id="join-name"
            label={t.join.name}
            hint={t.join.nameHint}
            error={errorFor('name')}
            value={name}
            onChange={(event) => setName(event.currentTarget.value)}
            autoComplete="nickname"
            autoCapitalize="none"
            spellCheck={false}
            required
            autoFocus
          />
          <Field
            id="join-server"
            label={t.join.server}
            error={errorFor('server')}
            value={server}
            onChange={(event) => setServer(event.currentTarget.value)}
            inputMode="url"
            autoCapitalize="none"
            spellCheck={false}
          />
          {showSecret ? (
            <Field
              id="join-secret"
              label={t.join.secret}
              error={errorFor('secret')}
                type="password"
              autoComplete="current-password"
              value={secret}
              onChange={(event) => setSecret(event.currentTarget.value)}
            />
          ) : (
            <button type="button" className="link-button" aria-expanded="false" onClick={() => setSecretShown(true)}>
              {t.join.secretToggle}
            </button>
          )}
          <button type="submit" className="primary" disabled={connecting}>
            {connecting ? t.join.connecting : t.join.connect}
          </button>
        </form>
      </div>
    </main>
  );
}

/** What the last session's end means for the person back at the join screen. */
function farewellText(ended: EndReason | null, t: Dictionary, language: string): EndText | null {
  switch (ended?.kind) {
    case 'desconexion':
      return { message: t.join.left, detail: null };
    case 'expulsado':
    case 'reemplazado':
      return endText(ended, t, language);
    default:
      return null;
  }
}
