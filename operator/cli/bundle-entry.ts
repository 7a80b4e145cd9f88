#!/usr/bin/env node
// dist/ferry.mjs, the CLI as the production build (and npm's bin links) start it: the Node.js check
// first, then the CLI, imported dynamically so that none of it loads on a Node.js it cannot run on.
import { requireSupportedNode } from '../supported-node.ts';

requireSupportedNode('ferry');
await import('./main.ts');
