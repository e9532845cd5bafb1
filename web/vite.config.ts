// The web client: `npm run dev:web` serves it with hot reload and proxies /graphql (HTTP and
// WebSocket) and /files to a running xim (XIM_URL, default http://127.0.0.1:4000); `vite build`
// writes web/dist, which xim serves at /.
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

const target = process.env.XIM_URL ?? "http://127.0.0.1:4000";

export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  build: { outDir: "dist", emptyOutDir: true },
  server: {
    proxy: {
      "/graphql": { target, ws: true },
      "/files": { target },
    },
  },
});
