// Structured logs: one JSON object per line on stderr (time, level, message, fields). Request logs
// carry route, status, duration and analyst, never a body: a check's hashes stay out of the logs.

export type LogFields = Record<string, string | number | boolean | undefined>;

export interface Logger {
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
}

export function jsonLogger(write: (line: string) => void = (l) => process.stderr.write(l + '\n')): Logger {
  const emit = (level: string, msg: string, fields?: LogFields) => write(JSON.stringify({ time: new Date().toISOString(), level, msg, ...fields }));
  return {
    info: (m, f) => emit('info', m, f),
    warn: (m, f) => emit('warn', m, f),
    error: (m, f) => emit('error', m, f),
  };
}
