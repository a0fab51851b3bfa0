// A build-only Vite plugin that adds <link> tags to the HTML's head, after Vite's own: the
// modulepreloads of the app's chunks (preload-app.ts) and the preloads of the first label's model
// files (preload-models.ts) are two of these.
import type { Plugin } from 'vite';

export type LinkAttrs = Record<string, string | boolean>;

/** `links` gets the bundle (undefined in dev) and the configured base URL. */
export function headLinksPlugin(name: string, links: (bundle: Record<string, unknown> | undefined, base: string) => LinkAttrs[]): Plugin {
  let base = '/';
  return {
    name,
    apply: 'build',
    configResolved(config) {
      base = config.base;
    },
    transformIndexHtml: {
      order: 'post',
      handler(_html, ctx) {
        return links(ctx.bundle as Record<string, unknown> | undefined, base).map((attrs) => ({ tag: 'link', attrs, injectTo: 'head' as const }));
      },
    },
  };
}
