import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The renderer is served from files (Electron) or from the browser-mode host: relative paths, no CDN.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    chunkSizeWarningLimit: 3000,
  },
});
