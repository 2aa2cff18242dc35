import { nameKey } from '@charla/protocol';
import { describe, expect, it } from 'vitest';
import { AVATAR_COLOURS, AVATAR_TEXT, avatarColour, contrast, initials } from './avatar';

describe('avatars', () => {
  it.each(AVATAR_COLOURS)('keeps WCAG AA contrast between the initials and %s', (colour) => {
    expect(contrast(AVATAR_TEXT, colour)).toBeGreaterThanOrEqual(4.5);
  });

  it('gives one person one colour, whatever the spelling their name key folds together', () => {
    expect(nameKey('Ana')).toBe(nameKey('ＡＮＡ'));
    expect(avatarColour('Ana')).toBe(avatarColour('ana'));
    expect(avatarColour('ＡＮＡ')).toBe(avatarColour('ana'));
    // Not one colour for everyone.
    expect(new Set(['ana', 'bea', 'carla', 'dani', 'eva', 'fede', 'gala', 'hugo'].map(avatarColour)).size).toBeGreaterThan(3);
  });

  it('shows one initial, or two for a name in parts, as whole characters', () => {
    expect(initials('ana')).toBe('A');
    expect(initials('ana_lopez')).toBe('AL');
    expect(initials('josé.maría')).toBe('JM');
    expect(initials('ñandú')).toBe('Ñ');
    expect(initials('😀x')).toBe('😀');
  });
});
