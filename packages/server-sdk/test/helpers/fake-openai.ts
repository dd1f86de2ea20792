import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedTranscription {
  model: string;
  filename: string;
  fileType: string;
  file: Buffer;
  fields: Record<string, string>;
}

export interface FakeOpenAI {
  baseURL: string;
  transcriptions: RecordedTranscription[];
  /** Raw JSON bodies of chat completion requests. */
  chats: Array<{ raw: string; body: any }>;
  /** Every request body as received (for "no name, no e-mail, no video" checks). */
  rawBodies: Buffer[];
  /** Next transcript texts, used in order (the last one repeats). */
  transcriptTexts: string[];
  /** Answer the next N chat calls with HTTP 500. */
  failNextChats: number;
  /** Hold the next chat call this long before answering (a slow model; lets a test kill the worker). */
  holdNextChatMs: number;
  close(): Promise<void>;
}

/** Splits a multipart/form-data body into its parts (enough for the openai SDK's uploads). */
function parseMultipart(body: Buffer, contentType: string) {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/.exec(contentType);
  const marker = Buffer.from(`--${boundary?.[1] ?? boundary?.[2]}`);
  const parts: Array<{ name: string; filename?: string; type?: string; data: Buffer }> = [];
  let start = body.indexOf(marker);
  while (start >= 0) {
    const next = body.indexOf(marker, start + marker.length);
    if (next < 0) break;
    const part = body.subarray(start + marker.length + 2, next - 2);
    const headerEnd = part.indexOf('\r\n\r\n');
    const headers = part.subarray(0, headerEnd).toString();
    parts.push({
      name: /name="([^"]+)"/.exec(headers)?.[1] ?? '',
      ...(/filename="([^"]+)"/.exec(headers) ? { filename: /filename="([^"]+)"/.exec(headers)![1] } : {}),
      ...(/content-type:\s*([^\r\n]+)/i.exec(headers) ? { type: /content-type:\s*([^\r\n]+)/i.exec(headers)![1] } : {}),
      data: part.subarray(headerEnd + 4),
    });
    start = next;
  }
  return parts;
}

/**
 * A scoring answer built from the request itself: the top level for every rubric cell, one real quote
 * (the transcript's first words) and one invented quote the server must reject.
 */
function scoreFromRequest(body: any) {
  const input = JSON.parse(body.messages.find((m: any) => m.role === 'user').content);
  const scores = input.questions.flatMap((q: any) =>
    q.competencies.map((c: any) => ({
      questionId: q.questionId,
      competencyId: c.id,
      level: Math.max(...c.anchors.map((a: any) => a.level)),
      rationale: `The answer to ${q.questionId} addresses ${c.id} directly.`,
      evidence: [q.transcript.split(/\s+/).slice(0, 5).join(' '), 'words the candidate never said'],
    })),
  );
  return { scores, summary: 'Clear, specific answers with concrete examples.', human_review_required: true };
}

export async function startFakeOpenAI(): Promise<FakeOpenAI> {
  const state: Omit<FakeOpenAI, 'baseURL' | 'close'> = { transcriptions: [], chats: [], rawBodies: [], transcriptTexts: ['I calmed the customer down, listened to the whole story and refunded the order the same day.'], failNextChats: 0, holdNextChatMs: 0 };
  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    state.rawBodies.push(body);
    const send = (status: number, json: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(json));
    };
    if (req.url === '/v1/audio/transcriptions' && req.method === 'POST') {
      const parts = parseMultipart(body, req.headers['content-type'] ?? '');
      const file = parts.find((p) => p.name === 'file');
      const fields = Object.fromEntries(parts.filter((p) => p.name !== 'file').map((p) => [p.name, p.data.toString()]));
      state.transcriptions.push({ model: fields.model ?? '', filename: file?.filename ?? '', fileType: file?.type ?? '', file: file?.data ?? Buffer.alloc(0), fields });
      const text = state.transcriptTexts.length > 1 ? state.transcriptTexts.shift()! : state.transcriptTexts[0]!;
      const words = text.split(' ');
      const half = Math.ceil(words.length / 2);
      send(200, {
        task: 'transcribe',
        language: 'english',
        duration: 4.2,
        text,
        segments: [
          { id: 0, start: 0.4, end: 2.1, text: ` ${words.slice(0, half).join(' ')}` },
          { id: 1, start: 2.1, end: 4.0, text: ` ${words.slice(half).join(' ')}` },
        ],
      });
      return;
    }
    if (req.url === '/v1/chat/completions' && req.method === 'POST') {
      const json = JSON.parse(body.toString());
      state.chats.push({ raw: body.toString(), body: json });
      if (state.holdNextChatMs > 0) {
        const hold = state.holdNextChatMs;
        state.holdNextChatMs = 0;
        // Released early when the caller goes away (a killed worker), and never keeps the test process alive.
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, hold);
          timer.unref();
          res.once('close', () => {
            clearTimeout(timer);
            resolve();
          });
        });
        if (res.destroyed) return;
      }
      if (state.failNextChats > 0) {
        state.failNextChats--;
        send(500, { error: { message: 'The fake model is having a bad day.', type: 'server_error' } });
        return;
      }
      send(200, {
        id: `chatcmpl-${state.chats.length}`,
        object: 'chat.completion',
        created: Math.floor(Date.now() / 1000),
        model: `${json.model}-fake`,
        choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant', content: JSON.stringify(scoreFromRequest(json)) } }],
        usage: { prompt_tokens: 100, completion_tokens: 50, total_tokens: 150 },
      });
      return;
    }
    send(404, { error: { message: `No fake for ${req.method} ${req.url}` } });
  });
  server.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const { port } = server.address() as AddressInfo;
  return Object.assign(state, {
    baseURL: `http://127.0.0.1:${port}/v1`,
    async close() {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    },
  }) as FakeOpenAI;
}
