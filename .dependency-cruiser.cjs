// Enforces the import directions of DESIGN.md §2. Each folder of operator/ is a room with one
// door: from outside, import its index.ts only.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'leaf-packages-import-nothing-of-ours',
      comment:
        'api, template, config, logging and sandbox are leaves: they import nothing else of the operator.',
      severity: 'error',
      from: { path: '^operator/(api|template|config|logging|sandbox)/' },
      to: { path: '^operator/', pathNot: '^operator/$1/' },
    },
    {
      name: 'providers-see-no-kubernetes',
      comment: 'A provider is handed resolved credentials; it never sees the Kubernetes client.',
      severity: 'error',
      from: { path: '^operator/providers/', pathNot: '^operator/providers/kubernetes/' },
      to: { path: '^operator/(kube|controllers|runtime|audit|metrics)/|@kubernetes/client-node' },
    },
    {
      name: 'provider-adapters-import-only-the-contract',
      comment:
        'providers/<x> imports only its own folder, its SDK and the contract files at the root of providers/ (types, errors, json-property); never another adapter.',
      severity: 'error',
      from: { path: '^operator/providers/([^/]+)/' },
      to: { path: '^operator/', pathNot: ['^operator/providers/$1/', '^operator/providers/[^/]+\\.ts$'] },
    },
    {
      name: 'only-main-wires-controllers',
      comment: 'Controllers sit at the top; only the composition root imports them.',
      severity: 'error',
      from: { path: '^operator/', pathNot: ['^operator/main\\.ts$', '^operator/controllers/'] },
      to: { path: '^operator/controllers/' },
    },
    {
      name: 'infrastructure-does-not-reach-up',
      comment: 'kube, runtime, audit and metrics serve controllers; they do not import them or providers.',
      severity: 'error',
      from: { path: '^operator/(kube|runtime|audit|metrics)/' },
      to: { path: '^operator/(controllers|providers)/' },
    },
    {
      name: 'nothing-imports-main',
      comment: 'Only the entry of the production build, after its Node.js version check.',
      severity: 'error',
      from: { pathNot: '^operator/bundle-entry\\.ts$' },
      to: { path: '^operator/main\\.ts$' },
    },
    {
      name: 'nothing-of-the-operator-imports-the-cli',
      comment:
        'The ferry CLI (operator/cli) is a program beside the operator: it uses the rooms of operator/, never the other way round.',
      severity: 'error',
      from: { path: '^operator/', pathNot: '^operator/cli/' },
      to: { path: '^operator/cli/' },
    },
    {
      name: 'operator-does-not-import-tests',
      severity: 'error',
      from: { path: '^operator/' },
      to: { path: '^test/' },
    },
    {
      name: 'enter-folders-through-their-door',
      comment: 'From outside a folder of operator/, import its index.ts, not its insides.',
      severity: 'error',
      from: { path: '^operator/([^/]+)/', pathNot: '\\.test\\.ts$' },
      to: {
        path: '^operator/([^/]+)/.+',
        pathNot: [
          '^operator/$1/',
          '^operator/[^/]+/index\\.ts$',
          '^operator/api/v1alpha1/index\\.ts$',
          // Second doors for what the render worker threads load: the index.ts of runtime loads the
          // Kubernetes client, that of api zod and every schema (tens of MiB in each worker).
          '^operator/runtime/terminal-error\\.ts$',
          '^operator/api/v1alpha1/reasons\\.ts$',
        ],
      },
    },
    {
      name: 'controllers-enter-each-other-through-the-door',
      comment: 'A controller uses another folder of controllers/ (store-clients) through its index.ts only.',
      severity: 'error',
      from: { path: '^operator/controllers/([^/]+)/' },
      to: {
        path: '^operator/controllers/([^/]+)/.+',
        pathNot: ['^operator/controllers/$1/', '^operator/controllers/[^/]+/index\\.ts$'],
      },
    },
    {
      name: 'tests-enter-through-the-door-too',
      severity: 'error',
      from: { path: '^(test/|operator/main\\.ts$)' },
      to: {
        path: '^operator/[^/]+/.+',
        pathNot: [
          '^operator/[^/]+/index\\.ts$',
          '^operator/api/v1alpha1/index\\.ts$',
          // main.ts wires each controller through its own door.
          '^operator/controllers/[^/]+/index\\.ts$',
          // Test code shared by the providers' test files; no door of the operator exports it.
          '^operator/providers/conformance\\.ts$',
        ],
      },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default'],
    },
  },
};
