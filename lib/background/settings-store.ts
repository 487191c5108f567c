// The user's settings in the database (settings table), validated on the way in and out.
import { DEFAULT_SETTINGS, applySettingsPatch, normalizeSettings, type Settings } from '../settings';
import type { StoryTraceDb } from '../index/dexie/rows';

export class SettingsStore {
  /** The background is the only writer, so a copy in memory stays true until the worker stops. */
  private cached?: Settings;

  constructor(private readonly db: () => Promise<StoryTraceDb>) {}

  async get(): Promise<Settings> {
    if (this.cached) return this.cached;
    const row = await (await this.db()).settings.get('settings');
    this.cached = row ? normalizeSettings(row.value) : { ...DEFAULT_SETTINGS };
    return this.cached;
  }

  /** Validates and stores a patch from an untrusted sender; returns the stored settings. */
  async set(patch: unknown): Promise<Settings> {
    const next = applySettingsPatch(await this.get(), patch);
    await (await this.db()).settings.put({ key: 'settings', value: next });
    this.cached = next;
    return next;
  }
}
