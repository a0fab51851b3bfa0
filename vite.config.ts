/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { staticDirs } from './build/static-dirs';
import { SECURITY_HEADERS } from './build/headers';

export default defineConfig({
  plugins: [
    react(),
    staticDirs([
      { url: '/models/', dir: 'models', filter: (f) => /\.(json|bin)$/.test(f) },
      { url: '/wasm/', dir: 'node_modules/@tensorflow/tfjs-backend-wasm/dist', filter: (f) => f.endsWith('.wasm') },
    ]),
  ],
  server: { port: 5173, headers: SECURITY_HEADERS },
  preview: { port: 4173, headers: SECURITY_HEADERS },
  build: { target: 'es2022', chunkSizeWarningLimit: 4096 },
  test: {
    include: ['src/**/*.test.ts', 'scripts/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
  },
});
