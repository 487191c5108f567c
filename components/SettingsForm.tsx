// Matching and checking settings: sensitivity, automatic or on-click checking, and site lists.
import { useEffect, useState } from 'preact/hooks';
import type { Settings } from '../lib/settings';

export interface SettingsFormProps {
  /** The stored settings. */
  settings: Settings;
  /** Saves a change; resolves false when it was refused (the page shows why). */
  onSave: (patch: Partial<Settings>) => Promise<boolean>;
}

const SENSITIVITY: { value: Settings['sensitivity']; label: string; hint: string }[] = [
  { value: 'strict', label: 'Strict', hint: 'only clear copies and close rewrites' },
  { value: 'normal', label: 'Normal', hint: 'recommended' },
  { value: 'loose', label: 'Loose', hint: 'also looser rewrites and weaker relations' },
];

const lines = (s: string) => s.split(/[\n,]+/).map((x) => x.trim()).filter(Boolean);

export function SettingsForm({ settings, onSave }: SettingsFormProps) {
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
        <legend>How sensitive matching is</legend>
        {SENSITIVITY.map((o) => (
          <label key={o.value} class="choice">
            <input type="radio" name="sensitivity" value={o.value} checked={sensitivity === o.value} onChange={() => setSensitivity(o.value)} />
            <span>
              {o.label} <span class="hint">— {o.hint}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>When to check pages</legend>
        <label class="choice">
          <input type="radio" name="mode" value="auto" checked={mode === 'auto'} onChange={() => setMode('auto')} />
          <span>Every article I open</span>
        </label>
        <label class="choice">
          <input type="radio" name="mode" value="click" checked={mode === 'click'} onChange={() => setMode('click')} />
          <span>Only when I click the toolbar button</span>
        </label>
      </fieldset>
      <div class="field">
        <label for="never-sites">Sites never to check</label>
        <textarea id="never-sites" rows={4} spellcheck={false} value={never} placeholder="example.com" onInput={(e) => setNever((e.target as HTMLTextAreaElement).value)} />
        <p class="hint">One site per line; a site includes its subdomains.</p>
      </div>
      <div class="field">
        <label for="hidden-sites">Sites without inline badges</label>
        <textarea id="hidden-sites" rows={3} spellcheck={false} value={hidden} onInput={(e) => setHidden((e.target as HTMLTextAreaElement).value)} />
        <p class="hint">These pages are still checked; results show in the toolbar button only.</p>
      </div>
      <button type="submit" class="button primary" disabled={saving}>
        {saving ? 'Saving…' : 'Save settings'}
      </button>
    </form>
  );
}
