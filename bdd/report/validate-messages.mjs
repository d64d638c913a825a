// Validates every envelope of Cucumber Messages NDJSON files against the JSON schema of @cucumber/messages.
// Usage: node validate-messages.mjs <file.ndjson>...   Prints one JSON summary line; exit 1 when any envelope is invalid.
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import Ajv2020 from 'ajv/dist/2020.js'

// The package does not export its schema file, so read it from the installed package folder.
const messagesFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), 'node_modules', '@cucumber', 'messages')
const readJson = (file) => JSON.parse(fs.readFileSync(path.join(messagesFolder, file), 'utf8'))
const schema = readJson('messages.schema.json')
const ajv = new Ajv2020({ allErrors: true, strict: false })
const validate = ajv.compile(schema)

const files = process.argv.slice(2)
if (files.length === 0) {
  console.error('usage: node validate-messages.mjs <file.ndjson>...')
  process.exit(2)
}

let envelopes = 0
const violations = []
for (const file of files) {
  const lines = fs.readFileSync(file, 'utf8').split('\n')
  lines.forEach((line, index) => {
    if (line.trim().length === 0) return
    envelopes++
    let envelope
    try {
      envelope = JSON.parse(line)
    } catch (error) {
      violations.push({ file, line: index + 1, path: '/', rule: 'JSON', message: `not JSON: ${error.message}` })
      return
    }
    if (!validate(envelope)) {
      for (const error of validate.errors) {
        violations.push({
          file,
          line: index + 1,
          path: error.instancePath || '/',
          rule: `${error.keyword} (${error.schemaPath})`,
          message: error.message,
          params: error.params,
        })
      }
    }
  })
}
console.log(JSON.stringify({ schemaVersion: readJson('package.json').version, envelopes, violations }))
process.exit(violations.length === 0 ? 0 : 1)
