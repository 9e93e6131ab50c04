/** Randomness for UUIDs: Web Crypto, which the background service worker has; tests inject their own. */
export type RandomBytes = (n: number) => Uint8Array;

export const webRandomBytes: RandomBytes = (n) => crypto.getRandomValues(new Uint8Array(n));

/** RFC 4122 version 4 UUID from injected randomness (crypto.randomUUID would not be reproducible in tests). */
export function uuidV4(randomBytes: RandomBytes): string {
  const b = randomBytes(16);
  if (b.length !== 16) throw new RangeError('randomBytes(16) must return 16 bytes');
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const hex = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Standard base64 of bytes, without Buffer (no node: APIs in the extension). */
export function base64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}
