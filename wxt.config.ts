// WXT build configuration: Preact, the webextension-polyfill module, and the smallest manifest
// that does the job (see README "Permissions").
import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';

export default defineConfig({
  // STORYTRACE_OUT lets parallel builds (several end-to-end runs on one checkout) keep apart.
  outDir: process.env.STORYTRACE_OUT ?? '.output',
  modules: ['@wxt-dev/webextension-polyfill'],
  vite: () => ({ plugins: [preact()] }),
  manifest: {
    name: 'StoryTrace',
    description:
      'Shows where else the story you are reading already exists in your own imported corpus. Local-first: nothing leaves your machine.',
    permissions: ['storage', 'unlimitedStorage', 'activeTab'],
    action: { default_title: 'StoryTrace' },
  },
});
