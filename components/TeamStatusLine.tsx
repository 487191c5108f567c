// The popup's line on the team index: shown only when one is set up and did not simply answer
// (still asking, unreachable, token refused, permission missing). Local results stand either way.
import type { TeamStatus } from '../lib/background/team-index';

export interface TeamStatusLineProps {
  /** The team index's part in the tab's check; undefined without a team index. */
  status?: TeamStatus;
}

const TEXT: Record<Exclude<TeamStatus['state'], 'ok'>, string> = {
  waiting: 'Asking the team index…',
  'no-permission': 'Team index not allowed yet: grant its permission in the options page.',
  unreachable: 'Team index unreachable: showing this browser’s corpus only.',
  token: 'The team index refused your token: showing this browser’s corpus only.',
  error: 'The team index failed: showing this browser’s corpus only.',
};

export function TeamStatusLine({ status }: TeamStatusLineProps) {
  if (!status || status.state === 'ok') return null;
  const busy = status.state === 'waiting';
  return (
    <p class={busy ? 'status status-busy team-line' : 'status status-error team-line'} role="status" title={status.message}>
      {TEXT[status.state]}
    </p>
  );
}
