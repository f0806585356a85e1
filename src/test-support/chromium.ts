// The browser the end-to-end tests drive; it lives with the adapters since `npm run bench:web` drives it too.
export { CHROMIUM_PATH, hasChromium, launchChromium } from '../browser/chromium.js';
