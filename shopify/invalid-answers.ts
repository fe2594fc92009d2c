/**
 * An answer with a success status whose body is not a GraphQL result: an HTML page from a proxy
 * or a maintenance screen, or JSON cut off mid-object. It is no lost connection: Shopify (or
 * something in front of it) answered, so the client says what came back.
 */
export class InvalidAnswerBody extends Error {
  constructor(
    readonly status: number,
    readonly contentType: string,
    /** The body's first characters, printable, for the error text. */
    readonly preview: string,
  ) {
    super(`invalid answer (HTTP ${status}, ${contentType || 'no content type'}): ${preview}`);
    this.name = 'InvalidAnswerBody';
  }
}

const PREVIEW_LENGTH = 80;

/** The first characters of a body, on one line, quoted: enough to tell a page from cut-off JSON. */
export function bodyPreview(text: string): string {
  const flat = text.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
  if (flat === '') return 'an empty body';
  return flat.length > PREVIEW_LENGTH ? `"${flat.slice(0, PREVIEW_LENGTH)}…"` : `"${flat}"`;
}

function isJsonObject(text: string): boolean {
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === 'object' && parsed !== null;
  } catch {
    return false;
  }
}

/**
 * fetch for the GraphQL client: a success answer must be a JSON object, else InvalidAnswerBody.
 * Other statuses pass as they came; the client judges them by their status.
 */
export async function answerCheckingFetch(
  input: string | URL | Request,
  init?: RequestInit,
): Promise<Response> {
  const response = await fetch(input, init);
  if (response.status < 200 || response.status >= 300) return response;
  const text = await response.text();
  if (!isJsonObject(text)) {
    throw new InvalidAnswerBody(
      response.status,
      response.headers.get('content-type') ?? '',
      bodyPreview(text),
    );
  }
  return new Response(text, {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  });
}
