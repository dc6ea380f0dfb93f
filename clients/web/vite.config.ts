// The web app: built to web/dist, which `ampled serve` serves (and any static host can).
import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  resolve: {
    alias: {
      '@generated': fileURLToPath(new URL('../generated/src', import.meta.url)),
      '@idl': fileURLToPath(new URL('../../idl/ampled.json', import.meta.url)),
    },
  },
  oxc: {
    jsx: { runtime: 'automatic', importSource: 'preact' },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // Plain names: the files are checked in, and `ampled serve` embeds them.
    rollupOptions: {
      output: {
        entryFileNames: 'assets/app.js',
        chunkFileNames: 'assets/[name].js',
        assetFileNames: 'assets/[name][extname]',
      },
    },
  },
  server: { port: 5173 },
});
