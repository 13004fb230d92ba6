import { chromium } from 'playwright-core';
import { preview } from 'vite';
const [query = '', width = '1280', out = '/tmp/shot.png', wait = 'done'] = process.argv.slice(2);
const server = await preview({ root: '/work/wt/h22/apps/playground', preview: { host: '127.0.0.1', port: 0 }, logLevel: 'warn' });
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage({ viewport: { width: Number(width), height: 900 } });
page.on('pageerror', (e) => console.log('PAGEERROR', e.message));
page.on('console', (m) => console.log('console', m.text()));
await page.goto(server.resolvedUrls.local[0] + '?' + query);
await page.waitForSelector('#fit-result[data-status="done"], #fit-result[data-status="error"]', { timeout: 60000 });
if (wait === 'last') { await page.click('#playback button[name="last"]'); }
await page.waitForTimeout(1500);
const info = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: innerWidth, status: document.querySelector('#fit-result')?.dataset.status, caption: [...document.querySelectorAll('figcaption')].map(f => f.textContent), player: document.querySelector('#playback')?.dataset }));
console.log(JSON.stringify(info));
await page.screenshot({ path: out, fullPage: true });
await browser.close(); await server.close();
