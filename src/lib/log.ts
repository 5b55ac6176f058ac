/**
 * Structured logs: one JSON object per line, so a log platform (journald, Loki, Workers Logs)
 * can filter on fields instead of parsing sentences. What goes into a line is decided by its
 * caller; the request log (middleware/request-log.ts) keeps respondents out of it.
 */

export const LOG_LEVELS = ["debug", "info", "warn", "error", "silent"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
type LineLevel = Exclude<LogLevel, "silent">;

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

export interface LogLine {
  time: string;
  level: LineLevel;
  msg: string;
  [field: string]: unknown;
}

/** Where lines go: the console by default, an array in tests. */
export type LogSink = (line: LogLine) => void;

export type LogFields = Record<string, unknown>;

export interface Logger {
  readonly level: LogLevel;
  enabled(level: LineLevel): boolean;
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
  /** A logger that adds `fields` (e.g. the request id) to every line. */
  child(fields: LogFields): Logger;
}

/**
 * One line of JSON on the console. error and warn go to stderr (console.error/warn), the rest to
 * stdout; on Workers the console method also sets the line's level in Workers Logs.
 */
const consoleSink: LogSink = (line) => {
  const text = JSON.stringify(line);
  if (line.level === "error") console.error(text);
  else if (line.level === "warn") console.warn(text);
  else console.log(text);
};

export function createLogger(options: { level?: LogLevel; sink?: LogSink; fields?: LogFields } = {}): Logger {
  const level = options.level ?? "info";
  const sink = options.sink ?? consoleSink;
  const base = options.fields ?? {};
  const enabled = (l: LineLevel) => RANK[l] >= RANK[level];
  const write =
    (l: LineLevel) =>
    (msg: string, fields: LogFields = {}) => {
      if (!enabled(l)) return;
      const line: LogLine = { time: new Date().toISOString(), level: l, msg, ...base };
      // Undefined fields are left out rather than written as null: a line says only what is known.
      for (const [key, value] of Object.entries(fields)) if (value !== undefined) line[key] = value;
      try {
        sink(line);
      } catch {
        // A log that cannot be written never fails the request it describes.
      }
    };
  return {
    level,
    enabled,
    debug: write("debug"),
    info: write("info"),
    warn: write("warn"),
    error: write("error"),
    child: (fields) => createLogger({ level, sink, fields: { ...base, ...fields } }),
  };
}

/** An error as log fields: its name and message, and its stack (and its cause's message) when asked. */
export function errorFields(error: unknown, withStack: boolean): LogFields {
  if (!(error instanceof Error)) return { errorMessage: String(error) };
  const cause =
    error.cause instanceof Error ? error.cause.message : error.cause === undefined ? undefined : String(error.cause);
  return { errorName: error.name, errorMessage: error.message, ...(withStack ? { stack: error.stack, cause } : {}) };
}
