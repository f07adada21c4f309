// One small driver interface over three automation stacks, so the scenarios
// are written once and run in every engine:
//   Chromium  playwright-core (CDP), Debian's /usr/bin/chromium
//   Firefox   puppeteer-core over WebDriver BiDi, Debian's /usr/bin/firefox-esr
//   WebKit    selenium-webdriver through WebKitWebDriver, driving the
//             MiniBrowser of Debian's WebKitGTK on a private Xvfb display
// Every driver opens one browser session with one page and offers:
//   goto(url)            navigate, resolves after `load`
//   evaluate(fn, arg)    run fn(arg) in the page (may be async); the result
//                        comes back through JSON, identically in all engines
//   click(x, y)          a real mouse click at viewport coordinates
//   press(key)           a real key press: 'Enter', 'Escape' or 'Tab'
//   back()               the browser's Back
//   screenshot(file)     PNG of the viewport
//   consoleErrors()      console errors the browser reported since the last
//                        goto, or null where the driver cannot see them
//                        (WebKit: the page-side recorder covers all engines)
//   close()
// None of them downloads a browser: they start the Debian packages' binaries
// (override with $CHROMIUM, $FIREFOX, $WEBKIT_DRIVER, $MINIBROWSER).
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { chromium } from 'playwright-core';
import puppeteer from 'puppeteer-core';
import { Builder, Key } from 'selenium-webdriver';
import { LAUNCH } from '../e2e/harness.mjs';

export const VIEWPORT = { width: 1300, height: 1000 };

const FIREFOX = process.env.FIREFOX || '/usr/bin/firefox-esr';
const WEBKIT_DRIVER = process.env.WEBKIT_DRIVER || 'WebKitWebDriver';
const MINIBROWSER = process.env.MINIBROWSER || findMiniBrowser();

/** WebKitGTK installs its MiniBrowser in its library folder, under the machine's multiarch triplet. */
function findMiniBrowser() {
  const candidates = readdirSync('/usr/lib').flatMap((triplet) =>
    ['webkit2gtk-4.1', 'webkitgtk-6.0'].map((api) => path.join('/usr/lib', triplet, api, 'MiniBrowser')));
  return candidates.find((file) => existsSync(file)) ?? null;
}

/**
 * The page-side half of evaluate(): runs `fn(arg)` and hands back its value
 * as JSON text, so every engine returns the same thing (undefined → null).
 */
const expression = (fn, arg) =>
  `(async () => JSON.stringify((await (${fn})(${JSON.stringify(arg ?? null)})) ?? null))()`;

