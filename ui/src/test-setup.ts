import { afterEach } from 'vitest';
import { cleanup, configure } from '@testing-library/svelte';
import { clearMocks } from '@tauri-apps/api/mocks';

// CI has 2 cores busy with other builds: give async queries more than the default 1 s.
configure({ asyncUtilTimeout: 5000 });

afterEach(() => {
  cleanup();
  clearMocks();
});

// jsdom does not lay out pages; Rondes scrolls its heading into view when paging.
if (!Element.prototype.scrollIntoView) Element.prototype.scrollIntoView = () => {};
