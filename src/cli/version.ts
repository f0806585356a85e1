// The CLI's --version and the server's OpenAPI document read one implementation, kept outside the CLI.
export { packageVersion } from '../data/package-version.js';
