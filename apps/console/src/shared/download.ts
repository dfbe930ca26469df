import { ProblemError, unwrap } from '../api/client';

/** The file name a Content-Disposition header gives (`attachment; filename="DX-tree-2026-05-01.xlsx"`). */
function filenameOf(response: Response, fallback: string): string {
  const header = response.headers.get('Content-Disposition') ?? '';
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(header)?.[1];
  if (encoded) return decodeURIComponent(encoded);
  return /filename="?([^";]+)"?/i.exec(header)?.[1] ?? fallback;
}

/**
 * Saves a file an API call answered (openapi-fetch with parseAs 'blob', so the bearer token went with it,
 * which a plain link cannot carry) through a temporary object URL; a refused call throws its ProblemError.
 */
export async function saveDownload(
  call: Promise<{ data?: Blob; error?: unknown; response: Response }>,
  fallbackName: string,
): Promise<string> {
  const settled = await call;
  const blob = await unwrap(Promise.resolve(settled));
  if (!(blob instanceof Blob)) {
    throw new ProblemError({
      type: 'about:blank',
      title: '下载失败',
      status: settled.response.status,
      detail: '服务没有返回文件',
      instance: new URL(settled.response.url).pathname,
      code: 'DOWNLOAD_EMPTY',
    });
  }
  const filename = filenameOf(settled.response, fallbackName);
  const url = URL.createObjectURL(blob);
  try {
    const link = document.createElement('a');
    link.href = url;
    link.download = filename;
    link.style.display = 'none';
    document.body.append(link);
    link.click();
    link.remove();
  } finally {
    // The download has started from the click; the URL is let go once the browser has surely read it.
    setTimeout(() => URL.revokeObjectURL(url), 30_000);
  }
  return filename;
}
