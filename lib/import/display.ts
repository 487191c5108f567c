// Number, size, duration and date wording for the options page, in the reader's language (English
// by default: the CLI and tests).
import type { I18n, MessageKey } from '../i18n/i18n';
import { english } from '../i18n/english';

export const formatCount = (n: number, i18n: I18n = english): string => i18n.number(Math.round(n));

const SIZE_UNITS: MessageKey[] = ['unit_kb', 'unit_mb', 'unit_gb', 'unit_tb'];

/** 1,536 → "1.5 KB"; decimal units, as the browser's storage figures. */
export function formatBytes(n: number | undefined, i18n: I18n = english): string {
  if (n === undefined || !Number.isFinite(n) || n < 0) return '–';
  if (n < 1000) return i18n.t('unit_b', Math.round(n));
  let v = n / 1000;
  let i = 0;
  while (v >= 1000 && i < SIZE_UNITS.length - 1) {
    v /= 1000;
    i++;
  }
  const shown = v < 10 ? i18n.number(Number(v.toFixed(1)), { minimumFractionDigits: 1, maximumFractionDigits: 1 }) : i18n.number(Math.round(v));
  return i18n.t(SIZE_UNITS[i], shown);
}

/** Seconds → "45 s", "3 min", "1 h 20 min". */
export function formatDuration(seconds: number | undefined, i18n: I18n = english): string {
  if (seconds === undefined || !Number.isFinite(seconds) || seconds < 0) return '';
  if (seconds < 60) return i18n.t('unit_seconds', Math.max(1, Math.round(seconds)));
  const min = Math.round(seconds / 60);
  if (min < 60) return i18n.t('unit_minutes', min);
  return i18n.t('unit_hours_minutes', Math.floor(min / 60), min % 60);
}

/** ISO date or epoch ms → "22 Nov 2026, 21:30" (the user's time zone and locale). */
export function formatDate(d: string | number | undefined, i18n: I18n = english): string {
  return i18n.dateTime(d);
}
