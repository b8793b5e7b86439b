import { useEffect, useState } from 'preact/hooks';

/**
 * An object URL for `blob`, revoked when the blob changes or the component unmounts:
 * evidence images can be large and a leaked URL keeps them in memory.
 */
export function useObjectUrl(blob: Blob | undefined): string | undefined {
  const [url, setUrl] = useState<string | undefined>(undefined);
  useEffect(() => {
    if (!blob) {
      setUrl(undefined);
      return undefined;
    }
    const created = URL.createObjectURL(blob);
    setUrl(created);
    return () => URL.revokeObjectURL(created);
  }, [blob]);
  return url;
}
