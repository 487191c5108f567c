// Private reading: the global switch and the "sites I investigate" list. Shown first, as an offer,
// while the corpus is empty (onboarding), and among the settings afterwards.
import { useEffect, useState } from 'preact/hooks';
import type { Settings } from '../lib/settings';

export interface PrivateReadingProps {
  /** The stored settings. */
  settings: Settings;
  /** Saves a change; resolves false when it was refused (the page shows why). */
  onSave: (patch: Partial<Settings>) => Promise<boolean>;
  /** First run: say why in one sentence and offer the switch before anything is imported. */
  onboarding: boolean;
}

/** Why a reader would want it, in one sentence (shown during onboarding and beside the switch). */
export const PRIVATE_READING_WHY =
  'A site can watch its own page, so inline badges would let the outlets you investigate see that you use StoryTrace and which of their paragraphs your corpus holds; private reading changes nothing in the page and shows the results in the toolbar, the popup and the side panel instead.';

const lines = (s: string) =>
  s
    .split(/[\n,]+/)
    .map((x) => x.trim())
    .filter(Boolean);

export function PrivateReading({ settings, onSave, onboarding }: PrivateReadingProps) {
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
      <p class="why">{PRIVATE_READING_WHY}</p>
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
        <span>Read privately on every site</span>
      </label>
      <form
        class="field"
        onSubmit={(e) => {
          e.preventDefault();
          void save({ investigateSites: lines(sites) });
        }}
      >
        <label for="investigate-sites">Sites I investigate (always read privately)</label>
        <textarea
          id="investigate-sites"
          rows={3}
          spellcheck={false}
          value={sites}
          placeholder="example.com"
          onInput={(e) => setSites((e.target as HTMLTextAreaElement).value)}
        />
        <p class="hint">One site per line; a site includes its subdomains.</p>
        <button type="submit" class="button" disabled={saving}>
          Save sites
        </button>
      </form>
    </div>
  );
}
