import { resolve } from "node:path";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

const here = import.meta.dirname;

/**
 * One build for every area (web/src/<area>/index.html → dist/<area>/index.html): the studio, the desk
 * and the customers' call page. Areas share one assets folder, so React and the shared client are one
 * cached file for people who use both. The platform serves dist (src/web-serving/).
 */
export default defineConfig({
  root: resolve(here, "src"),
  base: "/",
  publicDir: false,
  plugins: [react()],
  build: {
    outDir: resolve(here, "dist"),
    emptyOutDir: true,
    assetsDir: "assets",
    // Scripts and styles as files, never inlined as data: URLs the CSP would refuse.
    assetsInlineLimit: 0,
    // echarts' core with bar and line charts on canvas is about 530 kB minified (180 kB gzipped); it
    // loads only with the analytics page.
    chunkSizeWarningLimit: 600,
    rolldownOptions: {
      input: {
        studio: resolve(here, "src/studio/index.html"),
        desk: resolve(here, "src/desk/index.html"),
        voice: resolve(here, "src/voice/index.html"),
      },
      output: {
        codeSplitting: {
          groups: [
            { name: "react", test: /node_modules[\\/](react|react-dom|scheduler|@tanstack)[\\/]/ },
            { name: "echarts", test: /node_modules[\\/](echarts|zrender|tslib)[\\/]/ },
          ],
        },
      },
    },
  },
  // `npm run dev:web` against a platform on :3000 (npm start): the API and the call socket are proxied.
  server: {
    proxy: {
      "/api": "http://127.0.0.1:3000",
      "/voice/ws": { target: "ws://127.0.0.1:3000", ws: true },
    },
  },
});
