// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { BlurredImage } from './blurred-image.tsx';
import { setLocale } from '../lib/i18n.ts';

beforeEach(() => setLocale('en'));
afterEach(cleanup);

describe('BlurredImage', () => {
  test.each(['thumb', 'full'] as const)('%s starts blurred and toggles by keyboard-operable button', (variant) => {
    render(<BlurredImage src="blob:test/1" alt="Preview" variant={variant} />);
    const image = screen.getByRole('img', { name: 'Preview' });
    const toggle = screen.getByRole('button', { name: 'Show image' });

    expect(image.style.filter).toMatch(/blur\(\d+px\)/);
    expect(toggle.tagName).toBe('BUTTON');

    fireEvent.click(toggle);
    expect(image.style.filter).toBe('');
    expect(toggle.textContent).toBe('Hide image');

    fireEvent.click(toggle);
    expect(image.style.filter).toMatch(/blur/);
  });

  test('without an image shows a placeholder and no toggle', () => {
    render(<BlurredImage src={undefined} alt="Preview" variant="thumb" />);

    expect(screen.getByText('No preview')).toBeTruthy();
    expect(screen.queryByRole('button')).toBeNull();
  });
});
