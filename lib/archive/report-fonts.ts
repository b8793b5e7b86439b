// The fonts the PDF report embeds (subset to the characters used). Noto Sans covers Latin with
// every Dutch letter (ĳ, Ĳ), Greek and Cyrillic; Noto Emoji is monochrome, ~0.9 MB before
// subsetting instead of ~10 MB for the colour font, and prints on any printer. Both SIL OFL 1.1.
//
// `?url` makes Vite ship each file as an asset of the extension and hand back its URL. Not
// `new URL(…, import.meta.url)`: WXT defines import.meta.url as self.location.href for every
// entrypoint, which silently turns that pattern into a URL relative to the page, pointing at nothing.
import boldUrl from '@expo-google-fonts/noto-sans/700Bold/NotoSans_700Bold.ttf?url';
import regularUrl from '@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf?url';
import emojiUrl from '@expo-google-fonts/noto-emoji/400Regular/NotoEmoji_400Regular.ttf?url';

/** Font files for the PDF report, as bytes. */
export interface ReportFonts {
  regular: Uint8Array;
  bold: Uint8Array;
  emoji: Uint8Array;
}

/** Each font as a module path inside node_modules: what tests in Node read directly. */
export const REPORT_FONT_MODULES: Readonly<Record<keyof ReportFonts, string>> = {
  regular: '@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf',
  bold: '@expo-google-fonts/noto-sans/700Bold/NotoSans_700Bold.ttf',
  emoji: '@expo-google-fonts/noto-emoji/400Regular/NotoEmoji_400Regular.ttf',
};

// Read only when a PDF is made, so the fonts cost nothing at start-up.
const FONT_URLS: Readonly<Record<keyof ReportFonts, string>> = { regular: regularUrl, bold: boldUrl, emoji: emojiUrl };

/** Where each font file lives in the built extension (its own files, never the network). */
export function reportFontUrls(): Readonly<Record<keyof ReportFonts, string>> {
  return FONT_URLS;
}

/** Reads the bundled fonts from the extension's own files. */
export async function loadBundledFonts(): Promise<ReportFonts> {
  const read = async (url: string): Promise<Uint8Array> => {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`report font missing: ${url} (${response.status})`);
    return new Uint8Array(await response.arrayBuffer());
  };
  const [regular, bold, emoji] = await Promise.all([read(FONT_URLS.regular), read(FONT_URLS.bold), read(FONT_URLS.emoji)]);
  return { regular, bold, emoji };
}
