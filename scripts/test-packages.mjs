// Debian packages the test suite and the benchmarks start for real.
export const TEST_PACKAGES = [
  'chromium', 'postgresql', 'kamailio', 'kamailio-websocket-modules', 'kamailio-tls-modules',
  'xvfb', 'xauth', 'fonts-dejavu-core', 'fonts-liberation', 'iproute2', 'openssl', 'util-linux',
];
