/**
 * Builds the single-page app into dist/, which the Quire server serves beside /api. In development
 * `vite` proxies /api to a running server (QUIRE_API, default http://localhost:4317).
 */
import react from "@vitejs/plugin-react";
import { defineConfig, type PluginOption } from "vite";

export default defineConfig({
  // The React plugin's types come from the workspace's newer vite (a vitest dependency); the plugin
  // itself supports this vite, so only its type is bridged.
  plugins: [react() as unknown as PluginOption],
  // @quire/core is consumed from its TypeScript sources so the app never bundles a stale build.
  resolve: { conditions: ["source", "module", "browser", "development|production"] },
  build: { outDir: "dist", emptyOutDir: true, sourcemap: true, chunkSizeWarningLimit: 1200 },
  server: {
    proxy: { "/api": { target: process.env.QUIRE_API ?? "http://localhost:4317", ws: false } },
  },
});
