// The fonts the PDF report embeds (subset to the characters used). Noto Sans covers Latin with
// every Dutch letter (ĳ, Ĳ), Greek and Cyrillic; Noto Emoji is monochrome, ~0.9 MB before
// subsetting instead of ~10 MB for the colour font, and prints on any printer. Both SIL OFL 1.1.

/** Font files for the PDF report, as bytes. */
export interface ReportFonts {
  regular: Uint8Array;
  bold: Uint8Array;
  emoji: Uint8Array;
}

// `new URL(…, import.meta.url)` makes Vite ship the files as assets of the extension; they are read
// only when a PDF is made, so they cost nothing at start-up.
const FONT_URLS = {
  regular: new URL('../../node_modules/@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf', import.meta.url),
  bold: new URL('../../node_modules/@expo-google-fonts/noto-sans/700Bold/NotoSans_700Bold.ttf', import.meta.url),
  emoji: new URL('../../node_modules/@expo-google-fonts/noto-emoji/400Regular/NotoEmoji_400Regular.ttf', import.meta.url),
} as const;

/** Where each font file lives next to this module (the extension's own files, never the network). */
export function reportFontUrls(): Readonly<Record<keyof ReportFonts, URL>> {
  return FONT_URLS;
}

/** Reads the bundled fonts from the extension's own files. */
export async function loadBundledFonts(): Promise<ReportFonts> {
  const read = async (url: URL): Promise<Uint8Array> => {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`report font missing: ${url.pathname} (${response.status})`);
    return new Uint8Array(await response.arrayBuffer());
  };
  const [regular, bold, emoji] = await Promise.all([read(FONT_URLS.regular), read(FONT_URLS.bold), read(FONT_URLS.emoji)]);
  return { regular, bold, emoji };
}
