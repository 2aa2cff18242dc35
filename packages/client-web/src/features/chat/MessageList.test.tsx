import { fireEvent, render, screen } from '@testing-library/react';
import type { LogEntry } from '@charla/sdk';
import { describe, expect, it } from 'vitest';
import { I18nProvider } from '../../i18n/I18nProvider';
import { storeLanguage } from '@charla/web-i18n';
import { MessageList } from './MessageList';

const at = '2025-01-01T10:00:00.000Z';
const message = (id: number, contenido = `m${id}`, own = false): LogEntry => ({
  key: `m${id}`,
  frame: { tipo: 'mensaje', id, remitente: own ? 'ana' : 'bea', contenido, marca_tiempo: at },
  own,
});

/** happy-dom does no layout: give the log a fixed geometry whose content grows 100 px per line. */
function withGeometry(element: HTMLElement) {
  let top = 0;
  const height = () => element.querySelectorAll('li').length * 100;
  Object.defineProperties(element, {
    clientHeight: { configurable: true, get: () => 300 },
    scrollHeight: { configurable: true, get: height },
    scrollTop: { configurable: true, get: () => top, set: (value: number) => (top = Math.max(0, Math.min(value, height() - 300))) },
  });
  return element;
}

function setup(entries: LogEntry[]) {
  storeLanguage('en');
  const view = render(
    <I18nProvider>
      <MessageList entries={entries} label="Messages: Everyone" emptyText="No messages yet." />
    </I18nProvider>,
  );
  const log = withGeometry(screen.getByRole('log'));
  const rerender = (next: LogEntry[]) =>
    view.rerender(
      <I18nProvider>
        <MessageList entries={next} label="Messages: Everyone" emptyText="No messages yet." />
      </I18nProvider>,
    );
  return { log, rerender };
}

const tenMessages = Array.from({ length: 10 }, (_, i) => message(i + 1));

describe('MessageList', () => {
  it('is a labelled, focusable polite live region', () => {
    const { log } = setup([]);
    expect(log.getAttribute('aria-live')).toBe('polite');
    expect(log.getAttribute('aria-label')).toBe('Messages: Everyone');
    expect(log.tabIndex).toBe(0);
    expect(log.textContent).toBe('No messages yet.');
  });

  it('follows new messages while the reader is at the bottom', () => {
    const { log, rerender } = setup(tenMessages);
    log.scrollTop = log.scrollHeight;
    fireEvent.scroll(log);
    rerender([...tenMessages, message(11)]);
    expect(log.scrollTop).toBe(1100 - 300);
    expect(screen.queryByRole('button', { name: /new message/ })).toBeNull();
  });

  it('shows a "new messages" pill instead of scrolling when the reader scrolled up, and jumps down on click', () => {
    const { log, rerender } = setup(tenMessages);
    log.scrollTop = 100;
    fireEvent.scroll(log);
    rerender([...tenMessages, message(11)]);
    rerender([...tenMessages, message(11), message(12)]);
    expect(log.scrollTop).toBe(100);
    const pill = screen.getByRole('button', { name: '2 new messages' });
    fireEvent.click(pill);
    expect(log.scrollTop).toBe(1200 - 300);
    expect(screen.queryByRole('button', { name: /new message/ })).toBeNull();
  });

  it('drops the pill when the reader scrolls back down by themselves', () => {
    const { log, rerender } = setup(tenMessages);
    log.scrollTop = 0;
    fireEvent.scroll(log);
    rerender([...tenMessages, message(11)]);
    expect(screen.getByRole('button', { name: '1 new message' })).toBeDefined();
    log.scrollTop = log.scrollHeight;
    fireEvent.scroll(log);
    expect(screen.queryByRole('button', { name: /new message/ })).toBeNull();
  });

  it('scrolls to the reader’s own new message even when scrolled up', () => {
    const { log, rerender } = setup(tenMessages);
    log.scrollTop = 0;
    fireEvent.scroll(log);
    rerender([...tenMessages, message(11, 'mine', true)]);
    expect(log.scrollTop).toBe(1100 - 300);
    expect(screen.queryByRole('button', { name: /new message/ })).toBeNull();
  });

  it('renders markup in messages as text and only http(s) URLs as safe links', () => {
    const { log } = setup([message(1, '<img src=x onerror="window.pwned=1"> <b>hi</b> javascript:alert(1) https://example.org/x')]);
    expect(log.querySelector('img')).toBeNull();
    expect(log.querySelector('b')).toBeNull();
    expect(screen.getByText(/<img src=x onerror="window.pwned=1"> <b>hi<\/b> javascript:alert\(1\)/)).toBeDefined();
    const links = log.querySelectorAll('a');
    expect(links).toHaveLength(1);
    expect(links[0]?.getAttribute('href')).toBe('https://example.org/x');
    expect(links[0]?.getAttribute('target')).toBe('_blank');
    expect(links[0]?.getAttribute('rel')).toBe('noopener noreferrer');
  });
});
