#!/usr/bin/env node
/** The `charla` binary: runs the program and hands its exit code to the shell. */
import { run } from './cli.js';

process.exitCode = await run(process.argv.slice(2), process);
