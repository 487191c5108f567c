// The options page's "Team index" section: the team server's URL and the analyst's token, saved
// only once the browser granted the permission for that one origin, and a test button that says
// whether the server is reachable and accepts the token. Presentational: actions come in as props.
import { useEffect, useState } from 'preact/hooks';
import type { TeamTestResult } from '../lib/background/team-index';
import { cleanTeamUrl, type Settings } from '../lib/settings';
import type { MessageKey } from '../lib/i18n/i18n';
import { useI18n } from './I18nProvider';
import { reword } from '../lib/i18n/reword';

export interface TeamIndexSectionProps {
  /** The stored settings (teamUrl, teamToken). */
  settings: Settings;
  /** Saves a change; resolves false when it was refused (the page shows why). */
  onSave: (patch: Partial<Settings>) => Promise<boolean>;
  /** Asks the browser for the permission to contact this URL's origin (must run in the click). */
  onRequestPermission: (url: string) => Promise<boolean>;
  /** Tests a URL and token against the server. */
  onTest: (url: string, token: string) => Promise<TeamTestResult>;
}

type Shown = { kind: 'ok' | 'error' | 'busy'; text: string } | undefined;

const STATUS_TEXT: Record<TeamTestResult['state'], MessageKey> = {
  ok: 'team_test_ok',
  waiting: 'team_test_waiting',
  'no-permission': 'team_test_no_permission',
  unreachable: 'team_test_unreachable',
  token: 'team_test_token',
  error: 'team_test_error',
};

export function TeamIndexSection({ settings, onSave, onRequestPermission, onTest }: TeamIndexSectionProps) {
  const { t, plural } = useI18n();
  const [url, setUrl] = useState(settings.teamUrl);
  const [token, setToken] = useState(settings.teamToken);
  const [shown, setShown] = useState<Shown>(undefined);
  useEffect(() => {
    setUrl(settings.teamUrl);
    setToken(settings.teamToken);
  }, [settings]);

  /** The URL cleaned, after the permission for its origin was granted; undefined when refused. */
  const granted = async (): Promise<string | undefined> => {
    let clean: string;
    try {
      clean = cleanTeamUrl(url);
    } catch (e) {
      setShown({ kind: 'error', text: reword((e as Error).message, t, 'settings_error_') });
      return undefined;
    }
    if (!clean) return '';
    // Requested first, in the click itself: browsers grant permissions only to a user gesture.
    const ok = await onRequestPermission(clean).catch(() => false);
    if (!ok) setShown({ kind: 'error', text: t('team_not_granted', new URL(clean).host) });
    return ok ? clean : undefined;
  };

  const save = async (e: Event) => {
    e.preventDefault();
    const clean = await granted();
    if (clean === undefined) return;
    if (await onSave({ teamUrl: clean, teamToken: clean ? token.trim() : '' }))
      setShown(clean ? { kind: 'ok', text: t('team_saved') } : { kind: 'ok', text: t('team_none') });
  };

  const test = async () => {
    const clean = await granted();
    if (!clean) {
      if (clean === '') setShown({ kind: 'error', text: t('team_enter_url') });
      return;
    }
    setShown({ kind: 'busy', text: t('team_testing') });
    const r = await onTest(clean, token.trim()).catch((err: unknown): TeamTestResult => ({ state: 'error', message: (err as Error).message }));
    setShown(
      r.state === 'ok'
        ? { kind: 'ok', text: plural('team_connected', r.stories ?? 0) }
        : { kind: 'error', text: r.message ? t('team_test_failed', t(STATUS_TEXT[r.state]), reword(r.message, t, 'bgerror_')) : t(STATUS_TEXT[r.state]) },
    );
  };

  return (
    <form class="settings team-index" onSubmit={(e) => void save(e)}>
      <p class="hint">{t('team_intro')}</p>
      <div class="field">
        <label for="team-url">{t('team_url_label')}</label>
        <input id="team-url" type="url" spellcheck={false} autocomplete="off" placeholder="https://index.example.org" value={url} onInput={(e) => setUrl((e.target as HTMLInputElement).value)} />
      </div>
      <div class="field">
        <label for="team-token">{t('team_token_label')}</label>
        <input id="team-token" type="password" spellcheck={false} autocomplete="off" value={token} onInput={(e) => setToken((e.target as HTMLInputElement).value)} />
      </div>
      <div class="actions">
        <button type="submit" class="button primary">
          {t('team_save')}
        </button>{' '}
        <button type="button" class="button" id="team-test" onClick={() => void test()}>
          {t('team_test')}
        </button>
      </div>
      {shown && (
        <p class={shown.kind === 'error' ? 'error team-status' : 'hint team-status'} role="status">
          {shown.text}
        </p>
      )}
    </form>
  );
}
