// Opens a rendered HTML report in headless Chromium and reports which of the expected texts are visible.
// Usage: node check-report.mjs <report.html> <chromium executable> <screenshot.png> <expected text>...
// Prints one JSON line {visible: [...], missing: [...]}; exit 1 when any text is missing.
import path from 'node:path'
import { chromium } from 'playwright-core'

const [report, executablePath, screenshot, ...expected] = process.argv.slice(2)
if (!report || !executablePath || !screenshot) {
  console.error('usage: node check-report.mjs <report.html> <chromium> <screenshot.png> <expected text>...')
  process.exit(2)
}

// Flags the probe of this workplace showed are needed in a closed network (no background connections, no sandbox as root).
const browser = await chromium.launch({
  executablePath,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
})
try {
  const page = await browser.newPage()
  await page.goto('file://' + path.resolve(report))
  await page.waitForSelector('#report', { timeout: 30000 })
  // Expand every collapsed scenario so step results are rendered, then every collapsed attachment.
  for (const button of await page.locator('button[aria-expanded="false"]').all()) {
    await button.click().catch(() => {})
  }
  await page.locator('details:not([open]) > summary').evaluateAll((summaries) => summaries.forEach((summary) => summary.click()))
  const visible = []
  const missing = []
  for (const text of expected) {
    const locator = page.getByText(text, { exact: false }).first()
    const shown = await locator.waitFor({ state: 'visible', timeout: 10000 }).then(() => true, () => false)
    ;(shown ? visible : missing).push(text)
  }
  await page.screenshot({ path: screenshot, fullPage: true })
  console.log(JSON.stringify({ visible, missing }))
  process.exitCode = missing.length === 0 ? 0 : 1
} finally {
  await browser.close()
}
