import { useMemo } from 'react';
import { linkify } from '../../lib/linkify';

/**
 * Message text as text: React escapes it, so `<img onerror=...>` shows as typed. Only
 * http(s) URLs become links, opened in a new tab without access to this one.
 */
export function MessageText({ text }: { text: string }) {
  const parts = useMemo(() => linkify(text), [text]);
  return parts.map((part, index) =>
    part.kind === 'text' ? (
      part.text
    ) : (
      <a key={index} href={part.href} target="_blank" rel="noopener noreferrer">
        {part.text}
      </a>
    ),
  );
}
