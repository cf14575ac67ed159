#!/usr/bin/env node
// The `quire` command. The compiled program lives in ../dist; `npm ci` builds it.
import { main } from "../dist/main.js";

// A reader that stops early (`quire sources show … | head`) is not an error.
process.stdout.on("error", (error) => {
  if (error.code === "EPIPE") process.exit(0);
  throw error;
});

process.exitCode = await main(process.argv);
