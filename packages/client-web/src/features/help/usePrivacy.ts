import { useEffect, useState } from 'react';
import { chatInfoUrl, loadChatInfo } from './chatInfo';

/** What users are told about their private messages on this server. */
export type Privacy = 'hidden' | 'readable' | 'unknown';

/**
 * Whether operators of the server at `serverUrl` can read private messages, as it says:
 * 'unknown' until (and unless) it answers. Asked once per server address.
 */
export function usePrivacy(serverUrl: string): Privacy {
  const [privacy, setPrivacy] = useState<{ serverUrl: string; privacy: Privacy } | null>(null);
  useEffect(() => {
    const url = chatInfoUrl(serverUrl, window.location.origin);
    if (url === null) return;
    const abort = new AbortController();
    void loadChatInfo(url, (...args) => fetch(...args), abort.signal).then((info) => {
      if (abort.signal.aborted || info === null) return;
      setPrivacy({ serverUrl, privacy: info.privateMessagesReadableByOperators ? 'readable' : 'hidden' });
    });
    return () => abort.abort();
  }, [serverUrl]);
  return privacy?.serverUrl === serverUrl ? privacy.privacy : 'unknown';
}
