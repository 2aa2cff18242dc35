import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { StatusLine } from './StatusLine.js';

const retryIn = (seconds: number) => `next try in ${seconds} s`;

describe('StatusLine', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: 1_000_000 });
  });

  afterEach(() => {
    cleanup();
    vi.useRealTimers();
  });

  it('is a live region with a dot and the state, and no countdown when no try is due', () => {
    render(
      <StatusLine className="line status-ok" retryAt={null} retryIn={retryIn}>
        Live
      </StatusLine>,
    );
    const line = screen.getByRole('status');
    expect(line.className).toBe('line status-ok');
    expect(line.textContent).toBe('Live');
    expect(line.querySelector('.status-dot')?.getAttribute('aria-hidden')).toBe('true');
    expect(line.querySelector('.countdown')).toBeNull();
  });

  it('counts the seconds down to the next try, kept out of announcements, and drops the countdown at zero', () => {
    render(
      <StatusLine className="line" retryAt={Date.now() + 2500} retryIn={retryIn}>
        Reconnecting…
      </StatusLine>,
    );
    const countdown = () => screen.getByRole('status').querySelector('.countdown');
    expect(countdown()?.textContent).toBe(' (next try in 3 s)');
    expect(countdown()?.getAttribute('aria-hidden')).toBe('true');
    act(() => vi.advanceTimersByTime(1000));
    expect(countdown()?.textContent).toBe(' (next try in 2 s)');
    act(() => vi.advanceTimersByTime(1500));
    expect(countdown()).toBeNull();
    expect(screen.getByRole('status').textContent).toBe('Reconnecting…');
  });
});
