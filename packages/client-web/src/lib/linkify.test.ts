import { describe, expect, it } from 'vitest';
import { linkify } from './linkify';

describe('linkify', () => {
  it('turns http and https URLs into links and keeps the text around them', () => {
    expect(linkify('mira https://example.org/a?b=1#c y http://x.es')).toEqual([
      { kind: 'text', text: 'mira ' },
      { kind: 'link', text: 'https://example.org/a?b=1#c', href: 'https://example.org/a?b=1#c' },
      { kind: 'text', text: ' y ' },
      { kind: 'link', text: 'http://x.es', href: 'http://x.es/' },
    ]);
  });

  it.each(['javascript:alert(1)', 'JavaScript:alert(document.cookie)', 'data:text/html,<script>alert(1)</script>', 'vbscript:msgbox', 'ftp://files.example.org', 'www.example.org', 'mailto:ana@example.org'])(
    'leaves %s as text',
    (text) => {
      expect(linkify(text)).toEqual([{ kind: 'text', text }]);
    },
  );

  it('links only the http part of a URL hidden behind another scheme', () => {
    const parts = linkify('javascript:https://example.org');
    expect(parts).toEqual([
      { kind: 'text', text: 'javascript:' },
      { kind: 'link', text: 'https://example.org', href: 'https://example.org/' },
    ]);
  });

  it('keeps sentence punctuation out of the link but a closing parenthesis of the URL in', () => {
    expect(linkify('see https://example.org/a.')).toEqual([
      { kind: 'text', text: 'see ' },
      { kind: 'link', text: 'https://example.org/a', href: 'https://example.org/a' },
      { kind: 'text', text: '.' },
    ]);
    expect(linkify('(https://en.wikipedia.org/wiki/Chat_(software))')[1]).toEqual({
      kind: 'link',
      text: 'https://en.wikipedia.org/wiki/Chat_(software)',
      href: 'https://en.wikipedia.org/wiki/Chat_(software)',
    });
  });

  it('does not link a scheme without a host, and stops a URL at markup characters', () => {
    expect(linkify('https://')).toEqual([{ kind: 'text', text: 'https://' }]);
    expect(linkify('<a href="https://evil.example">x</a>')).toEqual([
      { kind: 'text', text: '<a href="' },
      { kind: 'link', text: 'https://evil.example', href: 'https://evil.example/' },
      { kind: 'text', text: '">x</a>' },
    ]);
  });

  it('returns nothing for empty text and one text part when there is no URL', () => {
    expect(linkify('')).toEqual([]);
    expect(linkify('hola, ¿qué tal?')).toEqual([{ kind: 'text', text: 'hola, ¿qué tal?' }]);
  });
});
