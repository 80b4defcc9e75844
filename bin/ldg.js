#!/usr/bin/env node
// Runs the `ldg` command line (src/cli/main.ts) straight from the TypeScript source, through tsx.
import { register } from "tsx/esm/api";

register();
await import("../src/cli/main.ts");
