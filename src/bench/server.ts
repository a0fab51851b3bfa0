// A tiny static server for the production build with the app's security headers (COOP/COEP make
// the page cross-origin isolated, which threaded WASM needs). Hashed /assets/ are cached forever;
// everything else (index.html, models, wasm) revalidates by ETag, like a plain static host.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, resolve, sep } from 'node:path';
import { SECURITY_HEADERS } from '../../build/headers.ts';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.bin': 'application/octet-stream',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.md': 'text/markdown; charset=utf-8',
};

export interface StaticServer {
  url: string;
  /** Requests served, by path (the bench reports how many were 304s on the cached navigation). */
  log: { path: string; status: number }[];
  close(): Promise<void>;
}

/** headers: sent with every response (default: the app's own security headers). */
export async function serveStatic(root: string, port = 0, headers: Record<string, string> = SECURITY_HEADERS): Promise<StaticServer> {
  const base = resolve(root);
  const log: StaticServer['log'] = [];
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent((req.url ?? '/').split('?')[0]);
    const file = resolve(join(base, path.endsWith('/') ? `${path}index.html` : path));
    const send = (status: number): void => {
      log.push({ path, status });
      res.statusCode = status;
      res.end();
    };
    for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
    if (file !== base && !file.startsWith(base + sep)) return send(404);
    stat(file).then(
      (st) => {
        if (!st.isFile()) return send(404);
        const etag = `"${st.size.toString(16)}-${Math.floor(st.mtimeMs).toString(16)}"`;
        res.setHeader('ETag', etag);
        res.setHeader('Cache-Control', path.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
        if (req.headers['if-none-match'] === etag) return send(304);
        res.setHeader('Content-Type', MIME[extname(file)] ?? 'application/octet-stream');
        res.setHeader('Content-Length', st.size);
        log.push({ path, status: 200 });
        createReadStream(file).pipe(res);
      },
      () => send(404),
    );
  });
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(port, '127.0.0.1', ok);
  });
  const { port: actual } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${actual}`,
    log,
    close: () => new Promise((ok) => server.close(() => ok())),
  };
}
