/**
 * Runs a compiled server (dist/…) in its own process, as production does, and hands back its
 * URL once it says it is listening. Used by the bench and by the crash tests, which kill it.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";
import { createInterface } from "node:readline";

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/** The flags `npm start` gives node: a 160 MB heap budget keeps the process well under 250 MB. */
export const NODE_FLAGS = ["--max-old-space-size=160"];

export async function spawnServer(
  entry: string,
  args: string[],
  env: Record<string, string>,
  readyUrl: (line: string) => string | undefined,
): Promise<ServerProcess> {
  const child = spawn(process.execPath, [...NODE_FLAGS, entry, ...args], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const url = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.on("line", (line) => {
      const found = readyUrl(line);
      if (found) resolve(found);
    });
    child.once("exit", (code, signal) => reject(new Error(`${entry} exited (${code ?? signal}) before it was ready`)));
  });
  child.stdout!.resume();
  return {
    url,
    child,
    stop: (signal = "SIGTERM") =>
      new Promise((done) => {
        if (child.exitCode !== null || child.signalCode !== null) return done();
        child.once("exit", () => done());
        child.kill(signal);
      }),
  };
}

/** A port nobody listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}
