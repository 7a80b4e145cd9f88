// dist/main.mjs, the operator as the production build starts it: the Node.js check first, then the
// composition root, imported dynamically so that none of it loads on a Node.js it cannot run on.
import { requireSupportedNode } from './supported-node.ts';

requireSupportedNode('ferry');
await import('./main.ts');
