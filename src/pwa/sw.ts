// The service worker: precaches the app, its models and the WASM binaries at install, then
// serves them from the cache so the app starts and runs with no network. Built by build/pwa.ts,
// which fills in __PRECACHE__ (list + version) from the build output's content hashes.
import { cacheName, staleCaches } from './precache';

declare const __PRECACHE__: { version: string; urls: string[]; base: string };

// Minimal service worker types (the project compiles against the DOM lib, not WebWorker).
interface ExtendableEvent extends Event {
  waitUntil(p: Promise<unknown>): void;
}
interface FetchEvent extends ExtendableEvent {
  readonly request: Request;
  respondWith(r: Response | Promise<Response>): void;
}
interface SwScope {
  skipWaiting(): Promise<void>;
  location: Location;
  addEventListener(type: 'install' | 'activate', l: (e: ExtendableEvent) => void): void;
  addEventListener(type: 'fetch', l: (e: FetchEvent) => void): void;
}
const sw = self as unknown as SwScope;

const { version, urls, base } = __PRECACHE__;
const CACHE = cacheName(version);
const INDEX = `${base}index.html`;

sw.addEventListener('install', (e) => {
  e.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      // 'reload' skips the HTTP cache: this version's cache must hold this version's bytes.
      await cache.addAll(urls.map((u) => new Request(u, { cache: 'reload' })));
      await sw.skipWaiting(); // a new version or model takes over without waiting for every tab to close
    })(),
  );
});

sw.addEventListener('activate', (e) => {
  e.waitUntil(caches.keys().then((names) => Promise.all(staleCaches(names, version).map((n) => caches.delete(n)))));
});

sw.addEventListener('fetch', (e) => {
  const req = e.request;
  if (req.method !== 'GET') return;
  const url = new URL(req.url);
  if (url.origin !== sw.location.origin) return;
  // Any page of the app (with its query: ?backend=…) is the one index.html.
  const key = req.mode === 'navigate' ? INDEX : url.pathname;
  if (req.mode !== 'navigate' && !urls.includes(key)) return; // not ours: the network as usual
  e.respondWith(
    (async () => {
      const cache = await caches.open(CACHE);
      const hit = await cache.match(key);
      return hit ?? fetch(req);
    })(),
  );
});
