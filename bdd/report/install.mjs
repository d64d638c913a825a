// Installs the pinned packages with `npm ci --no-audit --no-fund` unless node_modules is already up to date.
// Run by the build (Kubernaut.Bdd.Report.targets). Test projects may build in parallel, so a lock directory makes
// one build install while the others wait, then find the packages up to date.
// Usage: node install.mjs   Exit code: npm's (0 when nothing had to be done).
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { setTimeout as delay } from 'node:timers/promises'

const folder = path.dirname(fileURLToPath(import.meta.url))
const lockFile = path.join(folder, 'package-lock.json')
const installed = path.join(folder, 'node_modules', '.package-lock.json')
const lock = path.join(folder, '.npm-install.lock')
const installTimeoutMs = 8 * 60 * 1000
const staleLockMs = installTimeoutMs + 60 * 1000

const upToDate = () => fs.existsSync(installed) && fs.statSync(installed).mtimeMs >= fs.statSync(lockFile).mtimeMs

async function acquireLock() {
  const deadline = Date.now() + staleLockMs
  for (;;) {
    try {
      fs.mkdirSync(lock)
      return
    } catch (error) {
      if (error.code !== 'EEXIST') throw error
    }
    // A lock older than any install can take was left by a killed build.
    if (Date.now() - fs.statSync(lock, { throwIfNoEntry: false })?.mtimeMs > staleLockMs || Date.now() > deadline) {
      fs.rmSync(lock, { recursive: true, force: true })
      continue
    }
    await delay(500)
  }
}

function install() {
  console.log(`Kubernaut.Bdd: installing the report packages: npm ci --no-audit --no-fund (in ${folder})`)
  const npm = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], {
    cwd: folder,
    stdio: 'inherit',
    timeout: installTimeoutMs,
    shell: process.platform === 'win32',
  })
  if (npm.error) {
    console.error(`Kubernaut.Bdd: npm ci could not run: ${npm.error.message}`)
    return 1
  }
  return npm.status ?? 1
}

if (!upToDate()) {
  await acquireLock()
  try {
    if (upToDate()) {
      console.log('Kubernaut.Bdd: the report packages were installed by a parallel build.')
    } else {
      process.exitCode = install()
    }
  } finally {
    fs.rmSync(lock, { recursive: true, force: true })
  }
}
