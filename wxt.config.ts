import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';

// The e2e build adds host access and test hooks so Playwright can drive the
// service worker; the release build must never carry either (tests/e2e/release-build.spec.ts checks).
const isE2e = (mode: string): boolean => mode === 'e2e' || mode === 'bench';

export default defineConfig({
  imports: false,
  manifestVersion: 3,
  vite: () => ({ plugins: [preact()] }),
  manifest: ({ mode, browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    permissions: ['activeTab', 'contextMenus', 'scripting', 'storage', 'unlimitedStorage', ...(browser === 'firefox' ? [] : ['pageCapture'])],
    ...(isE2e(mode) ? { host_permissions: ['<all_urls>'] } : {}),
    action: { default_title: '__MSG_actionTitle__' },
    commands: {
      'save-post': {
        suggested_key: { default: 'Alt+Shift+S' },
        description: '__MSG_commandSavePost__',
      },
    },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: '{492da826-8ddd-4f25-960f-4eefe5963031}',
              // 140 ESR: MV3 with Ed25519 in WebCrypto, and the data-collection declaration below.
              strict_min_version: '140.0',
              // Safelog collects and transmits nothing.
              data_collection_permissions: { required: ['none'] },
            },
          },
        }
      : {}),
    content_security_policy: {
      extension_pages: "default-src 'self'; script-src 'self'; object-src 'none'; img-src 'self' blob: data:; style-src 'self'; connect-src 'self' blob: data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    },
  }),
});
