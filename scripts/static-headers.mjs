// Headers any static host must send for Bottleneck. Cross-origin isolation enables
// SharedArrayBuffer, which multi-threaded tfjs WASM needs. Used by `astro dev`,
// scripts/serve-static.ts and documented in README.md.
export const CROSS_ORIGIN_ISOLATION_HEADERS = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
};
