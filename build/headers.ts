// Security headers shared by the dev server, `vite preview`, the benchmark server and the
// deployment docs. COOP/COEP make the page cross-origin isolated, so the multi-threaded WASM
// backend (SharedArrayBuffer) can run.

/** A CSP as directive → sources; serialised by cspString. */
export type CspDirectives = Record<string, string[]>;

/**
 * The production policy: everything from the app's own origin, nothing else.
 * - 'wasm-unsafe-eval': tfjs compiles its WebAssembly backend (WebAssembly.instantiate).
 * - blob: in worker-src and script-src: the threaded WASM build starts its pthread workers from a
 *   Blob the page creates, and each worker importScripts() another Blob (the emscripten glue).
 *   Workers from blob: URLs inherit this policy, so script-src must allow blob: too. Only the
 *   page's own script can mint blob: URLs, so this admits no outside code.
 * - img-src/media-src blob:: dropped photos and videos are shown from object URLs.
 * No 'unsafe-inline' anywhere: the production build has no inline script or style (React sets
 * styles through the CSSOM, which CSP does not restrict).
 */
export const CSP_PRODUCTION: CspDirectives = {
  'default-src': ["'self'"],
  'script-src': ["'self'", "'wasm-unsafe-eval'", 'blob:'],
  'worker-src': ["'self'", 'blob:'],
  'connect-src': ["'self'"],
  'img-src': ["'self'", 'blob:'],
  'media-src': ["'self'", 'blob:'],
  'style-src': ["'self'"],
  'font-src': ["'self'"],
  'manifest-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
  'frame-ancestors': ["'none'"],
};

/**
 * The dev server (`npm start`) also needs: inline script (the React Fast Refresh preamble that
 * @vitejs/plugin-react puts in index.html), inline style (Vite injects CSS as <style> tags for
 * HMR) and the HMR WebSocket. Never deploy this one.
 */
export const CSP_DEV: CspDirectives = {
  ...CSP_PRODUCTION,
  'script-src': [...CSP_PRODUCTION['script-src'], "'unsafe-inline'"],
  'style-src': ["'self'", "'unsafe-inline'"],
  'connect-src': ["'self'", 'ws://localhost:*', 'ws://127.0.0.1:*'],
};

export function cspString(csp: CspDirectives): string {
  return Object.entries(csp)
    .map(([k, v]) => `${k} ${v.join(' ')}`)
    .join('; ');
}

const BASE_HEADERS: Record<string, string> = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Referrer-Policy': 'no-referrer',
  'X-Content-Type-Options': 'nosniff',
  'Permissions-Policy': 'camera=(self), microphone=()',
};

/** Headers for the production build (preview, bench, deployment). */
export const SECURITY_HEADERS: Record<string, string> = {
  ...BASE_HEADERS,
  'Content-Security-Policy': cspString(CSP_PRODUCTION),
};

/** Headers for the Vite dev server: the same, with the dev CSP (HMR). */
export const DEV_HEADERS: Record<string, string> = {
  ...BASE_HEADERS,
  'Content-Security-Policy': cspString(CSP_DEV),
};
