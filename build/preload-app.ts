// The boot script loads the app with a dynamic import() (src/boot.ts), so without help the browser
// learns about the app's chunks only once the boot script has run. Listing them in the HTML as
// modulepreload lets it fetch and compile them while it loads and runs the boot script.
import type { Plugin } from 'vite';
import { headLinksPlugin } from './head-links.ts';

interface ChunkLike {
  type: 'chunk' | 'asset';
  fileName: string;
  facadeModuleId?: string | null;
  imports?: string[];
}

/** The app entry's chunk and the chunks it imports statically, in that order (empty if the entry is not in the bundle). */
export function appChunkFiles(bundle: Record<string, ChunkLike>, entry: string): string[] {
  const app = Object.values(bundle).find((c) => c.type === 'chunk' && (c.facadeModuleId ?? '').replaceAll('\\', '/').endsWith(`/${entry}`));
  return app ? [app.fileName, ...(app.imports ?? [])] : [];
}

export function preloadAppPlugin(entry = 'src/main.tsx'): Plugin {
  return headLinksPlugin('emotion-lens-preload-app', (bundle, base) =>
    (bundle ? appChunkFiles(bundle as Record<string, ChunkLike>, entry) : []).map((f) => ({ rel: 'modulepreload', crossorigin: true, href: `${base}${f}` })),
  );
}
