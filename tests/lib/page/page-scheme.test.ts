// The overlay's colour set follows the page's own background, whatever the OS says.
import { describe, expect, it } from 'vitest';
import { pageScheme, parseColor, relativeLuminance } from '../../../lib/page/page-scheme';

describe('parseColor', () => {
  it('reads computed-style and hex colours, and refuses the rest', () => {
    expect(parseColor('rgb(1, 2, 3)')).toEqual({ r: 1, g: 2, b: 3, a: 1 });
    expect(parseColor('rgba(10, 20, 30, 0.5)')).toEqual({ r: 10, g: 20, b: 30, a: 0.5 });
    expect(parseColor('rgb(10 20 30 / 25%)')).toEqual({ r: 10, g: 20, b: 30, a: 0.25 });
    expect(parseColor('transparent')?.a).toBe(0);
    expect(parseColor('#fff')).toEqual({ r: 255, g: 255, b: 255, a: 1 });
    expect(parseColor('#00000080')?.a).toBeCloseTo(0.5, 2);
    for (const bad of ['', 'oklch(0.5 0.1 200)', 'rgb(1, 2)', 'red', 'rgb(a, b, c)', '#12345']) expect(parseColor(bad), bad).toBeUndefined();
    expect(parseColor('rgb(300, -4, 12)')).toEqual({ r: 255, g: 0, b: 12, a: 1 });
  });

  it('luminance runs from black to white', () => {
    expect(relativeLuminance({ r: 0, g: 0, b: 0 })).toBe(0);
    expect(relativeLuminance({ r: 255, g: 255, b: 255 })).toBeCloseTo(1, 6);
    expect(relativeLuminance({ r: 128, g: 128, b: 128 })).toBeCloseTo(0.2158, 3);
  });
});

describe('pageScheme', () => {
  const light = { prefersDark: false };
  const dark = { prefersDark: true };

  it('takes the innermost opaque background, whatever the OS prefers', () => {
    expect(pageScheme({ backgrounds: ['rgba(0, 0, 0, 0)', 'rgb(20, 22, 25)', 'rgb(255, 255, 255)'], ...light })).toBe('dark');
    expect(pageScheme({ backgrounds: ['rgb(250, 250, 250)', 'rgb(0, 0, 0)'], ...dark })).toBe('light');
    expect(pageScheme({ backgrounds: ['rgb(255, 255, 255)'], ...dark })).toBe('light');
  });

  it('composites translucent layers over what is behind them', () => {
    // A 10% black veil over white is still light; 90% is dark.
    expect(pageScheme({ backgrounds: ['rgba(0, 0, 0, 0.1)', 'rgb(255, 255, 255)'], ...light })).toBe('light');
    expect(pageScheme({ backgrounds: ['rgba(0, 0, 0, 0.9)', 'rgb(255, 255, 255)'], ...light })).toBe('dark');
    // A translucent white over a dark page stays dark.
    expect(pageScheme({ backgrounds: ['rgba(255, 255, 255, 0.05)', 'rgb(17, 17, 17)'], ...light })).toBe('dark');
  });

  it('with no background painted, reads the canvas from color-scheme and the OS preference', () => {
    const none = ['rgba(0, 0, 0, 0)', 'rgba(0, 0, 0, 0)'];
    expect(pageScheme({ backgrounds: none, colorScheme: 'normal', ...dark })).toBe('light');
    expect(pageScheme({ backgrounds: none, colorScheme: 'dark', ...light })).toBe('dark');
    expect(pageScheme({ backgrounds: none, colorScheme: 'light dark', ...dark })).toBe('dark');
    expect(pageScheme({ backgrounds: none, colorScheme: 'light dark', ...light })).toBe('light');
  });

  it('with no background painted, light text means a dark page (a background image)', () => {
    expect(pageScheme({ backgrounds: ['rgba(0, 0, 0, 0)'], textColor: 'rgb(235, 235, 235)', ...light })).toBe('dark');
    expect(pageScheme({ backgrounds: ['rgba(0, 0, 0, 0)'], textColor: 'rgb(30, 30, 30)', ...dark })).toBe('light');
  });

  it('ignores layers it cannot read, and mid greys fall on the side with the better contrast', () => {
    expect(pageScheme({ backgrounds: ['oklch(0.2 0 0)', 'rgb(255, 255, 255)'], ...light })).toBe('light');
    expect(pageScheme({ backgrounds: ['rgb(100, 100, 100)'], ...light })).toBe('dark');
    expect(pageScheme({ backgrounds: ['rgb(150, 150, 150)'], ...light })).toBe('light');
    expect(pageScheme({ backgrounds: [], ...light })).toBe('light');
  });
});
