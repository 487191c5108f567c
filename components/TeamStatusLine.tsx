// The popup's line on the team index: shown only when one is set up and did not simply answer
// (still asking, unreachable, token refused, permission missing). Local results stand either way.
import type { TeamStatus } from '../lib/background/team-index';
import type { MessageKey } from '../lib/i18n/i18n';
import { useI18n } from './I18nProvider';

export interface TeamStatusLineProps {
  /** The team index's part in the tab's check; undefined without a team index. */
  status?: TeamStatus;
}

const TEXT: Record<Exclude<TeamStatus['state'], 'ok'>, MessageKey> = {
  waiting: 'team_line_waiting',
  'no-permission': 'team_line_no_permission',
  unreachable: 'team_line_unreachable',
  token: 'team_line_token',
  error: 'team_line_error',
};

export function TeamStatusLine({ status }: TeamStatusLineProps) {
  const { t } = useI18n();
  if (!status || status.state === 'ok') return null;
  const busy = status.state === 'waiting';
  return (
    <p class={busy ? 'status status-busy team-line' : 'status status-error team-line'} role="status" title={status.message}>
      {t(TEXT[status.state])}
    </p>
  );
}
