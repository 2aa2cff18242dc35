// Component tests: unmount after each test (vitest runs without globals, so Testing Library
// cannot register this itself) and forget the stored language and token.
import { cleanup, configure } from '@testing-library/react';
import { afterEach } from 'vitest';

// findBy/waitFor give up after this long: generous, because the browser tests may share the CPU.
configure({ asyncUtilTimeout: 5000 });

afterEach(() => {
  cleanup();
  localStorage.clear();
  sessionStorage.clear();
  window.location.hash = '';
});
