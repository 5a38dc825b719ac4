/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // The container image runs `node server.js` from .next/standalone: only the files the server traces, no node_modules tree.
  output: 'standalone',
  // Loaded from node_modules, not bundled: the Azure SDKs must share the one @azure/core-tracing whose instrumenter
  // lib/azure/telemetry/enable-azure-sdk-tracing.ts sets, and OpenTelemetry's instrumentation and exporter expect plain Node.
  serverExternalPackages: [
    '@azure/core-tracing',
    '@azure/opentelemetry-instrumentation-azure-sdk',
    '@azure/monitor-opentelemetry-exporter',
  ],
  // The benchmark builds into its own folder so it can run beside the e2e build.
  distDir: process.env.ROLEPORT_NEXT_DIST_DIR || '.next',
  // `npm run typecheck` checks the whole project (tests and scripts too) once; the build need not repeat it.
  typescript: { ignoreBuildErrors: true },
  // Static headers for every response; the per-request ones (CSP with its nonce, HSTS in Azure mode) come from proxy.ts.
  async headers() {
    return [
      {
        source: '/:path*',
        headers: [
          { key: 'X-Frame-Options', value: 'DENY' },
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          { key: 'Referrer-Policy', value: 'same-origin' },
          // The portal uses none of these; no script on its pages may either.
          { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), payment=(), usb=()' },
        ],
      },
    ];
  },
};

export default nextConfig;
