// Renders a Cucumber Messages NDJSON stream into the official Cucumber HTML report.
// Usage: node render-html.mjs <messages.ndjson> <report.html>
import fs from 'node:fs'
import path from 'node:path'
import readline from 'node:readline'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { CucumberHtmlStream } from '@cucumber/html-formatter'

const [input, output] = process.argv.slice(2)
if (!input || !output) {
  console.error('usage: node render-html.mjs <messages.ndjson> <report.html>')
  process.exit(2)
}

async function* envelopes(file) {
  const lines = readline.createInterface({ input: fs.createReadStream(file, 'utf8'), crlfDelay: Infinity })
  let number = 0
  for await (const line of lines) {
    number++
    if (line.trim().length === 0) continue
    try {
      yield JSON.parse(line)
    } catch (error) {
      throw new Error(`${file}:${number}: not a JSON envelope (${error.message})`)
    }
  }
}

// Written next to the report and renamed, so a failed render never leaves a truncated report behind.
const temporary = `${output}.tmp`
try {
  fs.mkdirSync(path.dirname(path.resolve(output)), { recursive: true })
  await pipeline(Readable.from(envelopes(input)), new CucumberHtmlStream(), fs.createWriteStream(temporary))
  fs.renameSync(temporary, output)
} catch (error) {
  fs.rmSync(temporary, { force: true })
  console.error(`HTML report not rendered: ${error.message}`)
  process.exit(1)
}
