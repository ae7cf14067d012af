import { defineConfig, devices } from '@playwright/test';

/**
 * Browser end-to-end tests against Debian's Chromium. There is no webServer: each test starts
 * its own loopback host on its own temporary ledger (tests/e2e/fixtures.ts), so tests run in
 * parallel without sharing data.
 */
export default defineConfig({
  testDir: 'tests/e2e',
  fullyParallel: true,
  workers: 2,
  retries: 0,
  forbidOnly: Boolean(process.env.CI),
  // A plain list locally and in CI alike: CI logs are read as text, not as an HTML report.
  reporter: 'list',
  outputDir: 'test-results',
  use: {
    // A branch PC in China: dates in native inputs read 年/月/日, times in Beijing.
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    screenshot: 'only-on-failure',
    trace: 'off',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        launchOptions: {
          executablePath: '/usr/bin/chromium',
          args: [
            '--headless',
            '--no-sandbox',
            '--disable-gpu',
            '--disable-quic',
            '--no-first-run',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
          ],
        },
      },
    },
  ],
});
