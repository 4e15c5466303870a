// Built into dist/ and served by `kg serve` under /explore (app/explorer: static files + SPA fallback).
import { defineConfig } from "vite";

export default defineConfig({
  base: "/explore/",
  build: { outDir: "dist", emptyOutDir: true, chunkSizeWarningLimit: 1200, reportCompressedSize: true },
});
