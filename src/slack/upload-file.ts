/**
 * A file into a conversation by Slack's upload steps: files.getUploadURLExternal, the bytes to the URL
 * it answers, files.completeUploadExternal. Throws a FileTransferFailure naming the step that failed.
 */
import type { webApi } from '@slack/bolt';

/** How long the download or upload of a file's bytes may take. */
export const fileTransferTimeoutMs = 30_000;

/** A file transfer that did not happen; the message is a short reason code such as `upload_502`. */
export class FileTransferFailure extends Error {}

export interface FileUpload {
  readonly filename: string;
  readonly title: string;
  readonly bytes: Uint8Array;
  readonly channel: string;
  readonly threadTs?: string;
  readonly comment?: string;
}

/** The new file's id. */
export async function uploadFile(client: webApi.WebClient, file: FileUpload): Promise<string> {
  const started = await client.files.getUploadURLExternal({ filename: file.filename, length: file.bytes.length });
  if (!started.upload_url || !started.file_id) throw new FileTransferFailure('no_upload_url');
  const upload = await fetch(started.upload_url, {
    method: 'POST',
    headers: { 'content-type': 'application/octet-stream' },
    body: file.bytes,
    signal: AbortSignal.timeout(fileTransferTimeoutMs),
  });
  if (!upload.ok) throw new FileTransferFailure(`upload_${upload.status}`);
  await client.files.completeUploadExternal({
    files: [{ id: started.file_id, title: file.title }],
    channel_id: file.channel,
    ...(file.threadTs === undefined ? {} : { thread_ts: file.threadTs }),
    ...(file.comment === undefined ? {} : { initial_comment: file.comment }),
  });
  return started.file_id;
}