export const ENGINES = {
  /** Chromium through playwright-core, launched as the Chromium e2e suite launches it. */
  async chromium() {
    const browser = await chromium.launch(LAUNCH);
    const context = await browser.newContext({ viewport: VIEWPORT, timezoneId: 'Asia/Shanghai' });
    const page = await context.newPage();
    let errors = [];
    page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
    page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
    return {
      version: `Chromium ${browser.version()}`,
      async goto(url) {
        errors = [];
        await page.goto(url);
      },
      evaluate: async (fn, arg) => JSON.parse(await page.evaluate(expression(fn, arg))),
      click: (x, y) => page.mouse.click(x, y),
      press: (key) => page.keyboard.press(key),
      back: () => page.goBack(),
      screenshot: (file) => page.screenshot({ path: file }),
      consoleErrors: () => errors,
      close: () => browser.close(),
    };
  },

  /** Firefox ESR through puppeteer-core over WebDriver BiDi (no CDP in Firefox any more). */
  async firefox() {
    const browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath: FIREFOX,
      headless: true,
      env: { ...process.env, TZ: 'Asia/Shanghai' },
    });
    const page = await browser.newPage();
    await page.setViewport(VIEWPORT);
    let errors = [];
    page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
    page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
    return {
      version: `Firefox ${(await browser.version()).replace(/^firefox\//, '')}`,
      async goto(url) {
        errors = [];
        await page.goto(url);
      },
      evaluate: async (fn, arg) => JSON.parse(await page.evaluate(expression(fn, arg))),
      click: (x, y) => page.mouse.click(Math.round(x), Math.round(y)),
      press: (key) => page.keyboard.press(key),
      // The BiDi command browsingContext.traverseHistory itself: page.goBack()
      // also waits for a navigation event, which Firefox does not send when
      // Back only moves between pushState entries of the same document.
      back: () => page.mainFrame().browsingContext.traverseHistory(-1),
      screenshot: (file) => page.screenshot({ path: file }),
      consoleErrors: () => errors,
      close: () => browser.close(),
    };
  },

  /**
   * WebKitGTK's MiniBrowser through WebKitWebDriver (it needs a display:
   * a private Xvfb, started and stopped here). WebKitWebDriver has no log
   * endpoint, so consoleErrors() is null and the page-side recorder is the
   * only witness of console errors in WebKit.
   */
  async webkit() {
    if (!MINIBROWSER) throw new Error('no MiniBrowser under /usr/lib/*/webkit2gtk-4.1/: install the Debian package webkit2gtk-driver');
    const children = [];
    const stop = () => children.splice(0).reverse().forEach((child) => child.exitCode === null && child.kill());
    // Should this process end without close() (an exception, a signal turned
    // into exit by run.mjs), Xvfb, the driver and its browser do not outlive it.
    process.once('exit', stop);
    try {
      const xvfb = spawn('Xvfb', ['-displayfd', '3', '-screen', '0', '1400x1100x24', '-nolisten', 'tcp'],
        { stdio: ['ignore', 'ignore', 'pipe', 'pipe'] });
      children.push(xvfb);
      const display = await firstLine(xvfb, 3, 'Xvfb did not report its display (is the Debian package xvfb installed?)');
      const port = await freePort();
      const driverProcess = spawn(WEBKIT_DRIVER, [`--port=${port}`],
        { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, DISPLAY: `:${display}`, TZ: 'Asia/Shanghai' } });
      children.push(driverProcess);
      await new Promise((resolve, reject) => {
        driverProcess.once('spawn', resolve);
        driverProcess.once('error', (error) => reject(new Error(`${WEBKIT_DRIVER}: ${error.message} (is the Debian package webkit2gtk-driver installed?)`)));
      });
      const driver = await retry(() => new Builder().usingServer(`http://127.0.0.1:${port}`).withCapabilities({
        browserName: 'MiniBrowser',
        'webkitgtk:browserOptions': { binary: MINIBROWSER, args: ['--automation'] },
      }).build());
      // The window is sized so that its viewport is VIEWPORT (the window's frame is measured, not guessed).
      await driver.manage().window().setRect({ x: 0, y: 0, ...VIEWPORT });
      const inner = await driver.executeScript('return [innerWidth, innerHeight]');
      await driver.manage().window().setRect({
        width: 2 * VIEWPORT.width - inner[0], height: 2 * VIEWPORT.height - inner[1],
      });
      const capabilities = await driver.getCapabilities();
      const key = { Enter: Key.ENTER, Escape: Key.ESCAPE, Tab: Key.TAB };
      return {
        version: `WebKitGTK ${capabilities.get('browserVersion')}`,
        goto: (url) => driver.get(url),
        async evaluate(fn, arg) {
          const answer = await driver.executeAsyncScript(
            `const done = arguments[arguments.length - 1];
             ${expression(fn, arg)}.then((json) => done({ json }), (e) => done({ error: String(e) }));`);
          if ('error' in answer) throw new Error(`in the page: ${answer.error}`);
          return JSON.parse(answer.json);
        },
        click: (x, y) => driver.actions().move({ x: Math.round(x), y: Math.round(y) }).click().perform(),
        press: (name) => driver.actions().keyDown(key[name]).keyUp(key[name]).perform(),
        back: () => driver.navigate().back(),
        screenshot: async (file) => writeFile(file, Buffer.from(await driver.takeScreenshot(), 'base64')),
        consoleErrors: () => null,
        async close() {
          await driver.quit().catch(() => {});
          stop();
        },
      };
    } catch (error) {
      stop();
      throw error;
    }
  },
};

/** The first line a child process writes to file descriptor `fd`. */
function firstLine(child, fd, failure) {
  return new Promise((resolve, reject) => {
    let text = '';
    child.stdio[fd].on('data', (chunk) => {
      text += chunk;
      if (text.includes('\n')) resolve(text.trim());
    });
    child.once('error', (error) => reject(new Error(`${failure}: ${error.message}`)));
    child.once('exit', () => reject(new Error(failure)));
  });
}

/** A TCP port nobody listens on right now, chosen by the kernel. */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer().once('error', reject).listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Retries `attempt` for a few seconds: WebKitWebDriver takes a moment to listen. */
async function retry(attempt, tries = 20) {
  for (let i = 1; ; i += 1) {
    try {
      return await attempt();
    } catch (error) {
      if (i >= tries || !/ECONNREFUSED/.test(String(error))) throw error;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}
