import { afterEach } from 'vitest';
import { cleanup } from '@testing-library/svelte';
import { clearMocks } from '@tauri-apps/api/mocks';

afterEach(() => {
  cleanup();
  clearMocks();
});

// jsdom does not lay out pages; the walk list scrolls the active door into view.
if (!Element.prototype.scrollIntoView) Element.prototype.scrollIntoView = () => {};
