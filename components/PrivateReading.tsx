// Private reading: the global switch and the "sites I investigate" list. Shown first, as an offer,
// while the corpus is empty (onboarding), and among the settings afterwards.
import { useEffect, useState } from 'preact/hooks';
import type { Settings } from '../lib/settings';
import { useI18n } from './I18nProvider';

export interface PrivateReadingProps {
  /** The stored settings. */
  settings: Settings;
  /** Saves a change; resolves false when it was refused (the page shows why). */
  onSave: (patch: Partial<Settings>) => Promise<boolean>;
  /** First run: say why in one sentence and offer the switch before anything is imported. */
  onboarding: boolean;
}


const lines = (s: string) =>
  s
    .split(/[\n,]+/)
    .map((x) => x.trim())
    .filter(Boolean);

export function PrivateReading({ settings, onSave, onboarding }: PrivateReadingProps) {
  const { t } = useI18n();
  const [sites, setSites] = useState(settings.investigateSites.join('\n'));
  const [on, setOn] = useState(settings.privateReading);
  const [saving, setSaving] = useState(false);
  useEffect(() => {
    setSites(settings.investigateSites.join('\n'));
    setOn(settings.privateReading);
  }, [settings]);

  const save = async (patch: Partial<Settings>) => {
    setSaving(true);
    await onSave(patch);
    setSaving(false);
  };

  return (
    <div class={`private-reading${onboarding ? ' first-run' : ''}`}>
      {/* Why a reader would want it, in one sentence (during onboarding and beside the switch). */}
      <p class="why">{t('private_why')}</p>
      <label class="choice">
        <input
          type="checkbox"
          id="private-reading"
          checked={on}
          disabled={saving}
          onChange={(e) => {
            const v = (e.target as HTMLInputElement).checked;
            setOn(v);
            void save({ privateReading: v });
          }}
        />
        <span>{t('private_everywhere')}</span>
      </label>
      <form
        class="field"
        onSubmit={(e) => {
          e.preventDefault();
          void save({ investigateSites: lines(sites) });
        }}
      >
        <label for="investigate-sites">{t('private_sites_label')}</label>
        <textarea
          id="investigate-sites"
          rows={3}
          spellcheck={false}
          value={sites}
          placeholder="example.com"
          onInput={(e) => setSites((e.target as HTMLTextAreaElement).value)}
        />
        <p class="hint">{t('settings_sites_hint')}</p>
        <button type="submit" class="button" disabled={saving}>
          {t('private_save_sites')}
        </button>
      </form>
    </div>
  );
}
