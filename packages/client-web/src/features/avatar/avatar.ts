/**
 * A person's avatar: their initials on a colour chosen by their name key (`nameKey` from
 * @charla/protocol), so "Ana", "ana" and "ＡＮＡ" are the same person in the same colour on
 * every client. Every colour keeps WCAG AA contrast (4.5:1) with the white initials, in
 * the light theme and the dark one alike (the pair does not depend on the theme).
 */
import { nameKey } from '@charla/protocol';

/** Initials are white; each background is dark enough for 4.5:1 or more against it. */
export const AVATAR_TEXT = '#ffffff';
export const AVATAR_COLOURS = ['#b42318', '#9a3412', '#7a5b00', '#1a7f37', '#0f766e', '#0e6a8c', '#0b5cad', '#5b45c2', '#8a3fb0', '#be185d'] as const;

/** FNV-1a over the name key's UTF-16 units: small, stable, the same in every client. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

export function avatarColour(name: string): string {
  return AVATAR_COLOURS[hash(nameKey(name)) % AVATAR_COLOURS.length] ?? AVATAR_COLOURS[0];
}

/** One letter, or two for names in parts ("ana_lopez" → "AL"); whole code points, upper-cased. */
export function initials(name: string): string {
  const parts = name.normalize('NFKC').trim().split(/[\s._-]+/u).filter((part) => part !== '');
  const first = (part: string | undefined) => (part === undefined ? '' : (Array.from(part)[0] ?? ''));
  const letters = parts.length > 1 ? first(parts[0]) + first(parts[1]) : first(parts[0]);
  return letters.toLocaleUpperCase() || '?';
}

/** WCAG relative-luminance contrast between two #rrggbb colours. */
export function contrast(a: string, b: string): number {
  const luminance = (hex: string) => {
    const [r, g, b] = [1, 3, 5].map((i) => {
      const c = parseInt(hex.slice(i, i + 2), 16) / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    }) as [number, number, number];
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}
