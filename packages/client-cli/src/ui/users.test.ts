import { describe, expect, it } from 'vitest';
import { createStyle } from '../format.js';
import { renderUsers } from './users.js';

describe('renderUsers', () => {
  it('aligns names and says since when each is online, sanitized', () => {
    const now = new Date('2026-03-14T18:30:00Z');
    const lines = renderUsers(
      [
        { nombre: 'ana', desde: '2026-03-14T09:00:00Z' },
        { nombre: 'bernardo', desde: '2026-03-13T22:10:00Z' },
        { nombre: 'x\u001b[2J', desde: '2026-03-14T18:29:00Z' },
      ],
      createStyle(false),
      now,
    );
    expect(lines).toEqual(['ana       since 09:00', 'bernardo  since 2026-03-13 22:10', 'x^[[2J    since 18:29']);
  });
});
