// Takes the README screenshots (docs/*.png) of the demo in headless Chromium:
// the demo page with its two widgets, and the seed article open.
//   usage: node scripts/screenshots.mjs   (after `make dist`)
import { chromium } from 'playwright-core';
import { startServers } from './serve.mjs';

const servers = await startServers({ wwwPort: 0, feedPort: 0, quiet: true, relatedDelayMs: 0 });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1200, height: 900 }, timezoneId: 'Asia/Shanghai' });
  await page.goto(`${servers.wwwOrigin}/`);
  await page.waitForFunction(() =>
    [...document.querySelectorAll('[data-news-widget]')].every((host) => host.dataset.state === 'ready'));
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: 'docs/demo.png' });

  await page.locator('[data-news-widget] [part=card-title] a').first().click();
  await page.locator('[data-news-widget] [part=related-item]').first().waitFor();
  const article = page.locator('[data-news-widget] [part=article]').first();
  await article.locator('img').evaluateAll((images) =>
    Promise.all(images.map((img) => { img.loading = 'eager'; return img.decode().catch(() => {}); })));
  // The top of the article (breadcrumb to the first figure) at a phone-like width.
  await page.setViewportSize({ width: 720, height: 1100 });
  await article.evaluate((el) => { el.scrollIntoView(); window.scrollBy(0, -24); });
  await page.screenshot({ path: 'docs/article.png' });
  // The theming examples, one picture each, for docs/theming.md.
  await page.setViewportSize({ width: 1100, height: 900 });
  await page.goto(`${servers.wwwOrigin}/themes.html`);
  await page.waitForFunction(() =>
    [...document.querySelectorAll('[data-news-widget]')].every((host) => host.dataset.state === 'ready'));
  await page.evaluate(() => document.fonts.ready);
  for (const id of ['dark', 'attributes', 'properties', 'parts']) {
    await page.locator(`#${id}`).screenshot({ path: `docs/theme-${id}.png` });
  }
  console.log('wrote docs/demo.png, docs/article.png and docs/theme-*.png');
} finally {
  await browser.close();
  await servers.close();
}
