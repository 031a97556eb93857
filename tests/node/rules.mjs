// Parses netlify.toml with the Netlify CLI's own parsers and prints, as JSON, the rules it keeps,
// the errors for the rules it drops, and the headers it would send for each path given.
// Usage: node rules.mjs NETLIFY_TOML [PATH...]
import { parseAllHeaders } from '@netlify/headers-parser'
import { parseAllRedirects } from '@netlify/redirect-parser'

const [configPath, ...paths] = process.argv.slice(2)
const headersFiles = []
const headers = await parseAllHeaders({ headersFiles, netlifyConfigPath: configPath, configHeaders: [], minimal: false })
const redirects = await parseAllRedirects({ redirectsFiles: [], netlifyConfigPath: configPath, configRedirects: [], minimal: false })

const headersFor = (path) =>
  Object.assign({}, ...headers.headers.filter(({ forRegExp }) => forRegExp.test(path)).map(({ values }) => values))

console.log(JSON.stringify({
  redirects: redirects.redirects.map(({ from, to, status, force }) => ({ from, to, status, force })),
  headers: headers.headers.map(({ for: path, values }) => ({ for: path, values })),
  errors: [...headers.errors, ...redirects.errors].map((error) => String(error.message || error)),
  paths: Object.fromEntries(paths.map((path) => [path, headersFor(path)])),
}))
