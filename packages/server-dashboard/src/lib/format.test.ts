import { describe, expect, it } from 'vitest';
import { formatDuration, formatMiB, formatMs, formatNumber, formatTime } from './format';

describe('format', () => {
  it('writes numbers the reader’s way', () => {
    expect(formatNumber(10000, 'en')).toBe('10,000');
    expect(formatNumber(10000, 'es')).toBe('10.000');
    expect(formatNumber(3.14159, 'es', 2)).toBe('3,14');
  });

  it('writes memory always in MiB, so two readings compare at a glance', () => {
    expect(formatMiB(50 * 1024 * 1024, 'en')).toBe('50 MiB');
    expect(formatMiB(900 * 1024, 'en')).toBe('0.9 MiB');
    expect(formatMiB(1.5 * 1024 ** 3, 'en')).toBe('1,536 MiB');
    expect(formatMiB(2.5 * 1024 * 1024, 'es')).toBe('2,5 MiB');
  });

  it('writes durations as their two largest units', () => {
    expect([0, 45, 60, 725, 3600, 3725, 90_061, 2 * 86_400].map(formatDuration)).toEqual(['0 s', '45 s', '1 min', '12 min 5 s', '1 h', '1 h 2 min', '1 d 1 h', '2 d']);
  });

  it('writes small delays with decimals and large ones without', () => {
    expect(formatMs(0.426, 'en')).toBe('0.43 ms');
    expect(formatMs(123.4, 'en')).toBe('123 ms');
  });

  it('writes a time of day, with the date when it is not today, and leaves a non-date as it is', () => {
    const now = new Date(2025, 0, 2, 12, 0, 0);
    expect(formatTime(new Date(2025, 0, 2, 9, 5, 7).toISOString(), 'en', now)).toBe('09:05:07');
    expect(formatTime(new Date(2025, 0, 1, 9, 5, 7).toISOString(), 'en', now)).toBe('1 Jan, 09:05:07');
    expect(formatTime('whenever', 'en', now)).toBe('whenever');
  });
});
