import { describe, expect, it } from 'vitest';
import { appChunkFiles } from './preload-app';

describe('modulepreload of the app chunks', () => {
  const bundle = {
    'assets/index-a.js': { type: 'chunk' as const, fileName: 'assets/index-a.js', facadeModuleId: '/repo/src/boot.ts', imports: [] },
    'assets/main-b.js': { type: 'chunk' as const, fileName: 'assets/main-b.js', facadeModuleId: '/repo/src/main.tsx', imports: ['assets/dist-c.js', 'assets/http-d.js'] },
    'assets/dist-c.js': { type: 'chunk' as const, fileName: 'assets/dist-c.js', facadeModuleId: null, imports: [] },
    'assets/main.css': { type: 'asset' as const, fileName: 'assets/main.css' },
  };
  it("lists the app entry's chunk, then its static imports", () => {
    expect(appChunkFiles(bundle, 'src/main.tsx')).toEqual(['assets/main-b.js', 'assets/dist-c.js', 'assets/http-d.js']);
  });
  it('lists nothing when the entry is not in the bundle (a file that only ends like it does not count)', () => {
    expect(appChunkFiles(bundle, 'src/other.tsx')).toEqual([]);
    expect(appChunkFiles({ x: { type: 'chunk', fileName: 'x.js', facadeModuleId: '/repo/notsrc/main.tsx' } }, 'src/main.tsx')).toEqual([]);
  });
});
