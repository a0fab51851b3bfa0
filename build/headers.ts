// Security headers shared by the dev server, `vite preview` and the deployment docs.
// COOP/COEP make the page cross-origin isolated, so the multi-threaded WASM backend
// (SharedArrayBuffer) can run.
export const SECURITY_HEADERS: Record<string, string> = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Referrer-Policy': 'no-referrer',
  'X-Content-Type-Options': 'nosniff',
  'Permissions-Policy': 'camera=(self), microphone=()',
};
