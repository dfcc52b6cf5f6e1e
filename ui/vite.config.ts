import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";

// Built into ui/dist and embedded in the desktop binary; nothing is loaded from the network.
export default defineConfig({
  plugins: [react()],
  base: "./",
  clearScreen: false,
  build: { outDir: "dist", emptyOutDir: true, target: "safari15", sourcemap: false },
});
