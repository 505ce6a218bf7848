import { defineConfig } from "vitest/config";

// Built into the API's static files (src/JobStream.Api/wwwroot), which it serves at /.
export default defineConfig({
  build: {
    outDir: "../src/JobStream.Api/wwwroot",
    emptyOutDir: true,
  },
  test: {
    environment: "jsdom",
  },
});
