/** The chat server the page came from: `wss:` under `https:`, so a TLS site never falls back to plain text. */
export function defaultServerUrl(location: Pick<Location, 'protocol' | 'host'>): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`;
}

/** True for a ws:// or wss:// URL with a host: the only addresses a WebSocket can open. */
export function isServerUrl(text: string): boolean {
  try {
    const url = new URL(text.trim());
    return (url.protocol === 'ws:' || url.protocol === 'wss:') && url.hostname !== '';
  } catch {
    return false;
  }
}
