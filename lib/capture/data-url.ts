// A data URL as captureVisibleTab returns it: `data:image/png;base64,<payload>`.
const BASE64_DATA_URL = /^data:([^,;]*)((?:;[^,;]*)*);base64,([A-Za-z0-9+/]*={0,2})$/;

/**
 * Decodes a base64 data URL (what `captureVisibleTab` resolves to) into its bytes. The raw
 * screenshot artifact is exactly these bytes, stored and hashed as they are: nothing re-encodes them.
 * Throws for anything that isn't a well-formed base64 data URL, since that means the API changed.
 */
export function dataUrlToBytes(dataUrl: string): Uint8Array<ArrayBuffer> {
  const match = BASE64_DATA_URL.exec(dataUrl);
  const payload = match?.[3];
  if (payload === undefined || payload.length % 4 !== 0) {
    throw new Error(`Not a base64 data URL: ${dataUrl.slice(0, 40)}…`);
  }
  const binary = atob(payload);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
