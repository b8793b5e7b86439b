import { useState } from 'preact/hooks';
import { t } from '../lib/i18n.ts';

export interface BlurredImageProps {
  /** An object URL; absent while loading or when there is no image. */
  src: string | undefined;
  alt: string;
  /** `thumb` for list previews, `full` for evidence images. */
  variant: 'thumb' | 'full';
  /** Names the image in the toggle's accessible name when several sit on one screen. */
  subject?: string;
}

// Set through the style object as well as the class: Preact applies it via CSSOM (allowed by
// the CSP), so the image stays blurred even if the stylesheet fails to load.
const BLUR = { thumb: { filter: 'blur(8px)' }, full: { filter: 'blur(24px)' } } as const;

/**
 * An image that starts blurred and is shown only when the person asks: someone may be
 * watching the screen, and seeing abuse again hurts.
 */
export function BlurredImage({ src, alt, variant, subject }: BlurredImageProps) {
  const [revealed, setRevealed] = useState(false);
  if (!src) {
    return (
      <div class={`blurred-image blurred-image--${variant} blurred-image--empty`} data-testid="blurred-image">
        <span class="blurred-image__placeholder">{t('noPreview')}</span>
      </div>
    );
  }
  const label = revealed ? (subject ? t('imageHideOf', subject) : t('imageHide')) : subject ? t('imageShowOf', subject) : t('imageShow');
  return (
    <div class={`blurred-image blurred-image--${variant}`} data-testid="blurred-image">
      <div class="blurred-image__frame">
        <img
          src={src}
          alt={alt}
          class={revealed ? 'blurred-image__img' : 'blurred-image__img is-blurred'}
          style={revealed ? {} : BLUR[variant]}
          data-testid="blurred-image-img"
          data-revealed={String(revealed)}
        />
      </div>
      <button
        type="button"
        class="blurred-image__toggle"
        aria-label={subject ? label : undefined}
        onClick={() => setRevealed(!revealed)}
      >
        {revealed ? t('imageHide') : t('imageShow')}
      </button>
    </div>
  );
}
