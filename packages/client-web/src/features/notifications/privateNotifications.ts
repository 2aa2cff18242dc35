/**
 * A browser notification for a private message that arrives while the tab is hidden. Off
 * until the person turns it on; the permission is asked on that click, never on load. The
 * choice is kept in this browser (localStorage), like the language.
 */
import { useEffect, useRef, useState } from 'react';
import type { LogEntry } from '@charla/sdk';

const STORAGE_KEY = 'charla.notifyPrivate';

/** `unsupported`: no Notification API here; `denied`: the browser (or the person) said no. */
export type NotifyState = 'off' | 'on' | 'denied' | 'unsupported';

function stored(): boolean {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'on';
  } catch {
    return false;
  }
}

function store(on: boolean): void {
  try {
    localStorage.setItem(STORAGE_KEY, on ? 'on' : 'off');
  } catch {
    // Private browsing may refuse storage: the choice then lasts this page only.
  }
}

function initialState(): NotifyState {
  if (typeof Notification === 'undefined') return 'unsupported';
  if (Notification.permission === 'denied') return 'denied';
  return stored() && Notification.permission === 'granted' ? 'on' : 'off';
}

/** The setting and its switch; `turnOn` must run in a click handler (browsers ask only then). */
export function useNotifySetting(): { state: NotifyState; turnOn: () => Promise<void>; turnOff: () => void } {
  const [state, setState] = useState<NotifyState>(initialState);
  const turnOn = async () => {
    if (typeof Notification === 'undefined') return setState('unsupported');
    const permission = Notification.permission === 'granted' ? 'granted' : await Notification.requestPermission();
    store(permission === 'granted');
    setState(permission === 'granted' ? 'on' : permission === 'denied' ? 'denied' : 'off');
  };
  const turnOff = () => {
    store(false);
    setState('off');
  };
  return { state, turnOn, turnOff };
}

/** Private messages from others that `log` gained after `previous` (its last entry before). */
export function newPrivates(log: readonly LogEntry[], previous: LogEntry | null): LogEntry[] {
  const start = previous === null ? 0 : log.indexOf(previous) + 1;
  return log.slice(start).filter((entry) => entry.frame.tipo === 'privado' && !entry.own);
}

/** Shows one notification per private message from others while `enabled` and the tab is hidden. */
export function usePrivateNotifications(log: readonly LogEntry[], enabled: boolean, title: (from: string) => string): void {
  // What was already there when the chat opened (history) is not news.
  const seen = useRef<LogEntry | null>(log.at(-1) ?? null);
  useEffect(() => {
    const fresh = newPrivates(log, seen.current);
    seen.current = log.at(-1) ?? null;
    if (!enabled || !document.hidden || typeof Notification === 'undefined' || Notification.permission !== 'granted') return;
    for (const { frame } of fresh) {
      if (frame.tipo !== 'privado') continue;
      // One per sender at a time (the tag): a burst replaces instead of piling up.
      new Notification(title(frame.remitente), { body: frame.contenido, tag: `charla-private-${frame.remitente}` });
    }
  }, [log, enabled, title]);
}
