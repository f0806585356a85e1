import { run } from '../cli/main.js';

export interface CapturedRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a caravan command line in-process and captures what it prints. */
export async function runCli(...argv: string[]): Promise<CapturedRun> {
  let stdout = '';
  let stderr = '';
  const code = await run(argv, {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
  });
  return { code, stdout, stderr };
}
