import { expect } from '@esm-bundle/chai';
import '../src/index.js';
import type { CandidInterview } from '../src/candid-interview.js';
import type { CandidErrorDetail } from '../src/events.js';
import { createSession, nextEvent, waitFor } from './support/helpers.js';

describe('<candid-interview> errors', () => {
  let el: CandidInterview | undefined;
  afterEach(() => {
    el?.remove();
    el = undefined;
  });

  it('an invalid token yields candid-error with the server code and an error screen', async () => {
    const { endpoint } = await createSession();
    // What the server itself says about this token.
    const direct = await fetch(`${endpoint}/v1/session`, { headers: { Authorization: 'Bearer not-a-real-token' } });
    const body = (await direct.json()) as { error: { code: string } };
    expect(direct.status).to.equal(401);
    expect(body.error.code).to.match(/^SESSION_TOKEN_/);

    el = document.createElement('candid-interview');
    const failed = nextEvent<CandidErrorDetail>(document, 'candid-error');
    el.setAttribute('endpoint', endpoint);
    el.setAttribute('token', 'not-a-real-token');
    document.body.append(el);
    const { detail } = await failed;
    expect(detail.code).to.equal(body.error.code);
    expect(detail.status).to.equal(401);
    expect(detail.recoverable).to.equal(false);
    expect(detail.message).to.be.a('string').and.not.equal('');

    await el.updateComplete;
    expect(el.store.getState().phase).to.equal('error');
    const screen = el.shadowRoot!.querySelector('[part="error"]')!;
    expect(screen.getAttribute('role')).to.equal('alert');
    expect(screen.getAttribute('data-code')).to.equal(body.error.code);
    expect(el.shadowRoot!.querySelector('button[name="retry"]')).to.equal(null);
  });

  it('an unreachable server is a recoverable NETWORK_ERROR with a working "Try again"', async () => {
    el = document.createElement('candid-interview');
    const failed = nextEvent<CandidErrorDetail>(el, 'candid-error');
    el.endpoint = 'http://127.0.0.1:9/candid'; // discard port: connection refused
    el.token = 'whatever';
    document.body.append(el);
    const { detail } = await failed;
    expect(detail).to.include({ code: 'NETWORK_ERROR', recoverable: true });
    await el.updateComplete;
    const retry = await waitFor(() => el!.shadowRoot!.querySelector<HTMLButtonElement>('button[name="retry"]'), 'retry button');
    const again = nextEvent<CandidErrorDetail>(el, 'candid-error');
    retry.click();
    expect(el.store.getState().phase).to.equal('loading');
    expect((await again).detail.code).to.equal('NETWORK_ERROR');
  });

  it('missing attributes produce MISSING_ATTRIBUTES', async () => {
    el = document.createElement('candid-interview');
    const failed = nextEvent<CandidErrorDetail>(el, 'candid-error');
    document.body.append(el);
    expect((await failed).detail.code).to.equal('MISSING_ATTRIBUTES');
  });
});
