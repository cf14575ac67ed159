#!/usr/bin/env node
// The `quire-server` command: the whole workbench on localhost. The compiled program lives in
// ../dist; `npm ci` builds it.
import { main } from "../dist/main.js";

process.exitCode = await main(process.argv);
