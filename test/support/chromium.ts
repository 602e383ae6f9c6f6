/** Debian's Chromium, which .ci/run installs; Playwright's own browser download cannot run here. */
export const CHROMIUM = '/usr/bin/chromium';

/** Headless, sandbox off (root in CI), and none of the background traffic the closed network refuses. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
