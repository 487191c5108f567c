// Matching and checking settings: sensitivity, automatic or on-click checking, and site lists.
import { useEffect, useState } from 'preact/hooks';
import type { Settings } from '../lib/settings';
import type { MessageKey } from '../lib/i18n/i18n';
import { useI18n } from './I18nProvider';

export interface SettingsFormProps {
  /** The stored settings. */
  settings: Settings;
  /** Saves a change; resolves false when it was refused (the page shows why). */
  onSave: (patch: Partial<Settings>) => Promise<boolean>;
}

const SENSITIVITY: { value: Settings['sensitivity']; label: MessageKey; hint: MessageKey }[] = [
  { value: 'strict', label: 'settings_strict', hint: 'settings_strict_hint' },
  { value: 'normal', label: 'settings_normal', hint: 'settings_normal_hint' },
  { value: 'loose', label: 'settings_loose', hint: 'settings_loose_hint' },
];

const lines = (s: string) => s.split(/[\n,]+/).map((x) => x.trim()).filter(Boolean);

export function SettingsForm({ settings, onSave }: SettingsFormProps) {
  const { t } = useI18n();
  const [sensitivity, setSensitivity] = useState(settings.sensitivity);
  const [mode, setMode] = useState(settings.mode);
  const [never, setNever] = useState(settings.neverCheckSites.join('\n'));
  const [hidden, setHidden] = useState(settings.hiddenBadgeSites.join('\n'));
  const [saving, setSaving] = useState(false);
  useEffect(() => {
    setSensitivity(settings.sensitivity);
    setMode(settings.mode);
    setNever(settings.neverCheckSites.join('\n'));
    setHidden(settings.hiddenBadgeSites.join('\n'));
  }, [settings]);

  const submit = async (e: Event) => {
    e.preventDefault();
    setSaving(true);
    await onSave({ sensitivity, mode, neverCheckSites: lines(never), hiddenBadgeSites: lines(hidden) });
    setSaving(false);
  };

  return (
    <form class="settings" onSubmit={(e) => void submit(e)}>
      <fieldset>
        <legend>{t('settings_sensitivity')}</legend>
        {SENSITIVITY.map((o) => (
          <label key={o.value} class="choice">
            <input type="radio" name="sensitivity" value={o.value} checked={sensitivity === o.value} onChange={() => setSensitivity(o.value)} />
            <span>
              {t(o.label)} <span class="hint">— {t(o.hint)}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>{t('settings_when')}</legend>
        <label class="choice">
          <input type="radio" name="mode" value="auto" checked={mode === 'auto'} onChange={() => setMode('auto')} />
          <span>{t('settings_mode_auto')}</span>
        </label>
        <label class="choice">
          <input type="radio" name="mode" value="click" checked={mode === 'click'} onChange={() => setMode('click')} />
          <span>{t('settings_mode_click')}</span>
        </label>
      </fieldset>
      <div class="field">
        <label for="never-sites">{t('settings_never_sites')}</label>
        <textarea id="never-sites" rows={4} spellcheck={false} value={never} placeholder="example.com" onInput={(e) => setNever((e.target as HTMLTextAreaElement).value)} />
        <p class="hint">{t('settings_sites_hint')}</p>
      </div>
      <div class="field">
        <label for="hidden-sites">{t('settings_hidden_sites')}</label>
        <textarea id="hidden-sites" rows={3} spellcheck={false} value={hidden} onInput={(e) => setHidden((e.target as HTMLTextAreaElement).value)} />
        <p class="hint">{t('settings_hidden_hint')}</p>
      </div>
      <button type="submit" class="button primary" disabled={saving}>
        {saving ? t('settings_saving') : t('settings_save')}
      </button>
    </form>
  );
}
