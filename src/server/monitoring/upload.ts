import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { FastifyRequest } from 'fastify';
import { HttpProblem } from '../problem.js';

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
  const part = await request.file();
  if (part === undefined || part.fieldname !== UPLOAD_FIELD)
    throw HttpProblem.invalidField(UPLOAD_FIELD, `required: attach the CSV file in the field "${UPLOAD_FIELD}"`);
  const dir = await mkdtemp(join(tmpdir(), 'caravan-upload-'));
  try {
    const path = join(dir, 'upload.csv');
    await pipeline(part.file, createWriteStream(path));
    // A streamed file over the limit ends early, marked truncated, rather than failing.
    if (part.file.truncated) throw new HttpProblem(413, 'the uploaded file is larger than this server accepts');
    return await work({ path, label: uploadLabel(part.filename), dir });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
