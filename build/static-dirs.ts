// Serves folders that live outside public/ (the models, tfjs's .wasm binaries) from the app's own
// origin: as middleware in dev and preview, and copied into the production build.
import fs from 'node:fs';
import path from 'node:path';
import type { Connect, Plugin } from 'vite';

export interface StaticDir {
  /** URL prefix, e.g. "/models/". */
  url: string;
  /** Folder on disk. */
  dir: string;
  /** Only files whose path inside `dir` (forward slashes, e.g. "big-xception/model.json") passes are served and copied. */
  filter?: (file: string) => boolean;
}

const MIME: Record<string, string> = {
  '.json': 'application/json',
  '.bin': 'application/octet-stream',
  '.wasm': 'application/wasm',
  '.md': 'text/markdown; charset=utf-8',
};

function listFiles(dir: string, filter?: (f: string) => boolean, rel = ''): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const r = rel ? `${rel}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...listFiles(path.join(dir, entry.name), filter, r));
    else if (!filter || filter(r)) out.push(r);
  }
  return out;
}

function middleware(dirs: StaticDir[]): Connect.NextHandleFunction {
  return (req, res, next) => {
    const url = decodeURIComponent((req.url ?? '').split('?')[0]);
    const hit = dirs.find((d) => url.startsWith(d.url));
    if (!hit) return next();
    const rel = url.slice(hit.url.length);
    const file = path.resolve(hit.dir, rel);
    // Refuse path traversal and anything the filter excludes.
    if (!file.startsWith(path.resolve(hit.dir) + path.sep) || (hit.filter && !hit.filter(path.relative(path.resolve(hit.dir), file).split(path.sep).join('/')))) {
      res.statusCode = 404;
      return res.end();
    }
    fs.stat(file, (err, st) => {
      if (err || !st.isFile()) {
        res.statusCode = 404;
        return res.end();
      }
      res.setHeader('Content-Type', MIME[path.extname(file)] ?? 'application/octet-stream');
      res.setHeader('Content-Length', st.size);
      fs.createReadStream(file).pipe(res);
    });
  };
}

export function staticDirs(dirs: StaticDir[]): Plugin {
  return {
    name: 'static-dirs',
    configureServer(server) {
      server.middlewares.use(middleware(dirs));
    },
    configurePreviewServer(server) {
      server.middlewares.use(middleware(dirs));
    },
    generateBundle() {
      for (const d of dirs) {
        for (const rel of listFiles(d.dir, d.filter)) {
          this.emitFile({
            type: 'asset',
            fileName: path.posix.join(d.url.replace(/^\//, ''), rel),
            source: fs.readFileSync(path.join(d.dir, rel)),
          });
        }
      }
    },
  };
}
