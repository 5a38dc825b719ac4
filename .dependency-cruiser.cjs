// Roleport's import boundaries, checked by `npm run lint` (dependency-cruiser). test/architecture proves that each rule
// fires on a fixture that breaks it and that the tree keeps them. The rules govern the product; test code (tests,
// test-support folders, test/, e2e/) is left out of the graph, since it drives the emulator and the app together.

/** Paths dependency-cruiser never reads: generated output, data, and test code. */
const NOT_CRUISED = [
  '^\\.next[^/]*/',
  '^\\.(data|local)/',
  '^(test-results|playwright-report|coverage)/',
  '\\.test\\.tsx?$',
  '\\.test-util\\.ts$',
  '(^|/)test-support/',
  '^test/',
  '^e2e/',
];

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'No module imports itself through others: a cycle makes load order matter and hides which side owns what.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-folder-cycle',
      severity: 'error',
      scope: 'folder',
      comment:
        'No folder of the portal reaches itself through another folder: each domain builds on the ones below it ' +
        '(see the folder map in the README), so a domain is understood without reading the ones above it.',
      from: { path: '^(app|components|lib)(/|$)' },
      to: { circular: true },
    },
    {
      name: 'app-imports-lib-and-components',
      severity: 'error',
      comment: 'Routes use the domains (lib/) and shared UI (components/); scripts, the emulator and tests are not part of the portal.',
      from: { path: '^app/' },
      to: { pathNot: '^(app|components|lib|types)/|(^|/)node_modules/', dependencyTypesNot: ['core'] },
    },
    {
      name: 'components-not-to-app',
      severity: 'error',
      comment: 'Shared UI never reaches into a route: actions a component needs live beside it (components/<area>/actions.ts).',
      from: { path: '^components/' },
      to: { path: '^app/' },
    },
    {
      name: 'lib-not-to-app-or-components',
      severity: 'error',
      comment: 'The server domains do not depend on routes or UI.',
      from: { path: '^lib/' },
      to: { path: '^(app|components)/' },
    },
    {
      name: 'azure-sdk-only-in-lib-azure',
      severity: 'error',
      comment:
        'Only lib/azure/ talks to the Azure SDKs and reads their errors; everything else gets Roleport’s own types from there. ' +
        'The bench is exempt where it plays an outside operator writing to APIM, as tests do.',
      from: { pathNot: '^(lib/azure|scripts/bench)/' },
      to: { path: '(^|/)node_modules/(@azure/|@microsoft/microsoft-graph-client/)' },
    },
    {
      name: 'config-views-select-rules',
      severity: 'error',
      comment:
        'The drift report and the configuration doctor are views of one rule set: what a policy requires or trusts is ' +
        'read by the rules in lib/config-rules/, so neither view grows a second rule set of its own.',
      from: { path: '^lib/(drift|doctor)/' },
      to: { path: '^lib/policy/' },
    },
    {
      name: 'emulator-only-from-tests-and-scripts',
      severity: 'error',
      comment: 'The emulator is a separate program: the portal reaches it over HTTPS, never by import.',
      from: { pathNot: '^(emulator|scripts)/' },
      to: { path: '^emulator/' },
    },
  ],
  options: {
    exclude: { path: NOT_CRUISED },
    doNotFollow: { path: '(^|/)node_modules/' },
    tsConfig: { fileName: 'tsconfig.json' },
    // Type-only imports count: a vendor type leaking out of lib/azure is as much a breach as a call.
    tsPreCompilationDeps: true,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.mts', '.js', '.mjs', '.cjs', '.json'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
