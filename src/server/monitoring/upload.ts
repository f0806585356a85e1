import { createWriteStream } from 'node:fs';
import { readdirSync, rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { FastifyRequest } from 'fastify';
import { HttpProblem } from '../problem.js';

/** Temporary upload folders are named by the process that made them: `caravan-upload-PID-XXXXXX`. */
const UPLOAD_PREFIX = 'caravan-upload-';

/**
 * Removes the upload folders of processes that are gone (a server killed with -9 during an upload has no chance to
 * clean up): run when a server starts.
 */
export function sweepStaleUploads(dir: string = tmpdir()): number {
  let removed = 0;
  for (const name of readdirSync(dir)) {
    const match = /^caravan-upload-(\d+)-/.exec(name);
    if (match === null || processAlive(Number(match[1]))) continue;
    rmSync(join(dir, name), { recursive: true, force: true });
    removed++;
  }
  return removed;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The form field that carries the file. */
export const UPLOAD_FIELD = 'file';

/** The uploaded file as the store names it: its base name, printable, at most 200 characters. */
const uploadLabel = (filename: string): string =>
  basename(filename)
    .replace(/[^\p{L}\p{N}._ -]/gu, '_')
    .slice(0, 200) || 'upload.csv';

/**
 * Saves the one file of a multipart upload to a temporary folder (the importers read files, and a large upload must
 * not sit in memory), runs `work` on it and removes the folder. The size limit is the multipart plugin's: beyond
 * it the upload fails with 413 and nothing is kept.
 */
export async function withUploadedFile<T>(
  request: FastifyRequest,
  work: (file: { path: string; label: string; dir: string }) => Promise<T>,
): Promise<T> {
  if (!request.isMultipart())
    throw new HttpProblem(
      415,
      `expected a multipart/form-data upload with the CSV file in the field "${UPLOAD_FIELD}"`,
      [{ field: UPLOAD_FIELD, message: 'required: send the file as multipart/form-data' }],
    );
  const part = await request.file().catch(malformed);
  if (part === undefined || part.fieldname !== UPLOAD_FIELD)
    throw HttpProblem.invalidField(UPLOAD_FIELD, `required: attach the CSV file in the field "${UPLOAD_FIELD}"`);
  const dir = await mkdtemp(join(tmpdir(), `${UPLOAD_PREFIX}${process.pid}-`));
  try {
    const path = join(dir, 'upload.csv');
    await pipeline(part.file, createWriteStream(path)).catch(malformed);
    // A streamed file over the limit ends early, marked truncated, rather than failing.
    if (part.file.truncated) throw new HttpProblem(413, 'the uploaded file is larger than this server accepts');
    return await work({ path, label: uploadLabel(part.filename), dir });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * A body the multipart parser cannot read (cut short, no boundary, a part without a name) is the client's fault:
 * 400, not 500. Errors of the file system (a full temporary disk) stay what they are.
 */
function malformed(error: unknown): never {
  if (error instanceof HttpProblem) throw error;
  const code = String((error as { code?: unknown }).code ?? '');
  const status = (error as { statusCode?: unknown }).statusCode;
  if (/^E[A-Z]+$/.test(code) || (typeof status === 'number' && status !== 500)) throw error;
  const reason = error instanceof Error ? error.message.slice(0, 200) : 'unreadable';
  throw new HttpProblem(400, `the upload is not a well-formed multipart/form-data body: ${reason}`, [
    { field: UPLOAD_FIELD, message: 'send the CSV file as multipart/form-data in the field "file"' },
  ]);
}
