import { existsSync } from 'node:fs';

/**
 * The Chromium every browser test and `npm start` use: `CHROMIUM_PATH`, else Debian's
 * package, else undefined so Playwright falls back to its own downloaded Chromium
 * (branded Chrome ignores --load-extension, so it is never a candidate).
 */
export function chromiumExecutable(): string | undefined {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  return candidates.find((p): p is string => !!p && existsSync(p));
}
