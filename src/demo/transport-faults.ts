// Faults that break the answer itself rather than its content: what a proxy, a crashed
// worker or a runaway serializer sends back.

import { HTML_CONTENT_TYPE, JSON_CONTENT_TYPE, jsonReply } from './respond.ts';
import type { Reply } from './respond.ts';

export function serverErrorReply(requestId: string): Reply {
  return jsonReply(500, { error: 'internal server error', requestId });
}

/** What an edge proxy serves, with 200, when the service behind it is down. */
export function htmlErrorPageReply(requestId: string): Reply {
  const body = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>We'll be right back</title></head>
<body>
<h1>We'll be right back</h1>
<p>Our shop is having a short break. Please try again in a few minutes.</p>
<p><small>Reference: ${requestId}</small></p>
</body>
</html>
`;
  return { status: 200, contentType: HTML_CONTENT_TYPE, body };
}

/** A prefix of the JSON text, cut where it can no longer parse: a connection reset mid-body, replayed as complete. */
export function truncateReply(reply: Reply): Reply {
  const cut = Math.max(1, Math.floor(reply.body.length / 2));
  return { ...reply, contentType: JSON_CONTENT_TYPE, body: reply.body.slice(0, cut) };
}
