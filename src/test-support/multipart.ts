/** A multipart/form-data body with one file, for Fastify's inject (which takes a ready body and its headers). */
export function multipartFile(
  field: string,
  filename: string,
  content: string,
): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----caravan-test-${Math.random().toString(16).slice(2)}`;
  const payload = Buffer.from(
    [
      `--${boundary}`,
      `Content-Disposition: form-data; name="${field}"; filename="${filename}"`,
      'Content-Type: text/csv',
      '',
      content,
      `--${boundary}--`,
      '',
    ].join('\r\n'),
  );
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
