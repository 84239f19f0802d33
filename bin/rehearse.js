#!/usr/bin/env node
// The `rehearse` command: a shim that runs the bundled CLI (electron/cli, built to out/main/cli.js).
/* global require, __dirname, process, console */
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS shim: require() is the point */
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const cli = path.join(__dirname, '..', 'out', 'main', 'cli.js');
if (!fs.existsSync(cli)) {
  console.error('Build first: npm run build');
  process.exit(1);
}
require(cli);
